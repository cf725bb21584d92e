//! A month of complaints and its reports (S1–S4): November 2026 in
//! Asia/Shanghai, generated from a fixed seed, reported as plain-text tables
//! (S1 classification, S2 follow-up summary, S4 deadline breaches), as CSV
//! files and as an SVG chart.
//!
//! Run it with `cargo run --example monthly_report`. It writes
//! `target/report/s1_classification.csv`, `s2_follow_up.csv`,
//! `s4_breaches_by_kind.csv`, `s4_breaches.csv` and `november_2026.svg`
//! (complaints per day by outcome, breaches per deadline kind).
//!
//! The complaints come from the workspace's demo generator
//! (`complaint-workflow-demo`, the desk's `--demo` data too), made through
//! the public API, event by event, so every rule holds: phone calls answered within 3 minutes or not (T1), upheld
//! complaints investigated by the agreed time or late (R2, R3), simple ones
//! resolved on the first contact (T5), follow-ups attempted outside the
//! customer's quiet hours (F4) within 3 days or late (F7), some never
//! reaching the customer (F5), some dissatisfied (F3). Nothing happens after
//! the report is made (2026-12-01 00:00 in Shanghai), so the complaints of
//! the last days are still open.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use complaint_workflow::{
    Policy,
    deadline::DeadlineKind,
    report::{BreachReport, ClassificationReport, ComplaintOutcome, FollowUpSummary, Period},
    time::{BusinessCalendar, Zone},
};
use complaint_workflow_demo::{Month, generate};
use plotters::prelude::*;

fn main() -> Result<(), Box<dyn Error>> {
    let zone = Zone::iana("Asia/Shanghai")?;
    let policy = Policy::builder()
        .calendar(BusinessCalendar::new(zone))
        .build()?;
    let november = Period::month(2026, 11, zone)?;
    // The reports are made at midnight after the month, local time.
    let now = november.end();

    let month = Month {
        year: 2026,
        month: 11,
        zone,
        seed: Month::SEED,
    };
    let records = generate(&month, &policy, now)?;
    let first = NaiveDate::from_ymd_opt(2026, 11, 1).ok_or("no such date")?;
    let days: Vec<NaiveDate> = first.iter_days().take(30).collect();

    let s1 = ClassificationReport::compute(&records, &november);
    let s2 = FollowUpSummary::compute(&records, &november);
    let s4 = BreachReport::compute(&records, &november, now);
    println!(
        "{} complaints generated from seed {}\n",
        records.len(),
        month.seed
    );
    println!("{s1}");
    println!("{s2}");
    println!("{s4}");

    // S3: the month is the merge of its days.
    let mut daily = Vec::new();
    let mut merged = ClassificationReport::default();
    for &day in &days {
        let report = ClassificationReport::compute(&records, &Period::day(day, zone)?);
        merged = merged.merge(report.clone());
        daily.push(report);
    }
    if merged != s1 {
        return Err("the daily reports do not merge into the monthly one".into());
    }
    println!("The 30 daily S1 reports merge into the monthly one.");

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report");
    fs::create_dir_all(&dir)?;
    let files = [
        ("s1_classification.csv", s1.to_csv()),
        ("s2_follow_up.csv", s2.to_csv()),
        ("s4_breaches_by_kind.csv", s4.to_csv()),
        ("s4_breaches.csv", s4.breaches_to_csv()),
    ];
    let mut written: Vec<PathBuf> = Vec::new();
    for (name, csv) in files {
        let path = dir.join(name);
        fs::write(&path, csv)?;
        written.push(path);
    }
    let chart = dir.join("november_2026.svg");
    draw_chart(&chart, &daily, &s4)?;
    written.push(chart);
    println!("\nWritten:");
    for path in written {
        println!("  {}", path.display());
    }
    Ok(())
}

/// Two charts in one SVG: the complaints received each day, stacked by
/// outcome (S1), and the breaches of each deadline kind, stacked by how
/// they ended (S4).
fn draw_chart(
    path: &Path,
    daily: &[ClassificationReport],
    breaches: &BreachReport,
) -> Result<(), Box<dyn Error>> {
    let root = SVGBackend::new(path, (1100, 900)).into_drawing_area();
    root.fill(&WHITE)?;
    let (top, bottom) = root.split_vertically(500);

    let outcomes = [
        (ComplaintOutcome::Upheld, RGBColor(46, 139, 87)),
        (ComplaintOutcome::Dismissed, RGBColor(150, 150, 150)),
        (ComplaintOutcome::Withdrawn, RGBColor(230, 145, 56)),
        (ComplaintOutcome::Open, RGBColor(66, 133, 244)),
    ];
    let most = daily.iter().map(|day| day.complaints).max().unwrap_or(0);
    let days = u32::try_from(daily.len())?;
    let mut chart = ChartBuilder::on(&top)
        .caption(
            "Complaints received per day, November 2026 (Asia/Shanghai), by outcome",
            ("sans-serif", 22),
        )
        .margin(20)
        .x_label_area_size(40)
        .y_label_area_size(50)
        // Head room above the bars for the legend.
        .build_cartesian_2d(0.5_f64..f64::from(days) + 0.5, 0_u64..most + most / 2 + 1)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(daily.len())
        .x_label_formatter(&|x| format!("{x:.0}"))
        .x_desc("day of November")
        .y_desc("complaints")
        .draw()?;
    for (index, (outcome, color)) in outcomes.iter().enumerate() {
        let bars = daily.iter().zip(1_u32..).map(|(report, day)| {
            let below: u64 = outcomes[..index]
                .iter()
                .map(|(earlier, _)| report.outcome(*earlier))
                .sum();
            let x = f64::from(day);
            Rectangle::new(
                [
                    (x - 0.38, below),
                    (x + 0.38, below + report.outcome(*outcome)),
                ],
                color.filled(),
            )
        });
        let color = *color;
        chart
            .draw_series(bars)?
            .label(outcome.name())
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], color.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()?;

    let kinds: Vec<DeadlineKind> = breaches.by_kind.keys().copied().collect();
    let states = [
        ("met late", RGBColor(230, 145, 56)),
        ("cancelled late", RGBColor(150, 150, 150)),
        ("still open past due", RGBColor(204, 51, 51)),
    ];
    let counts = |kind: DeadlineKind| {
        let tally = breaches.tally(kind);
        [tally.met_late, tally.cancelled_late, tally.still_open]
    };
    let most = kinds
        .iter()
        .map(|&kind| breaches.tally(kind).breached())
        .max()
        .unwrap_or(0);
    let width = f64::from(u32::try_from(kinds.len())?);
    let names = kinds.clone();
    let mut chart = ChartBuilder::on(&bottom)
        .caption(
            "Deadline breaches (T7) by deadline kind, due in November 2026",
            ("sans-serif", 22),
        )
        .margin(20)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d(-0.5_f64..width - 0.5, 0_u64..most + most / 2 + 1)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(kinds.len())
        .x_label_formatter(&move |x| {
            let index = x.round();
            if (x - index).abs() > 0.01 || index < 0.0 {
                return String::new();
            }
            names
                .get(format!("{index:.0}").parse::<usize>().unwrap_or(usize::MAX))
                .map(|kind| kind.name().to_owned())
                .unwrap_or_default()
        })
        .y_desc("breaches")
        .draw()?;
    for (index, (state, color)) in states.iter().enumerate() {
        let bars = kinds.iter().zip(0_u32..).map(|(&kind, position)| {
            let counts = counts(kind);
            let below: u64 = counts[..index].iter().sum();
            let x = f64::from(position);
            Rectangle::new(
                [(x - 0.3, below), (x + 0.3, below + counts[index])],
                color.filled(),
            )
        });
        let color = *color;
        chart
            .draw_series(bars)?
            .label(*state)
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], color.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}
