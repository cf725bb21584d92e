//! The store conformance suite on SQLite: every case on a fresh, migrated
//! file, at full scale (10,000 conflicts in all).

use std::sync::atomic::{AtomicUsize, Ordering};

use complaint_workflow_conformance::{Harness, Scale, run_all};
use complaint_workflow_sqlite::SqliteStore;

/// A fresh file per case under the tests' temporary folder.
struct Sqlite {
    cases: AtomicUsize,
}

impl Harness for Sqlite {
    type Store = SqliteStore;

    async fn fresh(&self) -> SqliteStore {
        let n = self.cases.fetch_add(1, Ordering::SeqCst);
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("sqlite-conformance");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("case-{n}.db"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let store = SqliteStore::open(&path).await.unwrap();
        store.migrate().await.unwrap();
        store
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_store_conforms() {
    let report = run_all(
        &Sqlite {
            cases: AtomicUsize::new(0),
        },
        Scale::FULL,
    )
    .await;
    println!("conformance on sqlite: {report:?}");
    assert_eq!((report.lost, report.duplicated), (0, 0));
    assert!(report.conflicts >= Scale::FULL.conflicts);
}
