//! `POST /api/tokens`: a new API token for the signed-in user, shown once.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json_body;
use crate::auth::{Staff, tokens};
use crate::openapi::problems;
use crate::problem::Problem;
use crate::startup::{AppState, DeskStore};

/// The request: an optional label (`{"label": "ticket importer"}`).
#[derive(Deserialize, Default, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// What the token is for.
    pub label: Option<String>,
}

/// The answer: the token, the only time it is shown.
#[derive(Serialize, ToSchema)]
pub struct Token {
    /// Send it as `Authorization: Bearer <token>`.
    pub token: String,
}

/// Makes a token: 201.
///
/// # Errors
///
/// 401 without a session or token; 400 / 413 / 415 for the body.
#[utoipa::path(post, path = "/api/tokens", tag = "session",
    request_body(content = Option<NewToken>, content_type = "application/json",
        description = "optional: an empty body is a token without a label"),
    responses((status = 201, description = "the token, shown once", body = Token),
        problems::NewToken))]
pub async fn create<S: DeskStore>(
    State(state): State<AppState<S>>,
    staff: Staff,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let form: NewToken = match &body {
        Ok(bytes) if bytes.is_empty() => NewToken::default(),
        _ => json_body(&headers, body)?,
    };
    let token = tokens::create(&state.pool, staff.user_id, form.label.as_deref())
        .await
        .map_err(|e| Problem::internal(&*e))?;
    Ok((StatusCode::CREATED, Json(Token { token })).into_response())
}
