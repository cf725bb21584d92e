//! What the test binaries share: times, contexts, events, fresh files and
//! row counts.

// Each test binary uses a part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::event::{Accept, AddNote, Contact, ContactMethod};
use complaint_workflow::store::Complaints;
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintId, ComplaintRecord, Context, Event, Policy,
    Severity,
};
use complaint_workflow_sqlite::SqliteStore;

pub static POLICY: LazyLock<Policy> = LazyLock::new(Policy::default);

/// `hours` after 2026-11-23 09:00 UTC.
pub fn t(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap() + Duration::hours(hours)
}

/// An agent acting at `now` under the default policy.
pub fn agent(now: DateTime<Utc>) -> Context<'static> {
    Context::new(Actor::agent("agent-1"), now, &POLICY)
}

pub fn accept_event(customer: &str) -> Accept {
    Accept {
        complainant: Complainant::new(customer),
        received_at: t(0),
        channel: Channel::Email,
        content: "The parcel arrived broken".into(),
        category: Category::new("delivery"),
        severity: Severity::Low,
    }
}

pub fn accept(customer: &str) -> ComplaintRecord {
    ComplaintRecord::accept(accept_event(customer), &agent(t(0))).unwrap()
}

pub fn note(text: &str) -> Event {
    Event::from(AddNote { text: text.into() })
}

/// T3: a contact that promises a callback at `due`.
pub fn callback(due: DateTime<Utc>) -> Event {
    Event::from(Contact {
        method: ContactMethod::Phone,
        summary: "Promised to call back".into(),
        callback_due: Some(due),
    })
}

/// A database file under the tests' temporary folder, without one left from
/// an earlier run.
pub fn fresh_db(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sqlite-store");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

/// A migrated store on a fresh file.
pub async fn fresh_store(name: &str) -> (SqliteStore, PathBuf) {
    let path = fresh_db(name);
    let store = SqliteStore::open(&path).await.unwrap();
    store.migrate().await.unwrap();
    (store, path)
}

/// `count` accepted complaints, stored through the driver.
pub async fn create_complaints(store: &SqliteStore, count: usize) -> Vec<ComplaintId> {
    let complaints = Complaints::new(store.clone());
    let mut ids = Vec::new();
    for i in 0..count {
        let applied = complaints
            .create(accept_event(&format!("customer-{i}")), None, &agent(t(0)))
            .await
            .unwrap();
        ids.push(applied.complaint_id);
    }
    ids
}

pub async fn entry_rows(store: &SqliteStore) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM entries")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

pub async fn complaints_row(store: &SqliteStore, id: ComplaintId) -> (String, i64, Option<i64>) {
    sqlx::query_as("SELECT stage, version, next_due_at FROM complaints WHERE id = ?1")
        .bind(id.to_string())
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// The version the `complaints` row holds.
pub async fn stored_version(store: &SqliteStore, id: ComplaintId) -> Option<u64> {
    let version: Option<i64> = sqlx::query_scalar("SELECT version FROM complaints WHERE id = ?1")
        .bind(id.to_string())
        .fetch_optional(store.pool())
        .await
        .unwrap();
    version.map(|v| u64::try_from(v).unwrap())
}

/// Inserts entry rows as the store writes them, inside a transaction of the
/// caller's (for the tests that fail or die before a commit).
pub async fn insert_entry_rows(
    tx: &mut sqlx::SqliteConnection,
    entries: &[complaint_workflow::record::Entry],
) {
    for entry in entries {
        sqlx::query(
            "INSERT INTO entries
             (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)",
        )
        .bind(entry.complaint_id().to_string())
        .bind(i64::try_from(entry.sequence()).unwrap())
        .bind(entry.id().to_string())
        .bind(entry.at().timestamp_micros())
        .bind(entry.actor().id.as_str())
        .bind(entry.event().kind().name())
        .bind(i64::from(entry.schema()))
        .bind(serde_json::to_string(entry).unwrap())
        .execute(&mut *tx)
        .await
        .unwrap();
    }
}

/// A store on one connection to `path` with a tiny page cache: a long
/// transaction spills its pages into the write-ahead log before it commits.
pub async fn spilling_store(path: &Path) -> SqliteStore {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
        .pragma("cache_size", "2");
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap();
    SqliteStore::from_pool(pool)
}
