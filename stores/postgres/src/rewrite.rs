//! A2, A3: an append that also writes back stored entries, in one
//! transaction: the entries a redaction changed and those read as schema 1,
//! whose rows keep everything but their body and schema (migration 0006's
//! trigger).

use complaint_workflow::ComplaintRecord;
use sqlx::Row;
use uuid::Uuid;

use crate::PostgresStore;
use crate::sql::{APPEND, NewRows, next_due_at, sql_int};

/// The write-back, one statement: complaint `$1`, per entry its sequence
/// (`$2`), schema (`$3`) and body (`$4`). Returns how many rows it wrote.
const REWRITE: &str = "WITH rewritten AS (
    UPDATE entries AS e SET schema = r.schema, body = r.body::jsonb
    FROM unnest($2::int8[], $3::int4[], $4::text[]) AS r(sequence, schema, body)
    WHERE e.complaint_id = $1 AND e.sequence = r.sequence
    RETURNING 1
)
SELECT count(*) FROM rewritten";

impl PostgresStore {
    /// The append of `record` after `loaded` with the write-back of the
    /// entries [`ComplaintRecord::rewrites_since`] lists, in one
    /// transaction: the version check and the new rows first ([`APPEND`]),
    /// then the rewritten rows. `Ok(false)`: the stored version is not
    /// `loaded` (or an entry to write back is not stored), nothing written.
    pub(crate) async fn append_rewriting(
        &self,
        loaded: u64,
        record: &ComplaintRecord,
    ) -> Result<bool, sqlx::Error> {
        let new = record.entries_since(loaded);
        let rows = NewRows::of(new).map_err(|error| sqlx::Error::Encode(error.into()))?;
        let (mut sequences, mut schemas, mut bodies) = (Vec::new(), Vec::new(), Vec::new());
        for sequence in record.rewrites_since(loaded) {
            let Some(entry) = usize::try_from(sequence)
                .ok()
                .and_then(|sequence| sequence.checked_sub(1))
                .and_then(|index| record.entries().get(index))
            else {
                return Ok(false);
            };
            sequences.push(sql_int(sequence));
            schemas.push(i32::try_from(entry.schema()).unwrap_or(i32::MAX));
            bodies.push(
                serde_json::to_string(entry).map_err(|error| sqlx::Error::Encode(error.into()))?,
            );
        }
        let expected = i64::try_from(sequences.len()).unwrap_or(i64::MAX);
        let mut tx = self.pool.begin().await?;
        let query = sqlx::query(APPEND)
            .bind(Uuid::from(record.id()))
            .bind(record.stage().name())
            .bind(sql_int(record.version()))
            .bind(next_due_at(record))
            .bind(sql_int(loaded));
        let updated: i64 = rows.bind(query).fetch_one(&mut *tx).await?.try_get(0)?;
        if updated != 1 {
            return Ok(false);
        }
        let rewritten: i64 = sqlx::query(REWRITE)
            .bind(Uuid::from(record.id()))
            .bind(sequences)
            .bind(schemas)
            .bind(bodies)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        if rewritten != expected {
            return Ok(false);
        }
        tx.commit().await?;
        if !new.is_empty() {
            self.notifier.written(&self.pool).await;
        }
        Ok(true)
    }
}
