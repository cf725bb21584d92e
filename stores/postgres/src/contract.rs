//! The core's store contract on PostgreSQL: [`ComplaintStore`] and
//! [`ChangeFeed`] for [`PostgresStore`].

use chrono::{DateTime, Utc};
use complaint_workflow::record::{ComplaintRecord, Conflict, Entry, ExpectedVersion};
use complaint_workflow::store::{
    AppendError, ChangeFeed, CommandOrHistory, ComplaintStore, DueComplaint, FeedEntry,
};
use complaint_workflow::{CommandId, ComplaintId};
use futures_util::TryStreamExt;
use sqlx::Row;
use uuid::Uuid;

use crate::error::{Error, is_conflict};
use crate::sql::{
    APPEND, COMMAND_OR_HISTORY, CREATE, NewRows, decode_entry, from_sql_int, next_due_at, sql_int,
    sql_limit,
};
use crate::store::PostgresStore;

/// A database error as the contract's refusal: a unique violation, a
/// serialization failure or a deadlock is a conflict (another writer won),
/// anything else the store's error.
fn refused(error: sqlx::Error, conflict: Conflict) -> AppendError<Error> {
    if is_conflict(&error) {
        AppendError::Conflict(conflict)
    } else {
        AppendError::Store(error.into())
    }
}

impl PostgresStore {
    /// The stored version of a complaint, outside any transaction.
    pub(crate) async fn stored_version(&self, id: ComplaintId) -> Result<Option<u64>, Error> {
        let version: Option<i64> =
            sqlx::query_scalar("SELECT version FROM complaints WHERE id = $1")
                .bind(Uuid::from(id))
                .fetch_optional(&self.pool)
                .await?;
        Ok(version.map(from_sql_int))
    }

    async fn create_in(
        &self,
        record: &ComplaintRecord,
        reference: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        let rows =
            NewRows::of(record.entries()).map_err(|error| sqlx::Error::Encode(error.into()))?;
        let query = sqlx::query(CREATE)
            .bind(Uuid::from(record.id()))
            .bind(record.stage().name())
            .bind(sql_int(record.version()))
            .bind(next_due_at(record))
            .bind(record.complainant().id.as_str());
        rows.bind(query).bind(reference).execute(&self.pool).await?;
        self.notifier.written(&self.pool).await;
        Ok(())
    }

    /// The append, one statement; `Ok(false)`: the stored version is not
    /// `loaded`.
    async fn append_in(&self, loaded: u64, record: &ComplaintRecord) -> Result<bool, sqlx::Error> {
        let rows = NewRows::of(record.entries_since(loaded))
            .map_err(|error| sqlx::Error::Encode(error.into()))?;
        // The version check and the row lock in one statement: under READ
        // COMMITTED a writer that waited for another's lock re-reads the
        // committed row, so at most one of them finds `loaded`.
        let query = sqlx::query(APPEND)
            .bind(Uuid::from(record.id()))
            .bind(record.stage().name())
            .bind(sql_int(record.version()))
            .bind(next_due_at(record))
            .bind(sql_int(loaded));
        let updated: i64 = rows.bind(query).fetch_one(&self.pool).await?.try_get(0)?;
        if updated != 1 {
            return Ok(false);
        }
        self.notifier.written(&self.pool).await;
        Ok(true)
    }
}

impl ComplaintStore for PostgresStore {
    type Error = Error;

    async fn entries(&self, id: ComplaintId) -> Result<Vec<Entry>, Error> {
        let rows = sqlx::query(
            "SELECT complaint_id, sequence, body::text AS body FROM entries
             WHERE complaint_id = $1 ORDER BY sequence",
        )
        .bind(Uuid::from(id))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(decode_entry).collect()
    }

    async fn command_entries(&self, command: &CommandId) -> Result<Option<Vec<Entry>>, Error> {
        let rows = sqlx::query(
            "SELECT e.complaint_id, e.sequence, e.body::text AS body
             FROM commands c JOIN entries e ON e.complaint_id = c.complaint_id
              AND e.sequence BETWEEN c.first_sequence AND c.last_sequence
             WHERE c.command_id = $1 ORDER BY e.sequence",
        )
        .bind(command.as_str())
        .fetch_all(&self.pool)
        .await?;
        if rows.is_empty() {
            return Ok(None);
        }
        rows.iter()
            .map(decode_entry)
            .collect::<Result<_, _>>()
            .map(Some)
    }

    /// One statement, so one round trip and one snapshot: the command's
    /// entries by the `commands` primary key, or, when it holds none, the
    /// history on the entries' primary key (`COMMAND_OR_HISTORY`).
    async fn command_or_history(
        &self,
        id: ComplaintId,
        command: &CommandId,
    ) -> Result<CommandOrHistory, Error> {
        let rows = sqlx::query(COMMAND_OR_HISTORY)
            .bind(Uuid::from(id))
            .bind(command.as_str())
            .fetch_all(&self.pool)
            .await?;
        let of_command = match rows.first() {
            Some(row) => row.try_get::<bool, _>("of_command")?,
            None => false,
        };
        let entries = rows.iter().map(decode_entry).collect::<Result<_, _>>()?;
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
        match self.create_in(record, reference).await {
            Ok(()) => Ok(()),
            Err(error) if is_conflict(&error) => {
                let actual = self
                    .stored_version(record.id())
                    .await
                    .map_err(AppendError::Store)?;
                Err(AppendError::Conflict(Conflict {
                    expected: ExpectedVersion::NoRecord,
                    actual: actual.or(Some(0)),
                }))
            }
            Err(error) => Err(AppendError::Store(error.into())),
        }
    }

    async fn append(
        &self,
        loaded: u64,
        record: &ComplaintRecord,
    ) -> Result<(), AppendError<Error>> {
        let conflict = |actual| Conflict {
            expected: ExpectedVersion::Exactly(loaded),
            actual,
        };
        // A2, A3: with stored entries to write back, one transaction.
        let written = if record.rewrites_since(loaded).is_empty() {
            self.append_in(loaded, record).await
        } else {
            self.append_rewriting(loaded, record).await
        };
        match written {
            Ok(true) => Ok(()),
            Ok(false) => {
                let actual = self
                    .stored_version(record.id())
                    .await
                    .map_err(AppendError::Store)?;
                Err(AppendError::Conflict(conflict(actual)))
            }
            Err(error) => Err(refused(error, conflict(Some(loaded)))),
        }
    }

    async fn complaint_by_reference(&self, reference: &str) -> Result<Option<ComplaintId>, Error> {
        let id: Option<Uuid> = sqlx::query_scalar("SELECT id FROM complaints WHERE reference = $1")
            .bind(reference)
            .fetch_optional(&self.pool)
            .await?;
        Ok(id.map(ComplaintId::from))
    }

    async fn due_before(
        &self,
        before: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<DueComplaint>, Error> {
        let rows = sqlx::query(crate::due::DUE_BEFORE)
            .bind(before)
            .bind(sql_limit(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(crate::due::due_row).collect()
    }
}

impl PostgresStore {
    /// The sequenced entries after `position`, at most `limit`: one
    /// statement, one snapshot. The positions any snapshot sees are 1 to
    /// some n without a hole (sequencers commit in position order), so a
    /// reader going on from the last one it read skips nothing.
    async fn sequenced_after(&self, position: u64, limit: usize) -> Result<Vec<FeedEntry>, Error> {
        let rows = sqlx::query(
            "SELECT position, complaint_id, sequence, body::text AS body FROM entries
             WHERE position > $1 ORDER BY position LIMIT $2",
        )
        .bind(sql_int(position))
        .bind(sql_limit(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(feed_entry).collect()
    }
}

impl PostgresStore {
    /// The sequenced entries after `position`, at most `limit`, handed to
    /// `each` as the rows of one statement arrive (one snapshot, so no hole,
    /// as [`sequenced_after`](Self::sequenced_after)); how many, and the
    /// last position handed over (`position` when none).
    async fn each_sequenced_after<F: FnMut(FeedEntry) + Send>(
        &self,
        position: u64,
        limit: usize,
        each: &mut F,
    ) -> Result<(usize, u64), Error> {
        let mut rows = sqlx::query(
            "SELECT position, complaint_id, sequence, body::text AS body FROM entries
             WHERE position > $1 ORDER BY position LIMIT $2",
        )
        .bind(sql_int(position))
        .bind(sql_limit(limit))
        .fetch(&self.pool);
        let (mut handed, mut last) = (0, position);
        while let Some(row) = rows.try_next().await? {
            let entry = feed_entry(&row)?;
            last = entry.position;
            handed += 1;
            each(entry);
        }
        Ok((handed, last))
    }
}

/// A row of the feed queries, `(position, complaint_id, sequence,
/// body::text)`, as a [`FeedEntry`].
fn feed_entry(row: &sqlx::postgres::PgRow) -> Result<FeedEntry, Error> {
    let position: i64 = row.try_get("position")?;
    Ok(FeedEntry {
        position: from_sql_int(position),
        entry: decode_entry(row)?,
    })
}

impl ChangeFeed for PostgresStore {
    type Error = Error;

    /// The same entries as [`entries_after`](ChangeFeed::entries_after)
    /// (the sequenced ones, then, when they fall short of `limit`, the ones
    /// the sequencer then gives the next positions), streamed: each row is
    /// decoded and handed over as it arrives, while the server goes on
    /// sending the next.
    async fn for_each_after<F>(&self, position: u64, limit: usize, each: F) -> Result<usize, Error>
    where
        F: FnMut(FeedEntry) + Send,
    {
        let mut each = each;
        let (handed, last) = self
            .each_sequenced_after(position, limit, &mut each)
            .await?;
        if handed >= limit {
            return Ok(handed);
        }
        let head: i64 = sqlx::query_scalar("SELECT sequence_feed($1)")
            .bind(sql_limit(limit - handed))
            .fetch_one(&self.pool)
            .await?;
        if from_sql_int(head) <= last {
            return Ok(handed);
        }
        let (more, _) = self
            .each_sequenced_after(last, limit - handed, &mut each)
            .await?;
        Ok(handed + more)
    }

    /// The committed entries after `position`, in position order: the
    /// sequenced ones, and when they do not fill `limit`, the ones the
    /// sequencer then gives the next positions (see the crate docs, "The
    /// change feed").
    async fn entries_after(&self, position: u64, limit: usize) -> Result<Vec<FeedEntry>, Error> {
        let mut page = self.sequenced_after(position, limit).await?;
        if page.len() < limit {
            let head: i64 = sqlx::query_scalar("SELECT sequence_feed($1)")
                .bind(sql_limit(limit))
                .fetch_one(&self.pool)
                .await?;
            let last = page.last().map_or(position, |entry| entry.position);
            if from_sql_int(head) > last {
                let more = self.sequenced_after(last, limit - page.len()).await?;
                page.extend(more);
            }
        }
        Ok(page)
    }

    async fn checkpoint(&self, subscriber: &str) -> Result<u64, Error> {
        let position: Option<i64> =
            sqlx::query_scalar("SELECT position FROM checkpoints WHERE subscriber = $1")
                .bind(subscriber)
                .fetch_optional(&self.pool)
                .await?;
        Ok(position.map_or(0, from_sql_int))
    }

    async fn save_checkpoint(&self, subscriber: &str, position: u64) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO checkpoints (subscriber, position) VALUES ($1, $2)
             ON CONFLICT (subscriber) DO UPDATE SET position = excluded.position",
        )
        .bind(subscriber)
        .bind(sql_int(position))
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
