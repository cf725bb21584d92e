//! [`PostgresStore`]: the pool, connecting and migrating.

use std::sync::Arc;

use sqlx::PgPool;
use sqlx::migrate::Migrator;
use sqlx::postgres::PgPoolOptions;

use crate::error::Error;
use crate::notify::Notifier;

/// The embedded migrations (`migrations/` in the package).
pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Complaint histories in PostgreSQL, for many application servers on one
/// database: a cheap-to-clone handle on a `sqlx` pool.
///
/// It implements the core's
/// [`ComplaintStore`](complaint_workflow::store::ComplaintStore) and
/// [`ChangeFeed`](complaint_workflow::store::ChangeFeed); an application
/// writes through [`Complaints`](complaint_workflow::store::Complaints)
/// on top of it. The tables live in the first schema of the connections'
/// `search_path` (set it in the URL, `?options=-c%20search_path%3Dcomplaints`,
/// or on the pool's connect options).
#[derive(Clone, Debug)]
pub struct PostgresStore {
    pub(crate) pool: PgPool,
    /// Shared by the handle's clones: one notification covers the writes of all.
    pub(crate) notifier: Arc<Notifier>,
}

impl PostgresStore {
    /// Connects a pool to `url` (`postgres://user@host:port/db`) with sqlx's
    /// default pool options.
    ///
    /// # Errors
    ///
    /// [`Error::Database`] when the URL is malformed or the server is not
    /// reached.
    pub async fn connect(url: &str) -> Result<Self, Error> {
        let pool = Self::pool_options().connect(url).await?;
        Ok(Self::from_pool(pool))
    }

    /// The pool options [`connect`](Self::connect) uses, for an application
    /// that sets more of them (size, timeouts) before connecting: sqlx's
    /// defaults, except that a connection is not pinged before each use.
    ///
    /// Every store call is one statement on a connection taken from the
    /// pool; sqlx pings a connection when it goes back (and drops it when
    /// the ping fails), and by default again before handing it out, one
    /// more round trip per call. Without that second ping a connection
    /// that broke while idle fails the one call that gets it
    /// ([`Error::Database`]; nothing is written) and is dropped.
    ///
    /// ```
    /// use complaint_workflow_postgres::PostgresStore;
    ///
    /// let options = PostgresStore::pool_options().max_connections(32);
    /// assert_eq!(options.get_max_connections(), 32);
    /// assert!(!options.get_test_before_acquire());
    /// ```
    #[must_use]
    pub fn pool_options() -> PgPoolOptions {
        PgPoolOptions::new().test_before_acquire(false)
    }

    /// A store on a pool the application configured itself (size, timeouts,
    /// `search_path`, TLS).
    #[must_use]
    pub fn from_pool(pool: PgPool) -> Self {
        Self {
            pool,
            notifier: Arc::default(),
        }
    }

    /// The pool, for the application's own queries.
    #[must_use]
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Applies the embedded migrations that the database does not have yet
    /// (under sqlx's advisory lock: servers starting together migrate once).
    ///
    /// A team that runs migrations itself takes the SQL from the package's
    /// `migrations/` folder (`0001_complaint_tables.sql`, …) and applies it
    /// with its own tool; it then never calls this.
    ///
    /// # Errors
    ///
    /// [`Error::NewerSchema`] when the database holds a migration this
    /// version of the crate does not know (a newer version migrated it):
    /// nothing is written then. [`Error::Migrate`] or [`Error::Database`]
    /// when a migration fails (each runs in its own transaction).
    pub async fn migrate(&self) -> Result<(), Error> {
        let known: Vec<i64> = MIGRATOR.iter().map(|migration| migration.version).collect();
        let newest_known = known.iter().copied().max().unwrap_or(0);
        let exists: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
            .fetch_one(&self.pool)
            .await?;
        if exists {
            let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations")
                .fetch_all(&self.pool)
                .await?;
            if let Some(found) = applied
                .into_iter()
                .filter(|version| !known.contains(version))
                .max()
            {
                return Err(Error::NewerSchema {
                    found,
                    known: newest_known,
                });
            }
        }
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }
}
