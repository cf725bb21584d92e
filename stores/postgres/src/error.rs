//! [`Error`]: what the PostgreSQL store can say no with.

use complaint_workflow::ComplaintId;

/// Why a call to the store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// PostgreSQL or the connection said no (a lost connection, a refused
    /// statement, a pool that timed out).
    #[error("postgres: {0}")]
    Database(#[from] sqlx::Error),
    /// Applying the embedded migrations failed.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// An entry did not convert to its stored JSON.
    #[error("entry JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A stored entry body is not an entry at all (a body that is an entry
    /// but does not replay is the driver's `StoreError::Replay`).
    #[error("stored entry {sequence} of complaint {complaint} is not an entry: {source}")]
    Decode {
        /// The complaint.
        complaint: ComplaintId,
        /// The entry's sequence number.
        sequence: u64,
        /// What the JSON decoder said.
        source: serde_json::Error,
    },
    /// The database was migrated by a newer version of this crate: it holds a
    /// migration this version does not know. Nothing was written.
    #[error(
        "the database holds migration {found}, newer than this version of \
         complaint-workflow-postgres knows (up to {known}): upgrade the crate"
    )]
    NewerSchema {
        /// The newest migration the database holds.
        found: i64,
        /// The newest migration this crate knows.
        known: i64,
    },
    /// A stored value is not what the schema allows (a complaint whose
    /// first entry is not its acceptance, a checkpoint that does not read).
    #[error("stored {what} is invalid: {value}")]
    Corrupt {
        /// What was read.
        what: &'static str,
        /// Why, or the value.
        value: String,
    },
}

impl Error {
    /// PostgreSQL's SQLSTATE for the error, when the server sent one.
    #[must_use]
    pub fn code(&self) -> Option<String> {
        match self {
            Self::Database(sqlx::Error::Database(error)) => error.code().map(Into::into),
            _ => None,
        }
    }
}

/// Unique violation, serialization failure, deadlock: another writer won.
pub(crate) fn is_conflict(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(error) => {
            matches!(error.code().as_deref(), Some("23505" | "40001" | "40P01"))
        }
        _ => false,
    }
}
