//! P6: one durable append of one note through the store against a raw sqlx
//! `INSERT` of the same entry row in its own transaction, both on a file
//! opened by `SqliteStore::open` (WAL, `synchronous = NORMAL`, the same
//! pool settings) and migrated.
//!
//! What each side does in the timed part, per note:
//!
//! - **store** (`ComplaintStore::append`): the writer gate; a connection
//!   from the pool; `BEGIN IMMEDIATE`; the entry encoded to JSON; one batch
//!   of two statements: the entry's `INSERT` (nine columns, the command id
//!   `NULL`) and the `UPDATE` of the `complaints` row that moves stage and
//!   version and checks, in its `WHERE`, that the row is still at the
//!   loaded version with its next due time unchanged; the rows affected
//!   checked (2); `COMMIT`.
//! - **raw**: a connection from the pool; `BEGIN IMMEDIATE`; the entry
//!   encoded to JSON; the same `INSERT` of the same nine columns; the rows
//!   affected checked (1); `COMMIT`.
//!
//! So the store's extra work is the gate, its version check and the
//! `complaints` row it keeps current (a page more in the write-ahead log per
//! append); the raw side checks nothing but that its row went in. Applying
//! the note to the record in memory happens outside the timed part on both
//! sides.
//!
//! The two sides take turns (one store append, one raw insert, each
//! benchmark timing its own side), so both meet the disk in the same state.
//! Every turn times both sides, and at the end the bench prints the paired
//! figure over all turns of both benchmarks (total raw time over total
//! store time): on a shared machine the load can change between the two
//! benchmarks, and then criterion's two estimates disagree with each other
//! by more than the difference measured.
//! The files are made afresh under the bench's temporary folder on every
//! run. Each append is driven by a current-thread tokio runtime's
//! `block_on`. At the end both files are checked: the store's version is
//! its number of entries; the raw file holds every raw row.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use complaint_workflow::event::{Accept, AddNote};
use complaint_workflow::store::ComplaintStore;
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Policy, Severity,
};
use complaint_workflow_sqlite::SqliteStore;
use criterion::{Criterion, criterion_group, criterion_main};
use tokio::runtime::Runtime;

/// Whether the binary runs as a real benchmark (`cargo bench` passes
/// `--bench`); `cargo test --benches` runs each benchmark once.
fn bench_mode() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// A store on a fresh, migrated file at `synchronous = NORMAL`, checked.
fn open(runtime: &Runtime, name: &str) -> SqliteStore {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-append");
    std::fs::create_dir_all(&dir).expect("the bench folder");
    let path: PathBuf = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    runtime.block_on(async {
        let store = SqliteStore::open(&path).await.expect("open the store");
        store.migrate().await.expect("migrate");
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(store.pool())
            .await
            .expect("journal mode");
        let level: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(store.pool())
            .await
            .expect("synchronous");
        assert_eq!((mode.as_str(), level), ("wal", 1));
        store
    })
}

fn epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
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
    ComplaintRecord::accept(accept, &Context::new(Actor::agent("agent-7"), at, policy))
        .expect("accept")
}

fn note() -> AddNote {
    AddNote {
        text: "Called the customer back; they will send photos of the damage".into(),
    }
}

const INSERT: &str = "INSERT INTO entries
    (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)";

/// The stored version of `record`'s complaint and its number of entries.
fn stored(runtime: &Runtime, store: &SqliteStore, record: &ComplaintRecord) -> (i64, i64) {
    runtime.block_on(async {
        let id = record.id().to_string();
        sqlx::query_as(
            "SELECT (SELECT version FROM complaints WHERE id = ?1),
                    (SELECT count(*) FROM entries WHERE complaint_id = ?1)",
        )
        .bind(id)
        .fetch_one(store.pool())
        .await
        .expect("the counts")
    })
}

/// Both sides of the comparison, appended to in turns.
struct Pair<'p> {
    runtime: Runtime,
    policy: &'p Policy,
    at: DateTime<Utc>,
    store: SqliteStore,
    store_record: ComplaintRecord,
    raw: SqliteStore,
    raw_record: ComplaintRecord,
    turns: Turns,
}

/// Every turn of both benchmarks, both sides timed: the paired figure,
/// which a change in the machine's load between the two benchmarks does not
/// skew (each turn meets the same load on both sides).
#[derive(Default)]
struct Turns {
    count: u32,
    store: Duration,
    raw: Duration,
}

impl Turns {
    fn add(&mut self, store: Duration, raw: Duration) {
        self.count += 1;
        self.store += store;
        self.raw += raw;
    }

    /// The store's throughput as a share of the raw insert's.
    fn ratio(&self) -> f64 {
        self.raw.as_secs_f64() / self.store.as_secs_f64()
    }

    fn print(&self) {
        let per = |spent: Duration| spent.as_secs_f64() * 1e6 / f64::from(self.count);
        println!(
            "p6_sqlite_append paired over {} turns: store {:.1} µs, raw {:.1} µs per append: \
             {:.2}x the raw insert's throughput",
            self.count,
            per(self.store),
            per(self.raw),
            self.ratio()
        );
    }
}

impl<'p> Pair<'p> {
    fn open(policy: &'p Policy) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let at = epoch();
        let store = open(&runtime, "store.db");
        let store_record = accepted(policy, at);
        let raw = open(&runtime, "raw.db");
        let raw_record = accepted(policy, at);
        runtime.block_on(async {
            store.create(&store_record, None).await.expect("create");
            raw.create(&raw_record, None).await.expect("create");
        });
        Self {
            runtime,
            policy,
            at,
            store,
            store_record,
            raw,
            raw_record,
            turns: Turns::default(),
        }
    }

    /// One turn: one append on each side, the store's first when
    /// `store_first`; the time each side took.
    fn turn(&mut self, store_first: bool) -> (Duration, Duration) {
        let (store, raw) = if store_first {
            let store = self.store_append();
            (store, self.raw_insert())
        } else {
            let raw = self.raw_insert();
            (self.store_append(), raw)
        };
        self.turns.add(store, raw);
        (store, raw)
    }

    fn ctx(&mut self) -> Context<'p> {
        self.at += chrono::Duration::seconds(1);
        Context::new(Actor::agent("agent-7"), self.at, self.policy)
    }

    /// A note through `ComplaintStore::append`; the time the append took.
    fn store_append(&mut self) -> Duration {
        let ctx = self.ctx();
        let loaded = self.store_record.version();
        self.store_record.apply(note(), &ctx).expect("a note");
        let start = Instant::now();
        self.runtime
            .block_on(self.store.append(loaded, &self.store_record))
            .expect("append");
        start.elapsed()
    }

    /// The same kind of entry row by a raw `INSERT` in a transaction of its
    /// own; the time from `BEGIN` to `COMMIT`.
    fn raw_insert(&mut self) -> Duration {
        let ctx = self.ctx();
        let entries = self.raw_record.apply(note(), &ctx).expect("a note");
        let entry = entries.first().expect("one entry").clone();
        let pool = self.raw.pool().clone();
        let start = Instant::now();
        let inserted = self.runtime.block_on(async {
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.expect("begin");
            let body = serde_json::to_string(&entry).expect("entry JSON");
            let (complaint_id, event_id) =
                (entry.complaint_id().to_string(), entry.id().to_string());
            let done = sqlx::query(INSERT)
                .bind(complaint_id)
                .bind(i64::try_from(entry.sequence()).expect("sequence"))
                .bind(event_id)
                .bind(entry.at().timestamp_micros())
                .bind(entry.actor().id.as_str())
                .bind(entry.event().kind().name())
                .bind(i64::from(entry.schema()))
                .bind(body)
                .execute(&mut *tx)
                .await
                .expect("insert");
            tx.commit().await.expect("commit");
            done.rows_affected()
        });
        let spent = start.elapsed();
        assert_eq!(inserted, 1);
        spent
    }

    /// Every append is stored: the store's version is its number of
    /// entries; the raw path leaves its `complaints` row at version 1.
    fn check(&self) {
        let version = i64::try_from(self.store_record.version()).expect("version");
        assert_eq!(
            stored(&self.runtime, &self.store, &self.store_record),
            (version, version)
        );
        let raw = i64::try_from(self.raw_record.version()).expect("version");
        assert_eq!(stored(&self.runtime, &self.raw, &self.raw_record), (1, raw));
    }
}

fn append(c: &mut Criterion) {
    let policy = Policy::default();
    let mut group = c.benchmark_group("p6_sqlite_append");
    if bench_mode() {
        group.sample_size(30);
        group.measurement_time(Duration::from_secs(8));
    }
    let mut pair = Pair::open(&policy);
    group.bench_function("store_append", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                spent += pair.turn(false).0;
            }
            spent
        });
    });
    group.bench_function("raw_insert", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                spent += pair.turn(true).1;
            }
            spent
        });
    });
    pair.check();
    group.finish();
    assert!(pair.turns.ratio() > 0.0);
    pair.turns.print();
}

criterion_group!(benches, append);
criterion_main!(benches);
