//! Due-workers: each due complaint handed to one worker at a time, under a
//! lease on its `complaints` row.

use chrono::{DateTime, Utc};
use complaint_workflow::ComplaintId;
use complaint_workflow::store::DueComplaint;

use crate::contract::due_complaint;
use crate::sql;
use crate::{Error, SqliteStore};

impl SqliteStore {
    /// Claims up to `limit` complaints due strictly before `now` for
    /// `worker`, earliest first, each until `now + lease`.
    ///
    /// A claimed complaint is not handed to another worker until its lease
    /// ends: when the worker [releases](Self::release) it, or at its
    /// `lease_until` (a crashed worker's complaints are claimable again once
    /// their leases expire). The claim is one `UPDATE … RETURNING`, so two
    /// workers never take the same complaint. A worker handles each claimed
    /// complaint (load, apply, append through the driver; the append does
    /// not touch the lease), then releases it; one that is still due after
    /// its release is claimed again.
    ///
    /// `now` comes from the caller, as every time in the crate does.
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn claim_due(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: usize,
    ) -> Result<Vec<DueComplaint>, Error> {
        let until = now
            .checked_add_signed(lease)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        let mut write = self.write().await?;
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "UPDATE complaints SET lease_owner = ?1, lease_until = ?2
             WHERE id IN (
                 SELECT id FROM complaints
                 WHERE next_due_at < ?3 AND (lease_until IS NULL OR lease_until <= ?3)
                 ORDER BY next_due_at, id LIMIT ?4)
             RETURNING id, next_due_at",
        )
        .bind(worker)
        .bind(sql::micros(until))
        .bind(sql::micros(now))
        .bind(sql::limit(limit))
        .fetch_all(&mut *write.tx)
        .await?;
        write.commit().await?;
        let mut due = rows
            .iter()
            .map(|(id, due)| due_complaint(id, *due))
            .collect::<Result<Vec<_>, _>>()?;
        // `RETURNING` gives no order: earliest first, ties by id.
        due.sort_by_key(|due| (due.due, due.complaint_id));
        Ok(due)
    }

    /// Ends `worker`'s claim on complaint `id` before its lease runs out;
    /// whether the worker held it.
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn release(&self, worker: &str, id: ComplaintId) -> Result<bool, Error> {
        let mut write = self.write().await?;
        let released = sqlx::query(
            "UPDATE complaints SET lease_owner = NULL, lease_until = NULL
             WHERE id = ?1 AND lease_owner = ?2",
        )
        .bind(id.to_string())
        .bind(worker)
        .execute(&mut *write.tx)
        .await?;
        write.commit().await?;
        Ok(released.rows_affected() == 1)
    }
}
