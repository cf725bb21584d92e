//! Optimistic concurrency in the core, without a database: what
//! `ExpectedVersion::check` lets through and what it refuses, the conflict's
//! message, and the version a loaded record expects (R7: two writers never
//! both append entry number n).

use complaint_workflow::{AddNote, ComplaintRecord, Conflict, ExpectedVersion, StageKind};

use super::support::{agent, ctx, minute, record_in};

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
