//! Properties of the time layer, over random inputs: the next deadline of
//! random histories, replay of their deadlines (R7), the agenda against a
//! brute-force scan, business days and hours on random calendars in three
//! zones, and pausing while awaiting the customer.
//!
//! Case counts are modest so that the whole test binary stays fast.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintId, ComplaintRecord, Context, Department,
    Event, Policy, Severity,
    deadline::{Agenda, AgendaChange, Deadline, DeadlineKind, DeadlineStatus},
    event::{
        Accept, Approve, Assign, AwaitCustomer, Contact, ContactMethod, CustomerReplied,
        ExtendDeadline, Reopen, Transfer, Uphold, Withdraw,
    },
    policy::ExtensionLimit,
    time::{BusinessCalendar, TimeLimit, Zone},
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use uuid::Uuid;

use super::support::{
    agent, deadline_id, dismiss, execute, investigate, propose, review, supervisor,
};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/time_properties.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// Monday 2026-11-23 09:00 UTC.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

// ---- Random histories -------------------------------------------------------

/// One step of a random history: what happens, some minutes after the last step.
#[derive(Clone, Debug)]
enum Op {
    Contact { callback_in: Option<i64> },
    Assign,
    Transfer { tracking_in: i64 },
    Await,
    Reply,
    Extend { deadline: u32, by: i64 },
    Uphold { investigation_in: i64 },
    Investigate,
    Propose,
    Approve,
    Execute,
    Dismiss,
    Withdraw,
    Review,
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => proptest::option::of(1..5_000_i64).prop_map(|callback_in| Op::Contact { callback_in }),
        2 => Just(Op::Assign),
        2 => (1..5_000_i64).prop_map(|tracking_in| Op::Transfer { tracking_in }),
        3 => Just(Op::Await),
        3 => Just(Op::Reply),
        3 => (1..12_u32, 1..50_000_i64).prop_map(|(deadline, by)| Op::Extend { deadline, by }),
        2 => (1..10_000_i64).prop_map(|investigation_in| Op::Uphold { investigation_in }),
        2 => Just(Op::Investigate),
        2 => Just(Op::Propose),
        2 => Just(Op::Approve),
        2 => Just(Op::Execute),
        1 => Just(Op::Dismiss),
        1 => Just(Op::Withdraw),
        1 => Just(Op::Review),
        1 => Just(Op::Reopen),
    ]
}

/// Steps: (minutes after the previous step, what happens).
fn steps() -> impl Strategy<Value = Vec<(i64, Op)>> {
    proptest::collection::vec((0..3_000_i64, op()), 0..30)
}

/// A policy with deadlines of every limit kind, on a New York calendar.
fn walk_policy() -> Policy {
    Policy::builder()
        .calendar(BusinessCalendar::new(
            Zone::iana("America/New_York").unwrap(),
        ))
        .judgment(TimeLimit::BusinessDays(3))
        .final_response(TimeLimit::CalendarDays(15))
        .summary_resolution(TimeLimit::CloseOfBusinessDay(3))
        .first_contact(Some(TimeLimit::BusinessHours(12)))
        .extensions(ExtensionLimit {
            max_count: 2,
            max_beyond_original: Some(TimeLimit::CalendarDays(20)),
        })
        .build()
        .unwrap()
}

fn event_of(op: &Op, at: DateTime<Utc>) -> (Actor, Event) {
    let minutes = Duration::minutes;
    match op {
        Op::Contact { callback_in } => (
            agent(),
            Contact {
                method: ContactMethod::Phone,
                summary: "Called the customer".into(),
                callback_due: callback_in.map(|m| at + minutes(m)),
            }
            .into(),
        ),
        Op::Assign => (
            agent(),
            Assign {
                owner: "agent-9".into(),
            }
            .into(),
        ),
        Op::Transfer { tracking_in } => (
            agent(),
            Transfer {
                department: Department::new("back-office"),
                owner: None,
                reason: "Needs the back office".into(),
                tracking_due: at + minutes(*tracking_in),
            }
            .into(),
        ),
        Op::Await => (
            agent(),
            AwaitCustomer {
                reason: "Waiting for a photo".into(),
            }
            .into(),
        ),
        Op::Reply => (
            agent(),
            CustomerReplied {
                summary: "Sent the photo".into(),
            }
            .into(),
        ),
        Op::Extend { deadline, by } => (
            supervisor(),
            ExtendDeadline {
                deadline: deadline_id(*deadline),
                due: at + minutes(*by),
                reason: "Waiting on the supplier".into(),
            }
            .into(),
        ),
        Op::Uphold { investigation_in } => (
            agent(),
            Uphold {
                responsible_department: Department::new("repairs"),
                investigation_due: at + minutes(*investigation_in),
            }
            .into(),
        ),
        Op::Investigate => (agent(), investigate().into()),
        Op::Propose => (agent(), propose().into()),
        Op::Approve => (supervisor(), Approve { option: 1 }.into()),
        Op::Execute => (agent(), execute(at).into()),
        Op::Dismiss => (agent(), dismiss().into()),
        Op::Withdraw => (
            agent(),
            Withdraw {
                reason: "Settled".into(),
            }
            .into(),
        ),
        Op::Review => (supervisor(), review().into()),
        Op::Reopen => (
            agent(),
            Reopen {
                reason: "Not fixed".into(),
            }
            .into(),
        ),
    }
}

fn intake(channel: Channel) -> Accept {
    Accept {
        complainant: Complainant::new("customer-42"),
        received_at: t0(),
        channel,
        content: "The dryer stopped after a week".into(),
        category: Category::new("repair"),
        severity: Severity::Low,
    }
}

/// The open deadline due first, by a scan of every deadline.
fn earliest_open(record: &ComplaintRecord) -> Option<DateTime<Utc>> {
    record
        .deadlines()
        .iter()
        .filter(|deadline| deadline.status() == DeadlineStatus::Open)
        .map(Deadline::due)
        .min()
}

/// Runs a random history; after every step checks the next deadline against
/// a scan, and that paused deadlines exist only while awaiting the customer.
/// Returns the record.
fn walk(
    policy: &Policy,
    channel: Channel,
    accepted_after: i64,
    steps: &[(i64, Op)],
) -> Result<ComplaintRecord, TestCaseError> {
    let mut at = t0() + Duration::minutes(accepted_after);
    let mut record = ComplaintRecord::accept(intake(channel), &Context::new(agent(), at, policy))
        .map_err(|error| TestCaseError::fail(error.to_string()))?;
    check_next(&record)?;
    for (after, op) in steps {
        at += Duration::minutes(*after);
        let (actor, event) = event_of(op, at);
        let before = record.clone();
        if record
            .apply(event, &Context::new(actor, at, policy))
            .is_err()
        {
            prop_assert_eq!(&record, &before, "a refused {:?} changed the record", op);
        }
        check_next(&record)?;
    }
    Ok(record)
}

fn check_next(record: &ComplaintRecord) -> Result<(), TestCaseError> {
    let next = record.next_deadline();
    prop_assert_eq!(next.map(Deadline::due), earliest_open(record));
    if let Some(next) = next {
        prop_assert!(next.is_open(), "next deadline {:?} is not open", next);
    }
    let paused = record
        .deadlines()
        .iter()
        .any(|deadline| matches!(deadline.status(), DeadlineStatus::Paused { .. }));
    if paused {
        prop_assert!(
            record.awaiting_customer_since().is_some(),
            "a paused deadline while not awaiting the customer: {:?}",
            record.deadlines()
        );
    }
    Ok(())
}

// ---- Agenda model -------------------------------------------------------------

#[derive(Clone, Debug)]
enum AgendaOp {
    Update(u128, Option<i64>),
    Remove(u128),
}

fn agenda_op() -> impl Strategy<Value = AgendaOp> {
    prop_oneof![
        4 => (0..8_u128, proptest::option::of(0..50_i64))
            .prop_map(|(id, due)| AgendaOp::Update(id, due)),
        1 => (0..8_u128).prop_map(AgendaOp::Remove),
    ]
}

fn complaint(n: u128) -> ComplaintId {
    ComplaintId::from(Uuid::from_u128(n))
}

// ---- Calendars ------------------------------------------------------------------

fn zone() -> impl Strategy<Value = Zone> {
    prop_oneof![
        Just(Zone::Utc),
        Just(Zone::fixed(8 * 3600).unwrap()),
        Just(Zone::iana("America/New_York").unwrap()),
    ]
}

/// Working weekdays as a bit set, Monday first; never empty; often a single day.
fn working_days() -> impl Strategy<Value = Vec<Weekday>> {
    prop_oneof![(0..7_u8).prop_map(|day| 1 << day), 1..128_u8].prop_map(|mask| {
        BusinessCalendar::WEEK
            .into_iter()
            .enumerate()
            .filter(|(index, _)| mask & (1 << index) != 0)
            .map(|(_, day)| day)
            .collect()
    })
}

/// The first day of the dates the calendar properties use (two years, with
/// four daylight-saving changes in New York).
fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
}

fn holidays() -> impl Strategy<Value = Vec<NaiveDate>> {
    proptest::collection::vec(0..800_u64, 0..40).prop_map(|offsets| {
        offsets
            .into_iter()
            .map(|offset| base_date() + chrono::Days::new(offset))
            .collect()
    })
}

/// A start within the two years, to the second.
fn start() -> impl Strategy<Value = DateTime<Utc>> {
    (0..(730 * 86_400_i64)).prop_map(|seconds| {
        base_date().and_hms_opt(0, 0, 0).unwrap().and_utc() + Duration::seconds(seconds)
    })
}

/// Working hours between 06:00 and 22:00, clear of the New York changes at 02:00.
fn hours() -> impl Strategy<Value = (NaiveTime, NaiveTime)> {
    (6..12_u32, prop_oneof![Just(0_u32), Just(30)], 1..10_u32).prop_map(
        |(open_hour, open_minute, length)| {
            let opens = NaiveTime::from_hms_opt(open_hour, open_minute, 0).unwrap();
            let closes = NaiveTime::from_hms_opt(open_hour + length, open_minute, 0).unwrap();
            (opens, closes)
        },
    )
}

/// Working days of `calendar` after `from` up to and including `to`.
fn working_days_between(calendar: &BusinessCalendar, from: NaiveDate, to: NaiveDate) -> u32 {
    from.iter_days()
        .skip(1)
        .take_while(|day| *day <= to)
        .filter(|day| calendar.is_working_day(*day))
        .count()
        .try_into()
        .unwrap()
}

// ---- Pausing ------------------------------------------------------------------------

/// Accepts a complaint with a judgment of `limit_hours`, waits on the customer
/// at `paused_at`, and takes the reply at `replied_at`. Returns the judgment's
/// due time before the wait and after the reply.
fn pause_and_resume(
    limit_hours: u32,
    paused_at: DateTime<Utc>,
    replied_at: DateTime<Utc>,
) -> Result<(DateTime<Utc>, DateTime<Utc>), TestCaseError> {
    let policy = Policy::builder()
        .judgment(TimeLimit::Hours(limit_hours))
        .build()
        .unwrap();
    let mut record = ComplaintRecord::accept(
        intake(Channel::Email),
        &Context::new(agent(), t0(), &policy),
    )
    .map_err(|error| TestCaseError::fail(error.to_string()))?;
    let judgment = record
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == DeadlineKind::Judgment)
        .map(Deadline::id)
        .unwrap();
    let before = record.deadline(judgment).unwrap().due();
    let wait = AwaitCustomer {
        reason: "Waiting for the receipt".into(),
    };
    let reply = CustomerReplied {
        summary: "Sent the receipt".into(),
    };
    record
        .apply(wait, &Context::new(agent(), paused_at, &policy))
        .map_err(|error| TestCaseError::fail(error.to_string()))?;
    prop_assert_eq!(record.next_deadline(), None);
    record
        .apply(reply, &Context::new(agent(), replied_at, &policy))
        .map_err(|error| TestCaseError::fail(error.to_string()))?;
    let after = record.deadline(judgment).unwrap();
    prop_assert!(after.is_open());
    Ok((before, after.due()))
}

proptest! {
    #![proptest_config(config(64))]

    /// The next deadline is always the open deadline due first (a scan of
    /// every deadline), after every step of a random history; paused
    /// deadlines are never next and exist only while awaiting the customer.
    #[test]
    fn next_deadline_is_the_earliest_open_deadline(
        channel in prop_oneof![Just(Channel::Phone), Just(Channel::Online), Just(Channel::Email)],
        accepted_after in 0..10_i64,
        steps in steps(),
    ) {
        walk(&walk_policy(), channel, accepted_after, &steps)?;
    }

    /// R7: the deadlines of a random history follow from the history alone:
    /// a replay, and a JSON round trip, give the same deadlines, next
    /// deadline and breaches; and so does a replay after the policy changed,
    /// since replay takes no policy.
    #[test]
    fn deadlines_replay_from_a_random_history(
        accepted_after in 0..10_i64,
        steps in steps(),
    ) {
        let record = walk(&walk_policy(), Channel::Phone, accepted_after, &steps)?;
        let replayed = ComplaintRecord::replay(record.entries().to_vec())
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        let json = serde_json::to_string(&record).unwrap();
        let loaded: ComplaintRecord = serde_json::from_str(&json)
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        let far = record.entries().last().unwrap().at() + Duration::days(400);
        for other in [&replayed, &loaded] {
            prop_assert_eq!(other.deadlines(), record.deadlines());
            prop_assert_eq!(other.next_deadline(), record.next_deadline());
            prop_assert_eq!(other.breaches(far), record.breaches(far));
            prop_assert_eq!(other.awaiting_customer_since(), record.awaiting_customer_since());
        }
    }

    /// The agenda answers `due_before(t)`, `next`, `len` and `due_of` exactly
    /// as a scan over a plain map does, after random updates and removals;
    /// `update` reports the change the map saw.
    #[test]
    fn agenda_matches_a_scan(ops in proptest::collection::vec(agenda_op(), 0..60)) {
        let mut agenda = Agenda::new();
        let mut model: BTreeMap<ComplaintId, DateTime<Utc>> = BTreeMap::new();
        let at = |minute: i64| t0() + Duration::minutes(minute);
        for op in &ops {
            match *op {
                AgendaOp::Update(n, due) => {
                    let id = complaint(n);
                    let due = due.map(at);
                    let previous = model.get(&id).copied();
                    let expected = match (previous, due) {
                        (None, None) => AgendaChange::Unchanged,
                        (Some(from), Some(to)) if from == to => AgendaChange::Unchanged,
                        (None, Some(due)) => AgendaChange::Added { due },
                        (Some(was), None) => AgendaChange::Removed { was },
                        (Some(from), Some(to)) => AgendaChange::Moved { from, to },
                    };
                    match due {
                        Some(due) => model.insert(id, due),
                        None => model.remove(&id),
                    };
                    prop_assert_eq!(agenda.update(id, due), expected);
                }
                AgendaOp::Remove(n) => {
                    let id = complaint(n);
                    prop_assert_eq!(agenda.remove(id), model.remove(&id));
                }
            }
        }
        let mut scan: Vec<(DateTime<Utc>, ComplaintId)> =
            model.iter().map(|(id, due)| (*due, *id)).collect();
        scan.sort();
        for minute in -1..=51 {
            let t = at(minute);
            let expected: Vec<_> = scan.iter().copied().filter(|(due, _)| *due < t).collect();
            prop_assert_eq!(agenda.due_before(t).collect::<Vec<_>>(), expected);
        }
        prop_assert_eq!(agenda.next(), scan.first().copied());
        prop_assert_eq!(agenda.len(), model.len());
        prop_assert_eq!(agenda.is_empty(), model.is_empty());
        for n in 0..8 {
            prop_assert_eq!(agenda.due_of(complaint(n)), model.get(&complaint(n)).copied());
        }
    }

    /// `n` business days after a start land on a working day, after the
    /// start, with exactly `n` working days after the start's date up to and
    /// including the result's date: random working weeks (single days
    /// included), random holidays, random starts, in UTC, +08:00 and New York.
    #[test]
    fn business_days_land_on_working_days(
        zone in zone(),
        working_days in working_days(),
        holidays in holidays(),
        start in start(),
        days in 1..40_u32,
    ) {
        let calendar = BusinessCalendar::new(zone)
            .with_working_days(working_days)
            .with_holidays(holidays);
        let due = calendar.add_business_days(start, days).unwrap();
        let start_date = zone.to_local(start).date();
        let due_local = zone.to_local(due);
        prop_assert!(
            calendar.is_working_day(due_local.date()),
            "{} business days from {} land on {} ({})", days, start, due_local, due_local.weekday()
        );
        prop_assert!(due > start);
        prop_assert_eq!(working_days_between(&calendar, start_date, due_local.date()), days);
        prop_assert_eq!(TimeLimit::BusinessDays(days).due(start, &calendar).unwrap(), due);
    }

    /// `n` business hours after a start land inside working hours (or at a
    /// closing) on a working day, not before the start, and the working time
    /// between the start and the result is exactly `n` hours.
    #[test]
    fn business_hours_land_inside_working_hours(
        zone in zone(),
        working_days in working_days(),
        holidays in holidays(),
        (opens, closes) in hours(),
        start in start(),
        hours in 0..100_u32,
    ) {
        let calendar = BusinessCalendar::new(zone)
            .with_working_days(working_days)
            .with_holidays(holidays)
            .with_hours(opens, closes)
            .unwrap();
        let due = calendar.add_business_hours(start, hours).unwrap();
        let start_local = zone.to_local(start);
        let due_local = zone.to_local(due);
        prop_assert!(calendar.is_working_day(due_local.date()), "lands on {}", due_local);
        prop_assert!(
            opens <= due_local.time() && due_local.time() <= closes,
            "{} business hours from {} land at {}, outside {}–{}", hours, start_local, due_local, opens, closes
        );
        prop_assert!(due >= start);
        // The working time in between, on the wall clock of the calendar.
        let mut worked = Duration::zero();
        for day in start_local.date().iter_days().take_while(|day| *day <= due_local.date()) {
            if !calendar.is_working_day(day) {
                continue;
            }
            let from = day.and_time(opens).max(start_local);
            let to = day.and_time(closes).min(due_local);
            if to > from {
                worked += to - from;
            }
        }
        prop_assert_eq!(worked, Duration::hours(i64::from(hours)));
    }

    /// Pausing and resuming never shortens the time left: the judgment
    /// resumes with exactly the time it had when the wait began (negative if
    /// it was already overdue), so its due time moves by exactly the wait.
    /// Times to the second.
    #[test]
    fn pausing_then_resuming_never_shortens_the_time_left(
        limit_hours in 1..200_u32,
        paused_after in 0..1_000_000_i64,
        wait in 0..1_000_000_i64,
    ) {
        let paused_at = t0() + Duration::seconds(paused_after);
        let replied_at = paused_at + Duration::seconds(wait);
        let (before, after) = pause_and_resume(limit_hours, paused_at, replied_at)?;
        prop_assert_eq!(after - replied_at, before - paused_at);
        prop_assert_eq!(after - before, replied_at - paused_at);
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// As above, with times to the millisecond, as an application's clock gives them.
    #[test]
    fn pausing_then_resuming_never_shortens_the_time_left_to_the_millisecond(
        limit_hours in 1..200_u32,
        paused_after in 0..1_000_000_000_i64,
        wait in 0..1_000_000_000_i64,
    ) {
        let paused_at = t0() + Duration::milliseconds(paused_after);
        let replied_at = paused_at + Duration::milliseconds(wait);
        let (before, after) = pause_and_resume(limit_hours, paused_at, replied_at)?;
        prop_assert!(
            after - replied_at >= before - paused_at,
            "{} left when paused, {} after the reply", before - paused_at, after - replied_at
        );
    }
}
