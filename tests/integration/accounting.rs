//! W6: time accounting — the time in each stage, handling against waiting
//! on the customer, first and total resolution — on the calendar and on a
//! business calendar.

use chrono::{Duration, TimeZone, Utc};
use complaint_workflow::StageKind;
use complaint_workflow::event::{Approve, AwaitCustomer, CustomerReplied, Reopen};
use complaint_workflow::record::Span;
use complaint_workflow::time::{BusinessCalendar, Zone};

use super::support::{
    agent, attempt_follow_up, complete_follow_up, ctx, execute, investigate, minute, propose,
    record_in, supervisor, uphold,
};

/// Every second counts: a calendar open around the clock, every day.
fn around_the_clock() -> BusinessCalendar {
    use chrono::Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
    BusinessCalendar::new(Zone::Utc)
        .with_working_days([Mon, Tue, Wed, Thu, Fri, Sat, Sun])
        .with_hours(
            chrono::NaiveTime::MIN,
            chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap(),
        )
        .expect("valid hours")
}

fn minutes(n: i64) -> i64 {
    n * 60
}

/// W6: the stages of the shortest walk to `executed` take ten minutes each,
/// the executed stage runs until the moment asked about, and the first and
/// total resolution are the time from receipt to the execution.
#[test]
fn w6_time_in_each_stage_of_a_walk() {
    let record = record_in(StageKind::Executed);
    let accounting = record
        .time_accounting(minute(80), &BusinessCalendar::new(Zone::Utc))
        .unwrap();
    let calendar = |stage| {
        accounting
            .in_stage
            .get(&stage)
            .map(|s: &Span| s.calendar_seconds)
    };
    for stage in [
        StageKind::Accepted,
        StageKind::Judged,
        StageKind::Investigated,
        StageKind::Proposed,
        StageKind::Approved,
    ] {
        assert_eq!(calendar(stage), Some(minutes(10)), "W6: {stage}");
    }
    assert_eq!(
        calendar(StageKind::Executed),
        Some(minutes(30)),
        "W6: executed until 80"
    );
    assert_eq!(accounting.waiting_on_customer, Span::default());
    assert_eq!(accounting.handling.calendar_seconds, minutes(50));
    // Monday 09:00 to 09:50 lies inside the default working hours.
    assert_eq!(accounting.handling.business_seconds, minutes(50));
    let resolution = accounting.first_resolution.expect("executed");
    assert_eq!(resolution.calendar_seconds, minutes(50));
    assert_eq!(accounting.total_resolution, Some(resolution));
    assert_eq!(accounting.rounds, 1);
}

/// W6: waiting on the customer is not handling time; the wait ends with the
/// customer's reply.
#[test]
fn w6_waiting_on_the_customer_is_not_handling() {
    let mut record = record_in(StageKind::Judged);
    let wait = AwaitCustomer {
        reason: "Waiting for the photos".into(),
    };
    record.apply(wait, &ctx(agent(), minute(20))).unwrap();
    let reply = CustomerReplied {
        summary: "Photos sent".into(),
    };
    record.apply(reply, &ctx(agent(), minute(200))).unwrap();
    let accounting = record
        .time_accounting(minute(260), &around_the_clock())
        .unwrap();
    assert_eq!(
        accounting.waiting_on_customer.calendar_seconds,
        minutes(180)
    );
    assert_eq!(
        accounting.waiting_on_customer.business_seconds,
        minutes(180)
    );
    // Accepted 0..10 and judged 10..260: 260 minutes open, 180 of them waiting.
    assert_eq!(accounting.handling.calendar_seconds, minutes(80));
    assert_eq!(accounting.first_resolution, None);
}

/// W6: a wait still running counts up to the moment asked about.
#[test]
fn w6_a_running_wait_counts_up_to_now() {
    let mut record = record_in(StageKind::Accepted);
    let wait = AwaitCustomer {
        reason: "Waiting for the receipt".into(),
    };
    record.apply(wait, &ctx(agent(), minute(5))).unwrap();
    let accounting = record
        .time_accounting(minute(65), &around_the_clock())
        .unwrap();
    assert_eq!(accounting.waiting_on_customer.calendar_seconds, minutes(60));
    assert_eq!(accounting.handling.calendar_seconds, minutes(5));
}

/// W6: a weekend counts on the calendar but not on a Monday-to-Friday
/// business calendar.
#[test]
fn w6_business_time_leaves_out_the_weekend() {
    let record = record_in(StageKind::Accepted);
    // Received Monday 09:00; asked about the next Monday 09:00.
    let next_monday = Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
    let accounting = record
        .time_accounting(next_monday, &BusinessCalendar::new(Zone::Utc))
        .unwrap();
    let accepted = accounting.in_stage[&StageKind::Accepted];
    assert_eq!(accepted.calendar_seconds, Duration::days(7).num_seconds());
    // Five working days of eight hours.
    assert_eq!(
        accepted.business_seconds,
        Duration::hours(5 * 8).num_seconds()
    );
}

/// W6: after a reopen the total resolution runs to the second final
/// response, the first stays at the first; the rounds are counted.
#[test]
fn w6_first_and_total_resolution_after_a_reopen() {
    let mut record = record_in(StageKind::Reviewed);
    let by_agent = |n| ctx(agent(), minute(n));
    record
        .apply(attempt_follow_up(true), &by_agent(70))
        .unwrap();
    record.apply(complete_follow_up(), &by_agent(80)).unwrap();
    let reopen = Reopen {
        reason: "The leak is back".into(),
    };
    record.apply(reopen, &by_agent(100)).unwrap();
    record.apply(uphold(minute(110)), &by_agent(110)).unwrap();
    record.apply(investigate(), &by_agent(120)).unwrap();
    record.apply(propose(), &by_agent(130)).unwrap();
    record
        .apply(Approve { option: 2 }, &ctx(supervisor(), minute(140)))
        .unwrap();
    record.apply(execute(minute(150)), &by_agent(150)).unwrap();
    let accounting = record
        .time_accounting(minute(200), &around_the_clock())
        .unwrap();
    assert_eq!(accounting.rounds, 2);
    let first = accounting
        .first_resolution
        .map(|span| span.calendar_seconds);
    let total = accounting
        .total_resolution
        .map(|span| span.calendar_seconds);
    assert_eq!(first, Some(minutes(50)));
    assert_eq!(total, Some(minutes(150)));
    // Judged twice: 10..20 in the first round, 110..120 in the second.
    assert_eq!(
        accounting.in_stage[&StageKind::Judged].calendar_seconds,
        minutes(20)
    );
    // Reviewed 60..100, then accepted again 100..110 after 0..10.
    assert_eq!(
        accounting.in_stage[&StageKind::Reviewed].calendar_seconds,
        minutes(40)
    );
    assert_eq!(
        accounting.in_stage[&StageKind::Accepted].calendar_seconds,
        minutes(20)
    );
}
