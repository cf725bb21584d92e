//! Resource bounds that protect an application: the longest history a
//! policy lets a complaint grow to and a reader takes, next to the text and
//! option limits tested with their rules (E6, R4).

use complaint_workflow::error::SequenceError;
use std::cell::Cell;

use chrono::{DateTime, Utc};
use complaint_workflow::{
    Actor, ComplaintRecord, Context, Policy, ReplayError, Severity, TransitionError,
    event::{Accept, AddNote},
    policy::{DEFAULT_MAX_HISTORY_ENTRIES, PolicyError},
    record::Entry,
};

use super::support::{accept, agent, minute, new_record, start};

/// `actor` acting at `at` under `policy`.
fn ctx_with(policy: &Policy, actor: Actor, at: DateTime<Utc>) -> Context<'_> {
    Context::new(actor, at, policy)
}

fn note(n: i64) -> AddNote {
    AddNote {
        text: format!("Note {n}"),
    }
}

/// A history of `len` entries: the acceptance and notes.
fn history(len: usize) -> Vec<Entry> {
    let policy = Policy::builder()
        .max_history_entries(len.max(1))
        .build()
        .unwrap();
    let mut record = new_record();
    for n in 1..len {
        let n = i64::try_from(n).unwrap();
        record
            .apply(note(n), &ctx_with(&policy, agent(), minute(n)))
            .unwrap();
    }
    assert_eq!(record.entries().len(), len);
    record.into_entries()
}

/// R7: `apply` refuses the event that would take the history past the
/// policy's `max_history_entries`, naming the limit, and the record is
/// unchanged; a retried command still gets its original entries.
#[test]
fn r7_apply_refuses_an_entry_past_the_policys_history_limit() {
    let policy = Policy::builder().max_history_entries(3).build().unwrap();
    let mut record = new_record();
    record
        .apply(
            note(1),
            &ctx_with(&policy, agent(), minute(1)).with_command("c-1"),
        )
        .unwrap();
    record
        .apply(note(2), &ctx_with(&policy, agent(), minute(2)))
        .unwrap();
    assert_eq!(record.version(), 3);

    let before = record.clone();
    assert_eq!(
        record.apply(note(3), &ctx_with(&policy, agent(), minute(3))),
        Err(TransitionError::HistoryFull { limit: 3 })
    );
    assert_eq!(record, before);
    assert_eq!(
        TransitionError::HistoryFull { limit: 3 }.to_string(),
        "the history already holds 3 entries, the most the policy allows"
    );

    let retried = record
        .apply(
            note(1),
            &ctx_with(&policy, agent(), minute(4)).with_command("c-1"),
        )
        .unwrap();
    assert_eq!(retried.len(), 1);
    assert_eq!(retried[0].sequence(), 2);
    assert_eq!(record, before);
}

/// E1 with R7: the escalation a severe complaint gets at intake is an entry
/// too; a policy with room for one entry refuses such an intake whole.
#[test]
fn r7_an_intake_with_its_escalation_needs_room_for_two_entries() {
    let severe = Accept {
        severity: Severity::Critical,
        ..accept()
    };
    let one = Policy::builder().max_history_entries(1).build().unwrap();
    assert_eq!(
        ComplaintRecord::accept(severe.clone(), &ctx_with(&one, agent(), start())),
        Err(TransitionError::HistoryFull { limit: 1 })
    );
    assert_eq!(
        ComplaintRecord::accept(accept(), &ctx_with(&one, agent(), start()))
            .unwrap()
            .version(),
        1
    );
    let two = Policy::builder().max_history_entries(2).build().unwrap();
    assert_eq!(
        ComplaintRecord::accept(severe, &ctx_with(&two, agent(), start()))
            .unwrap()
            .version(),
        2
    );
}

/// R7: `replay_at_most` takes a history of exactly the limit and refuses a
/// longer one, reading one entry past the limit and no further.
#[test]
fn r7_replay_at_most_stops_one_entry_past_the_limit() {
    let entries = history(10);
    assert_eq!(
        ComplaintRecord::replay_at_most(entries.clone(), 10)
            .unwrap()
            .version(),
        10
    );
    for limit in [0, 1, 3, 9] {
        let read = Cell::new(0_usize);
        let counted = entries
            .iter()
            .cloned()
            .inspect(|_| read.set(read.get() + 1));
        assert_eq!(
            ComplaintRecord::replay_at_most(counted, limit),
            Err(ReplayError::TooManyEntries { limit }),
        );
        assert_eq!(read.get(), (limit + 1).max(1), "limit {limit}");
    }
    assert_eq!(
        ComplaintRecord::replay_at_most(Vec::new(), 0),
        Err(ReplayError::Sequence(SequenceError::Empty))
    );
    assert_eq!(
        ReplayError::TooManyEntries { limit: 9 }.to_string(),
        "the history holds more than 9 entries, the most this reader takes"
    );
}

/// R7: plain `replay` (and so loading a stored record) takes histories up
/// to `DEFAULT_MAX_HISTORY_ENTRIES` and refuses one entry more.
#[test]
fn r7_replay_takes_the_default_history_limit_and_no_more() {
    let mut entries = history(DEFAULT_MAX_HISTORY_ENTRIES + 1);
    assert_eq!(
        ComplaintRecord::replay(entries.clone()),
        Err(ReplayError::TooManyEntries {
            limit: DEFAULT_MAX_HISTORY_ENTRIES
        })
    );
    entries.pop();
    let record = ComplaintRecord::replay(entries).unwrap();
    assert_eq!(record.entries().len(), DEFAULT_MAX_HISTORY_ENTRIES);
}

/// The history limit is a policy value: the default is the crate's, zero is
/// refused, and a policy stored before the value existed loads with it.
#[test]
fn the_history_limit_is_a_checked_policy_value() {
    assert_eq!(
        Policy::default().max_history_entries(),
        DEFAULT_MAX_HISTORY_ENTRIES
    );
    assert_eq!(
        Policy::builder().max_history_entries(0).build(),
        Err(PolicyError::ZeroSize {
            field: "max_history_entries"
        })
    );
    let mut stored = serde_json::to_value(Policy::default()).unwrap();
    stored
        .as_object_mut()
        .unwrap()
        .remove("max_history_entries")
        .unwrap();
    let loaded: Policy = serde_json::from_value(stored).unwrap();
    assert_eq!(loaded, Policy::default());
}
