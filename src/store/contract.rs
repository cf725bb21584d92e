//! The store contract: the operations a database offers the driver, each one
//! transaction, as async methods with `Send` futures and the store's own
//! error type.

use std::future::Future;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::record::{ComplaintRecord, Conflict, Entry};
use crate::values::{CommandId, ComplaintId};

/// Where a database keeps complaint histories (R7: append-only).
///
/// Every method is one transaction. A store keeps, per complaint, its entries
/// (unique by complaint and sequence), a summary row with the stage, the
/// version and the next due time (indexed), and the command ids of its
/// entries (unique), so that a retried command is found and applied once.
pub trait ComplaintStore: Send + Sync {
    /// What the database can say no with (a lost connection, a full disk).
    type Error: std::error::Error + Send + Sync + 'static;

    /// The stored entries of one complaint, oldest first; empty when the
    /// store holds no such complaint.
    fn entries(
        &self,
        id: ComplaintId,
    ) -> impl Future<Output = Result<Vec<Entry>, Self::Error>> + Send;

    /// The entries a command produced, if a stored complaint holds the
    /// command (they are contiguous, in one complaint).
    fn command_entries(
        &self,
        command: &CommandId,
    ) -> impl Future<Output = Result<Option<Vec<Entry>>, Self::Error>> + Send;

    /// What the driver reads before it applies an event under a command id:
    /// the entries `command` produced when a stored complaint holds it,
    /// otherwise the stored entries of complaint `id`, oldest first (empty
    /// when the store holds no such complaint).
    ///
    /// The provided method is [`command_entries`](Self::command_entries)
    /// then [`entries`](Self::entries), two calls: a command stored between
    /// them is in the history it answers, where
    /// [`ComplaintRecord::apply`] finds it. A database store answers both
    /// in one query (one round trip, one snapshot) and overrides it.
    fn command_or_history(
        &self,
        id: ComplaintId,
        command: &CommandId,
    ) -> impl Future<Output = Result<CommandOrHistory, Self::Error>> + Send {
        async move {
            match self.command_entries(command).await? {
                Some(entries) => Ok(CommandOrHistory::Command(entries)),
                None => self.entries(id).await.map(CommandOrHistory::History),
            }
        }
    }

    /// Stores a new complaint: every entry of `record`, its summary row and
    /// its command ids, and `reference` (unique per store) when one is given.
    ///
    /// A store refuses with [`AppendError::Conflict`] (expected: no record)
    /// when the complaint, one of its command ids or the reference is stored
    /// already; nothing is written then.
    fn create(
        &self,
        record: &ComplaintRecord,
        reference: Option<&str>,
    ) -> impl Future<Output = Result<(), AppendError<Self::Error>>> + Send;

    /// Appends the entries of `record` after `loaded`, the version the
    /// writer loaded, and updates the summary row; only when the stored
    /// version is still `loaded`.
    ///
    /// In the same transaction, under the same check of the version, it
    /// writes back the stored entries that
    /// [`ComplaintRecord::rewrites_since`]`(loaded)` lists: the entries a
    /// new `redact` entry changed (A2: their texts replaced by the
    /// tombstone, their seals keeping the commitments) and the entries read
    /// as schema 1 and sealed on upgrade (A3: written back as schema 2).
    /// Only an entry's stored body (and its schema) changes, never its
    /// complaint, sequence, id or position. `record` may have no entry
    /// after `loaded` ([`Complaints::upgrade`](super::Complaints::upgrade)):
    /// then only the write-back happens, under the check of the version.
    ///
    /// A store refuses with [`AppendError::Conflict`] when another writer
    /// appended first or a command id of the new entries is stored already;
    /// nothing is written then.
    fn append(
        &self,
        loaded: u64,
        record: &ComplaintRecord,
    ) -> impl Future<Output = Result<(), AppendError<Self::Error>>> + Send;

    /// The complaint stored under an external reference (a number customers
    /// quote, or another system's id).
    fn complaint_by_reference(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Option<ComplaintId>, Self::Error>> + Send;

    /// "What is due?": the complaints whose next deadline is due strictly
    /// before `before`, earliest first (ties by id), at most `limit`, from one
    /// indexed query — the same answer as
    /// [`Agenda::due_before`](crate::deadline::Agenda::due_before) over the
    /// same records.
    fn due_before(
        &self,
        before: DateTime<Utc>,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<DueComplaint>, Self::Error>> + Send;
}

/// The page size of the provided [`ChangeFeed::for_each_after`].
pub const FEED_PAGE: usize = 1_000;

/// A store's change feed: every entry of every complaint with a global
/// position, for projections (a read model, notifications).
pub trait ChangeFeed: Send + Sync {
    /// What the database can say no with.
    type Error: std::error::Error + Send + Sync + 'static;

    /// The entries after `position`, in position order, at most `limit`.
    ///
    /// A store never returns an entry past a position that a transaction
    /// still in flight may yet fill: a reader that goes on from the last
    /// position it read never skips an entry.
    fn entries_after(
        &self,
        position: u64,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<FeedEntry>, Self::Error>> + Send;

    /// Hands the entries after `position`, in position order, at most
    /// `limit`, to `each` as they are read, and answers how many it handed
    /// over: what [`entries_after`](Self::entries_after) pages through,
    /// without holding a page of them (a projection rebuilt from the start,
    /// an export).
    ///
    /// The same guarantee: no entry is handed over past a position that a
    /// transaction still in flight may yet fill. The provided method reads
    /// [`entries_after`](Self::entries_after) pages of [`FEED_PAGE`]
    /// entries until `limit` or an empty page; a database store streams the
    /// rows of one statement instead, decoding each as it arrives. When it
    /// fails part way, the entries handed over before the error were read:
    /// a caller goes on from the last position it was handed.
    fn for_each_after<F>(
        &self,
        position: u64,
        limit: usize,
        each: F,
    ) -> impl Future<Output = Result<usize, Self::Error>> + Send
    where
        F: FnMut(FeedEntry) + Send,
    {
        async move {
            let mut each = each;
            let (mut position, mut handed) = (position, 0);
            while handed < limit {
                let page = self
                    .entries_after(position, (limit - handed).min(FEED_PAGE))
                    .await?;
                if page.is_empty() {
                    break;
                }
                handed += page.len();
                for entry in page {
                    position = entry.position;
                    each(entry);
                }
            }
            Ok(handed)
        }
    }

    /// The position a named subscriber has handled up to (0: nothing yet).
    fn checkpoint(&self, subscriber: &str)
    -> impl Future<Output = Result<u64, Self::Error>> + Send;

    /// Records that `subscriber` has handled every entry up to `position`.
    fn save_checkpoint(
        &self,
        subscriber: &str,
        position: u64,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send;
}

/// What [`ComplaintStore::command_or_history`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandOrHistory {
    /// The command is stored: the entries it produced (contiguous, in one
    /// complaint, which may be another than the one asked for).
    Command(Vec<Entry>),
    /// The command is not stored: the stored entries of
    /// the complaint, oldest first; empty when the store holds no such
    /// complaint.
    History(Vec<Entry>),
}

/// A write the store refused.
#[derive(Debug, thiserror::Error)]
pub enum AppendError<E> {
    /// The stored complaint is not at the version the writer loaded (or a
    /// unique key refused the write): reload, reapply, append again.
    #[error(transparent)]
    Conflict(#[from] Conflict),
    /// The database said no.
    #[error(transparent)]
    Store(E),
}

/// A complaint with a deadline due, as the indexed summary row has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DueComplaint {
    /// The complaint.
    pub complaint_id: ComplaintId,
    /// When its next deadline is due.
    pub due: DateTime<Utc>,
}

/// An entry of the change feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedEntry {
    /// Its position in the feed, from 1, increasing in commit order as far as
    /// a reader can see (see [`ChangeFeed::entries_after`]).
    pub position: u64,
    /// The entry.
    pub entry: Entry,
}

/// A shared store is a store: an application keeps one behind an `Arc` in
/// its server state.
impl<T: ComplaintStore + ?Sized> ComplaintStore for std::sync::Arc<T> {
    type Error = T::Error;

    fn entries(
        &self,
        id: ComplaintId,
    ) -> impl Future<Output = Result<Vec<Entry>, Self::Error>> + Send {
        (**self).entries(id)
    }

    fn command_entries(
        &self,
        command: &CommandId,
    ) -> impl Future<Output = Result<Option<Vec<Entry>>, Self::Error>> + Send {
        (**self).command_entries(command)
    }

    fn command_or_history(
        &self,
        id: ComplaintId,
        command: &CommandId,
    ) -> impl Future<Output = Result<CommandOrHistory, Self::Error>> + Send {
        (**self).command_or_history(id, command)
    }

    fn create(
        &self,
        record: &ComplaintRecord,
        reference: Option<&str>,
    ) -> impl Future<Output = Result<(), AppendError<Self::Error>>> + Send {
        (**self).create(record, reference)
    }

    fn append(
        &self,
        loaded: u64,
        record: &ComplaintRecord,
    ) -> impl Future<Output = Result<(), AppendError<Self::Error>>> + Send {
        (**self).append(loaded, record)
    }

    fn complaint_by_reference(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Option<ComplaintId>, Self::Error>> + Send {
        (**self).complaint_by_reference(reference)
    }

    fn due_before(
        &self,
        before: DateTime<Utc>,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<DueComplaint>, Self::Error>> + Send {
        (**self).due_before(before, limit)
    }
}

/// A shared change feed is a change feed.
impl<T: ChangeFeed + ?Sized> ChangeFeed for std::sync::Arc<T> {
    type Error = T::Error;

    fn entries_after(
        &self,
        position: u64,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<FeedEntry>, Self::Error>> + Send {
        (**self).entries_after(position, limit)
    }

    fn for_each_after<F>(
        &self,
        position: u64,
        limit: usize,
        each: F,
    ) -> impl Future<Output = Result<usize, Self::Error>> + Send
    where
        F: FnMut(FeedEntry) + Send,
    {
        (**self).for_each_after(position, limit, each)
    }

    fn checkpoint(
        &self,
        subscriber: &str,
    ) -> impl Future<Output = Result<u64, Self::Error>> + Send {
        (**self).checkpoint(subscriber)
    }

    fn save_checkpoint(
        &self,
        subscriber: &str,
        position: u64,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send {
        (**self).save_checkpoint(subscriber, position)
    }
}
