//! The storage seam without a database: the driver (`store::Complaints`) on
//! the in-memory reference store, with real threads racing for one complaint
//! (R7: nothing lost, nothing twice).

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll, Waker};
use std::thread;

use complaint_workflow::deadline::Agenda;
use complaint_workflow::event::AddNote;
use complaint_workflow::store::{ChangeFeed, Complaints, MemoryStore, StoreError};
use complaint_workflow::{ComplaintId, ComplaintRecord, TransitionError};

use super::support::{accept, agent, ctx, minute, note};

/// The memory store's futures are ready when first polled.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = TaskContext::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

fn created(complaints: &Complaints<MemoryStore>) -> ComplaintId {
    block_on(complaints.create(accept(), None, &ctx(agent(), minute(1))))
        .expect("an intake is stored")
        .complaint_id
}

/// R7: a stored complaint loads back as the history the crate wrote.
#[test]
fn r7_create_load_round_trip() {
    let complaints = Complaints::new(MemoryStore::new());
    let ctx = ctx(agent(), minute(1));
    let applied = block_on(complaints.create(accept(), None, &ctx)).unwrap();
    let loaded = block_on(complaints.load(applied.complaint_id)).unwrap();
    assert_eq!(loaded.entries(), applied.entries.as_slice());
    let expected = ComplaintRecord::replay(applied.entries).unwrap();
    assert_eq!(loaded, expected);
    let missing = ComplaintId::MIN;
    assert!(matches!(
        block_on(complaints.load(missing)),
        Err(StoreError::NotFound(id)) if id == missing
    ));
}

/// R7: writers racing on one complaint lose appends and retry; every note
/// lands exactly once and the history replays.
#[test]
fn r7_racing_writers_lose_nothing_and_write_nothing_twice() {
    const WRITERS: usize = 8;
    const NOTES: usize = 50;
    let complaints = Arc::new(Complaints::new(MemoryStore::new()));
    let id = created(&complaints);
    let handles: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let complaints = Arc::clone(&complaints);
            thread::spawn(move || {
                let mut conflicts = 0;
                for n in 0..NOTES {
                    let text = format!("writer {writer} note {n}");
                    let ctx = ctx(agent(), minute(2)).with_command(text.clone());
                    let applied = block_on(complaints.apply(id, note(&text), &ctx)).unwrap();
                    conflicts += applied.conflicts;
                }
                conflicts
            })
        })
        .collect();
    let conflicts: u32 = handles.into_iter().map(|h| h.join().unwrap()).sum();
    let record = block_on(complaints.load(id)).unwrap();
    let notes: Vec<&str> = record.notes().map(|(_, text)| text).collect();
    assert_eq!(notes.len(), WRITERS * NOTES, "{conflicts} conflicts");
    for writer in 0..WRITERS {
        for n in 0..NOTES {
            let text = format!("writer {writer} note {n}");
            assert_eq!(notes.iter().filter(|t| **t == text).count(), 1, "{text}");
        }
    }
    assert!(ComplaintRecord::replay(record.entries().to_vec()).is_ok());
}

/// R7: the same command twice is applied once; the same command id for
/// another event is refused.
#[test]
fn r7_a_retried_command_is_applied_once() {
    let complaints = Complaints::new(MemoryStore::new());
    let id = created(&complaints);
    let ctx = ctx(agent(), minute(2)).with_command("note-1");
    let first = block_on(complaints.apply(id, note("call back"), &ctx)).unwrap();
    let again = block_on(complaints.apply(id, note("call back"), &ctx)).unwrap();
    assert!(!first.repeated);
    assert!(again.repeated);
    assert_eq!(first.entries, again.entries);
    assert_eq!(block_on(complaints.load(id)).unwrap().version(), 2);
    let other = AddNote {
        text: "something else".into(),
    };
    assert!(matches!(
        block_on(complaints.apply(id, other, &ctx)),
        Err(StoreError::Transition(
            TransitionError::CommandReused { .. }
        ))
    ));
}

/// A reference is unique per store; the complaint is found by it.
#[test]
fn a_reference_is_unique_and_finds_its_complaint() {
    let complaints = Complaints::new(MemoryStore::new());
    let ctx = ctx(agent(), minute(1));
    let first = block_on(complaints.create(accept(), Some("CMP-2026-000123"), &ctx)).unwrap();
    let taken = block_on(complaints.create(accept(), Some("CMP-2026-000123"), &ctx));
    assert!(matches!(
        taken,
        Err(StoreError::Conflict { attempts: 1, .. })
    ));
    let found = block_on(complaints.load_by_reference("CMP-2026-000123")).unwrap();
    assert_eq!(found.map(|record| record.id()), Some(first.complaint_id));
    assert_eq!(
        block_on(complaints.load_by_reference("CMP-2026-000124")).unwrap(),
        None
    );
}

/// T1–T7: the store's due query is the agenda's over the same records.
#[test]
fn the_due_query_equals_the_agenda() {
    let complaints = Complaints::new(MemoryStore::new());
    let mut agenda = Agenda::new();
    for n in 0..20 {
        let id = block_on(complaints.create(accept(), None, &ctx(agent(), minute(n)))).unwrap();
        let record = block_on(complaints.load(id.complaint_id)).unwrap();
        agenda.update(record.id(), record.next_deadline().map(|d| d.due()));
    }
    for before in [minute(0), minute(5), minute(30), minute(60 * 24 * 30)] {
        let stored: Vec<ComplaintId> = block_on(complaints.due_before(before, usize::MAX))
            .unwrap()
            .into_iter()
            .map(|due| due.complaint_id)
            .collect();
        let expected: Vec<ComplaintId> = agenda.due_before(before).map(|(_, id)| id).collect();
        assert_eq!(stored, expected, "due before {before}");
    }
}

/// The change feed holds every entry once, in order, and a subscriber's
/// checkpoint is kept.
#[test]
fn the_change_feed_holds_every_entry_in_order() {
    let complaints = Complaints::new(MemoryStore::new());
    let id = created(&complaints);
    for n in 0..5 {
        block_on(complaints.apply(id, note(&format!("note {n}")), &ctx(agent(), minute(2))))
            .unwrap();
    }
    let store = complaints.store();
    let feed = block_on(store.entries_after(0, 100)).unwrap();
    let positions: Vec<u64> = feed.iter().map(|e| e.position).collect();
    assert_eq!(positions, (1..=6).collect::<Vec<_>>());
    let record = block_on(complaints.load(id)).unwrap();
    let entries: Vec<_> = feed.into_iter().map(|e| e.entry).collect();
    assert_eq!(entries, record.entries());
    assert_eq!(block_on(store.entries_after(4, 100)).unwrap().len(), 2);
    assert_eq!(block_on(store.checkpoint("mailer")).unwrap(), 0);
    block_on(store.save_checkpoint("mailer", 4)).unwrap();
    assert_eq!(block_on(store.checkpoint("mailer")).unwrap(), 4);
}

/// A store shared behind an `Arc` is a store: two drivers on one store see
/// each other's writes.
#[test]
fn a_shared_store_is_a_store() {
    let store = Arc::new(MemoryStore::new());
    let first = Complaints::new(Arc::clone(&store));
    let second = Complaints::new(store);
    let id = block_on(first.create(accept(), None, &ctx(agent(), minute(1))))
        .unwrap()
        .complaint_id;
    block_on(second.apply(id, note("seen"), &ctx(agent(), minute(2)))).unwrap();
    assert_eq!(block_on(first.load(id)).unwrap().version(), 2);
}
