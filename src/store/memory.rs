//! [`MemoryStore`]: the store contract kept in memory, for tests, examples
//! and programs whose complaints need not outlive them. It is the reference
//! the database stores are measured against: the conformance suite runs on
//! it too.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::convert::Infallible;
use std::future::{Future, ready};
use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Utc};

use super::contract::{AppendError, ChangeFeed, ComplaintStore, DueComplaint, FeedEntry};
use crate::record::{ComplaintRecord, Conflict, Entry, ExpectedVersion};
use crate::values::{CommandId, ComplaintId};

/// Complaint histories in memory, behind one lock: every method is atomic,
/// as a database transaction is. It keeps the contract's provided
/// [`command_or_history`](ComplaintStore::command_or_history) and
/// [`for_each_after`](ChangeFeed::for_each_after) (composed of the other
/// methods), so the conformance suite checks those on it.
///
/// ```
/// use complaint_workflow::store::{Complaints, MemoryStore};
/// # use chrono::{TimeZone, Utc};
/// # use complaint_workflow::{event::Accept, *};
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     // The memory store's futures are ready at once.
/// #     let mut future = std::pin::pin!(future);
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     loop { if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) { return out; } }
/// # }
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let policy = Policy::default();
/// let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
/// let ctx = Context::new(Actor::agent("a-7"), now, &policy).with_command("intake-1");
/// let complaints = Complaints::new(MemoryStore::new());
/// let accept = Accept {
///     complainant: Complainant::new("c-1"),
///     received_at: now,
///     channel: Channel::Phone,
///     content: "The parcel arrived broken".into(),
///     category: Category::new("delivery"),
///     severity: Severity::Medium,
/// };
/// let first = block_on(complaints.create(accept.clone(), Some("CMP-2026-000001"), &ctx))?;
/// // The same command again (a retried request) is stored once.
/// let again = block_on(complaints.create(accept, Some("CMP-2026-000001"), &ctx))?;
/// assert!(again.repeated);
/// let loaded = block_on(complaints.load_by_reference("CMP-2026-000001"))?;
/// assert_eq!(loaded.map(|record| record.id()), Some(first.complaint_id));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Default)]
pub struct MemoryStore {
    tables: Mutex<Tables>,
}

#[derive(Debug, Default)]
struct Tables {
    entries: HashMap<ComplaintId, Vec<Entry>>,
    commands: HashMap<CommandId, (ComplaintId, u64, u64)>,
    references: HashMap<String, ComplaintId>,
    due: BTreeSet<(DateTime<Utc>, ComplaintId)>,
    next_due: HashMap<ComplaintId, DateTime<Utc>>,
    feed: Vec<Entry>,
    checkpoints: BTreeMap<String, u64>,
}

impl MemoryStore {
    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn tables(&self) -> MutexGuard<'_, Tables> {
        // A panic elsewhere while the lock was held cannot leave the tables
        // half-written: every method checks before it writes anything.
        self.tables.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Tables {
    /// The command runs of `entries` that are stored already, if any.
    fn command_taken(&self, entries: &[Entry]) -> bool {
        entries
            .iter()
            .filter_map(Entry::command)
            .any(|command| self.commands.contains_key(command))
    }

    /// Writes `new` (the entries after the stored ones) and the summary.
    fn write(&mut self, record: &ComplaintRecord, new: &[Entry]) {
        let id = record.id();
        for entry in new {
            if let Some(command) = entry.command() {
                let run = self.commands.entry(command.clone()).or_insert((
                    id,
                    entry.sequence(),
                    entry.sequence(),
                ));
                run.2 = entry.sequence();
            }
        }
        self.entries
            .entry(id)
            .or_default()
            .extend(new.iter().cloned());
        self.feed.extend(new.iter().cloned());
        if let Some(due) = self.next_due.remove(&id) {
            self.due.remove(&(due, id));
        }
        // W1: the next alarm is what the index holds.
        if let Some(alarm) = record.next_alarm() {
            self.next_due.insert(id, alarm.at);
            self.due.insert((alarm.at, id));
        }
    }
}

impl Tables {
    /// A2, A3: writes back the stored entries of `record` that
    /// [`ComplaintRecord::rewrites_since`] lists for `loaded`, in the
    /// history and in the feed.
    fn rewrite(&mut self, record: &ComplaintRecord, loaded: u64) {
        let id = record.id();
        for sequence in record.rewrites_since(loaded) {
            let Some(entry) = usize::try_from(sequence)
                .ok()
                .and_then(|sequence| sequence.checked_sub(1))
                .and_then(|index| record.entries().get(index))
            else {
                continue;
            };
            let stored = self.entries.get_mut(&id).and_then(|history| {
                history
                    .iter_mut()
                    .find(|stored| stored.sequence() == sequence)
            });
            if let Some(stored) = stored {
                stored.clone_from(entry);
            }
            let fed = self
                .feed
                .iter_mut()
                .find(|fed| fed.complaint_id() == id && fed.sequence() == sequence);
            if let Some(fed) = fed {
                fed.clone_from(entry);
            }
        }
    }
}

impl ComplaintStore for MemoryStore {
    type Error = Infallible;

    fn entries(
        &self,
        id: ComplaintId,
    ) -> impl Future<Output = Result<Vec<Entry>, Self::Error>> + Send {
        ready(Ok(self
            .tables()
            .entries
            .get(&id)
            .cloned()
            .unwrap_or_default()))
    }

    fn command_entries(
        &self,
        command: &CommandId,
    ) -> impl Future<Output = Result<Option<Vec<Entry>>, Self::Error>> + Send {
        let tables = self.tables();
        let found = tables.commands.get(command).and_then(|&(id, first, last)| {
            let entries = tables.entries.get(&id)?;
            let start = usize::try_from(first.checked_sub(1)?).ok()?;
            let end = usize::try_from(last).ok()?;
            entries.get(start..end).map(<[Entry]>::to_vec)
        });
        ready(Ok(found))
    }

    fn create(
        &self,
        record: &ComplaintRecord,
        reference: Option<&str>,
    ) -> impl Future<Output = Result<(), AppendError<Self::Error>>> + Send {
        let mut tables = self.tables();
        let stored = tables.entries.get(&record.id()).map(|e| e.len() as u64);
        let taken = reference.is_some_and(|r| tables.references.contains_key(r))
            || tables.command_taken(record.entries());
        let result = match (stored, taken) {
            (None, false) => {
                if let Some(reference) = reference {
                    tables.references.insert(reference.to_owned(), record.id());
                }
                tables.write(record, record.entries());
                Ok(())
            }
            (actual, _) => Err(AppendError::Conflict(Conflict {
                expected: ExpectedVersion::NoRecord,
                actual: actual.or(Some(0)),
            })),
        };
        ready(result)
    }

    fn append(
        &self,
        loaded: u64,
        record: &ComplaintRecord,
    ) -> impl Future<Output = Result<(), AppendError<Self::Error>>> + Send {
        let mut tables = self.tables();
        let stored = tables.entries.get(&record.id()).map(|e| e.len() as u64);
        let new = record.entries_since(loaded);
        let result = if stored != Some(loaded) || tables.command_taken(new) {
            Err(AppendError::Conflict(Conflict {
                expected: ExpectedVersion::Exactly(loaded),
                actual: stored,
            }))
        } else {
            tables.rewrite(record, loaded);
            tables.write(record, new);
            Ok(())
        };
        ready(result)
    }

    fn complaint_by_reference(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Option<ComplaintId>, Self::Error>> + Send {
        ready(Ok(self.tables().references.get(reference).copied()))
    }

    fn due_before(
        &self,
        before: DateTime<Utc>,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<DueComplaint>, Self::Error>> + Send {
        let due = self
            .tables()
            .due
            .range(..(before, ComplaintId::MIN))
            .take(limit)
            .map(|&(due, complaint_id)| DueComplaint { complaint_id, due })
            .collect();
        ready(Ok(due))
    }
}

impl ChangeFeed for MemoryStore {
    type Error = Infallible;

    fn entries_after(
        &self,
        position: u64,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<FeedEntry>, Self::Error>> + Send {
        let tables = self.tables();
        let start = usize::try_from(position).unwrap_or(usize::MAX);
        let entries = tables
            .feed
            .iter()
            .enumerate()
            .skip(start)
            .take(limit)
            .map(|(index, entry)| FeedEntry {
                position: index as u64 + 1,
                entry: entry.clone(),
            })
            .collect();
        ready(Ok(entries))
    }

    fn checkpoint(
        &self,
        subscriber: &str,
    ) -> impl Future<Output = Result<u64, Self::Error>> + Send {
        ready(Ok(self
            .tables()
            .checkpoints
            .get(subscriber)
            .copied()
            .unwrap_or(0)))
    }

    fn save_checkpoint(
        &self,
        subscriber: &str,
        position: u64,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send {
        self.tables()
            .checkpoints
            .insert(subscriber.to_owned(), position);
        ready(Ok(()))
    }
}
