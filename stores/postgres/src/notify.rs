//! Waking subscribers after a write: a `NOTIFY` on
//! [`FEED_CHANNEL`](crate::FEED_CHANNEL) sent after the commit by a task of
//! the store's own, off the writer's path, one notification for every
//! write committed while the one before was being sent.
//!
//! PostgreSQL serializes the commits of transactions that issued `NOTIFY`
//! (one lock per database, held through the commit's WAL flush), so a
//! `pg_notify` inside every append would queue all writers again; here a
//! write commits without it, then only *asks* for a notification
//! ([`Notifier::written`]: a slot in a channel of one, no I/O) and
//! returns. The store's notifying task (started by the first write, on the
//! tokio runtime it runs on, and again if that runtime went away) takes the
//! request and sends one `pg_notify` on a connection of its own, outside
//! the pool. A write that finds a request already waiting adds nothing: the
//! notification sent for that request goes out after its commit too.
//!
//! A notification is only a wake-up: a subscriber also polls, so a write
//! whose notification was never sent (the task's connection failed twice,
//! the process died after the commit) is found at the next poll.

use std::sync::{Arc, Mutex};

use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool};
use tokio::sync::mpsc;

use crate::sql::FEED_CHANNEL;

/// The requests of a store's handle (and its clones) to the notifying task.
#[derive(Debug, Default)]
pub(crate) struct Notifier {
    /// The task's request slot; `None` until the first write, or after the
    /// task ended (its runtime shut down).
    wake: Mutex<Option<mpsc::Sender<()>>>,
}

impl Notifier {
    /// Called after a write committed: asks for a notification sent after
    /// now and returns without waiting for it.
    ///
    /// Async, though it never waits, so that every write path calls it the
    /// same way (`notifier.written(&pool).await`) whether or not a later
    /// notifier has something to wait for.
    #[allow(clippy::unused_async)]
    pub(crate) async fn written(&self, pool: &PgPool) {
        // A poisoned lock only means another writer panicked while holding
        // it; the slot is still a slot.
        let mut wake = self
            .wake
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(slot) = wake.as_ref() {
            match slot.try_send(()) {
                // A request is waiting already: its notification covers this
                // write, since the task sends it after taking the request.
                Ok(()) | Err(mpsc::error::TrySendError::Full(())) => return,
                Err(mpsc::error::TrySendError::Closed(())) => {}
            }
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            // Not on a tokio runtime (sqlx needs one, so never): subscribers
            // find the write at their next poll.
            *wake = None;
            return;
        };
        let (slot, requests) = mpsc::channel(1);
        // A fresh channel of one has room.
        let _ = slot.try_send(());
        runtime.spawn(notify_task(pool.connect_options(), requests));
        *wake = Some(slot);
    }
}

/// Sends one notification per request taken, until every store handle is
/// gone (the channel closes), on a connection of its own (one round trip a
/// notification, instead of a pool's acquire and release), opened when
/// first needed and again after it failed; a notification that fails is
/// tried once more on a new connection.
async fn notify_task(options: Arc<PgConnectOptions>, mut requests: mpsc::Receiver<()>) {
    let mut connection: Option<PgConnection> = None;
    while requests.recv().await.is_some() {
        for _attempt in 0..2 {
            if connection.is_none() {
                connection = PgConnection::connect_with(&options).await.ok();
            }
            let Some(open) = connection.as_mut() else {
                continue;
            };
            let notified = sqlx::query("SELECT pg_notify($1, current_schema())")
                .bind(FEED_CHANNEL)
                .execute(&mut *open)
                .await;
            if notified.is_ok() {
                break;
            }
            connection = None;
        }
    }
    if let Some(connection) = connection {
        let _ = connection.close().await;
    }
}
