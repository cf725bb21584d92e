//! Migrations, and the tables' own guards.

use complaint_workflow::store::{Complaints, StoreError};
use complaint_workflow_postgres::Error;

use crate::support::{agent, count, create_complaints, fresh, note, t};

/// Migrating again changes nothing; a database migrated by a newer version
/// of the crate is refused with `Error::NewerSchema` and not written to.
#[tokio::test]
async fn a_newer_schema_is_refused_and_not_written_to() {
    let Some(store) = fresh("a_newer_schema_is_refused_and_not_written_to", 2).await else {
        return;
    };
    store.migrate().await.unwrap();
    let tables = "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()";
    let before = count(&store, tables).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (20990101000000, 'from a newer crate', true, '\\x00', 0)",
    )
    .execute(store.pool())
    .await
    .unwrap();
    let error = store.migrate().await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::NewerSchema {
                found: 20_990_101_000_000,
                known: 1
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("upgrade"), "{error}");
    assert_eq!(count(&store, tables).await, before);
    assert_eq!(
        count(&store, "SELECT count(*) FROM _sqlx_migrations").await,
        2
    );
}

/// R7: the stored entries cannot be changed or deleted, only appended to.
#[tokio::test]
async fn r7_entries_are_append_only() {
    let Some(store) = fresh("r7_entries_are_append_only", 2).await else {
        return;
    };
    let id = create_complaints(&store, 1).await[0];
    for sql in ["UPDATE entries SET body = '{}'", "DELETE FROM entries"] {
        let error = sqlx::query(sql).execute(store.pool()).await.unwrap_err();
        assert!(error.to_string().contains("append-only"), "{error}");
    }
    assert_eq!(count(&store, "SELECT count(*) FROM entries").await, 1);
    // A complaint that is not stored is not found, and appends go on.
    let complaints = Complaints::new(store.clone());
    let missing = complaint_workflow::ComplaintId::MIN;
    assert!(matches!(
        complaints.load(missing).await,
        Err(StoreError::NotFound(found)) if found == missing
    ));
    complaints
        .apply(id, note("still appending"), &agent(t(1)))
        .await
        .unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM entries").await, 2);
}
