//! [`Subscriber`]: a named reader of the change feed that hands each entry to
//! an async handler, keeps its checkpoint in the database, and wakes on
//! `LISTEN`/`NOTIFY` with polling as the fallback.

use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use complaint_workflow::store::{ChangeFeed, FeedEntry};
use sqlx::postgres::PgListener;

use crate::error::Error;
use crate::sql::FEED_CHANNEL;
use crate::store::PostgresStore;

/// How long [`Subscriber::run`] sleeps between two looks at the feed when no
/// notification wakes it first.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(5);

/// How many entries one read of the feed asks for.
pub const DEFAULT_BATCH: usize = 100;

/// A named subscriber of a [`PostgresStore`]'s change feed (a projection, a
/// notifier).
///
/// It delivers each entry at least once, in feed order, to a handler that is
/// idempotent by entry id: the checkpoint (the `checkpoints` table, in the
/// same database) is saved after the handler succeeded, so an entry handled
/// just before a crash is handed over again.
#[derive(Clone, Debug)]
pub struct Subscriber {
    store: PostgresStore,
    name: String,
    batch: usize,
    poll_interval: Duration,
}

/// Why a subscriber stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SubscriberError<E> {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] Error),
    /// The handler failed on an entry; the checkpoint stays before it, so it
    /// is handed over again next time.
    #[error("the handler failed on feed position {position}: {source}")]
    Handler {
        /// The entry's feed position.
        position: u64,
        /// What the handler said.
        source: E,
    },
}

impl Subscriber {
    /// The subscriber `name` of `store`'s feed ([`DEFAULT_BATCH`],
    /// [`DEFAULT_POLL_INTERVAL`]).
    pub fn new(store: PostgresStore, name: impl Into<String>) -> Self {
        Self {
            store,
            name: name.into(),
            batch: DEFAULT_BATCH,
            poll_interval: DEFAULT_POLL_INTERVAL,
        }
    }

    /// The same, sleeping at most `interval` between two looks at the feed
    /// when no notification comes.
    #[must_use]
    pub fn with_poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// The same, reading `batch` entries at a time (at least 1).
    #[must_use]
    pub fn with_batch(mut self, batch: usize) -> Self {
        self.batch = batch.max(1);
        self
    }

    /// The subscriber's name (its checkpoint's key).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Hands every entry after the checkpoint to `handler`, in order, saving
    /// the checkpoint after each batch the handler got through; returns how
    /// many entries were delivered.
    ///
    /// # Errors
    ///
    /// [`SubscriberError::Handler`] when the handler fails (the checkpoint is
    /// saved up to the entry before), [`SubscriberError::Store`].
    pub async fn run_once<F, Fut, E>(&self, mut handler: F) -> Result<u64, SubscriberError<E>>
    where
        F: FnMut(FeedEntry) -> Fut,
        Fut: Future<Output = Result<(), E>>,
    {
        let mut position = self.store.checkpoint(&self.name).await?;
        let mut delivered = 0;
        loop {
            let batch = self.store.entries_after(position, self.batch).await?;
            if batch.is_empty() {
                return Ok(delivered);
            }
            let saved = position;
            for entry in batch {
                let at = entry.position;
                if let Err(source) = handler(entry).await {
                    if position != saved {
                        self.store.save_checkpoint(&self.name, position).await?;
                    }
                    return Err(SubscriberError::Handler {
                        position: at,
                        source,
                    });
                }
                position = at;
                delivered += 1;
            }
            self.store.save_checkpoint(&self.name, position).await?;
        }
    }

    /// Delivers entries as [`run_once`](Self::run_once) does until `shutdown`
    /// completes, waking when a write notifies (`LISTEN complaint_workflow_feed`,
    /// the store's `pg_notify` after each write's commit) or after the poll interval,
    /// whichever comes first; returns how many entries were delivered.
    ///
    /// The subscriber listens before its first look at the feed, so a write
    /// that commits in between still wakes it. When the listening connection
    /// cannot be opened or breaks, polling alone goes on.
    /// `shutdown` is looked at between rounds, not while a round delivers.
    ///
    /// # Errors
    ///
    /// As [`run_once`](Self::run_once).
    pub async fn run<F, Fut, E>(
        &self,
        mut handler: F,
        shutdown: impl Future<Output = ()>,
    ) -> Result<u64, SubscriberError<E>>
    where
        F: FnMut(FeedEntry) -> Fut,
        Fut: Future<Output = Result<(), E>>,
    {
        let schema: String = sqlx::query_scalar("SELECT current_schema()")
            .fetch_one(self.store.pool())
            .await
            .map_err(Error::from)?;
        let mut listener = listen(&self.store).await;
        let mut shutdown = pin!(shutdown);
        let mut delivered = 0;
        loop {
            delivered += self.run_once(&mut handler).await?;
            tokio::select! {
                () = &mut shutdown => return Ok(delivered),
                () = wait(listener.as_mut(), &schema, self.poll_interval) => {}
            }
        }
    }
}

/// A listener on the feed channel, or `None` (polling only).
async fn listen(store: &PostgresStore) -> Option<PgListener> {
    let mut listener = PgListener::connect_with(store.pool()).await.ok()?;
    listener.listen(FEED_CHANNEL).await.ok()?;
    Some(listener)
}

/// Until a write to `schema` notifies, or `poll` has passed.
async fn wait(listener: Option<&mut PgListener>, schema: &str, poll: Duration) {
    let mut sleep = pin!(tokio::time::sleep(poll));
    let Some(listener) = listener else {
        return sleep.await;
    };
    tokio::select! {
        () = &mut sleep => {}
        notified = notification(listener, schema) => {
            if notified.is_err() {
                // The listener reconnects on its next use; until then, poll.
                sleep.await;
            }
        }
    }
}

async fn notification(listener: &mut PgListener, schema: &str) -> Result<(), sqlx::Error> {
    loop {
        if listener.recv().await?.payload() == schema {
            return Ok(());
        }
    }
}
