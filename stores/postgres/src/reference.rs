//! Sequential complaint references per year.

use crate::error::Error;
use crate::sql::from_sql_int;
use crate::store::PostgresStore;

impl PostgresStore {
    /// The next reference of `year`, `CMP-2026-000123` style: sequential per
    /// year from 1, never handed out twice (one upsert of the year's counter
    /// row; concurrent callers queue on its row lock). A number whose
    /// complaint is never created is skipped, not reused.
    ///
    /// # Errors
    ///
    /// [`Error::Database`].
    pub async fn next_reference(&self, year: i32) -> Result<String, Error> {
        let number: i64 = sqlx::query_scalar(
            "INSERT INTO reference_counters (year, last) VALUES ($1, 1)
             ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + 1
             RETURNING last",
        )
        .bind(year)
        .fetch_one(&self.pool)
        .await?;
        Ok(format!("CMP-{year}-{:06}", from_sql_int(number)))
    }
}
