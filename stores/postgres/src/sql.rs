//! The SQL of a write and the conversions between the core's values and
//! PostgreSQL's, shared by the store's operations.

use chrono::{DateTime, Utc};
use complaint_workflow::record::{ComplaintRecord, Entry};
use complaint_workflow::{CommandId, ComplaintId};
use sqlx::Row;
use uuid::Uuid;

use crate::error::Error;

/// The channel every write notifies, with the schema written to
/// (`current_schema()`) as payload.
pub const FEED_CHANNEL: &str = "complaint_workflow_feed";

/// The columns of an `entries` insert, unnested from the statement's array
/// parameters `$6` to `$14` (kept in entry order by `ORDER BY ord`, so that
/// `appended`, the order the feed's sequencer follows, is sequence order).
/// Entries are stored without a feed position: the sequencer gives them one
/// once they are committed (see the crate docs, "The change feed").
macro_rules! insert_entries_from {
    ($source:literal) => {
        concat!(
            "INSERT INTO entries
        (complaint_id, sequence, event_id, at, actor_id, event_type, schema, body, command_id)
    SELECT e.complaint_id, e.sequence, e.event_id, e.at, e.actor_id, e.event_type, e.schema,
           e.body::jsonb, e.command_id
    FROM ",
            $source,
            ",
         unnest($6::uuid[], $7::int8[], $8::uuid[], $9::timestamptz[], $10::text[], $11::text[],
                $12::int4[], $13::text[], $14::text[])
         WITH ORDINALITY AS e(complaint_id, sequence, event_id, at, actor_id, event_type,
                              schema, body, command_id, ord)
    ORDER BY e.ord"
        )
    };
}

/// The `commands` insert of a write: per command id (`$15`), the first and
/// last sequence carrying it (`$16`, `$17`), for the complaint `$source` holds.
macro_rules! insert_commands_from {
    ($source:literal) => {
        concat!(
            "INSERT INTO commands (command_id, complaint_id, first_sequence, last_sequence)
    SELECT r.c, w.id, r.f, r.l FROM ",
            $source,
            " AS w, unnest($15::text[], $16::int8[], $17::int8[]) AS r(c, f, l)"
        )
    };
}

/// An append, one statement (so one implicit transaction and one round
/// trip): the version check and the row lock on the `complaints` row
/// (`$1` the id, `$5` the loaded version; `$2` to `$4` the new summary),
/// then the command and entry rows, only when the check passed. Returns how
/// many `complaints` rows it updated: 0 when another writer appended first.
pub(crate) const APPEND: &str = concat!(
    "WITH written AS (
    UPDATE complaints SET stage = $2, version = $3, next_due_at = $4
    WHERE id = $1 AND version = $5
    RETURNING id
), new_commands AS (
    ",
    insert_commands_from!("written"),
    "
), new_entries AS (
    ",
    insert_entries_from!("written"),
    "
)
SELECT count(*) FROM written"
);

/// A new complaint, one statement: the `complaints` row (`$1` to `$5`, and
/// the reference `$18`), its command and entry rows. A complaint, command or
/// reference stored already is a unique violation.
pub(crate) const CREATE: &str = concat!(
    "WITH written AS (
    INSERT INTO complaints (id, stage, version, next_due_at, complainant_id, reference)
    VALUES ($1, $2, $3, $4, $5, $18)
    RETURNING id
), new_commands AS (
    ",
    insert_commands_from!("written"),
    "
), new_entries AS (
    ",
    insert_entries_from!("written"),
    "
)
SELECT count(*) FROM written"
);

/// What the driver reads before an append under a command id, one
/// statement: the entries of command `$2` (`of_command` true) when it is
/// stored, otherwise the history of complaint `$1` (`of_command` false),
/// each row `(complaint_id, sequence, body::text)`, in sequence order.
pub(crate) const COMMAND_OR_HISTORY: &str = "WITH done AS (
    SELECT e.complaint_id, e.sequence, e.body
    FROM commands c JOIN entries e ON e.complaint_id = c.complaint_id
     AND e.sequence BETWEEN c.first_sequence AND c.last_sequence
    WHERE c.command_id = $2
)
SELECT true AS of_command, complaint_id, sequence, body::text AS body FROM done
UNION ALL
SELECT false, complaint_id, sequence, body::text FROM entries
WHERE complaint_id = $1 AND NOT EXISTS (SELECT FROM done)
ORDER BY sequence";

/// A count, version, sequence or position as an SQL `bigint` (they never
/// come near `i64::MAX`; saturates rather than wraps).
pub(crate) fn sql_int(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A `usize` limit as an SQL `bigint`.
pub(crate) fn sql_limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// An SQL `bigint` as a version, sequence or position (the tables' checks
/// refuse negative ones).
pub(crate) fn from_sql_int(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// The value of the indexed `next_due_at` column: the record's next alarm (W1).
pub(crate) fn next_due_at(record: &ComplaintRecord) -> Option<DateTime<Utc>> {
    record.next_alarm().map(|alarm| alarm.at)
}

/// The parameters `$6` to `$17` of [`APPEND`] and [`CREATE`]: the new
/// entries' columns and their commands' runs.
pub(crate) struct NewRows {
    complaint: Vec<Uuid>,
    sequence: Vec<i64>,
    event: Vec<Uuid>,
    at: Vec<DateTime<Utc>>,
    actor: Vec<String>,
    kind: Vec<String>,
    schema: Vec<i32>,
    body: Vec<String>,
    command: Vec<Option<String>>,
    commands: Vec<String>,
    first: Vec<i64>,
    last: Vec<i64>,
}

impl NewRows {
    /// The rows of `entries`, their bodies encoded as the core's JSON.
    pub(crate) fn of(entries: &[Entry]) -> Result<Self, serde_json::Error> {
        let mut rows = Self {
            complaint: Vec::with_capacity(entries.len()),
            sequence: Vec::with_capacity(entries.len()),
            event: Vec::with_capacity(entries.len()),
            at: Vec::with_capacity(entries.len()),
            actor: Vec::with_capacity(entries.len()),
            kind: Vec::with_capacity(entries.len()),
            schema: Vec::with_capacity(entries.len()),
            body: Vec::with_capacity(entries.len()),
            command: Vec::with_capacity(entries.len()),
            commands: Vec::new(),
            first: Vec::new(),
            last: Vec::new(),
        };
        for entry in entries {
            rows.complaint.push(Uuid::from(entry.complaint_id()));
            rows.sequence.push(sql_int(entry.sequence()));
            rows.event.push(Uuid::from(entry.id()));
            rows.at.push(entry.at());
            rows.actor.push(entry.actor().id.as_str().to_owned());
            rows.kind.push(entry.event().kind().name().to_owned());
            rows.schema
                .push(i32::try_from(entry.schema()).unwrap_or(i32::MAX));
            rows.body.push(serde_json::to_string(entry)?);
            rows.command
                .push(entry.command().map(|c| c.as_str().to_owned()));
        }
        for (command, first, last) in command_runs(entries) {
            rows.commands.push(command.as_str().to_owned());
            rows.first.push(sql_int(first));
            rows.last.push(sql_int(last));
        }
        Ok(rows)
    }

    /// Binds `$6` to `$17` onto a query that bound `$1` to `$5`.
    pub(crate) fn bind(
        self,
        query: sqlx::query::Query<'_, sqlx::Postgres, sqlx::postgres::PgArguments>,
    ) -> sqlx::query::Query<'_, sqlx::Postgres, sqlx::postgres::PgArguments> {
        query
            .bind(self.complaint)
            .bind(self.sequence)
            .bind(self.event)
            .bind(self.at)
            .bind(self.actor)
            .bind(self.kind)
            .bind(self.schema)
            .bind(self.body)
            .bind(self.command)
            .bind(self.commands)
            .bind(self.first)
            .bind(self.last)
    }
}

/// Per command id of `entries`, the first and last sequence carrying it.
fn command_runs(entries: &[Entry]) -> Vec<(&CommandId, u64, u64)> {
    let mut runs: Vec<(&CommandId, u64, u64)> = Vec::new();
    for entry in entries {
        let Some(command) = entry.command() else {
            continue;
        };
        match runs.iter_mut().find(|(c, _, _)| *c == command) {
            Some(run) => run.2 = entry.sequence(),
            None => runs.push((command, entry.sequence(), entry.sequence())),
        }
    }
    runs
}

/// Decodes rows of `(complaint_id, sequence, body::text)` into entries.
pub(crate) fn decode_entry(row: &sqlx::postgres::PgRow) -> Result<Entry, Error> {
    let complaint: Uuid = row.try_get("complaint_id")?;
    let sequence: i64 = row.try_get("sequence")?;
    let body: &str = row.try_get("body")?;
    serde_json::from_str(body).map_err(|source| Error::Decode {
        complaint: ComplaintId::from(complaint),
        sequence: from_sql_int(sequence),
        source,
    })
}
