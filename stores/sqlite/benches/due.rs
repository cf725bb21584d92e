//! The due query over 10,000 and 1,000,000 complaints (goal: at 1,000,000,
//! at most 2× the time of the raw indexed `SELECT` of the same rows; the
//! growth from 10,000 to 1,000,000 is printed).
//!
//! - **crate**: `ComplaintStore::due_before(before, 1000)`: the query
//!   [`DUE_BEFORE`] on the `(next_due_at, id)` index, each row made a
//!   `DueComplaint` (the id parsed as a UUID, the time checked).
//! - **raw**: the same SQL text through `sqlx::query_as`, the rows kept as
//!   `(String, i64)`.
//!
//! Both return the 1,000 earliest complaints due before the median due
//! time, on a file opened by `SqliteStore::open` and seeded (see
//! `support`): four complaints written through the crate, their
//! `complaints` rows copied with fresh ids and their due times spread over
//! as many minutes as there are copies. Both answers are checked to be the
//! same ids in the same order, and the query plan to search the index.

mod support;

use std::time::Instant;

use chrono::{DateTime, Utc};
use complaint_workflow::ComplaintId;
use complaint_workflow::store::ComplaintStore;
use complaint_workflow_sqlite::{DUE_BEFORE, SqliteStore};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use tokio::runtime::Runtime;

use support::{Seeded, Side, TEMPLATE_COMPLAINTS, bench_mode, compare, replicate, templates};

/// A check value of a list of ids: their low 64 bits, summed with their
/// places.
fn check(ids: impl Iterator<Item = ComplaintId>) -> u64 {
    ids.zip(1_u64..)
        .map(|(id, place)| id.as_uuid().as_u64_pair().1.wrapping_mul(place))
        .fold(0, u64::wrapping_add)
}

/// A file of `size` complaints; the median due time.
fn seed(runtime: &Runtime, size: usize) -> (Seeded, DateTime<Utc>) {
    let seeded = Seeded::fresh(runtime, &format!("due-{size}.db"));
    templates(runtime, &seeded.store);
    let copies = size / TEMPLATE_COMPLAINTS - 1;
    replicate(
        runtime,
        &seeded.store,
        u64::try_from(copies).expect("copies"),
        i64::try_from(copies).expect("copies"),
    );
    let (count, median): (i64, i64) = runtime.block_on(async {
        let pool = seeded.store.pool();
        let count = sqlx::query_scalar("SELECT count(*) FROM complaints")
            .fetch_one(pool)
            .await
            .expect("count");
        let dated: i64 =
            sqlx::query_scalar("SELECT count(*) FROM complaints WHERE next_due_at IS NOT NULL")
                .fetch_one(pool)
                .await
                .expect("count");
        println!("due_query: {count} complaints, {dated} with a due time");
        let median = sqlx::query_scalar(
            "SELECT next_due_at FROM complaints WHERE next_due_at IS NOT NULL
             ORDER BY next_due_at LIMIT 1 OFFSET ?1",
        )
        .bind(dated / 2)
        .fetch_one(pool)
        .await
        .expect("the median due time");
        (count, median)
    });
    assert_eq!(usize::try_from(count), Ok(size));
    let median = DateTime::from_timestamp_micros(median).expect("a due time");
    (seeded, median)
}

/// The plan of [`DUE_BEFORE`] searches the due index (no table scan, no
/// sort).
fn assert_uses_index(runtime: &Runtime, store: &SqliteStore, before: DateTime<Utc>) {
    let plan: Vec<(i64, i64, i64, String)> = runtime.block_on(async {
        sqlx::query_as(&format!("EXPLAIN QUERY PLAN {DUE_BEFORE}"))
            .bind(before.timestamp_micros())
            .bind(1_000_i64)
            .fetch_all(store.pool())
            .await
            .expect("the plan")
    });
    let plan: Vec<&str> = plan.iter().map(|row| row.3.as_str()).collect();
    assert!(
        plan.len() == 1 && plan[0].contains("INDEX complaints_next_due_at"),
        "{plan:?}"
    );
}

fn due(c: &mut Criterion) {
    let runtime = support::runtime();
    let (sizes, limit): (&[usize], usize) = if bench_mode() {
        (&[10_000, 1_000_000], 1_000)
    } else {
        (&[200], 50)
    };
    let mut group = c.benchmark_group("due_query");
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Elements(u64::try_from(limit).expect("limit")));
    let mut crate_times = Vec::new();
    for &size in sizes {
        let (seeded, before) = seed(&runtime, size);
        let store = &seeded.store;
        assert_uses_index(&runtime, store, before);
        let runtime = &runtime;
        let compared = compare(
            &mut group,
            "due_query",
            size,
            vec![
                Side::new("crate", || {
                    let start = Instant::now();
                    let due = runtime
                        .block_on(store.due_before(before, limit))
                        .expect("due");
                    let took = start.elapsed();
                    assert_eq!(due.len(), limit);
                    assert!(due.iter().all(|due| due.due < before));
                    (took, check(due.iter().map(|due| due.complaint_id)))
                }),
                Side::new("raw", || {
                    let start = Instant::now();
                    let rows: Vec<(String, i64)> = runtime
                        .block_on(
                            sqlx::query_as(DUE_BEFORE)
                                .bind(before.timestamp_micros())
                                .bind(i64::try_from(limit).expect("limit"))
                                .fetch_all(store.pool()),
                        )
                        .expect("due rows");
                    let took = start.elapsed();
                    assert_eq!(rows.len(), limit);
                    let ids = rows.iter().map(|row| row.0.parse().expect("a stored id"));
                    (took, check(ids))
                }),
            ],
        );
        crate_times.push((size, compared));
    }
    group.finish();
    if let [(small, at_small), (large, at_large)] = crate_times.as_slice() {
        for (index, side) in ["crate", "raw"].iter().enumerate() {
            let growth =
                at_large[index].per_run.as_secs_f64() / at_small[index].per_run.as_secs_f64();
            println!(
                "due_query growth {small} -> {large} complaints: {side} {growth:.2}x the time"
            );
        }
        assert!(at_large[0].ratio > 0.0);
    }
}

criterion_group!(benches, due);
criterion_main!(benches);
