//! Building the desk: the database pool, the desk's migrations, the shared
//! state, the [`Router`], and serving it until Ctrl-C (requests in flight
//! finish first).

use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use complaint_workflow::Policy;
use complaint_workflow::store::{ChangeFeed, ComplaintStore, Complaints};
use complaint_workflow_sqlite::SqliteStore;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use tower_http::limit::RequestBodyLimitLayer;

use crate::auth::rate_limit::RateLimiter;
use crate::configuration::Settings;
use crate::problem::{PROBLEM_JSON, Problem};

/// What the desk needs of a complaint store: any [`ComplaintStore`] with a
/// [`ChangeFeed`] (for the owner's queue) that can be shared between requests.
pub trait DeskStore: ComplaintStore + ChangeFeed + Clone + 'static {}

impl<T: ComplaintStore + ChangeFeed + Clone + 'static> DeskStore for T {}

/// The state every handler sees (cheap to clone).
#[derive(Clone)]
pub struct AppState<S> {
    /// The complaints, through the core's driver.
    pub complaints: Complaints<S>,
    /// The pool holding the desk's own tables (users, sessions, tokens).
    pub pool: SqlitePool,
    /// The policy every transition runs under.
    pub policy: Arc<Policy>,
    /// The settings.
    pub settings: Arc<Settings>,
    /// Failed sign-ins, per account and address.
    pub sign_in_limiter: Arc<RateLimiter>,
    /// A hash checked when the user name is unknown.
    pub decoy_hash: Arc<str>,
}

impl<S: DeskStore> AppState<S> {
    /// The state over `store` and `pool` (migrated), under `policy`.
    pub fn new(store: S, pool: SqlitePool, policy: Policy, settings: Settings) -> Self {
        let limiter = RateLimiter::new(settings.sign_in_max_failures, settings.sign_in_window);
        let decoy = crate::auth::password::decoy(settings.password_cost);
        Self {
            complaints: Complaints::new(store),
            pool,
            policy: Arc::new(policy),
            settings: Arc::new(settings),
            sign_in_limiter: Arc::new(limiter),
            decoy_hash: decoy.into(),
        }
    }
}

/// Opens (creating it if need be) the SQLite database of `database`: a path
/// or a `sqlite:` URL; WAL, `synchronous = NORMAL`, a busy timeout, foreign
/// keys on.
///
/// # Errors
///
/// When the file cannot be opened.
pub async fn connect(database: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = if database.starts_with("sqlite:") {
        SqliteConnectOptions::from_str(database)?
    } else {
        SqliteConnectOptions::new().filename(database)
    };
    let options = options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
}

/// Opens the database of `database` ([`connect`]) and migrates it: the
/// store's tables first (the store crate's own migrations), then the
/// desk's ([`migrate`]). The store and the desk share the pool.
///
/// # Errors
///
/// When the file cannot be opened or a migration is refused.
pub async fn open(database: &str) -> Result<SqliteStore, Box<dyn std::error::Error + Send + Sync>> {
    let store = SqliteStore::from_pool(connect(database).await?);
    store.migrate().await?;
    migrate(store.pool()).await?;
    Ok(store)
}

/// The desk's migrations (`desk/migrations/`), embedded.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Applies the desk's migrations (after the store's own, see [`open`]). They are recorded
/// in `desk_migrations`, not in sqlx's `_sqlx_migrations`, which belongs to
/// the store crate: each side refuses only the migrations it does not know
/// in its own ledger.
///
/// # Errors
///
/// When the database fails, an applied migration was changed, or the
/// database was migrated by a newer desk.
pub async fn migrate(pool: &SqlitePool) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    use sqlx::Row;
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS desk_migrations (version INTEGER PRIMARY KEY, \
         description TEXT NOT NULL, checksum BLOB NOT NULL, applied_at INTEGER NOT NULL)",
    )
    .execute(pool)
    .await?;
    let applied = sqlx::query("SELECT version, checksum FROM desk_migrations")
        .fetch_all(pool)
        .await?;
    let known: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
    for row in &applied {
        let version: i64 = row.get("version");
        let checksum: Vec<u8> = row.get("checksum");
        match MIGRATOR.iter().find(|m| m.version == version) {
            None => {
                return Err(format!(
                    "the database was migrated by a newer desk (migration {version}; this desk knows {known:?})"
                )
                .into());
            }
            Some(m) if m.checksum.as_ref() != checksum.as_slice() => {
                return Err(
                    format!("desk migration {version} was changed after it was applied").into(),
                );
            }
            Some(_) => {}
        }
    }
    for migration in MIGRATOR.iter() {
        let done = applied
            .iter()
            .any(|row| row.get::<i64, _>("version") == migration.version);
        if done {
            continue;
        }
        let mut tx = pool.begin().await?;
        sqlx::raw_sql(migration.sql.as_ref())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO desk_migrations (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)",
        )
        .bind(migration.version)
        .bind(migration.description.as_ref())
        .bind(migration.checksum.as_ref())
        .bind(chrono::Utc::now().timestamp())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// The router: the JSON API under `/api`, the pages beside it, request
/// spans, the body limit.
pub fn router<S: DeskStore>(state: AppState<S>) -> Router {
    let limit = state.settings.body_limit;
    crate::api::routes::<S>()
        .merge(crate::pages::routes::<S>())
        .layer(DefaultBodyLimit::max(limit))
        .layer(RequestBodyLimitLayer::new(limit))
        .layer(axum::middleware::map_response(problem_for_bare_413))
        .layer(crate::telemetry::layer())
        .with_state(state)
}

/// A body refused by the limit layer before any handler ran still gets a
/// problem document.
async fn problem_for_bare_413(response: Response) -> Response {
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == PROBLEM_JSON.as_bytes());
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE && !is_problem {
        return Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            "the request body is larger than the desk accepts",
        )
        .into_response();
    }
    response
}

/// Serves `router` on `listener` until `shutdown` completes (Ctrl-C in
/// `complaint-desk`); requests in flight finish first.
///
/// # Errors
///
/// When serving fails.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.await;
        tracing::info!("shutting down: finishing requests in flight");
    })
    .await
}

/// Completes at Ctrl-C.
pub async fn ctrl_c() {
    let _ = tokio::signal::ctrl_c().await;
}
