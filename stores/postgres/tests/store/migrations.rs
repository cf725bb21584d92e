//! Migrations, and the tables' own guards.

use complaint_workflow::store::{ChangeFeed, Complaints, StoreError};
use complaint_workflow_postgres::Error;

use crate::support::{POLICY, accept, agent, count, create_complaints, fresh, note, t, unmigrated};

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
    // The migrations the crate ships: the numbered files of `migrations/`.
    let shipped: Vec<i64> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .filter_map(|file| {
            let name = file.unwrap().file_name().into_string().unwrap();
            name.split('_')
                .next()
                .and_then(|number| number.parse().ok())
        })
        .collect();
    let known = shipped.iter().copied().max().unwrap();
    assert!(
        matches!(
            error,
            Error::NewerSchema {
                found: 20_990_101_000_000,
                known: k
            } if k == known
        ),
        "{error}"
    );
    assert!(error.to_string().contains("upgrade"), "{error}");
    assert_eq!(count(&store, tables).await, before);
    assert_eq!(
        count(&store, "SELECT count(*) FROM _sqlx_migrations").await,
        i64::try_from(shipped.len()).unwrap() + 1
    );
}

/// R7: the stored entries cannot be deleted, and nothing of them but the
/// body and its schema changes (A2, A3: written back; the schema never
/// goes down).
#[tokio::test]
async fn r7_entries_are_append_only() {
    let Some(store) = fresh("r7_entries_are_append_only", 2).await else {
        return;
    };
    let id = create_complaints(&store, 1).await[0];
    for sql in [
        "UPDATE entries SET sequence = sequence + 1",
        "UPDATE entries SET event_id = gen_random_uuid()",
        "UPDATE entries SET at = at + interval '1 second'",
        "UPDATE entries SET actor_id = 'another'",
        "UPDATE entries SET event_type = 'add_note'",
        "UPDATE entries SET command_id = 'another'",
        "UPDATE entries SET schema = 1",
        "DELETE FROM entries",
    ] {
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

/// A database the first migration made, with entries an earlier version of
/// the crate wrote at feed positions 1 and 2 (taken from `feed_head`),
/// upgrades: the entries keep their positions, later appends follow them in
/// the feed without a hole, and a sequenced position cannot be changed (R7).
#[tokio::test]
async fn r7_a_database_of_the_first_migration_upgrades_with_its_feed_intact() {
    let test = "r7_a_database_of_the_first_migration_upgrades_with_its_feed_intact";
    let Some(store) = unmigrated(test, 2).await else {
        return;
    };
    // The first migration alone, as the earlier version of the crate ran it.
    let folder = std::env::temp_dir().join(format!("{test}-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let first = "0001_complaint_tables.sql";
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(first),
        folder.join(first),
    )
    .unwrap();
    let migrator = sqlx::migrate::Migrator::new(folder.as_path())
        .await
        .unwrap();
    migrator.run(store.pool()).await.unwrap();
    std::fs::remove_dir_all(&folder).unwrap();

    // What the earlier version wrote: an intake and a note, positions 1 and 2.
    let mut record = accept("customer-1", &POLICY);
    record
        .apply(note("before the upgrade"), &agent(t(1)))
        .unwrap();
    sqlx::query(
        "INSERT INTO complaints (id, stage, version, complainant_id) VALUES ($1, $2, 2, 'customer-1')",
    )
    .bind(uuid::Uuid::from(record.id()))
    .bind(record.stage().name())
    .execute(store.pool())
    .await
    .unwrap();
    for entry in record.entries() {
        sqlx::query(
            "INSERT INTO entries (complaint_id, sequence, position, event_id, at, actor_id,
                                  event_type, schema, body)
             VALUES ($1, $2, $2, $3, $4, 'agent-1', $5, 1, $6::jsonb)",
        )
        .bind(uuid::Uuid::from(record.id()))
        .bind(i64::try_from(entry.sequence()).unwrap())
        .bind(uuid::Uuid::from(entry.id()))
        .bind(entry.at())
        .bind(entry.event().kind().name())
        .bind(serde_json::to_string(entry).unwrap())
        .execute(store.pool())
        .await
        .unwrap();
    }
    sqlx::query("UPDATE feed_head SET position = 2")
        .execute(store.pool())
        .await
        .unwrap();

    store.migrate().await.unwrap();
    let complaints = Complaints::new(store.clone());
    complaints
        .apply(record.id(), note("after the upgrade"), &agent(t(2)))
        .await
        .unwrap();
    let feed = store.entries_after(0, 10).await.unwrap();
    let read: Vec<(u64, u64)> = feed
        .iter()
        .map(|e| (e.position, e.entry.sequence()))
        .collect();
    assert_eq!(read, [(1, 1), (2, 2), (3, 3)]);
    assert_eq!(complaints.load(record.id()).await.unwrap().version(), 3);
    let error = sqlx::query("UPDATE entries SET position = position + 100 WHERE position = 3")
        .execute(store.pool())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("append-only"), "{error}");
    assert_eq!(count(&store, "SELECT max(position) FROM entries").await, 3);
}
