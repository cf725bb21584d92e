//! `POST /api/complaints/{id}/events`: one event (`{"type": "...", "data":
//! {...}}`) applied to a complaint.
//!
//! - `If-Match: "<version>"` is required (428 without it): the event is
//!   applied only to that version; a stale one is a 412 and nothing is
//!   written. The append itself is conditional on the version, so a writer
//!   that comes in between also makes it a 412.
//! - `Idempotency-Key` becomes the command id (scoped to the user): a retried
//!   request gets the first answer and nothing is appended twice, whatever
//!   the complaint's version is by then.
//! - The crate's rules decide, with the signed-in user as the actor: a role
//!   too low is a 403, any other refusal a 422.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use complaint_workflow::record::Entry;
use complaint_workflow::store::{AppendError, ComplaintStore};
use complaint_workflow::{CommandId, ComplaintId, Context, Event, TransitionError};
use serde::Serialize;
use utoipa::ToSchema;

use super::{command_id, complaint_id, etag, json_body};
use crate::auth::Staff;
use crate::openapi::{self, problems, schemas};
use crate::problem::Problem;
use crate::startup::{AppState, DeskStore};

/// What an accepted event did: the entries it appended and the version
/// after them (also the `ETag`).
#[derive(Serialize, ToSchema)]
pub struct Appended {
    /// The complaint.
    #[schema(value_type = schemas::ComplaintId)]
    pub complaint_id: ComplaintId,
    /// The version after the event's entries.
    pub version: u64,
    /// The entries the event produced.
    #[schema(value_type = Vec<schemas::Entry>)]
    pub entries: Vec<Entry>,
}

/// Applies one event.
///
/// # Errors
///
/// 400 (body, `If-Match`), 403 (role), 404 (complaint), 412 (stale
/// version), 413, 415, 422 (refused), 428 (no `If-Match`).
#[utoipa::path(post, path = "/api/complaints/{id}/events", tag = "complaints",
    params(openapi::ComplaintPath, openapi::IfMatch, openapi::IdempotencyKey),
    request_body(content = schemas::Event, content_type = "application/json"),
    responses((status = 200, description = "applied (or the first answer of a retried key)",
        body = Appended, headers(("ETag" = String))), problems::Append))]
pub async fn append<S: DeskStore>(
    State(state): State<AppState<S>>,
    staff: Staff,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let id = complaint_id(&id)?;
    let event: Event = json_body(&headers, body)?;
    let command = command_id(&headers, &staff.name)?.map(CommandId::from);
    let store = state.complaints.store();

    if let Some(command) = &command {
        if let Some(first) = repeated(store, command, id, &event).await? {
            return Ok(first);
        }
    }
    let expected = if_match(&headers)?;
    let mut record = state.complaints.load(id).await?;
    let loaded = record.version();
    if loaded != expected {
        return Err(stale(expected, loaded));
    }
    let mut ctx = Context::new(staff.actor(), Utc::now(), &state.policy);
    if let Some(command) = &command {
        ctx = ctx.with_command(command.clone());
    }
    let entries = record.apply(event.clone(), &ctx)?.to_vec();
    match store.append(loaded, &record).await {
        Ok(()) => Ok(answer(id, entries)),
        Err(AppendError::Conflict(_)) => {
            // The same command stored by a concurrent retry is its answer.
            if let Some(command) = &command {
                if let Some(first) = repeated(store, command, id, &event).await? {
                    return Ok(first);
                }
            }
            Err(stale(expected, expected.saturating_add(1)))
        }
        Err(AppendError::Store(e)) => Err(Problem::internal(&e)),
    }
}

/// The first answer of a stored command, if `command` is stored; a 422
/// when it was stored for another event or complaint.
async fn repeated<S: ComplaintStore>(
    store: &S,
    command: &CommandId,
    id: ComplaintId,
    event: &Event,
) -> Result<Option<Response>, Problem> {
    let Some(entries) = store
        .command_entries(command)
        .await
        .map_err(|e| Problem::internal(&e))?
    else {
        return Ok(None);
    };
    let same = entries
        .first()
        .is_some_and(|first| first.complaint_id() == id && first.event() == event);
    if !same {
        return Err(TransitionError::CommandReused {
            command: command.clone(),
        }
        .into());
    }
    Ok(Some(answer(id, entries)))
}

fn answer(complaint_id: ComplaintId, entries: Vec<Entry>) -> Response {
    let version = entries.last().map_or(0, Entry::sequence);
    let body = Appended {
        complaint_id,
        version,
        entries,
    };
    ([(header::ETAG, etag(version))], Json(body)).into_response()
}

fn if_match(headers: &HeaderMap) -> Result<u64, Problem> {
    let value = headers.get(header::IF_MATCH).ok_or_else(|| {
        Problem::new(
            StatusCode::PRECONDITION_REQUIRED,
            "if_match_required",
            "send `If-Match: \"<version>\"` with the version the event is meant for",
        )
    })?;
    value
        .to_str()
        .ok()
        .and_then(|v| v.trim().strip_prefix('"')?.strip_suffix('"')?.parse().ok())
        .ok_or_else(|| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                "invalid_if_match",
                "`If-Match` is one version in quotes, such as \"3\"",
            )
        })
}

fn stale(expected: u64, found: u64) -> Problem {
    Problem::new(
        StatusCode::PRECONDITION_FAILED,
        "stale_version",
        format!(
            "the complaint is no longer at version {expected} (now {found}): nothing was written; load it again"
        ),
    )
    .with_header(header::ETAG, etag(found))
}
