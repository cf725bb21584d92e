//! P8: event POST throughput through the desk's router on SQLite, against
//! a bare axum handler doing the same SQLite insert (the same `entries`
//! row and the same `UPDATE complaints`, in the same `BEGIN IMMEDIATE`
//! transaction) with no sign-in, no load, no rules. The goal: the desk
//! posts at least half as many events per second as the bare handler.
//!
//! ```sh
//! cargo bench -p complaint-desk --bench events
//! ```
//!
//! Both run in one process, one request at a time through `oneshot` (no
//! sockets), over their own fresh SQLite file (WAL, `synchronous =
//! NORMAL`, as the desk opens it). Each request adds a note to a complaint;
//! a complaint takes ten notes, then a fresh one (made outside the timed
//! loop) takes the next ten, so histories stay the length of a real
//! complaint's. Without `--bench` (as `cargo test --benches` runs it) each
//! bench runs once on a few complaints and no ratio is printed.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::routing::post;
use chrono::Utc;
use complaint_desk::auth::{tokens, users};
use complaint_desk::configuration::{PasswordCost, Settings};
use complaint_desk::startup::{self, AppState};
use complaint_workflow::event::Accept;
use complaint_workflow::store::ComplaintStore;
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Event, Policy, Role, Severity,
};
use complaint_workflow_sqlite::SqliteStore;
use criterion::{Criterion, Throughput};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use sqlx::SqlitePool;
use tower::ServiceExt;

/// Notes per complaint before the next one takes over.
const NOTES_PER_COMPLAINT: u64 = 10;

/// A complaint being written to: its id and the version it is at.
struct Target {
    id: String,
    version: u64,
}

/// Fresh complaints for `iters` notes, made through the store (untimed).
async fn targets(store: &SqliteStore, policy: &Policy, iters: u64) -> Vec<Target> {
    let now = Utc::now();
    let ctx = Context::new(Actor::agent("agent-1"), now, policy);
    let mut made = Vec::new();
    for _ in 0..iters.div_ceil(NOTES_PER_COMPLAINT) {
        let record = ComplaintRecord::accept(
            Accept {
                complainant: Complainant::new("customer-1"),
                received_at: now - chrono::Duration::minutes(1),
                channel: Channel::Phone,
                content: "The parcel arrived broken".into(),
                category: Category::new("delivery"),
                severity: Severity::Medium,
            },
            &ctx,
        )
        .unwrap();
        store.create(&record, None).await.unwrap();
        made.push(Target {
            id: record.id().to_string(),
            version: record.version(),
        });
    }
    made
}

fn note(i: u64) -> String {
    json!({"type": "add_note", "data": {"text": format!("Called the customer, try {i}")}})
        .to_string()
}

/// Posts `iters` notes through `router` at `path(id)`, timed; every answer
/// must be a 200 carrying the new version.
async fn post_notes(
    router: &Router,
    token: Option<&str>,
    prefix: &str,
    mut targets: Vec<Target>,
    iters: u64,
) -> Duration {
    let start = Instant::now();
    for i in 0..iters {
        let index = usize::try_from(i / NOTES_PER_COMPLAINT).unwrap();
        let target = &mut targets[index];
        let mut request = Request::post(format!("{prefix}/{}/events", target.id))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::IF_MATCH, format!("\"{}\"", target.version));
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let request = request.body(Body::from(note(i))).unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        let answer: Value = serde_json::from_slice(&body).unwrap();
        target.version = answer["version"].as_u64().unwrap();
    }
    start.elapsed()
}

/// The bare handler: parse the event, then in one `BEGIN IMMEDIATE`
/// transaction insert its entry row and move the summary row's version,
/// as the SQLite store's append does for a note.
async fn bare_append(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<axum::Json<Value>, StatusCode> {
    let event: Event = serde_json::from_slice(&body).map_err(|_| StatusCode::BAD_REQUEST)?;
    let loaded: u64 = headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim_matches('"').parse().ok())
        .ok_or(StatusCode::BAD_REQUEST)?;
    let sequence = loaded + 1;
    let now = Utc::now();
    let entry = json!({
        "schema": 1,
        "id": format!("bare-{id}-{sequence}"),
        "complaint_id": id,
        "sequence": sequence,
        "at": now,
        "actor": {"id": "agent-1", "role": "agent"},
        "event": event,
    });
    let fail = |_| StatusCode::INTERNAL_SERVER_ERROR;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(fail)?;
    sqlx::query(
        "INSERT INTO entries
         (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .bind(&id)
    .bind(i64::try_from(sequence).map_err(|_| StatusCode::BAD_REQUEST)?)
    .bind(format!("bare-{id}-{sequence}"))
    .bind(now.timestamp_micros())
    .bind("agent-1")
    .bind(event.kind().name())
    .bind(1_i64)
    .bind(entry.to_string())
    .bind(None::<String>)
    .execute(&mut *tx)
    .await
    .map_err(fail)?;
    let updated = sqlx::query(
        "UPDATE complaints SET stage = ?2, version = ?3
         WHERE id = ?1 AND version = ?4 AND next_due_at IS ?5",
    )
    .bind(&id)
    .bind("accepted")
    .bind(i64::try_from(sequence).map_err(|_| StatusCode::BAD_REQUEST)?)
    .bind(i64::try_from(loaded).map_err(|_| StatusCode::BAD_REQUEST)?)
    .bind(None::<i64>)
    .execute(&mut *tx)
    .await
    .map_err(fail)?;
    if updated.rows_affected() != 1 {
        return Err(StatusCode::PRECONDITION_FAILED);
    }
    tx.commit().await.map_err(fail)?;
    Ok(axum::Json(json!({"complaint_id": id, "version": sequence})))
}

/// A fresh database in `dir` named `name`, opened and migrated as the desk
/// opens it.
async fn open(dir: &tempfile::TempDir, name: &str) -> SqliteStore {
    startup::open(dir.path().join(name).to_str().unwrap())
        .await
        .unwrap()
}

/// Criterion's output directory, as criterion itself finds it.
fn criterion_home() -> PathBuf {
    std::env::var_os("CRITERION_HOME")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR").map(|d| PathBuf::from(d).join("criterion"))
        })
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../criterion"))
}

/// The mean time per element criterion estimated for `bench`.
fn mean_ns(bench: &str) -> Option<f64> {
    let path = criterion_home()
        .join("p8_event_post")
        .join(bench)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let estimates: Value = serde_json::from_str(&text).ok()?;
    estimates["mean"]["point_estimate"].as_f64()
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let policy = Policy::default();

    let (desk, token, desk_store) = runtime.block_on(async {
        let store = open(&dir, "desk.sqlite").await;
        let pool = store.pool().clone();
        let settings = Settings {
            password_cost: PasswordCost::TESTING,
            ..Settings::default()
        };
        let user = users::add(
            &pool,
            "agent-1",
            Role::Agent,
            "a long enough password",
            settings.password_cost,
        )
        .await
        .unwrap();
        let token = tokens::create(&pool, user, Some("bench")).await.unwrap();
        let state = AppState::new(store.clone(), pool, policy.clone(), settings);
        (startup::router(state), token, store)
    });
    let (bare, bare_store) = runtime.block_on(async {
        let store = open(&dir, "bare.sqlite").await;
        let router = Router::new()
            .route("/bare/{id}/events", post(bare_append))
            .with_state(store.pool().clone());
        (router, store)
    });

    let mut criterion = Criterion::default().configure_from_args();
    if !full {
        criterion = criterion.sample_size(10);
    }
    let mut group = criterion.benchmark_group("p8_event_post");
    group.throughput(Throughput::Elements(1));
    if full {
        group.measurement_time(Duration::from_secs(8));
    }
    group.bench_function("bare_axum_insert", |b| {
        b.iter_custom(|iters| {
            runtime.block_on(async {
                let targets = targets(&bare_store, &policy, iters).await;
                post_notes(&bare, None, "/bare", targets, iters).await
            })
        });
    });
    group.bench_function("desk_router", |b| {
        b.iter_custom(|iters| {
            runtime.block_on(async {
                let targets = targets(&desk_store, &policy, iters).await;
                post_notes(&desk, Some(&token), "/api/complaints", targets, iters).await
            })
        });
    });
    group.finish();
    criterion.final_summary();

    // The desk's notes are stored, and replay.
    runtime.block_on(async {
        let written: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM entries WHERE event_type = 'add_note'")
                .fetch_one(desk_store.pool())
                .await
                .unwrap();
        assert!(written >= 1, "the desk stored no note");
        let id: String = sqlx::query_scalar(
            "SELECT complaint_id FROM entries WHERE event_type = 'add_note' LIMIT 1",
        )
        .fetch_one(desk_store.pool())
        .await
        .unwrap();
        let entries = desk_store.entries(id.parse().unwrap()).await.unwrap();
        assert!(ComplaintRecord::replay(entries).unwrap().version() >= 2);
    });

    if full {
        match (mean_ns("bare_axum_insert"), mean_ns("desk_router")) {
            (Some(bare), Some(desk)) => println!(
                "P8: the desk posts {:.2}x the bare handler's events per second \
                 (bare {:.1} µs, desk {:.1} µs per event; goal >= 0.5x)",
                bare / desk,
                bare / 1e3,
                desk / 1e3
            ),
            _ => println!(
                "P8: criterion's estimates not found under {}",
                criterion_home().display()
            ),
        }
    }
}
