//! Reading 10,000 and 1,000,000 entries from the change feed (goal: at
//! 1,000,000, at least 0.8× the throughput of a raw `SELECT` of the same
//! rows decoded the same way; the growth from 10,000 to 1,000,000 is
//! printed).
//!
//! - **crate**: `ChangeFeed::entries_after(position, 1000)` from position
//!   0, page after page, each going on from the last position read: one
//!   query per page on the rowid, each row made a `FeedEntry` (the position
//!   checked, the complaint id parsed for the error it would name, the body
//!   decoded by `serde_json` into an `Entry`).
//! - **crate_streamed**: `ChangeFeed::for_each_after(0, n, …)`: one
//!   statement on the rowid, streamed, each row made a `FeedEntry` as
//!   above as it arrives and handed to the closure.
//! - **raw**: one `SELECT position, complaint_id, sequence, body FROM
//!   entries WHERE position > 0 ORDER BY position LIMIT n`, streamed, each
//!   body decoded by `serde_json` into an `Entry`, the position kept.
//!
//! The file is opened by `SqliteStore::open` and seeded (see `support`):
//! four complaints written through the crate, their rows copied with fresh
//! ids until the feed holds at least `n` entries. Both sides read exactly
//! `n` entries; they are checked to agree on the entries' ids and positions.

mod support;

use std::time::Instant;

use complaint_workflow::record::Entry;
use complaint_workflow::store::ChangeFeed;
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use futures_util::TryStreamExt;
use sqlx::Row;

use support::{Seeded, Side, bench_mode, compare, replicate, templates};

/// The crate's page size.
const PAGE: usize = 1_000;

/// A check value of entries read: their event ids' low 64 bits, summed
/// with their positions.
fn check(sum: u64, position: u64, entry: &Entry) -> u64 {
    let id = entry.id().as_uuid().as_u64_pair().1;
    sum.wrapping_add(id.wrapping_mul(position))
}

fn feed(c: &mut Criterion) {
    let runtime = support::runtime();
    let sizes: &[usize] = if bench_mode() {
        &[10_000, 1_000_000]
    } else {
        &[300]
    };
    let mut group = c.benchmark_group("feed_read");
    group.sampling_mode(SamplingMode::Flat);
    if bench_mode() {
        group.sample_size(10);
    }
    let mut compared = Vec::new();
    for &size in sizes {
        let seeded = Seeded::fresh(&runtime, &format!("feed-{size}.db"));
        let written = templates(&runtime, &seeded.store).entries;
        let copies = size.div_ceil(written) - 1;
        replicate(
            &runtime,
            &seeded.store,
            u64::try_from(copies).expect("copies"),
            1,
        );
        let store = &seeded.store;
        let runtime = &runtime;
        let n = i64::try_from(size).expect("size");
        group.throughput(Throughput::Elements(u64::try_from(size).expect("size")));
        let sides = vec![
            Side::new("crate", || {
                let start = Instant::now();
                let (mut read, mut position, mut sum) = (0, 0, 0);
                while read < size {
                    let page = runtime
                        .block_on(store.entries_after(position, PAGE.min(size - read)))
                        .expect("a page");
                    assert!(!page.is_empty(), "the feed ended at {read}");
                    for fed in &page {
                        sum = check(sum, fed.position, &fed.entry);
                        position = fed.position;
                    }
                    read += page.len();
                }
                (start.elapsed(), sum)
            }),
            Side::new("crate_streamed", || {
                let start = Instant::now();
                let (mut read, mut sum) = (0, 0);
                let handed = runtime
                    .block_on(store.for_each_after(0, size, |fed| {
                        sum = check(sum, fed.position, &fed.entry);
                        read += 1;
                    }))
                    .expect("the feed");
                assert_eq!((handed, read), (size, size));
                (start.elapsed(), sum)
            }),
            Side::new("raw", || {
                let start = Instant::now();
                let sum = runtime
                    .block_on(async {
                        let mut rows = sqlx::query(
                            "SELECT position, complaint_id, sequence, body FROM entries
                             WHERE position > 0 ORDER BY position LIMIT ?1",
                        )
                        .bind(n)
                        .fetch(store.pool());
                        let (mut read, mut sum) = (0, 0);
                        while let Some(row) = rows.try_next().await? {
                            let position: i64 = row.get(0);
                            let body: &str = row.get(3);
                            let entry: Entry = serde_json::from_str(body).expect("an entry");
                            sum = check(sum, u64::try_from(position).expect("a position"), &entry);
                            read += 1;
                        }
                        assert_eq!(read, size);
                        Ok::<_, sqlx::Error>(sum)
                    })
                    .expect("the rows");
                (start.elapsed(), sum)
            }),
        ];
        compared.push((size, compare(&mut group, "feed_read", size, sides)));
    }
    group.finish();
    if let [(small, at_small), (large, at_large)] = compared.as_slice() {
        for (index, side) in ["crate", "crate_streamed", "raw"].iter().enumerate() {
            let per_entry = |at: &[support::Compared], n: &usize| {
                at[index].per_run.as_secs_f64() / f64::from(u32::try_from(*n).expect("a size"))
            };
            let growth = per_entry(at_large, large) / per_entry(at_small, small);
            println!(
                "feed_read growth {small} -> {large} entries: {side} {growth:.2}x the time per entry"
            );
        }
    }
}

criterion_group!(benches, feed);
criterion_main!(benches);
