//! Sessions: a random id in the cookie, its digest and expiry in the table.
//! Each sign-in makes a new id (the old session, if the request had one, is
//! ended), so an id planted before sign-in is worth nothing after it.

use std::time::Duration;

use axum::http::HeaderValue;
use chrono::Utc;
use sqlx::Row;

use crate::database::{Database, on_pool};

use super::{Credential, SESSION_COOKIE, Staff, digest, parse_role, random_secret, unix};

/// Starts a session for `user_id`; returns the id for the cookie.
///
/// # Errors
///
/// When the database fails or the system has no randomness.
pub async fn start(
    database: impl Into<Database>,
    user_id: i64,
    ttl: Duration,
) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let id = random_secret()?;
    let now = Utc::now();
    let ttl = i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX);
    let database = database.into();
    on_pool!(&database, |pool| {
        sqlx::query(
            "INSERT INTO desk_sessions (id_hash, user_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(digest(&id))
        .bind(user_id)
        .bind(unix(now))
        .bind(unix(now).saturating_add(ttl))
        .execute(pool)
        .await?;
    });
    Ok(id)
}

/// Ends the session whose id has this digest.
///
/// # Errors
///
/// When the database fails.
pub async fn end(database: impl Into<Database>, id_hash: &str) -> Result<(), sqlx::Error> {
    let database = database.into();
    on_pool!(&database, |pool| {
        sqlx::query("DELETE FROM desk_sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// The staff member of a live session.
///
/// # Errors
///
/// When the database fails.
pub async fn authenticate(
    database: impl Into<Database>,
    id: &str,
) -> Result<Option<Staff>, sqlx::Error> {
    let id_hash = digest(id);
    let database = database.into();
    on_pool!(&database, |pool| {
        let row = sqlx::query(
            "SELECT u.id, u.name, u.role FROM desk_sessions s JOIN desk_users u ON u.id = s.user_id \
             WHERE s.id_hash = $1 AND s.expires_at > $2",
        )
        .bind(&id_hash)
        .bind(unix(Utc::now()))
        .fetch_optional(pool)
        .await?;
        Ok(row.and_then(|row| {
            Some(Staff {
                user_id: row.get("id"),
                name: row.get("name"),
                role: parse_role(row.get("role"))?,
                via: Credential::Session(id_hash.clone()),
            })
        }))
    })
}

/// The `Set-Cookie` value of a new session: `HttpOnly`, `SameSite=Strict`,
/// `Path=/`, and `Secure` when `secure`.
pub fn cookie(id: &str, ttl: Duration, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = format!(
        "{SESSION_COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{secure}",
        ttl.as_secs()
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn removal(secure: bool) -> HeaderValue {
    if secure {
        HeaderValue::from_static(
            "desk_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Secure",
        )
    } else {
        HeaderValue::from_static("desk_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
    }
}
