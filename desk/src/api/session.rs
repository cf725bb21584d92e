//! `POST /api/session` (sign in with name and password; a new session id
//! every time) and `DELETE /api/session` (sign out).
//!
//! Failed attempts are limited per account and per client address
//! ([`RateLimiter`](crate::auth::rate_limit::RateLimiter), in this process's
//! memory): past the limit, sign-in answers 429 with `Retry-After`, even for
//! the right password.

use std::net::SocketAddr;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use complaint_workflow::Role;
use serde::{Deserialize, Serialize};

use super::json_body;
use crate::auth::sign_in::{self, Refusal};
use crate::auth::{Credential, Staff, session_cookie, sessions};
use crate::problem::Problem;
use crate::startup::{AppState, DeskStore};

/// The sign-in form.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// The user name.
    pub name: String,
    /// The password.
    pub password: String,
}

/// Who signed in.
#[derive(Serialize)]
pub struct SignedIn {
    /// The user name.
    pub name: String,
    /// The role.
    pub role: Role,
}

/// Signs in: 200 with `Set-Cookie` (a new session), 401 for a wrong name or
/// password (the same answer for both), 429 past the rate limit.
///
/// # Errors
///
/// As above, and 400 / 413 / 415 for the body.
pub async fn sign_in<S: DeskStore>(
    State(state): State<AppState<S>>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let form: SignIn = json_body(&headers, body)?;
    let old = session_cookie(&headers);
    let (user, id) =
        match sign_in::attempt(&state, &form.name, &form.password, address.ip(), old).await {
            Ok(signed_in) => signed_in,
            Err(Refusal::TooManyAttempts(wait)) => {
                let seconds = wait.as_secs().max(1);
                return Err(Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too_many_sign_in_attempts",
                    "too many failed sign-in attempts: try again later",
                )
                .with_header(header::RETRY_AFTER, HeaderValue::from(seconds)));
            }
            Err(Refusal::InvalidCredentials) => {
                return Err(Problem::new(
                    StatusCode::UNAUTHORIZED,
                    "invalid_credentials",
                    "the name or the password is wrong",
                ));
            }
            Err(Refusal::Internal(error)) => return Err(Problem::internal(&error)),
        };
    let ttl = state.settings.session_ttl;
    let cookie = sessions::cookie(&id, ttl, state.settings.secure_cookies);
    let body = SignedIn {
        name: user.name,
        role: user.role,
    };
    Ok(([(header::SET_COOKIE, cookie)], Json(body)).into_response())
}

/// Signs out: ends the session and removes the cookie (204).
///
/// # Errors
///
/// 401 without a session or token.
pub async fn sign_out<S: DeskStore>(
    State(state): State<AppState<S>>,
    staff: Staff,
) -> Result<Response, Problem> {
    if let Credential::Session(id_hash) = &staff.via {
        sessions::end(&state.pool, id_hash)
            .await
            .map_err(|e| Problem::internal(&e))?;
    }
    let removal = sessions::removal(state.settings.secure_cookies);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, removal)]).into_response())
}
