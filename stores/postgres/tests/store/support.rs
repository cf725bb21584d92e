//! What the tests share: a fresh migrated store per test, and the complaints
//! and events they write.

use std::io::Write;
use std::str::FromStr;
use std::sync::LazyLock;

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::event::{Accept, AddNote, Contact, ContactMethod};
use complaint_workflow::store::ComplaintStore;
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintId, ComplaintRecord, Context, Event, Policy,
    Severity,
};
use complaint_workflow_postgres::PostgresStore;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, Executor, PgConnection};

/// `DATABASE_URL`, or `None` with a notice when it is unset. Under CI (`CI`
/// set) a missing `DATABASE_URL` fails the test: CI starts a server.
pub fn database_url(test: &str) -> Option<String> {
    match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{test}: CI is set but DATABASE_URL is not; source .ci/postgres.sh to start a server"
            );
            // Past the test harness's capture, so that the skip shows.
            let _ = writeln!(
                std::io::stderr(),
                "{test}: skipped, DATABASE_URL is not set"
            );
            None
        }
    }
}

/// A store on an empty, migrated schema of its own (`t_<test>`), with a pool
/// of `connections`; `None` when the test is skipped.
pub async fn fresh(test: &str, connections: u32) -> Option<PostgresStore> {
    let store = unmigrated(test, connections).await?;
    store.migrate().await.unwrap();
    Some(store)
}

/// A store on an empty schema of its own (`t_<test>`) that nothing migrated
/// yet; `None` when the test is skipped.
pub async fn unmigrated(test: &str, connections: u32) -> Option<PostgresStore> {
    let url = database_url(test)?;
    let schema: String = format!("t_{test}").chars().take(63).collect();
    let mut admin = PgConnection::connect(&url).await.unwrap();
    admin
        .execute(format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}").as_str())
        .await
        .unwrap();
    admin.close().await.unwrap();
    let options = PgConnectOptions::from_str(&url)
        .unwrap()
        .options([("search_path", schema.as_str())]);
    let pool = PgPoolOptions::new()
        .max_connections(connections)
        .connect_with(options)
        .await
        .unwrap();
    Some(PostgresStore::from_pool(pool))
}

/// A connection of its own to the store's schema, outside its pool.
pub async fn connection(store: &PostgresStore) -> PgConnection {
    PgConnection::connect_with(&store.pool().connect_options())
        .await
        .unwrap()
}

/// A count of rows, as the test's SQL says.
pub async fn count(store: &PostgresStore, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// The `complaints` row's version.
pub async fn row_version(store: &PostgresStore, id: ComplaintId) -> Option<i64> {
    sqlx::query_scalar("SELECT version FROM complaints WHERE id = $1")
        .bind(uuid::Uuid::from(id))
        .fetch_optional(store.pool())
        .await
        .unwrap()
}

/// `count` accepted complaints, stored.
pub async fn create_complaints(store: &PostgresStore, count: usize) -> Vec<ComplaintId> {
    let mut ids = Vec::with_capacity(count);
    for i in 0..count {
        let record = accept(&format!("customer-{i}"), &POLICY);
        store.create(&record, None).await.unwrap();
        ids.push(record.id());
    }
    ids
}

pub fn accept(customer: &str, policy: &Policy) -> ComplaintRecord {
    ComplaintRecord::accept(
        Accept {
            complainant: Complainant::new(customer),
            received_at: t(0),
            channel: Channel::Email,
            content: "The parcel arrived broken".into(),
            category: Category::new("delivery"),
            severity: Severity::Low,
        },
        &Context::new(Actor::agent("agent-1"), t(0), policy),
    )
    .unwrap()
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

pub static POLICY: LazyLock<Policy> = LazyLock::new(Policy::default);

/// An agent acting at `now` under the default policy.
pub fn agent(now: DateTime<Utc>) -> Context<'static> {
    Context::new(Actor::agent("agent-1"), now, &POLICY)
}

/// `hours` after 2026-11-23 09:00 UTC.
pub fn t(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap() + Duration::hours(hours)
}
