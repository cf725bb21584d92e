//! P4: the durable append of one event through the SQLite store of
//! `examples/store` (`Store::append`: `BEGIN IMMEDIATE`, the stored version
//! checked, the entry's JSON and columns inserted, the `complaints` row
//! updated, `COMMIT`), in WAL mode with `synchronous = NORMAL` (the store's
//! setting) and `FULL`, against a raw `INSERT` of the same entry row in its
//! own `BEGIN IMMEDIATE … COMMIT` transaction, on the same schema.
//!
//! Only the database work is timed (`iter_custom`): applying the note to the
//! in-memory record before each append, and making the raw row's values,
//! are not. Each appended event is a note. The two sides take turns (one
//! store append, one raw insert, each benchmark timing its own side), so
//! both meet the disk in the same state. The database files are under
//! `target/bench-append/`, made afresh on every run.

#[path = "../examples/store/mod.rs"]
mod store;

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use complaint_workflow::{
    Category, Channel, Complainant, ComplaintRecord, Context, Policy, Severity,
    event::{Accept, AddNote},
    record::{Entry, ExpectedVersion},
};
use criterion::{Criterion, criterion_group, criterion_main};
use rusqlite::{Connection, TransactionBehavior, params};

use store::Store;
use store::sqlite::SqliteStore;

use common::{agent, bench_mode, epoch};

/// A fresh database file under `target/bench-append/` (old files and their
/// WAL removed).
fn fresh(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-append");
    std::fs::create_dir_all(&dir).expect("target/bench-append");
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.clone().into_os_string();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
    path
}

/// A store on a fresh file, with the schema, at `synchronous = sync`.
fn open(name: &str, sync: &str) -> SqliteStore {
    let store = SqliteStore::open(&fresh(name)).expect("open the store");
    store.create_schema().expect("create the schema");
    store
        .connection()
        .execute_batch(&format!("PRAGMA synchronous = {sync};"))
        .expect("set synchronous");
    let (mode, level): (String, i64) = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .and_then(|mode| {
            store
                .connection()
                .query_row("PRAGMA synchronous", [], |row| row.get(0))
                .map(|level| (mode, level))
        })
        .expect("read the pragmas");
    assert_eq!(mode, "wal");
    assert_eq!(level, if sync == "FULL" { 2 } else { 1 });
    store
}

fn accepted(policy: &Policy, at: DateTime<Utc>) -> ComplaintRecord {
    let accept = Accept {
        complainant: Complainant::member("customer-42"),
        received_at: at,
        channel: Channel::Phone,
        content: "The washing machine leaks after the repair last week".into(),
        category: Category::new("repair"),
        severity: Severity::Medium,
    };
    ComplaintRecord::accept(accept, &Context::new(agent(), at, policy)).expect("accept")
}

fn note() -> AddNote {
    AddNote {
        text: "Called the customer back; they will send photos of the damage".into(),
    }
}

/// The stored version of `record`'s complaint and its number of stored entries.
fn stored(conn: &Connection, record: &ComplaintRecord) -> (u64, u64) {
    let id = record.id().to_string();
    let version: i64 = conn
        .query_row(
            "SELECT version FROM complaints WHERE id = ?1",
            [&id],
            |row| row.get(0),
        )
        .expect("the complaint row");
    let entries: i64 = conn
        .query_row(
            "SELECT count(*) FROM entries WHERE complaint_id = ?1",
            [&id],
            |row| row.get(0),
        )
        .expect("the entries");
    (version as u64, entries as u64)
}

/// The row of `entry` in the `entries` table, as the store writes it.
struct Row {
    complaint_id: String,
    sequence: i64,
    event_id: String,
    at: i64,
    actor_id: String,
    event_type: &'static str,
    schema: u32,
    body: String,
}

impl Row {
    fn of(entry: &Entry) -> Row {
        Row {
            complaint_id: entry.complaint_id().to_string(),
            sequence: entry.sequence() as i64,
            event_id: entry.id().to_string(),
            at: entry.at().timestamp_micros(),
            actor_id: entry.actor().id.as_str().to_owned(),
            event_type: entry.event().kind().name(),
            schema: entry.schema(),
            body: serde_json::to_string(entry).expect("entry JSON"),
        }
    }
}

const INSERT: &str = "INSERT INTO entries
    (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)";

/// Both sides of the comparison, appended to in turns.
struct Pair<'p> {
    policy: &'p Policy,
    at: DateTime<Utc>,
    store: SqliteStore,
    store_record: ComplaintRecord,
    raw: SqliteStore,
    raw_record: ComplaintRecord,
}

impl<'p> Pair<'p> {
    fn open(policy: &'p Policy, sync: &str) -> Self {
        let lower = sync.to_lowercase();
        let at = epoch();
        let mut store = open(&format!("store-{lower}.db"), sync);
        let store_record = accepted(policy, at);
        store
            .append(ExpectedVersion::NoRecord, &store_record)
            .expect("store the new complaint");
        let mut raw = open(&format!("raw-{lower}.db"), sync);
        let raw_record = accepted(policy, at);
        raw.append(ExpectedVersion::NoRecord, &raw_record)
            .expect("store the new complaint");
        Self {
            policy,
            at,
            store,
            store_record,
            raw,
            raw_record,
        }
    }

    fn ctx(&mut self) -> Context<'p> {
        self.at += chrono::Duration::seconds(1);
        Context::new(agent(), self.at, self.policy)
    }

    /// A note through `Store::append`; returns the time the append took.
    fn store_append(&mut self) -> Duration {
        let ctx = self.ctx();
        let expected = self.store_record.expected_version();
        self.store_record.apply(note(), &ctx).expect("a note");
        let start = Instant::now();
        self.store
            .append(expected, &self.store_record)
            .expect("append");
        start.elapsed()
    }

    /// The same kind of entry row by a raw `INSERT` in a transaction of its
    /// own; returns the time from `BEGIN` to `COMMIT`.
    fn raw_insert(&mut self) -> Duration {
        let ctx = self.ctx();
        let entries = self.raw_record.apply(note(), &ctx).expect("a note");
        let row = Row::of(&entries[0]);
        let conn = self.raw.connection_mut();
        let start = Instant::now();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .expect("begin");
        let inserted = tx
            .prepare_cached(INSERT)
            .expect("prepare")
            .execute(params![
                row.complaint_id,
                row.sequence,
                row.event_id,
                row.at,
                row.actor_id,
                row.event_type,
                row.schema,
                row.body,
            ])
            .expect("insert");
        tx.commit().expect("commit");
        let spent = start.elapsed();
        assert_eq!(inserted, 1);
        spent
    }

    /// Every append is stored: the store's version is its number of
    /// entries; the raw path leaves its `complaints` row at version 1.
    fn check(&self) {
        let version = self.store_record.version();
        assert_eq!(
            stored(self.store.connection(), &self.store_record),
            (version, version)
        );
        assert_eq!(
            stored(self.raw.connection(), &self.raw_record),
            (1, self.raw_record.version())
        );
    }
}

fn append(c: &mut Criterion) {
    let policy = Policy::default();
    let mut group = c.benchmark_group("p4_append");
    if bench_mode() {
        group.sample_size(30);
        group.measurement_time(Duration::from_secs(8));
    }
    for sync in ["NORMAL", "FULL"] {
        let lower = sync.to_lowercase();
        // The two sides take turns, one append each, and each benchmark
        // times its own side only: both see the same disk at the same time
        // (the time an fsync takes on this machine varies by the minute).
        let mut pair = Pair::open(&policy, sync);
        group.bench_function(format!("store_append_{lower}"), |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    pair.raw_insert();
                    spent += pair.store_append();
                }
                spent
            });
        });
        group.bench_function(format!("raw_insert_{lower}"), |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    pair.store_append();
                    spent += pair.raw_insert();
                }
                spent
            });
        });
        pair.check();
    }
    group.finish();
}

criterion_group!(benches, append);
criterion_main!(benches);
