//! The desk's index of open complaints by owner, for the owner's queue
//! (T4, E3, E5: who owns a complaint changes with assignments, escalations
//! and handovers): a projection of the store's change feed into the table
//! `desk_open_complaints`, caught up before it is read. The store's own due
//! index cannot serve the queue: a complaint with no deadline running (the
//! default policy opens none at intake) is not in it.

use chrono::{DateTime, Utc};
use complaint_workflow::{ComplaintId, ComplaintRecord, StageKind};

use crate::database::{Database, on_pool};
use crate::projection;
use crate::startup::{AppState, DeskStore};

/// The change-feed subscriber name of the index.
pub const SUBSCRIBER: &str = "desk-open-complaints";

/// Brings the index up to the feed's end.
///
/// # Errors
///
/// When the store or the database fails (as text: the two error types differ).
pub async fn catch_up<S: DeskStore>(state: &AppState<S>) -> Result<(), String> {
    projection::catch_up(state, SUBSCRIBER, upsert).await
}

/// Writes the row of `record`, unless the row holds a later version of it
/// already: desk processes catching up on one feed side by side (each from
/// the shared checkpoint) never put an older state over a newer one.
async fn upsert(database: &Database, record: &ComplaintRecord) -> Result<(), sqlx::Error> {
    let next_due = record.next_deadline().map(|d| d.due().timestamp());
    let version = i64::try_from(record.version()).unwrap_or(i64::MAX);
    on_pool!(database, |pool| {
        sqlx::query(
            "INSERT INTO desk_open_complaints (complaint_id, owner, next_due_at, open, version) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (complaint_id) DO UPDATE SET owner = excluded.owner, \
             next_due_at = excluded.next_due_at, open = excluded.open, \
             version = excluded.version \
             WHERE desk_open_complaints.version < excluded.version",
        )
        .bind(record.id().to_string())
        .bind(record.owner().map(ToString::to_string))
        .bind(next_due)
        .bind(record.stage() != StageKind::Closed)
        .bind(version)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// The open complaints `owner` owns, the next due first (those with no
/// deadline running last), at most `limit`.
///
/// # Errors
///
/// When the database fails.
pub async fn owned_by(
    database: impl Into<Database>,
    owner: &str,
    limit: usize,
) -> Result<Vec<(ComplaintId, Option<DateTime<Utc>>)>, sqlx::Error> {
    let database = database.into();
    let rows: Vec<(String, Option<i64>)> = on_pool!(&database, |pool| {
        sqlx::query_as(
            "SELECT complaint_id, next_due_at FROM desk_open_complaints \
             WHERE owner = $1 AND open \
             ORDER BY next_due_at IS NULL, next_due_at, complaint_id LIMIT $2",
        )
        .bind(owner)
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .filter_map(|(id, due)| {
            let id = id.parse().ok()?;
            let due = due.and_then(|s| DateTime::from_timestamp(s, 0));
            Some((id, due))
        })
        .collect())
}
