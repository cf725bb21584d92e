//! Properties of the follow-up over random inputs: customers in six zones
//! with random quiet hours (crossing midnight, within a day, or none),
//! remedies and dismissals at random times across 2026 (daylight-saving
//! change days included), agreed times and missed calls (F4, F7); and random
//! follow-up histories that never close a member's complaint without a done
//! follow-up (F5).
//!
//! Case counts are modest so that the whole test binary stays fast.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use complaint_workflow::error::FollowUpError;
use complaint_workflow::{
    Complainant, ComplaintRecord, Severity, StageKind, TransitionError,
    deadline::DeadlineKind,
    event::{
        AttemptFollowUp, Close, CompleteFollowUp, ContactMethod, FollowUpOutcome, GiveUpFollowUp,
        RescheduleFollowUp,
    },
    followup::FollowUpStageKind,
    time::{QuietHours, Zone},
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use super::support::{
    accept_of, agent, ctx, dismissed_at, note, resolve_on_first_contact, review, supervisor,
};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/follow_up_properties.txt",
        ))),
        ..ProptestConfig::default()
    }
}

// ---- Customers and times -----------------------------------------------------

const ZONES: [&str; 6] = [
    "UTC",
    "+08:00",
    "-05:00",
    "America/New_York",
    "Europe/Berlin",
    "Asia/Shanghai",
];

fn zone() -> impl Strategy<Value = Zone> {
    proptest::sample::select(&ZONES[..]).prop_map(|name| name.parse::<Zone>().unwrap())
}

fn minute_of_day() -> impl Strategy<Value = NaiveTime> {
    (0..24_u32, 0..60_u32).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

/// Random spans (half of them cross midnight), equal ends (no quiet hours),
/// the default, and spans ending in the hour a daylight-saving change skips
/// or repeats.
fn quiet_hours() -> impl Strategy<Value = QuietHours> {
    let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    prop_oneof![
        4 => (minute_of_day(), minute_of_day())
            .prop_map(|(from, until)| QuietHours::new(from, until)),
        1 => minute_of_day().prop_map(|time| QuietHours::new(time, time)),
        1 => Just(QuietHours::default()),
        1 => (20..24_u32, 0..60_u32).prop_map(move |(h, m)| QuietHours::new(at(h, m), at(2, 30))),
        1 => (20..24_u32, 0..60_u32).prop_map(move |(h, m)| QuietHours::new(at(h, m), at(1, 30))),
    ]
}

fn customer() -> impl Strategy<Value = Complainant> {
    (zone(), quiet_hours()).prop_map(|(zone, quiet)| {
        Complainant::member("c-prop")
            .in_zone(zone)
            .with_quiet_hours(quiet)
    })
}

/// A minute of 2026, or of the days around its daylight-saving changes in
/// New York (03-08, 11-01) and Berlin (03-29, 10-25).
fn time_2026() -> impl Strategy<Value = DateTime<Utc>> {
    let year = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let change_days = vec![(3, 7), (10, 31), (3, 28), (10, 24)];
    prop_oneof![
        (0..365 * 24 * 60_i64).prop_map(move |m| year + Duration::minutes(m)),
        (proptest::sample::select(change_days), 0..3 * 24 * 60_i64).prop_map(
            |((month, day), m)| {
                Utc.with_ymd_and_hms(2026, month, day, 0, 0, 0).unwrap() + Duration::minutes(m)
            }
        ),
    ]
}

/// The follow-up's oracle: whether `at` is quiet on the customer's clock.
fn quiet_at(quiet: QuietHours, zone: Zone, at: DateTime<Utc>) -> bool {
    let time = zone.to_local(at).time();
    if quiet.from == quiet.until {
        false
    } else if quiet.from < quiet.until {
        quiet.from <= time && time < quiet.until
    } else {
        time >= quiet.from || time < quiet.until
    }
}

/// How the complaint is handled at the random time: dismissed, or resolved on
/// the first contact (T5); both schedule the follow-up.
fn handled_at(customer: Complainant, at: DateTime<Utc>, fast: bool) -> ComplaintRecord {
    if !fast {
        return dismissed_at(customer, at);
    }
    let received = at - Duration::minutes(2);
    let form = accept_of(customer, received, "missing_part", Severity::Low);
    let mut record = ComplaintRecord::accept(form, &ctx(agent(), received)).unwrap();
    record
        .apply(resolve_on_first_contact(), &ctx(agent(), at))
        .unwrap();
    record
}

fn missed() -> AttemptFollowUp {
    AttemptFollowUp {
        method: ContactMethod::Phone,
        reached: false,
        note: None,
    }
}

/// F4, F7: a proposed slot computed from `from`: not before it, not quiet,
/// `from` itself when that is not quiet, and otherwise the end of the quiet
/// span (the minute before is quiet, unless a daylight-saving change moved the
/// end forward).
fn check_slot(
    slot: DateTime<Utc>,
    from: DateTime<Utc>,
    quiet: QuietHours,
    zone: Zone,
) -> Result<(), TestCaseError> {
    prop_assert!(slot >= from, "slot {slot} before {from}");
    prop_assert!(
        !quiet_at(quiet, zone, slot),
        "slot {slot} ({} local) is quiet ({quiet}, {zone})",
        zone.to_local(slot)
    );
    if !quiet_at(quiet, zone, from) {
        prop_assert_eq!(slot, from);
    } else {
        let before = slot - Duration::minutes(1);
        let offset_changed = zone.offset_at(slot - Duration::hours(2)) != zone.offset_at(slot);
        prop_assert!(
            quiet_at(quiet, zone, before) || offset_changed,
            "slot {slot} is not the end of the quiet span"
        );
        prop_assert!(slot - from <= Duration::hours(25));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    /// F4, F7: every slot the crate proposes (the first one and each retry)
    /// is outside the customer's quiet hours on their own clock and not before
    /// the time it was computed from; an agreed time is accepted inside the
    /// quiet hours only when the customer asked for it; and a slot past the
    /// 3-day follow-up window shows as a breach when the follow-up is done there.
    #[test]
    fn f4_f7_slots_are_outside_quiet_hours_and_within_the_window_or_breached(
        customer in customer(),
        handled in time_2026(),
        fast in any::<bool>(),
        agreed in proptest::option::of((1..5 * 24 * 60_i64, any::<bool>())),
        delays in proptest::collection::vec(0..36 * 60_i64, 2),
    ) {
        let zone = customer.zone.unwrap();
        let quiet = customer.quiet_hours.unwrap();
        let mut record = handled_at(customer, handled, fast);
        let status = record.follow_up().unwrap();
        prop_assert_eq!(status.stage(), FollowUpStageKind::Scheduled);
        prop_assert_eq!(status.scheduled_at(), handled);
        let deadline = record
            .deadlines()
            .iter()
            .find(|deadline| deadline.kind() == DeadlineKind::FollowUp)
            .unwrap()
            .clone();
        prop_assert_eq!(deadline.due(), handled + Duration::days(3));
        let due = deadline.due();

        let mut slots = vec![status.slot()];
        check_slot(status.slot(), handled, quiet, zone)?;

        let mut requested = None;
        if let Some((minutes, customer_requested)) = agreed {
            let at = handled + Duration::minutes(minutes);
            let before = record.clone();
            let result = record.apply(
                RescheduleFollowUp { at, customer_requested },
                &ctx(agent(), handled),
            );
            if customer_requested || !quiet_at(quiet, zone, at) {
                prop_assert!(result.is_ok(), "{:?}", result.err());
                let status = record.follow_up().unwrap();
                prop_assert_eq!(status.slot(), at);
                prop_assert_eq!(
                    status.agreed().map(|a| a.customer_requested),
                    Some(customer_requested)
                );
                if customer_requested {
                    requested = Some(at);
                }
            } else {
                let refused = matches!(result, Err(TransitionError::FollowUp(FollowUpError::QuietHours { .. })));
                prop_assert!(refused);
                prop_assert_eq!(&record, &before);
            }
        }

        // Two missed calls, each some time after the current slot.
        let mut now = handled;
        for delay in delays {
            let target = record.follow_up().unwrap().slot().max(now) + Duration::minutes(delay);
            let before = record.clone();
            let at = match record.apply(missed(), &ctx(agent(), target)) {
                Ok(_) => {
                    let near_request = requested
                        .is_some_and(|r| r <= target && target <= r + Duration::hours(1));
                    prop_assert!(!quiet_at(quiet, zone, target) || near_request);
                    target
                }
                Err(TransitionError::FollowUp(FollowUpError::QuietHours { .. })) => {
                    prop_assert!(quiet_at(quiet, zone, target));
                    prop_assert_eq!(&record, &before);
                    let next = quiet.next_contact_time(target, zone).unwrap();
                    record.apply(missed(), &ctx(agent(), next)).unwrap();
                    next
                }
                Err(other) => return Err(TestCaseError::fail(format!("{other}"))),
            };
            requested = None;
            let retry = record.follow_up().unwrap().slot();
            check_slot(retry, at + Duration::hours(4), quiet, zone)?;
            slots.push(retry);
            now = at;
        }

        // The customer picks up at the last slot; the follow-up is done there.
        let last = *slots.last().unwrap();
        prop_assert!(slots.windows(2).all(|pair| pair[0] <= pair[1]));
        let reached = AttemptFollowUp { reached: true, ..missed() };
        record.apply(reached, &ctx(agent(), last)).unwrap();
        let complete = CompleteFollowUp {
            method: ContactMethod::Phone,
            outcome: FollowUpOutcome::Satisfied { suggestions: "None".into() },
        };
        record.apply(complete, &ctx(agent(), last)).unwrap();
        let breached = record
            .breaches(due + Duration::seconds(1))
            .iter()
            .any(|breach| breach.kind == DeadlineKind::FollowUp);
        prop_assert_eq!(breached, last > due);
        for slot in slots {
            prop_assert!(slot <= due || breached, "slot {slot} after {due} without a breach");
        }

        // The slots are recorded: a stored history gives them back.
        let loaded: ComplaintRecord =
            serde_json::from_str(&serde_json::to_string(&record).unwrap()).unwrap();
        prop_assert_eq!(loaded.follow_up(), record.follow_up());
    }
}

// ---- F5: random follow-up histories ---------------------------------------------

#[derive(Clone, Debug)]
enum Op {
    Attempt { reached: bool },
    Reschedule { in_minutes: i64, requested: bool },
    Complete { level: u8, blank: bool },
    GiveUp { blank: bool },
    Review,
    Close,
    Note,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => any::<bool>().prop_map(|reached| Op::Attempt { reached }),
        1 => (1..3 * 24 * 60_i64, any::<bool>())
            .prop_map(|(in_minutes, requested)| Op::Reschedule { in_minutes, requested }),
        3 => (0..3_u8, proptest::bool::weighted(0.2))
            .prop_map(|(level, blank)| Op::Complete { level, blank }),
        2 => proptest::bool::weighted(0.2).prop_map(|blank| Op::GiveUp { blank }),
        2 => Just(Op::Review),
        4 => Just(Op::Close),
        1 => Just(Op::Note),
    ]
}

fn event_of(op: &Op, at: DateTime<Utc>) -> complaint_workflow::Event {
    let text = |blank: bool, text: &str| {
        if blank {
            " ".to_owned()
        } else {
            text.to_owned()
        }
    };
    match op {
        Op::Attempt { reached } => AttemptFollowUp {
            reached: *reached,
            ..missed()
        }
        .into(),
        Op::Reschedule {
            in_minutes,
            requested,
        } => RescheduleFollowUp {
            at: at + Duration::minutes(*in_minutes),
            customer_requested: *requested,
        }
        .into(),
        Op::Complete { level, blank } => {
            let said = text(*blank, "Call before coming");
            let outcome = match level {
                0 => FollowUpOutcome::Satisfied { suggestions: said },
                1 => FollowUpOutcome::Neutral { to_improve: said },
                _ => FollowUpOutcome::Dissatisfied { to_improve: said },
            };
            CompleteFollowUp {
                method: ContactMethod::Phone,
                outcome,
            }
            .into()
        }
        Op::GiveUp { blank } => GiveUpFollowUp {
            note: text(*blank, "No answer to any call"),
        }
        .into(),
        Op::Review => review().into(),
        Op::Close => Close { note: None }.into(),
        Op::Note => note("Customer called").into(),
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// F5: whatever the order of attempts, agreed times, completions, giving
    /// up, reviews and closings, a member's complaint is `Closed` only with a
    /// completed or exhausted follow-up; a refused closing names the
    /// outstanding follow-up; a refused event leaves the record as it was.
    #[test]
    fn f5_member_complaint_never_closes_without_a_done_follow_up(
        zone in zone(),
        handled in time_2026(),
        fast in any::<bool>(),
        steps in proptest::collection::vec((0..12 * 60_i64, op()), 1..30),
    ) {
        let customer = Complainant::member("c-prop").in_zone(zone);
        let mut record = handled_at(customer, handled, fast);
        let mut at = handled;
        for (gap, op) in steps {
            at += Duration::minutes(gap);
            let actor = if matches!(op, Op::Review) { supervisor() } else { agent() };
            let before = record.clone();
            let result = record.apply(event_of(&op, at), &ctx(actor, at)).map(|_| ());
            let done_before = before.follow_up().is_some_and(|s| s.stage().is_done());
            match (&op, &result) {
                (_, Err(_)) => prop_assert_eq!(&record, &before),
                (Op::Close, Ok(_)) => prop_assert!(done_before),
                (Op::GiveUp { .. }, Ok(_)) => {
                    let status = before.follow_up().unwrap();
                    prop_assert!(status.attempts() >= status.max_attempts());
                    prop_assert!(!status.last_attempt_reached());
                }
                (Op::Complete { .. }, Ok(_)) => {
                    prop_assert!(before.follow_up().unwrap().last_attempt_reached());
                }
                _ => {}
            }
            if let (Op::Close, Err(error), StageKind::Reviewed) = (&op, &result, before.stage()) {
                let outstanding = before.follow_up().unwrap().stage();
                prop_assert!(!outstanding.is_done());
                prop_assert_eq!(
                    error,
                    &TransitionError::FollowUp(FollowUpError::FollowUpOutstanding { stage: outstanding })
                );
            }
            if record.stage() == StageKind::Closed {
                let status = record.follow_up();
                prop_assert!(
                    status.is_some_and(|s| s.stage().is_done()),
                    "closed with the follow-up {:?}",
                    status.map(|s| s.stage())
                );
            }
        }
    }
}
