//! Errors as RFC 9457 problem details (`application/problem+json`): `type`,
//! `title`, `status`, `detail`, and the crate's error `kind` (and `field`,
//! for an error about one field of an event). A complaint whose stored
//! history does not check out is its own kind, `history_does_not_replay`
//! ([`Problem::history_does_not_replay`]); [`Problem::internal`] is for the
//! rest.

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use complaint_workflow::TransitionError;
use complaint_workflow::error::FieldError;
use complaint_workflow::store::StoreError;
use serde::Serialize;

use crate::damaged::Damaged;

/// The media type of a problem document.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error answer: a status, a kind a client can match on, and a message.
#[derive(Debug, Clone)]
pub struct Problem {
    status: StatusCode,
    kind: String,
    detail: String,
    field: Option<String>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    type_: String,
    title: &'a str,
    status: u16,
    detail: &'a str,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
}

impl Problem {
    /// A problem with `status`, a `kind` (snake case, `family.variant` for
    /// the crate's nested errors) and a human-readable `detail`.
    pub fn new(status: StatusCode, kind: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            status,
            kind: kind.into(),
            detail: detail.into(),
            field: None,
            headers: Vec::new(),
        }
    }

    /// The same problem, naming the field it is about.
    #[must_use]
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The same problem with one more response header.
    #[must_use]
    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The kind.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The message.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The field the problem is about, if one.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// 401: no valid session or token.
    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "sign in, or send an API token as `Authorization: Bearer …`",
        )
        .with_header(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))
    }

    /// 400: a body that is not the JSON the route takes, with the parser's
    /// message (and the field, for an unknown field).
    pub fn malformed_json(error: &serde_json::Error) -> Self {
        let detail = error.to_string();
        let field = detail
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
            .map(str::to_owned);
        let problem = Self::new(StatusCode::BAD_REQUEST, "malformed_json", detail);
        match field {
            Some(field) => problem.with_field(field),
            None => problem,
        }
    }

    /// 500 `history_does_not_replay`: the stored history of a complaint does
    /// not check out (an entry edited in the database, a broken chain). Not
    /// the client's fault, and no retry helps: the driver writes nothing to
    /// the complaint until its history is repaired. The detail names the
    /// complaint, the entry and the reason; nothing personal is in it (the
    /// crate's replay errors name entries and parts, never their texts).
    pub fn history_does_not_replay(damaged: &Damaged) -> Self {
        tracing::error!(
            complaint = %damaged.complaint,
            sequence = ?damaged.sequence,
            error = %damaged.reason,
            "a stored history does not replay"
        );
        let at = damaged
            .sequence
            .map_or_else(String::new, |sequence| format!(" at entry {sequence}"));
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "history_does_not_replay",
            format!(
                "the stored history of complaint {} does not check out{at}: {}; \
                 nothing is written to it until it is repaired",
                damaged.complaint, damaged.reason
            ),
        )
    }

    /// 500: logged with what can be logged, answered without the details.
    pub fn internal(error: &dyn std::fmt::Display) -> Self {
        tracing::error!(%error, "request failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the desk could not complete the request",
        )
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let title = self.status.canonical_reason().unwrap_or("Error").to_owned();
        let body = Body {
            type_: format!("/problems/{}", self.kind),
            title: &title,
            status: self.status.as_u16(),
            detail: &self.detail,
            kind: &self.kind,
            field: self.field.as_deref(),
        };
        let json = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON))],
            json,
        )
            .into_response();
        for (name, value) in self.headers {
            response.headers_mut().append(name, value);
        }
        response
    }
}

impl From<TransitionError> for Problem {
    fn from(error: TransitionError) -> Self {
        let status = match error {
            TransitionError::Unauthorized { .. } => StatusCode::FORBIDDEN,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        let field = match &error {
            TransitionError::Field(field_error) => field_of(field_error),
            _ => None,
        };
        let problem = Self::new(status, kind_of(&error), error.to_string());
        match field {
            Some(field) => problem.with_field(field),
            None => problem,
        }
    }
}

impl<E: std::error::Error> From<StoreError<E>> for Problem {
    fn from(error: StoreError<E>) -> Self {
        match error {
            StoreError::Transition(error) => error.into(),
            StoreError::NotFound(_) => {
                Self::new(StatusCode::NOT_FOUND, "not_found", error.to_string())
            }
            StoreError::Conflict { .. } => {
                Self::new(StatusCode::CONFLICT, "conflict", error.to_string())
            }
            StoreError::Replay { complaint, source } => {
                Self::history_does_not_replay(&Damaged::new(complaint, &source))
            }
            other => Self::internal(&other),
        }
    }
}

fn field_of(error: &FieldError) -> Option<String> {
    match error {
        FieldError::Empty { field }
        | FieldError::TooLong { field, .. }
        | FieldError::InFuture { field, .. }
        | FieldError::TooEarly { field, .. }
        | FieldError::DeadlineNotAhead { field, .. } => Some(field.clone()),
        _ => None,
    }
}

/// The error's kind from its variant names: `not_allowed`, `field.empty`,
/// `remedy.missing_signature`. Only the leading identifiers of the `Debug`
/// text are read, never the data inside.
pub fn kind_of(error: &TransitionError) -> String {
    let debug = format!("{error:?}");
    let mut parts = Vec::new();
    let mut rest = debug.as_str();
    for _ in 0..2 {
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .unwrap_or(rest.len());
        let (name, after) = rest.split_at(end);
        if name.is_empty() {
            break;
        }
        parts.push(snake_case(name));
        if !after.starts_with('(') || parts.len() == 2 {
            break;
        }
        rest = &after[1..];
    }
    parts.join(".")
}

fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_name_the_variants() {
        let error = TransitionError::Field(FieldError::Empty {
            field: "content".into(),
        });
        assert_eq!(kind_of(&error), "field.empty");
        assert_eq!(snake_case("NotAllowed"), "not_allowed");
    }
}
