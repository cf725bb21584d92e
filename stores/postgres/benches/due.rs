//! The due query (`ComplaintStore::due_before` through the driver's
//! `Complaints::due_before`) over 10,000 and 1,000,000 complaints against
//! the raw indexed `SELECT` of the same rows, decoded into the same
//! `(id, due)` pairs; and how each grows from 10,000 to 1,000,000.
//!
//! The complaints are seeded with one `INSERT … SELECT … FROM
//! generate_series` per size (80% with a deadline, spread over 1,000
//! hours; 20% closed, without one), then `VACUUM ANALYZE`. Each query asks
//! for the first 100 due before hour 100 (about 8% of the complaints are
//! due). Test mode (no `--bench`): 1,000 complaints. Needs `DATABASE_URL`;
//! works in the schemas `bench_due_<size>`, dropped first.

mod support;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use complaint_workflow::store::Complaints;
use complaint_workflow_postgres::PostgresStore;
use criterion::{Criterion, criterion_group, criterion_main};
use sqlx::Executor;
use uuid::Uuid;

use support::{database_url, fresh, measuring, per_item, t};

/// How many due complaints one query asks for.
const LIMIT: usize = 100;

/// Time and queries measured per (size, side): side 0 the crate, 1 raw.
static TOTALS: Mutex<BTreeMap<(usize, usize), (Duration, u64)>> = Mutex::new(BTreeMap::new());

/// The store with `size` complaints, and how many are due before hour 100.
async fn seed(url: &str, size: usize) -> (PostgresStore, usize) {
    let store = fresh(url, &format!("bench_due_{size}"), 2).await;
    sqlx::query(
        "INSERT INTO complaints (id, stage, version, next_due_at, complainant_id)
         SELECT md5(n::text)::uuid, 'accepted', 1,
                CASE WHEN n % 5 = 0 THEN NULL
                     ELSE $2 + ((n * 7919) % 1000) * interval '1 hour' END,
                'customer-' || n
         FROM generate_series(1, $1) AS n",
    )
    .bind(i64::try_from(size).unwrap())
    .bind(t(0))
    .execute(store.pool())
    .await
    .unwrap();
    store
        .pool()
        .execute("VACUUM ANALYZE complaints")
        .await
        .unwrap();
    let due: i64 = sqlx::query_scalar("SELECT count(*) FROM complaints WHERE next_due_at < $1")
        .bind(t(100))
        .fetch_one(store.pool())
        .await
        .unwrap();
    (store, usize::try_from(due).unwrap())
}

/// `iters` due queries of one side; the time. Asserts each answer.
async fn queries(
    store: &PostgresStore,
    (size, due_in_all): (usize, usize),
    side: usize,
    iters: u64,
) -> Duration {
    let before = t(100);
    let complaints = Complaints::new(store.clone());
    let started = Instant::now();
    let mut answers = Vec::new();
    for _ in 0..iters {
        let due: Vec<(Uuid, DateTime<Utc>)> = if side == 0 {
            complaints
                .due_before(before, LIMIT)
                .await
                .unwrap()
                .into_iter()
                .map(|due| (Uuid::from(due.complaint_id), due.due))
                .collect()
        } else {
            sqlx::query_as(
                "SELECT id, next_due_at FROM complaints
                 WHERE next_due_at < $1 ORDER BY next_due_at, id LIMIT $2",
            )
            .bind(before)
            .bind(i64::try_from(LIMIT).unwrap())
            .fetch_all(store.pool())
            .await
            .unwrap()
        };
        answers.push(due);
    }
    let elapsed = started.elapsed();
    // What it computed: the first LIMIT due complaints, earliest first.
    for due in &answers {
        assert_eq!(due.len(), LIMIT.min(due_in_all));
        assert_eq!(due, &answers[0]);
        assert!(
            due.windows(2)
                .all(|pair| (pair[0].1, pair[0].0) < (pair[1].1, pair[1].0))
        );
        assert!(due.iter().all(|(_, at)| *at < before));
    }
    let mut totals = TOTALS.lock().unwrap();
    let total = totals.entry((size, side)).or_default();
    total.0 += elapsed;
    total.1 += iters;
    elapsed
}

fn due(c: &mut Criterion) {
    let Some(url) = database_url("due") else {
        return;
    };
    let sizes: &[usize] = if measuring() {
        &[10_000, 1_000_000]
    } else {
        &[1_000]
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut group = c.benchmark_group("due");
    for &size in sizes {
        let (store, due_in_all) = runtime.block_on(seed(&url, size));
        assert!(due_in_all > 0);
        for (side, name) in [(0, "crate"), (1, "raw")] {
            group.bench_function(format!("{name}_{size}"), |b| {
                b.iter_custom(|iters| {
                    runtime.block_on(queries(&store, (size, due_in_all), side, iters))
                });
            });
        }
    }
    group.finish();
    let totals = TOTALS.lock().unwrap();
    let per = |size: usize, side: usize| {
        let (time, queries) = totals[&(size, side)];
        assert!(queries > 0, "size {size} side {side} measured nothing");
        per_item(time, queries)
    };
    for &size in sizes {
        let (through, raw) = (per(size, 0), per(size, 1));
        println!(
            "due over {size} complaints: {:.0} µs through the crate, {:.0} µs raw: {:.2}x the raw time",
            through * 1e6,
            raw * 1e6,
            through / raw
        );
    }
    if let [small, large] = sizes {
        println!(
            "due growth {small} -> {large}: {:.2}x through the crate, {:.2}x raw",
            per(*large, 0) / per(*small, 0),
            per(*large, 1) / per(*small, 1)
        );
    }
}

criterion_group!(benches, due);
criterion_main!(benches);
