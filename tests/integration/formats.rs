//! Frozen formats (schema version 2): golden JSON for one history entry of
//! every event kind (`tests/fixtures/events/<kind>.json`; those of schema 1,
//! kept as they were written, in `tests/fixtures/v1/events/`), for the default
//! policy and each regulatory preset (`tests/fixtures/policy/<name>.json`),
//! and for a classification report (S1,
//! `tests/fixtures/reports/classification.json`).
//!
//! Each file must keep loading, and the crate must keep writing it byte for
//! byte: a serde rename, a reordered field, a changed representation or a
//! changed default fails here. `docs/schema.md` describes the entry format
//! and what a change of it takes.
//!
//! To write the files again (after a deliberate format change, which comes
//! with a new schema version, or a deliberate change of a default):
//! `UPDATE_FIXTURES=1 cargo test --test integration formats`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use complaint_workflow::audit::{personal_text_paths, verify_chain};
use complaint_workflow::{
    Actor, Channel, ComplaintRecord, Event, EventKind, Policy, Role, Severity, StageKind,
    deadline::DeadlineKind,
    event::{ContactMethod, Evaluation, RootCause, Satisfaction},
    followup::FollowUpStageKind,
    record::{Decision, Entry, SCHEMA_VERSION},
    report::{ClassificationReport, ComplaintOutcome, Milestone, Period},
    time::Zone,
};
use serde::Serialize;

use super::authorization::{Ready, ready_for};
use super::support::{agent, ctx, full_history, new_record, record_in, supervisor, team_lead};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The stored form: pretty JSON with a final newline.
fn to_file_contents<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap();
    text.push('\n');
    text
}

/// Reads `tests/fixtures/<relative>`; with `UPDATE_FIXTURES=1`, writes
/// `fresh` there first.
fn read_fixture(relative: &str, fresh: impl FnOnce() -> String) -> String {
    let path = fixtures().join(relative);
    if std::env::var_os("UPDATE_FIXTURES").is_some_and(|value| value == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, fresh()).unwrap();
    }
    std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "cannot read {}: {error}; write it with UPDATE_FIXTURES=1",
            path.display()
        )
    })
}

// ---- One entry of every event kind -----------------------------------------------

/// The lowest role that may fire `kind`, as the walks' actors.
fn lowest_actor(kind: EventKind) -> Actor {
    match Role::required_for(kind) {
        Role::Agent => agent(),
        Role::TeamLead => team_lead(),
        Role::Supervisor => supervisor(),
    }
}

/// The entry an event of `kind` writes: the acceptance of a new complaint,
/// or the event of the authorization matrix's setup for the kind.
fn entry_of(kind: EventKind) -> Entry {
    if kind == EventKind::Accept {
        return new_record().entries()[0].clone();
    }
    let actor = lowest_actor(kind);
    let Ready {
        mut record,
        event,
        at,
    } = ready_for(kind, &actor);
    match record.apply(event, &ctx(actor, at)) {
        Ok(entries) => entries[0].clone(),
        Err(error) => panic!("`{kind}` refused: {error}"),
    }
}

/// What an entry says, without its two random ids (and its seal, whose
/// salts are random).
fn content(entry: &Entry) -> (u64, DateTime<Utc>, Actor, Event, Vec<Decision>) {
    (
        entry.sequence(),
        entry.at(),
        entry.actor().clone(),
        entry.event().clone(),
        entry.decisions().to_vec(),
    )
}

/// Every event kind has a golden entry; it loads, writes back byte for byte,
/// and says what the crate writes for that event today (ids apart).
#[test]
fn r7_every_event_kind_has_a_golden_entry_that_writes_back_byte_for_byte() {
    for kind in EventKind::ALL {
        let text = read_fixture(&format!("events/{kind}.json"), || {
            to_file_contents(&entry_of(kind))
        });
        let entry: Entry = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("events/{kind}.json does not load: {error}"));
        assert_eq!(to_file_contents(&entry), text, "events/{kind}.json");
        assert_eq!(entry.event().kind(), kind);
        assert_eq!(entry.schema(), SCHEMA_VERSION);
        assert_eq!(
            content(&entry),
            content(&entry_of(kind)),
            "events/{kind}.json"
        );
        // A1, A2: sealed, with a commitment for each personal text.
        let seal = entry.seal().expect("an entry of schema 2 is sealed");
        let sealed: Vec<&str> = seal.texts().iter().map(|text| text.path()).collect();
        assert_eq!(
            sealed,
            personal_text_paths(entry.event()),
            "events/{kind}.json"
        );
        assert_eq!(seal.upgraded_from(), None);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["event"]["type"], kind.name());
    }
}

/// A3: every golden entry of schema 1, as it was written, still loads and
/// writes back byte for byte (an entry read is not changed until replay
/// seals it), and says what the crate writes for its event today.
#[test]
fn a3_every_v1_golden_entry_still_loads_as_it_was_written() {
    let mut kinds = 0;
    for kind in EventKind::ALL {
        let path = fixtures().join(format!("v1/events/{kind}.json"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // an event kind newer than schema 1
        };
        kinds += 1;
        let entry: Entry = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("v1/events/{kind}.json does not load: {error}"));
        assert_eq!(to_file_contents(&entry), text, "v1/events/{kind}.json");
        assert_eq!((entry.schema(), entry.seal()), (1, None));
        assert_eq!(
            content(&entry),
            content(&entry_of(kind)),
            "v1/events/{kind}.json"
        );
    }
    assert!(kinds >= 36, "{kinds} golden entries of schema 1");
}

/// A3: the golden acceptance of schema 1 replays alone, sealed on upgrade:
/// marked as upgraded, of schema 2, and the same chain every time (the
/// upgrade's salts are derived, not drawn).
#[test]
fn a3_the_v1_golden_acceptance_is_sealed_on_upgrade() {
    let text = std::fs::read_to_string(fixtures().join("v1/events/accept.json")).unwrap();
    let entry: Entry = serde_json::from_str(&text).unwrap();
    let record = ComplaintRecord::replay([entry.clone()]).expect("an acceptance replays");
    let upgraded = &record.entries()[0];
    assert_eq!(upgraded.schema(), SCHEMA_VERSION);
    let seal = upgraded.seal().expect("sealed on upgrade");
    assert_eq!(seal.upgraded_from(), Some(1));
    assert_eq!(seal.previous(), None);
    let again = ComplaintRecord::replay([entry]).unwrap();
    assert_eq!(again.head_hash(), record.head_hash());
    assert_eq!(
        verify_chain(record.id(), record.entries()).map(|head| head.hash),
        Ok(record.head_hash())
    );
}

/// The events folder holds one file per kind and nothing else; the folder
/// of schema 1 no file of another name.
#[test]
fn the_events_folder_has_one_file_per_kind() {
    let names = |folder: &str| -> BTreeSet<String> {
        std::fs::read_dir(fixtures().join(folder))
            .unwrap_or_else(|error| panic!("tests/fixtures/{folder}: {error}"))
            .map(|file| file.unwrap().file_name().into_string().unwrap())
            .collect()
    };
    let expected: BTreeSet<String> = EventKind::ALL
        .into_iter()
        .map(|kind| format!("{kind}.json"))
        .collect();
    assert_eq!(names("events"), expected);
    assert!(names("v1/events").is_subset(&expected));
}

/// The golden acceptance starts a history on its own (R1).
#[test]
fn r1_the_golden_acceptance_replays_alone() {
    let text = read_fixture("events/accept.json", || {
        to_file_contents(&entry_of(EventKind::Accept))
    });
    let entry: Entry = serde_json::from_str(&text).unwrap();
    let record = ComplaintRecord::replay([entry.clone()]).expect("an acceptance replays");
    assert_eq!(record.stage(), StageKind::Accepted);
    // A1: replay keeps the entry as it was sealed.
    assert_eq!(record.entries(), [entry]);
}

// ---- Policies ----------------------------------------------------------------

fn policies() -> [(&'static str, Policy); 6] {
    [
        ("default", Policy::default()),
        ("cfpb", Policy::cfpb()),
        ("uk_fca", Policy::uk_fca()),
        ("payment_services", Policy::payment_services()),
        ("prc_banking_insurance", Policy::prc_banking_insurance()),
        ("prc_samr", Policy::prc_samr()),
    ]
}

/// The default policy and every preset are written exactly as their golden
/// files say, and load back equal: a changed default or preset value, or a
/// changed policy format, fails here.
#[test]
fn the_default_policy_and_the_presets_are_frozen() {
    for (name, policy) in policies() {
        let text = read_fixture(&format!("policy/{name}.json"), || to_file_contents(&policy));
        assert_eq!(to_file_contents(&policy), text, "policy/{name}.json");
        let loaded: Policy = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("policy/{name}.json does not load: {error}"));
        assert_eq!(loaded, policy, "policy/{name}.json");
    }
}

// ---- A report --------------------------------------------------------------

/// S1 over the full history and a dismissed, a withdrawn and a closed
/// complaint, received in November 2026 (UTC).
fn classification() -> ClassificationReport {
    let records = [
        full_history(),
        record_in(StageKind::Dismissed),
        record_in(StageKind::Withdrawn),
        record_in(StageKind::Closed),
    ];
    let november = Period::month(2026, 11, Zone::Utc).unwrap();
    ClassificationReport::compute(&records, &november)
}

/// S1: the classification report's golden file loads, writes back byte for
/// byte, and is the report the crate computes today.
#[test]
fn s1_the_classification_report_is_frozen() {
    let text = read_fixture("reports/classification.json", || {
        to_file_contents(&classification())
    });
    let loaded: ClassificationReport =
        serde_json::from_str(&text).expect("the report fixture loads");
    assert_eq!(to_file_contents(&loaded), text);
    assert_eq!(loaded, classification());
    assert_eq!(loaded.complaints, 4);
}

/// Every named value shows the name it is stored under: what a report, a CSV
/// or a log prints is what the JSON holds, so the two can be joined.
#[test]
fn every_named_value_displays_as_its_stored_name() {
    fn check<T: Serialize + std::fmt::Display + std::fmt::Debug>(values: &[T]) {
        for value in values {
            let stored = serde_json::to_value(value).unwrap();
            assert_eq!(
                stored.as_str(),
                Some(value.to_string().as_str()),
                "{value:?}"
            );
        }
    }
    check(&StageKind::ALL);
    check(&EventKind::ALL);
    check(&Role::ALL);
    check(&Channel::ALL);
    check(&Severity::ALL);
    check(&RootCause::ALL);
    check(&DeadlineKind::ALL);
    check(&FollowUpStageKind::ALL);
    check(&ComplaintOutcome::ALL);
    check(&Milestone::ALL);
    check(&[
        ContactMethod::Phone,
        ContactMethod::Email,
        ContactMethod::Sms,
        ContactMethod::Letter,
        ContactMethod::InPerson,
        ContactMethod::Other,
    ]);
    check(&[
        Evaluation::Effective,
        Evaluation::PartlyEffective,
        Evaluation::Ineffective,
    ]);
    check(&[
        Satisfaction::Satisfied,
        Satisfaction::Neutral,
        Satisfaction::Dissatisfied,
    ]);
}

/// Ids read from formats that hand strings over as bytes (as some binary
/// formats do): UTF-8 bytes are the id's text, other bytes are refused with
/// the words serde uses for a `String`.
#[test]
fn text_ids_read_from_utf8_bytes_and_refuse_other_bytes() {
    use complaint_workflow::{ActorId, Category, CommandId};
    use serde::Deserialize;
    use serde::de::value::{BytesDeserializer, Error};

    let actor = ActorId::deserialize(BytesDeserializer::<Error>::new(b"agent-7")).unwrap();
    assert_eq!(actor, ActorId::new("agent-7"));
    let category =
        Category::deserialize(BytesDeserializer::<Error>::new("配送".as_bytes())).unwrap();
    assert_eq!(category.as_str(), "配送");
    let error = CommandId::deserialize(BytesDeserializer::<Error>::new(&[0xff, 0xfe])).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid value: byte array, expected a string"
    );
}

/// Every object inside `value`, by its JSON path, depth first.
fn objects_in(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            out.push(path.to_owned());
            for (key, inner) in map {
                objects_in(inner, &format!("{path}/{key}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                objects_in(inner, &format!("{path}/{index}"), out);
            }
        }
        _ => {}
    }
}

/// A misspelt field is an error, not a loss: every object of every event
/// (the event itself, its data, and every object nested in it) refuses a
/// field it does not know, and the error names it.
#[test]
fn every_event_refuses_an_unknown_field_and_names_it() {
    let mut checked = 0;
    for kind in EventKind::ALL {
        let text = std::fs::read_to_string(fixtures().join(format!("events/{kind}.json")))
            .expect("the golden entry exists");
        let entry: serde_json::Value = serde_json::from_str(&text).unwrap();
        let event = entry["event"].clone();
        assert!(
            serde_json::from_value::<Event>(event.clone()).is_ok(),
            "{kind}"
        );
        let mut paths = Vec::new();
        objects_in(&event, "", &mut paths);
        for path in paths {
            let mut damaged = event.clone();
            damaged
                .pointer_mut(&path)
                .and_then(serde_json::Value::as_object_mut)
                .expect("the path names an object")
                .insert("feedbak".to_owned(), serde_json::json!(1));
            let error = serde_json::from_value::<Event>(damaged)
                .expect_err(&format!("{kind}: an unknown field at `{path}` is refused"));
            // serde says "unknown field `feedbak`" inside the data, and
            // "invalid value: string \"feedbak\"" beside `type` and `data`.
            assert!(
                error.to_string().contains("feedbak"),
                "{kind} at `{path}`: {error}"
            );
            checked += 1;
        }
    }
    assert!(
        checked > 2 * EventKind::ALL.len(),
        "only {checked} objects checked"
    );
}
