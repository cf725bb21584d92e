//! [`Error`]: what the SQLite store can say no with.

use complaint_workflow::ComplaintId;

/// Why a call to the SQLite store failed. Nothing was written, except where a
/// variant says otherwise.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// SQLite said no (a locked or read-only file, a full disk, a failed
    /// constraint that is not a conflict).
    #[error("sqlite: {0}")]
    Database(#[from] sqlx::Error),
    /// Applying the embedded migrations failed.
    #[error("migrating the schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database was migrated by a newer version of this crate: a
    /// migration this version does not know is recorded in
    /// `_sqlx_migrations`. Nothing is written to it.
    #[error(
        "the database holds migration {found}, newer than the newest this version knows ({known}): \
         refusing to use it"
    )]
    NewerSchema {
        /// The newest migration recorded in the database.
        found: i64,
        /// The newest migration this version of the crate embeds.
        known: i64,
    },
    /// A stored entry is not the JSON of an entry.
    #[error("entry {sequence} of complaint {complaint} does not decode: {source}")]
    Decode {
        /// The complaint.
        complaint: ComplaintId,
        /// The entry's sequence number, as stored.
        sequence: i64,
        /// Why.
        source: serde_json::Error,
    },
    /// An entry does not serialize to JSON (never for the core's entries).
    #[error("an entry does not serialize: {0}")]
    Encode(#[source] serde_json::Error),
    /// A stored value is not what the schema allows (an id that is not a
    /// UUID, a time out of range, a negative version).
    #[error("stored {what} is invalid: {value}")]
    Corrupt {
        /// Which column.
        what: &'static str,
        /// The stored value, as text.
        value: String,
    },
    /// A number does not fit the column (a limit or a position past
    /// `i64::MAX`).
    #[error("{what} {value} is out of range")]
    OutOfRange {
        /// What the number is.
        what: &'static str,
        /// The number.
        value: u128,
    },
    /// A subscriber's handler failed on an entry: its checkpoint stays
    /// before that entry, which is delivered again on the next run.
    #[error("subscriber {subscriber}: the handler failed on position {position}: {source}")]
    Handler {
        /// The subscriber's name.
        subscriber: String,
        /// The feed position of the entry the handler refused.
        position: u64,
        /// The handler's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}
