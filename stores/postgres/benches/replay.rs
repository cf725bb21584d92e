//! Loading and replaying 10,000 complaints of ten entries each, one after
//! another, through the driver (`Complaints::load`: the history's `SELECT`,
//! each body decoded, then `ComplaintRecord::replay`, which checks every
//! entry's schema, complaint and sequence, runs the rules of its event
//! again and checks the deadlines it recorded) against a raw `SELECT` of
//! the same rows per complaint with each body decoded by `serde_json` into
//! the core's `Entry` and the one check any reader of a history needs: the
//! sequences are 1, 2, … without a gap.
//!
//! The histories (an intake, then notes and phone contacts, some promising
//! a callback) are made by the core and stored with raw multi-row
//! `INSERT`s. Test mode (no `--bench`): 100 complaints. Needs
//! `DATABASE_URL`; works in the schema `bench_replay`, dropped first.

mod support;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use complaint_workflow::ComplaintId;
use complaint_workflow::record::Entry;
use complaint_workflow::store::Complaints;
use complaint_workflow_postgres::PostgresStore;
use criterion::{Criterion, criterion_group, criterion_main};
use sqlx::Row;
use uuid::Uuid;

use support::{database_url, fresh, histories, insert_histories, measuring, per_item};

const ENTRIES: usize = 10;

/// Time and complaints loaded: the crate's, then raw.
static TOTALS: Mutex<[(Duration, u64); 2]> = Mutex::new([(Duration::ZERO, 0); 2]);

/// Every complaint loaded through the driver; the sum of their versions.
async fn through_the_crate(complaints: &Complaints<PostgresStore>, ids: &[ComplaintId]) -> u64 {
    let mut versions = 0;
    for &id in ids {
        versions += complaints.load(id).await.unwrap().version();
    }
    versions
}

/// Every complaint's rows, raw, decoded and checked for gaps; the sum of
/// their last sequences.
async fn raw(store: &PostgresStore, ids: &[ComplaintId]) -> u64 {
    let mut versions = 0;
    for &id in ids {
        let rows = sqlx::query(
            "SELECT complaint_id, sequence, body::text AS body FROM entries
             WHERE complaint_id = $1 ORDER BY sequence",
        )
        .bind(Uuid::from(id))
        .fetch_all(store.pool())
        .await
        .unwrap();
        let entries: Vec<Entry> = rows
            .iter()
            .map(|row| serde_json::from_str(row.get::<&str, _>("body")).unwrap())
            .collect();
        for (n, entry) in (1..).zip(&entries) {
            assert_eq!(entry.sequence(), n, "a gap in the history of {id}");
        }
        versions += entries.last().unwrap().sequence();
    }
    versions
}

fn replay(c: &mut Criterion) {
    let Some(url) = database_url("replay") else {
        return;
    };
    let count = if measuring() { 10_000 } else { 100 };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let store = runtime.block_on(fresh(&url, "bench_replay", 2));
    let records = histories(count, ENTRIES);
    let ids: Vec<ComplaintId> = records.iter().map(|record| record.id()).collect();
    runtime.block_on(async {
        insert_histories(&store, &records).await;
        sqlx::query("VACUUM ANALYZE")
            .execute(store.pool())
            .await
            .unwrap();
    });
    let complaints = Complaints::new(store.clone());
    let expected = u64::try_from(count * ENTRIES).unwrap();
    let mut group = c.benchmark_group("replay");
    group.sample_size(10);
    group.bench_function(format!("crate_{count}"), |b| {
        b.iter_custom(|iters| {
            let started = Instant::now();
            for _ in 0..iters {
                let versions = runtime.block_on(through_the_crate(&complaints, &ids));
                assert_eq!(versions, expected);
            }
            let elapsed = started.elapsed();
            let mut totals = TOTALS.lock().unwrap();
            totals[0].0 += elapsed;
            totals[0].1 += iters * u64::try_from(count).unwrap();
            elapsed
        });
    });
    group.bench_function(format!("raw_{count}"), |b| {
        b.iter_custom(|iters| {
            let started = Instant::now();
            for _ in 0..iters {
                assert_eq!(runtime.block_on(raw(&store, &ids)), expected);
            }
            let elapsed = started.elapsed();
            let mut totals = TOTALS.lock().unwrap();
            totals[1].0 += elapsed;
            totals[1].1 += iters * u64::try_from(count).unwrap();
            elapsed
        });
    });
    group.finish();
    let [(crate_time, crate_loads), (raw_time, raw_loads)] = *TOTALS.lock().unwrap();
    assert!(crate_loads > 0 && raw_loads > 0, "a side measured nothing");
    let (through, raw) = (
        per_item(crate_time, crate_loads),
        per_item(raw_time, raw_loads),
    );
    println!(
        "replay of {count} complaints ({ENTRIES} entries each): {:.0} µs per complaint through \
         the crate, {:.0} µs raw: the crate loads at {:.2}x the raw rate",
        through * 1e6,
        raw * 1e6,
        raw / through
    );
}

criterion_group!(benches, replay);
criterion_main!(benches);
