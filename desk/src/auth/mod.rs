//! Who is asking: users with argon2id password hashes ([`users`],
//! [`password`]), sessions behind an `HttpOnly`, `SameSite=Strict` cookie
//! ([`sessions`]), API tokens sent as `Authorization: Bearer …`
//! ([`tokens`]), and the sign-in rate limit ([`rate_limit`]).
//!
//! Session ids and tokens are 256 random bits; the database holds only their
//! SHA-256 digests, so a copy of the database signs no one in.

pub mod password;
pub mod rate_limit;
pub mod sessions;
pub mod sign_in;
pub mod tokens;
pub mod users;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use complaint_workflow::{Actor, Role};
use sha2::{Digest, Sha256};

use crate::problem::Problem;
use crate::startup::{AppState, DeskStore};

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "desk_session";

/// A signed-in staff member: the extractor every API route but sign-in takes
/// (a request without a valid session or token is a 401).
#[derive(Clone, Debug)]
pub struct Staff {
    /// The user's row id.
    pub user_id: i64,
    /// The user's name: the actor id recorded in the history.
    pub name: String,
    /// The user's role.
    pub role: Role,
    /// How the request was authenticated.
    pub via: Credential,
}

/// How a request was authenticated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    /// A session cookie (the digest of its id).
    Session(String),
    /// An API token.
    Token,
}

impl Staff {
    /// The actor the crate checks roles on.
    pub fn actor(&self) -> Actor {
        Actor::new(self.name.as_str(), self.role)
    }
}

impl<S: DeskStore> FromRequestParts<AppState<S>> for Staff {
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let token = value
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .ok_or_else(Problem::unauthenticated)?;
            return tokens::authenticate(&state.pool, token.trim())
                .await
                .map_err(|e| Problem::internal(&e))?
                .ok_or_else(Problem::unauthenticated);
        }
        match session_cookie(&parts.headers) {
            Some(id) => sessions::authenticate(&state.pool, id)
                .await
                .map_err(|e| Problem::internal(&e))?
                .ok_or_else(Problem::unauthenticated),
            None => Err(Problem::unauthenticated()),
        }
    }
}

/// The session id in a request's `Cookie` header, if any.
pub fn session_cookie(headers: &axum::http::HeaderMap) -> Option<&str> {
    cookie(headers, SESSION_COOKIE)
}

/// The value of the cookie `name` in a request's `Cookie` header, if any.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// 256 random bits as 64 hex digits.
///
/// # Errors
///
/// When the operating system has no randomness to give.
pub fn random_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

/// The SHA-256 digest of a secret, as stored.
pub fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Unix seconds of a time.
pub(crate) fn unix(time: chrono::DateTime<chrono::Utc>) -> i64 {
    time.timestamp()
}

/// Parses a stored role name.
pub(crate) fn parse_role(name: &str) -> Option<Role> {
    Role::ALL.into_iter().find(|role| role.name() == name)
}
