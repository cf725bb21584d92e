//! One screen of every benchmark figure the READMEs report (P1–P3, P5–P8,
//! the store crates' due query, change feed and load, the desk's event
//! POSTs) against its goal, read from criterion's results under
//! `target/criterion/` (or `$CARGO_TARGET_DIR/criterion/`, or the folder
//! given as the first argument). The table of figures is in `figures.rs`.
//!
//! Run the benches first, then the summary:
//!
//! ```sh
//! cargo bench --workspace        # the PostgreSQL benches need DATABASE_URL
//! cargo run --release --example bench_summary
//! ```
//!
//! Each ratio divides the mean times criterion estimated for two benches,
//! per element (event, entry, complaint, query) where criterion recorded a
//! throughput: the same statistic on both sides, in the same unit. A bench
//! that has not been run shows as missing; nothing is made up.
//!
//! The store benches also print a *paired* figure when they finish (every
//! side timed in every turn, totalled), which their READMEs hold against
//! the goal; criterion does not store it, so this screen gives criterion's
//! estimates, which a change in the machine's load between two benchmarks
//! moves more.

mod figures;

use std::collections::BTreeMap;
use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use figures::{Figure, Goal};

/// A bench's mean time, per element where criterion recorded a throughput.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Mean {
    /// Nanoseconds per element, or per iteration without a throughput.
    nanos: f64,
    /// Whether the time is per element (a throughput was recorded).
    per_element: bool,
}

/// Every bench under `root` (a criterion output folder): its full id and
/// mean time. A folder without both of criterion's files is skipped.
fn read_results(root: &Path) -> Result<BTreeMap<String, Mean>, Box<dyn Error>> {
    let mut results = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry?.path();
            if !path.is_dir() {
                continue;
            }
            if path.file_name().is_some_and(|name| name == "new") {
                if let Some((id, mean)) = read_bench(&path)? {
                    results.insert(id, mean);
                }
            } else {
                stack.push(path);
            }
        }
    }
    Ok(results)
}

/// The id and mean time of the bench whose latest results are in `dir`.
fn read_bench(dir: &Path) -> Result<Option<(String, Mean)>, Box<dyn Error>> {
    let (Ok(benchmark), Ok(estimates)) = (
        fs::read_to_string(dir.join("benchmark.json")),
        fs::read_to_string(dir.join("estimates.json")),
    ) else {
        return Ok(None);
    };
    let benchmark: Value = serde_json::from_str(&benchmark)?;
    let estimates: Value = serde_json::from_str(&estimates)?;
    let Some(id) = benchmark["full_id"].as_str() else {
        return Ok(None);
    };
    let Some(mean) = estimates["mean"]["point_estimate"].as_f64() else {
        return Ok(None);
    };
    let throughput = &benchmark["throughput"];
    let elements = ["Elements", "Bytes", "BytesDecimal", "Bits"]
        .iter()
        .find_map(|unit| throughput[unit].as_f64())
        .filter(|&n| n > 0.0);
    let mean = Mean {
        nanos: mean / elements.unwrap_or(1.0),
        per_element: elements.is_some(),
    };
    Ok(Some((id.to_owned(), mean)))
}

/// What a figure came to.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// These benches (measured, baseline or both) have no results.
    Missing(Vec<String>),
    /// One side is timed per element and the other per iteration.
    Incomparable,
    /// Both sides measured.
    Measured {
        /// The measured side's mean.
        measured: f64,
        /// The baseline's mean.
        baseline: f64,
        /// The ratio as the goal reads it.
        ratio: f64,
        /// Held against the goal.
        verdict: Verdict,
    },
}

/// A ratio against its goal.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Verdict {
    Met,
    Missed,
    /// The figure has no goal.
    Reported,
}

/// `figure` against the benches in `results`.
fn evaluate(figure: &Figure, results: &BTreeMap<String, Mean>) -> Outcome {
    let (measured, baseline) = match (results.get(&figure.measured), results.get(&figure.baseline))
    {
        (Some(measured), Some(baseline)) => (measured, baseline),
        (measured, baseline) => {
            let absent = [(measured, &figure.measured), (baseline, &figure.baseline)];
            let absent = absent.iter().filter(|(found, _)| found.is_none());
            return Outcome::Missing(absent.map(|(_, id)| (*id).clone()).collect());
        }
    };
    if measured.per_element != baseline.per_element {
        return Outcome::Incomparable;
    }
    let time = measured.nanos / baseline.nanos;
    let (ratio, verdict) = match figure.goal {
        Goal::TimeAtMost(limit) => (time, Verdict::held(time <= limit)),
        Goal::ThroughputAtLeast(limit) => (1.0 / time, Verdict::held(1.0 / time >= limit)),
        Goal::Time => (time, Verdict::Reported),
        Goal::Throughput => (1.0 / time, Verdict::Reported),
    };
    Outcome::Measured {
        measured: measured.nanos,
        baseline: baseline.nanos,
        ratio,
        verdict,
    }
}

impl Verdict {
    fn held(ok: bool) -> Self {
        if ok { Self::Met } else { Self::Missed }
    }
}

/// The goal as printed: `≤ 2×`, `≥ 0.8×`, or the ratio's reading.
fn goal_text(goal: Goal) -> String {
    match goal {
        Goal::TimeAtMost(limit) => format!("≤ {limit}×"),
        Goal::ThroughputAtLeast(limit) => format!("≥ {limit}×"),
        Goal::Time => "(time)".to_owned(),
        Goal::Throughput => "(rate)".to_owned(),
    }
}

fn format_nanos(nanos: f64) -> String {
    if nanos >= 1e9 {
        format!("{:.3} s", nanos / 1e9)
    } else if nanos >= 1e6 {
        format!("{:.2} ms", nanos / 1e6)
    } else if nanos >= 1e3 {
        format!("{:.2} µs", nanos / 1e3)
    } else {
        format!("{nanos:.1} ns")
    }
}

/// How many figures were met, missed, reported and missing.
#[derive(Default)]
struct Tally {
    met: usize,
    missed: usize,
    reported: usize,
    missing: usize,
    incomparable: usize,
}

/// The summary's line for `figure`, counted in `tally`.
fn line(figure: &Figure, outcome: &Outcome, tally: &mut Tally) -> String {
    let head = format!("{:<4} {:<48}", figure.id, figure.what);
    match outcome {
        Outcome::Missing(ids) => {
            tally.missing += 1;
            match ids.as_slice() {
                [one] => format!("{head} not run: {one}"),
                _ => format!("{head} not run"),
            }
        }
        Outcome::Incomparable => {
            tally.incomparable += 1;
            format!(
                "{head} not comparable: one side per element, the other per iteration \
                 ({} / {})",
                figure.measured, figure.baseline
            )
        }
        Outcome::Measured {
            measured,
            baseline,
            ratio,
            verdict,
        } => {
            let result = match verdict {
                Verdict::Met => {
                    tally.met += 1;
                    "met"
                }
                Verdict::Missed => {
                    tally.missed += 1;
                    "MISSED"
                }
                Verdict::Reported => {
                    tally.reported += 1;
                    "reported"
                }
            };
            format!(
                "{head} {:>11} {:>11} {ratio:>6.2}×  {:<7} {result}",
                format_nanos(*measured),
                format_nanos(*baseline),
                goal_text(figure.goal),
            )
        }
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let root = std::env::args_os().nth(1).map_or_else(
        || {
            std::env::var_os("CARGO_TARGET_DIR")
                .map_or_else(|| PathBuf::from("target"), PathBuf::from)
                .join("criterion")
        },
        PathBuf::from,
    );
    let results = read_results(&root)?;
    if results.is_empty() {
        println!(
            "No criterion results under {}: run `cargo bench --workspace` first.",
            root.display()
        );
        return Ok(());
    }
    println!(
        "{:<4} {:<48} {:>11} {:>11} {:>7}  {:<7} result",
        "id", "what (size)", "measured", "baseline", "ratio", "goal"
    );
    let mut tally = Tally::default();
    for section in figures::sections() {
        println!("-- {}: `{}`", section.title, section.command);
        for figure in &section.figures {
            println!("{}", line(figure, &evaluate(figure, &results), &mut tally));
        }
    }
    let Tally {
        met,
        missed,
        reported,
        missing,
        incomparable,
    } = tally;
    let incomparable = if incomparable > 0 {
        format!(", {incomparable} not comparable")
    } else {
        String::new()
    };
    println!(
        "\n{met} met, {missed} missed, {reported} reported, {missing} not run{incomparable}; \
         from {}.",
        root.display()
    );
    println!(
        "Each ratio divides criterion's mean times, per element where a throughput was \
         recorded.\n≤ goals and (time): time over the baseline's; ≥ goals and (rate): \
         throughput as a share of the baseline's.\nThe store benches print paired figures \
         (every side in every turn) as they finish: their READMEs hold those to the goals.\n\
         P3's bytes per complaint are printed by `cargo bench --bench agenda`."
    );
    Ok(())
}

#[cfg(test)]
mod tests;
