//! A2, A3: writing back stored entries in an append's transaction: the
//! entries a redaction changed and those read as schema 1, whose rows keep
//! everything but their body and schema (migration 0006's trigger).

use complaint_workflow::ComplaintRecord;
use complaint_workflow::record::Conflict;
use complaint_workflow::store::AppendError;
use sqlx::SqliteConnection;

use crate::{Error, sql};

/// Writes back the entries of complaint `id` that
/// [`ComplaintRecord::rewrites_since`] lists for `loaded`: their body and
/// schema, as `record` holds them. A row not found (no such entry stored)
/// is `conflict`: the stored history is not the one the writer loaded.
pub(crate) async fn rewrite_entries(
    tx: &mut SqliteConnection,
    id: &str,
    record: &ComplaintRecord,
    loaded: u64,
    conflict: Conflict,
) -> Result<(), AppendError<Error>> {
    for sequence in record.rewrites_since(loaded) {
        let entry = usize::try_from(sequence)
            .ok()
            .and_then(|sequence| sequence.checked_sub(1))
            .and_then(|index| record.entries().get(index))
            .ok_or(AppendError::Conflict(conflict))?;
        let body = serde_json::to_string(entry)
            .map_err(|error| AppendError::Store(Error::Encode(error)))?;
        let written = sqlx::query(
            "UPDATE entries SET schema = ?3, body = ?4 WHERE complaint_id = ?1 AND sequence = ?2",
        )
        .bind(id)
        .bind(sql::int("sequence", sequence).map_err(AppendError::Store)?)
        .bind(i64::from(entry.schema()))
        .bind(body)
        .execute(&mut *tx)
        .await
        .map_err(|error| AppendError::Store(error.into()))?;
        if written.rows_affected() != 1 {
            return Err(AppendError::Conflict(conflict));
        }
    }
    Ok(())
}
