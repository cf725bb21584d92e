//! A4: the closed complaints past their retention, computed from the
//! existing columns and rows (no column of its own: the retention is the
//! policy's and may change; the receipt and the closing are in the history).

use chrono::{DateTime, Utc};
use complaint_workflow::{ComplaintId, Event, Policy};
use sqlx::Row;
use uuid::Uuid;

use crate::sql::decode_entry;
use crate::{Error, PostgresStore};

/// How many closed complaints one query reads.
const BATCH: i64 = 500;

impl PostgresStore {
    /// A4: up to `limit` ids of closed complaints whose record is past the
    /// policy's [`retention`](Policy::retention) at `now`, in id order (the
    /// order of acceptance: ids are UUID v7). Empty when the policy sets no
    /// retention. The same answer as
    /// [`ComplaintRecord::retention_until`](complaint_workflow::ComplaintRecord::retention_until)
    /// on each record: the receipt is read from the complaint's first entry,
    /// the closing is the time of its last `close` entry.
    ///
    /// Computed, not indexed: the closed complaints are read in batches of
    /// 500 by primary key (`stage = 'closed'`), each with its first entry
    /// and the time of its last `close` (both found through the entries'
    /// primary key), until `limit` are found. A run reads every closed
    /// complaint before the ones it lists; it is a periodic job's query,
    /// not a page's.
    ///
    /// # Errors
    ///
    /// [`Error::Database`], [`Error::Decode`] for a first entry that does
    /// not read, [`Error::Corrupt`] for one that is not an acceptance.
    pub async fn past_retention(
        &self,
        now: DateTime<Utc>,
        policy: &Policy,
        limit: usize,
    ) -> Result<Vec<ComplaintId>, Error> {
        let mut past = Vec::new();
        let Some(retention) = policy.retention() else {
            return Ok(past);
        };
        let mut after = Uuid::nil();
        while past.len() < limit {
            let rows = sqlx::query(
                "SELECT c.id AS complaint_id, e.sequence, e.body::text AS body,
                        (SELECT max(x.at) FROM entries x
                         WHERE x.complaint_id = c.id AND x.event_type = 'close') AS closed_at
                 FROM complaints c
                 JOIN entries e ON e.complaint_id = c.id AND e.sequence = 1
                 WHERE c.stage = 'closed' AND c.id > $1
                 ORDER BY c.id
                 LIMIT $2",
            )
            .bind(after)
            .bind(BATCH)
            .fetch_all(self.pool())
            .await?;
            let Some(last) = rows.last() else {
                break;
            };
            after = last.try_get("complaint_id")?;
            for row in &rows {
                let complaint = ComplaintId::from(row.try_get::<Uuid, _>("complaint_id")?);
                let Some(closed_at) = row.try_get::<Option<DateTime<Utc>>, _>("closed_at")? else {
                    continue;
                };
                let first = decode_entry(row)?;
                let Event::Accept(accept) = first.event() else {
                    return Err(Error::Corrupt {
                        what: "first entry",
                        value: format!("complaint {complaint}'s is not an acceptance"),
                    });
                };
                let until = retention.until(accept.received_at, closed_at);
                if until.is_some_and(|until| until <= now) && past.len() < limit {
                    past.push(complaint);
                }
            }
        }
        Ok(past)
    }
}
