//! The core's [`ChangeFeed`] on SQLite.
//!
//! An entry's feed position is its rowid in `entries`, assigned when it is
//! inserted. SQLite lets one transaction write at a time (the write lock is
//! taken at `BEGIN IMMEDIATE` and held until the commit, across processes
//! too), so a position is assigned only after every lower one has committed
//! or rolled back: positions become visible in order, and a reader that goes
//! on from the last position it read never skips an entry. (A rolled-back
//! position is assigned again to the next entry; none was ever visible.)

use complaint_workflow::store::{ChangeFeed, FeedEntry};

use futures_util::TryStreamExt;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::sql;
use crate::{Error, SqliteStore};

/// The entries after position `?1`, at most `?2`, on the rowid.
const FEED_AFTER: &str = "SELECT position, complaint_id, sequence, body FROM entries
                          WHERE position > ?1 ORDER BY position LIMIT ?2";

impl ChangeFeed for SqliteStore {
    type Error = Error;

    async fn entries_after(&self, position: u64, limit: usize) -> Result<Vec<FeedEntry>, Error> {
        // Each row is decoded as it arrives from the connection's thread
        // (its text borrowed from the row, not copied out first), while the
        // thread goes on stepping the statement.
        let rows: Vec<Result<FeedEntry, Error>> = sqlx::query(FEED_AFTER)
            .bind(sql::int("position", position)?)
            .bind(sql::limit(limit))
            .try_map(|row: SqliteRow| Ok(feed_entry(&row)))
            .fetch_all(self.pool())
            .await?;
        rows.into_iter().collect()
    }

    /// One statement, streamed: each row is decoded and handed over as it
    /// arrives from the connection's thread, which goes on stepping the
    /// statement meanwhile.
    async fn for_each_after<F>(&self, position: u64, limit: usize, each: F) -> Result<usize, Error>
    where
        F: FnMut(FeedEntry) + Send,
    {
        let mut each = each;
        let mut rows = sqlx::query(FEED_AFTER)
            .bind(sql::int("position", position)?)
            .bind(sql::limit(limit))
            .fetch(self.pool());
        let mut handed = 0;
        while let Some(row) = rows.try_next().await? {
            each(feed_entry(&row)?);
            handed += 1;
        }
        Ok(handed)
    }

    async fn checkpoint(&self, subscriber: &str) -> Result<u64, Error> {
        let position: Option<i64> =
            sqlx::query_scalar("SELECT position FROM subscriber_checkpoints WHERE subscriber = ?1")
                .bind(subscriber)
                .fetch_optional(self.pool())
                .await?;
        position.map_or(Ok(0), |position| sql::uint("position", position))
    }

    async fn save_checkpoint(&self, subscriber: &str, position: u64) -> Result<(), Error> {
        let position = sql::int("position", position)?;
        let write = self.write().await?;
        let mut write = write;
        sqlx::query(
            "INSERT INTO subscriber_checkpoints (subscriber, position) VALUES (?1, ?2)
             ON CONFLICT (subscriber) DO UPDATE SET position = excluded.position",
        )
        .bind(subscriber)
        .bind(position)
        .execute(&mut *write.tx)
        .await?;
        write.commit().await
    }
}

/// A row of the feed query as a [`FeedEntry`].
fn feed_entry(row: &SqliteRow) -> Result<FeedEntry, Error> {
    let position: i64 = row.try_get(0)?;
    let complaint: &str = row.try_get(1)?;
    let sequence: i64 = row.try_get(2)?;
    let body: &str = row.try_get(3)?;
    Ok(FeedEntry {
        position: sql::uint("position", position)?,
        entry: sql::entry(sql::complaint_id(complaint)?, sequence, body)?,
    })
}
