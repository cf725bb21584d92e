//! The desk's own tables (`complaint_desk::database`): their migrations
//! refuse a ledger they do not know, and the queue's index never puts an
//! older state of a complaint over a newer one.

use axum::http::{Method, StatusCode, header};
use complaint_desk::database::{self, MigrateError};

use super::support::{Desk, PASSWORD};

/// A desk migration the desk does not know (a newer desk's) is refused, and
/// so is an applied one whose text changed; migrating again otherwise
/// changes nothing.
#[tokio::test]
async fn the_desks_migrations_refuse_a_newer_or_changed_ledger() {
    let desk = Desk::start().await;
    database::migrate(&desk.pool).await.unwrap();
    let applied: i64 = sqlx::query_scalar("SELECT count(*) FROM desk_migrations")
        .fetch_one(&desk.pool)
        .await
        .unwrap();
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .unwrap()
        .filter(|file| {
            file.as_ref()
                .is_ok_and(|file| file.path().extension().is_some_and(|ext| ext == "sql"))
        })
        .count();
    assert_eq!(usize::try_from(applied).unwrap(), files);

    sqlx::query("UPDATE desk_migrations SET checksum = x'00' WHERE version = 20261201000001")
        .execute(&desk.pool)
        .await
        .unwrap();
    let changed = database::migrate(&desk.pool).await.unwrap_err();
    assert!(
        matches!(
            changed,
            MigrateError::Changed {
                version: 20261201000001
            }
        ),
        "{changed}"
    );
    sqlx::query("DELETE FROM desk_migrations WHERE version = 20261201000001")
        .execute(&desk.pool)
        .await
        .unwrap();

    sqlx::query(
        "INSERT INTO desk_migrations (version, description, checksum, applied_at) \
         VALUES (29991231000001, 'from a newer desk', x'00', 0)",
    )
    .execute(&desk.pool)
    .await
    .unwrap();
    let newer = database::migrate(&desk.pool).await.unwrap_err();
    assert!(
        matches!(
            newer,
            MigrateError::NewerDesk {
                version: 29991231000001,
                ..
            }
        ),
        "{newer}"
    );
    assert!(newer.to_string().contains("newer desk"), "{newer}");
}

/// Two desk processes catch up on one feed side by side: a row written
/// from a later version of a complaint is not overwritten by one from an
/// earlier version (here the row says version 99 and another owner; the
/// queue's catch-up, reading the complaint at version 1, leaves it).
#[tokio::test]
async fn the_queues_index_keeps_the_newer_row_of_a_complaint() {
    let desk = Desk::start().await;
    let id = desk.complaint(&desk.agent).await;
    sqlx::query(
        "INSERT INTO desk_open_complaints (complaint_id, owner, next_due_at, open, version) \
         VALUES ($1, 'agent-9', NULL, 1, 99)",
    )
    .bind(&id)
    .execute(&desk.pool)
    .await
    .unwrap();
    let other = desk.complaint(&desk.agent).await;

    let signed_in = desk.sign_in("agent-7", PASSWORD, None).await;
    let cookie = signed_in
        .header(header::SET_COOKIE)
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_owned();
    let queue = desk
        .send(
            desk.request(Method::GET, "/queue")
                .header(header::COOKIE, cookie),
            None,
        )
        .await;
    assert_eq!(queue.status, StatusCode::OK);
    let page = queue.body.as_str().unwrap();
    assert!(page.contains(&format!("/complaints/{other}")), "caught up");
    assert!(
        !page.contains(&format!("/complaints/{id}")),
        "the newer row stands"
    );
    let (owner, version): (String, i64) =
        sqlx::query_as("SELECT owner, version FROM desk_open_complaints WHERE complaint_id = $1")
            .bind(&id)
            .fetch_one(&desk.pool)
            .await
            .unwrap();
    assert_eq!((owner.as_str(), version), ("agent-9", 99));
    let caught: i64 =
        sqlx::query_scalar("SELECT version FROM desk_open_complaints WHERE complaint_id = $1")
            .bind(&other)
            .fetch_one(&desk.pool)
            .await
            .unwrap();
    assert_eq!(caught, 1);
}
