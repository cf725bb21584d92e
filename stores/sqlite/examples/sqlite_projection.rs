//! A read model kept in step with the change feed: a `complaint_summary`
//! table (stage, number of entries, last event) in the same SQLite database,
//! written by a subscriber whose handler is idempotent by entry id. Run it
//! with `cargo run --example sqlite_projection`.

use std::error::Error;

use chrono::{TimeZone, Utc};
use complaint_workflow::event::{Accept, AddNote, Uphold};
use complaint_workflow::store::{Complaints, FeedEntry};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Department, Policy, Severity,
};
use complaint_workflow_sqlite::{HandlerError, SqliteStore, Subscriber};
use sqlx::SqlitePool;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    let store = SqliteStore::in_memory().await?;
    // The application's own table, beside the store's.
    sqlx::query(
        "CREATE TABLE complaint_summary (
             complaint_id TEXT PRIMARY KEY,
             entries      INTEGER NOT NULL,
             last_event   TEXT NOT NULL,
             last_entry   TEXT NOT NULL
         )",
    )
    .execute(store.pool())
    .await?;

    let complaints = Complaints::new(store.clone());
    let policy = Policy::default();
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .ok_or("time")?;
    let ctx = Context::new(Actor::agent("agent-7"), now, &policy);
    let mut ids = Vec::new();
    for customer in ["customer-1", "customer-2"] {
        let accept = Accept {
            complainant: Complainant::new(customer),
            received_at: now,
            channel: Channel::Email,
            content: "The parcel arrived broken".into(),
            category: Category::new("delivery"),
            severity: Severity::Low,
        };
        ids.push(complaints.create(accept, None, &ctx).await?.complaint_id);
    }
    let first = *ids.first().ok_or("no complaint")?;
    let uphold = Uphold {
        responsible_department: Department::new("logistics"),
        investigation_due: now + chrono::Duration::days(2),
    };
    complaints.apply(first, uphold, &ctx).await?;
    complaints
        .apply(
            first,
            AddNote {
                text: "Photos received".into(),
            },
            &ctx,
        )
        .await?;

    let subscriber = Subscriber::new(store.clone(), "complaint_summary");
    let pool = store.pool().clone();
    let delivered = subscriber
        .run_once(|entry| project(pool.clone(), entry))
        .await?;
    println!("delivered {delivered} entries");
    // A second run finds nothing new: the checkpoint is in the database.
    let again = subscriber
        .run_once(|entry| project(pool.clone(), entry))
        .await?;
    println!("delivered {again} entries on the second run");

    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT complaint_id, entries, last_event FROM complaint_summary ORDER BY complaint_id",
    )
    .fetch_all(store.pool())
    .await?;
    for (id, entries, last) in &rows {
        println!("{id}: {entries} entries, last {last}");
    }
    // The read model agrees with the histories.
    for &id in &ids {
        let record: ComplaintRecord = complaints.load(id).await?;
        let row = rows.iter().find(|(row_id, ..)| *row_id == id.to_string());
        let entries = row.map(|(_, entries, _)| *entries);
        if entries != i64::try_from(record.version()).ok() {
            return Err(format!("{id}: the summary lags its history").into());
        }
    }
    println!("every summary row agrees with its history");
    Ok(())
}

/// Folds one entry into `complaint_summary`. Idempotent by entry id: an
/// entry delivered again (after a crash before the checkpoint) changes
/// nothing, as the row remembers the last entry it counted.
async fn project(pool: SqlitePool, feed: FeedEntry) -> Result<(), HandlerError> {
    let entry = &feed.entry;
    let id = entry.complaint_id().to_string();
    let entry_id = entry.id().to_string();
    let sequence = i64::try_from(entry.sequence())?;
    sqlx::query(
        "INSERT INTO complaint_summary (complaint_id, entries, last_event, last_entry)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (complaint_id) DO UPDATE
         SET entries = excluded.entries, last_event = excluded.last_event,
             last_entry = excluded.last_entry
         WHERE complaint_summary.entries < excluded.entries",
    )
    .bind(id)
    .bind(sequence)
    .bind(entry.event().kind().name())
    .bind(entry_id)
    .execute(&pool)
    .await?;
    Ok(())
}
