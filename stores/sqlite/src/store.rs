//! [`SqliteStore`]: the pool, how a file is opened, the writer gate and the
//! migrations.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};
use tokio::sync::{Mutex, MutexGuard};

use crate::Error;

/// The migrations embedded in the crate (the `migrations/` folder of the
/// package), applied by [`SqliteStore::migrate`].
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// How long a connection waits for another process's write lock before
/// SQLite answers "database is locked".
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Complaint histories in SQLite: a `sqlx` pool and the gate its writers
/// pass one at a time. Cloning is cheap; clones share the pool and the gate.
///
/// Every write is one transaction begun with `BEGIN IMMEDIATE`: it takes
/// SQLite's write lock at once, so the version it reads is the latest one
/// and stays so until the commit. Writers of one `SqliteStore` (and its
/// clones) queue in order at an in-process gate before they begin, rather
/// than spinning on the lock; other processes on the same file wait for it
/// up to [`BUSY_TIMEOUT`].
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
    writer: Arc<Mutex<()>>,
}

impl SqliteStore {
    /// Opens the database file at `path`, creating it when missing, in WAL
    /// mode (readers never wait for the writer) with `synchronous = NORMAL`
    /// (a commit is durable once the write-ahead log is synced at a
    /// checkpoint; a power cut may lose the last commits, never corrupt the
    /// file), foreign keys on and a busy timeout of [`BUSY_TIMEOUT`]. Call
    /// [`migrate`](Self::migrate) before the first use.
    ///
    /// The pool hands out its connections without pinging them first
    /// (`test_before_acquire(false)`): a connection to a local file does
    /// not go stale the way a network connection does, and the ping is a
    /// round trip to the connection's thread on every read and every write.
    ///
    /// # Errors
    ///
    /// [`Error::Database`] when the file cannot be opened or created.
    pub async fn open(path: impl AsRef<Path>) -> Result<Self, Error> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        Ok(Self::from_pool(pool))
    }

    /// A database in memory, gone when the store and its clones are dropped:
    /// one connection, kept open for the store's lifetime (each connection to
    /// `:memory:` would be a database of its own). Migrated already.
    ///
    /// # Errors
    ///
    /// [`Error::Database`] or [`Error::Migrate`].
    pub async fn in_memory() -> Result<Self, Error> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        let store = Self::from_pool(pool);
        store.migrate().await?;
        Ok(store)
    }

    /// A store on a pool the application configured itself (its own pragmas
    /// and sizes). Use WAL mode and a busy timeout: the store begins its
    /// writes with `BEGIN IMMEDIATE` and waits for the lock.
    pub fn from_pool(pool: SqlitePool) -> Self {
        Self {
            pool,
            writer: Arc::new(Mutex::new(())),
        }
    }

    /// The pool, for the application's own tables and queries.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Applies the embedded migrations ([`MIGRATOR`]) that the database
    /// lacks; a migrated database is left as it is.
    ///
    /// A team that runs its migrations itself takes the SQL from the
    /// package's `migrations/` folder (`sqlx migrate run --source
    /// migrations`, or any tool that runs plain SQL files in name order); the
    /// store needs the tables, not the `_sqlx_migrations` bookkeeping.
    ///
    /// # Errors
    ///
    /// [`Error::NewerSchema`] when the database holds a migration newer
    /// than this version of the crate knows (nothing is written then),
    /// [`Error::Migrate`] when a migration fails or an applied one was
    /// changed, [`Error::Database`].
    pub async fn migrate(&self) -> Result<(), Error> {
        let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
        let bookkept: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        )
        .fetch_optional(&self.pool)
        .await?;
        if bookkept.is_some() {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations")
                    .fetch_one(&self.pool)
                    .await?;
            if let Some(found) = found.filter(|&found| found > known) {
                return Err(Error::NewerSchema { found, known });
            }
        }
        let _gate = self.writer.lock().await;
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    /// A write transaction: through the gate, then `BEGIN IMMEDIATE`. The
    /// gate is held until the returned guard is dropped.
    pub(crate) async fn write(&self) -> Result<Write<'_>, Error> {
        let gate = self.writer.lock().await;
        let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Write { tx, _gate: gate })
    }
}

/// A write transaction and the gate it holds. Dropped without
/// [`commit`](Write::commit), it rolls back.
pub(crate) struct Write<'s> {
    pub(crate) tx: Transaction<'static, Sqlite>,
    _gate: MutexGuard<'s, ()>,
}

impl Write<'_> {
    /// Commits, then opens the gate.
    pub(crate) async fn commit(self) -> Result<(), Error> {
        self.tx.commit().await?;
        Ok(())
    }
}
