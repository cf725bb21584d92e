//! A2: a `redact` entry replaces personal texts of earlier entries with the
//! tombstone; the chain still verifies with the same hashes, every report
//! and every deadline is the same, and a past changed any other way is
//! refused by replay and by `verify_chain`.

use chrono::Duration;
use complaint_workflow::{
    ComplaintRecord, EventKind, ReplayError, StageKind, TransitionError,
    audit::{ChainError, Digest, TextSecret, personal_text_paths, verify_chain},
    error::RedactionError,
    event::{REDACTED, Redact, RedactedText, RedactionTarget},
    record::Entry,
    report::{BreachReport, ClassificationReport, FollowUpSummary, Period},
};
use proptest::prelude::*;

use super::report_properties::{Built, build, horizon, now, origin, plans};
use super::support::{agent, ctx, note, record_in, supervisor};

fn redact(target: RedactionTarget) -> Redact {
    Redact {
        reason: "The customer's erasure request of 2027-01-04".into(),
        target,
    }
}

fn one(sequence: u64, path: &str) -> RedactionTarget {
    RedactionTarget::Texts(vec![RedactedText {
        sequence,
        path: path.into(),
    }])
}

/// Applies `redact` by the supervisor a day after the last entry.
fn apply(record: &mut ComplaintRecord, redact: Redact) -> Result<(), TransitionError> {
    let at = record.last_entry_at() + Duration::days(1);
    record.apply(redact, &ctx(supervisor(), at)).map(|_| ())
}

fn hashes(entries: &[Entry]) -> Vec<Option<Digest>> {
    entries.iter().map(Entry::hash).collect()
}

/// The text of `entry` at `path`, read from its stored JSON.
fn text_at(entry: &Entry, path: &str) -> String {
    let json = serde_json::to_value(entry).unwrap();
    json.pointer(path)
        .and_then(|v| v.as_str())
        .unwrap()
        .to_owned()
}

fn is_redacted(entry: &Entry, path: &str) -> bool {
    entry
        .seal()
        .unwrap()
        .texts()
        .iter()
        .any(|text| text.path() == path && matches!(text.secret(), TextSecret::Redacted(_)))
}

/// A2: one text redacted: it becomes the tombstone, its seal holds the
/// commitment, every old entry keeps its hash, the chain verifies, and the
/// record replays to the same record; the other texts stay.
#[test]
fn a2_redacting_one_text_keeps_every_hash() {
    let mut record = record_in(StageKind::Executed);
    record
        .apply(
            note("Mrs Li asked to be called at 555-0199"),
            &ctx(agent(), record.last_entry_at()),
        )
        .unwrap();
    let before = record.entries().to_vec();
    let head = verify_chain(record.id(), &before).unwrap();
    let noted = record.version();
    let loaded = record.version();

    apply(&mut record, redact(one(noted, "/event/data/text"))).unwrap();

    assert_eq!(record.version(), loaded + 1);
    assert_eq!(record.rewritten_since(loaded), vec![noted]);
    let after = record.entries();
    assert_eq!(hashes(&after[..before.len()]), hashes(&before));
    let last = &after[usize::try_from(noted).unwrap() - 1];
    assert_eq!(text_at(last, "/event/data/text"), REDACTED);
    assert!(is_redacted(last, "/event/data/text"));
    // The complaint's content is not named, and stays.
    assert_eq!(
        text_at(&after[0], "/event/data/content"),
        text_at(&before[0], "/event/data/content")
    );
    assert!(!is_redacted(&after[0], "/event/data/content"));

    let verified = verify_chain(record.id(), after).unwrap();
    assert_eq!(verified.version, head.version + 1);
    let replayed = ComplaintRecord::replay(after.to_vec()).unwrap();
    assert_eq!(replayed, record);
    // The redaction entry's reason is kept: it explains the redaction.
    assert!(personal_text_paths(after.last().unwrap().event()).is_empty());
}

/// A2: all personal text of a closed complaint: every personal text but the
/// customer's answer to what should improve is the tombstone; the chain
/// verifies, the hashes stay, the record replays, and the intake the record
/// keeps is redacted too.
#[test]
fn a2_redacting_all_personal_text_of_a_closed_complaint() {
    let mut record = record_in(StageKind::Closed);
    let before = record.entries().to_vec();
    let loaded = record.version();
    apply(&mut record, redact(RedactionTarget::AllPersonalText)).unwrap();
    assert_eq!(record.stage(), StageKind::Closed);

    let after = record.entries();
    assert_eq!(hashes(&after[..before.len()]), hashes(&before));
    for entry in &after[..before.len()] {
        for path in personal_text_paths(entry.event()) {
            if path == "/event/data/outcome/to_improve" {
                assert!(!is_redacted(entry, &path));
            } else {
                assert_eq!(
                    text_at(entry, &path),
                    REDACTED,
                    "entry {} {path}",
                    entry.sequence()
                );
                assert!(is_redacted(entry, &path));
            }
        }
    }
    let rewritten = record.rewritten_since(loaded);
    assert!(rewritten.contains(&1) && rewritten.iter().all(|&s| s <= loaded));
    assert_eq!(record.intake().content, REDACTED);
    verify_chain(record.id(), after).unwrap();
    assert_eq!(ComplaintRecord::replay(after.to_vec()).unwrap(), record);

    // A second redaction of everything changes nothing more and still verifies.
    let loaded = record.version();
    apply(&mut record, redact(RedactionTarget::AllPersonalText)).unwrap();
    verify_chain(record.id(), record.entries()).unwrap();
    assert_eq!(
        ComplaintRecord::replay(record.entries().to_vec()).unwrap(),
        record
    );
    assert!(record.rewritten_since(loaded).iter().all(|&s| s < loaded));
}

/// A2: a redaction is a supervisor's, names texts that exist in earlier
/// entries, each once, and may not name the customer's answer to what
/// should improve.
#[test]
fn a2_a_redaction_names_redactable_texts_of_earlier_entries() {
    let mut record = record_in(StageKind::Closed);
    let at = record.last_entry_at();
    let unauthorized = record
        .apply(redact(RedactionTarget::AllPersonalText), &ctx(agent(), at))
        .unwrap_err();
    assert!(matches!(unauthorized, TransitionError::Unauthorized { .. }));
    let refused = |target| apply(&mut record.clone(), redact(target)).unwrap_err();
    assert_eq!(
        refused(RedactionTarget::Texts(vec![])),
        TransitionError::Redaction(RedactionError::NoText)
    );
    assert_eq!(
        refused(one(1, "/event/data/category")),
        TransitionError::Redaction(RedactionError::UnknownText {
            sequence: 1,
            path: "/event/data/category".into()
        })
    );
    assert!(matches!(
        refused(one(99, "/event/data/text")),
        TransitionError::Redaction(RedactionError::UnknownText { sequence: 99, .. })
    ));
    let completed = record
        .entries()
        .iter()
        .find(|e| e.event().kind() == EventKind::CompleteFollowUp)
        .unwrap()
        .sequence();
    assert!(matches!(
        refused(one(completed, "/event/data/outcome/to_improve")),
        TransitionError::Redaction(RedactionError::UnknownText { .. })
    ));
    let twice = RedactionTarget::Texts(vec![
        RedactedText {
            sequence: 1,
            path: "/event/data/content".into(),
        },
        RedactedText {
            sequence: 1,
            path: "/event/data/content".into(),
        },
    ]);
    assert!(matches!(
        refused(twice),
        TransitionError::Redaction(RedactionError::Repeated { .. })
    ));
    let version = record.version();
    apply(&mut record, redact(one(1, "/event/data/content"))).unwrap();
    assert_eq!(record.version(), version + 1);
}

/// A2: a forged redaction — a text replaced by the tombstone and its salt
/// by its commitment, with no `redact` entry — still matches every hash,
/// and is refused by replay and by `verify_chain`.
#[test]
fn a2_a_forged_redaction_is_refused() {
    let record = record_in(StageKind::Reviewed);
    // Redact for real on a copy, then drop the redaction entry: the past
    // changed without a licence.
    let mut redacted = record.clone();
    apply(&mut redacted, redact(one(1, "/event/data/content"))).unwrap();
    let mut forged = redacted.entries().to_vec();
    forged.pop();
    let expected = ChainError::UnlicensedRedaction {
        sequence: 1,
        path: "/event/data/content".into(),
    };
    assert_eq!(verify_chain(record.id(), &forged), Err(expected.clone()));
    assert_eq!(
        ComplaintRecord::replay(forged),
        Err(ReplayError::Chain(expected))
    );
}

/// A2: a text sealed as redacted that is not the tombstone (a text put in
/// place of a redacted one) is refused; so is a redaction entry whose
/// texts were put back.
#[test]
fn a2_a_redacted_text_is_the_tombstone_and_a_redaction_is_applied() {
    let mut record = record_in(StageKind::Reviewed);
    let original = record.entries().to_vec();
    apply(&mut record, redact(one(1, "/event/data/content"))).unwrap();
    let redacted = record.entries().to_vec();

    // Another text in place of the tombstone: the hash does not see it (the
    // text is committed to), the check of the tombstone does.
    let mut json = serde_json::to_value(&redacted).unwrap();
    *json.pointer_mut("/0/event/data/content").unwrap() = "Something else".into();
    let altered: Vec<Entry> = serde_json::from_value(json).unwrap();
    let expected = ChainError::RedactedNotTombstone {
        sequence: 1,
        path: "/event/data/content".into(),
    };
    assert_eq!(verify_chain(record.id(), &altered), Err(expected.clone()));
    assert_eq!(
        ComplaintRecord::replay(altered),
        Err(ReplayError::Chain(expected))
    );

    // The original entries with the redaction entry: it names a text that
    // is not redacted.
    let mut undone = original.clone();
    undone.push(redacted.last().unwrap().clone());
    let expected = ChainError::RedactionNotApplied {
        sequence: redacted.len() as u64,
        entry: 1,
        path: "/event/data/content".into(),
    };
    assert_eq!(verify_chain(record.id(), &undone), Err(expected.clone()));
    assert_eq!(
        ComplaintRecord::replay(undone),
        Err(ReplayError::Chain(expected))
    );
}

/// Redacts every record of `built`: all personal text, or the text at
/// `pick` of each record's texts.
fn redact_all(built: &[Built], pick: Option<prop::sample::Index>) -> Vec<ComplaintRecord> {
    built
        .iter()
        .map(|b| {
            let mut record = b.record.clone();
            let target = match &pick {
                None => RedactionTarget::AllPersonalText,
                Some(index) => {
                    let texts: Vec<RedactedText> = record
                        .entries()
                        .iter()
                        .flat_map(|entry| {
                            personal_text_paths(entry.event()).into_iter().map(|path| {
                                RedactedText {
                                    sequence: entry.sequence(),
                                    path,
                                }
                            })
                        })
                        .filter(|text| text.path != "/event/data/outcome/to_improve")
                        .collect();
                    RedactionTarget::Texts(vec![index.get(&texts).clone()])
                }
            };
            apply(&mut record, redact(target)).unwrap();
            record
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A2 with S1, S2, S4 and every deadline: over random histories, a
    /// redaction (of everything, or of one random text) changes no report
    /// and no deadline; the chain verifies with the old entries' hashes,
    /// and the redacted history replays to the redacted record.
    #[test]
    fn a2_reports_and_deadlines_are_the_same_after_a_redaction(
        plans in plans(),
        pick in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let built: Vec<Built> = plans.iter().map(build).collect();
        let redacted = redact_all(&built, pick);
        let before: Vec<&ComplaintRecord> = built.iter().map(|b| &b.record).collect();
        let period = Period::range(origin(), horizon() + Duration::days(60)).unwrap();
        prop_assert_eq!(
            ClassificationReport::compute(before.iter().copied(), &period),
            ClassificationReport::compute(&redacted, &period)
        );
        prop_assert_eq!(
            FollowUpSummary::compute(before.iter().copied(), &period),
            FollowUpSummary::compute(&redacted, &period)
        );
        prop_assert_eq!(
            BreachReport::compute(before.iter().copied(), &period, now()),
            BreachReport::compute(&redacted, &period, now())
        );
        for (old, new) in before.iter().zip(&redacted) {
            prop_assert_eq!(old.deadlines(), new.deadlines());
            prop_assert_eq!(old.breaches(now()), new.breaches(now()));
            prop_assert_eq!(old.next_deadline(), new.next_deadline());
            prop_assert_eq!(old.stage(), new.stage());
            let old_entries = old.entries();
            prop_assert_eq!(hashes(old_entries), hashes(&new.entries()[..old_entries.len()]));
            prop_assert!(verify_chain(new.id(), new.entries()).is_ok());
            let replayed = ComplaintRecord::replay(new.entries().to_vec());
            prop_assert_eq!(replayed.as_ref(), Ok(new));
        }
    }
}
