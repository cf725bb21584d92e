//! Conversions between the core's values and the columns.

use chrono::{DateTime, Utc};
use complaint_workflow::CommandId;
use complaint_workflow::ComplaintId;
use complaint_workflow::record::Entry;

use crate::Error;

/// A version, sequence, position or limit as an SQL integer.
pub(crate) fn int(what: &'static str, n: impl Into<u128> + Copy) -> Result<i64, Error> {
    i64::try_from(n.into()).map_err(|_| Error::OutOfRange {
        what,
        value: n.into(),
    })
}

/// A limit as an SQL integer: anything past `i64::MAX` means "no limit".
pub(crate) fn limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// An SQL integer as a version, sequence or position (the tables refuse
/// negative ones).
pub(crate) fn uint(what: &'static str, n: i64) -> Result<u64, Error> {
    u64::try_from(n).map_err(|_| Error::Corrupt {
        what,
        value: n.to_string(),
    })
}

/// A stored complaint id.
pub(crate) fn complaint_id(text: &str) -> Result<ComplaintId, Error> {
    text.parse().map_err(|_| Error::Corrupt {
        what: "complaint id",
        value: text.to_owned(),
    })
}

/// A time as stored: microseconds since the Unix epoch.
pub(crate) fn micros(at: DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

/// A stored time.
pub(crate) fn time(what: &'static str, micros: i64) -> Result<DateTime<Utc>, Error> {
    DateTime::from_timestamp_micros(micros).ok_or_else(|| Error::Corrupt {
        what,
        value: micros.to_string(),
    })
}

/// A stored entry body of complaint `complaint`, entry `sequence`.
pub(crate) fn entry(complaint: ComplaintId, sequence: i64, body: &str) -> Result<Entry, Error> {
    serde_json::from_str(body).map_err(|source| Error::Decode {
        complaint,
        sequence,
        source,
    })
}

/// Whether `error` is a unique or primary-key violation (another writer's
/// entry, command or reference): a conflict, not a failure.
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

/// Whether `error` is a foreign-key violation (an entry of a complaint that
/// is not stored).
pub(crate) fn is_foreign_key_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::ForeignKeyViolation)
}

/// The runs of `entries` that carry a command id: `(command, first, last)`.
pub(crate) fn command_runs(entries: &[Entry]) -> Vec<(&CommandId, u64, u64)> {
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
