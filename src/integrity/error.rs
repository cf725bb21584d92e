//! [`ChainError`]: each way a stored history can fail its hash chain (A1),
//! naming the entry.

use super::seal::Part;
use crate::values::ComplaintId;

/// A history whose hash chain does not verify (A1): each kind of tampering
/// has its own variant, naming the place in the history (from 1) where it
/// shows.
///
/// As serde data (in an export, A5) each variant is an object named by the
/// variant in snake case: `{"altered":{"sequence":4,"part":"texts"}}`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChainError {
    /// The history is another complaint's.
    #[error("the history is complaint {found}'s, not complaint {expected}'s")]
    ForeignHistory {
        /// The complaint whose history was asked for.
        expected: ComplaintId,
        /// The complaint the history's first entry belongs to.
        found: ComplaintId,
    },
    /// A part of the entry is not what was sealed: a changed text (`texts`),
    /// time (`at`), actor, event, decisions, command or identity.
    #[error("entry {sequence} was altered: its {part} is not what was sealed")]
    Altered {
        /// The entry's place in the history.
        sequence: u64,
        /// The part that changed.
        part: Part,
    },
    /// Every part is what its check recorded, but the entry's hash is not
    /// the hash of them: the hash, the link or the checks were rewritten.
    #[error("entry {sequence}'s hash is not the hash of its content")]
    HashChanged {
        /// The entry's place in the history.
        sequence: u64,
    },
    /// The entry links to an entry that is not in the history: one or more
    /// entries before it were dropped.
    #[error(
        "an entry before entry {sequence} was dropped: it links to an entry not in the history"
    )]
    Dropped {
        /// The place of the first entry after the gap.
        sequence: u64,
    },
    /// The entry was inserted: the entry after it links past it, to the one before.
    #[error("entry {sequence} was inserted: the entry after it links to the one before it")]
    Inserted {
        /// The place of the inserted entry.
        sequence: u64,
    },
    /// The entry links to an entry that comes after it: the order was changed.
    #[error("the order was changed at entry {sequence}: it links to an entry that comes after it")]
    Reordered {
        /// The place of the first entry out of order.
        sequence: u64,
    },
    /// An entry of schema 1 (which has no seal) after a sealed entry: a
    /// seal was removed.
    #[error("entry {sequence} has no seal, but an entry before it has one")]
    Unsealed {
        /// The entry's place in the history.
        sequence: u64,
    },
    /// The seal's texts are not the event's personal texts: a text was
    /// added, removed or moved, or the seal names a text the event has not.
    #[error("entry {sequence}'s seal does not cover its personal text at {path}")]
    TextsMismatch {
        /// The entry's place in the history.
        sequence: u64,
        /// The JSON pointer of the text (`/event/data/content`).
        path: String,
    },
    /// A2: a text whose seal holds its commitment alone (redacted) is not
    /// the tombstone: a text was put in place of a redacted one.
    #[error("entry {sequence}'s text at {path} is sealed as redacted, but it is not the tombstone")]
    RedactedNotTombstone {
        /// The entry's place in the history.
        sequence: u64,
        /// The JSON pointer of the text.
        path: String,
    },
    /// A2: a text was redacted, but no later redaction entry names it: the
    /// past was changed without a `redact` entry.
    #[error("entry {sequence}'s text at {path} was redacted, but no redaction names it")]
    UnlicensedRedaction {
        /// The entry's place in the history.
        sequence: u64,
        /// The JSON pointer of the text.
        path: String,
    },
    /// A2: a redaction entry names a text that is not redacted (or that no
    /// redaction may name): the redaction was not applied, or undone.
    #[error(
        "redaction entry {sequence} names the text at {path} of entry {entry}, which is not redacted"
    )]
    RedactionNotApplied {
        /// The redaction entry's place in the history.
        sequence: u64,
        /// The entry it names.
        entry: u64,
        /// The JSON pointer of the text.
        path: String,
    },
    /// A part of the entry has no canonical encoding (a floating-point
    /// number, which the crate never writes).
    #[error("entry {sequence} cannot be encoded for hashing: {reason}")]
    Unencodable {
        /// The entry's place in the history.
        sequence: u64,
        /// Why.
        reason: String,
    },
}

impl ChainError {
    /// The place in the history (from 1) where the tampering shows: the
    /// first entry for a history of another complaint.
    #[must_use]
    pub fn sequence(&self) -> u64 {
        match self {
            ChainError::ForeignHistory { .. } => 1,
            ChainError::Altered { sequence, .. }
            | ChainError::HashChanged { sequence }
            | ChainError::Dropped { sequence }
            | ChainError::Inserted { sequence }
            | ChainError::Reordered { sequence }
            | ChainError::Unsealed { sequence }
            | ChainError::TextsMismatch { sequence, .. }
            | ChainError::RedactedNotTombstone { sequence, .. }
            | ChainError::UnlicensedRedaction { sequence, .. }
            | ChainError::RedactionNotApplied { sequence, .. }
            | ChainError::Unencodable { sequence, .. } => *sequence,
        }
    }
}
