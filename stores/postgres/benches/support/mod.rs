//! What the benches share: `DATABASE_URL`, a fresh schema per bench, the
//! complaints they write, and whether criterion measures (`--bench`) or only
//! runs each bench once (`cargo test --benches`: small sizes).

#![allow(dead_code)] // Each bench uses part of it.

use std::str::FromStr;
use std::sync::LazyLock;

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::event::{Accept, AddNote, Contact, ContactMethod};
use complaint_workflow::record::Entry;
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Policy, Severity,
};
use complaint_workflow_postgres::PostgresStore;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, Executor, PgConnection};
use uuid::Uuid;

/// Whether criterion measures (`cargo bench`), not only checks that each
/// bench runs (`cargo test --benches`).
pub fn measuring() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// `DATABASE_URL`, or `None` after saying that `bench` was skipped.
pub fn database_url(bench: &str) -> Option<String> {
    match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            println!("{bench} bench: skipped, DATABASE_URL is not set");
            None
        }
    }
}

/// A store on the empty, migrated schema `schema` (dropped first), with a
/// pool of `connections`.
pub async fn fresh(url: &str, schema: &str, connections: u32) -> PostgresStore {
    let mut admin = PgConnection::connect(url).await.unwrap();
    admin
        .execute(format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}").as_str())
        .await
        .unwrap();
    admin.close().await.unwrap();
    let options = PgConnectOptions::from_str(url)
        .unwrap()
        .options([("search_path", schema)]);
    let pool = PostgresStore::pool_options()
        .max_connections(connections)
        .connect_with(options)
        .await
        .unwrap();
    let store = PostgresStore::from_pool(pool);
    store.migrate().await.unwrap();
    store
}

pub fn policy() -> &'static Policy {
    static POLICY: LazyLock<Policy> = LazyLock::new(Policy::default);
    &POLICY
}

/// 2026-11-23 09:00 UTC, `hours` later.
pub fn t(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap() + Duration::hours(hours)
}

pub fn ctx() -> Context<'static> {
    Context::new(Actor::agent("bench"), t(0), policy())
}

/// A complaint accepted from customer `n`.
pub fn intake(n: usize) -> ComplaintRecord {
    ComplaintRecord::accept(
        Accept {
            complainant: Complainant::new(format!("customer-{n}")),
            received_at: t(0),
            channel: Channel::Email,
            content: "The parcel arrived broken".into(),
            category: Category::new("delivery"),
            severity: Severity::Low,
        },
        &ctx(),
    )
    .unwrap()
}

/// The `n`th note.
pub fn note(n: u64) -> AddNote {
    AddNote {
        text: format!("note {n}: called the courier, who will call back"),
    }
}

/// The time per item.
#[allow(clippy::cast_precision_loss)]
pub fn per_item(time: std::time::Duration, items: u64) -> f64 {
    time.as_secs_f64() / items as f64
}

/// `complaints` histories of `entries` entries each, made by the core: an
/// intake, then notes and phone contacts by turns, a minute apart, every
/// other contact promising a callback the next day (a T3 deadline).
pub fn histories(complaints: usize, entries: usize) -> Vec<ComplaintRecord> {
    (0..complaints)
        .map(|n| {
            let mut record = intake(n);
            for step in 1..entries {
                let at = t(0) + Duration::minutes(i64::try_from(step).unwrap());
                let ctx = Context::new(Actor::agent("bench"), at, policy());
                let step = u64::try_from(step).unwrap();
                if step % 2 == 1 {
                    record.apply(note(step), &ctx).unwrap();
                } else {
                    let contact = Contact {
                        method: ContactMethod::Phone,
                        summary: format!("Call {step}: the customer sends photos of the damage"),
                        callback_due: (step % 4 == 0).then(|| at + Duration::days(1)),
                    };
                    record.apply(contact, &ctx).unwrap();
                }
            }
            record
        })
        .collect()
}

/// Stores `records` with raw multi-row `INSERT`s (the summary rows, then the
/// entries at feed positions 1, 2, … in record order, as sequenced); how
/// many entries.
pub async fn insert_histories(store: &PostgresStore, records: &[ComplaintRecord]) -> u64 {
    let mut position = 0_i64;
    for chunk in records.chunks(1_000) {
        let ids: Vec<Uuid> = chunk.iter().map(|r| Uuid::from(r.id())).collect();
        let stages: Vec<&str> = chunk.iter().map(|r| r.stage().name()).collect();
        let versions: Vec<i64> = chunk
            .iter()
            .map(|r| i64::try_from(r.version()).unwrap())
            .collect();
        let due: Vec<Option<DateTime<Utc>>> = chunk
            .iter()
            .map(|r| {
                r.next_deadline()
                    .map(complaint_workflow::deadline::Deadline::due)
            })
            .collect();
        let complainants: Vec<&str> = chunk.iter().map(|r| r.complainant().id.as_str()).collect();
        sqlx::query(
            "INSERT INTO complaints (id, stage, version, next_due_at, complainant_id)
             SELECT * FROM unnest($1::uuid[], $2::text[], $3::int8[], $4::timestamptz[], $5::text[])",
        )
        .bind(ids)
        .bind(stages)
        .bind(versions)
        .bind(due)
        .bind(complainants)
        .execute(store.pool())
        .await
        .unwrap();
        let entries: Vec<&Entry> = chunk.iter().flat_map(|r| r.entries()).collect();
        let positions: Vec<i64> = entries
            .iter()
            .map(|_| {
                position += 1;
                position
            })
            .collect();
        sqlx::query(
            "INSERT INTO entries (complaint_id, sequence, position, event_id, at, actor_id,
                                  event_type, schema, body, command_id)
             SELECT c, s, p, e, a, w, k, v, b::jsonb, m
             FROM unnest($1::uuid[], $2::int8[], $3::int8[], $4::uuid[], $5::timestamptz[],
                         $6::text[], $7::text[], $8::int4[], $9::text[], $10::text[])
                  AS r(c, s, p, e, a, w, k, v, b, m)",
        )
        .bind(
            entries
                .iter()
                .map(|e| Uuid::from(e.complaint_id()))
                .collect::<Vec<_>>(),
        )
        .bind(
            entries
                .iter()
                .map(|e| i64::try_from(e.sequence()).unwrap())
                .collect::<Vec<_>>(),
        )
        .bind(positions)
        .bind(
            entries
                .iter()
                .map(|e| Uuid::from(e.id()))
                .collect::<Vec<_>>(),
        )
        .bind(entries.iter().map(|e| e.at()).collect::<Vec<_>>())
        .bind(
            entries
                .iter()
                .map(|e| e.actor().id.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            entries
                .iter()
                .map(|e| e.event().kind().name())
                .collect::<Vec<_>>(),
        )
        .bind(
            entries
                .iter()
                .map(|e| i32::try_from(e.schema()).unwrap())
                .collect::<Vec<_>>(),
        )
        .bind(
            entries
                .iter()
                .map(|e| serde_json::to_string(e).unwrap())
                .collect::<Vec<_>>(),
        )
        .bind(
            entries
                .iter()
                .map(|e| e.command().map(|c| c.as_str()))
                .collect::<Vec<_>>(),
        )
        .execute(store.pool())
        .await
        .unwrap();
    }
    sqlx::query("UPDATE feed_head SET position = $1")
        .bind(position)
        .execute(store.pool())
        .await
        .unwrap();
    u64::try_from(position).unwrap()
}
