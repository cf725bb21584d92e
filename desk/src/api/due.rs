//! `GET /api/due?before=<RFC 3339>[&limit=N]`: the complaints whose next
//! deadline is due before a time, earliest first.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use complaint_workflow::store::DueComplaint;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Staff;
use crate::openapi::{problems, schemas};
use crate::problem::Problem;
use crate::startup::{AppState, DeskStore};

/// The query string.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DueQuery {
    /// An RFC 3339 time.
    pub before: String,
    /// At most this many (100 by default, 1,000 at most).
    pub limit: Option<usize>,
}

/// The answer.
#[derive(Serialize, ToSchema)]
pub struct DueList {
    /// Due complaints, earliest first.
    #[schema(value_type = Vec<schemas::DueComplaint>)]
    pub due: Vec<DueComplaint>,
}

/// The due complaints.
///
/// # Errors
///
/// 400 when `before` is missing or not RFC 3339.
#[utoipa::path(get, path = "/api/due", tag = "complaints", params(DueQuery),
    responses((status = 200, description = "the due complaints", body = DueList), problems::Due))]
pub async fn list<S: DeskStore>(
    State(state): State<AppState<S>>,
    _staff: Staff,
    query: Result<Query<DueQuery>, QueryRejection>,
) -> Result<Json<DueList>, Problem> {
    let Query(query) =
        query.map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "invalid_query", e.body_text()))?;
    let before = DateTime::parse_from_rfc3339(&query.before)
        .map_err(|e| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                "invalid_query",
                format!("`before` is not an RFC 3339 time: {e}"),
            )
            .with_field("before")
        })?
        .with_timezone(&Utc);
    let limit = query.limit.unwrap_or(100).min(1_000);
    let due = state.complaints.due_before(before, limit).await?;
    Ok(Json(DueList { due }))
}
