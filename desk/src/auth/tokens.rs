//! API tokens: `cd_` and 64 hex digits, shown once when made; the table
//! keeps the SHA-256 digest.

use chrono::Utc;
use sqlx::Row;

use crate::database::{Database, on_pool};

use super::{Credential, Staff, digest, parse_role, random_secret, unix};

/// The prefix of every token (so a leaked one is easy to search for).
pub const PREFIX: &str = "cd_";

/// Makes a token for `user_id`; returns it (the only time it is seen).
///
/// # Errors
///
/// When the database fails or the system has no randomness.
pub async fn create(
    database: impl Into<Database>,
    user_id: i64,
    label: Option<&str>,
) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let token = format!("{PREFIX}{}", random_secret()?);
    let database = database.into();
    on_pool!(&database, |pool| {
        sqlx::query(
            "INSERT INTO desk_api_tokens (token_hash, user_id, label, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(digest(&token))
        .bind(user_id)
        .bind(label)
        .bind(unix(Utc::now()))
        .execute(pool)
        .await?;
    });
    Ok(token)
}

/// The staff member a token belongs to.
///
/// # Errors
///
/// When the database fails.
pub async fn authenticate(
    database: impl Into<Database>,
    token: &str,
) -> Result<Option<Staff>, sqlx::Error> {
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    let database = database.into();
    on_pool!(&database, |pool| {
        let row = sqlx::query(
            "SELECT u.id, u.name, u.role FROM desk_api_tokens t \
             JOIN desk_users u ON u.id = t.user_id WHERE t.token_hash = $1",
        )
        .bind(digest(token))
        .fetch_optional(pool)
        .await?;
        Ok(row.and_then(|row| {
            Some(Staff {
                user_id: row.get("id"),
                name: row.get("name"),
                role: parse_role(row.get("role"))?,
                via: Credential::Token,
            })
        }))
    })
}
