//! [`Subscriber`]: the change feed delivered to a handler, at least once and
//! in order, with the checkpoint kept in the same database.

use std::future::Future;
use std::time::Duration;

use complaint_workflow::store::{ChangeFeed, FeedEntry};

use crate::{Error, SqliteStore};

/// What a subscriber's handler fails with.
pub type HandlerError = Box<dyn std::error::Error + Send + Sync>;

/// A named reader of the change feed: hands each entry after its checkpoint
/// to an async handler, in position order, and saves the checkpoint after
/// the handler succeeds.
///
/// Delivery is at least once: a process that stops between a handler's
/// success and the saved checkpoint hands that entry over again on its next
/// run, so a handler is idempotent by entry id (an `INSERT … ON CONFLICT`,
/// a sent-messages table keyed by [`Entry::id`](complaint_workflow::record::Entry::id)).
/// A handler that fails stops the run with [`Error::Handler`]; the entry is
/// delivered again next time.
///
/// SQLite has no notifications: [`run`](Self::run) polls, every
/// [`poll_interval`](Self::with_poll_interval) while the feed is idle.
#[derive(Clone, Debug)]
pub struct Subscriber {
    store: SqliteStore,
    name: String,
    batch: usize,
    poll_interval: Duration,
}

impl Subscriber {
    /// The subscriber `name` of `store`'s feed: batches of 100, polling
    /// every 500 ms.
    pub fn new(store: SqliteStore, name: impl Into<String>) -> Self {
        Self {
            store,
            name: name.into(),
            batch: 100,
            poll_interval: Duration::from_millis(500),
        }
    }

    /// The same, reading `batch` entries at a time (at least one).
    #[must_use]
    pub fn with_batch(mut self, batch: usize) -> Self {
        self.batch = batch.max(1);
        self
    }

    /// The same, looking for new entries every `interval` while idle.
    #[must_use]
    pub fn with_poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// The subscriber's name (its checkpoint's key).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Delivers every entry after the checkpoint, as far as the feed goes
    /// now; how many were delivered.
    ///
    /// # Errors
    ///
    /// [`Error::Handler`] when the handler fails (the entries before it stay
    /// handled), or the store's errors.
    pub async fn run_once<F, Fut>(&self, mut handler: F) -> Result<usize, Error>
    where
        F: FnMut(FeedEntry) -> Fut,
        Fut: Future<Output = Result<(), HandlerError>>,
    {
        let mut position = self.store.checkpoint(&self.name).await?;
        let mut delivered = 0;
        loop {
            match self.deliver_batch(&mut position, &mut handler).await? {
                0 => return Ok(delivered),
                n => delivered += n,
            }
        }
    }

    /// Delivers entries as they come until `shutdown` completes (it is
    /// looked at between batches and while idle); how many were delivered.
    ///
    /// # Errors
    ///
    /// As [`run_once`](Self::run_once).
    pub async fn run<F, Fut, S>(&self, mut handler: F, shutdown: S) -> Result<usize, Error>
    where
        F: FnMut(FeedEntry) -> Fut,
        Fut: Future<Output = Result<(), HandlerError>>,
        S: Future<Output = ()>,
    {
        let mut shutdown = std::pin::pin!(shutdown);
        let mut position = self.store.checkpoint(&self.name).await?;
        let mut delivered = 0;
        loop {
            let now = self.deliver_batch(&mut position, &mut handler).await?;
            delivered += now;
            let wait = if now > 0 {
                Duration::ZERO
            } else {
                self.poll_interval
            };
            // Ready: shut down; elapsed: look again.
            if tokio::time::timeout(wait, shutdown.as_mut()).await.is_ok() {
                return Ok(delivered);
            }
        }
    }

    /// One batch after `position`, each entry handled and then checkpointed;
    /// `position` follows. How many were delivered.
    async fn deliver_batch<F, Fut>(
        &self,
        position: &mut u64,
        handler: &mut F,
    ) -> Result<usize, Error>
    where
        F: FnMut(FeedEntry) -> Fut,
        Fut: Future<Output = Result<(), HandlerError>>,
    {
        let batch = self.store.entries_after(*position, self.batch).await?;
        let delivered = batch.len();
        for entry in batch {
            let at = entry.position;
            handler(entry).await.map_err(|source| Error::Handler {
                subscriber: self.name.clone(),
                position: at,
                source,
            })?;
            self.store.save_checkpoint(&self.name, at).await?;
            *position = at;
        }
        Ok(delivered)
    }
}
