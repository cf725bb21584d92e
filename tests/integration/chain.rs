//! A1, A3: the hash chain against every kind of tampering, judged three
//! times: by [`verify_chain`], by [`ComplaintRecord::replay`] (whose rule and
//! sequence checks come before the chain's), and by the independent verifier
//! `tools/verify_history.py` (Python's standard library only) on the same
//! JSON. The verifier also accepts every untampered history with the
//! crate's head hash: fresh ones, the golden fixtures of schema 1 and 2, and
//! a history of every event kind, sealed and upgraded from schema 1.
//!
//! Python is found as `python3`; without it the verifier's half of each test
//! is skipped with a message, except under `CI`, where that fails.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use complaint_workflow::{
    Actor, ComplaintRecord, EventKind, ReplayError, Role,
    audit::{ChainError, Part, verify_chain},
    error::{Inconsistency, SequenceError},
    event::{Redact, RedactedText, RedactionTarget},
    record::Entry,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{Value, json};

use super::authorization::{Ready, ready_for};
use super::support::{agent, ctx, full_history, minute, note, supervisor, team_lead, unsealed};

// ---- The independent verifier -------------------------------------------------

fn verifier_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tools/verify_history.py")
}

/// Whether `python3` runs; without it, a skip message (a failure under `CI`).
fn python() -> bool {
    let found = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 is needed to run tools/verify_history.py under CI"
        );
        eprintln!("python3 not found: the independent verifier's check was skipped");
    }
    found
}

/// The verifier's line for each history (one process, `--batch`), or `None`
/// without Python.
fn verifier(histories: &[Value]) -> Option<Vec<String>> {
    if !python() {
        return None;
    }
    static FILES: AtomicUsize = AtomicUsize::new(0);
    let file = std::env::temp_dir().join(format!(
        "complaint-workflow-chain-{}-{}.jsonl",
        std::process::id(),
        FILES.fetch_add(1, Ordering::Relaxed)
    ));
    let mut text = String::new();
    for history in histories {
        text.push_str(&serde_json::to_string(history).unwrap());
        text.push('\n');
    }
    std::fs::write(&file, text).unwrap();
    let output = Command::new("python3")
        .arg(verifier_path())
        .arg("--batch")
        .arg(&file)
        .output()
        .expect("python3 runs");
    let _ = std::fs::remove_file(&file);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.is_empty(), "the verifier wrote to stderr: {stderr}");
    let lines: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        lines.len(),
        histories.len(),
        "one line per history: {lines:?}"
    );
    Some(lines)
}

/// The verifier's `refused: <kind> at entry <n>` (without its reason), or
/// its whole `ok …` line.
fn verdict(line: &str) -> &str {
    match line.find(": ").zip(line.strip_prefix("refused: ")) {
        Some((_, rest)) => {
            let end = rest
                .find(": ")
                .map_or(line.len(), |at| at + "refused: ".len());
            &line[..end]
        }
        None => line,
    }
}

fn stored(id: Value, entries: Vec<Value>) -> Value {
    json!({ "id": id, "entries": entries })
}

fn stored_record(record: &ComplaintRecord) -> Value {
    serde_json::to_value(record).unwrap()
}

/// The verifier accepts each record's history, with the crate's head hash.
fn verifier_accepts(records: &[(String, Value, String)]) {
    let histories: Vec<Value> = records.iter().map(|(_, json, _)| json.clone()).collect();
    let Some(lines) = verifier(&histories) else {
        return;
    };
    for ((name, json, head), line) in records.iter().zip(lines) {
        let version = json["entries"].as_array().map_or(0, Vec::len);
        assert_eq!(line, format!("ok {version} {head}"), "{name}");
    }
}

// ---- Tampering ------------------------------------------------------------------

/// A sealed history of 17 entries (every lifecycle step, notes between them),
/// as stored: 4 is a note by the agent, 5 a proposal, 6 the choice of a remedy.
fn sealed() -> (ComplaintRecord, Value) {
    let record = full_history();
    let json = stored_record(&record);
    (record, json)
}

fn entries_of(json: &Value) -> Vec<Entry> {
    serde_json::from_value(json["entries"].clone()).expect("the tampered entries still read")
}

/// What each judge says of a tampered history: `verify_chain` for the
/// record's complaint, `replay` of its entries, and the verifier's line.
fn refused(
    original: &ComplaintRecord,
    tampered: &Value,
    chain: ChainError,
    replay: ReplayError,
    verifier_says: &str,
) {
    let entries = entries_of(tampered);
    assert_eq!(verify_chain(original.id(), &entries), Err(chain));
    assert_eq!(ComplaintRecord::replay(entries).err(), Some(replay));
    if let Some(lines) = verifier(std::slice::from_ref(tampered)) {
        assert_eq!(verdict(&lines[0]), verifier_says, "{}", lines[0]);
    }
}

fn entry(json: &mut Value, sequence: usize) -> &mut Value {
    &mut json["entries"][sequence - 1]
}

fn renumber(json: &mut Value) {
    for (index, entry) in json["entries"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        entry["sequence"] = json!(index + 1);
    }
}

/// A1: a changed personal text (a note's) no longer matches its salted
/// commitment: the entry's texts are not what was sealed.
#[test]
fn a1_a_changed_text_is_refused_as_altered_texts() {
    let (record, mut json) = sealed();
    entry(&mut json, 4)["event"]["data"]["text"] = json!("Customer never called");
    refused(
        &record,
        &json,
        ChainError::Altered {
            sequence: 4,
            part: Part::Texts,
        },
        ChainError::Altered {
            sequence: 4,
            part: Part::Texts,
        }
        .into(),
        "refused: altered at entry 4",
    );
}

/// A1: a changed time, still in order (so that replay's rules pass it on to
/// the chain).
#[test]
fn a1_a_changed_time_is_refused_as_altered_at() {
    let (record, mut json) = sealed();
    entry(&mut json, 4)["at"] = json!(minute(91));
    let error = ChainError::Altered {
        sequence: 4,
        part: Part::At,
    };
    refused(
        &record,
        &json,
        error.clone(),
        error.into(),
        "refused: altered at entry 4",
    );
}

/// A1: another actor of the same role (the rules let any agent add a note).
#[test]
fn a1_a_changed_actor_is_refused_as_altered_actor() {
    let (record, mut json) = sealed();
    entry(&mut json, 4)["actor"] = serde_json::to_value(Actor::agent("agent-8")).unwrap();
    let error = ChainError::Altered {
        sequence: 4,
        part: Part::Actor,
    };
    refused(
        &record,
        &json,
        error.clone(),
        error.into(),
        "refused: altered at entry 4",
    );
}

/// A1: a non-text field of an event (the remedy chosen: 1 instead of 2, an
/// option the proposal has, so the rules pass it).
#[test]
fn a1_a_changed_event_field_is_refused_as_altered_event() {
    let (record, mut json) = sealed();
    assert_eq!(entry(&mut json, 6)["event"]["type"], "choose_remedy");
    entry(&mut json, 6)["event"]["data"]["option"] = json!(1);
    let error = ChainError::Altered {
        sequence: 6,
        part: Part::Event,
    };
    refused(
        &record,
        &json,
        error.clone(),
        error.into(),
        "refused: altered at entry 6",
    );
}

/// A1: the decisions recorded with an entry (the acceptance's first-response
/// deadline due a minute later). Replay checks the decisions against the
/// event before the chain, and a due time the policy could have given
/// passes that check, so the chain names it.
#[test]
fn a1_changed_decisions_are_refused_as_altered_decisions() {
    let (record, mut json) = sealed();
    let effects = &mut entry(&mut json, 1)["effects"][0];
    assert_eq!(effects["effect"], "open_deadline");
    let due: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(effects["due"].clone()).unwrap();
    effects["due"] = json!(due + chrono::Duration::minutes(1));
    let error = ChainError::Altered {
        sequence: 1,
        part: Part::Decisions,
    };
    refused(
        &record,
        &json,
        error.clone(),
        error.into(),
        "refused: altered at entry 1",
    );
}

/// A1: a command id added to an entry written without one.
#[test]
fn a1_a_changed_command_is_refused_as_altered_command() {
    let (record, mut json) = sealed();
    assert!(entry(&mut json, 4).get("command").is_none());
    entry(&mut json, 4)["command"] = json!("cmd-1");
    let error = ChainError::Altered {
        sequence: 4,
        part: Part::Command,
    };
    refused(
        &record,
        &json,
        error.clone(),
        error.into(),
        "refused: altered at entry 4",
    );
}

/// A1: another entry id (its complaint and sequence unchanged).
#[test]
fn a1_a_changed_entry_id_is_refused_as_altered_identity() {
    let (record, mut json) = sealed();
    let other = serde_json::to_value(full_history().entries()[3].id()).unwrap();
    entry(&mut json, 4)["id"] = other;
    let error = ChainError::Altered {
        sequence: 4,
        part: Part::Identity,
    };
    refused(
        &record,
        &json,
        error.clone(),
        error.into(),
        "refused: altered at entry 4",
    );
}

/// A1: a changed sequence number is the identity's too; replay checks the
/// numbering before the chain, so it names a gap.
#[test]
fn a1_a_changed_sequence_is_refused_as_altered_identity() {
    let (record, mut json) = sealed();
    entry(&mut json, 4)["sequence"] = json!(5);
    refused(
        &record,
        &json,
        ChainError::Altered {
            sequence: 4,
            part: Part::Identity,
        },
        SequenceError::Gap {
            expected: 4,
            found: 5,
        }
        .into(),
        "refused: altered at entry 4",
    );
}

/// A1: a dropped entry, the rest left as they were: the entry after the gap
/// links to an entry not there. Replay sees the gap in the numbering first.
#[test]
fn a1_a_dropped_entry_is_refused_as_dropped() {
    let (record, mut json) = sealed();
    json["entries"].as_array_mut().unwrap().remove(3);
    refused(
        &record,
        &json,
        ChainError::Dropped { sequence: 4 },
        SequenceError::Gap {
            expected: 4,
            found: 5,
        }
        .into(),
        "refused: dropped at entry 4",
    );
}

/// A1: a dropped entry with the rest renumbered: the numbering and the
/// rules pass, the link does not (it is checked before the identity).
#[test]
fn a1_a_dropped_entry_renumbered_is_refused_as_dropped() {
    let (record, mut json) = sealed();
    json["entries"].as_array_mut().unwrap().remove(3);
    renumber(&mut json);
    let error = ChainError::Dropped { sequence: 4 };
    refused(
        &record,
        &json,
        error.clone(),
        error.into(),
        "refused: dropped at entry 4",
    );
}

/// A history with a well-formed entry inserted after entry 4: a note that
/// `apply` wrote on a copy of the first four entries (sealed, linked to
/// entry 4, numbered 5).
fn with_inserted_note() -> (ComplaintRecord, Value) {
    let (record, mut json) = sealed();
    let mut copy = ComplaintRecord::replay(record.entries()[..4].to_vec()).unwrap();
    let written = copy
        .apply(note("Left a voicemail"), &ctx(agent(), minute(100)))
        .unwrap();
    let inserted = serde_json::to_value(&written[0]).unwrap();
    assert_eq!(inserted["sequence"], 5);
    json["entries"].as_array_mut().unwrap().insert(4, inserted);
    (record, json)
}

/// A1: an inserted entry, the rest renumbered: the inserted entry verifies
/// on its own, and the entry after it links past it, to entry 4.
#[test]
fn a1_an_inserted_entry_is_refused_as_inserted() {
    let (record, mut json) = with_inserted_note();
    renumber(&mut json);
    let error = ChainError::Inserted { sequence: 5 };
    refused(
        &record,
        &json,
        error.clone(),
        error.into(),
        "refused: inserted at entry 5",
    );
}

/// A1: an inserted entry, the rest not renumbered: replay finds two entries
/// numbered 5 before it looks at the chain.
#[test]
fn a1_an_inserted_entry_not_renumbered_is_refused_as_inserted() {
    let (record, json) = with_inserted_note();
    refused(
        &record,
        &json,
        ChainError::Inserted { sequence: 5 },
        SequenceError::Duplicate {
            expected: 6,
            found: 5,
        }
        .into(),
        "refused: inserted at entry 5",
    );
}

/// A1: two neighbours swapped (the note 4 and the proposal 5): entry 4's
/// place holds an entry that links to the one after it. Replay sees the
/// numbering out of order first.
#[test]
fn a1_two_neighbours_swapped_are_refused_as_reordered() {
    let (record, mut json) = sealed();
    json["entries"].as_array_mut().unwrap().swap(3, 4);
    refused(
        &record,
        &json,
        ChainError::Reordered { sequence: 4 },
        SequenceError::Gap {
            expected: 4,
            found: 5,
        }
        .into(),
        "refused: reordered at entry 4",
    );
}

/// A1: two notes far apart swapped and renumbered (4 and 17): the numbering
/// passes, and so do the rules (a note can be added at any time after the
/// last entry), so replay names the chain's error too.
#[test]
fn a1_two_entries_far_apart_swapped_are_refused_as_reordered() {
    let (record, mut json) = sealed();
    json["entries"].as_array_mut().unwrap().swap(3, 16);
    renumber(&mut json);
    let error = ChainError::Reordered { sequence: 4 };
    refused(
        &record,
        &json,
        error.clone(),
        error.into(),
        "refused: reordered at entry 4",
    );
}

/// A1: a copy of a later entry (the approval 10) inserted at 5: it links to
/// an entry further on, like a moved entry, but it is still there further
/// on, and the entry after the copy links to the head: inserted. Replay
/// sees the numbering jump first.
#[test]
fn a1_a_copy_of_a_later_entry_is_refused_as_inserted() {
    let (record, mut json) = sealed();
    let copy = entry(&mut json, 10).clone();
    json["entries"].as_array_mut().unwrap().insert(4, copy);
    refused(
        &record,
        &json,
        ChainError::Inserted { sequence: 5 },
        SequenceError::Gap {
            expected: 5,
            found: 10,
        }
        .into(),
        "refused: inserted at entry 5",
    );
}

/// A1: another complaint's history stored under this complaint's id:
/// `verify_chain` names it from the first entry; replay alone rebuilds the
/// other complaint, and loading the stored record finds the ids differ.
#[test]
fn a1_a_swapped_history_is_refused_as_foreign() {
    let (record, _) = sealed();
    let other = full_history();
    let mut json = stored_record(&other);
    json["id"] = json!(record.id());
    let entries = entries_of(&json);
    assert_eq!(
        verify_chain(record.id(), &entries),
        Err(ChainError::ForeignHistory {
            expected: record.id(),
            found: other.id(),
        })
    );
    let replayed = ComplaintRecord::replay(entries).unwrap();
    assert_eq!(replayed.id(), other.id());
    let error = serde_json::from_value::<ComplaintRecord>(json.clone()).unwrap_err();
    assert_eq!(
        error.to_string(),
        ReplayError::from(Inconsistency::Id {
            stored: record.id(),
            replayed: other.id(),
        })
        .to_string()
    );
    if let Some(lines) = verifier(&[json]) {
        assert_eq!(verdict(&lines[0]), "refused: foreign_history at entry 1");
    }
}

/// A1, A3: an entry made to look like schema 1 (its seal removed) after
/// entries sealed when written.
#[test]
fn a1_a_removed_seal_after_a_sealed_entry_is_refused_as_unsealed() {
    let (record, mut json) = sealed();
    let bare = unsealed(entry(&mut json, 5).take());
    *entry(&mut json, 5) = bare;
    let error = ChainError::Unsealed { sequence: 5 };
    refused(
        &record,
        &json,
        error.clone(),
        error.into(),
        "refused: unsealed at entry 5",
    );
}

/// A1: a seal removed from an entry left at schema 2 does not even read
/// (an entry of schema 2 has a seal); the verifier names it unsealed.
#[test]
fn a1_a_removed_seal_of_schema_2_does_not_read() {
    let (_, mut json) = sealed();
    entry(&mut json, 5).as_object_mut().unwrap().remove("seal");
    let error = serde_json::from_value::<Vec<Entry>>(json["entries"].clone()).unwrap_err();
    assert!(
        error.to_string().contains("missing field `seal`"),
        "{error}"
    );
    if let Some(lines) = verifier(&[json]) {
        assert_eq!(verdict(&lines[0]), "refused: unsealed at entry 5");
    }
}

/// A1: an entry's hash edited: every part matches its check, the hash is
/// not theirs.
#[test]
fn a1_an_edited_hash_is_refused_as_hash_changed() {
    let (record, mut json) = sealed();
    let hash = entry(&mut json, 5)["seal"]["hash"]
        .as_str()
        .unwrap()
        .to_owned();
    let flipped = if hash.starts_with('0') { "1" } else { "0" };
    entry(&mut json, 5)["seal"]["hash"] = json!(format!("{flipped}{}", &hash[1..]));
    let error = ChainError::HashChanged { sequence: 5 };
    refused(
        &record,
        &json,
        error.clone(),
        error.into(),
        "refused: hash_changed at entry 5",
    );
}

/// A1: an entry's hash edited and the next entry's link with it: the edited
/// entry is still named.
#[test]
fn a1_an_edited_hash_and_link_are_refused_as_hash_changed() {
    let (record, mut json) = sealed();
    let forged = "ab".repeat(32);
    entry(&mut json, 5)["seal"]["hash"] = json!(forged);
    entry(&mut json, 6)["seal"]["previous"] = json!(forged);
    let error = ChainError::HashChanged { sequence: 5 };
    refused(
        &record,
        &json,
        error.clone(),
        error.into(),
        "refused: hash_changed at entry 5",
    );
}

// ---- Redactions (A2) ---------------------------------------------------------------

/// The sealed history of [`sealed`] redacted by a supervisor a minute after
/// its last entry (the redaction is entry 18), as the crate stores it.
fn redacted(target: RedactionTarget) -> (ComplaintRecord, Value) {
    redacted_from(full_history(), target)
}

/// `record` redacted as [`redacted`] does.
fn redacted_from(mut record: ComplaintRecord, target: RedactionTarget) -> (ComplaintRecord, Value) {
    let at = record.entries().last().unwrap().at() + chrono::Duration::minutes(1);
    let redact = Redact {
        reason: "The customer asked for erasure".into(),
        target,
    };
    record.apply(redact, &ctx(supervisor(), at)).unwrap();
    let json = stored_record(&record);
    (record, json)
}

/// The note's text (entry 4).
fn the_note() -> RedactionTarget {
    RedactionTarget::Texts(vec![RedactedText {
        sequence: 4,
        path: "/event/data/text".into(),
    }])
}

/// A2: the verifier accepts the histories the crate redacted (one text, and
/// all personal text), each text a commitment with the tombstone in the
/// body, with the crate's head hash.
#[test]
fn a2_the_verifier_accepts_a_redacted_history_with_the_crates_head() {
    let records: Vec<(String, Value, String)> = [
        ("the note", the_note()),
        ("all personal text", RedactionTarget::AllPersonalText),
    ]
    .into_iter()
    .map(|(name, target)| {
        let (record, json) = redacted(target);
        let texts = json["entries"][3]["seal"]["texts"].as_array().unwrap();
        assert!(texts[0].get("commitment").is_some() && texts[0].get("salt").is_none());
        assert_eq!(json["entries"][3]["event"]["data"]["text"], "[redacted]");
        (name.to_owned(), json, record.head_hash().to_string())
    })
    .collect();
    verifier_accepts(&records);
}

/// A2: a forged redaction — the text replaced and its salt turned into its
/// commitment, every hash kept, but no redact entry — is refused by the
/// crate and by the verifier as unlicensed.
#[test]
fn a2_a_redaction_without_its_entry_is_refused_as_unlicensed() {
    let (record, mut json) = redacted(the_note());
    json["entries"].as_array_mut().unwrap().pop();
    let error = ChainError::UnlicensedRedaction {
        sequence: 4,
        path: "/event/data/text".into(),
    };
    refused(
        &record,
        &json,
        error.clone(),
        ReplayError::Chain(error),
        "refused: unlicensed_redaction at entry 4",
    );
}

/// A2: another text in place of the tombstone matches every hash (the text
/// is committed to, not hashed) and is refused by the tombstone check.
#[test]
fn a2_a_redacted_text_that_is_not_the_tombstone_is_refused() {
    let (record, mut json) = redacted(the_note());
    entry(&mut json, 4)["event"]["data"]["text"] = json!("Customer never called");
    let error = ChainError::RedactedNotTombstone {
        sequence: 4,
        path: "/event/data/text".into(),
    };
    refused(
        &record,
        &json,
        error.clone(),
        ReplayError::Chain(error),
        "refused: redacted_not_tombstone at entry 4",
    );
}

/// A2: a redact entry after entries whose texts were put back (the stored
/// history before the redaction): the redaction was not applied.
#[test]
fn a2_a_redaction_whose_texts_were_put_back_is_refused_as_not_applied() {
    for (target, entry, path) in [
        (the_note(), 4, "/event/data/text"),
        (RedactionTarget::AllPersonalText, 1, "/event/data/content"),
    ] {
        let (original, mut json) = sealed();
        let (record, after) = redacted_from(original.clone(), target);
        let redaction = after["entries"][17].clone();
        json["entries"].as_array_mut().unwrap().push(redaction);
        let error = ChainError::RedactionNotApplied {
            sequence: 18,
            entry,
            path: path.into(),
        };
        assert_eq!(original.head_hash(), record.entries()[16].hash().unwrap());
        refused(
            &record,
            &json,
            error.clone(),
            ReplayError::Chain(error),
            "refused: redaction_not_applied at entry 18",
        );
    }
}

// ---- Untampered histories --------------------------------------------------------

/// The lowest role that may fire `kind`, as the walks' actors.
fn lowest_actor(kind: EventKind) -> Actor {
    match Role::required_for(kind) {
        Role::Agent => agent(),
        Role::TeamLead => team_lead(),
        Role::Supervisor => supervisor(),
    }
}

/// For every kind, a history that ends with an entry of it.
fn every_kind() -> Vec<(EventKind, ComplaintRecord)> {
    EventKind::ALL
        .into_iter()
        .map(|kind| {
            if kind == EventKind::Accept {
                return (kind, super::support::new_record());
            }
            let actor = lowest_actor(kind);
            let Ready {
                mut record,
                event,
                at,
            } = ready_for(kind, &actor);
            if let Err(error) = record.apply(event, &ctx(actor, at)) {
                panic!("`{kind}` refused: {error}");
            }
            (kind, record)
        })
        .collect()
}

/// A1: the verifier accepts a history the crate wrote ending in each event
/// kind, with the crate's head hash (`verify_chain`'s too).
#[test]
fn a1_the_verifier_accepts_a_history_of_every_event_kind() {
    let records: Vec<(String, Value, String)> = every_kind()
        .into_iter()
        .map(|(kind, record)| {
            let head = verify_chain(record.id(), record.entries()).unwrap();
            assert_eq!(head, record.chain_head(), "{kind}");
            (
                kind.to_string(),
                stored_record(&record),
                record.head_hash().to_string(),
            )
        })
        .collect();
    assert_eq!(records.len(), EventKind::ALL.len());
    verifier_accepts(&records);
}

/// A3: the same histories written as schema 1 (no seals): the verifier's
/// upgrade (its own list of personal texts, its derived salts) gives the
/// chain the crate's replay gives. A2: schema 1 has no `redact` (the
/// crate that wrote it had none) and cannot hold a redacted text, whose
/// commitment is in the seal: the crate refuses a redaction written so.
#[test]
fn a3_the_verifier_upgrades_a_v1_history_of_every_event_kind_as_the_crate_does() {
    let records: Vec<(String, Value, String)> = every_kind()
        .into_iter()
        .filter_map(|(kind, record)| {
            let mut json = stored_record(&record);
            let entries: Vec<Value> = json["entries"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .map(|entry| unsealed(entry.take()))
                .collect();
            json["entries"] = Value::Array(entries);
            if kind == EventKind::Redact {
                let refused = serde_json::from_value::<ComplaintRecord>(json).unwrap_err();
                assert!(refused.to_string().contains("not redacted"), "{refused}");
                return None;
            }
            let upgraded: ComplaintRecord = serde_json::from_value(json.clone())
                .unwrap_or_else(|error| panic!("`{kind}` of schema 1 does not load: {error}"));
            assert!(
                upgraded
                    .entries()
                    .iter()
                    .all(|entry| entry.seal().and_then(|seal| seal.upgraded_from()) == Some(1)),
                "{kind}"
            );
            Some((kind.to_string(), json, upgraded.head_hash().to_string()))
        })
        .collect();
    assert_eq!(records.len(), EventKind::ALL.len() - 1);
    verifier_accepts(&records);
}

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// A1, A3: the golden histories: schema 2 as sealed, schema 1 upgraded on
/// read; the verifier gives each the head the crate gives, and the v1
/// golden acceptance alone as well.
#[test]
fn a3_the_verifier_accepts_the_golden_histories_of_schema_1_and_2() {
    let mut records = Vec::new();
    for name in ["full_history_v1.json", "full_history_v2.json"] {
        let json = fixture(name);
        let record: ComplaintRecord = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(
            verify_chain(record.id(), &entries_of(&json)).map(|head| head.hash),
            Ok(record.head_hash()),
            "{name}"
        );
        records.push((name.to_owned(), json, record.head_hash().to_string()));
    }
    let accept = fixture("v1/events/accept.json");
    let entry: Entry = serde_json::from_value(accept.clone()).unwrap();
    let record = ComplaintRecord::replay([entry]).unwrap();
    records.push((
        "v1/events/accept.json".into(),
        stored(json!(record.id()), vec![accept]),
        record.head_hash().to_string(),
    ));
    verifier_accepts(&records);
}

/// A1: a fresh history (random salts and ids) and the verifier's checkpoint
/// option: the crate's head is accepted, another refused.
#[test]
fn a1_the_verifier_checks_the_head_against_a_checkpoint() {
    let (record, json) = sealed();
    verifier_accepts(&[(
        "full history".into(),
        json.clone(),
        record.head_hash().to_string(),
    )]);
    if !python() {
        return;
    }
    let file = std::env::temp_dir().join(format!(
        "complaint-workflow-checkpoint-{}.json",
        std::process::id()
    ));
    std::fs::write(&file, serde_json::to_string(&json).unwrap()).unwrap();
    let run = |head: &str| {
        let output = Command::new("python3")
            .arg(verifier_path())
            .arg(&file)
            .args(["--head", head])
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    let good = run(&record.head_hash().to_string());
    let bad = run(&"00".repeat(32));
    let _ = std::fs::remove_file(&file);
    assert_eq!(good, (Some(0), format!("ok 17 {}\n", record.head_hash())));
    assert_eq!(bad.0, Some(1));
    assert!(
        bad.1.starts_with("refused: checkpoint at entry 17: "),
        "{}",
        bad.1
    );
}

// ---- Properties --------------------------------------------------------------------

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/chain.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// The JSON pointers of every string value of `value`.
fn string_paths(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::String(_) => out.push(at),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                string_paths(item, format!("{at}/{index}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                string_paths(item, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
}

/// One byte-level edit of a string: a byte replaced by an ASCII character,
/// removed, or an ASCII character inserted, kept only when the text is still
/// UTF-8 and differs.
fn edit_string(text: &str, at: prop::sample::Index, how: u8, byte: u8) -> Option<String> {
    let mut bytes = text.as_bytes().to_vec();
    let ascii = byte % 0x80;
    match how % 3 {
        0 if !bytes.is_empty() => {
            let at = at.index(bytes.len());
            bytes[at] = ascii;
        }
        1 if !bytes.is_empty() => {
            bytes.remove(at.index(bytes.len()));
        }
        _ => bytes.insert(at.index(bytes.len() + 1), ascii),
    }
    String::from_utf8(bytes)
        .ok()
        .filter(|edited| edited != text)
}

/// A sealed history of `notes` notes (texts with quotes, backslashes,
/// control characters and non-ASCII text, which the canonical encoding
/// escapes or writes as itself) after the acceptance.
fn history_with(notes: &[String]) -> ComplaintRecord {
    let mut record = super::support::new_record();
    for (index, text) in notes.iter().enumerate() {
        let at = minute(10 * (index as i64 + 1));
        if record.apply(note(text), &ctx(agent(), at)).is_err() {
            record
                .apply(note("A plain note"), &ctx(agent(), at))
                .unwrap();
        }
    }
    record
}

fn note_text() -> impl Strategy<Value = String> {
    "[a-z][ -~\\x00-\\x1f\"\\\\\u{7f}\u{e9}\u{6f22}\u{1f600}\u{2028}]{0,24}"
}

/// A random damage of a stored history: a string edited byte by byte,
/// an entry dropped (renumbered or not), two swapped, one duplicated, one
/// unsealed, the history cut short.
#[derive(Clone, Debug)]
enum Damage {
    String(prop::sample::Index, prop::sample::Index, u8, u8),
    Drop(prop::sample::Index, bool),
    Swap(prop::sample::Index, prop::sample::Index),
    Duplicate(prop::sample::Index, prop::sample::Index),
    Unseal(prop::sample::Index),
    Truncate(prop::sample::Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => (any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<u8>(), any::<u8>())
            .prop_map(|(path, at, how, byte)| Damage::String(path, at, how, byte)),
        1 => (any::<prop::sample::Index>(), any::<bool>()).prop_map(|(i, renumber)| Damage::Drop(i, renumber)),
        1 => (any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(|(i, j)| Damage::Swap(i, j)),
        1 => (any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(|(i, j)| Damage::Duplicate(i, j)),
        1 => any::<prop::sample::Index>().prop_map(Damage::Unseal),
        1 => any::<prop::sample::Index>().prop_map(Damage::Truncate),
    ]
}

fn apply_damage(json: &mut Value, damage: &Damage) {
    if let Damage::String(path, at, how, byte) = *damage {
        let mut paths = Vec::new();
        string_paths(&json["entries"], "/entries".into(), &mut paths);
        let pointer = &paths[path.index(paths.len())];
        let text = json.pointer(pointer).and_then(Value::as_str).unwrap();
        if let Some(edited) = edit_string(text, at, how, byte) {
            *json.pointer_mut(pointer).unwrap() = json!(edited);
        }
        return;
    }
    let entries = json["entries"].as_array_mut().unwrap();
    let len = entries.len();
    match *damage {
        Damage::Drop(i, renumbered) if len > 1 => {
            entries.remove(i.index(len));
            if renumbered {
                renumber(json);
            }
        }
        Damage::Swap(i, j) => entries.swap(i.index(len), j.index(len)),
        Damage::Duplicate(i, j) => {
            let copy = entries[i.index(len)].clone();
            entries.insert(j.index(len + 1), copy);
        }
        Damage::Unseal(i) => {
            let at = i.index(len);
            entries[at] = unsealed(entries[at].take());
        }
        Damage::Truncate(i) if len > 1 => entries.truncate(1 + i.index(len - 1)),
        Damage::String(..) | Damage::Drop(..) | Damage::Truncate(_) => {}
    }
}

/// The verifier's name for a [`ChainError`].
fn kind_name(error: &ChainError) -> (&'static str, u64) {
    match *error {
        ChainError::ForeignHistory { .. } => ("foreign_history", 1),
        ChainError::Altered { sequence, .. } | ChainError::TextsMismatch { sequence, .. } => {
            ("altered", sequence)
        }
        ChainError::HashChanged { sequence } => ("hash_changed", sequence),
        ChainError::Dropped { sequence } => ("dropped", sequence),
        ChainError::Inserted { sequence } => ("inserted", sequence),
        ChainError::Reordered { sequence } => ("reordered", sequence),
        ChainError::Unsealed { sequence } => ("unsealed", sequence),
        ref other => panic!("not a tampering the verifier names: {other}"),
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// A1: any byte-level edit of a string value of a sealed history's JSON
    /// (ids, times, actors, event data and texts, the seal's salts, checks,
    /// links and hashes) that still reads as entries, and reads as other
    /// entries than the original's, is refused by `verify_chain`. (An edit
    /// that reads back the same, such as an uppercase hexadecimal digit, is
    /// no change to what was sealed.)
    #[test]
    fn a1_a_byte_edit_of_a_string_that_changes_an_entry_is_refused(
        notes in proptest::collection::vec(note_text(), 0..4),
        path in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        how in any::<u8>(),
        byte in any::<u8>(),
    ) {
        let record = history_with(&notes);
        let mut json = stored_record(&record);
        apply_damage(&mut json, &Damage::String(path, at, how, byte));
        if let Ok(entries) = serde_json::from_value::<Vec<Entry>>(json["entries"].clone()) {
            if entries != record.entries() {
                prop_assert!(verify_chain(record.id(), &entries).is_err());
                prop_assert!(ComplaintRecord::replay(entries).is_err());
            }
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// A1: the verifier and the crate agree on every random history with
    /// random damage that still reads: both accept with the same head, or
    /// both refuse with the same kind at the same entry. The verifier is
    /// given what the crate read, written back (it hashes the stored text,
    /// the crate what it reads: a respelling the crate reads as the same
    /// value is outside this property).
    #[test]
    fn a1_the_verifier_and_the_crate_agree_on_damaged_histories(
        notes in proptest::collection::vec(note_text(), 0..5),
        damages in proptest::collection::vec(damage(), 1..4),
    ) {
        let record = history_with(&notes);
        let mut json = stored_record(&record);
        for damage in &damages {
            apply_damage(&mut json, damage);
        }
        let Ok(entries) = serde_json::from_value::<Vec<Entry>>(json["entries"].clone()) else {
            return Ok(());
        };
        let crate_says = verify_chain(record.id(), &entries);
        let written = stored(json!(record.id()), entries.iter().map(|e| serde_json::to_value(e).unwrap()).collect());
        let Some(lines) = verifier(&[written]) else {
            return Ok(());
        };
        match crate_says {
            Ok(head) => prop_assert_eq!(&lines[0], &format!("ok {} {}", head.version, head.hash)),
            Err(error) => {
                let (kind, sequence) = kind_name(&error);
                prop_assert_eq!(verdict(&lines[0]), format!("refused: {kind} at entry {sequence}"), "{}", error);
            }
        }
    }
}
