//! Building the desk: the database (an SQLite file or PostgreSQL,
//! [`open_backend`]) and its migrations, the shared state, the [`Router`],
//! and serving it with the due-worker and the checkpoint worker beside it
//! until Ctrl-C ([`run`]: requests in flight finish first, then the
//! workers stop).

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
use complaint_workflow_postgres::PostgresStore;
use complaint_workflow_sqlite::SqliteStore;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use tower_http::limit::RequestBodyLimitLayer;

use crate::auth::rate_limit::RateLimiter;
use crate::checkpoint_worker::{self, ChainCheckpoints};
use crate::configuration::Settings;
use crate::database::Database;
use crate::due_worker::{self, DueClaims};
use crate::problem::{PROBLEM_JSON, Problem};

/// What the desk needs of a complaint store: any [`ComplaintStore`] with a
/// [`ChangeFeed`] (for the owner's queue) and [`ChainCheckpoints`] (the
/// checkpoint worker, the complaint page's checkpoint) that can be shared
/// between requests.
pub trait DeskStore: ComplaintStore + ChangeFeed + ChainCheckpoints + Clone + 'static {}

impl<T: ComplaintStore + ChangeFeed + ChainCheckpoints + Clone + 'static> DeskStore for T {}

/// The state every handler sees (cheap to clone).
#[derive(Clone)]
pub struct AppState<S> {
    /// The complaints, through the core's driver.
    pub complaints: Complaints<S>,
    /// The pool holding the desk's own tables (users, sessions, tokens):
    /// the store's, on either backend.
    pub pool: Database,
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
    /// The state over `store` and `pool` (migrated; an `SqlitePool`, a
    /// `PgPool` or a [`Database`]), under `policy`.
    pub fn new(store: S, pool: impl Into<Database>, policy: Policy, settings: Settings) -> Self {
        let limiter = RateLimiter::new(settings.sign_in_max_failures, settings.sign_in_window);
        let decoy = crate::auth::password::decoy(settings.password_cost);
        Self {
            complaints: Complaints::new(store),
            pool: pool.into(),
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
/// desk's ([`migrate`](crate::database::migrate)). The store and the desk
/// share the pool.
///
/// # Errors
///
/// When the file cannot be opened or a migration is refused.
pub async fn open(database: &str) -> Result<SqliteStore, Box<dyn std::error::Error + Send + Sync>> {
    let store = SqliteStore::from_pool(connect(database).await?);
    store.migrate().await?;
    crate::database::migrate(store.pool()).await?;
    Ok(store)
}

/// The size of the desk's PostgreSQL pool (the store's and the desk's
/// tables; each request takes a connection for one statement at a time).
pub const POSTGRES_CONNECTIONS: u32 = 10;

/// Connects to the PostgreSQL database of `url` (`postgres://…`; a
/// `search_path` in the URL's `options` chooses the schema) and migrates
/// it: the store crate's tables, then the desk's, each under an advisory
/// lock, so desks starting together migrate once.
///
/// # Errors
///
/// When the server is not reached or a migration is refused.
pub async fn open_postgres(
    url: &str,
) -> Result<PostgresStore, Box<dyn std::error::Error + Send + Sync>> {
    let pool = PostgresStore::pool_options()
        .max_connections(POSTGRES_CONNECTIONS)
        .connect(url)
        .await?;
    let store = PostgresStore::from_pool(pool);
    store.migrate().await?;
    crate::database::migrate(store.pool()).await?;
    Ok(store)
}

/// The complaint store of either backend, with the desk's tables on its
/// pool.
#[derive(Clone, Debug)]
pub enum Backend {
    /// An SQLite file.
    Sqlite(SqliteStore),
    /// A PostgreSQL database.
    Postgres(PostgresStore),
}

impl Backend {
    /// The pool of the desk's own tables (the store's).
    #[must_use]
    pub fn database(&self) -> Database {
        match self {
            Self::Sqlite(store) => store.pool().into(),
            Self::Postgres(store) => store.pool().into(),
        }
    }
}

/// Whether `database` names a PostgreSQL database (`postgres://…` or
/// `postgresql://…`) rather than an SQLite file.
#[must_use]
pub fn is_postgres(database: &str) -> bool {
    database.starts_with("postgres://") || database.starts_with("postgresql://")
}

/// Opens and migrates the database `database` names: PostgreSQL for a
/// `postgres://` URL ([`open_postgres`]), else an SQLite file ([`open`]).
///
/// # Errors
///
/// As [`open`] and [`open_postgres`].
pub async fn open_backend(
    database: &str,
) -> Result<Backend, Box<dyn std::error::Error + Send + Sync>> {
    if is_postgres(database) {
        open_postgres(database).await.map(Backend::Postgres)
    } else {
        open(database).await.map(Backend::Sqlite)
    }
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

/// Serves `state`'s router on `listener` with the due-worker beside it
/// (unless `settings.worker` turns it off) and the checkpoint worker (when
/// `settings.checkpoints` has a key; without one the desk warns once and
/// serves) until `shutdown` completes: requests in flight finish, then the
/// workers are told to stop, and this returns once they have (after the
/// round in progress, if any).
///
/// # Errors
///
/// When serving fails or the system has no randomness for the worker id.
pub async fn run<S: DeskStore + DueClaims>(
    listener: tokio::net::TcpListener,
    state: AppState<S>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = if state.settings.worker.enabled {
        let id = state.settings.worker.worker_id()?;
        Some(due_worker::spawn(
            state.complaints.clone(),
            Arc::clone(&state.policy),
            state.settings.worker.clone(),
            id,
            stopped,
        ))
    } else {
        tracing::info!("due-worker off");
        None
    };
    let checkpoints = &state.settings.checkpoints;
    let checkpointer = if let Some(key) = &checkpoints.key {
        Some(checkpoint_worker::spawn(
            state.complaints.clone(),
            key.clone(),
            checkpoints.interval,
            checkpoints.batch,
            stop.subscribe(),
        ))
    } else {
        tracing::warn!(
            "checkpoint worker off: no signing key (--checkpoint-key or DESK_CHECKPOINT_KEY); \
             chain heads are not signed (docs/audit.md)"
        );
        None
    };
    let served = serve(listener, router(state), shutdown).await;
    let _ = stop.send(true);
    if let Some(worker) = worker {
        worker.await?;
    }
    if let Some(checkpointer) = checkpointer {
        checkpointer.await?;
    }
    served?;
    Ok(())
}

/// Completes at Ctrl-C.
pub async fn ctrl_c() {
    let _ = tokio::signal::ctrl_c().await;
}
