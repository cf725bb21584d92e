//! The JSON API, one file per resource. Every route but sign-in needs a
//! session cookie or an API token ([`Staff`](crate::auth::Staff)); every
//! event's role is checked by the crate's rules on the server.

pub mod complaints;
pub mod due;
pub mod events;
pub mod session;
pub mod tokens;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::routing::{get, post};
use serde::de::DeserializeOwned;

use crate::problem::Problem;
use crate::startup::{AppState, DeskStore};

/// The API's routes.
pub fn routes<S: DeskStore>() -> Router<AppState<S>> {
    Router::new()
        .route("/api/complaints", post(complaints::create::<S>))
        .route("/api/complaints/{id}", get(complaints::show::<S>))
        .route("/api/complaints/{id}/events", post(events::append::<S>))
        .route("/api/due", get(due::list::<S>))
        .route(
            "/api/session",
            post(session::sign_in::<S>).delete(session::sign_out::<S>),
        )
        .route("/api/tokens", post(tokens::create::<S>))
        .route("/api/openapi.json", get(crate::openapi::serve))
}

/// Reads a JSON body: `Content-Type: application/json` (else 415), within
/// the body limit (else 413), parsed strictly (else 400 with the parser's
/// message).
pub(crate) fn json_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<T, Problem> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "the body must be `application/json`",
        ));
    }
    let bytes = body.map_err(|rejection| {
        let status = rejection.status();
        let kind = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "body_too_large"
        } else {
            "unreadable_body"
        };
        Problem::new(status, kind, rejection.body_text())
    })?;
    serde_json::from_slice(&bytes).map_err(|e| Problem::malformed_json(&e))
}

/// An entity tag for a version: `"7"`.
pub(crate) fn etag(version: u64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// The command id of an `Idempotency-Key`, scoped to the user who sent it.
pub(crate) fn command_id(headers: &HeaderMap, user: &str) -> Result<Option<String>, Problem> {
    match headers.get("idempotency-key") {
        None => Ok(None),
        Some(value) => {
            let key = value
                .to_str()
                .ok()
                .map(str::trim)
                .filter(|k| !k.is_empty() && k.len() <= 200)
                .ok_or_else(|| {
                    Problem::new(
                        StatusCode::BAD_REQUEST,
                        "invalid_idempotency_key",
                        "an `Idempotency-Key` is 1 to 200 visible characters",
                    )
                })?;
            Ok(Some(format!("{user}/{key}")))
        }
    }
}

/// A path's complaint id; one that does not parse names no complaint (404).
pub(crate) fn complaint_id(raw: &str) -> Result<complaint_workflow::ComplaintId, Problem> {
    raw.parse().map_err(|_| {
        Problem::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no complaint {raw} is stored"),
        )
    })
}
