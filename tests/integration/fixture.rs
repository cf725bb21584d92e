//! The golden fixtures of the stored format: `tests/fixtures/full_history_v2.json`
//! (schema 2, sealed, A1) and `tests/fixtures/full_history_v1.json` (schema 1,
//! as the crate wrote it before the seal, A3) are serialized `ComplaintRecord`s
//! whose history holds every kind of step (two proposal rounds, a declined
//! remedy, execution, review, reopening, notes).
//!
//! The file is the contract with every database that stores these records:
//! it must keep loading, and the crate must keep writing it byte for byte.
//! A serde rename, a reordered field or a changed representation fails here.
//!
//! To write the file again (new ids, after a deliberate format change that
//! comes with a new schema version): `UPDATE_FIXTURES=1 cargo test --test
//! integration fixture`.

use std::path::PathBuf;

use complaint_workflow::{
    ComplaintRecord, EventKind, StageKind,
    event::{Evaluation, Satisfaction},
    record::{SCHEMA_VERSION, Verdict},
};

use super::support::{
    agent, content, full_history, minute, propose, propose_replacement, review, supervisor,
    team_lead, voucher,
};

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/full_history_v2.json")
}

/// The fixture of schema 1, never written again.
fn v1_fixture() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/full_history_v1.json");
    std::fs::read_to_string(path).unwrap()
}

/// The stored form: pretty JSON with a final newline.
fn to_file_contents(record: &ComplaintRecord) -> String {
    let mut text = serde_json::to_string_pretty(record).unwrap();
    text.push('\n');
    text
}

/// Reads the fixture; with `UPDATE_FIXTURES=1`, writes it from
/// [`full_history`] first.
fn read_fixture() -> String {
    let path = path();
    if std::env::var_os("UPDATE_FIXTURES").is_some_and(|value| value == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, to_file_contents(&full_history())).unwrap();
    }
    std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "cannot read {}: {error}; write it with UPDATE_FIXTURES=1",
            path.display()
        )
    })
}

/// The fixture loads (which replays it, verifying its chain) and writes
/// back byte for byte.
#[test]
fn full_history_fixture_loads_and_writes_back_byte_for_byte() {
    let text = read_fixture();
    let record: ComplaintRecord = serde_json::from_str(&text).expect("the fixture loads");
    assert_eq!(to_file_contents(&record), text);
    assert!(
        record
            .entries()
            .iter()
            .all(|entry| entry.schema() == SCHEMA_VERSION)
    );
}

/// A3: the history of schema 1 loads, every entry sealed on upgrade, into
/// the complaint the v2 fixture holds (ids and salts apart); written out it
/// is of schema 2 and loads again to the same record.
#[test]
fn a3_the_v1_fixture_upgrades_to_the_same_complaint() {
    let v1: ComplaintRecord = serde_json::from_str(&v1_fixture()).expect("the v1 fixture loads");
    let v2: ComplaintRecord = serde_json::from_str(&read_fixture()).unwrap();
    assert_eq!(v1.stage(), v2.stage());
    let contents =
        |record: &ComplaintRecord| -> Vec<_> { record.entries().iter().map(content).collect() };
    assert_eq!(contents(&v1), contents(&v2));
    assert_eq!(v1.deadlines(), v2.deadlines());
    assert!(v1.entries().iter().all(|entry| {
        entry.schema() == SCHEMA_VERSION
            && entry
                .seal()
                .is_some_and(|seal| seal.upgraded_from() == Some(1))
    }));
    let written = to_file_contents(&v1);
    assert!(!written.contains("\"schema\": 1"));
    let reloaded: ComplaintRecord = serde_json::from_str(&written).unwrap();
    assert_eq!(reloaded, v1);
    // The upgrade is the same every time: the chain's head does not change.
    let again: ComplaintRecord = serde_json::from_str(&v1_fixture()).unwrap();
    assert_eq!(again.head_hash(), v1.head_hash());
}

/// A3: a mixed history — entries of schema 1, then entries of schema 2
/// appended after loading it, as a store holds one that was never rewritten —
/// replays, and the appended entries link to the upgraded ones.
#[test]
fn a3_a_v1_history_with_v2_entries_appended_replays() {
    let stored: serde_json::Value = serde_json::from_str(&v1_fixture()).unwrap();
    let mut record: ComplaintRecord = serde_json::from_value(stored.clone()).unwrap();
    let last = record.entries().last().unwrap().at();
    let ctx = super::support::ctx(agent(), last + chrono::Duration::minutes(1));
    let appended = record
        .apply(super::support::note("Called the customer back"), &ctx)
        .unwrap()
        .to_vec();
    let mut entries: Vec<serde_json::Value> = stored["entries"].as_array().unwrap().clone();
    entries.extend(
        appended
            .iter()
            .map(|entry| serde_json::to_value(entry).unwrap()),
    );
    assert_eq!(entries.first().unwrap()["schema"], 1);
    assert_eq!(entries.last().unwrap()["schema"], 2);
    let entries: Vec<complaint_workflow::record::Entry> =
        serde_json::from_value(serde_json::Value::Array(entries)).unwrap();
    let replayed = ComplaintRecord::replay(entries).expect("a mixed history replays");
    assert_eq!(replayed, record);
}

/// The fixture holds the history the builders make, entry for entry (ids
/// apart, which are random).
#[test]
fn full_history_fixture_is_the_full_history() {
    let record: ComplaintRecord = serde_json::from_str(&read_fixture()).unwrap();
    let stored: Vec<_> = record.entries().iter().map(content).collect();
    let built: Vec<_> = full_history().entries().iter().map(content).collect();
    assert_eq!(stored, built);
}

/// The facts of the fixture, at its end and at points along the way.
#[test]
fn full_history_fixture_facts() {
    let record: ComplaintRecord = serde_json::from_str(&read_fixture()).unwrap();
    let kinds: Vec<EventKind> = record.entries().iter().map(|e| e.event().kind()).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Accept,
            EventKind::Uphold,
            EventKind::Investigate,
            EventKind::AddNote,
            EventKind::Propose,
            EventKind::ChooseRemedy,
            EventKind::Approve,
            EventKind::Decline,
            EventKind::Propose,
            EventKind::Approve,
            EventKind::Execute,
            EventKind::AttemptFollowUp,
            EventKind::AttemptFollowUp,
            EventKind::CompleteFollowUp,
            EventKind::Review,
            EventKind::Reopen,
            EventKind::AddNote,
        ]
    );
    assert!(
        record
            .entries()
            .iter()
            .all(|e| e.schema() == SCHEMA_VERSION)
    );
    assert!(
        record
            .entries()
            .iter()
            .all(|e| e.complaint_id() == record.id())
    );

    // At its end: reopened, a new round not yet judged.
    assert_eq!(record.stage(), StageKind::Accepted);
    assert_eq!(record.version(), 17);
    assert_eq!(record.reopen_count(), 1);
    assert_eq!(record.judgment(), None);
    assert_eq!(record.approval(), None);
    assert_eq!(record.notes().count(), 2);
    assert_eq!(record.entries()[2].actor(), &team_lead());

    // At the first approval: the customer chose option 2, the supervisor approved it.
    let first_round = ComplaintRecord::replay(record.entries()[..7].to_vec()).unwrap();
    assert_eq!(first_round.stage(), StageKind::Approved);
    assert_eq!(first_round.proposal(), Some(&propose()));
    assert_eq!(first_round.customer_choice(), Some(2));
    let approval = first_round.approval().unwrap();
    assert_eq!(approval.option_number, 2);
    assert_eq!(approval.option.compensation, Some(voucher()));
    assert_eq!(approval.approver, &supervisor());
    assert_eq!(approval.approved_at, minute(150));

    // At the review: the second proposal's option 1 was approved and
    // executed; the follow-up found the customer dissatisfied.
    let reviewed = ComplaintRecord::replay(record.entries()[..15].to_vec()).unwrap();
    assert_eq!(reviewed.stage(), StageKind::Reviewed);
    assert!(matches!(reviewed.judgment(), Some(Verdict::Upheld(_))));
    assert_eq!(reviewed.proposal(), Some(&propose_replacement()));
    assert_eq!(reviewed.customer_choice(), None);
    let approval = reviewed.approval().unwrap();
    assert_eq!(approval.option_number, 1);
    assert_eq!(approval.option, &propose_replacement().options[0]);
    assert_eq!(approval.approver, &supervisor());
    assert_eq!(approval.approved_at, minute(250));
    let execution = reviewed.execution().unwrap();
    assert_eq!(
        execution.signature.as_ref().unwrap().signed_at,
        minute(24 * 60 - 5)
    );
    assert_eq!(execution.accountability.len(), 2);
    assert_eq!(reviewed.review(), Some(&review()));
    assert_eq!(reviewed.review().unwrap().evaluation, Evaluation::Effective);
    let follow_up = reviewed
        .follow_up()
        .expect("a follow-up after the execution");
    assert_eq!(follow_up.attempts(), 2);
    assert!(follow_up.last_attempt_reached());
    assert_eq!(
        reviewed
            .follow_up_record()
            .map(|r| r.outcome.satisfaction()),
        Some(Satisfaction::Dissatisfied)
    );
    assert_eq!(reviewed.entries()[14].actor(), &supervisor());
    assert_eq!(reviewed.entries()[10].actor(), &agent());
}
