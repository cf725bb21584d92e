//! P5: S1, `ClassificationReport::compute` for November 2026, over 50,000
//! complaints of about 21 entries each (about 1,000,000 entries), and over
//! 10× and 100× fewer (20 complaints in test mode), against deserializing
//! the same entries only.
//!
//! The histories are realistic walks decoded from seeded bytes (see
//! `common::decode_walk`: upheld, dismissed or withdrawn, notes and
//! contacts between the stage changes, follow-ups, closing), received on
//! every day of November, each stored as one JSON array of its entries, as
//! a store hands them over. Three measurements per size:
//!
//! - `deserialize`: `serde_json::from_slice::<Vec<Entry>>` of every
//!   complaint's bytes, nothing else (each complaint's entries dropped
//!   before the next is read);
//! - `deserialize_keep`: the same, every complaint's entries kept until the
//!   end, as the report needs every record at once;
//! - `load_and_compute`: the same, then `ComplaintRecord::replay` of each
//!   (every check on), then `compute` over the records: the report from the
//!   stored bytes;
//! - `compute`: `compute` alone, over records loaded beforehand.

mod common;

use std::hint::black_box;
use std::time::Duration;

use complaint_workflow::{
    ComplaintRecord, Policy,
    record::Entry,
    report::{ClassificationReport, Period},
    time::Zone,
};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use common::{Bytes, SplitMix64, bench_mode, decode_walk, epoch};

fn sizes() -> Vec<usize> {
    if bench_mode() {
        vec![500, 5_000, 50_000]
    } else {
        vec![20]
    }
}

fn load(stored: &[Vec<u8>]) -> Vec<ComplaintRecord> {
    stored
        .iter()
        .map(|bytes| {
            let entries: Vec<Entry> = serde_json::from_slice(bytes).expect("stored entries");
            ComplaintRecord::replay(entries).expect("a valid history")
        })
        .collect()
}

fn report(c: &mut Criterion) {
    let policy = Policy::default();
    let november = Period::month(2026, 11, Zone::Utc).expect("November");
    let seed = SplitMix64::new(0x5EED_0005).bytes(1 << 20);
    let mut reader = Bytes::new(&seed);
    let mut group = c.benchmark_group("p5_report");
    for complaints in sizes() {
        let stored: Vec<Vec<u8>> = (0..complaints)
            .map(|i| {
                let day = (i % 30) as i64;
                let minutes = 9 * 60 + reader.below(180) as i64;
                let start = epoch() - chrono::Duration::days(1)
                    + chrono::Duration::days(day)
                    + chrono::Duration::minutes(minutes);
                let record = decode_walk(&mut reader, start, 4).record(&policy);
                serde_json::to_vec(record.entries()).expect("entries serialize")
            })
            .collect();
        let records = load(&stored);
        let entries: u64 = records.iter().map(ComplaintRecord::version).sum();
        let json: usize = stored.iter().map(Vec::len).sum();
        let expected = ClassificationReport::compute(&records, &november);
        assert_eq!(expected.complaints, complaints as u64);
        eprintln!(
            "P5: {complaints} complaints, {entries} entries ({:.1} per complaint), \
             {json} bytes of JSON",
            entries as f64 / complaints as f64
        );

        group.throughput(Throughput::Elements(entries));
        if complaints >= 50_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(30));
        } else if complaints >= 5_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(10));
        } else {
            group.sample_size(30);
            group.measurement_time(Duration::from_secs(5));
        }
        group.bench_with_input(
            BenchmarkId::new("deserialize", complaints),
            &stored,
            |b, stored| {
                b.iter(|| {
                    let mut count = 0;
                    for bytes in black_box(stored) {
                        let entries: Vec<Entry> =
                            serde_json::from_slice(bytes).expect("stored entries");
                        count += entries.len() as u64;
                    }
                    assert_eq!(count, entries);
                });
            },
        );
        group.bench_with_input(
            BenchmarkId::new("deserialize_keep", complaints),
            &stored,
            |b, stored| {
                b.iter(|| {
                    let kept: Vec<Vec<Entry>> = black_box(stored)
                        .iter()
                        .map(|bytes| serde_json::from_slice(bytes).expect("stored entries"))
                        .collect();
                    assert_eq!(kept.iter().map(Vec::len).sum::<usize>() as u64, entries);
                    kept
                });
            },
        );
        group.bench_with_input(
            BenchmarkId::new("load_and_compute", complaints),
            &stored,
            |b, stored| {
                b.iter(|| {
                    let records = load(black_box(stored));
                    let report = ClassificationReport::compute(&records, &november);
                    assert_eq!(report, expected);
                    records
                });
            },
        );
        group.bench_with_input(
            BenchmarkId::new("compute", complaints),
            &records,
            |b, records| {
                b.iter(|| {
                    let report = ClassificationReport::compute(black_box(records), &november);
                    assert_eq!(report, expected);
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
