//! R7: many writers on the same complaints, each append at the version it
//! loaded; nothing lost, nothing twice.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use chrono::Duration;
use complaint_workflow::store::{AppendError, ComplaintStore, Complaints};
use complaint_workflow::{Actor, ComplaintId, Context, Event, Policy};
use complaint_workflow_postgres::PostgresStore;
use tokio::sync::{Barrier, Mutex};

use crate::support::{callback, count, create_complaints, fresh, note, row_version, t};

/// How hard the writers of a concurrency test contend.
#[derive(Clone, Copy)]
struct Contention {
    /// Writer tasks, each on a connection of the pool.
    writers: usize,
    /// The complaints all writers write to in one round (new ones each round,
    /// so that histories stay short and replay stays cheap).
    complaints_per_round: usize,
    /// Rounds go on until this many appends were refused...
    conflicts: u64,
    /// ...or this many rounds were run.
    max_rounds: usize,
}

/// 16 writers, the same 2 complaints in each round, until 10 000 appends
/// were refused (at most 300 rounds).
const CONTENTION: Contention = Contention {
    writers: 16,
    complaints_per_round: 2,
    conflicts: 10_000,
    max_rounds: 300,
};

/// What the writers of a concurrency test did.
#[derive(Default)]
struct Tally {
    attempts: u64,
    successes: u64,
    conflicts: u64,
    /// The notes whose append succeeded, by complaint.
    accepted: BTreeMap<ComplaintId, Vec<String>>,
    rounds: usize,
    seconds: f64,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.attempts += other.attempts;
        self.successes += other.successes;
        self.conflicts += other.conflicts;
        self.rounds = self.rounds.max(other.rounds);
        for (id, notes) in other.accepted {
            self.accepted.entry(id).or_default().extend(notes);
        }
    }

    /// Every history replays without gap or duplicate, the `complaints` row
    /// agrees with it, and its notes are exactly the accepted ones; returns
    /// how many notes were stored twice (0) and lost (0).
    async fn check(&self, store: &PostgresStore) -> (u64, u64) {
        assert!(self.conflicts > 0, "the writers never met");
        assert_eq!(self.conflicts, self.attempts - self.successes);
        let complaints = Complaints::new(store.clone());
        let (mut duplicated, mut lost) = (0, 0);
        for &id in self.accepted.keys() {
            let record = complaints.load(id).await.unwrap();
            let sequences: Vec<u64> = record.entries().iter().map(|e| e.sequence()).collect();
            assert_eq!(sequences, (1..=record.version()).collect::<Vec<_>>());
            assert_eq!(
                row_version(store, id).await,
                Some(i64::try_from(record.version()).unwrap())
            );
            let mut notes: Vec<String> = record
                .entries()
                .iter()
                .filter_map(|entry| match entry.event() {
                    Event::AddNote(note) => Some(note.text.clone()),
                    _ => None,
                })
                .collect();
            let mut accepted = self.accepted.get(&id).cloned().unwrap_or_default();
            notes.sort();
            accepted.sort();
            let distinct: BTreeSet<&String> = notes.iter().collect();
            duplicated += (notes.len() - distinct.len()) as u64;
            lost += accepted.iter().filter(|n| !distinct.contains(n)).count() as u64;
            assert_eq!(distinct.len(), notes.len(), "a note was stored twice");
            assert_eq!(notes, accepted, "stored notes differ from accepted writes");
        }
        (duplicated, lost)
    }
}

/// The writers race in rounds: in each round every writer appends one note to
/// each of the round's complaints, loading, applying and appending at the
/// loaded version until the append is accepted.
async fn hammer(store: &PostgresStore, contention: Contention) -> Tally {
    let started = Instant::now();
    let round_done = Arc::new(Barrier::new(contention.writers));
    let refused = Arc::new(AtomicU64::new(0));
    let round_ids = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = (0..contention.writers)
        .map(|writer| {
            let store = store.clone();
            let (round_done, refused, round_ids, stop) = (
                Arc::clone(&round_done),
                Arc::clone(&refused),
                Arc::clone(&round_ids),
                Arc::clone(&stop),
            );
            tokio::spawn(async move {
                let complaints = Complaints::new(store.clone());
                let policy = Policy::default();
                let actor = Actor::agent(format!("writer-{writer}"));
                let mut tally = Tally::default();
                for round in 0.. {
                    // Between two waits nobody writes: the leader decides
                    // whether to go on and creates the round's complaints.
                    if round_done.wait().await.is_leader() {
                        if round == contention.max_rounds
                            || refused.load(Ordering::SeqCst) >= contention.conflicts
                        {
                            stop.store(true, Ordering::SeqCst);
                        } else {
                            *round_ids.lock().await =
                                create_complaints(&store, contention.complaints_per_round).await;
                        }
                    }
                    round_done.wait().await;
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let ids = round_ids.lock().await.clone();
                    for k in 0..ids.len() {
                        // Writers start on different complaints of the round.
                        let id = ids[(writer + k) % ids.len()];
                        let text = format!("writer {writer} round {round}");
                        loop {
                            let mut record = complaints.load(id).await.unwrap();
                            let loaded = record.version();
                            let now = t(1) + Duration::seconds(i64::try_from(loaded).unwrap());
                            let ctx = Context::new(actor.clone(), now, &policy);
                            record.apply(note(&text), &ctx).unwrap();
                            tally.attempts += 1;
                            match store.append(loaded, &record).await {
                                Ok(()) => {
                                    tally.successes += 1;
                                    tally.accepted.entry(id).or_default().push(text);
                                    break;
                                }
                                Err(AppendError::Conflict(_)) => {
                                    tally.conflicts += 1;
                                    refused.fetch_add(1, Ordering::SeqCst);
                                }
                                Err(other) => panic!("writer {writer}: {other}"),
                            }
                        }
                    }
                    tally.rounds = round + 1;
                }
                tally
            })
        })
        .collect();
    let mut total = Tally::default();
    for task in tasks {
        total.add(task.await.unwrap());
    }
    total.seconds = started.elapsed().as_secs_f64();
    total
}

/// R7 on PostgreSQL: 16 writers on the same two complaints at a time until
/// 10 000 appends were refused; every history replays with no gap and no
/// duplicate, holds every accepted note once, and its row agrees with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r7_concurrent_writers_lose_nothing() {
    let Some(store) = fresh("r7_concurrent_writers_lose_nothing", 17).await else {
        return;
    };
    let tally = hammer(&store, CONTENTION).await;
    let (duplicated, lost) = tally.check(&store).await;
    println!(
        "postgres: {} rounds on {} complaints: {} attempts, {} accepted, \
         {} refused with a conflict, {lost} lost, {duplicated} duplicated, in {:.1} s",
        tally.rounds,
        tally.accepted.len(),
        tally.attempts,
        tally.successes,
        tally.conflicts,
        tally.seconds
    );
    assert!(
        tally.conflicts >= CONTENTION.conflicts,
        "only {} conflicts in {} rounds",
        tally.conflicts,
        tally.rounds
    );
    assert_eq!((duplicated, lost), (0, 0));
    let rows = count(&store, "SELECT count(*) FROM entries").await;
    assert_eq!(
        u64::try_from(rows).unwrap(),
        tally.successes + tally.accepted.len() as u64,
        "one row per accepted write plus each complaint's intake"
    );
}

/// Writers sending the same command at once: one of them appends, the
/// others get the same entries back.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn same_command_from_many_writers_is_applied_once() {
    let Some(store) = fresh("same_command_from_many_writers_is_applied_once", 7).await else {
        return;
    };
    let id = create_complaints(&store, 1).await[0];
    let start = Arc::new(Barrier::new(6));
    let tasks: Vec<_> = (0..6)
        .map(|_| {
            let (store, start) = (store.clone(), Arc::clone(&start));
            tokio::spawn(async move {
                let complaints = Complaints::new(store);
                let policy = Policy::default();
                let ctx =
                    Context::new(Actor::agent("agent-1"), t(1), &policy).with_command("request-7");
                start.wait().await;
                complaints.apply(id, callback(t(5)), &ctx).await.unwrap()
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    assert_eq!(
        results.iter().filter(|applied| !applied.repeated).count(),
        1
    );
    assert!(
        results
            .iter()
            .all(|applied| applied.entries == results[0].entries)
    );
    let record = Complaints::new(store).load(id).await.unwrap();
    assert_eq!(record.version(), 2);
    assert_eq!(
        record
            .entries_of_command(&"request-7".into())
            .unwrap()
            .len(),
        1
    );
}
