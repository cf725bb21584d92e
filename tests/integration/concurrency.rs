//! Optimistic concurrency and idempotent commands in the core, without a
//! database: what
//! `ExpectedVersion::check` lets through and what it refuses, the conflict's
//! message, and the version a loaded record expects (R7: two writers never
//! both append entry number n).

use complaint_workflow::{
    CommandId, ComplaintRecord, Severity, StageKind, TransitionError,
    event::{Accept, AddNote},
    record::{Conflict, Entry, ExpectedVersion},
};

use super::support::{accept, agent, ctx, minute, record_in, start};

/// Every expectation against a missing complaint and against versions 1, 2
/// and 3: `NoRecord` fits only a missing one, `Exactly(n)` only version n,
/// `Any` everything; a refusal reports both sides.
#[test]
fn r7_expected_version_fits_exactly_the_stored_version() {
    let stored = [None, Some(1), Some(2), Some(3)];
    let expectations = [
        ExpectedVersion::NoRecord,
        ExpectedVersion::Exactly(1),
        ExpectedVersion::Exactly(2),
        ExpectedVersion::Any,
    ];
    for expected in expectations {
        for actual in stored {
            let fits = match expected {
                ExpectedVersion::NoRecord => actual.is_none(),
                ExpectedVersion::Exactly(n) => actual == Some(n),
                ExpectedVersion::Any => true,
            };
            let result = expected.check(actual);
            if fits {
                assert_eq!(result, Ok(()), "{expected:?} against {actual:?}");
            } else {
                assert_eq!(
                    result,
                    Err(Conflict { expected, actual }),
                    "{expected:?} against {actual:?}"
                );
            }
        }
    }
}

/// A conflict says what was expected and what was found, in words.
#[test]
fn r7_conflict_message_names_both_versions() {
    let stale = ExpectedVersion::Exactly(4).check(Some(6)).unwrap_err();
    assert_eq!(
        stale.to_string(),
        "version conflict: expected version 4, but the complaint is at version 6"
    );
    let gone = ExpectedVersion::Exactly(2).check(None).unwrap_err();
    assert_eq!(
        gone.to_string(),
        "version conflict: expected version 2, but there is no such complaint"
    );
    let exists = ExpectedVersion::NoRecord.check(Some(1)).unwrap_err();
    assert_eq!(
        exists.to_string(),
        "version conflict: expected no record, but the complaint is at version 1"
    );
    assert_eq!(ExpectedVersion::Any.to_string(), "any version");
}

/// A loaded record expects its own version; after one more entry, the old
/// expectation is stale and the new one fits.
#[test]
fn r7_a_record_expects_the_version_it_was_loaded_at() {
    let mut record: ComplaintRecord = record_in(StageKind::Judged);
    let loaded = record.expected_version();
    assert_eq!(loaded, ExpectedVersion::Exactly(record.version()));
    assert_eq!(loaded.check(Some(record.version())), Ok(()));

    record
        .apply(
            AddNote {
                text: "Customer called for news".into(),
            },
            &ctx(agent(), minute(500)),
        )
        .unwrap();
    let now = Some(record.version());
    assert_eq!(
        loaded.check(now),
        Err(Conflict {
            expected: loaded,
            actual: now
        })
    );
    assert_eq!(record.expected_version().check(now), Ok(()));
}

/// The expectation is stored data (a queued command carries it): its JSON
/// form is fixed.
#[test]
fn expected_version_serializes_in_snake_case() {
    let cases = [
        (ExpectedVersion::NoRecord, r#""no_record""#),
        (ExpectedVersion::Exactly(7), r#"{"exactly":7}"#),
        (ExpectedVersion::Any, r#""any""#),
    ];
    for (version, json) in cases {
        assert_eq!(serde_json::to_string(&version).unwrap(), json);
        assert_eq!(
            serde_json::from_str::<ExpectedVersion>(json).unwrap(),
            version
        );
    }
}

/// A command's entries are found by its id: the two entries of a severe
/// complaint's intake (the acceptance and the escalation it triggers, E1),
/// then a note; a retried command gives back what it produced and appends
/// nothing; the same id on another event is refused, the record unchanged.
#[test]
fn r7_a_command_is_applied_once_and_its_entries_found_by_id() {
    let intake = CommandId::from("intake-1");
    let severe = Accept {
        severity: Severity::High,
        ..accept()
    };
    let mut record =
        ComplaintRecord::accept(severe, &ctx(agent(), start()).with_command("intake-1")).unwrap();
    assert_eq!(record.version(), 2, "accepted and escalated at intake");
    assert_eq!(
        record.entries_of_command(&intake),
        Some(record.entries()),
        "both intake entries carry the command"
    );

    let note = || AddNote {
        text: "Customer called for news".into(),
    };
    let noted = ctx(agent(), minute(10)).with_command("note-1");
    let first: Vec<Entry> = record.apply(note(), &noted).unwrap().to_vec();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].sequence(), 3);
    assert_eq!(first[0].command(), Some(&CommandId::from("note-1")));

    let again: Vec<Entry> = record
        .apply(note(), &ctx(agent(), minute(20)).with_command("note-1"))
        .unwrap()
        .to_vec();
    assert_eq!(again, first, "the retry returns the original outcome");
    assert_eq!(record.version(), 3, "and appends nothing");
    assert_eq!(
        record.entries_of_command(&CommandId::from("note-1")),
        Some(first.as_slice())
    );
    assert_eq!(
        record.entries_of_command(&intake).map(<[Entry]>::len),
        Some(2)
    );
    assert_eq!(record.entries_of_command(&CommandId::from("unknown")), None);

    let before = record.clone();
    let other = AddNote {
        text: "Another note".into(),
    };
    assert_eq!(
        record.apply(other, &ctx(agent(), minute(30)).with_command("note-1")),
        Err(TransitionError::CommandReused {
            command: CommandId::from("note-1")
        })
    );
    assert_eq!(record, before);
}
