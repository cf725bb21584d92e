//! P7: 16 concurrent writers on distinct complaints through the crate
//! (`Complaints::apply` with a command id: the command lookup and the
//! history in one query, `command_or_history`, the replay, apply, the
//! append with its version check, the command and entry rows, the
//! notification) against 16 connections writing the same rows raw.
//!
//! The baselines, each 16 connections at a time, rows encoded before the
//! clock starts:
//! - `raw_transaction`: one append's rows as hand-written sqlx does it:
//!   `BEGIN`, `UPDATE complaints … WHERE id = $1 AND version = $2`, `INSERT`
//!   of the entry, `INSERT` of the command, `COMMIT` (the headline ratio);
//! - `raw_statement`: the same rows in one statement of data-modifying CTEs,
//!   as the crate sends them (what the crate costs beyond its own SQL);
//! - `raw_insert`: the entry row alone, one autocommit `INSERT` (the
//!   baseline of earlier figures).
//!
//! The raw tables have the crate's columns, indexes and foreign keys. Needs
//! `DATABASE_URL`; works in the schema `bench_writers`, dropped first.
//! Prints each ratio (throughput through the crate / raw throughput) and
//! asserts the rows each side wrote.

mod support;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use complaint_workflow::ComplaintId;
use complaint_workflow::record::Entry;
use complaint_workflow::store::{ComplaintStore, Complaints};
use complaint_workflow_postgres::PostgresStore;
use criterion::{Criterion, criterion_group, criterion_main};
use sqlx::{Executor, PgConnection};
use uuid::Uuid;

use support::{ctx, database_url, fresh, intake, note, per_item};

const WRITERS: usize = 16;
/// Appends per complaint before fresh complaints are taken (untimed), so
/// that histories, and replay, stay short.
const CHUNK: u64 = 20;

/// The raw sides.
#[derive(Clone, Copy, Debug)]
enum Raw {
    Transaction,
    Statement,
    Insert,
}

const RAW: [Raw; 3] = [Raw::Transaction, Raw::Statement, Raw::Insert];

/// Time and writes measured: the crate's, then each raw side's.
static TOTALS: Mutex<[(Duration, u64); 4]> = Mutex::new([(Duration::ZERO, 0); 4]);

async fn setup(url: &str) -> PostgresStore {
    let store = fresh(url, "bench_writers", u32::try_from(WRITERS).unwrap() + 1).await;
    store
        .pool()
        .execute(
            "CREATE TABLE raw_complaints (LIKE complaints INCLUDING ALL);
             CREATE TABLE raw_entries (LIKE entries INCLUDING ALL);
             ALTER TABLE raw_entries ADD FOREIGN KEY (complaint_id) REFERENCES raw_complaints (id);
             CREATE TABLE raw_commands (LIKE commands INCLUDING ALL);
             ALTER TABLE raw_commands ADD FOREIGN KEY (complaint_id) REFERENCES raw_complaints (id);
             CREATE SEQUENCE raw_position;
             CREATE TABLE raw_inserts (LIKE entries INCLUDING ALL);
             ALTER TABLE raw_inserts ALTER position SET DEFAULT nextval('raw_position')",
        )
        .await
        .unwrap();
    store
}

/// `iters` appends by each of the 16 writers through the crate; the time.
async fn through_the_crate(store: &PostgresStore, iters: u64) -> Duration {
    let mut elapsed = Duration::ZERO;
    let mut left = iters;
    while left > 0 {
        let chunk = left.min(CHUNK);
        left -= chunk;
        let mut ids: Vec<ComplaintId> = Vec::new();
        for writer in 0..WRITERS {
            let record = intake(writer);
            store.create(&record, None).await.unwrap();
            ids.push(record.id());
        }
        let started = Instant::now();
        let tasks: Vec<_> = ids
            .iter()
            .map(|&id| {
                let complaints = Complaints::new(store.clone());
                tokio::spawn(async move {
                    for n in 0..chunk {
                        let ctx = ctx().with_command(format!("{id}-{n}"));
                        complaints.apply(id, note(n), &ctx).await.unwrap();
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        elapsed += started.elapsed();
        // What it computed: every append is stored, once.
        let complaints = Complaints::new(store.clone());
        for &id in &ids {
            assert_eq!(complaints.load(id).await.unwrap().version(), 1 + chunk);
        }
    }
    let mut totals = TOTALS.lock().unwrap();
    totals[0].0 += elapsed;
    totals[0].1 += iters * WRITERS as u64;
    elapsed
}

/// One append's rows, encoded before the clock starts.
struct Row {
    complaint: Uuid,
    stage: &'static str,
    version: i64,
    next_due_at: Option<chrono::DateTime<chrono::Utc>>,
    sequence: i64,
    event: Uuid,
    at: chrono::DateTime<chrono::Utc>,
    actor: String,
    kind: &'static str,
    schema: i32,
    body: String,
    command: String,
}

impl Row {
    fn of(
        entry: &Entry,
        stage: &'static str,
        next_due_at: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Self {
        Self {
            complaint: Uuid::from(entry.complaint_id()),
            stage,
            version: i64::try_from(entry.sequence()).unwrap(),
            next_due_at,
            sequence: i64::try_from(entry.sequence()).unwrap(),
            event: Uuid::from(entry.id()),
            at: entry.at(),
            actor: entry.actor().id.as_str().to_owned(),
            kind: entry.event().kind().name(),
            schema: i32::try_from(entry.schema()).unwrap(),
            body: serde_json::to_string(entry).unwrap(),
            command: entry.command().unwrap().as_str().to_owned(),
        }
    }
}

const RAW_UPDATE: &str = "UPDATE raw_complaints SET stage = $2, version = $3, next_due_at = $4
     WHERE id = $1 AND version = $5";
const RAW_ENTRY: &str = "INSERT INTO raw_entries
     (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)";
const RAW_COMMAND: &str =
    "INSERT INTO raw_commands (command_id, complaint_id, first_sequence, last_sequence)
     VALUES ($1, $2, $3, $3)";
const RAW_STATEMENT: &str = "WITH written AS (
         UPDATE raw_complaints SET stage = $2, version = $3, next_due_at = $4
         WHERE id = $1 AND version = $5 RETURNING id
     ), new_commands AS (
         INSERT INTO raw_commands (command_id, complaint_id, first_sequence, last_sequence)
         SELECT $13, id, $6, $6 FROM written
     ), new_entries AS (
         INSERT INTO raw_entries
             (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
         SELECT id, $6, $7, $8, $9, $10, $11, $12::jsonb, $13 FROM written
     )
     SELECT count(*) FROM written";
const RAW_INSERT: &str = "INSERT INTO raw_inserts
     (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)";

/// One append's rows written raw, as `raw` says.
async fn write_raw(conn: &mut PgConnection, raw: Raw, row: &Row) {
    match raw {
        Raw::Transaction => {
            conn.execute("BEGIN").await.unwrap();
            let updated = sqlx::query(RAW_UPDATE)
                .bind(row.complaint)
                .bind(row.stage)
                .bind(row.version)
                .bind(row.next_due_at)
                .bind(row.version - 1)
                .execute(&mut *conn)
                .await
                .unwrap();
            assert_eq!(updated.rows_affected(), 1);
            sqlx::query(RAW_ENTRY)
                .bind(row.complaint)
                .bind(row.sequence)
                .bind(row.event)
                .bind(row.at)
                .bind(&row.actor)
                .bind(row.kind)
                .bind(row.schema)
                .bind(&row.body)
                .bind(&row.command)
                .execute(&mut *conn)
                .await
                .unwrap();
            sqlx::query(RAW_COMMAND)
                .bind(&row.command)
                .bind(row.complaint)
                .bind(row.sequence)
                .execute(&mut *conn)
                .await
                .unwrap();
            conn.execute("COMMIT").await.unwrap();
        }
        Raw::Statement => {
            let updated: i64 = sqlx::query_scalar(RAW_STATEMENT)
                .bind(row.complaint)
                .bind(row.stage)
                .bind(row.version)
                .bind(row.next_due_at)
                .bind(row.version - 1)
                .bind(row.sequence)
                .bind(row.event)
                .bind(row.at)
                .bind(&row.actor)
                .bind(row.kind)
                .bind(row.schema)
                .bind(&row.body)
                .bind(&row.command)
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            assert_eq!(updated, 1);
        }
        Raw::Insert => {
            sqlx::query(RAW_INSERT)
                .bind(row.complaint)
                .bind(row.sequence)
                .bind(row.event)
                .bind(row.at)
                .bind(&row.actor)
                .bind(row.kind)
                .bind(row.schema)
                .bind(&row.body)
                .bind(&row.command)
                .execute(&mut *conn)
                .await
                .unwrap();
        }
    }
}

/// The same rows, `iters` appends per connection on 16 connections, written
/// raw as `raw` says; the time.
async fn raw_writes(store: &PostgresStore, raw: Raw, iters: u64) -> Duration {
    // The rows, made before the clock starts: as the crate makes them.
    let mut rows: Vec<Vec<Row>> = Vec::new();
    for writer in 0..WRITERS {
        let mut record = intake(writer);
        sqlx::query(
            "INSERT INTO raw_complaints (id, stage, version, next_due_at, complainant_id)
             VALUES ($1, $2, 1, NULL, $3)",
        )
        .bind(Uuid::from(record.id()))
        .bind(record.stage().name())
        .bind(record.complainant().id.as_str())
        .execute(store.pool())
        .await
        .unwrap();
        let mut appends = Vec::new();
        for n in 0..iters {
            let id = record.id();
            let ctx = ctx().with_command(format!("{id}-{n}"));
            let entry = record.apply(note(n), &ctx).unwrap()[0].clone();
            let due = record
                .next_deadline()
                .map(complaint_workflow::deadline::Deadline::due);
            appends.push(Row::of(&entry, record.stage().name(), due));
        }
        rows.push(appends);
    }
    let table = match raw {
        Raw::Transaction | Raw::Statement => "raw_entries",
        Raw::Insert => "raw_inserts",
    };
    let counted = format!("SELECT count(*) FROM {table}");
    let before: i64 = sqlx::query_scalar(&counted)
        .fetch_one(store.pool())
        .await
        .unwrap();
    let mut connections = Vec::new();
    for _ in 0..WRITERS {
        connections.push(store.pool().acquire().await.unwrap());
    }
    let started = Instant::now();
    let tasks: Vec<_> = rows
        .into_iter()
        .zip(connections)
        .map(|(appends, mut conn)| {
            tokio::spawn(async move {
                for row in &appends {
                    write_raw(&mut conn, raw, row).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed();
    let after: i64 = sqlx::query_scalar(&counted)
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(
        u64::try_from(after - before).unwrap(),
        iters * WRITERS as u64
    );
    let mut totals = TOTALS.lock().unwrap();
    let side = 1 + raw as usize;
    totals[side].0 += elapsed;
    totals[side].1 += iters * WRITERS as u64;
    elapsed
}

fn writers(c: &mut Criterion) {
    let Some(url) = database_url("writers") else {
        return;
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let store = runtime.block_on(setup(&url));
    let mut group = c.benchmark_group("writers");
    group.sample_size(10);
    group.bench_function("crate_16_writers", |b| {
        b.iter_custom(|iters| runtime.block_on(through_the_crate(&store, iters)));
    });
    for raw in RAW {
        let name = match raw {
            Raw::Transaction => "raw_transaction_16_connections",
            Raw::Statement => "raw_statement_16_connections",
            Raw::Insert => "raw_insert_16_connections",
        };
        group.bench_function(name, |b| {
            b.iter_custom(|iters| runtime.block_on(raw_writes(&store, raw, iters)));
        });
    }
    group.finish();
    let totals = *TOTALS.lock().unwrap();
    let [(crate_time, crate_writes), ..] = totals;
    assert!(crate_writes > 0, "the crate's side measured nothing");
    let through = per_item(crate_time, crate_writes);
    println!(
        "writers: {crate_writes} appends through the crate at {:.0} µs each (16 at a time)",
        through * 1e6
    );
    for (raw, &(time, writes)) in RAW.iter().zip(&totals[1..]) {
        assert!(writes > 0, "{raw:?} measured nothing");
        let per = per_item(time, writes);
        let ratio = per / through;
        assert!(ratio.is_finite() && ratio > 0.0, "ratio {ratio}");
        println!(
            "writers: {writes} raw {raw:?} writes at {:.0} µs each: the crate's throughput is \
             {ratio:.2}x the raw one",
            per * 1e6
        );
    }
}

criterion_group!(benches, writers);
criterion_main!(benches);
