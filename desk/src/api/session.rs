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
use utoipa::ToSchema;

use super::json_body;
use crate::auth::{Credential, Staff, digest, password, session_cookie, sessions, users};
use crate::openapi::{problems, schemas};
use crate::problem::Problem;
use crate::startup::{AppState, DeskStore};

/// The sign-in form.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// The user name.
    pub name: String,
    /// The password.
    pub password: String,
}

/// Who signed in.
#[derive(Serialize, ToSchema)]
pub struct SignedIn {
    /// The user name.
    pub name: String,
    /// The role.
    #[schema(value_type = schemas::RoleName)]
    pub role: Role,
}

/// Signs in: 200 with `Set-Cookie` (a new session), 401 for a wrong name or
/// password (the same answer for both), 429 past the rate limit.
///
/// # Errors
///
/// As above, and 400 / 413 / 415 for the body.
#[utoipa::path(post, path = "/api/session", tag = "session", security(()), request_body = SignIn,
    responses((status = 200, description = "signed in", body = SignedIn,
        headers(("Set-Cookie" = String))), problems::SignIn))]
pub async fn sign_in<S: DeskStore>(
    State(state): State<AppState<S>>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let form: SignIn = json_body(&headers, body)?;
    let account_key = format!("account:{}", form.name);
    let keys = [account_key.clone(), format!("address:{}", address.ip())];
    if let Err(wait) = state.sign_in_limiter.check(&keys) {
        let seconds = wait.as_secs().max(1);
        return Err(Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_sign_in_attempts",
            "too many failed sign-in attempts: try again later",
        )
        .with_header(header::RETRY_AFTER, HeaderValue::from(seconds)));
    }
    let user = users::by_name(&state.pool, &form.name)
        .await
        .map_err(|e| Problem::internal(&e))?;
    let stored = user
        .as_ref()
        .map_or(&*state.decoy_hash, |u| u.password_hash.as_str());
    let valid = password::verify(&form.password, stored);
    let Some(user) = user.filter(|_| valid) else {
        state.sign_in_limiter.fail(&keys);
        tracing::info!("sign-in refused");
        return Err(Problem::new(
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
            "the name or the password is wrong",
        ));
    };
    state.sign_in_limiter.clear(&account_key);
    if let Some(old) = session_cookie(&headers) {
        sessions::end(&state.pool, &digest(old))
            .await
            .map_err(|e| Problem::internal(&e))?;
    }
    let ttl = state.settings.session_ttl;
    let id = sessions::start(&state.pool, user.id, ttl)
        .await
        .map_err(|e| Problem::internal(&*e))?;
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
#[utoipa::path(delete, path = "/api/session", tag = "session",
    responses((status = 204, description = "signed out", headers(("Set-Cookie" = String))),
        problems::SignOut))]
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
