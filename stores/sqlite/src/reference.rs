//! Sequential complaint references, `CMP-2026-000123`.

use crate::{Error, SqliteStore};

impl SqliteStore {
    /// The next reference of `year`, `CMP-{year}-{n:06}` with `n` from 1:
    /// the year's counter row is incremented and read in one statement, so a
    /// reference is never handed out twice, across processes too. A number
    /// handed out for an intake that then fails is not reused (a gap, never
    /// a duplicate).
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn next_reference(&self, year: i32) -> Result<String, Error> {
        let mut write = self.write().await?;
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO reference_counters (year, last) VALUES (?1, 1)
             ON CONFLICT (year) DO UPDATE SET last = last + 1
             RETURNING last",
        )
        .bind(year)
        .fetch_one(&mut *write.tx)
        .await?;
        write.commit().await?;
        Ok(format!("CMP-{year}-{last:06}"))
    }
}
