//! What is compared after every step: the record against the model, the
//! typed face against the stored face, and the record against its replay
//! and its JSON round trip.

use complaint_workflow::ComplaintRecord;
use proptest::prelude::*;

use super::followup;
use super::reference::{self, Model};

/// The record's stage, version, current facts, owner, escalation, contacts,
/// follow-up, wait on the customer and deadlines are the model's.
pub fn check_state(record: &ComplaintRecord, model: &Model) -> Result<(), TestCaseError> {
    prop_assert_eq!(record.stage(), model.stage.kind());
    prop_assert_eq!(record.version(), model.version);
    prop_assert_eq!(record.entries().len() as u64, model.version);
    prop_assert_eq!(
        record.proposal().map_or(0, |p| p.options.len()),
        model.options
    );
    let responsible: Vec<String> = record
        .findings()
        .map(|f| {
            f.responsible_parties
                .iter()
                .map(|p| p.person.clone())
                .collect()
        })
        .unwrap_or_default();
    prop_assert_eq!(responsible, model.responsible.clone());
    for kind in reference::KINDS {
        prop_assert_eq!(record.can(kind), model.stage.after(kind).is_some());
    }
    prop_assert_eq!(
        record.intake_actor().id.as_str(),
        model.intake.actor.as_str()
    );
    prop_assert_eq!(record.owner().map(ToString::to_string), model.owner.clone());
    prop_assert_eq!(record.escalation_level(), model.escalation);
    prop_assert_eq!(record.contact_count(), model.repeat_contacts + 1);
    let follow_up = record.follow_up().map(|f| {
        let agreed = f.agreed().map(|a| (a.at, a.customer_requested));
        let progress = (f.attempts(), f.max_attempts(), f.last_attempt_reached());
        (f.stage(), f.scheduled_at(), f.slot(), agreed, progress)
    });
    let expected = model.follow_up.as_ref().map(|f| {
        let progress = (f.attempts, followup::MAX_ATTEMPTS, f.last_reached);
        (f.stage, f.scheduled_at, f.slot, f.agreed, progress)
    });
    prop_assert_eq!(follow_up, expected, "follow-up");
    prop_assert_eq!(
        record.awaiting_customer_since(),
        model.ledger.awaiting_since
    );
    prop_assert_eq!(
        record.awaiting_third_party_since(),
        model.ledger.awaiting_third_party_since
    );
    // T3, T4, T6, T7: the same deadlines, in the same state.
    let found: Vec<_> = record
        .deadlines()
        .iter()
        .map(|d| {
            let id = d.id().number();
            (
                id,
                d.kind(),
                d.started_at(),
                d.due(),
                d.original_due(),
                d.extensions(),
                d.status(),
            )
        })
        .collect();
    let expected: Vec<_> = (1..)
        .zip(&model.ledger.deadlines)
        .map(|(id, d)| {
            (
                id,
                d.kind,
                d.started_at,
                d.due,
                d.original_due,
                d.extensions,
                d.status,
            )
        })
        .collect();
    prop_assert_eq!(found, expected, "deadlines");
    Ok(())
}

/// The typed face's record holds the same history and facts as the stored
/// face's. Entry ids are UUID v7 with random bits, so the two faces, which
/// each mint their own entries, differ in ids and only in ids.
pub fn same_history(
    typed: &ComplaintRecord,
    stored: &ComplaintRecord,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(typed.id(), stored.id());
    prop_assert_eq!(typed.stage(), stored.stage());
    prop_assert_eq!(typed.version(), stored.version());
    prop_assert_eq!(typed.intake(), stored.intake());
    for (a, b) in typed.entries().iter().zip(stored.entries()) {
        prop_assert_eq!(a.schema(), b.schema());
        prop_assert_eq!(a.complaint_id(), b.complaint_id());
        prop_assert_eq!(a.sequence(), b.sequence());
        prop_assert_eq!(a.at(), b.at());
        prop_assert_eq!(a.actor(), b.actor());
        prop_assert_eq!(a.event(), b.event());
        prop_assert_eq!(a.decisions(), b.decisions());
        prop_assert_eq!(a.command(), b.command());
    }
    prop_assert_eq!(typed.deadlines(), stored.deadlines());
    prop_assert_eq!(typed.owner(), stored.owner());
    prop_assert_eq!(typed.escalation_level(), stored.escalation_level());
    prop_assert_eq!(typed.contact_count(), stored.contact_count());
    prop_assert_eq!(typed.follow_up(), stored.follow_up());
    prop_assert_eq!(typed.follow_up_record(), stored.follow_up_record());
    prop_assert_eq!(
        typed.awaiting_customer_since(),
        stored.awaiting_customer_since()
    );
    prop_assert_eq!(
        typed.awaiting_third_party_since(),
        stored.awaiting_third_party_since()
    );
    prop_assert_eq!(typed.judgment(), stored.judgment());
    prop_assert_eq!(typed.findings(), stored.findings());
    prop_assert_eq!(typed.proposal(), stored.proposal());
    prop_assert_eq!(typed.customer_choice(), stored.customer_choice());
    prop_assert_eq!(typed.approval(), stored.approval());
    prop_assert_eq!(typed.execution(), stored.execution());
    prop_assert_eq!(typed.fast_resolution(), stored.fast_resolution());
    prop_assert_eq!(typed.withdrawal(), stored.withdrawal());
    prop_assert_eq!(typed.review(), stored.review());
    Ok(())
}

/// R7: replaying the history, and storing and loading the record as JSON,
/// give back the same record.
pub fn round_trips(record: &ComplaintRecord) -> Result<(), TestCaseError> {
    let replayed = ComplaintRecord::replay(record.entries().to_vec());
    prop_assert_eq!(replayed.as_ref(), Ok(record), "replay");
    let json = serde_json::to_string(record).unwrap();
    let loaded = serde_json::from_str::<ComplaintRecord>(&json);
    prop_assert!(loaded.is_ok(), "load: {:?}", loaded.err());
    prop_assert_eq!(&loaded.unwrap(), record, "JSON round trip");
    Ok(())
}
