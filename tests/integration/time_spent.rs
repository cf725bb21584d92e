//! W6 in S1: where each category's time went — handling, the waits on the
//! customer and on a third party, the first and the total resolution — as
//! samples of calendar and business seconds, computed by hand here.

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::event::{
    AwaitCustomer, AwaitThirdParty, CustomerReplied, ThirdPartyReplied,
};
use complaint_workflow::report::{ClassificationReport, Clock, Period, TimeMeasure};
use complaint_workflow::time::{BusinessCalendar, Zone};
use complaint_workflow::{Category, Complainant, ComplaintRecord, Event, Severity};

use super::support::{accept_of, agent, ctx, dismiss, utc};

/// A complaint received and accepted at `received`, then `events` by the agent.
fn walked(
    category: &str,
    received: DateTime<Utc>,
    events: Vec<(DateTime<Utc>, Event)>,
) -> ComplaintRecord {
    let form = accept_of(
        Complainant::member("c-1"),
        received,
        category,
        Severity::Medium,
    );
    let mut record = ComplaintRecord::accept(form, &ctx(agent(), received)).unwrap();
    for (at, event) in events {
        record.apply(event, &ctx(agent(), at)).unwrap();
    }
    record
}

/// Billing A, Monday 23 November: received 09:00, the customer awaited
/// 10:00–12:00, a supplier 13:00–15:00, dismissed 16:00. Billing B: received
/// Monday 16:00, dismissed Tuesday 10:00 (two working hours). Delivery C:
/// received Monday 09:00, accepted and nothing since.
fn records() -> Vec<ComplaintRecord> {
    let monday = |hour| utc(2026, 11, 23, hour, 0);
    let a = walked(
        "billing",
        monday(9),
        vec![
            (
                monday(10),
                AwaitCustomer {
                    reason: "The invoice".into(),
                }
                .into(),
            ),
            (
                monday(12),
                CustomerReplied {
                    summary: "Sent it".into(),
                }
                .into(),
            ),
            (
                monday(13),
                AwaitThirdParty {
                    party: "The payment provider".into(),
                    reason: "The charge's trace".into(),
                }
                .into(),
            ),
            (
                monday(15),
                ThirdPartyReplied {
                    summary: "Charged once".into(),
                }
                .into(),
            ),
            (monday(16), dismiss().into()),
        ],
    );
    let b = walked(
        "billing",
        monday(16),
        vec![(utc(2026, 11, 24, 10, 0), dismiss().into())],
    );
    let c = walked("delivery", monday(9), Vec::new());
    vec![a, b, c]
}

fn hours(n: i64) -> i64 {
    Duration::hours(n).num_seconds()
}

fn report() -> ClassificationReport {
    let november = Period::month(2026, 11, Zone::Utc).unwrap();
    ClassificationReport::compute_with(&records(), &november, &BusinessCalendar::default()).unwrap()
}

/// W6: the samples per category and clock, computed by hand: billing's
/// handling is 3 h (A: 9–10, 12–13, 15–16) and 18 h (B, two of them working
/// hours); its waits 2 h each for A, none for B; its resolutions 7 h and
/// 18 h on the calendar, 7 h and 2 h of working time.
#[test]
fn w6_s1_time_spent_per_category_by_hand() {
    let report = report();
    let billing = &report.time_spent_by_category[&Category::new("billing")];
    let sample = |measure, clock| billing.of(measure).on(clock).seconds().to_vec();
    assert_eq!(
        sample(TimeMeasure::Handling, Clock::Calendar),
        [hours(3), hours(18)]
    );
    assert_eq!(
        sample(TimeMeasure::Handling, Clock::Business),
        [hours(2), hours(3)]
    );
    assert_eq!(
        sample(TimeMeasure::WaitingOnCustomer, Clock::Calendar),
        [0, hours(2)]
    );
    assert_eq!(
        sample(TimeMeasure::WaitingOnThirdParty, Clock::Business),
        [0, hours(2)]
    );
    assert_eq!(
        sample(TimeMeasure::FirstResolution, Clock::Calendar),
        [hours(7), hours(18)]
    );
    assert_eq!(
        sample(TimeMeasure::TotalResolution, Clock::Business),
        [hours(2), hours(7)]
    );
    let handling = billing.of(TimeMeasure::Handling);
    assert_eq!(handling.calendar.mean(), Some(hours(21) / 2));
    assert_eq!(handling.calendar.median(), Some(hours(3)));
    assert_eq!(handling.calendar.p90(), Some(hours(18)));
    assert_eq!(handling.business.mean(), Some(hours(5) / 2));

    // C is open: its handling counts up to its last entry, its resolutions not at all.
    let delivery = &report.time_spent_by_category[&Category::new("delivery")];
    assert_eq!(delivery.handling.calendar.seconds(), [0]);
    assert!(delivery.first_resolution.calendar.is_empty());

    // S1 without a calendar leaves W6 out, and is otherwise the same.
    let november = Period::month(2026, 11, Zone::Utc).unwrap();
    let mut plain = report.clone();
    plain.time_spent_by_category.clear();
    assert_eq!(ClassificationReport::compute(&records(), &november), plain);
}

/// W6: the CSV has a row per category, measure and clock (count, median,
/// p90, mean in seconds); the text a table of the same with durations.
#[test]
fn w6_s1_csv_and_text_show_the_time_spent() {
    let report = report();
    let csv = report.to_csv();
    assert!(
        csv.contains("\r\nhandling_business,billing,2,7200,10800,9000\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\r\nfirst_resolution_calendar,billing,2,25200,64800,45000\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\r\nhandling_calendar,delivery,1,0,0,0\r\n"),
        "{csv}"
    );
    assert!(!csv.contains("first_resolution_calendar,delivery"), "{csv}");
    let text = report.to_string();
    let row = text
        .lines()
        .find(|line| {
            line.starts_with("billing") && line.contains("handling") && line.contains("calendar")
        })
        .unwrap_or_else(|| panic!("no handling row for billing:\n{text}"));
    let cells: Vec<&str> = row
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells,
        [
            "billing", "handling", "calendar", "2", "10h 30m", "3h 00m", "18h 00m"
        ]
    );
}
