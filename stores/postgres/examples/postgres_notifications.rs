//! A notification projection on the change feed: when a remedy is approved,
//! tell the customer. A `Subscriber` hands each feed entry to the handler,
//! which sends a message for each approval, idempotent by entry id (a table
//! of sent messages keyed by it), and keeps its checkpoint in the database.
//!
//! Needs `DATABASE_URL` (it says so and exits when it is unset): `cargo run
//! --example postgres_notifications`. Works in the schema
//! `postgres_notifications_example`, which it drops first.

use std::error::Error;
use std::str::FromStr;
use std::time::Duration as StdDuration;

use chrono::{Duration, TimeZone, Utc};
use complaint_workflow::event::{
    Accept, Approve, ChooseRemedy, Findings, Investigate, Propose, RemedyOption, Responsibility,
    ResponsibleParty, RootCause, Uphold,
};
use complaint_workflow::store::{Complaints, FeedEntry};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, Context, Department, Event, Policy, Severity,
};
use complaint_workflow_postgres::{PostgresStore, Subscriber};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, Executor, PgConnection, PgPool};

const SCHEMA: &str = "postgres_notifications_example";

/// The handler: for an approval, "send" the message once (an insert keyed by
/// the entry id: a redelivered entry sends nothing).
async fn notify_customer(pool: &PgPool, entry: FeedEntry) -> Result<(), sqlx::Error> {
    let Event::Approve(approve) = entry.entry.event() else {
        return Ok(());
    };
    let message = format!(
        "Your complaint {}: remedy option {} is approved, we will carry it out now.",
        entry.entry.complaint_id(),
        approve.option
    );
    let sent = sqlx::query(
        "INSERT INTO sent_messages (entry_id, message) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(uuid::Uuid::from(entry.entry.id()))
    .bind(&message)
    .execute(pool)
    .await?;
    if sent.rows_affected() == 1 {
        println!("to the customer: {message}");
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let Ok(url) = std::env::var("DATABASE_URL") else {
        println!(
            "DATABASE_URL is not set: nothing to run. Point it at a server, then run \
             `cargo run --example postgres_notifications`."
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
    store
        .pool()
        .execute("CREATE TABLE sent_messages (entry_id uuid PRIMARY KEY, message text NOT NULL)")
        .await?;

    // The projection runs beside the writers, woken by NOTIFY.
    let (stop, shutdown) = tokio::sync::oneshot::channel::<()>();
    let subscriber = Subscriber::new(store.clone(), "customer-notifications")
        .with_poll_interval(StdDuration::from_secs(30));
    let pool = store.pool().clone();
    let projection = tokio::spawn(async move {
        subscriber
            .run(
                move |entry| {
                    let pool = pool.clone();
                    async move { notify_customer(&pool, entry).await }
                },
                async {
                    let _ = shutdown.await;
                },
            )
            .await
    });

    let complaints = Complaints::new(store.clone());
    let policy = Policy::default();
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .ok_or("time")?;
    let agent = Context::new(Actor::agent("agent-7"), now, &policy);
    let supervisor = Context::new(Actor::supervisor("supervisor-2"), now, &policy);
    let accept = Accept {
        complainant: Complainant::new("customer-42"),
        received_at: now,
        channel: Channel::Phone,
        content: "The washing machine leaks again a week after the repair".into(),
        category: Category::new("repair"),
        severity: Severity::Medium,
    };
    let id = complaints.create(accept, None, &agent).await?.complaint_id;
    let at = |minutes| now + Duration::minutes(minutes);
    let steps: Vec<(Event, &Context<'_>)> = vec![
        (
            Uphold {
                responsible_department: Department::new("repairs"),
                investigation_due: at(60 * 48),
            }
            .into(),
            &agent,
        ),
        (
            Investigate {
                findings: Findings {
                    root_cause: RootCause::Quality,
                    description: "A worn door seal was left in place".into(),
                    responsible_parties: vec![ResponsibleParty {
                        person: "technician-19".into(),
                        department: Department::new("repairs"),
                        responsibility: Responsibility::Direct,
                    }],
                },
            }
            .into(),
            &agent,
        ),
        (
            Propose {
                options: vec![RemedyOption {
                    description: "Repeat the repair free of charge".into(),
                    compensation: None,
                }],
            }
            .into(),
            &agent,
        ),
        (ChooseRemedy { option: 1 }.into(), &agent),
        (Approve { option: 1 }.into(), &supervisor),
    ];
    for (minutes, (event, ctx)) in (1..).zip(steps) {
        let kind = event.kind().name();
        complaints.apply(id, event, &ctx.at(at(minutes))).await?;
        println!("stored: {kind}");
    }

    // Wait (bounded) until the projection has sent the message, then stop it.
    for _ in 0..100 {
        let sent: i64 = sqlx::query_scalar("SELECT count(*) FROM sent_messages")
            .fetch_one(store.pool())
            .await?;
        if sent == 1 {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    let _ = stop.send(());
    let delivered = projection.await??;
    println!("the projection handled {delivered} feed entries");
    Ok(())
}
