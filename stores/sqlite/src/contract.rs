//! The core's [`ComplaintStore`] on SQLite: histories, their summary rows,
//! command ids and references.

use chrono::{DateTime, Utc};
use complaint_workflow::record::{Conflict, Entry, ExpectedVersion};
use complaint_workflow::store::{AppendError, CommandOrHistory, ComplaintStore, DueComplaint};
use complaint_workflow::{CommandId, ComplaintId, ComplaintRecord};
use sqlx::SqliteConnection;

use crate::rewrite::rewrite_entries;
use crate::sql::{self, command_runs, is_foreign_key_violation, is_unique_violation};
use crate::{Error, SqliteStore};

/// "What is due now?": one query on the `(next_due_at, id)` index.
pub const DUE_BEFORE: &str = "SELECT id, next_due_at FROM complaints WHERE next_due_at < ?1 \
                              ORDER BY next_due_at, id LIMIT ?2";

impl ComplaintStore for SqliteStore {
    type Error = Error;

    async fn entries(&self, id: ComplaintId) -> Result<Vec<Entry>, Error> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT sequence, body FROM entries WHERE complaint_id = ?1 ORDER BY sequence",
        )
        .bind(id.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|(sequence, body)| sql::entry(id, *sequence, body))
            .collect()
    }

    async fn command_entries(&self, command: &CommandId) -> Result<Option<Vec<Entry>>, Error> {
        // One query: the command's row by its primary key, its entries by
        // theirs.
        let rows: Vec<(String, i64, String)> = sqlx::query_as(
            "SELECT e.complaint_id, e.sequence, e.body FROM commands c
             JOIN entries e ON e.complaint_id = c.complaint_id
              AND e.sequence BETWEEN c.first_sequence AND c.last_sequence
             WHERE c.command_id = ?1 ORDER BY e.sequence",
        )
        .bind(command.as_str())
        .fetch_all(self.pool())
        .await?;
        if rows.is_empty() {
            return Ok(None);
        }
        rows.iter()
            .map(|(complaint, sequence, body)| {
                sql::entry(sql::complaint_id(complaint)?, *sequence, body)
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// One query, so one round trip to the connection's thread and one
    /// snapshot: the command's entries by the `commands` primary key, or,
    /// when it holds none, the history on the entries' primary key.
    async fn command_or_history(
        &self,
        id: ComplaintId,
        command: &CommandId,
    ) -> Result<CommandOrHistory, Error> {
        let rows: Vec<(bool, String, i64, String)> = sqlx::query_as(
            "WITH done AS (
                 SELECT e.complaint_id, e.sequence, e.body FROM commands c
                 JOIN entries e ON e.complaint_id = c.complaint_id
                  AND e.sequence BETWEEN c.first_sequence AND c.last_sequence
                 WHERE c.command_id = ?2
             )
             SELECT 1, complaint_id, sequence, body FROM done
             UNION ALL
             SELECT 0, complaint_id, sequence, body FROM entries
             WHERE complaint_id = ?1 AND NOT EXISTS (SELECT 1 FROM done)
             ORDER BY 3",
        )
        .bind(id.to_string())
        .bind(command.as_str())
        .fetch_all(self.pool())
        .await?;
        let of_command = rows.first().is_some_and(|(of_command, ..)| *of_command);
        let entries = rows
            .iter()
            .map(|(_, complaint, sequence, body)| {
                sql::entry(sql::complaint_id(complaint)?, *sequence, body)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(if of_command {
            CommandOrHistory::Command(entries)
        } else {
            CommandOrHistory::History(entries)
        })
    }

    async fn create(
        &self,
        record: &ComplaintRecord,
        reference: Option<&str>,
    ) -> Result<(), AppendError<Error>> {
        let mut write = self.write().await.map_err(AppendError::Store)?;
        let id = record.id().to_string();
        let stored = stored_row(&mut write.tx, &id).await?;
        if let Some((version, _)) = stored {
            return Err(AppendError::Conflict(Conflict {
                expected: ExpectedVersion::NoRecord,
                actual: Some(version),
            }));
        }
        // A taken reference or command: the complaint is not stored, the
        // store is not empty for it either (as the memory store says).
        let conflict = Conflict {
            expected: ExpectedVersion::NoRecord,
            actual: Some(0),
        };
        let next_due = next_due_at(record);
        sqlx::query(
            "INSERT INTO complaints (id, stage, version, next_due_at, complainant_id, reference)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(&id)
        .bind(record.stage().name())
        .bind(sql::int("version", record.version()).map_err(AppendError::Store)?)
        .bind(next_due)
        .bind(record.complainant().id.as_str())
        .bind(reference)
        .execute(&mut *write.tx)
        .await
        .map_err(|error| conflict_or(error, conflict))?;
        insert_entries(&mut write.tx, &id, record.entries(), conflict).await?;
        write.commit().await.map_err(AppendError::Store)
    }

    async fn append(
        &self,
        loaded: u64,
        record: &ComplaintRecord,
    ) -> Result<(), AppendError<Error>> {
        let mut write = self.write().await.map_err(AppendError::Store)?;
        let id = record.id().to_string();
        // Under `BEGIN IMMEDIATE` nobody else writes: a taken entry key
        // means another writer appended after `loaded`; a missing complaint
        // fails the entries' foreign key.
        let taken = Conflict {
            expected: ExpectedVersion::Exactly(loaded),
            actual: Some(loaded.saturating_add(1)),
        };
        let row = SummaryRow {
            stage: record.stage().name(),
            to: sql::int("version", record.version()).map_err(AppendError::Store)?,
            from: sql::int("version", loaded).map_err(AppendError::Store)?,
            next_due: next_due_at(record),
        };
        let entries = record.entries_since(loaded);
        // Most events (notes, contacts) leave the next due time as it was:
        // the `UPDATE` that checks the version leaves the column out of its
        // `SET` list (an indexed column that is set is rewritten in its
        // index even to the same value: a page more in the write-ahead log
        // on every append) and goes to SQLite in one batch with the last
        // entry's `INSERT`, one round trip to the connection's thread for
        // both. Only when it finds no row is the column written, or the
        // conflict looked up.
        let kept = match entries.split_last() {
            Some((last, earlier)) => {
                insert_entry_rows(&mut write.tx, &id, earlier, taken).await?;
                let runs = command_runs(entries);
                last_entry_and_version(&mut write.tx, &id, last, &runs, &row, taken).await?
            }
            None => keep_due(&mut write.tx, &id, &row).await?,
        };
        if !kept {
            let moved = sqlx::query(
                "UPDATE complaints SET stage = ?2, version = ?3, next_due_at = ?4
                 WHERE id = ?1 AND version = ?5",
            )
            .bind(&id)
            .bind(row.stage)
            .bind(row.to)
            .bind(row.next_due)
            .bind(row.from)
            .execute(&mut *write.tx)
            .await
            .map_err(|error| AppendError::Store(error.into()))?;
            if moved.rows_affected() != 1 {
                let actual = stored_row(&mut write.tx, &id).await?.map(|(v, _)| v);
                return Err(AppendError::Conflict(Conflict {
                    expected: ExpectedVersion::Exactly(loaded),
                    actual,
                }));
            }
        }
        // A2, A3: after the version check, in the same transaction.
        rewrite_entries(&mut write.tx, &id, record, loaded, taken).await?;
        write.commit().await.map_err(AppendError::Store)
    }

    async fn complaint_by_reference(&self, reference: &str) -> Result<Option<ComplaintId>, Error> {
        let id: Option<String> =
            sqlx::query_scalar("SELECT id FROM complaints WHERE reference = ?1")
                .bind(reference)
                .fetch_optional(self.pool())
                .await?;
        id.as_deref().map(sql::complaint_id).transpose()
    }

    async fn due_before(
        &self,
        before: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<DueComplaint>, Error> {
        let rows: Vec<(String, i64)> = sqlx::query_as(DUE_BEFORE)
            .bind(sql::micros(before))
            .bind(sql::limit(limit))
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|(id, due)| due_complaint(id, *due))
            .collect()
    }
}

/// A row of the due queries.
pub(crate) fn due_complaint(id: &str, due: i64) -> Result<DueComplaint, Error> {
    Ok(DueComplaint {
        complaint_id: sql::complaint_id(id)?,
        due: sql::time("next_due_at", due)?,
    })
}

/// The stored version and `next_due_at` of complaint `id`, read inside the
/// write transaction.
async fn stored_row(
    tx: &mut SqliteConnection,
    id: &str,
) -> Result<Option<(u64, Option<i64>)>, AppendError<Error>> {
    let row: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT version, next_due_at FROM complaints WHERE id = ?1")
            .bind(id)
            .fetch_optional(tx)
            .await
            .map_err(|error| AppendError::Store(error.into()))?;
    row.map(|(version, due)| Ok((sql::uint("version", version)?, due)))
        .transpose()
        .map_err(AppendError::Store)
}

/// The columns of an entry's row, `?1` to `?9`.
const INSERT_ENTRY: &str = "INSERT INTO entries
    (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/// The common append in one batch: the last entry (`?1` to `?9`), then the
/// `complaints` row moved to version `?11` with stage `?10` if it is still
/// at version `?12` and its next due time is `?13`.
const APPEND_LAST: &str = "INSERT INTO entries
    (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);
    UPDATE complaints SET stage = ?10, version = ?11
    WHERE id = ?1 AND version = ?12 AND next_due_at IS ?13";

/// [`APPEND_LAST`] with the last entry's command run (command `?9`,
/// sequences `?14` to `?15`) between the two.
const APPEND_LAST_WITH_COMMAND: &str = "INSERT INTO entries
    (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);
    INSERT INTO commands (command_id, complaint_id, first_sequence, last_sequence)
    VALUES (?9, ?1, ?14, ?15);
    UPDATE complaints SET stage = ?10, version = ?11
    WHERE id = ?1 AND version = ?12 AND next_due_at IS ?13";

/// What an append writes to the `complaints` row.
struct SummaryRow {
    /// The stage after the append.
    stage: &'static str,
    /// The version after the append.
    to: i64,
    /// The version the writer loaded.
    from: i64,
    /// The next due time after the append.
    next_due: Option<i64>,
}

/// A run of entries that carry one command id: `(command, first, last)`.
type Run<'e> = (&'e CommandId, u64, u64);

/// An entry's row bound to `?1` to `?9` of `sql`.
fn entry_query<'q>(sql: &'q str, id: &'q str, entry: &'q Entry) -> Result<Query<'q>, Error> {
    let body = serde_json::to_string(entry).map_err(Error::Encode)?;
    Ok(sqlx::query(sql)
        .bind(id)
        .bind(sql::int("sequence", entry.sequence())?)
        .bind(entry.id().to_string())
        .bind(sql::micros(entry.at()))
        .bind(entry.actor().id.as_str())
        .bind(entry.event().kind().name())
        .bind(i64::from(entry.schema()))
        .bind(body)
        .bind(entry.command().map(CommandId::as_str)))
}

/// A query with its arguments, as `sqlx::query` makes it.
type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

/// Inserts `last`, the last entry of an append, and moves the `complaints`
/// row to `row` in one batch, with the run of `last`'s command when `runs`
/// is that one run. Whether the row was moved with its next due time kept;
/// a taken key is `conflict`.
async fn last_entry_and_version(
    tx: &mut SqliteConnection,
    id: &str,
    last: &Entry,
    runs: &[Run<'_>],
    row: &SummaryRow,
    conflict: Conflict,
) -> Result<bool, AppendError<Error>> {
    let run = match runs {
        [(command, first, end)] if last.command() == Some(*command) => Some((*first, *end)),
        _ => None,
    };
    let sql = if run.is_some() {
        APPEND_LAST_WITH_COMMAND
    } else {
        APPEND_LAST
    };
    let mut query = entry_query(sql, id, last)
        .map_err(AppendError::Store)?
        .bind(row.stage)
        .bind(row.to)
        .bind(row.from)
        .bind(row.next_due);
    // The entry's row, the command's, the `complaints` row.
    let mut rows = 2;
    if let Some((first, end)) = run {
        query = query
            .bind(sql::int("sequence", first).map_err(AppendError::Store)?)
            .bind(sql::int("sequence", end).map_err(AppendError::Store)?);
        rows = 3;
    }
    let done = query
        .execute(&mut *tx)
        .await
        .map_err(|error| conflict_or(error, conflict))?;
    if run.is_none() && !runs.is_empty() {
        insert_commands(tx, id, runs, conflict).await?;
    }
    Ok(done.rows_affected() == rows)
}

/// Moves the `complaints` row to `row` if it is still at the loaded version
/// and its next due time is kept; whether it was.
async fn keep_due(
    tx: &mut SqliteConnection,
    id: &str,
    row: &SummaryRow,
) -> Result<bool, AppendError<Error>> {
    let kept = sqlx::query(
        "UPDATE complaints SET stage = ?2, version = ?3
         WHERE id = ?1 AND version = ?4 AND next_due_at IS ?5",
    )
    .bind(id)
    .bind(row.stage)
    .bind(row.to)
    .bind(row.from)
    .bind(row.next_due)
    .execute(&mut *tx)
    .await
    .map_err(|error| AppendError::Store(error.into()))?;
    Ok(kept.rows_affected() == 1)
}

/// Inserts `entries` of complaint `id` and the runs of their command ids; a
/// taken key is `conflict`.
async fn insert_entries(
    tx: &mut SqliteConnection,
    id: &str,
    entries: &[Entry],
    conflict: Conflict,
) -> Result<(), AppendError<Error>> {
    insert_entry_rows(tx, id, entries, conflict).await?;
    insert_commands(tx, id, &command_runs(entries), conflict).await
}

/// Inserts the rows of `entries` of complaint `id`, one statement each; a
/// taken key is `conflict`.
async fn insert_entry_rows(
    tx: &mut SqliteConnection,
    id: &str,
    entries: &[Entry],
    conflict: Conflict,
) -> Result<(), AppendError<Error>> {
    for entry in entries {
        entry_query(INSERT_ENTRY, id, entry)
            .map_err(AppendError::Store)?
            .execute(&mut *tx)
            .await
            .map_err(|error| conflict_or(error, conflict))?;
    }
    Ok(())
}

/// Inserts the `commands` rows of `runs` of complaint `id`; a taken command
/// id is `conflict`.
async fn insert_commands(
    tx: &mut SqliteConnection,
    id: &str,
    runs: &[Run<'_>],
    conflict: Conflict,
) -> Result<(), AppendError<Error>> {
    for (command, first, last) in runs {
        sqlx::query(
            "INSERT INTO commands (command_id, complaint_id, first_sequence, last_sequence)
             VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(command.as_str())
        .bind(id)
        .bind(sql::int("sequence", *first).map_err(AppendError::Store)?)
        .bind(sql::int("sequence", *last).map_err(AppendError::Store)?)
        .execute(&mut *tx)
        .await
        .map_err(|error| conflict_or(error, conflict))?;
    }
    Ok(())
}

/// A unique violation is `conflict`, a foreign-key violation (no such
/// complaint) a conflict with nothing stored; any other error is the
/// database's.
fn conflict_or(error: sqlx::Error, conflict: Conflict) -> AppendError<Error> {
    if is_unique_violation(&error) {
        AppendError::Conflict(conflict)
    } else if is_foreign_key_violation(&error) {
        AppendError::Conflict(Conflict {
            actual: None,
            ..conflict
        })
    } else {
        AppendError::Store(error.into())
    }
}

/// The value of the indexed `next_due_at` column: the record's next alarm (W1).
fn next_due_at(record: &ComplaintRecord) -> Option<i64> {
    record.next_alarm().map(|alarm| sql::micros(alarm.at))
}
