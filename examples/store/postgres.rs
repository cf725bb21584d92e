//! The storage contract on PostgreSQL: an append locks the complaint's row
//! (`SELECT version ... FOR UPDATE`) and checks its version in the same
//! transaction; due-workers claim due complaints with `FOR UPDATE SKIP
//! LOCKED`, so two workers never take the same one.
//!
//! Times are `timestamptz`, ids `uuid`, entry bodies `jsonb` (which refuses a
//! `\u0000` in a string: keep NUL characters out of texts, or use `json`).

use chrono::{DateTime, Utc};
use complaint_workflow::{
    CommandId, ComplainantId, ComplaintId, ComplaintRecord, TransitionError,
    record::{Conflict, Entry, ExpectedVersion},
};
use postgres::error::SqlState;
use postgres::{Client, GenericClient, NoTls, Transaction};
use uuid::Uuid;

use super::{PersonalData, Store, StoreError, command_runs, from_sql_int, new_entries, sql_int};

/// The tables, indexes and triggers of `docs/storage.md`, PostgreSQL dialect,
/// created in the schema first on the connection's `search_path`.
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS complaints (
    id             uuid PRIMARY KEY,
    stage          text NOT NULL,
    version        bigint NOT NULL CHECK (version >= 0),
    next_due_at    timestamptz,
    complainant_id text NOT NULL
);
CREATE INDEX IF NOT EXISTS complaints_next_due_at ON complaints (next_due_at, id);
CREATE INDEX IF NOT EXISTS complaints_complainant ON complaints (complainant_id);

CREATE TABLE IF NOT EXISTS entries (
    complaint_id uuid NOT NULL REFERENCES complaints (id),
    sequence     bigint NOT NULL CHECK (sequence >= 1),
    event_id     uuid NOT NULL UNIQUE,
    at           timestamptz NOT NULL,
    actor_id     text NOT NULL,
    event_type   text NOT NULL,
    schema       integer NOT NULL,
    body         jsonb NOT NULL,
    command_id   text,
    PRIMARY KEY (complaint_id, sequence)
);

CREATE OR REPLACE FUNCTION entries_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'entries are append-only';
END
$$;
DROP TRIGGER IF EXISTS entries_append_only ON entries;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
FOR EACH ROW EXECUTE FUNCTION entries_append_only();

CREATE TABLE IF NOT EXISTS commands (
    command_id     text PRIMARY KEY,
    complaint_id   uuid NOT NULL REFERENCES complaints (id),
    first_sequence bigint NOT NULL,
    last_sequence  bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS personal_data (
    complainant_id text PRIMARY KEY,
    name           text NOT NULL,
    phone          text,
    email          text
);
";

/// "What is due now?": one query on the `(next_due_at, id)` index.
pub const DUE_BEFORE: &str =
    "SELECT id FROM complaints WHERE next_due_at < $1 ORDER BY next_due_at, id";

/// A due-worker's claim: up to `$2` due complaints no other transaction holds,
/// locked until the claiming transaction ends.
pub const CLAIM_DUE: &str = "SELECT id FROM complaints WHERE next_due_at < $1
     ORDER BY next_due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED";

/// A complaint store on one PostgreSQL connection, working in one schema.
pub struct PostgresStore {
    client: Client,
}

impl PostgresStore {
    /// Connects to `url` and works in `schema` (created when missing).
    ///
    /// # Errors
    ///
    /// A database error.
    ///
    /// # Panics
    ///
    /// When `schema` is not a plain lower-case identifier.
    pub fn connect(url: &str, schema: &str) -> Result<Self, StoreError> {
        assert!(
            !schema.is_empty()
                && schema
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "schema {schema:?} is not a plain identifier"
        );
        let mut client = Client::connect(url, NoTls)?;
        client.batch_execute(&format!(
            "CREATE SCHEMA IF NOT EXISTS {schema}; SET search_path TO {schema}"
        ))?;
        Ok(Self { client })
    }

    /// Drops `schema` with everything in it (to start an example or a test afresh).
    ///
    /// # Errors
    ///
    /// A database error.
    pub fn drop_schema(url: &str, schema: &str) -> Result<(), StoreError> {
        let mut store = Self::connect(url, schema)?;
        store
            .client
            .batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))?;
        Ok(())
    }

    /// Creates the tables, indexes and triggers that are missing (run it
    /// once, before other connections use the schema).
    ///
    /// # Errors
    ///
    /// A database error.
    pub fn create_schema(&mut self) -> Result<(), StoreError> {
        self.client.batch_execute(SCHEMA)?;
        Ok(())
    }

    /// The connection, for the application's own queries.
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// The due-worker's step: in one transaction, claims up to `limit`
    /// complaints due before `now` that no other worker holds
    /// ([`CLAIM_DUE`]), lets `handle` apply what is due to each, appends the
    /// new entries and updates the rows, commits. Returns the complaints
    /// handled; an empty list means nothing due is left unclaimed.
    ///
    /// # Errors
    ///
    /// A refused event, a history that does not replay or a database error:
    /// the whole batch is rolled back and stays due.
    pub fn claim_due<F>(
        &mut self,
        now: DateTime<Utc>,
        limit: u32,
        mut handle: F,
    ) -> Result<Vec<ComplaintId>, StoreError>
    where
        F: FnMut(&mut ComplaintRecord) -> Result<(), TransitionError>,
    {
        let mut tx = self.client.transaction()?;
        let ids: Vec<ComplaintId> = tx
            .query(CLAIM_DUE, &[&now, &i64::from(limit)])?
            .iter()
            .map(|row| ComplaintId::from(row.get::<_, Uuid>(0)))
            .collect();
        for &id in &ids {
            let mut record = ComplaintRecord::replay(entries_of(&mut tx, id)?)?;
            let expected = record.expected_version();
            handle(&mut record)?;
            append_in(&mut tx, expected, &record)?;
        }
        tx.commit()?;
        Ok(ids)
    }
}

impl Store for PostgresStore {
    fn version(&mut self, id: ComplaintId) -> Result<Option<u64>, StoreError> {
        let id: Uuid = id.into();
        Ok(self
            .client
            .query_opt("SELECT version FROM complaints WHERE id = $1", &[&id])?
            .map(|row| from_sql_int(row.get(0))))
    }

    fn entries(&mut self, id: ComplaintId) -> Result<Vec<Entry>, StoreError> {
        entries_of(&mut self.client, id)
    }

    fn command(&mut self, command: &CommandId) -> Result<Option<Vec<Entry>>, StoreError> {
        let Some(row) = self.client.query_opt(
            "SELECT complaint_id, first_sequence, last_sequence
             FROM commands WHERE command_id = $1",
            &[&command.as_str()],
        )?
        else {
            return Ok(None);
        };
        let (complaint, first, last): (Uuid, i64, i64) = (row.get(0), row.get(1), row.get(2));
        let entries = self
            .client
            .query(
                "SELECT body FROM entries
                 WHERE complaint_id = $1 AND sequence BETWEEN $2 AND $3 ORDER BY sequence",
                &[&complaint, &first, &last],
            )?
            .into_iter()
            .map(|row| serde_json::from_value(row.get(0)))
            .collect::<Result<Vec<Entry>, _>>()?;
        Ok(Some(entries))
    }

    fn append(
        &mut self,
        expected: ExpectedVersion,
        record: &ComplaintRecord,
    ) -> Result<(), StoreError> {
        let mut tx = self.client.transaction()?;
        append_in(&mut tx, expected, record)?;
        tx.commit().map_err(retryable_is_conflict(expected, None))?;
        Ok(())
    }

    fn due_before(&mut self, t: DateTime<Utc>) -> Result<Vec<ComplaintId>, StoreError> {
        Ok(self
            .client
            .query(DUE_BEFORE, &[&t])?
            .iter()
            .map(|row| ComplaintId::from(row.get::<_, Uuid>(0)))
            .collect())
    }

    fn complaints_of(
        &mut self,
        complainant: &ComplainantId,
    ) -> Result<Vec<ComplaintId>, StoreError> {
        // Complaint ids are UUID v7: their order is the order of acceptance.
        Ok(self
            .client
            .query(
                "SELECT id FROM complaints WHERE complainant_id = $1 ORDER BY id",
                &[&complainant.as_str()],
            )?
            .iter()
            .map(|row| ComplaintId::from(row.get::<_, Uuid>(0)))
            .collect())
    }

    fn put_personal_data(&mut self, data: &PersonalData) -> Result<(), StoreError> {
        self.client.execute(
            "INSERT INTO personal_data (complainant_id, name, phone, email)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (complainant_id) DO UPDATE
             SET name = excluded.name, phone = excluded.phone, email = excluded.email",
            &[
                &data.complainant.as_str(),
                &data.name,
                &data.phone,
                &data.email,
            ],
        )?;
        Ok(())
    }

    fn personal_data(&mut self, id: &ComplainantId) -> Result<Option<PersonalData>, StoreError> {
        Ok(self
            .client
            .query_opt(
                "SELECT name, phone, email FROM personal_data WHERE complainant_id = $1",
                &[&id.as_str()],
            )?
            .map(|row| PersonalData {
                complainant: id.clone(),
                name: row.get(0),
                phone: row.get(1),
                email: row.get(2),
            }))
    }

    fn delete_personal_data(&mut self, id: &ComplainantId) -> Result<bool, StoreError> {
        let deleted = self.client.execute(
            "DELETE FROM personal_data WHERE complainant_id = $1",
            &[&id.as_str()],
        )?;
        Ok(deleted > 0)
    }
}

/// The body of [`Store::append`] inside an open transaction: lock the row
/// and check the version, insert the entries and their command, update the
/// row. Nothing is committed here.
///
/// # Errors
///
/// As [`Store::append`]; the caller rolls back (drops the transaction).
pub fn append_in(
    tx: &mut Transaction<'_>,
    expected: ExpectedVersion,
    record: &ComplaintRecord,
) -> Result<(), StoreError> {
    let (base, new) = new_entries(expected, record)?;
    let id: Uuid = record.id().into();
    let stored = tx
        .query_opt(
            "SELECT version FROM complaints WHERE id = $1 FOR UPDATE",
            &[&id],
        )?
        .map(|row| from_sql_int(row.get(0)));
    expected.check(stored)?;
    let conflict = retryable_is_conflict(expected, stored);
    if stored.is_none() {
        // Two writers creating the same id: the second waits for the
        // first's row, then fails on the primary key.
        tx.execute(
            "INSERT INTO complaints (id, stage, version, next_due_at, complainant_id)
             VALUES ($1, 'accepted', 0, NULL, $2)",
            &[&id, &record.complainant().id.as_str()],
        )
        .map_err(&conflict)?;
    }
    insert_entries(tx, new, &conflict)?;
    for (command, first, last) in command_runs(new) {
        tx.execute(
            "INSERT INTO commands (command_id, complaint_id, first_sequence, last_sequence)
             VALUES ($1, $2, $3, $4)",
            &[&command.as_str(), &id, &sql_int(first), &sql_int(last)],
        )
        .map_err(&conflict)?;
    }
    let updated = tx.execute(
        "UPDATE complaints SET stage = $2, version = $3, next_due_at = $4
         WHERE id = $1 AND version = $5",
        &[
            &id,
            &record.stage().name(),
            &sql_int(record.version()),
            &super::next_due_at(record),
            &sql_int(base),
        ],
    )?;
    if updated == 1 {
        Ok(())
    } else {
        Err(Conflict {
            expected,
            actual: stored,
        }
        .into())
    }
}

/// Inserts entries into the `entries` table (the projected columns and the
/// entry's JSON); a taken `(complaint_id, sequence)` goes through `conflict`.
fn insert_entries(
    tx: &mut impl GenericClient,
    entries: &[Entry],
    conflict: &impl Fn(postgres::Error) -> StoreError,
) -> Result<(), StoreError> {
    for entry in entries {
        let complaint: Uuid = entry.complaint_id().into();
        let event: Uuid = entry.id().into();
        let schema = i32::try_from(entry.schema()).unwrap_or(i32::MAX);
        tx.execute(
            "INSERT INTO entries
             (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[
                &complaint,
                &sql_int(entry.sequence()),
                &event,
                &entry.at(),
                &entry.actor().id.as_str(),
                &entry.event().kind().name(),
                &schema,
                &serde_json::to_value(entry)?,
                &entry.command().map(CommandId::as_str),
            ],
        )
        .map_err(conflict)?;
    }
    Ok(())
}

fn entries_of(client: &mut impl GenericClient, id: ComplaintId) -> Result<Vec<Entry>, StoreError> {
    let id: Uuid = id.into();
    client
        .query(
            "SELECT body FROM entries WHERE complaint_id = $1 ORDER BY sequence",
            &[&id],
        )?
        .into_iter()
        .map(|row| Ok(serde_json::from_value(row.get(0))?))
        .collect()
}

/// A unique violation (another writer's entry, complaint or command), a
/// serialization failure or a deadlock is a conflict to retry; any other
/// error stays what it is.
fn retryable_is_conflict(
    expected: ExpectedVersion,
    actual: Option<u64>,
) -> impl Fn(postgres::Error) -> StoreError {
    move |error| {
        let retryable = error.code().is_some_and(|code| {
            [
                SqlState::UNIQUE_VIOLATION,
                SqlState::T_R_SERIALIZATION_FAILURE,
                SqlState::T_R_DEADLOCK_DETECTED,
            ]
            .contains(code)
        });
        if retryable {
            Conflict { expected, actual }.into()
        } else {
            error.into()
        }
    }
}
