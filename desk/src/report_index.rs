//! The desk's index for the report pages (S1, S2, S4) and the follow-up day
//! (F4, F7): a projection of the store's change feed into two tables,
//! caught up before each read, as [`open_complaints`](crate::open_complaints)
//! is for the queue. The store has no listing of complaints by time, and the
//! reports must not load every complaint the store holds.
//!
//! - `desk_report_times`: every instant that can place a complaint in a
//!   report's period: received (S1), handled and follow-up done (S2), each
//!   deadline's due time (S4). A complaint whose instants all lie outside a
//!   period is in none of that period's reports; the core's reports then
//!   pick, of the complaints listed, the ones that belong.
//! - `desk_follow_up_slots`: the follow-up each complaint still owes (F7;
//!   scheduled or attempted, not done), its owner and the slot of its next
//!   attempt.
//!
//! A complaint's rows are replaced whole, in one transaction, whenever the
//! feed shows it changed.

use chrono::{DateTime, Utc};
use complaint_workflow::{ComplaintId, ComplaintRecord};

use crate::database::{Database, on_pool};
use crate::projection;
use crate::startup::{AppState, DeskStore};

/// The change-feed subscriber name of the index.
pub const SUBSCRIBER: &str = "desk-report-index";

/// Brings the index up to the feed's end.
///
/// # Errors
///
/// When the store or the database fails (as text: the two error types differ).
pub async fn catch_up<S: DeskStore>(state: &AppState<S>) -> Result<(), String> {
    projection::catch_up(state, SUBSCRIBER, replace).await
}

/// The instants that can place `record` in a report's period, sorted, without repeats.
fn report_times(record: &ComplaintRecord) -> Vec<DateTime<Utc>> {
    let follow_up = record.follow_up();
    let mut times: Vec<DateTime<Utc>> = std::iter::once(record.received_at())
        .chain(record.handled_at())
        .chain(follow_up.and_then(|status| status.done_at()))
        .chain(record.deadlines().iter().map(|deadline| deadline.due()))
        .collect();
    times.sort_unstable();
    times.dedup();
    times
}

/// Replaces `record`'s rows in both tables.
async fn replace(database: &Database, record: &ComplaintRecord) -> Result<(), sqlx::Error> {
    let id = record.id().to_string();
    let times = report_times(record);
    let owed = record
        .follow_up()
        .filter(|status| !status.stage().is_done())
        .map(|status| status.slot().timestamp_micros());
    let owner = record.owner().map(ToString::to_string);
    on_pool!(database, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM desk_report_times WHERE complaint_id = $1")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        for at in &times {
            sqlx::query("INSERT INTO desk_report_times (complaint_id, at) VALUES ($1, $2)")
                .bind(&id)
                .bind(at.timestamp_micros())
                .execute(&mut *tx)
                .await?;
        }
        match owed {
            Some(slot) => {
                sqlx::query(
                    "INSERT INTO desk_follow_up_slots (complaint_id, owner, slot_at) \
                     VALUES ($1, $2, $3) \
                     ON CONFLICT (complaint_id) DO UPDATE SET owner = excluded.owner, \
                     slot_at = excluded.slot_at",
                )
                .bind(&id)
                .bind(&owner)
                .bind(slot)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM desk_follow_up_slots WHERE complaint_id = $1")
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
    });
    Ok(())
}

/// How many complaints have an instant from `start` (included) to `end`
/// (excluded).
///
/// # Errors
///
/// When the database fails.
pub async fn count_between(
    database: &Database,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let count: i64 = on_pool!(database, |pool| {
        sqlx::query_scalar(
            "SELECT COUNT(DISTINCT complaint_id) FROM desk_report_times \
             WHERE at >= $1 AND at < $2",
        )
        .bind(start.timestamp_micros())
        .bind(end.timestamp_micros())
        .fetch_one(pool)
        .await?
    });
    Ok(u64::try_from(count).unwrap_or(0))
}

/// The complaints with an instant from `start` (included) to `end`
/// (excluded), in id order, at most `limit`.
///
/// # Errors
///
/// When the database fails.
pub async fn between(
    database: &Database,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<ComplaintId>, sqlx::Error> {
    let ids: Vec<(String,)> = on_pool!(database, |pool| {
        sqlx::query_as(
            "SELECT DISTINCT complaint_id FROM desk_report_times WHERE at >= $1 AND at < $2 \
             ORDER BY complaint_id LIMIT $3",
        )
        .bind(start.timestamp_micros())
        .bind(end.timestamp_micros())
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await?
    });
    Ok(ids.iter().filter_map(|(id,)| id.parse().ok()).collect())
}

/// The complaints owned by `owner` that owe a follow-up whose slot lies
/// from `start` (included) to `end` (excluded), the earliest slot first, at
/// most `limit`.
///
/// # Errors
///
/// When the database fails.
pub async fn follow_ups_of(
    database: &Database,
    owner: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<ComplaintId>, sqlx::Error> {
    let ids: Vec<(String,)> = on_pool!(database, |pool| {
        sqlx::query_as(
            "SELECT complaint_id FROM desk_follow_up_slots WHERE owner = $1 AND slot_at >= $2 \
             AND slot_at < $3 ORDER BY slot_at, complaint_id LIMIT $4",
        )
        .bind(owner)
        .bind(start.timestamp_micros())
        .bind(end.timestamp_micros())
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await?
    });
    Ok(ids.iter().filter_map(|(id,)| id.parse().ok()).collect())
}
