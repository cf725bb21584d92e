//! The SQL of a write and the conversions between the core's values and
//! PostgreSQL's, shared by the store's operations.

use chrono::{DateTime, Utc};
use complaint_workflow::record::{ComplaintRecord, Entry};
use complaint_workflow::{CommandId, ComplaintId};
use sqlx::{PgConnection, Row};
use uuid::Uuid;

use crate::error::Error;

/// The channel every write notifies, with the schema written to
/// (`current_schema()`) as payload.
pub const FEED_CHANNEL: &str = "complaint_workflow_feed";

/// The feed part of a write, its last statement before `COMMIT`: takes the
/// next positions from the one `feed_head` row (whose lock it then holds
/// until the commit is visible), inserts the entries at those positions and
/// notifies [`FEED_CHANNEL`].
const INSERT_ENTRIES: &str = "
WITH head AS (
    UPDATE feed_head SET position = position + $1
    RETURNING position - $1 AS base
), inserted AS (
    INSERT INTO entries
        (complaint_id, sequence, position, event_id, at, actor_id, event_type, schema, body, command_id)
    SELECT e.complaint_id, e.sequence, head.base + e.ord, e.event_id, e.at, e.actor_id,
           e.event_type, e.schema, e.body::jsonb, e.command_id
    FROM head,
         unnest($2::uuid[], $3::int8[], $4::uuid[], $5::timestamptz[], $6::text[], $7::text[],
                $8::int4[], $9::text[], $10::text[])
         WITH ORDINALITY AS e(complaint_id, sequence, event_id, at, actor_id, event_type,
                              schema, body, command_id, ord)
    RETURNING 1
)
SELECT pg_notify('complaint_workflow_feed', current_schema()) FROM (SELECT count(*) FROM inserted) AS done";

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

/// Inserts `entries` at the next feed positions (see [`INSERT_ENTRIES`]).
pub(crate) async fn insert_entries(
    conn: &mut PgConnection,
    entries: &[Entry],
) -> Result<(), sqlx::Error> {
    let mut complaint = Vec::with_capacity(entries.len());
    let mut sequence = Vec::with_capacity(entries.len());
    let mut event = Vec::with_capacity(entries.len());
    let mut at = Vec::with_capacity(entries.len());
    let mut actor = Vec::with_capacity(entries.len());
    let mut kind = Vec::with_capacity(entries.len());
    let mut schema = Vec::with_capacity(entries.len());
    let mut body = Vec::with_capacity(entries.len());
    let mut command = Vec::with_capacity(entries.len());
    for entry in entries {
        complaint.push(Uuid::from(entry.complaint_id()));
        sequence.push(sql_int(entry.sequence()));
        event.push(Uuid::from(entry.id()));
        at.push(entry.at());
        actor.push(entry.actor().id.as_str().to_owned());
        kind.push(entry.event().kind().name().to_owned());
        schema.push(i32::try_from(entry.schema()).unwrap_or(i32::MAX));
        body.push(serde_json::to_string(entry).map_err(|error| sqlx::Error::Encode(error.into()))?);
        command.push(entry.command().map(|c| c.as_str().to_owned()));
    }
    sqlx::query(INSERT_ENTRIES)
        .bind(sql_int(entries.len() as u64))
        .bind(complaint)
        .bind(sequence)
        .bind(event)
        .bind(at)
        .bind(actor)
        .bind(kind)
        .bind(schema)
        .bind(body)
        .bind(command)
        .execute(conn)
        .await?;
    Ok(())
}

/// Inserts the `commands` rows of `entries`: per command id, the first and
/// last sequence carrying it. A command stored already is a unique violation.
pub(crate) async fn insert_commands(
    conn: &mut PgConnection,
    id: ComplaintId,
    entries: &[Entry],
) -> Result<(), sqlx::Error> {
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
    if runs.is_empty() {
        return Ok(());
    }
    let commands: Vec<String> = runs.iter().map(|(c, _, _)| c.as_str().to_owned()).collect();
    let first: Vec<i64> = runs.iter().map(|run| sql_int(run.1)).collect();
    let last: Vec<i64> = runs.iter().map(|run| sql_int(run.2)).collect();
    sqlx::query(
        "INSERT INTO commands (command_id, complaint_id, first_sequence, last_sequence)
         SELECT c, $2, f, l FROM unnest($1::text[], $3::int8[], $4::int8[]) AS r(c, f, l)",
    )
    .bind(commands)
    .bind(Uuid::from(id))
    .bind(first)
    .bind(last)
    .execute(conn)
    .await?;
    Ok(())
}

/// Decodes rows of `(complaint_id, sequence, body::text)` into entries.
pub(crate) fn decode_entry(row: &sqlx::postgres::PgRow) -> Result<Entry, Error> {
    let complaint: Uuid = row.try_get("complaint_id")?;
    let sequence: i64 = row.try_get("sequence")?;
    let body: String = row.try_get("body")?;
    serde_json::from_str(&body).map_err(|source| Error::Decode {
        complaint: ComplaintId::from(complaint),
        sequence: from_sql_int(sequence),
        source,
    })
}
