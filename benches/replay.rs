//! P2: loading a stored history — `serde_json::from_slice::<Vec<Entry>>`
//! then `ComplaintRecord::replay` with every check on — against the
//! deserialization alone, of the same JSON bytes, at 10 to 100,000 entries
//! (10 and 100 in test mode). The histories are long ones: mostly notes and
//! contacts between the stage changes (accepted … reviewed), decoded from
//! seeded bytes. `replay_only` measures `replay` on entries deserialized
//! beforehand; `verify_chain` the hash chain's check alone (A1: the
//! SHA-256 of every part, commitment and entry, which replay includes) on
//! the same entries, so that its time over `n` is the hashing cost per
//! entry.

mod common;

use std::hint::black_box;
use std::time::Duration;

use complaint_workflow::{ComplaintRecord, Policy, StageKind, audit::verify_chain, record::Entry};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use common::{Bytes, SplitMix64, bench_mode, long_walk};

fn sizes() -> Vec<usize> {
    if bench_mode() {
        vec![10, 100, 1_000, 10_000, 100_000]
    } else {
        vec![10, 100]
    }
}

fn replay(c: &mut Criterion) {
    let policy = Policy::default();
    let seed = SplitMix64::new(0x5EED_0003).bytes(4096);
    let mut group = c.benchmark_group("p2_replay");
    for n in sizes() {
        let walk = long_walk(&mut Bytes::new(&seed), n);
        let record = walk.record(&policy);
        assert_eq!(record.version(), n as u64);
        let json = serde_json::to_vec(record.entries()).expect("entries serialize");
        eprintln!(
            "P2: {n} entries, {} bytes of JSON ({} bytes/entry)",
            json.len(),
            json.len() / n
        );
        group.throughput(Throughput::Elements(n as u64));
        if n >= 10_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(8));
        } else {
            group.sample_size(50);
            group.measurement_time(Duration::from_secs(4));
        }
        group.bench_with_input(BenchmarkId::new("deserialize", n), &json, |b, json| {
            b.iter(|| {
                let entries: Vec<Entry> = serde_json::from_slice(black_box(json)).unwrap();
                assert_eq!(entries.len(), n);
                entries
            });
        });
        group.bench_with_input(
            BenchmarkId::new("deserialize_replay", n),
            &json,
            |b, json| {
                b.iter(|| {
                    let entries: Vec<Entry> = serde_json::from_slice(black_box(json)).unwrap();
                    let record = ComplaintRecord::replay(entries).expect("a valid history");
                    assert_eq!(
                        (record.version(), record.stage()),
                        (n as u64, StageKind::Reviewed)
                    );
                    record
                });
            },
        );
        let entries: Vec<Entry> = serde_json::from_slice(&json).unwrap();
        group.bench_with_input(
            BenchmarkId::new("replay_only", n),
            &entries,
            |b, entries| {
                b.iter_batched(
                    || entries.clone(),
                    |entries| {
                        let record = ComplaintRecord::replay(entries).expect("a valid history");
                        assert_eq!(record.version(), n as u64);
                        record
                    },
                    BatchSize::LargeInput,
                );
            },
        );
        group.bench_with_input(
            BenchmarkId::new("verify_chain", n),
            &entries,
            |b, entries| {
                b.iter(|| {
                    let head =
                        verify_chain(record.id(), black_box(entries)).expect("a valid chain");
                    assert_eq!(head.hash, record.head_hash());
                    head
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, replay);
criterion_main!(benches);
