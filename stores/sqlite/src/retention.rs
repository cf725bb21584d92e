//! A4: the closed complaints past their retention, computed from the
//! existing columns and rows (no column of its own: the retention is the
//! policy's and may change; the receipt and the closing are in the history).

use chrono::{DateTime, Utc};
use complaint_workflow::{ComplaintId, Event, Policy};

use crate::sql;
use crate::{Error, SqliteStore};

/// How many closed complaints one query reads.
const BATCH: i64 = 500;

impl SqliteStore {
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
    /// `(complaint_id, sequence)` key), until `limit` are found. A run reads
    /// every closed complaint before the ones it lists; it is a periodic
    /// job's query, not a page's.
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
        let mut after = String::new();
        while past.len() < limit {
            let rows: Vec<(String, String, Option<i64>)> = sqlx::query_as(
                "SELECT c.id, e.body,
                        (SELECT MAX(x.at) FROM entries x
                         WHERE x.complaint_id = c.id AND x.event_type = 'close')
                 FROM complaints c
                 JOIN entries e ON e.complaint_id = c.id AND e.sequence = 1
                 WHERE c.stage = 'closed' AND c.id > ?1
                 ORDER BY c.id
                 LIMIT ?2",
            )
            .bind(&after)
            .bind(BATCH)
            .fetch_all(self.pool())
            .await?;
            let Some((last, _, _)) = rows.last() else {
                break;
            };
            after.clone_from(last);
            for (id, body, closed) in rows {
                let complaint = sql::complaint_id(&id)?;
                let Some(closed) = closed else {
                    continue;
                };
                let closed_at = sql::time("closing time", closed)?;
                let first = sql::entry(complaint, 1, &body)?;
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
