//! Reading the change feed from its start: `ChangeFeed::entries_after` in
//! pages of 1,000 (each page's entries decoded from their JSON, as the
//! store does), and `ChangeFeed::for_each_after` in one call (one statement
//! streamed, each row decoded as it arrives), over 10,000 and 1,000,000
//! entries, against one raw `SELECT`
//! of the same rows in position order, streamed and decoded the same way
//! (`serde_json` into the core's `Entry`); and how each grows.
//!
//! Seeding: 1,000 complaints of ten entries each (an intake and nine notes
//! and contacts) made by the core, inserted with one multi-row `INSERT`,
//! then replicated with `generate_series` under fresh complaint and event
//! ids (the bodies are copied as they are) up to the size, at positions 1 to
//! the size, inserted in position order (as appends lay a feed down), then
//! `VACUUM ANALYZE`. Test mode (no `--bench`): 1,000 entries.
//! Needs `DATABASE_URL`; works in the schemas `bench_feed_<size>`, dropped
//! first.

mod support;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use complaint_workflow::record::Entry;
use complaint_workflow::store::ChangeFeed;
use complaint_workflow_postgres::PostgresStore;
use criterion::{Criterion, criterion_group, criterion_main};
use futures_util::TryStreamExt;
use sqlx::{Executor, Row};

use support::{database_url, fresh, histories, insert_histories, measuring, per_item};

/// Entries per page of `entries_after`.
const PAGE: usize = 1_000;

/// Time and entries read per (size, side): side 0 the crate in pages, 1 the
/// crate streamed, 2 raw.
static TOTALS: Mutex<BTreeMap<(usize, usize), (Duration, u64)>> = Mutex::new(BTreeMap::new());

/// A store whose feed holds `size` entries (a multiple of the seed's).
async fn seed(url: &str, size: usize) -> PostgresStore {
    let store = fresh(url, &format!("bench_feed_{size}"), 2).await;
    let complaints = (size / 10).min(1_000);
    let seeded = insert_histories(&store, &histories(complaints, 10)).await;
    let base = i64::try_from(seeded).unwrap();
    let copies = i64::try_from(size).unwrap() / base;
    sqlx::query(
        "INSERT INTO complaints (id, stage, version, next_due_at, complainant_id)
         SELECT md5(c.id::text || r)::uuid, c.stage, c.version, c.next_due_at, c.complainant_id
         FROM complaints c, generate_series(1, $1 - 1) AS r",
    )
    .bind(copies)
    .execute(store.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO entries (complaint_id, sequence, position, event_id, at, actor_id,
                              event_type, schema, body, command_id)
         SELECT md5(e.complaint_id::text || r)::uuid, e.sequence, e.position + r * $2,
                md5(e.event_id::text || r)::uuid, e.at, e.actor_id, e.event_type, e.schema,
                e.body, e.command_id
         FROM entries e, generate_series(1, $1 - 1) AS r
         ORDER BY r, e.position",
    )
    .bind(copies)
    .bind(base)
    .execute(store.pool())
    .await
    .unwrap();
    sqlx::query("UPDATE feed_head SET position = $1")
        .bind(copies * base)
        .execute(store.pool())
        .await
        .unwrap();
    store.pool().execute("VACUUM ANALYZE").await.unwrap();
    store
}

/// What a read computed: how many entries, and a sum over their sequences
/// and positions that both sides must agree on.
#[derive(Debug, Default, PartialEq, Eq)]
struct Read {
    entries: u64,
    sum: u64,
}

impl Read {
    fn add(&mut self, position: u64, entry: &Entry) {
        assert_eq!(position, self.entries + 1, "a position was skipped");
        self.entries += 1;
        self.sum = self
            .sum
            .wrapping_add(position.wrapping_mul(entry.sequence()));
    }
}

/// The whole feed through the crate, a page at a time.
async fn through_the_crate(store: &PostgresStore) -> Read {
    let mut read = Read::default();
    loop {
        let page = store.entries_after(read.entries, PAGE).await.unwrap();
        if page.is_empty() {
            return read;
        }
        for fed in &page {
            read.add(fed.position, &fed.entry);
        }
    }
}

/// The whole feed through the crate in one call, streamed.
async fn streamed_through_the_crate(store: &PostgresStore) -> Read {
    let mut read = Read::default();
    let handed = store
        .for_each_after(0, usize::MAX, |fed| read.add(fed.position, &fed.entry))
        .await
        .unwrap();
    assert_eq!(u64::try_from(handed).unwrap(), read.entries);
    read
}

/// The same rows, one raw `SELECT` streamed and decoded the same way.
async fn raw(store: &PostgresStore) -> Read {
    let mut read = Read::default();
    let mut rows = sqlx::query(
        "SELECT position, complaint_id, sequence, body::text AS body FROM entries
         WHERE position > 0 ORDER BY position",
    )
    .fetch(store.pool());
    while let Some(row) = rows.try_next().await.unwrap() {
        let position: i64 = row.get("position");
        let body: &str = row.get("body");
        let entry: Entry = serde_json::from_str(body).unwrap();
        read.add(u64::try_from(position).unwrap(), &entry);
    }
    read
}

async fn reads(store: &PostgresStore, size: usize, side: usize, iters: u64) -> Duration {
    let started = Instant::now();
    for _ in 0..iters {
        let read = match side {
            0 => through_the_crate(store).await,
            1 => streamed_through_the_crate(store).await,
            _ => raw(store).await,
        };
        assert_eq!(read.entries, u64::try_from(size).unwrap());
    }
    let elapsed = started.elapsed();
    let mut totals = TOTALS.lock().unwrap();
    let total = totals.entry((size, side)).or_default();
    total.0 += elapsed;
    total.1 += iters * u64::try_from(size).unwrap();
    elapsed
}

fn feed(c: &mut Criterion) {
    let Some(url) = database_url("feed") else {
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
    let mut group = c.benchmark_group("feed");
    group.sample_size(10);
    for &size in sizes {
        let store = runtime.block_on(seed(&url, size));
        let baseline = runtime.block_on(raw(&store));
        assert_eq!(
            runtime.block_on(through_the_crate(&store)),
            baseline,
            "the crate's pages and the raw side read different feeds"
        );
        assert_eq!(
            runtime.block_on(streamed_through_the_crate(&store)),
            baseline,
            "the crate's stream and the raw side read different feeds"
        );
        for (side, name) in [(0, "crate"), (1, "crate_streamed"), (2, "raw")] {
            group.bench_function(format!("{name}_{size}"), |b| {
                b.iter_custom(|iters| runtime.block_on(reads(&store, size, side, iters)));
            });
        }
    }
    group.finish();
    let totals = TOTALS.lock().unwrap();
    let per = |size: usize, side: usize| {
        let (time, entries) = totals[&(size, side)];
        assert!(entries > 0, "size {size} side {side} measured nothing");
        per_item(time, entries)
    };
    for &size in sizes {
        let raw = per(size, 2);
        for (side, how) in [(0, "in pages of 1,000"), (1, "streamed")] {
            let through = per(size, side);
            println!(
                "feed of {size} entries: {:.2} µs per entry through the crate {how}, {:.2} µs raw: \
                 the crate reads at {:.2}x the raw rate",
                through * 1e6,
                raw * 1e6,
                raw / through
            );
        }
    }
    if let [small, large] = sizes {
        println!(
            "feed growth {small} -> {large}, time per entry: {:.2}x through the crate in pages, \
             {:.2}x streamed, {:.2}x raw",
            per(*large, 0) / per(*small, 0),
            per(*large, 1) / per(*small, 1),
            per(*large, 2) / per(*small, 2)
        );
    }
}

criterion_group!(benches, feed);
criterion_main!(benches);
