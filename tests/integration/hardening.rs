//! Hardening: the invariants of the fuzz targets in `fuzz/`, as proptest
//! properties with a bounded case count, so that every `cargo test` checks
//! them on stable without cargo-fuzz.
//!
//! The harness is the fuzz crate's own library (`fuzz/src/lib.rs`), included
//! here as a module: the properties and the fuzz targets decode the same
//! bytes the same way and assert the same things.
//!
//! - Replay (R7) of arbitrary bytes never panics; what loads round-trips.
//! - Replay of a valid history damaged as storage could damage it either
//!   fails with an error or round-trips.
//! - `apply` of arbitrary events from arbitrary actors at arbitrary times
//!   never panics, refuses exactly what the transition and role tables refuse
//!   (R4, R6: the role table), leaves a refused record unchanged, and writes a
//!   history that replays to the same record.
//! - A sealed history tampered with is refused by `verify_chain` unless it is
//!   the original in content (or the original cut short) (A1).
//! - Policies from JSON and calendar computations with extreme values never
//!   panic or hang, and keep their documented bounds.

#[path = "../../fuzz/src/lib.rs"]
mod harness;

use complaint_workflow::error::{DecisionError, ExtensionError, FieldError};
use std::collections::BTreeSet;

use chrono::{DateTime, NaiveTime, Utc};
use complaint_workflow::{
    Complainant, ComplaintRecord, Context, EventKind, Policy, ReplayError, Severity, StageKind,
    TransitionError,
    deadline::DeadlineKind,
    event::{AwaitCustomer, CustomerReplied, ExtendDeadline, Propose, RescheduleFollowUp},
    record::Entry,
    time::{BusinessCalendar, TimeLimit, Zone},
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{Value, json};

use super::support::{
    POLICY, accept_of, agent, ctx, dismissed_at, execute, member_in, minute, note, propose,
    record_in, refuse_record, supervisor, unsealed, utc,
};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/hardening.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// The golden history, as stored (sealed, schema 2): the most realistic
/// bytes to damage.
const FIXTURE: &[u8] = include_bytes!("../fixtures/full_history_v2.json");

/// The golden history with byte edits: a byte replaced, removed or repeated
/// at random places, and the text cut short.
fn damaged_fixture() -> impl Strategy<Value = Vec<u8>> {
    (
        vec((any::<prop::sample::Index>(), any::<u8>(), 0..3_u8), 1..6),
        any::<prop::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(|(edits, cut, truncate)| {
            let mut bytes = FIXTURE.to_vec();
            for (at, byte, how) in edits {
                let at = at.index(bytes.len());
                match how {
                    0 => bytes[at] = byte,
                    1 => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, bytes[at]),
                }
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len()));
            }
            bytes
        })
}

proptest! {
    #![proptest_config(config(256))]

    /// R7: loading arbitrary bytes as a history or a record never panics.
    #[test]
    fn r7_replay_of_arbitrary_bytes_never_panics(data in vec(any::<u8>(), 0..512)) {
        harness::replay_bytes(&data);
    }

    /// R7: loading the golden history with bytes damaged never panics; what
    /// still loads round-trips.
    #[test]
    fn r7_replay_of_damaged_stored_bytes_never_panics(data in damaged_fixture()) {
        harness::replay_bytes(&data);
    }

    /// R7: a valid history damaged (reordered, duplicated, dropped, retimed
    /// entries, other actors, complaint ids, schema versions, event types,
    /// huge strings, deep nesting) either fails to replay or round-trips.
    #[test]
    fn r7_replay_of_mutated_history_errors_or_round_trips(data in vec(any::<u8>(), 0..160)) {
        harness::replay_mutated(&data);
    }

    /// A1: a sealed history tampered with (byte edits of strings, seals
    /// removed or moved, entries inserted, dropped, swapped, retimed…):
    /// `verify_chain` accepts only the original in content (or the original
    /// cut short), replay accepts nothing `verify_chain` refuses, nothing panics.
    #[test]
    fn a1_a_tampered_chain_is_refused_or_is_the_original(data in vec(any::<u8>(), 0..160)) {
        harness::replay_tampered_chain(&data);
    }

    /// Policies from JSON, calendars and time limits with extreme values: no
    /// panic, no hang, the documented bounds hold.
    #[test]
    fn policy_and_calendar_computations_never_panic(data in vec(any::<u8>(), 0..160)) {
        harness::policy_and_calendar(&data);
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// R4, R6, R7: arbitrary events from arbitrary actors at arbitrary times:
    /// `apply` never panics, refuses with `NotAllowed` exactly what the stage
    /// does not accept and with `Unauthorized` exactly what the role may not
    /// fire, leaves a refused record unchanged, and the history replays to
    /// the same record.
    #[test]
    fn r7_apply_of_arbitrary_events_never_panics_and_refusals_change_nothing(
        data in vec(any::<u8>(), 0..1536),
    ) {
        harness::apply_events(&data);
    }
}

/// xorshift64: fixed pseudo-random inputs for the coverage checks below.
fn pseudo_random_inputs(count: usize, len: usize) -> Vec<Vec<u8>> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..count)
        .map(|_| {
            (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state.to_le_bytes()[0]
                })
                .collect()
        })
        .collect()
}

/// The properties above are only as good as the inputs they reach: the
/// decoder takes complaints to every stage and applies every kind of event
/// (but `accept`, which only creates a complaint).
#[test]
fn the_event_decoder_reaches_every_stage_and_every_event() {
    let mut stages = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    let mut refused = 0;
    for data in pseudo_random_inputs(400, 1536) {
        let applied = harness::apply_events(&data);
        stages.extend(applied.stages);
        kinds.extend(applied.kinds);
        refused += applied.refused;
    }
    let missing_stages: Vec<_> = StageKind::ALL
        .into_iter()
        .filter(|stage| !stages.contains(stage))
        .collect();
    assert!(
        missing_stages.is_empty(),
        "never reached: {missing_stages:?}"
    );
    let missing_kinds: Vec<_> = EventKind::ALL
        .into_iter()
        .filter(|&kind| kind != EventKind::Accept && !kinds.contains(&kind))
        .collect();
    assert!(missing_kinds.is_empty(), "never applied: {missing_kinds:?}");
    assert!(refused > 0, "no event was ever refused");
}

/// The scripted histories the mutations start from are valid: undamaged,
/// each replays, as a list of entries and as a stored record.
#[test]
fn r7_the_scripted_histories_replay_undamaged() {
    let count = harness::scripted_histories().len();
    assert!(count >= 3);
    for script in 0..count {
        let index = u8::try_from(script).unwrap();
        // History `index`, no damage, read as a list of entries.
        assert!(harness::replay_mutated(&[index, 0, 1]), "script {script}");
        // The same, read as a stored record with its summary intact.
        assert!(
            harness::replay_mutated(&[index, 0, 0, 0]),
            "script {script}"
        );
    }
}

/// The mutations do damage: most damaged histories are refused, and the
/// renumbering lets some through to the rules behind the sequence checks.
#[test]
fn r7_most_mutated_histories_are_refused() {
    let inputs = pseudo_random_inputs(300, 160);
    let replayed = inputs
        .iter()
        .filter(|data| harness::replay_mutated(data))
        .count();
    assert!(
        replayed < inputs.len() / 2,
        "{replayed} of {} replayed",
        inputs.len()
    );
    assert!(replayed > 0, "no damaged history replayed at all");
}

/// A1: the tampering does damage: over pseudo-random inputs most tampered
/// histories that still read are refused, and some untampered ones (no
/// damage, or a cut tail) are accepted as the original.
#[test]
fn a1_most_tampered_chains_are_refused() {
    let mut seen = std::collections::BTreeMap::new();
    for data in pseudo_random_inputs(300, 160) {
        *seen
            .entry(format!("{:?}", harness::replay_tampered_chain(&data)))
            .or_insert(0) += 1;
    }
    let refused = seen.get("Refused").copied().unwrap_or(0);
    let original = seen.get("Original").copied().unwrap_or(0);
    assert!(refused > original, "{seen:?}");
    assert!(original > 0, "{seen:?}");
}

/// A1: the long run of `replay_tampered_chain` on stable, without
/// cargo-fuzz: `TAMPERED_CHAIN_CASES=100000 cargo test --release --test
/// integration a1_tampered_chain_long_run -- --nocapture` runs that many
/// pseudo-random inputs and prints what each came to; without the variable
/// it runs 200.
#[test]
fn a1_tampered_chain_long_run() {
    let cases: usize = std::env::var("TAMPERED_CHAIN_CASES")
        .ok()
        .and_then(|count| count.parse().ok())
        .unwrap_or(200);
    let mut seen = std::collections::BTreeMap::new();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut data = vec![0u8; 192];
    for _ in 0..cases {
        for byte in &mut data {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *byte = state.to_le_bytes()[0];
        }
        let len = usize::from(data[0]) % data.len();
        *seen
            .entry(format!(
                "{:?}",
                harness::replay_tampered_chain(&data[..len])
            ))
            .or_insert(0_usize) += 1;
    }
    eprintln!("replay_tampered_chain: {cases} cases, 0 panics, {seen:?}");
    assert_eq!(seen.values().sum::<usize>(), cases);
}

// ---- Regressions ---------------------------------------------------------------
//
// The bugs the harness found, each as a plain test of the public API.

/// R7: a complainant's zone with seconds in its fixed offset loads back as
/// the same zone, so that a stored history loads to the same record.
#[test]
fn r7_a_fixed_zone_with_seconds_in_its_offset_round_trips() {
    let zone = Zone::fixed(-86_399).unwrap();
    let text = serde_json::to_string(&zone).unwrap();
    assert_eq!(text, "\"-23:59:59\"");
    let loaded: Zone = serde_json::from_str(&text).unwrap();
    assert_eq!(loaded, zone, "{text} loads as {loaded:?}");

    let record = dismissed_at(
        Complainant::member("customer-42").in_zone(zone),
        utc(2026, 11, 23, 10, 0),
    );
    let loaded: ComplaintRecord =
        serde_json::from_str(&serde_json::to_string(&record).unwrap()).unwrap();
    assert_eq!(loaded, record);
}

/// F4: an agreed follow-up time at the end of chrono's range, as a JSON form
/// can give it, is refused or recorded; `apply` never panics on it.
#[test]
fn f4_a_follow_up_time_at_the_end_of_time_does_not_panic() {
    let mut record = dismissed_at(
        member_in("customer-42", "Asia/Shanghai"),
        utc(2026, 11, 23, 10, 0),
    );
    let before = record.clone();
    let at: DateTime<Utc> = serde_json::from_str("\"+262142-12-31T23:59:59Z\"").unwrap();
    let reschedule = RescheduleFollowUp {
        at,
        customer_requested: false,
    };
    if record
        .apply(reschedule, &ctx(agent(), utc(2026, 11, 23, 11, 0)))
        .is_err()
    {
        assert_eq!(record, before);
    }
}

/// Business time counted from the second occurrence of a repeated wall time
/// (New York falls back at 02:00 EDT to 01:00 EST on 2026-11-01) is never
/// before its start.
#[test]
fn business_time_from_a_repeated_hour_is_not_before_its_start() {
    let new_york = Zone::iana("America/New_York").unwrap();
    let every_day = BusinessCalendar::WEEK;
    let calendar = BusinessCalendar::new(new_york)
        .with_working_days(every_day)
        .with_hours(NaiveTime::MIN, NaiveTime::from_hms_opt(1, 45, 0).unwrap())
        .unwrap();
    // 01:30 EST, the second 01:30 of the day.
    let start = utc(2026, 11, 1, 6, 30);
    let close = calendar.close_of_business_day(start, 0).unwrap();
    assert!(
        close >= start,
        "close of business {close} is before {start}"
    );
    let later = calendar
        .add_working_time(start, chrono::TimeDelta::minutes(10))
        .unwrap();
    assert!(later >= start, "ten working minutes after {start}: {later}");
}

/// R7: a history that `apply` wrote replays: the customer's reply resumes a
/// business-clock deadline due in the repeated hour no earlier than it was.
#[test]
fn r7_a_deadline_resumed_in_a_repeated_hour_replays() {
    let new_york = Zone::iana("America/New_York").unwrap();
    let calendar = BusinessCalendar::new(new_york)
        .with_working_days(BusinessCalendar::WEEK)
        .with_hours(NaiveTime::MIN, NaiveTime::from_hms_opt(23, 59, 0).unwrap())
        .unwrap();
    let policy = Policy::builder()
        .calendar(calendar)
        .judgment(TimeLimit::BusinessHours(3))
        .build()
        .unwrap();
    let agent = Context::new(agent(), utc(2026, 11, 1, 2, 20), &policy);
    let form = accept_of(
        Complainant::new("customer-42"),
        utc(2026, 11, 1, 2, 20),
        "repair",
        Severity::Low,
    );
    let mut record = ComplaintRecord::accept(form, &agent).unwrap();
    let judgment = record
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == DeadlineKind::Judgment)
        .unwrap()
        .id();
    // Moved to 01:20 EST, the second 01:20 of the day.
    let extend = ExtendDeadline {
        deadline: judgment,
        due: utc(2026, 11, 1, 6, 20),
        reason: "The customer is travelling".into(),
    };
    let boss = Context::new(supervisor(), utc(2026, 11, 1, 4, 0), &policy);
    record.apply(extend, &boss).unwrap();
    let wait = AwaitCustomer {
        reason: "A copy of the invoice".into(),
    };
    record
        .apply(wait, &agent.at(utc(2026, 11, 1, 4, 10)))
        .unwrap();
    let reply = CustomerReplied {
        summary: "Sent the invoice".into(),
    };
    record
        .apply(reply, &agent.at(utc(2026, 11, 1, 4, 20)))
        .unwrap();
    assert!(record.deadline(judgment).unwrap().due() >= utc(2026, 11, 1, 6, 20));
    let replayed = ComplaintRecord::replay(record.entries().to_vec());
    assert_eq!(replayed.as_ref().ok(), Some(&record), "{replayed:?}");
}

// ---- Gaps found by mutation testing ------------------------------------------
//
// `cargo mutants` on the rules and replay left these mutants alive against
// this test binary; each test below kills one.

/// R4: a proposal may hold exactly as many options as the policy allows (one
/// more is refused by `rules::r4_proposal_needs_described_options`).
#[test]
fn r4_a_proposal_may_hold_exactly_the_most_options_the_policy_allows() {
    let most = POLICY.max_remedy_options();
    let options = vec![propose().options[0].clone(); most];
    let mut record = record_in(StageKind::Investigated);
    record
        .apply(Propose { options }, &ctx(agent(), minute(30)))
        .expect("the policy's most options are allowed");
    assert_eq!(record.stage(), StageKind::Proposed);
    assert_eq!(record.proposal().unwrap().options.len(), most);
}

/// The entries of `record` in their stored form, to be tampered with.
/// The record's entries as schema 1 stored them (no seal): the edits below
/// reach the lifecycle's checks, not the hash chain's (A1 has its own tests).
fn stored(record: &ComplaintRecord) -> Vec<Value> {
    record
        .entries()
        .iter()
        .map(|entry| unsealed(serde_json::to_value(entry).unwrap()))
        .collect()
}

/// Replays `stored` after `edit` has tampered with a copy of it.
fn replay_edited(
    stored: &[Value],
    edit: &dyn Fn(&mut Vec<Value>),
) -> Result<ComplaintRecord, ReplayError> {
    let mut entries = stored.to_vec();
    edit(&mut entries);
    let entries: Vec<Entry> = entries
        .into_iter()
        .map(|value| serde_json::from_value(value).unwrap())
        .collect();
    ComplaintRecord::replay(entries)
}

/// Replay's refusal of entry `sequence`'s effects, for `reason`.
fn invalid(sequence: u64, reason: DecisionError) -> Result<ComplaintRecord, ReplayError> {
    Err(ReplayError::InvalidDecision { sequence, reason })
}

/// R7: replay refuses a recorded effect that its event cannot have, naming
/// the entry and the reason (a tampered history).
#[test]
fn r7_replay_refuses_effects_the_event_cannot_have() {
    // 1 accept (opens the first response), 2 uphold, 3 investigate,
    // 4 propose, 5 approve, 6 execute (opens and schedules the follow-up).
    let record = record_in(StageKind::Executed);
    let stored = stored(&record);
    assert_eq!(stored[5]["effects"][1]["effect"], "schedule_follow_up");
    let replay = |edit: &dyn Fn(&mut Vec<Value>)| replay_edited(&stored, edit);
    // Undamaged, the history of schema 1 replays (sealed on upgrade, A3)
    // into the same complaint.
    let undamaged = replay(&|_| {}).map(|again| (again.stage(), again.deadlines().to_vec()));
    assert_eq!(undamaged, Ok((record.stage(), record.deadlines().to_vec())));
    // The first response opened by the uphold.
    assert_eq!(
        replay(&|entries| entries[1]["effects"] = entries[0]["effects"].clone()),
        invalid(2, DecisionError::OpenNotAllowed),
    );
    // A deadline due at the moment it starts is not due before it starts
    // (the policy never writes one, as it refuses zero limits, but replay
    // holds the history to its rule, not to today's policy).
    let at_start = replay(&|entries| {
        entries[0]["effects"][0]["due"] = entries[0]["effects"][0]["started_at"].clone();
    });
    assert!(at_start.is_ok(), "{at_start:?}");
    // A deadline due before it starts.
    assert_eq!(
        replay(&|entries| {
            entries[0]["effects"][0]["due"] = json!("2026-11-23T08:00:00Z");
        }),
        invalid(1, DecisionError::DueBeforeStart),
    );
    // A follow-up with no attempt allowed.
    assert_eq!(
        replay(&|entries| entries[5]["effects"][1]["max_attempts"] = json!(0)),
        invalid(6, DecisionError::NoAttemptAllowed),
    );
    // A follow-up scheduled by the approval.
    assert_eq!(
        replay(&|entries| {
            entries[4]["effects"] = json!([entries[5]["effects"][1].clone()]);
        }),
        invalid(5, DecisionError::ScheduleNotAllowed),
    );
}

/// R5: the customer signs their acceptance of the approved remedy: a
/// signature before the approval is refused as too early, one at the very
/// moment of the approval is accepted.
#[test]
fn r5_a_signature_is_not_before_the_approval() {
    // Approved by the supervisor at minute 40.
    let approved_at = minute(40);
    let signed_at = |at| {
        let mut execute = execute(minute(50));
        execute.signature.as_mut().unwrap().signed_at = at;
        execute
    };
    let mut record = record_in(StageKind::Approved);
    assert_eq!(record.approval().unwrap().approved_at, approved_at);
    let early = approved_at - chrono::Duration::minutes(1);
    let error = refuse_record(&mut record, signed_at(early), &ctx(agent(), minute(50)));
    assert_eq!(
        error,
        TransitionError::Field(FieldError::TooEarly {
            field: "signature.signed_at".into(),
            time: early,
            earliest: approved_at,
        })
    );
    record
        .apply(signed_at(approved_at), &ctx(agent(), minute(50)))
        .expect("a signature at the approval is accepted");
    assert_eq!(record.stage(), StageKind::Executed);
}

/// E6 and every text rule: a text of exactly the policy's most bytes is
/// accepted, one byte more is too long; bytes count, not characters.
#[test]
fn e6_a_text_of_exactly_the_most_bytes_is_accepted() {
    let most = POLICY.max_text_bytes();
    // 3-byte characters up to the limit, the rest in ASCII.
    let exact = format!("{}{}", "漏".repeat(most / 3), "x".repeat(most % 3));
    assert_eq!(exact.len(), most);
    let mut record = record_in(StageKind::Accepted);
    let too_long = format!("{exact}x");
    let error = refuse_record(&mut record, note(&too_long), &ctx(agent(), minute(10)));
    assert_eq!(
        error,
        TransitionError::Field(FieldError::TooLong {
            field: "text".into(),
            found: most + 1,
            limit: most,
        })
    );
    record
        .apply(note(&exact), &ctx(agent(), minute(10)))
        .expect("a text of exactly the most bytes is accepted");
    assert_eq!(
        record.notes().last().map(|(_, text)| text),
        Some(&exact[..])
    );
}

/// T7: a deadline may be extended up to its due time itself; a second later
/// it is missed, and the miss stays.
#[test]
fn t7_a_deadline_may_be_extended_at_its_due_time_not_after() {
    let record = record_in(StageKind::Judged);
    let investigation = record
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == DeadlineKind::Investigation)
        .expect("an upheld complaint has an investigation deadline")
        .clone();
    let due = investigation.due();
    let extend = || ExtendDeadline {
        deadline: investigation.id(),
        due: due + chrono::Duration::days(1),
        reason: "The technician is ill".into(),
    };
    let mut late = record.clone();
    let second_after = due + chrono::Duration::seconds(1);
    let error = refuse_record(&mut late, extend(), &ctx(supervisor(), second_after));
    assert_eq!(
        error,
        TransitionError::Extension(ExtensionError::DeadlineAlreadyMissed {
            deadline: investigation.id(),
            due,
        })
    );
    let mut on_time = record;
    on_time
        .apply(extend(), &ctx(supervisor(), due))
        .expect("an extension at the due time is in time");
    assert_eq!(
        on_time.deadline(investigation.id()).unwrap().due(),
        due + chrono::Duration::days(1)
    );
}

/// R7: replay refuses paused and resumed deadlines that the history does
/// not bear out: a pause or a resumption on another event, a pause of a
/// deadline that is not open, a resumption of one that is not paused or that
/// moves it earlier.
#[test]
fn r7_replay_refuses_pauses_and_resumptions_the_history_does_not_bear_out() {
    // Payment services: a final response in 15 business days, paused while
    // waiting on the customer and resumed, on the business clock, when they
    // reply. 1 accept (opens it), 2 await, 3 reply, 4 a note.
    let policy = Policy::payment_services();
    let at = |minutes| Context::new(agent(), minute(minutes), &policy);
    let mut record = ComplaintRecord::accept(super::support::accept(), &at(0)).unwrap();
    record
        .apply(
            AwaitCustomer {
                reason: "Asked for the bank statement".into(),
            },
            &at(10),
        )
        .unwrap();
    record
        .apply(
            CustomerReplied {
                summary: "The statement came".into(),
            },
            &at(3 * 24 * 60),
        )
        .unwrap();
    record
        .apply(note("Sent the refund form"), &at(3 * 24 * 60 + 5))
        .unwrap();
    let stored = stored(&record);
    assert_eq!(stored[1]["effects"][0]["effect"], "pause_deadline");
    assert_eq!(stored[2]["effects"][0]["effect"], "resume_deadline");
    let replay = |edit: &dyn Fn(&mut Vec<Value>)| replay_edited(&stored, edit);
    // Undamaged, the history of schema 1 replays (sealed on upgrade, A3)
    // into the same complaint.
    let undamaged = replay(&|_| {}).map(|again| (again.stage(), again.deadlines().to_vec()));
    assert_eq!(undamaged, Ok((record.stage(), record.deadlines().to_vec())));

    // The pause recorded on the note instead.
    assert_eq!(
        replay(&|entries| entries[3]["effects"] = entries[1]["effects"].clone()),
        invalid(4, DecisionError::PauseNotAllowed),
    );
    // The resumption recorded on the note instead.
    assert_eq!(
        replay(&|entries| entries[3]["effects"] = entries[2]["effects"].clone()),
        invalid(4, DecisionError::ResumeNotAllowed),
    );
    // A pause of the first response, met by the acceptance.
    assert_eq!(
        replay(&|entries| {
            let first_response = entries[0]["effects"]
                .as_array()
                .unwrap()
                .iter()
                .position(|effect| effect["kind"] == "first_response")
                .unwrap();
            entries[1]["effects"][0]["deadline"] = json!(first_response + 1);
        }),
        invalid(2, DecisionError::PausedNotOpen),
    );
    // A resumption of a deadline that was never paused.
    assert_eq!(
        replay(&|entries| entries[1]["effects"] = json!([])),
        invalid(3, DecisionError::ResumedNotPaused),
    );
    // A resumption due before the paused deadline was.
    assert_eq!(
        replay(&|entries| {
            entries[2]["effects"][0]["due"] = entries[0]["effects"][0]["started_at"].clone();
        }),
        invalid(3, DecisionError::ResumedEarlier),
    );
}
