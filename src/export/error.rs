//! [`ExportError`]: an export that cannot be made or read back (A5).

use crate::values::ComplaintId;

/// Why an export was not made, or a stored one not read (A5).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A value of the export has no JSON text (a floating-point number,
    /// which the crate's values never hold).
    #[error("the export cannot be written as JSON: {reason}")]
    Unencodable {
        /// Why.
        reason: String,
    },
    /// A stored bundle whose verification is not what its history gives:
    /// the bundle was edited after it was made.
    #[error("the export of complaint {complaint} claims a verification its history does not give")]
    VerificationMismatch {
        /// The complaint.
        complaint: ComplaintId,
    },
    /// A stored bundle of another format, or of a newer version.
    #[error("`{found}` is not an export format this crate reads: expected `{expected}`")]
    UnknownFormat {
        /// The format this crate reads there.
        expected: &'static str,
        /// The format named (at most its first 80 characters).
        found: String,
    },
}

impl ExportError {
    pub(super) fn unencodable(error: impl std::fmt::Display) -> Self {
        ExportError::Unencodable {
            reason: error.to_string(),
        }
    }
}
