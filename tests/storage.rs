//! The storage contract of `docs/storage.md` on real databases, through the
//! store the examples use (`examples/store/`): concurrent writers with
//! expected versions, failures in the middle of a write, repeated commands,
//! "what is due now?", erasure; on SQLite always, on PostgreSQL when
//! `DATABASE_URL` names a server (`.ci/postgres.sh` starts one for CI).
//!
//! A test binary of its own: it includes the store module, which the
//! integration tests have no use for.

#[path = "../examples/store/mod.rs"]
mod store;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Barrier, LazyLock, Mutex};
use std::thread;
use std::time::Instant;

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintId, ComplaintRecord, Context, Event, EventKind,
    Policy, Severity, TransitionError,
    deadline::Agenda,
    event::{Accept, AddNote, Contact, ContactMethod},
};
use rusqlite::TransactionBehavior;
use store::postgres::PostgresStore;
use store::sqlite::{DUE_BEFORE, SqliteStore};
use store::{PersonalData, Store, StoreError};

// ---------------------------------------------------------------------------
// SQLite

/// The SQLite concurrency test: 32 writers on their own connections, all on
/// the same 2 complaints in each round, rounds until 10 000 appends were
/// refused (at most 1 500 rounds; SQLite takes its write lock at `BEGIN
/// IMMEDIATE`, so a round refuses fewer writes than PostgreSQL's).
const SQLITE_CONTENTION: Contention = Contention {
    writers: 32,
    complaints_per_round: 2,
    conflicts: 10_000,
    max_rounds: 1_500,
};

/// R7: many writers, each on its own connection, append notes to the same few
/// complaints at the version they loaded and retry on a conflict. Afterwards
/// every history replays, has no gap and no duplicate, holds every accepted
/// note exactly once, and every refused write was retried.
#[test]
fn r7_sqlite_concurrent_writers_lose_nothing() {
    let path = fresh_db("concurrent_writers.db");
    let mut setup = SqliteStore::open(&path).unwrap();
    setup.create_schema().unwrap();
    let stores = (0..SQLITE_CONTENTION.writers)
        .map(|_| SqliteStore::open(&path).unwrap())
        .collect();
    let tally = hammer(stores, SQLITE_CONTENTION);
    tally.print("sqlite");
    tally.check(&mut setup);
    let rows: i64 = setup
        .connection()
        .query_row("SELECT count(*) FROM entries", [], |row| row.get(0))
        .unwrap();
    assert_eq!(
        u64::try_from(rows).unwrap(),
        tally.successes + tally.accepted.len() as u64,
        "one row per accepted write plus each complaint's intake"
    );
}

/// R7: a transaction that fails after inserting the entries and before
/// updating the `complaints` row leaves both as they were.
#[test]
fn r7_sqlite_failure_between_entries_and_complaints_row_changes_nothing() {
    let path = fresh_db("failed_transaction.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store.create_schema().unwrap();
    let id = create_complaints(&mut store, 1)[0];
    let before = store.load(id).unwrap();
    let row_before = complaints_row(&store, id);
    // The fault: this connection cannot write the complaints row.
    store
        .connection()
        .execute_batch(
            "CREATE TEMP TRIGGER fail_complaints_update BEFORE UPDATE ON main.complaints
             BEGIN SELECT RAISE(ABORT, 'injected fault'); END;",
        )
        .unwrap();
    let mut record = before.clone();
    let expected = record.expected_version();
    record.apply(callback(t(2)), &agent(t(1))).unwrap();
    let error = store.append(expected, &record).unwrap_err();
    assert!(error.to_string().contains("injected fault"), "{error}");

    assert_eq!(store.load(id).unwrap(), before);
    assert_eq!(complaints_row(&store, id), row_before);
    assert_eq!(entry_rows(&store), 1);
    // Without the fault, the same write goes through.
    store
        .connection()
        .execute_batch("DROP TRIGGER temp.fail_complaints_update")
        .unwrap();
    store.append(expected, &record).unwrap();
    assert_eq!(store.load(id).unwrap(), record);
    assert_ne!(complaints_row(&store, id), row_before);
}

/// R7: a writer that inserted entries and was dropped without committing
/// leaves no trace; the file replays and the next writer appends.
#[test]
fn r7_sqlite_writer_dropped_without_commit_leaves_history_intact() {
    let path = fresh_db("dropped_writer.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store.create_schema().unwrap();
    let id = create_complaints(&mut store, 1)[0];
    let before = store.load(id).unwrap();
    let mut record = before.clone();
    record.apply(note("never committed"), &agent(t(1))).unwrap();
    {
        let conn = store.connection_mut();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .unwrap();
        store::sqlite::insert_entries(&tx, record.entries_since(before.version())).unwrap();
        // Dropped here without a commit.
    }
    let mut fresh = SqliteStore::open(&path).unwrap();
    assert_eq!(fresh.load(id).unwrap(), before);
    assert_eq!(entry_rows(&fresh), 1);
    fresh.append(before.expected_version(), &record).unwrap();
    assert_eq!(store.load(id).unwrap(), record);
}

/// Set in the child process of the next test: the database it crashes in.
const CRASH_CHILD: &str = "STORAGE_TEST_CRASH_IN";

/// R7: a writer process killed in the middle of its transaction (entries
/// inserted, some already in the write-ahead log, nothing committed) leaves
/// a file that passes SQLite's integrity check and replays as before.
#[test]
fn r7_sqlite_writer_killed_mid_transaction_leaves_file_replaying() {
    if let Some(path) = std::env::var_os(CRASH_CHILD) {
        crash_mid_transaction(Path::new(&path));
    }
    let path = fresh_db("killed_writer.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store.create_schema().unwrap();
    let id = create_complaints(&mut store, 1)[0];
    store::apply(&mut store, id, &note("committed"), &agent(t(1))).unwrap();
    let before = store.load(id).unwrap();
    store
        .connection()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0);

    let child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "r7_sqlite_writer_killed_mid_transaction_leaves_file_replaying",
            "--nocapture",
        ])
        .env(CRASH_CHILD, &path)
        .output()
        .unwrap();
    assert!(
        !child.status.success(),
        "the writer process was not killed: {}",
        String::from_utf8_lossy(&child.stderr)
    );
    let wal_written = std::fs::metadata(&wal).unwrap().len();
    assert!(
        wal_written > 0,
        "the killed writer wrote nothing to the log"
    );

    let mut reopened = SqliteStore::open(&path).unwrap();
    let check: String = reopened
        .connection()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    assert_eq!(reopened.load(id).unwrap(), before);
    assert_eq!(entry_rows(&reopened), 2);
    assert_eq!(store.load(id).unwrap(), before);
    store::apply(&mut reopened, id, &note("after the crash"), &agent(t(2))).unwrap();
    assert_eq!(reopened.load(id).unwrap().version(), 3);
}

/// The child of the test above: begins a write, inserts many entries with
/// a tiny page cache (so they spill into the write-ahead log), and dies.
fn crash_mid_transaction(path: &Path) -> ! {
    let mut store = SqliteStore::open(path).unwrap();
    store
        .connection()
        .execute_batch("PRAGMA cache_size = 2")
        .unwrap();
    let id: String = store
        .connection()
        .query_row("SELECT id FROM complaints", [], |row| row.get(0))
        .unwrap();
    let mut record = store.load(id.parse().unwrap()).unwrap();
    let loaded = record.version();
    for i in 0..400 {
        let text = format!("{i:04} {}", "lost with the process ".repeat(40));
        record.apply(note(&text), &agent(t(3))).unwrap();
    }
    let conn = store.connection_mut();
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .unwrap();
    store::sqlite::insert_entries(&tx, record.entries_since(loaded)).unwrap();
    // The complaints row is never updated, nothing is committed.
    std::process::abort();
}

/// A command id already stored is applied once: the same entries come back
/// and no row is added; the same id for another event or another complaint
/// is refused.
#[test]
fn sqlite_repeated_command_is_applied_once() {
    let path = fresh_db("repeated_command.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store.create_schema().unwrap();
    let ids = create_complaints(&mut store, 2);
    let ctx = agent(t(1)).with_command("request-1");
    let once = store::apply(&mut store, ids[0], &callback(t(5)), &ctx).unwrap();
    let rows = entry_rows(&store);
    let twice = store::apply(&mut store, ids[0], &callback(t(5)), &ctx).unwrap();
    assert!(!once.repeated && twice.repeated);
    assert_eq!(twice.entries, once.entries);
    assert_eq!(entry_rows(&store), rows);
    assert_eq!(store.load(ids[0]).unwrap().version(), 2);

    for (id, event) in [(ids[0], note("another event")), (ids[1], callback(t(5)))] {
        let error = store::apply(&mut store, id, &event, &ctx).unwrap_err();
        assert!(
            matches!(
                error,
                StoreError::Transition(TransitionError::CommandReused { .. })
            ),
            "{error}"
        );
    }
    assert_eq!(entry_rows(&store), rows);
}

/// Writers on their own connections sending the same command at once: one
/// of them appends, the others get the same entries back.
#[test]
fn sqlite_same_command_from_many_writers_is_applied_once() {
    let path = fresh_db("concurrent_command.db");
    let mut setup = SqliteStore::open(&path).unwrap();
    setup.create_schema().unwrap();
    let id = create_complaints(&mut setup, 1)[0];
    let start = Arc::new(Barrier::new(6));
    let results: Vec<store::Applied> = (0..6)
        .map(|_| {
            let (path, start) = (path.clone(), Arc::clone(&start));
            thread::spawn(move || {
                let mut store = SqliteStore::open(&path).unwrap();
                let policy = Policy::default();
                let ctx =
                    Context::new(Actor::agent("agent-1"), t(1), &policy).with_command("request-7");
                start.wait();
                store::apply(&mut store, id, &callback(t(5)), &ctx).unwrap()
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|writer| writer.join().unwrap())
        .collect();
    assert_eq!(
        results.iter().filter(|applied| !applied.repeated).count(),
        1
    );
    assert!(
        results
            .iter()
            .all(|applied| applied.entries == results[0].entries)
    );
    let record = setup.load(id).unwrap();
    assert_eq!(record.version(), 2);
    assert_eq!(
        record
            .entries_of_command(&"request-7".into())
            .unwrap()
            .len(),
        1
    );
}

/// "What is due now?" is one query on the `next_due_at` index, and it
/// answers what the in-memory `Agenda` answers for the same complaints.
#[test]
fn sqlite_due_query_uses_the_index_and_agrees_with_the_agenda() {
    let path = fresh_db("due.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store.create_schema().unwrap();
    let mut agenda = Agenda::new();
    for (i, id) in create_complaints(&mut store, 12).into_iter().enumerate() {
        // Every third complaint has nothing due; the others a callback.
        if i % 3 != 0 {
            let hours = i64::try_from(i).unwrap() * 7 % 48 + 2;
            store::apply(&mut store, id, &callback(t(hours)), &agent(t(1))).unwrap();
        }
        agenda.track(&store.load(id).unwrap());
    }
    let plan: String = store
        .connection()
        .query_row(
            &format!("EXPLAIN QUERY PLAN {DUE_BEFORE}"),
            [0_i64],
            |row| row.get(3),
        )
        .unwrap();
    assert_eq!(
        plan,
        "SEARCH complaints USING COVERING INDEX complaints_next_due_at (next_due_at<?)"
    );
    for hours in [0, 2, 3, 10, 24, 49, 100] {
        let now = t(hours);
        let expected: Vec<ComplaintId> = agenda.due_before(now).map(|(_, id)| id).collect();
        assert_eq!(store.due_before(now).unwrap(), expected, "due before {now}");
    }
    assert_eq!(store.due_before(t(100)).unwrap().len(), 8);
}

/// R7: the stored entries cannot be changed or deleted, only appended to.
#[test]
fn r7_sqlite_entries_are_append_only() {
    let path = fresh_db("append_only.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store.create_schema().unwrap();
    create_complaints(&mut store, 1);
    for sql in ["UPDATE entries SET body = '{}'", "DELETE FROM entries"] {
        let error = store.connection().execute(sql, []).unwrap_err();
        assert!(error.to_string().contains("append-only"), "{error}");
    }
    assert_eq!(entry_rows(&store), 1);
}

/// Erasing a complainant's personal data deletes their contact details,
/// records the erasure on each of their complaints, and leaves every fact
/// the rules and reports read as it was; running it again adds nothing.
#[test]
fn erasure_deletes_contact_details_and_keeps_the_facts() {
    let path = fresh_db("erasure.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store.create_schema().unwrap();
    // Two complaints of one customer, one with a callback due.
    let ids: Vec<ComplaintId> = (0..2)
        .map(|_| {
            let record = accept("customer-erased", &POLICY);
            store::create(&mut store, &record).unwrap();
            record.id()
        })
        .collect();
    store::apply(&mut store, ids[1], &callback(t(5)), &agent(t(1))).unwrap();
    let customer = store.load(ids[0]).unwrap().complainant().id.clone();
    store
        .put_personal_data(&PersonalData {
            complainant: customer.clone(),
            name: "Lee Siu Ming".into(),
            phone: Some("+852 5550 0199".into()),
            email: Some("siu.ming@example.com".into()),
        })
        .unwrap();
    let before: Vec<ComplaintRecord> = ids.iter().map(|&id| store.load(id).unwrap()).collect();
    let policy = Policy::default();
    let supervisor =
        Context::new(Actor::supervisor("supervisor-1"), t(2), &policy).with_command("erasure-1");

    let written =
        store::erase_personal_data(&mut store, &customer, "customer request", &supervisor).unwrap();
    assert_eq!(written.len(), 2);
    assert_eq!(store.personal_data(&customer).unwrap(), None);
    let again =
        store::erase_personal_data(&mut store, &customer, "customer request", &supervisor).unwrap();
    assert!(again.iter().all(|applied| applied.repeated));
    for (record, &id) in before.iter().zip(&ids) {
        let after = store.load(id).unwrap();
        assert_eq!(after.version(), record.version() + 1);
        assert_eq!(
            after.entries().last().unwrap().event().kind(),
            EventKind::PersonalDataErased
        );
        assert_eq!(&after.entries()[..record.entries().len()], record.entries());
        assert_eq!(facts(&after), facts(record));
    }
    let leaked: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM entries WHERE body LIKE '%Siu Ming%' OR body LIKE '%0199%'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(leaked, 0);
}

// ---------------------------------------------------------------------------
// PostgreSQL

/// The PostgreSQL concurrency test: as SQLite's, with 16 writers.
const POSTGRES_CONTENTION: Contention = Contention {
    writers: 16,
    complaints_per_round: 2,
    conflicts: 10_000,
    max_rounds: 300,
};

/// R7 on PostgreSQL: as the SQLite test, with the version checked under
/// `SELECT ... FOR UPDATE`.
#[test]
fn r7_postgres_concurrent_writers_lose_nothing() {
    let Some(url) = database_url("r7_postgres_concurrent_writers_lose_nothing") else {
        return;
    };
    let schema = "storage_test_writers";
    PostgresStore::drop_schema(&url, schema).unwrap();
    let mut setup = PostgresStore::connect(&url, schema).unwrap();
    setup.create_schema().unwrap();
    let stores = (0..POSTGRES_CONTENTION.writers)
        .map(|_| PostgresStore::connect(&url, schema).unwrap())
        .collect();
    let tally = hammer(stores, POSTGRES_CONTENTION);
    tally.print("postgres");
    tally.check(&mut setup);
    let rows: i64 = setup
        .client()
        .query_one("SELECT count(*) FROM entries", &[])
        .unwrap()
        .get(0);
    assert_eq!(
        u64::try_from(rows).unwrap(),
        tally.successes + tally.accepted.len() as u64
    );
}

/// Due complaints of the PostgreSQL due-worker test.
const DUE_COMPLAINTS: usize = 1_000;

/// T3 on PostgreSQL: two due-workers claim due callbacks with `FOR UPDATE
/// SKIP LOCKED` and call each customer back exactly once: every due
/// complaint is handled by one worker, none by both, and nothing is due after.
#[test]
fn t3_postgres_two_due_workers_handle_each_due_complaint_once() {
    let Some(url) = database_url("t3_postgres_two_due_workers_handle_each_due_complaint_once")
    else {
        return;
    };
    let schema = "storage_test_due_workers";
    PostgresStore::drop_schema(&url, schema).unwrap();
    let mut setup = PostgresStore::connect(&url, schema).unwrap();
    setup.create_schema().unwrap();
    let policy = Policy::default();
    let mut due = BTreeSet::new();
    for i in 0..DUE_COMPLAINTS {
        let mut record = accept(&format!("customer-{i}"), &policy);
        let minutes = i64::try_from(i % 600).unwrap();
        record
            .apply(
                callback(t(1) + Duration::minutes(minutes)),
                &Context::new(Actor::agent("agent-1"), t(0), &policy),
            )
            .unwrap();
        store::create(&mut setup, &record).unwrap();
        due.insert(record.id());
    }
    // One complaint not due yet: no worker may take it.
    let mut later = accept("customer-later", &policy);
    later
        .apply(
            callback(t(48)),
            &Context::new(Actor::agent("agent-1"), t(0), &policy),
        )
        .unwrap();
    store::create(&mut setup, &later).unwrap();
    let now = t(24);
    assert_eq!(
        setup
            .due_before(now)
            .unwrap()
            .into_iter()
            .collect::<BTreeSet<_>>(),
        due
    );

    let start = Arc::new(Barrier::new(2));
    let workers: Vec<_> = (0..2)
        .map(|worker| {
            let (url, start) = (url.clone(), Arc::clone(&start));
            thread::spawn(move || {
                let mut store = PostgresStore::connect(&url, schema).unwrap();
                let policy = Policy::default();
                let ctx = Context::new(Actor::agent(format!("worker-{worker}")), now, &policy);
                let mut handled = Vec::new();
                start.wait();
                loop {
                    let batch = store
                        .claim_due(now, 10, |record| {
                            record.apply(
                                Contact {
                                    method: ContactMethod::Phone,
                                    summary: format!("called back by worker {worker}"),
                                    callback_due: None,
                                },
                                &ctx,
                            )?;
                            Ok(())
                        })
                        .unwrap();
                    if batch.is_empty() {
                        return handled;
                    }
                    handled.extend(batch);
                }
            })
        })
        .collect();
    let handled: Vec<Vec<ComplaintId>> = workers
        .into_iter()
        .map(|worker| worker.join().unwrap())
        .collect();
    println!(
        "postgres due-workers: {} and {} of {DUE_COMPLAINTS} due complaints",
        handled[0].len(),
        handled[1].len()
    );
    let first: BTreeSet<ComplaintId> = handled[0].iter().copied().collect();
    let second: BTreeSet<ComplaintId> = handled[1].iter().copied().collect();
    assert_eq!(
        first.len(),
        handled[0].len(),
        "a worker took a complaint twice"
    );
    assert_eq!(
        second.len(),
        handled[1].len(),
        "a worker took a complaint twice"
    );
    assert!(first.is_disjoint(&second), "both workers took a complaint");
    assert_eq!(&first | &second, due);
    assert!(
        !first.is_empty() && !second.is_empty(),
        "one worker did all"
    );
    assert!(setup.due_before(now).unwrap().is_empty());
    for &id in &due {
        let record = setup.load(id).unwrap();
        let callbacks = record
            .entries()
            .iter()
            .filter(|entry| entry.actor().id.as_str().starts_with("worker-"))
            .count();
        assert_eq!(callbacks, 1, "complaint {id}");
    }
    assert_eq!(setup.load(later.id()).unwrap(), later);
}

/// A repeated command on PostgreSQL is found through the `commands` table
/// and applied once.
#[test]
fn postgres_repeated_command_is_applied_once() {
    let Some(url) = database_url("postgres_repeated_command_is_applied_once") else {
        return;
    };
    let schema = "storage_test_commands";
    PostgresStore::drop_schema(&url, schema).unwrap();
    let mut store = PostgresStore::connect(&url, schema).unwrap();
    store.create_schema().unwrap();
    let id = create_complaints(&mut store, 1)[0];
    let ctx = agent(t(1)).with_command("request-1");
    let once = store::apply(&mut store, id, &callback(t(5)), &ctx).unwrap();
    let twice = store::apply(&mut store, id, &callback(t(5)), &ctx).unwrap();
    assert!(!once.repeated && twice.repeated);
    assert_eq!(twice.entries, once.entries);
    let rows: i64 = store
        .client()
        .query_one("SELECT count(*) FROM entries", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, 2);
}

/// `DATABASE_URL`, or `None` with a notice when it is unset. Under CI (`CI`
/// set) a missing `DATABASE_URL` fails the test: CI starts a server.
fn database_url(test: &str) -> Option<String> {
    match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{test}: CI is set but DATABASE_URL is not; source .ci/postgres.sh to start a server"
            );
            eprintln!("{test}: skipped, DATABASE_URL is not set");
            None
        }
    }
}

// ---------------------------------------------------------------------------
// Shared

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

    fn print(&self, database: &str) {
        println!(
            "{database}: {} rounds on {} complaints: {} attempts, {} accepted, \
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
    fn check(&self, store: &mut impl Store) {
        assert!(self.conflicts > 0, "the writers never met");
        assert_eq!(self.conflicts, self.attempts - self.successes);
        for &id in self.accepted.keys() {
            let record = store.load(id).unwrap();
            let sequences: Vec<u64> = record.entries().iter().map(|e| e.sequence()).collect();
            assert_eq!(sequences, (1..=record.version()).collect::<Vec<_>>());
            assert_eq!(store.version(id).unwrap(), Some(record.version()));
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
    /// Writer threads, each with its own connection.
    writers: usize,
    /// The complaints all writers write to in one round (new ones each round,
    /// so that histories stay short and replay stays cheap).
    complaints_per_round: usize,
    /// Rounds go on until this many appends were refused...
    conflicts: u64,
    /// ...or this many rounds were run.
    max_rounds: usize,
}

/// The writers, one store each, race in rounds: in each round every writer
/// appends one note to each of the round's complaints, loading, applying and
/// appending at the loaded version until the append is accepted.
fn hammer<S: Store + Send + 'static>(stores: Vec<S>, contention: Contention) -> Tally {
    let started = Instant::now();
    let round_done = Arc::new(Barrier::new(contention.writers));
    let refused = Arc::new(AtomicU64::new(0));
    let round_ids = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let threads: Vec<_> = stores
        .into_iter()
        .enumerate()
        .map(|(writer, mut store)| {
            let round_done = Arc::clone(&round_done);
            let (refused, round_ids, stop) = (
                Arc::clone(&refused),
                Arc::clone(&round_ids),
                Arc::clone(&stop),
            );
            thread::spawn(move || {
                let policy = Policy::default();
                let actor = Actor::agent(format!("writer-{writer}"));
                let mut tally = Tally::default();
                for round in 0.. {
                    // Between two waits nobody writes: the leader decides
                    // whether to go on and creates the round's complaints.
                    if round_done.wait().is_leader() {
                        if round == contention.max_rounds
                            || refused.load(Ordering::SeqCst) >= contention.conflicts
                        {
                            stop.store(true, Ordering::SeqCst);
                        } else {
                            *round_ids.lock().unwrap() =
                                create_complaints(&mut store, contention.complaints_per_round);
                        }
                    }
                    round_done.wait();
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let ids = round_ids.lock().unwrap().clone();
                    for k in 0..ids.len() {
                        // Writers start on different complaints of the round.
                        let id = ids[(writer + k) % ids.len()];
                        let text = format!("writer {writer} round {round}");
                        loop {
                            let mut record = store.load(id).unwrap();
                            let expected = record.expected_version();
                            let now =
                                t(1) + Duration::seconds(i64::try_from(record.version()).unwrap());
                            let ctx = Context::new(actor.clone(), now, &policy);
                            record.apply(note(&text), &ctx).unwrap();
                            tally.attempts += 1;
                            match store.append(expected, &record) {
                                Ok(()) => {
                                    tally.successes += 1;
                                    tally.accepted.entry(id).or_default().push(text);
                                    break;
                                }
                                Err(StoreError::Conflict(_)) => {
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
    for thread in threads {
        total.add(thread.join().unwrap());
    }
    total.seconds = started.elapsed().as_secs_f64();
    total
}

/// `count` accepted complaints, stored.
fn create_complaints(store: &mut impl Store, count: usize) -> Vec<ComplaintId> {
    let policy = Policy::default();
    (0..count)
        .map(|i| {
            let record = accept(&format!("customer-{i}"), &policy);
            store::create(store, &record).unwrap();
            record.id()
        })
        .collect()
}

fn accept(customer: &str, policy: &Policy) -> ComplaintRecord {
    ComplaintRecord::accept(
        Accept {
            complainant: Complainant::new(customer),
            received_at: t(0),
            channel: Channel::Email,
            content: "The parcel arrived broken".into(),
            category: Category::new("delivery"),
            severity: Severity::Low,
        },
        &Context::new(Actor::agent("agent-1"), t(0), policy),
    )
    .unwrap()
}

/// The facts a report reads from a complaint, as text to compare.
fn facts(record: &ComplaintRecord) -> String {
    format!(
        "{:?}",
        (
            record.id(),
            record.stage(),
            record.intake(),
            record.judgment(),
            record.deadlines(),
            record.breaches(t(1000)),
            record.follow_up(),
        )
    )
}

fn note(text: &str) -> Event {
    Event::from(AddNote { text: text.into() })
}

/// T3: a contact that promises a callback at `due`.
fn callback(due: DateTime<Utc>) -> Event {
    Event::from(Contact {
        method: ContactMethod::Phone,
        summary: "Promised to call back".into(),
        callback_due: Some(due),
    })
}

static POLICY: LazyLock<Policy> = LazyLock::new(Policy::default);

/// An agent acting at `now` under the default policy.
fn agent(now: DateTime<Utc>) -> Context<'static> {
    Context::new(Actor::agent("agent-1"), now, &POLICY)
}

/// `hours` after 2026-11-23 09:00 UTC.
fn t(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap() + Duration::hours(hours)
}

fn entry_rows(store: &SqliteStore) -> i64 {
    store
        .connection()
        .query_row("SELECT count(*) FROM entries", [], |row| row.get(0))
        .unwrap()
}

fn complaints_row(store: &SqliteStore, id: ComplaintId) -> (String, i64, Option<i64>) {
    store
        .connection()
        .query_row(
            "SELECT stage, version, next_due_at FROM complaints WHERE id = ?1",
            [id.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap()
}

/// A database file under `target/tmp/storage/`, without one left from an earlier run.
fn fresh_db(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("storage");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}
