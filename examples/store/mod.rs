//! Storing complaint histories in a real database: the contract of
//! `docs/storage.md` on SQLite ([`sqlite`]) and PostgreSQL ([`postgres`]).
//!
//! This module lives beside the examples, not in the library: the crate stays
//! free of I/O, and the database clients stay out of the library's
//! dependencies (they are dev-dependencies). The examples include it with
//! `#[path = "store/mod.rs"] mod store;` and the storage tests with
//! `#[path = "../examples/store/mod.rs"] mod store;`, so the code the tests
//! prove is the code the examples show. An application copies what it needs.
//!
//! The pieces:
//!
//! - [`Store`]: load a history, append after an expected version in one
//!   transaction, find a command's entries, ask what is due, keep and delete
//!   contact details;
//! - [`apply`] and [`create`]: the read-modify-append loop, retried on a
//!   [`Conflict`];
//! - [`erase_personal_data`]: the complainant's contact details deleted from
//!   the application's own table, the erasure recorded on every complaint.

// Each example and test binary uses a part of this module.
#![allow(dead_code)]

pub mod postgres;
pub mod sqlite;

use chrono::{DateTime, Utc};
use complaint_workflow::{
    CommandId, ComplainantId, ComplaintId, ComplaintRecord, Context, Event, ReplayError,
    TransitionError,
    event::PersonalDataErased,
    record::{Conflict, Entry, ExpectedVersion},
};

/// How many times [`apply`] and [`create`] load, apply and append before
/// they give up with the last [`Conflict`].
pub const MAX_ATTEMPTS: u32 = 1_000;

/// What can go wrong between the crate and the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The stored complaint is not at the version the writer loaded (or a
    /// unique key refused the write): reload, reapply, append again.
    #[error(transparent)]
    Conflict(#[from] Conflict),
    /// The stored history does not replay.
    #[error("the stored history does not replay: {0}")]
    Replay(#[from] ReplayError),
    /// The event was refused by the rules.
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// No complaint with this id is stored.
    #[error("no complaint {0} is stored")]
    NotFound(ComplaintId),
    /// An append-only history has no "last writer wins": a writer appends
    /// after the version it loaded.
    #[error("this store appends only after a known version, not at `ExpectedVersion::Any`")]
    AnyVersion,
    /// An entry does not convert to or from its stored JSON.
    #[error("stored entry JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// SQLite said no.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL said no.
    #[error("postgres: {0}")]
    Postgres(#[from] ::postgres::Error),
}

/// A complaint store: the tables of `docs/storage.md` behind one connection.
pub trait Store {
    /// The stored entries of one complaint, oldest first; empty when there is
    /// no such complaint.
    ///
    /// # Errors
    ///
    /// A database or JSON error.
    fn entries(&mut self, id: ComplaintId) -> Result<Vec<Entry>, StoreError>;

    /// The version the complaint's `complaints` row holds (`None`: no such
    /// complaint): the last sequence number of its history.
    ///
    /// # Errors
    ///
    /// A database error.
    fn version(&mut self, id: ComplaintId) -> Result<Option<u64>, StoreError>;

    /// The entries a command produced, found through the `commands` table
    /// (one primary-key lookup, then a range of the entries' primary key);
    /// `None` when no stored complaint holds the command.
    ///
    /// # Errors
    ///
    /// A database or JSON error.
    fn command(&mut self, command: &CommandId) -> Result<Option<Vec<Entry>>, StoreError>;

    /// Appends the entries of `record` after `expected` in one transaction:
    /// checks the stored version (`NoRecord`: no such complaint), inserts the
    /// new entries and their command, updates the `complaints` row (stage,
    /// version, `next_due_at`), commits.
    ///
    /// # Errors
    ///
    /// [`StoreError::Conflict`] when the stored version is not `expected` or
    /// a unique key refuses the write (nothing is written);
    /// [`StoreError::AnyVersion`] for `ExpectedVersion::Any`.
    fn append(
        &mut self,
        expected: ExpectedVersion,
        record: &ComplaintRecord,
    ) -> Result<(), StoreError>;

    /// "What is due now?": the complaints whose next deadline is due strictly
    /// before `t` (as [`Agenda::due_before`](complaint_workflow::deadline::Agenda::due_before)),
    /// earliest first, from one indexed query.
    ///
    /// # Errors
    ///
    /// A database error.
    fn due_before(&mut self, t: DateTime<Utc>) -> Result<Vec<ComplaintId>, StoreError>;

    /// The complaints of one complainant, oldest first.
    ///
    /// # Errors
    ///
    /// A database error.
    fn complaints_of(
        &mut self,
        complainant: &ComplainantId,
    ) -> Result<Vec<ComplaintId>, StoreError>;

    /// Stores (or replaces) a complainant's contact details.
    ///
    /// # Errors
    ///
    /// A database error.
    fn put_personal_data(&mut self, data: &PersonalData) -> Result<(), StoreError>;

    /// A complainant's contact details, if they are stored.
    ///
    /// # Errors
    ///
    /// A database error.
    fn personal_data(&mut self, id: &ComplainantId) -> Result<Option<PersonalData>, StoreError>;

    /// Deletes a complainant's contact details; whether there were any.
    ///
    /// # Errors
    ///
    /// A database error.
    fn delete_personal_data(&mut self, id: &ComplainantId) -> Result<bool, StoreError>;

    /// Loads a complaint: its stored entries, replayed and checked.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`], [`StoreError::Replay`] or a database error.
    fn load(&mut self, id: ComplaintId) -> Result<ComplaintRecord, StoreError> {
        let entries = self.entries(id)?;
        if entries.is_empty() {
            return Err(StoreError::NotFound(id));
        }
        Ok(ComplaintRecord::replay(entries)?)
    }
}

/// A complainant's contact details: the application's own data, never in a
/// history (the history holds the complainant's id only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonalData {
    /// The complainant's id, the key the history refers to.
    pub complainant: ComplainantId,
    /// The name.
    pub name: String,
    /// A phone number, if given.
    pub phone: Option<String>,
    /// An e-mail address, if given.
    pub email: Option<String>,
}

/// What a write through [`apply`] or [`create`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The complaint written to.
    pub complaint_id: ComplaintId,
    /// The entries the event produced (for a repeated command: the ones it
    /// produced the first time).
    pub entries: Vec<Entry>,
    /// The command was already stored: nothing was appended.
    pub repeated: bool,
    /// How many appends were refused with a [`Conflict`] before this one.
    pub conflicts: u32,
}

/// Stores a new complaint (an `accept`, and whatever the crate appended with
/// it) at [`ExpectedVersion::NoRecord`].
///
/// With a command id on the first entry that is already stored, nothing is
/// written and the stored complaint's entries of that command come back.
///
/// # Errors
///
/// [`StoreError::Conflict`] after [`MAX_ATTEMPTS`] refused appends, or any
/// other [`StoreError`] at once.
pub fn create<S: Store + ?Sized>(
    store: &mut S,
    record: &ComplaintRecord,
) -> Result<Applied, StoreError> {
    let command = record.entries().first().and_then(Entry::command);
    let mut conflicts = 0;
    loop {
        if let Some(command) = command {
            if let Some(entries) = store.command(command)? {
                return Ok(repeated(entries, conflicts));
            }
        }
        match store.append(ExpectedVersion::NoRecord, record) {
            Ok(()) => {
                return Ok(Applied {
                    complaint_id: record.id(),
                    entries: record.entries().to_vec(),
                    repeated: false,
                    conflicts,
                });
            }
            Err(StoreError::Conflict(conflict)) => {
                conflicts += 1;
                if conflicts >= MAX_ATTEMPTS {
                    return Err(conflict.into());
                }
            }
            Err(other) => return Err(other),
        }
    }
}

/// The read-modify-append loop: loads complaint `id`, replays it, applies
/// `event` under `ctx`, appends the new entries after the version it loaded;
/// on a [`Conflict`] it starts again from the load.
///
/// With a [command id](Context::with_command) that is already stored, the
/// entries it produced come back and nothing is appended: a retried request
/// is applied once.
///
/// # Errors
///
/// [`StoreError::Transition`] when the rules refuse the event (also
/// `CommandReused` when the command id was used for another event or another
/// complaint), [`StoreError::Conflict`] after [`MAX_ATTEMPTS`] refused
/// appends, or any other [`StoreError`] at once.
pub fn apply<S: Store + ?Sized>(
    store: &mut S,
    id: ComplaintId,
    event: &Event,
    ctx: &Context<'_>,
) -> Result<Applied, StoreError> {
    let mut conflicts = 0;
    loop {
        if let Some(command) = ctx.command() {
            if let Some(entries) = store.command(command)? {
                let same = entries
                    .first()
                    .is_some_and(|first| first.complaint_id() == id && first.event() == event);
                if !same {
                    return Err(TransitionError::CommandReused {
                        command: command.clone(),
                    }
                    .into());
                }
                return Ok(repeated(entries, conflicts));
            }
        }
        let mut record = store.load(id)?;
        let expected = record.expected_version();
        let before = record.version();
        let entries = record.apply(event.clone(), ctx)?.to_vec();
        if record.version() == before {
            // The history already held the command (stored between the
            // lookup and the load): nothing to append.
            return Ok(Applied {
                complaint_id: id,
                entries,
                repeated: true,
                conflicts,
            });
        }
        match store.append(expected, &record) {
            Ok(()) => {
                return Ok(Applied {
                    complaint_id: id,
                    entries,
                    repeated: false,
                    conflicts,
                });
            }
            Err(StoreError::Conflict(conflict)) => {
                conflicts += 1;
                if conflicts >= MAX_ATTEMPTS {
                    return Err(conflict.into());
                }
            }
            Err(other) => return Err(other),
        }
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

/// Erases a complainant's personal data: records
/// [`PersonalDataErased`] on each of their complaints (`ctx.actor()` must be
/// a supervisor), then deletes their row of contact details.
///
/// The entries come first, so an erasure cut short leaves the contact details
/// with the erasure recorded, never the other way round; running it again
/// with the same command id on `ctx` records nothing twice and finishes the
/// deletion. Returns what was written to each complaint.
///
/// # Errors
///
/// As [`apply`]; the contact details are kept when a complaint refuses the
/// erasure.
pub fn erase_personal_data<S: Store + ?Sized>(
    store: &mut S,
    complainant: &ComplainantId,
    reason: &str,
    ctx: &Context<'_>,
) -> Result<Vec<Applied>, StoreError> {
    let event = Event::PersonalDataErased(PersonalDataErased {
        reason: reason.to_owned(),
    });
    let mut written = Vec::new();
    for id in store.complaints_of(complainant)? {
        // One command per complaint: a command id belongs to one complaint.
        let ctx = match ctx.command() {
            Some(command) => ctx.clone().with_command(format!("{command}/{id}")),
            None => ctx.clone(),
        };
        written.push(apply(store, id, &event, &ctx)?);
    }
    store.delete_personal_data(complainant)?;
    Ok(written)
}

/// The new entries of `record` after `expected`, the version it was loaded at.
fn new_entries(
    expected: ExpectedVersion,
    record: &ComplaintRecord,
) -> Result<(u64, &[Entry]), StoreError> {
    let base = match expected {
        ExpectedVersion::NoRecord => 0,
        ExpectedVersion::Exactly(version) => version,
        ExpectedVersion::Any => return Err(StoreError::AnyVersion),
    };
    Ok((base, record.entries_since(base)))
}

/// The runs of new entries that carry a command id: `(command, first, last)`.
fn command_runs(entries: &[Entry]) -> Vec<(&CommandId, u64, u64)> {
    let mut runs: Vec<(&CommandId, u64, u64)> = Vec::new();
    for entry in entries {
        let Some(command) = entry.command() else {
            continue;
        };
        match runs.last_mut() {
            Some((last, _, end)) if *last == command && *end + 1 == entry.sequence() => {
                *end = entry.sequence();
            }
            _ => runs.push((command, entry.sequence(), entry.sequence())),
        }
    }
    runs
}

/// A version or sequence number as an SQL integer (they never come near `i64::MAX`).
fn sql_int(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// An SQL integer as a version or sequence number (the tables refuse negative ones).
fn from_sql_int(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// The value of the indexed `next_due_at` column.
fn next_due_at(record: &ComplaintRecord) -> Option<DateTime<Utc>> {
    record
        .next_deadline()
        .map(complaint_workflow::deadline::Deadline::due)
}
