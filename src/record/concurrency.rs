//! Optimistic concurrency: [`ExpectedVersion`] says which version of a
//! complaint a writer loaded, and [`Conflict`] refuses a stale write.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::record::ComplaintRecord;

/// The version of a complaint a writer expects to append after.
///
/// A store checks it inside the transaction that appends the new entries,
/// against the stored version (the highest sequence number), and refuses the
/// write on a mismatch; the writer reloads, reapplies its event and retries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpectedVersion {
    /// The complaint must not exist yet (an `accept`).
    NoRecord,
    /// The complaint's last entry must have this sequence number.
    Exactly(u64),
    /// Any version: the writer does not care which entries came before. An
    /// append-only store may refuse it (the example stores do): appending
    /// without knowing the version can record an event the history no
    /// longer allows.
    Any,
}

/// A stale write: the stored complaint is not at the version the writer expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("version conflict: expected {expected}, but {}", Actual(*.actual))]
pub struct Conflict {
    /// What the writer expected.
    pub expected: ExpectedVersion,
    /// The stored version, `None` when there is no such complaint.
    pub actual: Option<u64>,
}

struct Actual(Option<u64>);

impl fmt::Display for Actual {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(version) => write!(f, "the complaint is at version {version}"),
            None => f.write_str("there is no such complaint"),
        }
    }
}

impl ExpectedVersion {
    /// Checks the stored version `actual` (`None`: no such complaint).
    ///
    /// # Errors
    ///
    /// [`Conflict`] when `actual` is not what was expected.
    ///
    /// # Example
    ///
    /// ```
    /// use complaint_workflow::record::ExpectedVersion;
    ///
    /// assert!(ExpectedVersion::Exactly(3).check(Some(3)).is_ok());
    /// assert!(ExpectedVersion::Exactly(3).check(Some(4)).is_err());
    /// assert!(ExpectedVersion::NoRecord.check(None).is_ok());
    /// ```
    pub fn check(self, actual: Option<u64>) -> Result<(), Conflict> {
        let fits = match self {
            ExpectedVersion::NoRecord => actual.is_none(),
            ExpectedVersion::Exactly(version) => actual == Some(version),
            ExpectedVersion::Any => true,
        };
        if fits {
            Ok(())
        } else {
            Err(Conflict {
                expected: self,
                actual,
            })
        }
    }
}

impl fmt::Display for ExpectedVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpectedVersion::NoRecord => f.write_str("no record"),
            ExpectedVersion::Exactly(version) => write!(f, "version {version}"),
            ExpectedVersion::Any => f.write_str("any version"),
        }
    }
}

impl ComplaintRecord {
    /// The version a writer that loaded this record expects to append after.
    #[must_use]
    pub fn expected_version(&self) -> ExpectedVersion {
        ExpectedVersion::Exactly(self.version())
    }
}
