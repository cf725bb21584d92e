//! Replay (R7): a stored history rebuilds the same record; every kind of
//! damage to a stored history is refused with its own error; a record goes
//! to its typed face by its stage and no other.
//!
//! `Entry`'s fields are private, as they should be: the damaged histories are
//! made by editing the serialized entries as `serde_json::Value`s and reading
//! them back, as an application's storage would hand them over.

use complaint_workflow::error::{
    FieldError, Inconsistency, RemedyError, SchemaError, SequenceError,
};
use complaint_workflow::{
    Complaint, ComplaintId, ComplaintRecord, Event, EventKind, Policy, ReplayError, Role, Stage,
    StageKind, TransitionError, TypedComplaint,
    event::{AddNote, Approve},
    record::{Entry, SCHEMA_VERSION},
};
use serde_json::{Value, json};

use super::support::{
    accept, agent, ctx, full_history, minute, new_record, record_in, start, supervisor, team_lead,
};

/// A reviewed complaint (entries: 1 accept, 2 uphold, 3 investigate,
/// 4 propose, 5 approve, 6 execute, 7 review) and its serialized entries.
struct Stored {
    record: ComplaintRecord,
    entries: Vec<Value>,
}

impl Stored {
    fn reviewed() -> Self {
        let record = record_in(StageKind::Reviewed);
        let entries = record
            .entries()
            .iter()
            .map(|entry| serde_json::to_value(entry).unwrap())
            .collect();
        Self { record, entries }
    }

    /// Reads the (edited) entries back and replays them.
    fn replay(self) -> Result<ComplaintRecord, ReplayError> {
        let entries: Vec<Entry> = self
            .entries
            .into_iter()
            .map(|value| serde_json::from_value(value).expect("an entry in the stored format"))
            .collect();
        ComplaintRecord::replay(entries)
    }
}

fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// Loads a stored record (`{"id","stage","version","entries"}`), which replays it.
fn load(value: Value) -> Result<ComplaintRecord, String> {
    serde_json::from_value(value).map_err(|error| error.to_string())
}

// ---- Replay rebuilds -----------------------------------------------------

/// R7: replaying a record's own history gives the same record, in every stage.
#[test]
fn replay_of_the_history_equals_the_record() {
    for stage in StageKind::ALL {
        let record = record_in(stage);
        assert_eq!(
            ComplaintRecord::replay(record.entries().to_vec()).as_ref(),
            Ok(&record),
            "{stage}"
        );
    }
    let full = full_history();
    assert_eq!(
        ComplaintRecord::replay(full.entries().to_vec()).as_ref(),
        Ok(&full)
    );
    assert_eq!(
        ComplaintRecord::replay(full.clone().into_entries()).as_ref(),
        Ok(&full)
    );
}

/// R7: the stored format round-trips: serialized entries read back replay to
/// the same record, and so does a serialized record.
#[test]
fn serialized_histories_and_records_round_trip() {
    let stored = Stored::reviewed();
    let record = stored.record.clone();
    assert_eq!(stored.replay(), Ok(record));
    for record in StageKind::ALL
        .map(record_in)
        .into_iter()
        .chain([full_history()])
    {
        let text = serde_json::to_string(&record).unwrap();
        let loaded: ComplaintRecord = serde_json::from_str(&text).unwrap();
        assert_eq!(loaded, record);
        let stored = json(&record);
        assert_eq!(stored["id"], json(&record.id()));
        assert_eq!(stored["stage"], json(&record.stage()));
        assert_eq!(stored["version"], json(&record.version()));
        assert_eq!(stored["entries"], json(&record.entries()));
    }
}

/// A history written under a larger policy stays valid when the policy
/// shrinks: replay does not re-check the policy's size limits.
#[test]
fn replay_does_not_recheck_policy_limits() {
    let generous = Policy::default();
    let small = &*super::support::POLICY;
    let long = "x".repeat(small.max_text_bytes() + 1);
    assert!(long.len() <= generous.max_text_bytes());

    let mut record = new_record();
    let note = AddNote { text: long.clone() };
    let at = |policy| complaint_workflow::Context::new(agent(), minute(1), policy);
    assert!(matches!(
        record.clone().apply(note.clone(), &at(small)),
        Err(TransitionError::Field(FieldError::TooLong { .. }))
    ));
    record.apply(note, &at(&generous)).unwrap();
    assert_eq!(
        ComplaintRecord::replay(record.entries().to_vec()).as_ref(),
        Ok(&record)
    );
}

// ---- Each kind of damage, its own error ----------------------------------

#[test]
fn replay_refuses_an_empty_history() {
    assert_eq!(
        ComplaintRecord::replay(Vec::new()),
        Err(ReplayError::Sequence(SequenceError::Empty))
    );
    let mut stored = json(&new_record());
    stored["entries"] = json!([]);
    stored["version"] = json!(0);
    assert_eq!(
        load(stored),
        Err(ReplayError::Sequence(SequenceError::Empty).to_string())
    );
}

/// R1: a history starts with the acceptance.
#[test]
fn replay_refuses_a_history_not_starting_with_accept() {
    let mut stored = Stored::reviewed();
    stored.entries[0]["event"] = stored.entries[1]["event"].clone();
    assert_eq!(
        stored.replay(),
        Err(ReplayError::Sequence(SequenceError::FirstEntryNotAccept {
            found: EventKind::Uphold
        }))
    );
}

/// A lost entry leaves a gap in the sequence.
#[test]
fn replay_refuses_a_sequence_gap() {
    let mut stored = Stored::reviewed();
    stored.entries.remove(2);
    assert_eq!(
        stored.replay(),
        Err(ReplayError::Sequence(SequenceError::Gap {
            expected: 3,
            found: 4
        }))
    );

    let mut stored = Stored::reviewed();
    stored.entries[0]["sequence"] = json!(2);
    assert_eq!(
        stored.replay(),
        Err(ReplayError::Sequence(SequenceError::Gap {
            expected: 1,
            found: 2
        }))
    );
}

/// An entry stored twice repeats a sequence number.
#[test]
fn replay_refuses_a_duplicate_sequence() {
    let mut stored = Stored::reviewed();
    let again = stored.entries[2].clone();
    stored.entries.insert(3, again);
    assert_eq!(
        stored.replay(),
        Err(ReplayError::Sequence(SequenceError::Duplicate {
            expected: 4,
            found: 3
        }))
    );
}

/// An entry of another complaint is refused, even with the right sequence.
#[test]
fn replay_refuses_an_entry_of_another_complaint() {
    let other = ComplaintId::new_at(start());
    let mut stored = Stored::reviewed();
    let expected = stored.record.id();
    assert_ne!(other, expected);
    stored.entries[3]["complaint_id"] = json(&other);
    assert_eq!(
        stored.replay(),
        Err(ReplayError::Sequence(SequenceError::ForeignComplaint {
            sequence: 4,
            expected,
            found: other
        }))
    );
}

/// R7: a history is in time order.
#[test]
fn replay_refuses_time_going_backwards() {
    let mut stored = Stored::reviewed();
    stored.entries[2]["at"] = json(&minute(5));
    assert_eq!(
        stored.replay(),
        Err(ReplayError::Refused {
            sequence: 3,
            event: EventKind::Investigate,
            source: TransitionError::TimeWentBackwards {
                at: minute(5),
                previous: minute(10),
            },
        })
    );
}

/// The transition table holds on replay: an approval in `judged` is refused.
#[test]
fn replay_refuses_an_event_invalid_in_its_stage() {
    let mut stored = Stored::reviewed();
    stored.entries[2]["event"] = json(&Event::Approve(Approve { option: 1 }));
    stored.entries[2]["actor"] = json(&supervisor());
    assert_eq!(
        stored.replay(),
        Err(ReplayError::Refused {
            sequence: 3,
            event: EventKind::Approve,
            source: TransitionError::NotAllowed {
                event: EventKind::Approve,
                stage: StageKind::Judged,
            },
        })
    );
}

/// R4: an approval stored under a team lead's role is refused on replay.
#[test]
fn replay_refuses_an_actor_without_the_role() {
    let mut stored = Stored::reviewed();
    assert_eq!(stored.entries[4]["event"]["type"], "approve");
    stored.entries[4]["actor"]["role"] = json(&Role::TeamLead);
    assert_eq!(
        stored.replay(),
        Err(ReplayError::Refused {
            sequence: 5,
            event: EventKind::Approve,
            source: TransitionError::Unauthorized {
                event: EventKind::Approve,
                actor: supervisor().id,
                required: Role::Supervisor,
                found: Role::TeamLead,
            },
        })
    );

    let mut stored = Stored::reviewed();
    stored.entries[6]["actor"] = json(&team_lead());
    assert_eq!(
        stored.replay(),
        Err(ReplayError::Refused {
            sequence: 7,
            event: EventKind::Review,
            source: TransitionError::Unauthorized {
                event: EventKind::Review,
                actor: team_lead().id,
                required: Role::Supervisor,
                found: Role::TeamLead,
            },
        })
    );
}

/// R1, R5: the events' own rules hold on replay.
#[test]
fn replay_refuses_an_entry_that_breaks_its_event_rule() {
    let mut stored = Stored::reviewed();
    stored.entries[0]["event"]["data"]["content"] = json!("  ");
    assert_eq!(
        stored.replay(),
        Err(ReplayError::Refused {
            sequence: 1,
            event: EventKind::Accept,
            source: TransitionError::Field(FieldError::Empty {
                field: "content".into()
            }),
        })
    );

    let mut stored = Stored::reviewed();
    assert_eq!(stored.entries[5]["event"]["type"], "execute");
    stored.entries[5]["event"]["data"]["signature"] = Value::Null;
    assert_eq!(
        stored.replay(),
        Err(ReplayError::Refused {
            sequence: 6,
            event: EventKind::Execute,
            source: TransitionError::Remedy(RemedyError::MissingSignature),
        })
    );
}

/// Schema 0 was never written.
#[test]
fn replay_refuses_schema_zero() {
    for index in [0, 3] {
        let mut stored = Stored::reviewed();
        stored.entries[index]["schema"] = json!(0);
        assert_eq!(
            stored.replay(),
            Err(ReplayError::Schema(SchemaError::Unknown {
                sequence: index as u64 + 1,
                found: 0,
                newest: SCHEMA_VERSION,
            }))
        );
    }
}

/// A schema newer than this crate's is refused, never guessed at.
#[test]
fn replay_refuses_a_newer_schema() {
    assert_eq!(SCHEMA_VERSION, 2);
    for index in [0, 3] {
        let mut stored = Stored::reviewed();
        stored.entries[index]["schema"] = json!(3);
        assert_eq!(
            stored.replay(),
            Err(ReplayError::Schema(SchemaError::Newer {
                sequence: index as u64 + 1,
                found: 3,
                newest: SCHEMA_VERSION,
            }))
        );
    }
}

/// A stored record whose summary (id, stage, version) disagrees with its
/// history is refused on load; a damaged history inside a record too.
#[test]
fn loading_a_record_checks_its_summary_against_the_history() {
    let record = record_in(StageKind::Reviewed);
    let inconsistent =
        |inconsistency: Inconsistency| Err(ReplayError::from(inconsistency).to_string());

    let mut stored = json(&record);
    stored["stage"] = json!("executed");
    assert_eq!(
        load(stored),
        inconsistent(Inconsistency::Stage {
            stored: StageKind::Executed,
            replayed: StageKind::Reviewed,
        })
    );

    let mut stored = json(&record);
    stored["version"] = json!(6);
    assert_eq!(
        load(stored),
        inconsistent(Inconsistency::Version {
            stored: 6,
            replayed: 7,
        })
    );

    let other = ComplaintId::new_at(start());
    let mut stored = json(&record);
    stored["id"] = json(&other);
    assert_eq!(
        load(stored),
        inconsistent(Inconsistency::Id {
            stored: other,
            replayed: record.id(),
        })
    );

    let mut stored = json(&record);
    stored["entries"][3]["schema"] = json!(3);
    assert_eq!(
        load(stored),
        Err(ReplayError::Schema(SchemaError::Newer {
            sequence: 4,
            found: 3,
            newest: SCHEMA_VERSION,
        })
        .to_string())
    );

    assert_eq!(load(json(&record)), Ok(record));
}

/// A stored entry with a field this crate does not know (a misspelled key,
/// or a key an earlier build wrote under the same schema version) must be
/// refused: read leniently, the field is dropped without a word, and the
/// next save writes the history without it. Here the entry's `effects`
/// (the deadlines and follow-up slots the policy decided) are stored under
/// a wrong key: the record loads with those deadlines gone.
#[test]
fn loading_refuses_an_entry_with_an_unknown_field() {
    let record = full_history();
    assert!(!record.entries()[0].decisions().is_empty());
    let mut stored = json(&record);
    let first = stored["entries"][0].as_object_mut().unwrap();
    let effects = first.remove("effects").unwrap();
    first.insert("deadlines".into(), effects);
    let loaded = load(stored);
    assert!(
        loaded.is_err(),
        "loaded with {} deadlines instead of {}",
        loaded.map_or(0, |r| r.deadlines().len()),
        record.deadlines().len()
    );
}

/// R7: an entry a newer crate wrote in a shape this one cannot read (a new
/// field, a new event type) is reported as newer — upgrade the crate — with
/// the reason in brackets, not as a malformed entry; the same damage in an
/// entry of this crate's version is the plain serde error.
#[test]
fn an_unreadable_entry_of_a_newer_schema_says_to_upgrade() {
    let record = record_in(StageKind::Judged);
    let entry = serde_json::to_value(&record.entries()[1]).unwrap();
    let read = |value: Value| {
        serde_json::from_value::<Entry>(value)
            .map(|_| ())
            .map_err(|error| error.to_string())
    };
    let upgrade = "entry has schema version 3, newer than 2, the newest this version of the crate reads: upgrade the crate";

    let mut new_field = entry.clone();
    new_field["priority"] = json!("high");
    assert_eq!(
        read(new_field.clone()),
        Err("unknown field `priority`, expected one of `schema`, `id`, `complaint_id`, `sequence`, `at`, `actor`, `event`, `effects`, `command`, `seal`".into())
    );
    new_field["schema"] = json!(3);
    let error = read(new_field).unwrap_err();
    assert!(error.starts_with(upgrade), "{error}");
    assert!(error.contains("unknown field `priority`"), "{error}");

    // A new event type: reported as newer when `schema` comes first, as the
    // crate writes it (text, in the crate's key order).
    let text = serde_json::to_string(&record.entries()[1])
        .unwrap()
        .replacen(r#""type":"uphold""#, r#""type":"call_back_later""#, 1);
    assert!(text.starts_with(r#"{"schema":2,"#), "{text}");
    let plain = serde_json::from_str::<Entry>(&text)
        .unwrap_err()
        .to_string();
    assert!(
        plain.starts_with("unknown variant `call_back_later`"),
        "{plain}"
    );
    let newer = text.replacen(r#""schema":2"#, r#""schema":4"#, 1);
    let error = serde_json::from_str::<Entry>(&newer)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(&upgrade.replace("version 3", "version 4")),
        "{error}"
    );
    assert!(error.contains("call_back_later"), "{error}");

    let mut missing = entry.clone();
    missing.as_object_mut().unwrap().remove("at");
    assert_eq!(read(missing.clone()), Err("missing field `at`".into()));
    missing["schema"] = json!(3);
    assert_eq!(
        read(missing),
        Err(format!("{upgrade} (missing field `at`)"))
    );

    // Read as written, field by field: absent `effects` and `command` are
    // empty, a `null` command is none, a repeated field is refused.
    let mut bare = entry.clone();
    let object = bare.as_object_mut().unwrap();
    object.remove("effects");
    object.insert("command".into(), Value::Null);
    let bare: Entry = serde_json::from_value(bare).unwrap();
    assert_eq!(bare.command(), None);
    assert!(bare.decisions().is_empty());
    let twice = serde_json::to_string(&entry)
        .unwrap()
        .replacen("{", r#"{"sequence":9,"#, 1);
    let error = serde_json::from_str::<Entry>(&twice).unwrap_err();
    assert!(
        error.to_string().contains("duplicate field `sequence`"),
        "{error}"
    );
    let back: Entry = serde_json::from_value(entry.clone()).unwrap();
    assert_eq!(serde_json::to_value(&back).unwrap(), entry);
}

// ---- From the stored face to the typed face ------------------------------

/// `into_typed` gives the variant of the record's stage, holding the same record.
#[test]
fn into_typed_gives_the_variant_of_the_stage() {
    for stage in StageKind::ALL {
        let record = record_in(stage);
        let typed = record.clone().into_typed();
        let variant = match &typed {
            TypedComplaint::Accepted(_) => StageKind::Accepted,
            TypedComplaint::Judged(_) => StageKind::Judged,
            TypedComplaint::Investigated(_) => StageKind::Investigated,
            TypedComplaint::Proposed(_) => StageKind::Proposed,
            TypedComplaint::Approved(_) => StageKind::Approved,
            TypedComplaint::Executed(_) => StageKind::Executed,
            TypedComplaint::Dismissed(_) => StageKind::Dismissed,
            TypedComplaint::Withdrawn(_) => StageKind::Withdrawn,
            TypedComplaint::Reviewed(_) => StageKind::Reviewed,
            TypedComplaint::Referred(_) => StageKind::Referred,
            TypedComplaint::Closed(_) => StageKind::Closed,
        };
        assert_eq!(variant, stage);
        assert_eq!(typed.stage(), stage);
        assert_eq!(typed.as_record(), &record);
        assert_eq!(typed.into_record(), record);
    }
}

/// `Complaint::<S>::try_from` takes a record in stage `S` and hands back any other.
#[test]
fn try_from_refuses_a_record_in_another_stage() {
    fn only_own_stage<S: Stage>()
    where
        Complaint<S>: TryFrom<ComplaintRecord, Error = ComplaintRecord>,
    {
        for stage in StageKind::ALL {
            let record = record_in(stage);
            match Complaint::<S>::try_from(record.clone()) {
                Ok(complaint) => {
                    assert_eq!(stage, S::KIND);
                    assert_eq!(complaint.stage(), stage);
                    assert_eq!(complaint.into_record(), record);
                }
                Err(back) => {
                    assert_ne!(stage, S::KIND);
                    assert_eq!(back, record);
                }
            }
        }
    }
    use complaint_workflow::{
        Accepted, Approved, Closed, Dismissed, Executed, Investigated, Judged, Proposed, Reviewed,
        Withdrawn,
    };
    only_own_stage::<Accepted>();
    only_own_stage::<Judged>();
    only_own_stage::<Investigated>();
    only_own_stage::<Proposed>();
    only_own_stage::<Approved>();
    only_own_stage::<Executed>();
    only_own_stage::<Dismissed>();
    only_own_stage::<Withdrawn>();
    only_own_stage::<Reviewed>();
    only_own_stage::<Closed>();

    // The typed face taken from a loaded record goes on with the lifecycle.
    let loaded: ComplaintRecord =
        serde_json::from_value(json(&record_in(StageKind::Accepted))).unwrap();
    let accepted = Complaint::<Accepted>::try_from(loaded).unwrap();
    let judged = accepted
        .apply(
            super::support::uphold(minute(10)),
            &ctx(agent(), minute(10)),
        )
        .unwrap();
    assert_eq!(judged.as_record().version(), 2);
    assert_eq!(judged.as_record().intake(), &accept());
}
