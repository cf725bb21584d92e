//! Loading and replaying 10,000 complaints, one after another (goal: at
//! least 0.8× the throughput of a raw select and `serde_json` decode of the
//! same rows).
//!
//! - **load** (`Complaints::load`, what an application calls): per
//!   complaint, `SELECT sequence, body FROM entries WHERE complaint_id = ?1
//!   ORDER BY sequence` on the `(complaint_id, sequence)` index, each body
//!   decoded by `serde_json` into an `Entry`, then
//!   `ComplaintRecord::replay`: each entry's schema, complaint id and
//!   sequence checked, the transition rules run on its event, actor and
//!   time against the record so far, its recorded effects (deadlines,
//!   follow-up) checked to be ones the event can have, and the entry
//!   committed to the record (stage, deadlines, current facts).
//! - **entries** (`ComplaintStore::entries`): the same query and decode,
//!   without the replay.
//! - **replay**: `ComplaintRecord::replay` alone, of the same histories
//!   held in memory (read once before the bench; each run clones them, as
//!   replay takes its entries by value, and the clone is timed): what
//!   replay adds to a load, at most.
//! - **raw**: the same SQL text through `sqlx::query_as`, each body
//!   decoded by `serde_json` into an `Entry`.
//!
//! The file is opened by `SqliteStore::open` and seeded (see `support`):
//! four complaints written through the crate, their rows copied with fresh
//! ids up to 10,000 complaints. The sides are checked to agree on every
//! complaint's number of entries and last entry.

mod support;

use std::time::Instant;

use complaint_workflow::record::Entry;
use complaint_workflow::store::{ComplaintStore, Complaints};
use complaint_workflow::{ComplaintId, ComplaintRecord};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

use support::{Seeded, Side, TEMPLATE_COMPLAINTS, bench_mode, compare, replicate, templates};

/// The check value of one complaint's history: its length and its last
/// entry's id.
fn check(sum: u64, entries: &[Entry]) -> u64 {
    let last = entries.last().expect("a history");
    let id = last.id().as_uuid().as_u64_pair().1;
    sum.wrapping_add(id.wrapping_mul(u64::try_from(entries.len()).expect("a length")))
}

fn load(c: &mut Criterion) {
    let runtime = support::runtime();
    let size = if bench_mode() { 10_000 } else { 20 };
    let seeded = Seeded::fresh(&runtime, &format!("load-{size}.db"));
    templates(&runtime, &seeded.store);
    let copies = size / TEMPLATE_COMPLAINTS - 1;
    replicate(
        &runtime,
        &seeded.store,
        u64::try_from(copies).expect("copies"),
        1,
    );
    let store = &seeded.store;
    let ids: Vec<ComplaintId> = runtime.block_on(async {
        let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM complaints ORDER BY id")
            .fetch_all(store.pool())
            .await
            .expect("the ids");
        ids.iter().map(|id| id.parse().expect("an id")).collect()
    });
    assert_eq!(ids.len(), size);
    let complaints = Complaints::new(store.clone());
    let histories: Vec<Vec<Entry>> = ids
        .iter()
        .map(|&id| runtime.block_on(store.entries(id)).expect("entries"))
        .collect();
    let (runtime, ids, complaints) = (&runtime, &ids, &complaints);

    let mut group = c.benchmark_group("load_replay");
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Elements(u64::try_from(size).expect("size")));
    if bench_mode() {
        group.sample_size(20);
    }
    let sides = vec![
        Side::new("load", || {
            let start = Instant::now();
            let mut sum = 0;
            for &id in ids {
                let record = runtime.block_on(complaints.load(id)).expect("load");
                sum = check(sum, record.entries());
            }
            (start.elapsed(), sum)
        }),
        Side::new("entries", || {
            let start = Instant::now();
            let mut sum = 0;
            for &id in ids {
                let entries = runtime.block_on(store.entries(id)).expect("entries");
                sum = check(sum, &entries);
            }
            (start.elapsed(), sum)
        }),
        Side::new("replay", || {
            let start = Instant::now();
            let mut sum = 0;
            for history in &histories {
                let record = ComplaintRecord::replay(history.iter().cloned()).expect("replay");
                sum = check(sum, record.entries());
            }
            (start.elapsed(), sum)
        }),
        Side::new("raw", || {
            let start = Instant::now();
            let mut sum = 0;
            for id in ids {
                let rows: Vec<(i64, String)> = runtime
                    .block_on(
                        sqlx::query_as(
                            "SELECT sequence, body FROM entries WHERE complaint_id = ?1 \
                             ORDER BY sequence",
                        )
                        .bind(id.to_string())
                        .fetch_all(store.pool()),
                    )
                    .expect("the rows");
                let entries: Vec<Entry> = rows
                    .iter()
                    .map(|(_, body)| serde_json::from_str(body).expect("an entry"))
                    .collect();
                sum = check(sum, &entries);
            }
            (start.elapsed(), sum)
        }),
    ];
    let compared = compare(&mut group, "load_replay", size, sides);
    group.finish();
    if let [load, entries, replay, _] = compared.as_slice() {
        let per_complaint = |side: &support::Compared| {
            side.per_run.as_secs_f64() * 1e6 / f64::from(u32::try_from(size).expect("a size"))
        };
        let (load, entries, replay) = (
            per_complaint(load),
            per_complaint(entries),
            per_complaint(replay),
        );
        println!(
            "load_replay/{size}: per complaint {load:.2} µs loaded, {entries:.2} µs read and \
             decoded, {replay:.2} µs replayed from memory ({:.1}% of a load)",
            replay / load * 100.0
        );
    }
}

criterion_group!(benches, load);
criterion_main!(benches);
