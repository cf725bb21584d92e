//! [`ReplayError`]: why a stored history does not check out, and its
//! families, each a nested `#[non_exhaustive]` enum.

use crate::integrity::ChainError;
use crate::lifecycle::{EventKind, StageKind, TransitionError};
use crate::values::ComplaintId;

/// Why a stored history does not replay. Each kind of damage has its own
/// variant; the damage to the order of the entries and to their schema
/// versions are families of their own, whose message is the family's own
/// (the nesting adds no text).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayError {
    /// The entries are not one complaint's history in order: empty, not
    /// starting with its acceptance (R1), a gap, a repeat, another complaint's entry.
    #[error(transparent)]
    Sequence(#[from] SequenceError),
    /// An entry's schema version is not one this crate reads.
    #[error(transparent)]
    Schema(#[from] SchemaError),
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
    /// An entry records a decision its event cannot make (a tampered history).
    #[error("entry {sequence} records an effect its event cannot have: {reason}")]
    InvalidDecision {
        /// The entry's sequence number.
        sequence: u64,
        /// What is wrong.
        reason: DecisionError,
    },
    /// A1: the history's hash chain does not verify: an entry was altered,
    /// dropped, inserted or moved.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// A stored record's summary (id, stage or version) disagrees with its own history.
    #[error(transparent)]
    Inconsistent(#[from] Inconsistency),
}

/// The entries are not one complaint's history in order.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SequenceError {
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
    Gap {
        /// The sequence number that should come next.
        expected: u64,
        /// The sequence number found.
        found: u64,
    },
    /// A sequence number repeats one already replayed (a duplicated or reordered entry).
    #[error("duplicate sequence: entry {found} was already replayed, expected entry {expected}")]
    Duplicate {
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
}

/// An entry's schema version that this crate does not read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SchemaError {
    /// An entry's schema version is not one this crate ever wrote.
    #[error(
        "entry {sequence} has the unknown schema version {found}; known versions are 1 to {newest}"
    )]
    Unknown {
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
    Newer {
        /// The entry's sequence number.
        sequence: u64,
        /// The schema version found.
        found: u32,
        /// The newest version this crate reads.
        newest: u32,
    },
}

/// R7: a recorded decision its entry's event cannot make (the decisions
/// each event may record are fixed in `lifecycle/consequences.rs`); each
/// variant is one check of replay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum DecisionError {
    /// A deadline opened by an event that does not open a deadline of its kind.
    #[error("the event does not open a deadline of this kind")]
    OpenNotAllowed,
    /// A deadline opened with a due time before its start.
    #[error("a deadline is due before it starts")]
    DueBeforeStart,
    /// W1: a recorded warning that falls after its deadline's due time.
    #[error("a deadline's warning falls after its due time")]
    WarningAfterDue,
    /// W1, W3: an alarm plan recorded for an event that opens no deadline
    /// from its own data.
    #[error("an alarm plan is recorded, but the event opens no deadline of its own")]
    AlarmsWithoutDeadline,
    /// Deadlines resumed by an event other than the customer's reply.
    #[error("only the customer's reply resumes deadlines")]
    ResumeNotAllowed,
    /// A deadline resumed to a due time before the one it had.
    #[error("a resumed deadline is due before it was")]
    ResumedEarlier,
    /// A deadline resumed that is not paused.
    #[error("the resumed deadline is not paused")]
    ResumedNotPaused,
    /// Deadlines paused by an event other than awaiting the customer.
    #[error("only awaiting the customer pauses deadlines")]
    PauseNotAllowed,
    /// A deadline paused that is not open.
    #[error("the paused deadline is not open")]
    PausedNotOpen,
    /// W2: a deadline re-targeted by an event other than a reclassification.
    #[error("only a reclassification re-targets deadlines")]
    RetargetNotAllowed,
    /// W2: a re-targeted deadline that was finished or already missed (a
    /// miss stays a miss, T7).
    #[error("the re-targeted deadline was finished or already missed")]
    RetargetedNotRunning,
    /// F7: a follow-up scheduled by an event that does not schedule one.
    #[error("only an executed remedy or a replied dismissal schedules a follow-up")]
    ScheduleNotAllowed,
    /// F7: a follow-up scheduled with no attempt allowed.
    #[error("a follow-up is scheduled with no attempt allowed")]
    NoAttemptAllowed,
    /// F7: a retry scheduled by an event other than an attempt that missed the customer.
    #[error("only an attempt that missed the customer schedules a retry")]
    RetryNotAllowed,
}

/// A stored record's summary field that disagrees with its own history, with
/// the stored value and the value the history replays to.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Inconsistency {
    /// The stored complaint id.
    #[error("the stored id is {stored}, but the history replays to {replayed}")]
    Id {
        /// What the stored record says.
        stored: ComplaintId,
        /// What the history gives.
        replayed: ComplaintId,
    },
    /// The stored stage.
    #[error("the stored stage is {stored}, but the history replays to {replayed}")]
    Stage {
        /// What the stored record says.
        stored: StageKind,
        /// What the history gives.
        replayed: StageKind,
    },
    /// The stored version (the last entry's sequence number).
    #[error("the stored version is {stored}, but the history replays to {replayed}")]
    Version {
        /// What the stored record says.
        stored: u64,
        /// What the history gives.
        replayed: u64,
    },
}
