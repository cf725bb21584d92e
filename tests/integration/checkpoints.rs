//! A1: signed checkpoints of the chain's heads. The attack the chain alone
//! cannot catch (edit a text, recompute every hash) and what a checkpoint
//! signed with a key held outside the database says about it; key ids,
//! rotation, the signed bytes, the stored form.

use std::io::Write as _;
use std::process::{Command, Stdio};

use chrono::{Duration, TimeZone, Utc};
use complaint_workflow::audit::{
    self, ChainError, Checkpoint, CheckpointError, KeyId, Keyring, SigningKey, verify_chain,
};
use complaint_workflow::record::Entry;
use complaint_workflow::{ComplaintRecord, StageKind};
use serde_json::Value;

use super::support::{agent, ctx, last_time, new_record, note, record_in};

/// The application's key in the tests: a fixed seed (an application takes
/// 32 random bytes from the operating system).
fn desk_key() -> SigningKey {
    SigningKey::from_bytes(&[7; 32])
}

fn key_id(id: &str) -> KeyId {
    KeyId::new(id).expect("a valid key id")
}

/// A closed complaint with two notes: texts worth rewriting.
fn closed_with_notes() -> ComplaintRecord {
    let mut record = record_in(StageKind::Closed);
    let at = last_time(StageKind::Closed);
    for (minutes, text) in [
        (10, "The customer was rude on the phone"),
        (20, "Refund sent"),
    ] {
        record
            .apply(note(text), &ctx(agent(), at + Duration::minutes(minutes)))
            .expect("a note");
    }
    record
}

fn checkpoint_of(record: &ComplaintRecord) -> Checkpoint {
    audit::sign(
        [record.chain_head()],
        last_time(StageKind::Closed) + Duration::hours(1),
        &desk_key(),
        key_id("desk-2026-12"),
    )
    .expect("a checkpoint")
}

fn stored(entries: &[Entry]) -> Vec<Value> {
    entries
        .iter()
        .map(|entry| serde_json::to_value(entry).expect("an entry serializes"))
        .collect()
}

fn read(values: Vec<Value>) -> Vec<Entry> {
    values
        .into_iter()
        .map(|value| serde_json::from_value(value).expect("an entry reads"))
        .collect()
}

/// Rewrites the text of every `add_note` entry saying `from`.
fn edit_note(values: &mut [Value], from: &str, to: &str) -> usize {
    let mut edited = 0;
    for value in values.iter_mut() {
        let text = value.pointer_mut("/event/data/text");
        if let Some(text) = text.filter(|text| text.as_str() == Some(from)) {
            *text = Value::from(to);
            edited += 1;
        }
    }
    edited
}

/// A1, the attack: someone with write access to the rows edits a note and
/// recomputes the chain — here by storing the history as schema 1 (no
/// seals), which the crate upgrades on read to a chain that verifies, and
/// writing back the replayed, sealed entries. `verify_chain` and replay
/// accept the forgery; the checkpoint signed before does not.
#[test]
fn a1_a_chain_recomputed_after_an_edit_verifies_but_the_checkpoint_catches_it() {
    let record = closed_with_notes();
    let checkpoint = checkpoint_of(&record);
    let public = desk_key().verifying_key();
    assert_eq!(
        audit::verify_against(record.entries(), &checkpoint, &public),
        Ok(record.chain_head())
    );

    let mut values = stored(record.entries());
    let rude = "The customer was rude on the phone";
    assert_eq!(edit_note(&mut values, rude, "The customer was polite"), 1);
    // The edit alone: the chain catches it.
    let edited = read(values.clone());
    assert!(matches!(
        verify_chain(record.id(), &edited),
        Err(ChainError::Altered { .. })
    ));

    // Recompute: drop the seals and call it schema 1.
    for value in &mut values {
        let object = value.as_object_mut().expect("an entry is an object");
        object.remove("seal");
        object.insert("schema".into(), Value::from(1));
    }
    let forged = ComplaintRecord::replay(read(values)).expect("the forgery replays");
    let rewritten = read(stored(forged.entries()));
    let forged_head = verify_chain(record.id(), &rewritten).expect("the forged chain verifies");
    assert_eq!(forged_head.version, record.version());
    assert_ne!(forged_head.hash, record.head_hash());
    assert!(rewritten.iter().all(|entry| entry.seal().is_some()));

    // The checkpoint names the first entry it signed that differs: the
    // whole prefix is rewritten, so its last entry.
    assert_eq!(
        audit::verify_against(&rewritten, &checkpoint, &public),
        Err(CheckpointError::HeadMismatch {
            complaint: record.id(),
            version: record.version(),
            checkpoint: record.head_hash(),
            history: forged_head.hash,
        })
    );
}

/// A1: the same attack done the way an auditor's tool would, with the
/// independent verifier's own functions (`tools/verify_history.py`): every
/// entry keeps its salts and gets a fresh seal of schema 2, not marked as
/// upgraded — a forgery indistinguishable from a history the crate wrote.
/// The crate's `verify_chain` accepts it; the checkpoint refuses it.
#[test]
fn a1_a_chain_recomputed_with_the_verifiers_functions_is_caught() {
    const RESEAL: &str = r#"
import json, sys
sys.path.insert(0, "tools")
import verify_history as v
entries = json.load(sys.stdin)
head = None
for position, entry in enumerate(entries, start=1):
    seal = entry["seal"]
    digests = v.part_digests(entry, seal.get("texts", []), position)
    seal["previous"] = head
    if head is None:
        del seal["previous"]
    seal["checks"] = "".join(d[:4].hex() for d in digests)
    seal["hash"] = v.entry_hash(False, head, digests).hex()
    head = seal["hash"]
json.dump(entries, sys.stdout)
"#;
    let record = closed_with_notes();
    let checkpoint = checkpoint_of(&record);
    let mut values = stored(record.entries());
    assert_eq!(
        edit_note(&mut values, "Refund sent", "No refund was asked for"),
        1
    );
    let input = serde_json::to_vec(&values).expect("JSON");
    let child = Command::new("python3")
        .args(["-c", RESEAL])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI runs the verifier with python3: {error}"
            );
            eprintln!("skipped: python3 not found ({error})");
            return;
        }
    };
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&input)
        .expect("writes");
    let output = child.wait_with_output().expect("python3 runs");
    assert!(output.status.success(), "the reseal script failed");
    let forged: Vec<Entry> = serde_json::from_slice(&output.stdout).expect("entries");

    let head = verify_chain(record.id(), &forged).expect("the forged chain verifies");
    assert!(forged.iter().all(|entry| {
        entry
            .seal()
            .is_some_and(|seal| seal.upgraded_from().is_none())
    }));
    assert!(ComplaintRecord::replay(forged.clone()).is_ok());
    assert_ne!(head.hash, record.head_hash());
    assert!(matches!(
        audit::verify_against(&forged, &checkpoint, &desk_key().verifying_key()),
        Err(CheckpointError::HeadMismatch { version, .. }) if version == record.version()
    ));
}

/// A1: entries appended after the checkpoint are the chain's to check; the
/// signed prefix still has to match, and an edit before the checkpoint
/// followed by more entries is caught at the checkpoint's version.
#[test]
fn a1_a_longer_history_verifies_when_its_prefix_is_the_one_signed() {
    let mut record = closed_with_notes();
    let checkpoint = checkpoint_of(&record);
    let signed = record.version();
    let at = last_time(StageKind::Closed) + Duration::hours(2);
    record
        .apply(note("Archived"), &ctx(agent(), at))
        .expect("a note");
    let public = desk_key().verifying_key();
    let head = audit::verify_against(record.entries(), &checkpoint, &public).expect("verifies");
    assert_eq!(head, record.chain_head());
    assert_eq!(head.version, signed + 1);

    // Rewrite the whole history (the text before the checkpoint), then the
    // forger appends too: the entry at the signed version differs.
    let mut values = stored(record.entries());
    assert_eq!(edit_note(&mut values, "Refund sent", "Refund refused"), 1);
    for value in &mut values {
        let object = value.as_object_mut().expect("an object");
        object.remove("seal");
        object.insert("schema".into(), Value::from(1));
    }
    let forged = read(values);
    assert!(verify_chain(record.id(), &forged).is_ok());
    assert!(matches!(
        audit::verify_against(&forged, &checkpoint, &public),
        Err(CheckpointError::HeadMismatch { version, .. }) if version == signed
    ));
}

/// A1: a history cut back to before the checkpoint is truncated, with both
/// lengths; one whose chain is broken is the chain's error.
#[test]
fn a1_a_truncated_or_broken_history_is_refused() {
    let record = closed_with_notes();
    let checkpoint = checkpoint_of(&record);
    let public = desk_key().verifying_key();
    let entries = record.entries();
    let cut = entries.len() - 2;
    assert_eq!(
        audit::verify_against(&entries[..cut], &checkpoint, &public),
        Err(CheckpointError::Truncated {
            complaint: record.id(),
            checkpoint: record.version(),
            history: cut as u64,
        })
    );
    let mut dropped = entries.to_vec();
    dropped.remove(2);
    assert_eq!(
        audit::verify_against(&dropped, &checkpoint, &public),
        Err(CheckpointError::Chain(ChainError::Dropped { sequence: 3 }))
    );
    // Another complaint's history: the complaint is the checkpoint's.
    assert!(matches!(
        audit::verify_against(new_record().entries(), &checkpoint, &public),
        Err(CheckpointError::Chain(ChainError::ForeignHistory { expected, .. }))
            if expected == record.id()
    ));
}

/// A1: a period's checkpoint signs the heads of several complaints; each
/// history is checked against its own head, and a complaint it does not
/// list is not covered.
#[test]
fn a1_a_period_checkpoint_covers_each_of_its_complaints() {
    let first = closed_with_notes();
    let second = record_in(StageKind::Reviewed);
    let checkpoint = audit::sign(
        [second.chain_head(), first.chain_head()],
        Utc.with_ymd_and_hms(2026, 12, 1, 18, 0, 0).unwrap(),
        &desk_key(),
        key_id("desk-2026-12"),
    )
    .expect("a checkpoint");
    assert_eq!(checkpoint.heads().len(), 2);
    assert!(
        checkpoint
            .heads()
            .windows(2)
            .all(|pair| pair[0].complaint_id < pair[1].complaint_id)
    );
    let public = desk_key().verifying_key();
    for record in [&first, &second] {
        assert_eq!(
            audit::verify_against(record.entries(), &checkpoint, &public),
            Ok(record.chain_head())
        );
    }
    let other = new_record();
    assert_eq!(
        audit::verify_against(other.entries(), &checkpoint, &public),
        Err(CheckpointError::NotCovered {
            complaint: other.id()
        })
    );
    assert_eq!(
        audit::sign(
            [first.chain_head(), first.chain_head()],
            Utc::now(),
            &desk_key(),
            key_id("k")
        ),
        Err(CheckpointError::DuplicateHead {
            complaint: first.id()
        })
    );
    assert_eq!(
        audit::sign([], Utc::now(), &desk_key(), key_id("k")),
        Err(CheckpointError::NoHeads)
    );
}

/// A1: a checkpoint altered after signing (its version, its time, its key
/// id), or checked with another key, fails its signature.
#[test]
fn a1_an_altered_checkpoint_or_another_key_fails_the_signature() {
    let record = closed_with_notes();
    let checkpoint = checkpoint_of(&record);
    let public = desk_key().verifying_key();
    assert_eq!(checkpoint.verify(&public), Ok(()));
    let json = serde_json::to_value(&checkpoint).expect("serializes");
    let alterations: [(&str, Value); 3] = [
        ("/heads/0/version", Value::from(record.version() - 1)),
        ("/at", Value::from("2027-01-01T00:00:00Z")),
        ("/key_id", Value::from("desk-2027-01")),
    ];
    for (pointer, value) in alterations {
        let mut altered = json.clone();
        *altered.pointer_mut(pointer).expect("the field") = value;
        let altered: Checkpoint = serde_json::from_value(altered).expect("reads");
        assert!(
            matches!(
                altered.verify(&public),
                Err(CheckpointError::BadSignature { .. })
            ),
            "{pointer}"
        );
        assert!(matches!(
            audit::verify_against(record.entries(), &altered, &public),
            Err(CheckpointError::BadSignature { .. })
        ));
    }
    let stranger = SigningKey::from_bytes(&[8; 32]).verifying_key();
    assert_eq!(
        checkpoint.verify(&stranger),
        Err(CheckpointError::BadSignature {
            key_id: key_id("desk-2026-12")
        })
    );
}

/// A1, key rotation: the auditor's keyring keeps the old public key, so
/// checkpoints signed before the rotation still verify; new checkpoints
/// are signed with the new key under a new id; a key removed (leaked) is
/// unknown, and what it signed is signed again with the new key.
#[test]
fn a1_key_rotation_keeps_old_checkpoints_verifiable_and_unknown_keys_are_refused() {
    let record = closed_with_notes();
    let old = checkpoint_of(&record);
    let new_key = SigningKey::from_bytes(&[9; 32]);
    let at = Utc.with_ymd_and_hms(2027, 1, 2, 0, 0, 0).unwrap();
    let new = audit::sign([record.chain_head()], at, &new_key, key_id("desk-2027-01"))
        .expect("a checkpoint");
    let mut keyring = Keyring::new()
        .with(key_id("desk-2026-12"), desk_key().verifying_key())
        .with(key_id("desk-2027-01"), new_key.verifying_key());
    for checkpoint in [&old, &new] {
        let key = keyring.key(checkpoint.key_id()).expect("a trusted key");
        assert_eq!(
            audit::verify_against(record.entries(), checkpoint, key),
            Ok(record.chain_head())
        );
    }
    assert!(keyring.remove(&key_id("desk-2026-12")).is_some());
    assert_eq!(
        keyring.key(old.key_id()),
        Err(CheckpointError::UnknownKey {
            key_id: key_id("desk-2026-12")
        })
    );
    assert_eq!(
        keyring.ids().map(KeyId::as_str).collect::<Vec<_>>(),
        ["desk-2027-01"]
    );
}

/// A1: the signed bytes are `docs/audit.md`'s, and Ed25519 signs them
/// deterministically: the same key, heads and time give the same
/// signature, which an auditor can check with any RFC 8032 implementation.
#[test]
fn a1_the_signed_bytes_are_the_documented_ones() {
    let record = new_record();
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 18, 0, 0).unwrap() + Duration::milliseconds(250);
    let checkpoint = audit::sign(
        [record.chain_head()],
        at,
        &desk_key(),
        key_id("desk-2026-12"),
    )
    .expect("signs");
    let expected = format!(
        "complaint-workflow.checkpoint.v1\nkey desk-2026-12\nat 2026-12-01T18:00:00Z\nheads 1\n{} 1 {}\n",
        record.id(),
        record.head_hash()
    );
    assert_eq!(
        String::from_utf8(checkpoint.signed_bytes().expect("bytes")).expect("UTF-8"),
        expected
    );
    // The fraction of a second was dropped.
    assert_eq!(checkpoint.at(), at - Duration::milliseconds(250));
    let again = audit::sign(
        [record.chain_head()],
        at,
        &desk_key(),
        key_id("desk-2026-12"),
    )
    .expect("signs");
    assert_eq!(again.signature(), checkpoint.signature());
    // Checked over the raw bytes with the public key alone.
    assert!(
        desk_key()
            .verifying_key()
            .verify_strict(expected.as_bytes(), checkpoint.signature())
            .is_ok()
    );
}

/// A1: the stored form round-trips; reading refuses two heads of one
/// complaint, a time with a fraction of a second, a bad key id and a
/// signature that is not 128 hexadecimal digits.
#[test]
fn a1_a_checkpoint_round_trips_and_its_stored_form_is_checked() {
    let record = closed_with_notes();
    let checkpoint = checkpoint_of(&record);
    let json = serde_json::to_value(&checkpoint).expect("serializes");
    assert_eq!(
        json.get("signature").and_then(Value::as_str).map(str::len),
        Some(128)
    );
    let back: Checkpoint = serde_json::from_value(json.clone()).expect("reads");
    assert_eq!(back, checkpoint);

    let refuse = |pointer: &str, value: Value, why: &str| {
        let mut bad = json.clone();
        *bad.pointer_mut(pointer).expect("the field") = value;
        let error = serde_json::from_value::<Checkpoint>(bad)
            .expect_err("refused")
            .to_string();
        assert!(error.contains(why), "{pointer}: {error}");
    };
    let head = json.pointer("/heads/0").cloned().expect("a head");
    refuse("/heads", Value::from(vec![head.clone(), head]), "two heads");
    refuse(
        "/at",
        Value::from("2026-11-23T12:00:00.5Z"),
        "whole seconds",
    );
    refuse("/key_id", Value::from("desk 2026"), "is not a key id");
    refuse("/signature", Value::from("00"), "128 lowercase");
    refuse(
        "/heads",
        Value::from(Vec::<Value>::new()),
        "at least one head",
    );
    assert!(matches!(
        KeyId::new("x".repeat(65)),
        Err(CheckpointError::InvalidKeyId { .. })
    ));
}
