//! Due-workers: each due complaint handed to one worker at a time, with a
//! lease claimed under `FOR UPDATE SKIP LOCKED`.

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::ComplaintId;
use complaint_workflow::store::DueComplaint;
use sqlx::Row;
use uuid::Uuid;

use crate::error::Error;
use crate::sql::sql_limit;
use crate::store::PostgresStore;

/// "What is due?": one query on the `(next_due_at, id)` index.
pub const DUE_BEFORE: &str = "SELECT id, next_due_at FROM complaints
     WHERE next_due_at < $1 ORDER BY next_due_at, id LIMIT $2";

/// A due-worker's claim, one statement: up to `$4` complaints due before
/// `$2` whose lease is free or expired, skipping rows another transaction
/// holds (`SKIP LOCKED`), leased to worker `$1` until `$3`.
pub const CLAIM_DUE: &str = "UPDATE complaints SET claimed_by = $1, claimed_until = $3
     WHERE id IN (
         SELECT id FROM complaints
         WHERE next_due_at < $2 AND (claimed_until IS NULL OR claimed_until <= $2)
         ORDER BY next_due_at, id LIMIT $4
         FOR UPDATE SKIP LOCKED)
     RETURNING id, next_due_at";

pub(crate) fn due_row(row: &sqlx::postgres::PgRow) -> Result<DueComplaint, Error> {
    let id: Uuid = row.try_get("id")?;
    let due: DateTime<Utc> = row.try_get("next_due_at")?;
    Ok(DueComplaint {
        complaint_id: ComplaintId::from(id),
        due,
    })
}

impl PostgresStore {
    /// Claims up to `limit` complaints due before `now` for `worker`, until
    /// `now + lease`, earliest first: each due complaint is handed to one
    /// worker at a time.
    ///
    /// A claim is a lease on the complaint's row (`claimed_by`,
    /// `claimed_until`), taken in one `UPDATE … WHERE id IN (SELECT … FOR
    /// UPDATE SKIP LOCKED)`: workers claiming at the same moment skip each
    /// other's rows instead of waiting, and a row claimed meanwhile is checked
    /// again and left out. The worker then applies what is due through the
    /// driver (`Complaints::apply`, on any connection: the claim is not a
    /// transaction held open) and calls [`release`](Self::release). A worker
    /// that crashes leaves its lease to expire: after `now + lease` (as later
    /// callers' `now` tells) the complaint can be claimed again, so handlers
    /// use command ids to stay idempotent.
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn claim_due(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        lease: Duration,
        limit: usize,
    ) -> Result<Vec<DueComplaint>, Error> {
        let until = now
            .checked_add_signed(lease)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        let rows = sqlx::query(CLAIM_DUE)
            .bind(worker)
            .bind(now)
            .bind(until)
            .bind(sql_limit(limit))
            .fetch_all(&self.pool)
            .await?;
        let mut claimed = rows.iter().map(due_row).collect::<Result<Vec<_>, _>>()?;
        claimed.sort_by_key(|due| (due.due, due.complaint_id));
        Ok(claimed)
    }

    /// Ends `worker`'s claim on complaint `id` early; whether it held one.
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn release(&self, worker: &str, id: ComplaintId) -> Result<bool, Error> {
        let released = sqlx::query(
            "UPDATE complaints SET claimed_by = NULL, claimed_until = NULL
             WHERE id = $1 AND claimed_by = $2",
        )
        .bind(Uuid::from(id))
        .bind(worker)
        .execute(&self.pool)
        .await?;
        Ok(released.rows_affected() == 1)
    }
}
