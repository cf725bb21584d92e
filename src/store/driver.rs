//! [`Complaints`]: the driver on top of any [`ComplaintStore`]: the
//! load–apply–append loop with optimistic concurrency, idempotent commands
//! and a bounded number of attempts.

use chrono::{DateTime, Utc};

use super::contract::{AppendError, CommandOrHistory, ComplaintStore, DueComplaint};
use super::error::StoreError;
use crate::context::Context;
use crate::lifecycle::{Accept, Event, TransitionError};
use crate::record::{ComplaintRecord, Conflict, Entry};
use crate::values::ComplaintId;

/// How many times [`Complaints::apply`] loads, applies and appends before it
/// gives up with the last conflict.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 1_000;

/// Complaints kept in a store: what an application calls.
///
/// ```
/// # use complaint_workflow::store::{Complaints, ComplaintStore};
/// # async fn example<S: ComplaintStore>(store: S) -> Result<(), Box<dyn std::error::Error>> {
/// let complaints = Complaints::new(store).with_max_attempts(10);
/// # let _ = complaints; Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Complaints<S> {
    store: S,
    max_attempts: u32,
}

/// What a write did.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Applied {
    /// The complaint written to.
    pub complaint_id: ComplaintId,
    /// The entries the call produced (for a repeated command: the ones it
    /// produced the first time).
    pub entries: Vec<Entry>,
    /// The command was stored already: nothing was appended.
    pub repeated: bool,
    /// How many appends were refused with a conflict before this one.
    pub conflicts: u32,
}

impl<S: ComplaintStore> Complaints<S> {
    /// The complaints of `store`, retried up to [`DEFAULT_MAX_ATTEMPTS`] times.
    pub fn new(store: S) -> Self {
        Self {
            store,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
        }
    }

    /// The same, trying each write at most `attempts` times (at least once).
    #[must_use]
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The store underneath.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// R1: accepts a complaint and stores it, under an external `reference`
    /// when one is given (unique per store).
    ///
    /// With a [command id](Context::with_command) that is stored already, the
    /// entries it produced come back and nothing is written: a retried intake
    /// is stored once.
    ///
    /// # Errors
    ///
    /// [`StoreError::Transition`] when the rules refuse the intake,
    /// [`StoreError::Conflict`] when the reference is taken (or the command
    /// was stored by another intake at the same moment and every attempt
    /// lost), [`StoreError::Store`] when the database fails.
    pub async fn create(
        &self,
        accept: Accept,
        reference: Option<&str>,
        ctx: &Context<'_>,
    ) -> Result<Applied, StoreError<S::Error>> {
        let record = ComplaintRecord::accept(accept, ctx)?;
        let mut conflicts = 0;
        loop {
            if let Some(command) = ctx.command() {
                if let Some(entries) = self.command_entries(command).await? {
                    return Ok(repeated(entries, conflicts));
                }
            }
            match self.store.create(&record, reference).await {
                Ok(()) => return Ok(applied(&record, record.entries(), conflicts)),
                // Only a command stored in between is worth another look:
                // a taken reference stays taken.
                Err(AppendError::Conflict(conflict)) => {
                    self.after_conflict(&mut conflicts, conflict, ctx.command().is_some())?;
                }
                Err(AppendError::Store(error)) => return Err(StoreError::Store(error)),
            }
        }
    }

    /// Loads a complaint: its stored entries, replayed and checked.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`], [`StoreError::Replay`] naming the entry that
    /// does not replay, or [`StoreError::Store`].
    pub async fn load(&self, id: ComplaintId) -> Result<ComplaintRecord, StoreError<S::Error>> {
        let entries = self.store.entries(id).await.map_err(StoreError::Store)?;
        replayed(id, entries)
    }

    /// The complaint stored under an external reference, loaded.
    ///
    /// # Errors
    ///
    /// As [`load`](Self::load); [`StoreError::Store`] when the lookup fails.
    pub async fn load_by_reference(
        &self,
        reference: &str,
    ) -> Result<Option<ComplaintRecord>, StoreError<S::Error>> {
        match self
            .store
            .complaint_by_reference(reference)
            .await
            .map_err(StoreError::Store)?
        {
            Some(id) => self.load(id).await.map(Some),
            None => Ok(None),
        }
    }

    /// The read-modify-append loop: loads complaint `id`, applies `event`
    /// under `ctx`, appends the new entries after the version it loaded; on a
    /// conflict it starts again from the load, at most the driver's number of
    /// attempts.
    ///
    /// With a [command id](Context::with_command) that is stored already, the
    /// entries it produced come back and nothing is appended: a retried
    /// request is applied once.
    ///
    /// # Errors
    ///
    /// [`StoreError::Transition`] when the rules refuse the event (a command
    /// id stored for another event or complaint included),
    /// [`StoreError::Conflict`] after the last attempt, and the errors of
    /// [`load`](Self::load).
    pub async fn apply(
        &self,
        id: ComplaintId,
        event: impl Into<Event>,
        ctx: &Context<'_>,
    ) -> Result<Applied, StoreError<S::Error>> {
        let event = event.into();
        let mut conflicts = 0;
        loop {
            // With a command: its entries or the history, one store call
            // (one round trip on the database stores), then the append.
            let mut record = match ctx.command() {
                None => self.load(id).await?,
                Some(command) => match self
                    .store
                    .command_or_history(id, command)
                    .await
                    .map_err(StoreError::Store)?
                {
                    CommandOrHistory::Command(entries) => {
                        let same = entries.first().is_some_and(|first| {
                            first.complaint_id() == id && first.event() == &event
                        });
                        if !same {
                            return Err(TransitionError::CommandReused {
                                command: command.clone(),
                            }
                            .into());
                        }
                        return Ok(repeated(entries, conflicts));
                    }
                    CommandOrHistory::History(entries) => replayed(id, entries)?,
                },
            };
            let loaded = record.version();
            let entries = record.apply(event.clone(), ctx)?.to_vec();
            if record.version() == loaded {
                // The history held the command already (another writer
                // stored it between a store's two reads, when its
                // `command_or_history` makes two): nothing to append.
                return Ok(repeated(entries, conflicts));
            }
            match self.store.append(loaded, &record).await {
                Ok(()) => return Ok(applied(&record, &entries, conflicts)),
                Err(AppendError::Conflict(conflict)) => {
                    self.after_conflict(&mut conflicts, conflict, true)?;
                }
                Err(AppendError::Store(error)) => return Err(StoreError::Store(error)),
            }
        }
    }

    /// A3: the explicit upgrade pass for complaint `id`: loads it and, when
    /// entries were read as schema 1 (sealed on upgrade), writes them back
    /// as schema 2 with their seals, appending nothing: a conditional
    /// rewrite under the version it loaded, retried from the load on a
    /// conflict like [`apply`](Self::apply). Answers how many entries were
    /// written back (0 when every entry was stored as schema 2 already).
    ///
    /// An application runs it over the complaints of a store written by an
    /// older version of the crate; without it, each complaint is written
    /// back on its next append.
    ///
    /// # Errors
    ///
    /// The errors of [`load`](Self::load), and [`StoreError::Conflict`]
    /// after the last attempt.
    pub async fn upgrade(&self, id: ComplaintId) -> Result<usize, StoreError<S::Error>> {
        let mut conflicts = 0;
        loop {
            let record = self.load(id).await?;
            let loaded = record.version();
            let rewrites = record.rewrites_since(loaded).len();
            if rewrites == 0 {
                return Ok(0);
            }
            match self.store.append(loaded, &record).await {
                Ok(()) => return Ok(rewrites),
                Err(AppendError::Conflict(conflict)) => {
                    self.after_conflict(&mut conflicts, conflict, true)?;
                }
                Err(AppendError::Store(error)) => return Err(StoreError::Store(error)),
            }
        }
    }

    /// Counts one more conflict; [`StoreError::Conflict`] when it is the
    /// last attempt or `retry` is false, for the caller to return.
    fn after_conflict(
        &self,
        conflicts: &mut u32,
        conflict: Conflict,
        retry: bool,
    ) -> Result<(), StoreError<S::Error>> {
        *conflicts += 1;
        if !retry || *conflicts >= self.max_attempts {
            return Err(StoreError::Conflict {
                conflict,
                attempts: *conflicts,
            });
        }
        Ok(())
    }

    /// The complaints whose next deadline is due before `before`, earliest
    /// first, at most `limit`.
    ///
    /// # Errors
    ///
    /// [`StoreError::Store`].
    pub async fn due_before(
        &self,
        before: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<DueComplaint>, StoreError<S::Error>> {
        self.store
            .due_before(before, limit)
            .await
            .map_err(StoreError::Store)
    }

    async fn command_entries(
        &self,
        command: &crate::values::CommandId,
    ) -> Result<Option<Vec<Entry>>, StoreError<S::Error>> {
        self.store
            .command_entries(command)
            .await
            .map_err(StoreError::Store)
    }
}

/// The stored `entries` of complaint `id`, replayed and checked.
fn replayed<E>(id: ComplaintId, entries: Vec<Entry>) -> Result<ComplaintRecord, StoreError<E>> {
    if entries.is_empty() {
        return Err(StoreError::NotFound(id));
    }
    ComplaintRecord::replay(entries).map_err(|source| StoreError::Replay {
        complaint: id,
        source,
    })
}

fn applied(record: &ComplaintRecord, entries: &[Entry], conflicts: u32) -> Applied {
    Applied {
        complaint_id: record.id(),
        entries: entries.to_vec(),
        repeated: false,
        conflicts,
    }
}

fn repeated(entries: Vec<Entry>, conflicts: u32) -> Applied {
    Applied {
        complaint_id: entries
            .first()
            .map_or(ComplaintId::MIN, Entry::complaint_id),
        entries,
        repeated: true,
        conflicts,
    }
}
