//! The demo month: deterministic from its seed, and the last whole month
//! before a given time in the month's zone.

use chrono::{TimeZone, Utc};
use complaint_workflow::Policy;
use complaint_workflow::report::ClassificationReport;
use complaint_workflow::time::Zone;
use complaint_workflow_demo::{Month, generate};

/// Shanghai keeps UTC+8 all year: a fixed zone is the same zone.
fn shanghai() -> Zone {
    Zone::fixed(8 * 3600).unwrap()
}

#[test]
fn the_same_seed_makes_the_same_month() {
    let month = Month {
        year: 2026,
        month: 2,
        zone: shanghai(),
        seed: 7,
    };
    let period = month.period().unwrap();
    let policy = Policy::default();
    let one = generate(&month, &policy, period.end()).unwrap();
    let two = generate(&month, &policy, period.end()).unwrap();
    assert_eq!(one.len(), two.len());
    assert_eq!(
        ClassificationReport::compute(&one, &period),
        ClassificationReport::compute(&two, &period)
    );
    let other = Month { seed: 8, ..month };
    let three = generate(&other, &policy, period.end()).unwrap();
    assert_ne!(
        (one.len(), ClassificationReport::compute(&one, &period)),
        (three.len(), ClassificationReport::compute(&three, &period))
    );
}

#[test]
fn the_demo_month_is_the_last_whole_month_in_the_zone() {
    // 22:19 UTC on 1 December is already 2 December in Shanghai.
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 22, 19, 0).unwrap();
    let month = Month::before(now, shanghai());
    assert_eq!((month.year, month.month), (2026, 11));
    let january = Utc.with_ymd_and_hms(2027, 1, 5, 0, 0, 0).unwrap();
    let month = Month::before(january, shanghai());
    assert_eq!((month.year, month.month), (2026, 12));
}
