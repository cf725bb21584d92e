//! The summary's arithmetic on criterion-like folders made for the test.

use super::*;

/// A criterion-like folder under the system's temporary folder, removed
/// when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("bench_summary-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    /// The files criterion leaves for the bench `id` whose mean is
    /// `mean` ns per iteration, with `elements` per iteration if any: in
    /// `<id>/new/`, and a previous run's (ten times slower, not to be read)
    /// in `<id>/base/`.
    fn bench(&self, id: &str, mean: f64, elements: Option<u64>) {
        self.run(id, "base", mean * 10.0, elements);
        self.run(id, "new", mean, elements);
    }

    fn run(&self, id: &str, run: &str, mean: f64, elements: Option<u64>) {
        let dir = self.0.join(id).join(run);
        fs::create_dir_all(&dir).unwrap();
        let throughput = elements.map_or(Value::Null, |n| serde_json::json!({"Elements": n}));
        let benchmark = serde_json::json!({
            "group_id": id.split('/').next().unwrap(),
            "full_id": id,
            "directory_name": id,
            "throughput": throughput,
        });
        let estimate = |x: f64| {
            serde_json::json!({
                "confidence_interval": {"confidence_level": 0.95,
                    "lower_bound": x * 0.9, "upper_bound": x * 1.1},
                "point_estimate": x,
                "standard_error": x * 0.05,
            })
        };
        // The median and slope differ from the mean: the mean is read.
        let estimates = serde_json::json!({
            "mean": estimate(mean),
            "median": estimate(mean * 3.0),
            "median_abs_dev": estimate(1.0),
            "slope": estimate(mean * 5.0),
            "std_dev": estimate(1.0),
        });
        fs::write(dir.join("benchmark.json"), benchmark.to_string()).unwrap();
        fs::write(dir.join("estimates.json"), estimates.to_string()).unwrap();
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn find(id: &str, measured: &str) -> Figure {
    figures::sections()
        .into_iter()
        .flat_map(|section| section.figures)
        .find(|figure| figure.id == id && figure.measured == measured)
        .unwrap()
}

fn measured(outcome: Outcome) -> (f64, Verdict) {
    match outcome {
        Outcome::Measured { ratio, verdict, .. } => (ratio, verdict),
        other => panic!("not measured: {other:?}"),
    }
}

#[test]
fn a_throughput_ratio_per_element_against_its_goal() {
    let folder = Folder::new("p8");
    // 730 µs a desk POST against 469 µs bare: 0.64× (goal ≥ 0.5×).
    folder.bench("p8_event_post/desk_router", 730_000.0, Some(1));
    folder.bench("p8_event_post/bare_axum_insert", 469_000.0, Some(1));
    // The feed at 1,000,000 entries: 9.4 s against 4.5 s a run of
    // 1,000,000 elements, 0.48× (goal ≥ 0.8×).
    folder.bench("feed_read/crate/1000000", 9.4e9, Some(1_000_000));
    folder.bench("feed_read/raw/1000000", 4.5e9, Some(1_000_000));
    let results = read_results(&folder.0).unwrap();
    assert_eq!(results.len(), 4);
    assert_eq!(results["feed_read/raw/1000000"].nanos, 4_500.0);

    let p8 = find("P8", "p8_event_post/desk_router");
    let (ratio, verdict) = measured(evaluate(&p8, &results));
    assert!((ratio - 469.0 / 730.0).abs() < 1e-9, "{ratio}");
    assert_eq!(verdict, Verdict::Met);

    let feed = find("feed", "feed_read/crate/1000000");
    assert_eq!(feed.goal, Goal::ThroughputAtLeast(0.8));
    let (ratio, verdict) = measured(evaluate(&feed, &results));
    assert!((ratio - 4.5 / 9.4).abs() < 1e-9, "{ratio}");
    assert_eq!(verdict, Verdict::Missed);
}

#[test]
fn a_time_ratio_against_its_goal() {
    let folder = Folder::new("due");
    // PostgreSQL's due query, no throughput: 1.5× and 2.5× the raw time.
    folder.bench("due/crate_10000", 750_000.0, None);
    folder.bench("due/raw_10000", 500_000.0, None);
    folder.bench("due/crate_1000000", 1_250_000.0, None);
    folder.bench("due/raw_1000000", 500_000.0, None);
    let results = read_results(&folder.0).unwrap();
    let (ratio, verdict) = measured(evaluate(&find("due", "due/crate_10000"), &results));
    assert!((ratio - 1.5).abs() < 1e-9, "{ratio}");
    assert_eq!(verdict, Verdict::Met);
    let (ratio, verdict) = measured(evaluate(&find("due", "due/crate_1000000"), &results));
    assert!((ratio - 2.5).abs() < 1e-9, "{ratio}");
    assert_eq!(verdict, Verdict::Missed);
}

#[test]
fn a_bench_not_run_shows_as_missing() {
    let folder = Folder::new("missing");
    folder.bench("writers/crate_16_writers", 540_000.0, None);
    let results = read_results(&folder.0).unwrap();
    let p7 = find("P7", "writers/crate_16_writers");
    let outcome = evaluate(&p7, &results);
    assert_eq!(
        outcome,
        Outcome::Missing(vec!["writers/raw_transaction_16_connections".to_owned()])
    );
    let mut tally = Tally::default();
    let printed = line(&p7, &outcome, &mut tally);
    assert!(printed.contains("not run: writers/raw_transaction_16_connections"));
    assert_eq!((tally.missing, tally.met, tally.missed), (1, 0, 0));
    // Nothing at all of P6.
    let p6 = find("P6", "p6_sqlite_append/store_append");
    let outcome = evaluate(&p6, &results);
    let Outcome::Missing(ids) = &outcome else {
        panic!("P6 measured from nothing");
    };
    assert_eq!(ids.len(), 2);
    let printed = line(&p6, &outcome, &mut tally);
    assert!(printed.trim_end().ends_with("not run"), "{printed}");
    assert_eq!(tally.missing, 2);
}

#[test]
fn per_element_and_per_iteration_are_not_compared() {
    let folder = Folder::new("units");
    folder.bench("p6_sqlite_append/store_append", 250_000.0, Some(1));
    folder.bench("p6_sqlite_append/raw_insert", 210_000.0, None);
    let results = read_results(&folder.0).unwrap();
    let p6 = find("P6", "p6_sqlite_append/store_append");
    let outcome = evaluate(&p6, &results);
    assert_eq!(outcome, Outcome::Incomparable);
    let mut tally = Tally::default();
    assert!(line(&p6, &outcome, &mut tally).contains("not comparable"));
    assert_eq!((tally.incomparable, tally.missing), (1, 0));
}

#[test]
fn every_figure_names_two_distinct_benches_once() {
    let mut seen = std::collections::BTreeSet::new();
    for figure in figures::sections().iter().flat_map(|s| &s.figures) {
        assert_ne!(figure.measured, figure.baseline, "{}", figure.what);
        assert!(seen.insert((figure.measured.clone(), figure.baseline.clone())));
    }
    assert_eq!(figures::thousands(1_000_000), "1,000,000");
    assert_eq!(figures::thousands(500), "500");
}
