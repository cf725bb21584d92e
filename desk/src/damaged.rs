//! A complaint whose stored history does not check out: the store's
//! [`StoreError::Replay`] (a row edited in the database, a broken chain, an
//! entry the rules refuse), read for the pages and the API. The driver
//! writes nothing to such a complaint until it is repaired; the desk shows
//! every other complaint as usual and this one as damaged, naming the entry
//! and the reason.

use complaint_workflow::error::{SchemaError, SequenceError};
use complaint_workflow::store::StoreError;
use complaint_workflow::{ComplaintId, ReplayError};

/// The response header of a report download giving how many complaints
/// were left out of its figures because their stored history does not
/// check out; absent when none were.
pub const LEFT_OUT_HEADER: &str = "complaints-left-out";

/// A complaint whose stored history does not replay: which, at which
/// entry, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damaged {
    /// The complaint.
    pub complaint: ComplaintId,
    /// The entry where the history breaks, when the error names one.
    pub sequence: Option<u64>,
    /// Why, as the crate says it (the [`ReplayError`]'s text).
    pub reason: String,
}

impl Damaged {
    /// The damage `error` reports, if it is a [`StoreError::Replay`]; any
    /// other error (the database failed, no such complaint) is not one.
    pub fn of<E>(error: &StoreError<E>) -> Option<Self> {
        match error {
            StoreError::Replay { complaint, source } => Some(Self::new(*complaint, source)),
            _ => None,
        }
    }

    /// The damage of `complaint`'s history that `source` reports.
    pub fn new(complaint: ComplaintId, source: &ReplayError) -> Self {
        Self {
            complaint,
            sequence: sequence_of(source),
            reason: source.to_string(),
        }
    }
}

/// The entry (its sequence number, from 1) where `error` finds the history
/// broken; `None` for an error about the history as a whole (empty, too
/// long, a summary that disagrees with it).
pub fn sequence_of(error: &ReplayError) -> Option<u64> {
    match error {
        ReplayError::Sequence(error) => match error {
            SequenceError::FirstEntryNotAccept { .. } => Some(1),
            // The place where the entry `expected` should have been.
            SequenceError::Gap { expected, .. } | SequenceError::Duplicate { expected, .. } => {
                Some(*expected)
            }
            SequenceError::ForeignComplaint { sequence, .. } => Some(*sequence),
            _ => None,
        },
        ReplayError::Schema(
            SchemaError::Unknown { sequence, .. } | SchemaError::Newer { sequence, .. },
        ) => Some(*sequence),
        ReplayError::Refused { sequence, .. } | ReplayError::InvalidDecision { sequence, .. } => {
            Some(*sequence)
        }
        ReplayError::Chain(error) => Some(error.sequence()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use complaint_workflow::audit::{ChainError, Part};

    #[test]
    fn the_entry_is_the_one_each_error_names() {
        let altered = ReplayError::Chain(ChainError::Altered {
            sequence: 3,
            part: Part::Texts,
        });
        assert_eq!(sequence_of(&altered), Some(3));
        let gap = ReplayError::Sequence(SequenceError::Gap {
            expected: 2,
            found: 4,
        });
        assert_eq!(sequence_of(&gap), Some(2));
        assert_eq!(
            sequence_of(&ReplayError::Sequence(SequenceError::Empty)),
            None
        );
        assert_eq!(
            sequence_of(&ReplayError::TooManyEntries { limit: 10 }),
            None
        );
    }

    #[test]
    fn only_a_replay_error_is_damage() {
        let id = ComplaintId::new_at(chrono::Utc::now());
        let missing: StoreError<std::io::Error> = StoreError::NotFound(id);
        assert_eq!(Damaged::of(&missing), None);
        let damaged: StoreError<std::io::Error> = StoreError::Replay {
            complaint: id,
            source: ReplayError::TooManyEntries { limit: 10 },
        };
        let damage = Damaged::of(&damaged).unwrap();
        assert_eq!(damage.complaint, id);
        assert!(damage.reason.contains("more than 10 entries"));
    }
}
