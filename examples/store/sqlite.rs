//! The storage contract on SQLite: one file in WAL mode, a write transaction
//! per append taken with `BEGIN IMMEDIATE` (the write lock at the start, so
//! the version read inside it is the latest one and stays so until commit).
//!
//! Times are stored as microseconds since the Unix epoch (`INTEGER`), so they
//! compare and sort as numbers; UUIDs as their hyphenated text.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use complaint_workflow::{
    CommandId, ComplainantId, ComplaintId, ComplaintRecord,
    record::{Conflict, Entry, ExpectedVersion},
};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{
    Connection, ErrorCode, OptionalExtension, Transaction, TransactionBehavior, params,
};
use uuid::Uuid;

use super::{PersonalData, Store, StoreError, command_runs, from_sql_int, new_entries, sql_int};

/// The tables and indexes of `docs/storage.md`, SQLite dialect.
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS complaints (
    id             TEXT PRIMARY KEY,
    stage          TEXT NOT NULL,
    version        INTEGER NOT NULL CHECK (version >= 0),
    next_due_at    INTEGER,
    complainant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS complaints_next_due_at ON complaints (next_due_at, id);
CREATE INDEX IF NOT EXISTS complaints_complainant ON complaints (complainant_id);

CREATE TABLE IF NOT EXISTS entries (
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    sequence     INTEGER NOT NULL CHECK (sequence >= 1),
    event_id     TEXT NOT NULL UNIQUE,
    at           INTEGER NOT NULL,
    actor_id     TEXT NOT NULL,
    event_type   TEXT NOT NULL,
    schema       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    command_id   TEXT,
    PRIMARY KEY (complaint_id, sequence)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;

CREATE TABLE IF NOT EXISTS commands (
    command_id     TEXT PRIMARY KEY,
    complaint_id   TEXT NOT NULL REFERENCES complaints (id),
    first_sequence INTEGER NOT NULL,
    last_sequence  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS personal_data (
    complainant_id TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    phone          TEXT,
    email          TEXT
) WITHOUT ROWID;
";

/// "What is due now?": one query on the `(next_due_at, id)` index.
pub const DUE_BEFORE: &str =
    "SELECT id FROM complaints WHERE next_due_at < ?1 ORDER BY next_due_at, id";

/// A complaint store on one SQLite connection.
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens (or creates) the database file at `path` in WAL mode: readers
    /// never wait for the writer, and a commit does not rewrite the file.
    ///
    /// # Errors
    ///
    /// A database error.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        // A writer waits for the write lock instead of failing at once.
        conn.busy_handler(Some(wait_for_lock))?;
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))?;
        debug_assert_eq!(mode, "wal");
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        Ok(Self { conn })
    }

    /// Creates the tables, indexes and triggers that are missing.
    ///
    /// # Errors
    ///
    /// A database error.
    pub fn create_schema(&self) -> Result<(), StoreError> {
        self.conn.execute_batch(SCHEMA)?;
        Ok(())
    }

    /// The connection, for the application's own queries.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The connection, to open a transaction of one's own.
    pub fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

impl Store for SqliteStore {
    fn version(&mut self, id: ComplaintId) -> Result<Option<u64>, StoreError> {
        stored_version(&self.conn, id)
    }

    fn entries(&mut self, id: ComplaintId) -> Result<Vec<Entry>, StoreError> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT body FROM entries WHERE complaint_id = ?1 ORDER BY sequence")?;
        let bodies = statement
            .query_map([id.to_string()], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        bodies
            .iter()
            .map(|body| Ok(serde_json::from_str(body)?))
            .collect()
    }

    fn command(&mut self, command: &CommandId) -> Result<Option<Vec<Entry>>, StoreError> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT complaint_id, first_sequence, last_sequence
                 FROM commands WHERE command_id = ?1",
            )?
            .query_row([command.as_str()], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })
            .optional()?;
        let Some((complaint, first, last)) = found else {
            return Ok(None);
        };
        let mut statement = self.conn.prepare_cached(
            "SELECT body FROM entries
             WHERE complaint_id = ?1 AND sequence BETWEEN ?2 AND ?3 ORDER BY sequence",
        )?;
        let bodies = statement
            .query_map(params![complaint, first, last], |row| {
                row.get::<_, String>(0)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let entries = bodies
            .iter()
            .map(|body| serde_json::from_str(body))
            .collect::<Result<Vec<Entry>, _>>()?;
        Ok(Some(entries))
    }

    fn append(
        &mut self,
        expected: ExpectedVersion,
        record: &ComplaintRecord,
    ) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        append_in(&tx, expected, record)?;
        tx.commit()?;
        Ok(())
    }

    fn due_before(&mut self, t: DateTime<Utc>) -> Result<Vec<ComplaintId>, StoreError> {
        let mut statement = self.conn.prepare_cached(DUE_BEFORE)?;
        let ids = statement
            .query_map([t.timestamp_micros()], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids.iter().filter_map(|id| id.parse().ok()).collect())
    }

    fn complaints_of(
        &mut self,
        complainant: &ComplainantId,
    ) -> Result<Vec<ComplaintId>, StoreError> {
        // Complaint ids are UUID v7: their order is the order of acceptance.
        let mut statement = self
            .conn
            .prepare_cached("SELECT id FROM complaints WHERE complainant_id = ?1 ORDER BY id")?;
        let ids = statement
            .query_map([complainant.as_str()], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids.iter().filter_map(|id| id.parse().ok()).collect())
    }

    fn put_personal_data(&mut self, data: &PersonalData) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO personal_data (complainant_id, name, phone, email)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (complainant_id) DO UPDATE
             SET name = excluded.name, phone = excluded.phone, email = excluded.email",
            params![data.complainant.as_str(), data.name, data.phone, data.email],
        )?;
        Ok(())
    }

    fn personal_data(&mut self, id: &ComplainantId) -> Result<Option<PersonalData>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, phone, email FROM personal_data WHERE complainant_id = ?1",
                [id.as_str()],
                |row| {
                    Ok(PersonalData {
                        complainant: id.clone(),
                        name: row.get(0)?,
                        phone: row.get(1)?,
                        email: row.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    fn delete_personal_data(&mut self, id: &ComplainantId) -> Result<bool, StoreError> {
        let deleted = self.conn.execute(
            "DELETE FROM personal_data WHERE complainant_id = ?1",
            [id.as_str()],
        )?;
        Ok(deleted > 0)
    }
}

/// How a connection waits for the write lock: short naps (50 µs growing to
/// 1 ms), about 100 s in all. SQLite's own `busy_timeout` naps up to 100 ms
/// at a time, which leaves the lock idle while writers queue for it.
fn wait_for_lock(attempt: i32) -> bool {
    let nap = u64::try_from(attempt.clamp(0, 19) + 1).unwrap_or(20) * 50;
    std::thread::sleep(Duration::from_micros(nap));
    attempt < 100_000
}

/// The body of [`Store::append`], inside a transaction begun with
/// `BEGIN IMMEDIATE`: check the version, insert the entries and their
/// command, update the `complaints` row. Nothing is committed here.
///
/// Only what is needed is written. The `complaints` row is read once (its
/// version and `next_due_at`), and the update leaves `next_due_at` out of
/// its `SET` list when the record did not move it: most events (notes,
/// contacts) do not, and an indexed column that is set is rewritten in its
/// index even to the same value (a page more in the write-ahead log on
/// every append).
///
/// # Errors
///
/// As [`Store::append`]; the caller rolls back (drops the transaction).
pub fn append_in(
    tx: &Transaction<'_>,
    expected: ExpectedVersion,
    record: &ComplaintRecord,
) -> Result<(), StoreError> {
    let (base, new) = new_entries(expected, record)?;
    let mut id_text = Uuid::encode_buffer();
    let id = uuid_text(record.id().as_uuid(), &mut id_text);
    let stored = tx
        .prepare_cached("SELECT version, next_due_at FROM complaints WHERE id = ?1")?
        .query_row([id], |row| {
            Ok((from_sql_int(row.get(0)?), row.get::<_, Option<i64>>(1)?))
        })
        .optional()?;
    let actual = stored.map(|(version, _)| version);
    expected.check(actual)?;
    let conflict = Conflict { expected, actual };
    let stage = record.stage().name();
    let version = sql_int(record.version());
    let next_due_at = super::next_due_at(record).map(|due| due.timestamp_micros());
    if stored.is_none() {
        // A new complaint: its row is written whole, at its version, before
        // the entries that refer to it.
        tx.prepare_cached(
            "INSERT INTO complaints (id, stage, version, next_due_at, complainant_id)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            id,
            stage,
            version,
            next_due_at,
            record.complainant().id.as_str(),
        ])
        .map_err(|error| unique_is_conflict(error, conflict))?;
    }
    insert_entries_of(tx, id, new).map_err(|error| unique_is_conflict(error, conflict))?;
    insert_commands(tx, id, new).map_err(|error| unique_is_conflict(error, conflict))?;
    let Some((_, stored_due)) = stored else {
        return Ok(());
    };
    let base = sql_int(base);
    let updated = if stored_due == next_due_at {
        tx.prepare_cached(
            "UPDATE complaints SET stage = ?2, version = ?3 WHERE id = ?1 AND version = ?4",
        )?
        .execute(params![id, stage, version, base])?
    } else {
        tx.prepare_cached(
            "UPDATE complaints SET stage = ?2, version = ?3, next_due_at = ?4
             WHERE id = ?1 AND version = ?5",
        )?
        .execute(params![id, stage, version, next_due_at, base])?
    };
    if updated == 1 {
        Ok(())
    } else {
        Err(conflict.into())
    }
}

/// `uuid` as hyphenated lower-case text written into `buffer`: ids are bound
/// as text on every append without allocating a `String` for each.
fn uuid_text<'b>(uuid: &Uuid, buffer: &'b mut [u8; 45]) -> &'b str {
    uuid.hyphenated().encode_lower(buffer)
}

/// Inserts the command runs of `entries` into the `commands` table.
fn insert_commands(tx: &Connection, id: &str, entries: &[Entry]) -> Result<(), StoreError> {
    for (command, first, last) in command_runs(entries) {
        tx.prepare_cached(
            "INSERT INTO commands (command_id, complaint_id, first_sequence, last_sequence)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![command.as_str(), id, sql_int(first), sql_int(last)])?;
    }
    Ok(())
}

/// Inserts entries into the `entries` table (the projected columns and the
/// entry's JSON); a taken `(complaint_id, sequence)` is a unique violation.
///
/// # Errors
///
/// A database or JSON error.
pub fn insert_entries(tx: &Connection, entries: &[Entry]) -> Result<(), StoreError> {
    let Some(first) = entries.first() else {
        return Ok(());
    };
    let mut id_text = Uuid::encode_buffer();
    let id = uuid_text(first.complaint_id().as_uuid(), &mut id_text);
    insert_entries_of(tx, id, entries)
}

/// [`insert_entries`] for entries of the complaint `id` (its hyphenated
/// text): the ids are written as text without `format!`, and each entry's
/// JSON into one buffer made for the purpose.
fn insert_entries_of(tx: &Connection, id: &str, entries: &[Entry]) -> Result<(), StoreError> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO entries
         (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut event_id_text = Uuid::encode_buffer();
    let mut body = Vec::with_capacity(1024);
    for entry in entries {
        body.clear();
        serde_json::to_writer(&mut body, entry)?;
        statement.execute(params![
            id,
            sql_int(entry.sequence()),
            uuid_text(entry.id().as_uuid(), &mut event_id_text),
            entry.at().timestamp_micros(),
            entry.actor().id.as_str(),
            entry.event().kind().name(),
            entry.schema(),
            // serde_json writes UTF-8 only: bound as text as it is.
            ToSqlOutput::Borrowed(ValueRef::Text(&body)),
            entry.command().map(CommandId::as_str),
        ])?;
    }
    Ok(())
}

fn stored_version(conn: &Connection, id: ComplaintId) -> Result<Option<u64>, StoreError> {
    let mut id_text = Uuid::encode_buffer();
    Ok(conn
        .prepare_cached("SELECT version FROM complaints WHERE id = ?1")?
        .query_row([uuid_text(id.as_uuid(), &mut id_text)], |row| {
            row.get::<_, i64>(0)
        })
        .optional()?
        .map(from_sql_int))
}

/// A unique or primary-key violation is another writer's entry or command:
/// a conflict; any other error stays what it is.
fn unique_is_conflict(error: impl Into<StoreError>, conflict: Conflict) -> StoreError {
    match error.into() {
        StoreError::Sqlite(error) if is_unique_violation(&error) => conflict.into(),
        other => other,
    }
}

fn is_unique_violation(error: &rusqlite::Error) -> bool {
    error.sqlite_error_code() == Some(ErrorCode::ConstraintViolation)
        && matches!(
            error.sqlite_error().map(|e| e.extended_code),
            Some(
                rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                    | rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            )
        )
}
