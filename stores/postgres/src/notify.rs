//! Waking subscribers after a write: one `NOTIFY` on
//! [`FEED_CHANNEL`](crate::FEED_CHANNEL) for every write committed since
//! the last one, sent after the commit instead of inside the write.
//!
//! PostgreSQL serializes the commits of transactions that issued `NOTIFY`
//! (one lock per database, held through the commit's WAL flush), so a
//! `pg_notify` inside every append would queue all writers again; here a
//! write commits without it, then the store's handle sends one notification
//! for every write that committed before it started (writers that commit
//! meanwhile wait for it and, if it came too early for them, send the next
//! one, which covers everyone queued behind it).

use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::{Connection, PgConnection, PgPool};
use tokio::sync::Mutex;

use crate::sql::FEED_CHANNEL;

/// The writes a store's handle (and its clones) committed, how many of
/// them the last notification covered, and the connection notifications go
/// out on.
#[derive(Debug, Default)]
pub(crate) struct Notifier {
    /// Writes committed so far.
    committed: AtomicU64,
    /// The value of `committed` when the last notification was sent.
    sent: Mutex<Sent>,
}

/// What the last notification covered, and its connection: one of its own,
/// outside the pool (one round trip per notification instead of a pool's
/// three), opened when first needed and again after it failed.
#[derive(Debug, Default)]
struct Sent {
    covered: u64,
    connection: Option<PgConnection>,
}

impl Notifier {
    /// Called after a write committed: returns once a notification sent
    /// after that commit went out (or failed: the write stands, and
    /// subscribers find it at their next poll).
    pub(crate) async fn written(&self, pool: &PgPool) {
        let mine = self.committed.fetch_add(1, Ordering::SeqCst) + 1;
        let mut sent = self.sent.lock().await;
        if sent.covered >= mine {
            return;
        }
        let upto = self.committed.load(Ordering::SeqCst);
        let connection = match sent.connection.take() {
            Some(connection) => Some(connection),
            None => PgConnection::connect_with(&pool.connect_options())
                .await
                .ok(),
        };
        let Some(mut connection) = connection else {
            return;
        };
        let notified = sqlx::query("SELECT pg_notify($1, current_schema())")
            .bind(FEED_CHANNEL)
            .execute(&mut connection)
            .await;
        if notified.is_ok() {
            sent.covered = upto;
            sent.connection = Some(connection);
        }
    }
}
