//! Model-based property tests: random histories are run against a reference
//! model written independently of the crate's transition table, and against
//! both faces of the crate.
//!
//! After every step of a random history:
//! - the stored face ([`ComplaintRecord::apply`]) accepts exactly what the
//!   model accepts, refuses with one of the reasons the model gives, leaves a
//!   refused record `==` to what it was, and has the model's stage, version,
//!   number of remedy options, responsible persons (R1..R8, E6), owner and
//!   escalation (T4, T6, E1..E5), repeat contacts (E4), follow-up (F1..F7),
//!   wait on the customer and deadlines (T1..T7);
//! - the typed face ([`Complaint::apply`](complaint_workflow::Complaint::apply),
//!   and T5's `SimpleComplaint`), driven in parallel, compiles for exactly
//!   the events the model's stage accepts, decides the same way with the
//!   same error, and holds the same history as the stored face;
//! - every 5 steps and at the end, replaying the history and a serde JSON round
//!   trip give back a record `==` to it (R7).
//!
//! The matrix test (`model/matrix.rs`) checks the compile-time impls against
//! the table cell by cell.

#[path = "model/checks.rs"]
mod checks;
#[path = "model/coverage.rs"]
mod coverage;
#[path = "model/deadlines.rs"]
mod deadlines;
#[path = "model/events.rs"]
mod events;
#[path = "model/followup.rs"]
mod followup;
#[path = "model/ingredients.rs"]
mod ingredients;
#[path = "model/matrix.rs"]
mod matrix;
#[path = "model/reference.rs"]
mod reference;
#[path = "model/refusal.rs"]
mod refusal;
#[path = "model/rules.rs"]
mod rules;
#[path = "model/strategies.rs"]
mod strategies;
#[path = "model/typed.rs"]
mod typed;

use chrono::{DateTime, TimeZone, Utc};
use complaint_workflow::error::FastPathError;
use complaint_workflow::{
    Category, Channel, Complainant, ComplaintRecord, Context, EventKind, Policy, Severity,
    StageKind, TransitionError, event::Accept, record::Entry,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use checks::{check_state, round_trips, same_history};
use reference::{Limits, Model, refusal_of};
use rules::predict_accept;
use strategies::{Intake, Step, actor};
use typed::{TypedOutcome, apply_typed};

/// Small limits, so that random data hits them: 80-byte texts, 3 options.
const LIMITS: Limits = Limits {
    text_bytes: 80,
    options: 3,
};

fn policy() -> Policy {
    deadlines::policy(LIMITS)
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/model.txt",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// R1..R8, T1..T7, E1..E6, F1..F7: both faces agree with the model after
    /// every step; replay and the JSON round trip give back the record (R7).
    #[test]
    fn r1_r8_faces_agree_with_the_model(intake in strategies::intake(), steps in strategies::steps()) {
        run(&intake, &steps)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..config() })]

    /// T5: histories that open with a resolution on the first contact
    /// (simple or not, by the intake agent or not, in time or not) agree
    /// with the model too.
    #[test]
    fn t5_fast_path_agrees_with_the_model(
        intake in strategies::simple_intake(),
        steps in strategies::quick_steps(),
    ) {
        run(&intake, &steps)?;
    }
}

/// A valid intake form, for when the generated one is refused.
fn valid_intake(at: DateTime<Utc>) -> Accept {
    Accept {
        complainant: Complainant::new("c-1"),
        received_at: at,
        channel: Channel::Email,
        content: "the parcel arrived broken".into(),
        category: Category::new("delivery"),
        severity: Severity::Medium,
    }
}

fn run(intake: &Intake, steps: &[Step]) -> Result<(), TestCaseError> {
    let policy = policy();
    let start = t0();
    let intake_actor = actor(intake.role);
    let ctx = Context::new(intake_actor.clone(), start, &policy);
    let accept = intake.accept(start);
    let expected = predict_accept(&accept, start, LIMITS);
    let intake_id = intake_actor.id.as_str();
    let (mut record, mut model) = match ComplaintRecord::accept(accept.clone(), &ctx) {
        Ok(record) => {
            prop_assert!(expected.is_empty(), "accepted, model expected {expected:?}");
            (record, Model::accepted(&accept, intake_id, start, LIMITS))
        }
        Err(error) => {
            let refusal = refusal_of(&error);
            prop_assert!(
                expected.contains(&refusal),
                "{error:?}, model expected {expected:?}"
            );
            let accept = valid_intake(start);
            let record = ComplaintRecord::accept(accept.clone(), &ctx).unwrap();
            (record, Model::accepted(&accept, intake_id, start, LIMITS))
        }
    };
    check_state(&record, &model)?;
    let mut typed = record.clone().into_typed();
    let mut clock = start;

    for (number, step) in steps.iter().enumerate() {
        clock += chrono::Duration::minutes(step.minutes);
        let kind = step.kind(&model);
        let event = step.data.event(kind, &model, clock);
        let role = step.role(intake.role);
        let actor = actor(role);
        let prediction = model.predict(&event, actor.id.as_str(), role, clock);
        let ctx = Context::new(actor, clock, &policy);
        let before = record.clone();
        let outcome = record.apply(event.clone(), &ctx).map(<[Entry]>::to_vec);
        let stored_error = outcome.as_ref().err().cloned();

        match (&prediction, outcome) {
            (Ok(next), Ok(appended)) => {
                prop_assert_eq!(appended.len(), 1);
                let entry = &appended[0];
                prop_assert_eq!(entry.sequence(), model.version + 1);
                prop_assert_eq!(entry.at(), clock);
                prop_assert_eq!(entry.actor(), ctx.actor());
                prop_assert_eq!(entry.event(), &event);
                prop_assert_eq!(entry.complaint_id(), record.id());
                model.commit(&event, *next, clock);
            }
            (Err(expected), Err(error)) => {
                let refusal = refusal_of(&error);
                prop_assert!(
                    expected.contains(&refusal),
                    "step {number}: {event:?} refused with {error:?}, model expected {expected:?}"
                );
                prop_assert_eq!(&record, &before, "a refused event changed the record");
            }
            (Ok(next), Err(error)) => prop_assert!(
                false,
                "step {number}: {event:?} refused with {error:?}, model expected {next:?}"
            ),
            (Err(expected), Ok(_)) => prop_assert!(
                false,
                "step {number}: {event:?} accepted, model expected {expected:?}"
            ),
        }
        check_state(&record, &model)?;

        let typed_before = typed.clone();
        typed = match apply_typed(typed, event, &ctx) {
            TypedOutcome::NoImpl(complaint) => {
                let fast_path = (model.stage.kind(), kind)
                    == (StageKind::Accepted, EventKind::ResolveOnFirstContact);
                prop_assert!(!fast_path, "the fast path must go through SimpleComplaint");
                prop_assert!(
                    matches!(stored_error, Some(TransitionError::NotAllowed { .. })),
                    "no typed impl for {kind} in {}, but the stored face said {stored_error:?}",
                    typed_before.stage()
                );
                complaint
            }
            TypedOutcome::Applied(complaint) => {
                prop_assert!(stored_error.is_none(), "typed face accepted {kind}");
                complaint
            }
            TypedOutcome::Refused(complaint, error) => {
                prop_assert_eq!(Some(&error), stored_error.as_ref(), "typed vs stored error");
                prop_assert_eq!(&complaint, &typed_before, "Rejected changed the complaint");
                complaint
            }
            // T5: `into_simple` checks simplicity before the role, time and
            // data rules, so its error may differ; the stored face refuses too.
            TypedOutcome::NotSimple(complaint, error) => {
                let not_simple = matches!(
                    error,
                    TransitionError::FastPath(FastPathError::NotSimple(_))
                );
                prop_assert!(not_simple, "into_simple refused with {error:?}");
                prop_assert!(stored_error.is_some(), "stored face took the fast path");
                prop_assert_eq!(&complaint, &typed_before, "Rejected changed the complaint");
                complaint
            }
        };
        prop_assert_eq!(typed.stage(), record.stage());
        same_history(typed.as_record(), &record)?;

        if number % 5 == 4 {
            round_trips(&record)?;
        }
    }
    round_trips(&record)?;
    round_trips(typed.as_record())?;
    Ok(())
}
