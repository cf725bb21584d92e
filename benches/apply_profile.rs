//! P1b under a profiler: the dispatch bench's walks (1,000 complaints,
//! the same seed) applied once through `ComplaintRecord::accept` and
//! `apply`, with no timing: what callgrind counts instructions of.
//!
//! The walks and their contexts are made first; [`apply_all`] does only
//! what `p1b_apply/record_apply` times, so that a profile restricted to it
//! gives instructions per event:
//!
//! ```sh
//! cargo bench --bench apply_profile --no-run
//! valgrind --tool=callgrind --toggle-collect='apply_profile::apply_all' \
//!     --callgrind-out-file=cg.out target/release/deps/apply_profile-<hash> --bench
//! callgrind_annotate --inclusive=yes cg.out | head -60
//! ```
//!
//! Without `--bench` (`cargo test --benches`) it walks 10 complaints.

mod common;

use std::hint::black_box;

use complaint_workflow::{ComplaintRecord, Policy};

use common::{Bytes, Prepared, SplitMix64, Walk, decode_walk, sized};

/// Applies every walk: the profiled part.
#[inline(never)]
fn apply_all(walks: Vec<Prepared<'_>>) -> Vec<ComplaintRecord> {
    walks.into_iter().map(Prepared::apply).collect()
}

fn main() {
    let policy = Policy::default();
    let complaints = sized(1_000, 10);
    let bytes = SplitMix64::new(0x5EED_0002).bytes(64 * 1024);
    let mut reader = Bytes::new(&bytes);
    let walks: Vec<Walk> = (0..complaints)
        .map(|i| {
            let start = common::epoch()
                + chrono::Duration::days((i % 25) as i64)
                + chrono::Duration::minutes(9 * 60 + reader.below(180) as i64);
            decode_walk(&mut reader, start, 3)
        })
        .collect();
    let calls: u64 = walks.iter().map(|walk| 1 + walk.steps.len() as u64).sum();
    let prepared: Vec<Prepared<'_>> = walks.iter().map(|walk| walk.prepared(&policy)).collect();
    let records = apply_all(black_box(prepared));
    let entries: u64 = records.iter().map(ComplaintRecord::version).sum();
    let expected: u64 = walks
        .iter()
        .map(|walk| walk.record(&policy).version())
        .sum();
    assert_eq!(entries, expected);
    println!("P1b profile: {complaints} complaints, {calls} events applied, {entries} entries");
}
