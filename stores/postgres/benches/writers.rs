//! P7: 16 concurrent writers on distinct complaints through the crate
//! (`Complaints::apply`: load, replay, apply, append with the version check,
//! the command and feed rows, `NOTIFY`) against 16 connections inserting the
//! same entry rows raw (one autocommit `INSERT` each, no check, no summary,
//! no feed).
//!
//! Needs `DATABASE_URL`; without it, it says it was skipped. Works in the
//! schema `bench_writers`, which it drops first. Prints the ratio of the two
//! (time per write through the crate / time per raw insert) and asserts the
//! rows each side wrote.

use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use complaint_workflow::event::{Accept, AddNote};
use complaint_workflow::record::Entry;
use complaint_workflow::store::{ComplaintStore, Complaints};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintId, ComplaintRecord, Context, Policy, Severity,
};
use complaint_workflow_postgres::PostgresStore;
use criterion::{Criterion, criterion_group, criterion_main};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, Executor, PgConnection};

const WRITERS: usize = 16;
/// Appends per complaint before fresh complaints are taken (untimed), so
/// that histories, and replay, stay short.
const CHUNK: u64 = 20;
const SCHEMA: &str = "bench_writers";

/// Time and writes measured, per side: (crate, raw).
static TOTALS: Mutex<[(Duration, u64); 2]> = Mutex::new([(Duration::ZERO, 0); 2]);

fn policy() -> &'static Policy {
    static POLICY: std::sync::LazyLock<Policy> = std::sync::LazyLock::new(Policy::default);
    &POLICY
}

fn ctx() -> Context<'static> {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    Context::new(Actor::agent("bench"), now, policy())
}

fn intake(writer: usize) -> ComplaintRecord {
    ComplaintRecord::accept(
        Accept {
            complainant: Complainant::new(format!("customer-{writer}")),
            received_at: ctx().now(),
            channel: Channel::Email,
            content: "The parcel arrived broken".into(),
            category: Category::new("delivery"),
            severity: Severity::Low,
        },
        &ctx(),
    )
    .unwrap()
}

async fn setup(url: &str) -> PostgresStore {
    let mut admin = PgConnection::connect(url).await.unwrap();
    admin
        .execute(format!("DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}").as_str())
        .await
        .unwrap();
    admin.close().await.unwrap();
    let options = PgConnectOptions::from_str(url)
        .unwrap()
        .options([("search_path", SCHEMA)]);
    let pool = PgPoolOptions::new()
        .max_connections(u32::try_from(WRITERS).unwrap() + 1)
        .connect_with(options)
        .await
        .unwrap();
    let store = PostgresStore::from_pool(pool);
    store.migrate().await.unwrap();
    store
        .pool()
        .execute(
            "CREATE SEQUENCE raw_position;
             CREATE TABLE raw_entries (LIKE entries INCLUDING CONSTRAINTS INCLUDING INDEXES);
             ALTER TABLE raw_entries ALTER position SET DEFAULT nextval('raw_position')",
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
                        let note = AddNote {
                            text: format!("note {n}"),
                        };
                        complaints.apply(id, note, &ctx()).await.unwrap();
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

/// The same entry rows, `iters` per connection on 16 connections, inserted
/// raw; the time.
async fn raw_inserts(store: &PostgresStore, iters: u64) -> Duration {
    // The rows, made before the clock starts: as the crate makes them.
    let rows: Vec<Vec<Entry>> = (0..WRITERS)
        .map(|writer| {
            let mut record = intake(writer);
            for n in 0..iters {
                let note = AddNote {
                    text: format!("note {n}"),
                };
                record.apply(note, &ctx()).unwrap();
            }
            record.entries_since(1).to_vec()
        })
        .collect();
    let mut connections = Vec::new();
    for _ in 0..WRITERS {
        connections.push(store.pool().acquire().await.unwrap());
    }
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM raw_entries")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let started = Instant::now();
    let tasks: Vec<_> = rows
        .into_iter()
        .zip(connections)
        .map(|(entries, mut conn)| {
            tokio::spawn(async move {
                for entry in entries {
                    sqlx::query(
                        "INSERT INTO raw_entries
                         (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)",
                    )
                    .bind(uuid::Uuid::from(entry.complaint_id()))
                    .bind(i64::try_from(entry.sequence()).unwrap())
                    .bind(uuid::Uuid::from(entry.id()))
                    .bind(entry.at())
                    .bind(entry.actor().id.as_str())
                    .bind(entry.event().kind().name())
                    .bind(i32::try_from(entry.schema()).unwrap())
                    .bind(serde_json::to_string(&entry).unwrap())
                    .bind(entry.command().map(|c| c.as_str().to_owned()))
                    .execute(&mut *conn)
                    .await
                    .unwrap();
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed();
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM raw_entries")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(
        u64::try_from(after - before).unwrap(),
        iters * WRITERS as u64
    );
    let mut totals = TOTALS.lock().unwrap();
    totals[1].0 += elapsed;
    totals[1].1 += iters * WRITERS as u64;
    elapsed
}

fn writers(c: &mut Criterion) {
    let Some(url) = std::env::var("DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
    else {
        println!("writers bench: skipped, DATABASE_URL is not set");
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
    group.bench_function("raw_16_connections", |b| {
        b.iter_custom(|iters| runtime.block_on(raw_inserts(&store, iters)));
    });
    group.finish();
    let [(crate_time, crate_writes), (raw_time, raw_writes)] = *TOTALS.lock().unwrap();
    assert!(
        crate_writes > 0 && raw_writes > 0,
        "a side measured nothing"
    );
    #[allow(clippy::cast_precision_loss)]
    let per = |time: Duration, writes: u64| time.as_secs_f64() / writes as f64;
    let ratio = per(crate_time, crate_writes) / per(raw_time, raw_writes);
    assert!(ratio.is_finite() && ratio > 0.0, "ratio {ratio}");
    println!(
        "writers: {crate_writes} appends through the crate at {:.0} µs each, {raw_writes} raw \
         inserts at {:.0} µs each (16 at a time): ratio {ratio:.2}",
        per(crate_time, crate_writes) * 1e6,
        per(raw_time, raw_writes) * 1e6
    );
}

criterion_group!(benches, writers);
criterion_main!(benches);
