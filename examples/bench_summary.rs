//! One screen of the benchmark ratios (P1–P3, P5, P6) against their goals,
//! read from criterion's results under `target/criterion/`. P4 (the append
//! through the old example store) is gone; P6, the append through the
//! `complaint-workflow-sqlite` crate, takes its place.
//!
//! Run the benches first, then the summary:
//!
//! ```sh
//! cargo bench --workspace
//! cargo run --release --example bench_summary
//! ```
//!
//! Each ratio compares two benches of the same run, per element (event,
//! entry, complaint, query) where criterion recorded a throughput. A bench
//! that has not been run shows as missing; nothing is made up.

use std::collections::BTreeMap;
use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// How a ratio is held against its goal.
#[derive(Clone, Copy)]
enum Goal {
    /// The measured time divided by the baseline's is at most this.
    TimeAtMost(f64),
    /// The baseline's time divided by the measured time (a throughput
    /// ratio) is at least this.
    ThroughputAtLeast(f64),
}

/// One line of the summary: a bench against its baseline.
struct Comparison {
    id: &'static str,
    what: &'static str,
    measured: String,
    baseline: String,
    goal: Goal,
}

/// A comparison of `measured` against `baseline`, both criterion ids.
fn compare(
    id: &'static str,
    what: &'static str,
    measured: impl Into<String>,
    baseline: impl Into<String>,
    goal: Goal,
) -> Comparison {
    Comparison {
        id,
        what,
        measured: measured.into(),
        baseline: baseline.into(),
        goal,
    }
}

fn comparisons(sizes: &BTreeMap<String, Vec<String>>) -> Vec<Comparison> {
    use Goal::{ThroughputAtLeast, TimeAtMost};
    let decide = "p1_dispatch/decide";
    let mut lines = vec![
        compare(
            "P1",
            "decide, table vs hand match",
            decide,
            "p1_dispatch/hand_match",
            TimeAtMost(1.0),
        ),
        compare(
            "P1",
            "decide vs statig",
            decide,
            "p1_dispatch/statig",
            ThroughputAtLeast(1.3),
        ),
        compare(
            "P1",
            "decide vs rust-fsm",
            decide,
            "p1_dispatch/rust_fsm",
            ThroughputAtLeast(1.3),
        ),
        compare(
            "P1b",
            "full apply vs hand match",
            "p1b_apply/record_apply",
            "p1_dispatch/hand_match",
            TimeAtMost(10.0),
        ),
    ];
    // A group not run yet still gets a line ("not run"), under size 0.
    let sized = |group: &str| {
        sizes
            .get(group)
            .cloned()
            .unwrap_or_else(|| vec!["0".to_owned()])
    };
    // (id, what, group, measured, baseline, goal) for the sized groups.
    let per_size = [
        (
            "P2",
            "replay from JSON vs deserialize only",
            "p2_replay",
            "deserialize_replay",
            "deserialize",
            ThroughputAtLeast(0.8),
        ),
        (
            "P3",
            "agenda due-before vs BTreeMap",
            "p3_due_before",
            "agenda",
            "btreemap",
            TimeAtMost(2.0),
        ),
        (
            "P3",
            "agenda reschedule vs BTreeMap",
            "p3_reschedule",
            "agenda",
            "btreemap",
            TimeAtMost(2.0),
        ),
        (
            "P5",
            "S1 report from JSON vs deserialize only",
            "p5_report",
            "load_and_compute",
            "deserialize",
            TimeAtMost(1.5),
        ),
    ];
    for (id, what, group, measured, baseline, goal) in per_size {
        for n in sized(group) {
            lines.push(compare(
                id,
                what,
                format!("{group}/{measured}/{n}"),
                format!("{group}/{baseline}/{n}"),
                goal,
            ));
        }
    }
    // P6 replaced P4 when the SQLite store moved into its own crate: the
    // bench is `stores/sqlite/benches/append.rs` (`cargo bench -p
    // complaint-workflow-sqlite`); its results land under the same
    // `target/criterion/`.
    lines.push(compare(
        "P6",
        "SQLite store append vs raw sqlx insert, NORMAL",
        "p6_sqlite_append/store_append",
        "p6_sqlite_append/raw_insert",
        ThroughputAtLeast(0.8),
    ));
    // In the order of the ids; a stable sort keeps the sizes in order.
    lines.sort_by_key(|line| line.id);
    lines
}

/// A bench's mean time per element (or per iteration without a
/// throughput), in nanoseconds.
#[derive(Clone, Copy)]
struct PerElement {
    nanos: f64,
}

/// Every bench under `root`: its full id and time per element.
fn read_results(root: &Path) -> Result<BTreeMap<String, PerElement>, Box<dyn Error>> {
    let mut results = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|name| name == "new") {
                    if let Some((id, time)) = read_bench(&path)? {
                        results.insert(id, time);
                    }
                } else {
                    stack.push(path);
                }
            }
        }
    }
    Ok(results)
}

fn read_bench(dir: &Path) -> Result<Option<(String, PerElement)>, Box<dyn Error>> {
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
    let elements = ["Elements", "Bytes", "BytesDecimal"]
        .iter()
        .find_map(|unit| throughput[unit].as_f64())
        .filter(|&n| n > 0.0)
        .unwrap_or(1.0);
    Ok(Some((
        id.to_owned(),
        PerElement {
            nanos: mean / elements,
        },
    )))
}

/// The sizes each group was run at, from ids `group/function/size`, in
/// increasing order.
fn sizes(results: &BTreeMap<String, PerElement>) -> BTreeMap<String, Vec<String>> {
    let mut sizes: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for id in results.keys() {
        let parts: Vec<&str> = id.split('/').collect();
        let [group, _, size] = parts.as_slice() else {
            continue;
        };
        let Ok(size) = size.parse::<u64>() else {
            continue;
        };
        let list = sizes.entry((*group).to_owned()).or_default();
        if !list.contains(&size) {
            list.push(size);
        }
    }
    sizes
        .into_iter()
        .map(|(group, mut list)| {
            list.sort_unstable();
            (group, list.iter().map(u64::to_string).collect())
        })
        .collect()
}

fn format_nanos(nanos: f64) -> String {
    if nanos >= 1e6 {
        format!("{:.2} ms", nanos / 1e6)
    } else if nanos >= 1e3 {
        format!("{:.2} µs", nanos / 1e3)
    } else {
        format!("{nanos:.1} ns")
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let root = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from("target"), PathBuf::from)
        .join("criterion");
    let results = read_results(&root)?;
    if results.is_empty() {
        println!(
            "No criterion results under {}: run `cargo bench` first.",
            root.display()
        );
        return Ok(());
    }
    println!(
        "{:<4} {:<52} {:>11} {:>11} {:>7}  {:<8} result",
        "id", "what", "measured", "baseline", "ratio", "goal"
    );
    let (mut met, mut missed, mut absent) = (0, 0, 0);
    for line in comparisons(&sizes(&results)) {
        let size = line
            .measured
            .rsplit('/')
            .next()
            .filter(|last| last.parse::<u64>().is_ok_and(|n| n > 0))
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let what = format!("{}{size}", line.what);
        let (Some(measured), Some(baseline)) =
            (results.get(&line.measured), results.get(&line.baseline))
        else {
            absent += 1;
            println!("{:<4} {what:<52} not run", line.id);
            continue;
        };
        let (ratio, goal, ok) = match line.goal {
            Goal::TimeAtMost(limit) => {
                let ratio = measured.nanos / baseline.nanos;
                (ratio, format!("≤ {limit}×"), ratio <= limit)
            }
            Goal::ThroughputAtLeast(limit) => {
                let ratio = baseline.nanos / measured.nanos;
                (ratio, format!("≥ {limit}×"), ratio >= limit)
            }
        };
        if ok {
            met += 1;
        } else {
            missed += 1;
        }
        println!(
            "{:<4} {what:<52} {:>11} {:>11} {:>6.2}×  {goal:<8} {}",
            line.id,
            format_nanos(measured.nanos),
            format_nanos(baseline.nanos),
            ratio,
            if ok { "met" } else { "MISSED" },
        );
    }
    println!(
        "\n{met} met, {missed} missed, {absent} not run. Times are means per element \
         (event, entry, complaint or query) from {}.",
        root.display()
    );
    println!(
        "P4 (the append through the old example store) is replaced by P6, the append \
         through the SQLite store crate: `cargo bench -p complaint-workflow-sqlite`."
    );
    Ok(())
}
