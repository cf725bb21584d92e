//! A short tour of the PostgreSQL store: create, apply, a conflict, a retried
//! command, "what is due?", and the change feed.
//!
//! Needs a server: `DATABASE_URL=postgres://user@host:port/db cargo run
//! --example postgres_store` (`source .ci/postgres.sh` starts a throwaway
//! one). Works in the schema `postgres_store_example`, which it drops first.

use std::error::Error;
use std::str::FromStr;

use chrono::{Duration, TimeZone, Utc};
use complaint_workflow::event::{Accept, AddNote, Contact, ContactMethod};
use complaint_workflow::store::{AppendError, ChangeFeed, ComplaintStore, Complaints};
use complaint_workflow::{Actor, Category, Channel, Complainant, Context, Policy, Severity};
use complaint_workflow_postgres::PostgresStore;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, Executor, PgConnection};

const SCHEMA: &str = "postgres_store_example";

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let Ok(url) = std::env::var("DATABASE_URL") else {
        println!(
            "DATABASE_URL is not set: nothing to run. Start a server (`source .ci/postgres.sh`) \
             or point DATABASE_URL at one, then run `cargo run --example postgres_store`."
        );
        return Ok(());
    };
    let mut admin = PgConnection::connect(&url).await?;
    admin
        .execute(format!("DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}").as_str())
        .await?;
    let options = PgConnectOptions::from_str(&url)?.options([("search_path", SCHEMA)]);
    let store = PostgresStore::from_pool(PgPoolOptions::new().connect_with(options).await?);
    store.migrate().await?;
    let complaints = Complaints::new(store.clone());

    let policy = Policy::default();
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .ok_or("time")?;
    let agent = Context::new(Actor::agent("agent-7"), now, &policy);

    println!("== create ==");
    let reference = store.next_reference(2026).await?;
    let accept = Accept {
        complainant: Complainant::new("customer-42"),
        received_at: now,
        channel: Channel::Phone,
        content: "The washing machine leaks again a week after the repair".into(),
        category: Category::new("repair"),
        severity: Severity::Medium,
    };
    let created = complaints
        .create(
            accept,
            Some(&reference),
            &agent.clone().with_command("intake-42"),
        )
        .await?;
    let id = created.complaint_id;
    println!("{reference}: complaint {id}, version 1");

    println!("\n== apply ==");
    let callback = Contact {
        method: ContactMethod::Phone,
        summary: "Promised to call back after the technician's visit".into(),
        callback_due: Some(now + Duration::hours(4)),
    };
    let ctx = agent
        .at(now + Duration::minutes(5))
        .with_command("request-1");
    let applied = complaints.apply(id, callback.clone(), &ctx).await?;
    println!(
        "contact stored: version {}",
        complaints.load(id).await?.version()
    );

    println!("\n== a conflict ==");
    let later = agent.at(now + Duration::minutes(10));
    let mut stale = complaints.load(id).await?;
    let loaded = stale.version();
    complaints
        .apply(
            id,
            AddNote {
                text: "a colleague's note".into(),
            },
            &later,
        )
        .await?;
    stale.apply(
        AddNote {
            text: "written on a stale copy".into(),
        },
        &later,
    )?;
    match store.append(loaded, &stale).await {
        Err(AppendError::Conflict(conflict)) => println!("refused: {conflict}"),
        other => return Err(format!("the stale append was not refused: {other:?}").into()),
    }

    println!("\n== a retried command ==");
    let again = complaints.apply(id, callback, &ctx).await?;
    println!(
        "request-1 again: repeated = {}, same entries = {}",
        again.repeated,
        again.entries == applied.entries
    );

    println!("\n== what is due? ==");
    for due in complaints.due_before(now + Duration::days(1), 10).await? {
        println!("{} due at {}", due.complaint_id, due.due);
    }
    let claimed = store
        .claim_due(
            "worker-1",
            now + Duration::days(1),
            Duration::minutes(5),
            10,
        )
        .await?;
    println!("worker-1 claimed {} due complaint(s)", claimed.len());

    println!("\n== the change feed ==");
    for entry in store.entries_after(0, 100).await? {
        println!(
            "{:>3}  {} #{} {}",
            entry.position,
            entry.entry.complaint_id(),
            entry.entry.sequence(),
            entry.entry.event().kind().name()
        );
    }
    Ok(())
}
