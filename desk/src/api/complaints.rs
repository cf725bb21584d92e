//! `POST /api/complaints` (intake, R1) and `GET /api/complaints/{id}`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use complaint_workflow::event::Accept;
use complaint_workflow::{ComplaintRecord, Context, EventKind};
use serde::Serialize;
use utoipa::ToSchema;

use super::{command_id, complaint_id, etag, json_body};
use crate::auth::Staff;
use crate::openapi::{self, problems, schemas};
use crate::problem::Problem;
use crate::startup::{AppState, DeskStore};

/// A complaint as the API shows it: the record and what the caller may do.
#[derive(Serialize, ToSchema)]
pub struct ComplaintView<'a> {
    /// The stored record (id, stage, version, history).
    #[schema(value_type = schemas::ComplaintRecord)]
    pub record: &'a ComplaintRecord,
    /// The events the caller may fire now (`allowed_events_for`).
    #[schema(value_type = Vec<schemas::EventKindName>)]
    pub allowed_events: Vec<EventKind>,
}

/// Accepts a complaint: 201 with `Location`, `ETag` and the record. With an
/// `Idempotency-Key`, a retried intake answers the same and stores nothing.
///
/// # Errors
///
/// 400 / 413 / 415 for the body, 422 when the rules refuse it.
#[utoipa::path(post, path = "/api/complaints", tag = "complaints", params(openapi::IdempotencyKey),
    request_body(content = schemas::Accept, content_type = "application/json"),
    responses((status = 201, description = "accepted (R1)", body = ComplaintView,
        headers(("Location" = String), ("ETag" = String))), problems::Intake))]
pub async fn create<S: DeskStore>(
    State(state): State<AppState<S>>,
    staff: Staff,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let accept: Accept = json_body(&headers, body)?;
    let command = command_id(&headers, &staff.name)?;
    let mut ctx = Context::new(staff.actor(), Utc::now(), &state.policy);
    if let Some(command) = command {
        ctx = ctx.with_command(command);
    }
    let applied = state.complaints.create(accept, None, &ctx).await?;
    // The record as this intake made it: the same answer for a retry.
    let record = ComplaintRecord::replay(applied.entries).map_err(|e| Problem::internal(&e))?;
    let location = HeaderValue::from_str(&format!("/api/complaints/{}", record.id()))
        .map_err(|e| Problem::internal(&e))?;
    let mut response = view(&record, &staff).into_response();
    *response.status_mut() = StatusCode::CREATED;
    response.headers_mut().insert(header::LOCATION, location);
    Ok(response)
}

/// The record, `ETag: "<version>"`, and the caller's allowed events.
///
/// # Errors
///
/// 404 for an unknown complaint.
#[utoipa::path(get, path = "/api/complaints/{id}", tag = "complaints", params(openapi::ComplaintPath),
    responses((status = 200, description = "the complaint", body = ComplaintView,
        headers(("ETag" = String))), problems::Show))]
pub async fn show<S: DeskStore>(
    State(state): State<AppState<S>>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id = complaint_id(&id)?;
    let record = state.complaints.load(id).await?;
    Ok(view(&record, &staff).into_response())
}

fn view(record: &ComplaintRecord, staff: &Staff) -> impl IntoResponse {
    let actor = staff.actor();
    let body = ComplaintView {
        record,
        allowed_events: record.allowed_events_for(&actor).collect(),
    };
    ([(header::ETAG, etag(record.version()))], Json(body))
}
