//! The golden fixture of the stored format (schema version 1):
//! `tests/fixtures/full_history_v1.json` is a serialized `ComplaintRecord`
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
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/full_history_v1.json")
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

/// The fixture loads (which replays it) and writes back byte for byte.
#[test]
fn full_history_fixture_loads_and_writes_back_byte_for_byte() {
    let text = read_fixture();
    let record: ComplaintRecord = serde_json::from_str(&text).expect("the fixture loads");
    assert_eq!(to_file_contents(&record), text);
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
