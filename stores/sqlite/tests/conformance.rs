//! The store conformance suite on SQLite: every case on a fresh, migrated
//! file, at full scale (10,000 conflicts in all).

use std::sync::atomic::{AtomicUsize, Ordering};

use complaint_workflow::ComplaintId;
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

    /// A3: the rows as an older crate wrote them, past the trigger of
    /// migration 0006 (dropped for the rewrite, then made again from the
    /// migration's own text), in one transaction.
    async fn store_as_schema_1(&self, store: &SqliteStore, id: ComplaintId) -> bool {
        let trigger = include_str!("../migrations/0006_entry_write_back.sql")
            .replace("DROP TRIGGER entries_no_update;", "");
        let mut tx = store.pool().begin().await.unwrap();
        sqlx::query("DROP TRIGGER entries_no_update")
            .execute(&mut *tx)
            .await
            .unwrap();
        sqlx::query(
            "UPDATE entries SET schema = 1, body = json_remove(json_set(body, '$.schema', 1), '$.seal')
             WHERE complaint_id = ?1",
        )
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(&trigger).execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
        true
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
