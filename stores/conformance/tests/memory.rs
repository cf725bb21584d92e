//! The suite on the core's in-memory reference store: the reference must
//! pass its own conformance suite.

use std::time::Instant;

use complaint_workflow::store::MemoryStore;
use complaint_workflow_conformance::{Harness, Report, Scale, run_all};

/// A fresh `MemoryStore` for each case.
struct Memory;

impl Harness for Memory {
    type Store = MemoryStore;

    async fn fresh(&self) -> MemoryStore {
        MemoryStore::new()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_memory_store_conforms_at_full_scale() {
    let started = Instant::now();
    let report = run_all(&Memory, Scale::FULL).await;
    println!(
        "memory store, Scale::FULL: {report} in {:.1?}",
        started.elapsed()
    );
    assert_eq!(report.cases, 8);
    assert!(report.conflicts >= 10_000, "{report}");
    assert_eq!((report.lost, report.duplicated), (0, 0), "{report}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_memory_store_conforms_at_quick_scale() {
    let report = run_all(&Memory, Scale::QUICK).await;
    assert!(report.conflicts >= Scale::QUICK.conflicts, "{report}");
    assert_eq!(
        report,
        Report {
            cases: 8,
            conflicts: report.conflicts,
            lost: 0,
            duplicated: 0
        }
    );
}
