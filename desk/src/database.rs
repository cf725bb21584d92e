//! [`Database`]: the pool that holds the desk's own tables (users, sessions,
//! API tokens, the queue's index), on SQLite or on PostgreSQL: the complaint
//! store's own pool, so one database holds everything. Also the desk's
//! migrations for each ([`migrate`]).
//!
//! # Why an enum of the two pools
//!
//! The desk's tables are few and their queries small. Each query is written
//! once, in SQL both backends read: `$1` parameters (sqlx's SQLite driver
//! takes `$N` as the N-th argument), `RETURNING`, a boolean column tested as
//! `WHERE open`. The crate-private macro `on_pool!` runs it on either pool:
//! it expands to a `match` with one arm per backend, so one text is
//! type-checked twice, once for each driver's row and argument types. The
//! alternatives cost more:
//!
//! - a trait implemented by each pool repeats every query in each
//!   implementation (or, generic over sqlx's `Database`, carries bounds such
//!   as `for<'q> i64: Encode<'q, DB>` on every function);
//! - sqlx's `Any` driver needs a pool of its own beside the store's (the
//!   store crates take typed pools): on SQLite, two pools writing one file,
//!   without the connection options the desk sets (WAL, busy timeout).
//!
//! Only the migrations differ in text (`INTEGER PRIMARY KEY` against an
//! identity column, `INTEGER` against `boolean`): each backend has its own
//! folder, `migrations/sqlite` and `migrations/postgres`, with the same
//! versions.

use sqlx::migrate::Migrator;
use sqlx::{PgPool, SqlitePool};

/// The desk's tables: a pool of one of the two backends (cheap to clone: a
/// pool is a shared handle).
#[derive(Clone, Debug)]
pub enum Database {
    /// An SQLite file.
    Sqlite(SqlitePool),
    /// A PostgreSQL database (the tables in the first schema of the
    /// connections' `search_path`).
    Postgres(PgPool),
}

impl Database {
    /// `"sqlite"` or `"postgres"`, for logs.
    #[must_use]
    pub fn backend(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

impl From<SqlitePool> for Database {
    fn from(pool: SqlitePool) -> Self {
        Self::Sqlite(pool)
    }
}

impl From<&SqlitePool> for Database {
    fn from(pool: &SqlitePool) -> Self {
        Self::Sqlite(pool.clone())
    }
}

impl From<PgPool> for Database {
    fn from(pool: PgPool) -> Self {
        Self::Postgres(pool)
    }
}

impl From<&PgPool> for Database {
    fn from(pool: &PgPool) -> Self {
        Self::Postgres(pool.clone())
    }
}

impl From<&Database> for Database {
    fn from(database: &Database) -> Self {
        database.clone()
    }
}

/// Runs `$body` with `$pool` bound to the pool of `$database` (a
/// `&Database`): one arm per backend, the same text in each.
macro_rules! on_pool {
    ($database:expr, |$pool:ident| $body:expr) => {
        match $database {
            $crate::database::Database::Sqlite($pool) => $body,
            $crate::database::Database::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// The desk's SQLite migrations (`desk/migrations/sqlite/`), embedded.
static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");

/// The desk's PostgreSQL migrations (`desk/migrations/postgres/`), embedded.
static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// The ledger of the desk's migrations, apart from the store crates'
/// `_sqlx_migrations`.
const SQLITE_LEDGER: &str = "CREATE TABLE IF NOT EXISTS desk_migrations (version INTEGER PRIMARY KEY, \
     description TEXT NOT NULL, checksum BLOB NOT NULL, applied_at INTEGER NOT NULL)";
const POSTGRES_LEDGER: &str = "CREATE TABLE IF NOT EXISTS desk_migrations (version bigint PRIMARY KEY, \
     description text NOT NULL, checksum bytea NOT NULL, applied_at bigint NOT NULL)";

/// The key of the PostgreSQL advisory lock the desk's migrations run under,
/// so that desks starting together on one database migrate once.
const MIGRATION_LOCK: i64 = 0x0064_6573_6b6d_6967; // "deskmig"

/// Why the desk's migrations were not applied.
#[derive(Debug)]
pub enum MigrateError {
    /// The database failed.
    Database(sqlx::Error),
    /// The database holds a desk migration this desk does not know: a newer
    /// desk migrated it. Nothing was written.
    NewerDesk {
        /// The unknown migration.
        version: i64,
        /// The migrations this desk knows.
        known: Vec<i64>,
    },
    /// An applied desk migration differs from this desk's copy of it.
    Changed {
        /// The migration.
        version: i64,
    },
}

impl std::fmt::Display for MigrateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Database(e) => write!(f, "migrating the desk's tables: {e}"),
            Self::NewerDesk { version, known } => write!(
                f,
                "the database was migrated by a newer desk (migration {version}; this desk knows {known:?})"
            ),
            Self::Changed { version } => {
                write!(
                    f,
                    "desk migration {version} was changed after it was applied"
                )
            }
        }
    }
}

impl std::error::Error for MigrateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Database(e) => Some(e),
            Self::NewerDesk { .. } | Self::Changed { .. } => None,
        }
    }
}

impl From<sqlx::Error> for MigrateError {
    fn from(error: sqlx::Error) -> Self {
        Self::Database(error)
    }
}

/// Applies the desk's migrations of the database's backend (after the
/// store's own), in one transaction; on PostgreSQL under an advisory lock.
/// They are recorded in `desk_migrations`, not in sqlx's `_sqlx_migrations`,
/// which belongs to the store crate: each side refuses only the migrations it
/// does not know in its own ledger.
///
/// # Errors
///
/// [`MigrateError`]: the database fails, an applied migration was changed,
/// or the database was migrated by a newer desk.
pub async fn migrate(database: impl Into<Database>) -> Result<(), MigrateError> {
    let database = database.into();
    let (migrator, ledger, lock) = match &database {
        Database::Sqlite(_) => (&SQLITE, SQLITE_LEDGER, None),
        Database::Postgres(_) => (&POSTGRES, POSTGRES_LEDGER, Some(MIGRATION_LOCK)),
    };
    on_pool!(&database, |pool| {
        let mut tx = pool.begin().await?;
        if let Some(key) = lock {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(ledger).execute(&mut *tx).await?;
        let applied: Vec<(i64, Vec<u8>)> =
            sqlx::query_as("SELECT version, checksum FROM desk_migrations")
                .fetch_all(&mut *tx)
                .await?;
        check(migrator, &applied)?;
        for migration in migrator.iter() {
            if applied
                .iter()
                .any(|(version, _)| *version == migration.version)
            {
                continue;
            }
            sqlx::raw_sql(migration.sql.as_ref())
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO desk_migrations (version, description, checksum, applied_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(migration.version)
            .bind(migration.description.as_ref())
            .bind(migration.checksum.as_ref())
            .bind(chrono::Utc::now().timestamp())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    });
    Ok(())
}

/// Refuses a ledger with a migration this desk does not know, or one whose
/// checksum is not this desk's.
fn check(migrator: &Migrator, applied: &[(i64, Vec<u8>)]) -> Result<(), MigrateError> {
    for (version, checksum) in applied {
        match migrator.iter().find(|m| m.version == *version) {
            None => {
                return Err(MigrateError::NewerDesk {
                    version: *version,
                    known: migrator.iter().map(|m| m.version).collect(),
                });
            }
            Some(m) if m.checksum.as_ref() != checksum.as_slice() => {
                return Err(MigrateError::Changed { version: *version });
            }
            Some(_) => {}
        }
    }
    Ok(())
}
