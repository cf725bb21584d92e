//! [`Shared`]: one store behind an `Arc`, so that the racing writers (tokio
//! tasks, `'static`) can share it without asking stores to be `Clone`.
//!
//! Every call first yields to the runtime, as a call over a network does:
//! writers interleave between the load and the append even where the store
//! answers at once (the memory store) or the runtime has one thread, so they
//! meet and conflict on any store.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use complaint_workflow::ComplaintRecord;
use complaint_workflow::record::Entry;
use complaint_workflow::store::{
    AppendError, ChangeFeed, CommandOrHistory, ComplaintStore, DueComplaint, FeedEntry,
};
use complaint_workflow::{CommandId, ComplaintId};
use tokio::task::yield_now;

/// The store under test, shared: every method yields once, then forwards
/// to it.
#[derive(Debug)]
pub(crate) struct Shared<S>(Arc<S>);

impl<S> Shared<S> {
    pub(crate) fn new(store: S) -> Self {
        Self(Arc::new(store))
    }

    /// The store under test itself.
    pub(crate) fn inner(&self) -> &S {
        &self.0
    }
}

impl<S> Clone for Shared<S> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<S: ComplaintStore> ComplaintStore for Shared<S> {
    type Error = S::Error;

    async fn entries(&self, id: ComplaintId) -> Result<Vec<Entry>, Self::Error> {
        yield_now().await;
        self.0.entries(id).await
    }

    async fn command_entries(
        &self,
        command: &CommandId,
    ) -> Result<Option<Vec<Entry>>, Self::Error> {
        yield_now().await;
        self.0.command_entries(command).await
    }

    async fn command_or_history(
        &self,
        id: ComplaintId,
        command: &CommandId,
    ) -> Result<CommandOrHistory, Self::Error> {
        yield_now().await;
        self.0.command_or_history(id, command).await
    }

    async fn create(
        &self,
        record: &ComplaintRecord,
        reference: Option<&str>,
    ) -> Result<(), AppendError<Self::Error>> {
        yield_now().await;
        self.0.create(record, reference).await
    }

    async fn append(
        &self,
        loaded: u64,
        record: &ComplaintRecord,
    ) -> Result<(), AppendError<Self::Error>> {
        yield_now().await;
        self.0.append(loaded, record).await
    }

    async fn complaint_by_reference(
        &self,
        reference: &str,
    ) -> Result<Option<ComplaintId>, Self::Error> {
        yield_now().await;
        self.0.complaint_by_reference(reference).await
    }

    async fn due_before(
        &self,
        before: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<DueComplaint>, Self::Error> {
        yield_now().await;
        self.0.due_before(before, limit).await
    }
}

impl<S: ChangeFeed> ChangeFeed for Shared<S> {
    type Error = S::Error;

    async fn entries_after(
        &self,
        position: u64,
        limit: usize,
    ) -> Result<Vec<FeedEntry>, Self::Error> {
        yield_now().await;
        self.0.entries_after(position, limit).await
    }

    async fn for_each_after<F>(
        &self,
        position: u64,
        limit: usize,
        each: F,
    ) -> Result<usize, Self::Error>
    where
        F: FnMut(FeedEntry) + Send,
    {
        yield_now().await;
        self.0.for_each_after(position, limit, each).await
    }

    async fn checkpoint(&self, subscriber: &str) -> Result<u64, Self::Error> {
        yield_now().await;
        self.0.checkpoint(subscriber).await
    }

    async fn save_checkpoint(&self, subscriber: &str, position: u64) -> Result<(), Self::Error> {
        yield_now().await;
        self.0.save_checkpoint(subscriber, position).await
    }
}
