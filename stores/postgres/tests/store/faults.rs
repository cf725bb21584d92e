//! Faults: a connection terminated in the middle of a write, a damaged
//! stored history.

use std::time::{Duration, Instant};

use complaint_workflow::store::{Complaints, StoreError};
use complaint_workflow_postgres::Error;
use sqlx::{Connection, Executor};

use crate::support::{agent, connection, count, create_complaints, fresh, note, row_version, t};

/// R7: a writer's connection terminated (`pg_terminate_backend`) in the
/// middle of its append, with the `complaints` row updated but nothing
/// committed, leaves nothing partial; the same command through the driver
/// again succeeds on a new connection, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r7_connection_terminated_mid_transaction_leaves_nothing_partial() {
    let Some(store) = fresh(
        "r7_connection_terminated_mid_transaction_leaves_nothing_partial",
        1,
    )
    .await
    else {
        return;
    };
    let complaints = Complaints::new(store.clone());
    let id = create_complaints(&store, 1).await[0];
    // The pool's one connection: the writer's.
    let writer: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let entries = count(&store, "SELECT count(*) FROM entries").await;

    // The fault: another transaction holds an uncommitted entry 2 of the
    // complaint, so the writer stops at its entry insert (waiting to learn
    // whether the key is taken), after its row update.
    let mut blocker = connection(&store).await;
    blocker.execute("BEGIN").await.unwrap();
    sqlx::query(
        "INSERT INTO entries (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body)
         VALUES ($1, 2, gen_random_uuid(), now(), 'blocker', 'add_note', 1, '{}')",
    )
    .bind(uuid::Uuid::from(id))
    .execute(&mut blocker)
    .await
    .unwrap();
    let ctx = agent(t(1)).with_command("request-cut");
    let write = {
        let (complaints, ctx) = (complaints.clone(), ctx.clone());
        tokio::spawn(async move { complaints.apply(id, note("cut off"), &ctx).await })
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let waiting: Option<String> =
            sqlx::query_scalar("SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1")
                .bind(writer)
                .fetch_one(&mut blocker)
                .await
                .unwrap();
        if waiting.as_deref() == Some("Lock") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the writer never reached its entry insert"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The writer holds the row it updated (the blocker's foreign-key check
    // holds only a key-share lock, which this one does not wait for).
    let mut observer = connection(&store).await;
    let locked = sqlx::query("SELECT 1 FROM complaints WHERE id = $1 FOR NO KEY UPDATE NOWAIT")
        .bind(uuid::Uuid::from(id))
        .execute(&mut observer)
        .await
        .unwrap_err();
    assert_eq!(
        locked.as_database_error().and_then(|e| e.code()).as_deref(),
        Some("55P03"),
        "{locked}"
    );
    observer.close().await.unwrap();
    let terminated: bool = sqlx::query_scalar("SELECT pg_terminate_backend($1)")
        .bind(writer)
        .fetch_one(&mut blocker)
        .await
        .unwrap();
    assert!(terminated);
    blocker.execute("ROLLBACK").await.unwrap();
    blocker.close().await.unwrap();
    let error = write.await.unwrap().unwrap_err();
    assert!(
        matches!(error, StoreError::Store(Error::Database(_))),
        "{error}"
    );

    // Nothing partial: the row, the entries, the command.
    assert_eq!(row_version(&store, id).await, Some(1));
    assert_eq!(count(&store, "SELECT count(*) FROM entries").await, entries);
    assert_eq!(count(&store, "SELECT count(*) FROM commands").await, 0);
    assert_eq!(complaints.load(id).await.unwrap().version(), 1);

    // The retried command goes through, on a new connection, once.
    let applied = complaints.apply(id, note("cut off"), &ctx).await.unwrap();
    assert!(!applied.repeated);
    let now: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_ne!(now, writer, "the terminated connection was used again");
    let again = complaints.apply(id, note("cut off"), &ctx).await.unwrap();
    assert!(again.repeated);
    assert_eq!(again.entries, applied.entries);
    assert_eq!(complaints.load(id).await.unwrap().version(), 2);
    assert_eq!(
        count(&store, "SELECT count(*) FROM entries").await,
        entries + 1
    );
}

/// A stored history that does not replay is `StoreError::Replay` naming the
/// complaint and the entry, and is never written to; a body that is not an
/// entry at all is `Error::Decode` naming complaint and sequence.
#[tokio::test]
async fn a_damaged_history_is_a_replay_error_and_never_written_to() {
    let Some(store) = fresh(
        "a_damaged_history_is_a_replay_error_and_never_written_to",
        2,
    )
    .await
    else {
        return;
    };
    let complaints = Complaints::new(store.clone());
    let id = create_complaints(&store, 1).await[0];
    for text in ["first", "second"] {
        complaints
            .apply(id, note(text), &agent(t(1)))
            .await
            .unwrap();
    }
    // The damage, past the append-only trigger: entry 2 claims to be entry 7.
    let mut conn = connection(&store).await;
    conn.execute("SET session_replication_role = replica")
        .await
        .unwrap();
    sqlx::query(
        "UPDATE entries SET body = jsonb_set(body, '{sequence}', '7')
         WHERE complaint_id = $1 AND sequence = 2",
    )
    .bind(uuid::Uuid::from(id))
    .execute(&mut conn)
    .await
    .unwrap();
    let entries = count(&store, "SELECT count(*) FROM entries").await;

    let error = complaints.load(id).await.unwrap_err();
    assert!(
        matches!(&error, StoreError::Replay { complaint, .. } if *complaint == id),
        "{error}"
    );
    assert!(error.to_string().contains(&id.to_string()), "{error}");
    let error = complaints
        .apply(id, note("third"), &agent(t(2)).with_command("c-3"))
        .await
        .unwrap_err();
    assert!(matches!(error, StoreError::Replay { .. }), "{error}");
    assert_eq!(count(&store, "SELECT count(*) FROM entries").await, entries);
    assert_eq!(row_version(&store, id).await, Some(3));
    assert_eq!(count(&store, "SELECT count(*) FROM commands").await, 0);

    // A body that is no entry at all.
    sqlx::query(
        "UPDATE entries SET body = '{\"not\": \"an entry\"}'
         WHERE complaint_id = $1 AND sequence = 3",
    )
    .bind(uuid::Uuid::from(id))
    .execute(&mut conn)
    .await
    .unwrap();
    let error = complaints.load(id).await.unwrap_err();
    assert!(
        matches!(
            &error,
            StoreError::Store(Error::Decode { complaint, sequence: 3, .. }) if *complaint == id
        ),
        "{error}"
    );
    assert_eq!(count(&store, "SELECT count(*) FROM entries").await, entries);
}
