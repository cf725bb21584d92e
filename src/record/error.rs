//! [`ReplayError`]: why a stored history does not check out.

use crate::lifecycle::{EventKind, TransitionError};
use crate::values::ComplaintId;

/// Why a stored history does not replay. Each kind of damage has its own variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayError {
    /// No entries at all.
    #[error("the history is empty: a complaint's history starts with an `accept` entry")]
    Empty,
    /// The first entry is not the complaint's acceptance (R1: nothing else creates a complaint).
    #[error("the first entry must be `accept`, found `{found}`")]
    FirstEntryNotAccept {
        /// The event of the first entry.
        found: EventKind,
    },
    /// A sequence number is missing.
    #[error("sequence gap: expected entry {expected}, found entry {found}")]
    SequenceGap {
        /// The sequence number that should come next.
        expected: u64,
        /// The sequence number found.
        found: u64,
    },
    /// A sequence number repeats one already replayed (a duplicated or reordered entry).
    #[error("duplicate sequence: entry {found} was already replayed, expected entry {expected}")]
    DuplicateSequence {
        /// The sequence number that should come next.
        expected: u64,
        /// The sequence number found.
        found: u64,
    },
    /// An entry belongs to another complaint.
    #[error("entry {sequence} belongs to complaint {found}, not to {expected}")]
    ForeignComplaint {
        /// The entry's sequence number.
        sequence: u64,
        /// The complaint of the history (from its first entry).
        expected: ComplaintId,
        /// The complaint the entry names.
        found: ComplaintId,
    },
    /// The history is longer than the reader takes: more entries than
    /// [`DEFAULT_MAX_HISTORY_ENTRIES`](crate::policy::DEFAULT_MAX_HISTORY_ENTRIES), or
    /// the limit given to
    /// [`ComplaintRecord::replay_at_most`](crate::ComplaintRecord::replay_at_most).
    /// Replay stops reading at the first entry past the limit.
    #[error("the history holds more than {limit} entries, the most this reader takes")]
    TooManyEntries {
        /// The most entries the reader takes.
        limit: usize,
    },
    /// An entry's schema version is not one this crate ever wrote.
    #[error(
        "entry {sequence} has the unknown schema version {found}; known versions are 1 to {newest}"
    )]
    UnknownSchema {
        /// The entry's sequence number.
        sequence: u64,
        /// The schema version found.
        found: u32,
        /// The newest version this crate reads.
        newest: u32,
    },
    /// An entry was written by a newer version of the crate.
    #[error(
        "entry {sequence} has schema version {found}, newer than {newest}, the newest this version of the crate reads: upgrade the crate"
    )]
    NewerSchema {
        /// The entry's sequence number.
        sequence: u64,
        /// The schema version found.
        found: u32,
        /// The newest version this crate reads.
        newest: u32,
    },
    /// An entry breaks a lifecycle rule: invalid in its stage, an actor without
    /// the role, time going backwards, missing data.
    #[error("entry {sequence} (`{event}`) is refused: {source}")]
    Refused {
        /// The entry's sequence number.
        sequence: u64,
        /// The entry's event.
        event: EventKind,
        /// The rule it breaks.
        source: TransitionError,
    },
    /// An entry records an effect its event cannot have (a tampered history).
    #[error("entry {sequence} records an effect its event cannot have: {reason}")]
    InvalidEffect {
        /// The entry's sequence number.
        sequence: u64,
        /// What is wrong.
        reason: &'static str,
    },
    /// A stored record's summary (id, stage or version) disagrees with its own history.
    #[error("the stored {field} is {stored}, but the history replays to {replayed}")]
    Inconsistent {
        /// Which summary field disagrees.
        field: &'static str,
        /// What the stored record says.
        stored: String,
        /// What the history gives.
        replayed: String,
    },
}
