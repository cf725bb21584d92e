//! R7 under contention: many writers on the same complaints at the version
//! they loaded, until 10 000 appends were refused; nothing lost, nothing
//! twice.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use chrono::Duration;
use complaint_workflow::store::{AppendError, ComplaintStore, Complaints};
use complaint_workflow::{Actor, ComplaintId, Context, Event, Policy};
use complaint_workflow_sqlite::SqliteStore;
use tokio::sync::{Barrier, Mutex};

use support::{create_complaints, fresh_db, note, stored_version, t};

/// 32 writers, all on the same 2 complaints in each round, rounds until
/// 10 000 appends were refused (at most 1 500 rounds). The writers share 4
/// stores on the file (4 pools and their writer gates, as 4 processes
/// would): within a store they queue at the gate, across stores on SQLite's
/// write lock.
const CONTENTION: Contention = Contention {
    stores: 4,
    writers: 32,
    complaints_per_round: 2,
    conflicts: 10_000,
    max_rounds: 1_500,
};

/// R7: many writers append notes to the same few complaints at the version
/// they loaded and retry on a conflict. Afterwards every history replays,
/// has no gap and no duplicate, holds every accepted note exactly once, and
/// every refused write was retried.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r7_concurrent_writers_lose_nothing() {
    let path = fresh_db("concurrent_writers.db");
    let setup = SqliteStore::open(&path).await.unwrap();
    setup.migrate().await.unwrap();
    let mut stores = Vec::new();
    for _ in 0..CONTENTION.stores {
        stores.push(SqliteStore::open(&path).await.unwrap());
    }
    let tally = hammer(&stores, CONTENTION).await;
    tally.print();
    tally.check(&setup).await;
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM entries")
        .fetch_one(setup.pool())
        .await
        .unwrap();
    assert_eq!(
        u64::try_from(rows).unwrap(),
        tally.successes + tally.accepted.len() as u64,
        "one row per accepted write plus each complaint's intake"
    );
    assert!(
        tally.conflicts >= CONTENTION.conflicts,
        "only {} conflicts in {} rounds",
        tally.conflicts,
        tally.rounds
    );
    println!(
        "contention: {} conflicts, 0 lost, 0 duplicated",
        tally.conflicts
    );
}

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

    fn print(&self) {
        println!(
            "sqlite: {} rounds on {} complaints: {} attempts, {} accepted, \
             {} refused with a conflict, in {:.1} s",
            self.rounds,
            self.accepted.len(),
            self.attempts,
            self.successes,
            self.conflicts,
            self.seconds
        );
    }

    /// Every history replays without gap or duplicate (replay checks the
    /// sequence), the `complaints` row agrees with it, and its notes are
    /// exactly the accepted ones.
    async fn check(&self, store: &SqliteStore) {
        let complaints = Complaints::new(store.clone());
        assert!(self.conflicts > 0, "the writers never met");
        assert_eq!(self.conflicts, self.attempts - self.successes);
        for &id in self.accepted.keys() {
            let record = complaints.load(id).await.unwrap();
            let sequences: Vec<u64> = record.entries().iter().map(|e| e.sequence()).collect();
            assert_eq!(sequences, (1..=record.version()).collect::<Vec<_>>());
            assert_eq!(stored_version(store, id).await, Some(record.version()));
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
            assert_eq!(distinct.len(), notes.len(), "a note was stored twice");
            assert_eq!(notes, accepted, "stored notes differ from accepted writes");
        }
    }
}

/// How hard the writers of a concurrency test contend.
#[derive(Clone, Copy)]
struct Contention {
    /// Stores (pools) the writers are spread over.
    stores: usize,
    /// Writer tasks.
    writers: usize,
    /// The complaints all writers write to in one round (new ones each round,
    /// so that histories stay short and replay stays cheap).
    complaints_per_round: usize,
    /// Rounds go on until this many appends were refused...
    conflicts: u64,
    /// ...or this many rounds were run.
    max_rounds: usize,
}

/// The writers race in rounds: in each round every writer appends one note
/// to each of the round's complaints, loading, applying and appending at the
/// loaded version until the append is accepted.
async fn hammer(stores: &[SqliteStore], contention: Contention) -> Tally {
    let started = Instant::now();
    let round_done = Arc::new(Barrier::new(contention.writers));
    let refused = Arc::new(AtomicU64::new(0));
    let round_ids = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = (0..contention.writers)
        .map(|writer| {
            let store = stores[writer % stores.len()].clone();
            let round_done = Arc::clone(&round_done);
            let (refused, round_ids, stop) = (
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
