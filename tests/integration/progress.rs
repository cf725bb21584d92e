//! W4 (ISO 10002 tracking; FCA DISP 1.6.1R "keep the complainant
//! informed"): a recurring progress-update deadline while a complaint is
//! open, met by a progress update, which starts the next one.

use chrono::{DateTime, TimeZone, Utc};
use complaint_workflow::deadline::{DeadlineKind, DeadlineStatus};
use complaint_workflow::event::{Contact, ContactMethod, ProgressUpdate, Reopen};
use complaint_workflow::time::TimeLimit;
use complaint_workflow::{ComplaintRecord, Context, Policy, StageKind};

use super::support::{accept, agent, attempt_follow_up, complete_follow_up, minute, steps_to};

/// Every five business days (Monday to Friday, 09:00–17:00 UTC by default).
fn policy() -> Policy {
    Policy::builder()
        .progress_updates(Some(TimeLimit::BusinessDays(5)))
        .build()
        .expect("a valid policy")
}

fn day(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
}

fn updates(record: &ComplaintRecord) -> Vec<(DateTime<Utc>, DateTime<Utc>, DeadlineStatus)> {
    record
        .deadlines()
        .iter()
        .filter(|deadline| deadline.kind() == DeadlineKind::ProgressUpdate)
        .map(|deadline| (deadline.started_at(), deadline.due(), deadline.status()))
        .collect()
}

fn update() -> ProgressUpdate {
    ProgressUpdate {
        method: ContactMethod::Email,
        summary: "The repairs department is testing the machine".into(),
    }
}

/// W4: without a policy value there is no such duty.
#[test]
fn w4_no_progress_updates_by_default() {
    let record = ComplaintRecord::accept(
        accept(),
        &Context::new(agent(), minute(0), &Policy::default()),
    )
    .unwrap();
    assert!(updates(&record).is_empty());
    assert_eq!(Policy::default().progress_updates(), None);
}

/// W4: the first update is due five business days after receipt; an update
/// meets it and the next is due five business days after the update.
#[test]
fn w4_each_update_meets_the_duty_and_starts_the_next() {
    let policy = policy();
    // Received and accepted on Monday 23 November, 09:00.
    let mut record =
        ComplaintRecord::accept(accept(), &Context::new(agent(), minute(0), &policy)).unwrap();
    assert_eq!(
        updates(&record),
        [(day(23, 9), day(30, 9), DeadlineStatus::Open)],
        "W4: due the next Monday"
    );
    // Told on Wednesday 25 at 11:00: the next one is due Wednesday 2 December.
    record
        .apply(update(), &Context::new(agent(), day(25, 11), &policy))
        .unwrap();
    let next_due = Utc.with_ymd_and_hms(2026, 12, 2, 11, 0, 0).unwrap();
    assert_eq!(
        updates(&record),
        [
            (
                day(23, 9),
                day(30, 9),
                DeadlineStatus::Met { at: day(25, 11) }
            ),
            (day(25, 11), next_due, DeadlineStatus::Open),
        ]
    );
    // R7: the recorded decision replays to the same deadlines.
    let replayed = ComplaintRecord::replay(record.entries().to_vec()).unwrap();
    assert_eq!(replayed.deadlines(), record.deadlines());
}

/// W4, T7: an update not given in time is a breach, reported like the others.
#[test]
fn w4_a_missed_update_is_a_breach() {
    let policy = policy();
    let record =
        ComplaintRecord::accept(accept(), &Context::new(agent(), minute(0), &policy)).unwrap();
    let breaches = record.breaches(day(30, 10));
    assert_eq!(breaches.len(), 1);
    assert_eq!(breaches[0].kind, DeadlineKind::ProgressUpdate);
    assert_eq!(breaches[0].overdue_seconds, 3600);
    assert!(
        record.breaches(day(30, 9)).is_empty(),
        "due, not yet missed"
    );
}

/// W4: the final response ends the duty: the open update is met and no next
/// one opens; a reopened complaint owes updates again.
#[test]
fn w4_the_final_response_ends_the_duty_and_a_reopen_restores_it() {
    let policy = policy();
    let by = |actor, at| Context::new(actor, at, &policy);
    let mut record = ComplaintRecord::accept(accept(), &by(agent(), minute(0))).unwrap();
    for step in steps_to(StageKind::Reviewed) {
        record.apply(step.event, &by(step.actor, step.at)).unwrap();
    }
    assert_eq!(
        updates(&record),
        [(
            day(23, 9),
            day(30, 9),
            DeadlineStatus::Met { at: minute(50) }
        )],
        "W4: met by the execution at minute 50"
    );
    assert!(
        record
            .breaches(day(30, 12))
            .iter()
            .all(|breach| breach.kind != DeadlineKind::ProgressUpdate)
    );
    record
        .apply(attempt_follow_up(true), &by(agent(), minute(70)))
        .unwrap();
    record
        .apply(complete_follow_up(), &by(agent(), minute(80)))
        .unwrap();
    let reopen = Reopen {
        reason: "The leak is back".into(),
    };
    record.apply(reopen, &by(agent(), minute(100))).unwrap();
    let after = updates(&record);
    assert_eq!(after.len(), 2);
    assert_eq!(after[1].0, minute(100));
    assert_eq!(after[1].2, DeadlineStatus::Open);
}

/// W4, T3: a progress update is a contact with the customer: it keeps a
/// promised callback.
#[test]
fn w4_a_progress_update_keeps_a_promised_callback() {
    let policy = policy();
    let mut record =
        ComplaintRecord::accept(accept(), &Context::new(agent(), minute(0), &policy)).unwrap();
    let contact = Contact {
        method: ContactMethod::Phone,
        summary: "Call back tomorrow".into(),
        callback_due: Some(minute(24 * 60)),
    };
    record
        .apply(contact, &Context::new(agent(), minute(10), &policy))
        .unwrap();
    record
        .apply(update(), &Context::new(agent(), minute(60), &policy))
        .unwrap();
    let callback = record
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == DeadlineKind::CallbackPromised)
        .unwrap();
    assert_eq!(callback.status(), DeadlineStatus::Met { at: minute(60) });
}
