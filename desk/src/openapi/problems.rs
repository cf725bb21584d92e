//! The error answers of each route: `application/problem+json` documents
//! ([`Problem`](crate::problem::Problem)) under the status codes the route
//! can answer with, one [`IntoResponses`] type per route.

use std::borrow::Cow;
use std::collections::BTreeMap;

use axum::http::StatusCode;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr};
use utoipa::{IntoResponses, PartialSchema, ToSchema};

use crate::problem::PROBLEM_JSON;

/// The schema of a problem document (RFC 9457, with the desk's `kind` and
/// `field`).
pub struct ProblemDocument;

impl PartialSchema for ProblemDocument {
    fn schema() -> RefOr<Schema> {
        let string = |description: &str| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some(description))
        };
        let schema = ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some("an error (RFC 9457)"))
            .property("type", string("`/problems/<kind>`"))
            .required("type")
            .property("title", string("the status's reason phrase"))
            .required("title")
            .property(
                "status",
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .description(Some("the status code")),
            )
            .required("status")
            .property("detail", string("what went wrong: the crate's message"))
            .required("detail")
            .property(
                "kind",
                string(
                    "a kind to match on: `not_allowed`, `unauthorized`, `field.empty`, \
                     `stale_version`, `malformed_json`, `command_reused`, \
                     `history_does_not_replay` (500: the complaint's stored history does \
                     not check out; the detail names the complaint and the entry), \
                     `internal`, …",
                ),
            )
            .required("kind")
            .property("field", string("the field the error is about, if one"));
        RefOr::T(schema.into())
    }
}

impl ToSchema for ProblemDocument {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Problem")
    }
}

/// What each status means on this API.
fn meaning(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => {
            "malformed JSON (the parser's message, and `field` for an unknown field), or a bad header or query"
        }
        401 => "no valid session or API token (or, at sign-in, a wrong name or password)",
        403 => "the signed-in user's role may not fire the event (`Role::required_for`)",
        404 => "no such complaint",
        412 => "`If-Match` names a version the complaint is no longer at: nothing was written",
        413 => "the body is larger than the desk accepts",
        415 => "the body is not `application/json`",
        422 => "the rules refuse the event or the intake (`kind` and `field` say why)",
        428 => "`If-Match` is missing",
        429 => "too many failed sign-ins: `Retry-After` says when to try again",
        500 => {
            "`history_does_not_replay`: the complaint's stored history does not check out (the detail names the complaint, the entry and why; nothing is written to it until it is repaired); `internal` for any other failure"
        }
        _ => "an error",
    }
}

/// The problem answers under `statuses`.
pub fn responses(statuses: &[u16]) -> BTreeMap<String, RefOr<Response>> {
    statuses
        .iter()
        .filter_map(|&code| StatusCode::from_u16(code).ok())
        .map(|status| {
            let content = ContentBuilder::new()
                .schema(Some(RefOr::Ref(Ref::from_schema_name("Problem"))))
                .build();
            let response = ResponseBuilder::new()
                .description(meaning(status))
                .content(PROBLEM_JSON, content)
                .build();
            (status.as_u16().to_string(), RefOr::T(response))
        })
        .collect()
}

/// One route's error answers: a type implementing [`IntoResponses`] with
/// the problem documents under the listed status codes.
macro_rules! problems {
    ($($(#[$doc:meta])* $name:ident: [$($status:literal),* $(,)?];)*) => {
        $(
            $(#[$doc])*
            pub struct $name;

            impl $name {
                /// The status codes.
                pub const STATUSES: &'static [u16] = &[$($status),*];
            }

            impl IntoResponses for $name {
                fn responses() -> BTreeMap<String, RefOr<Response>> {
                    responses(Self::STATUSES)
                }
            }
        )*
    };
}

problems! {
    /// `POST /api/complaints`.
    Intake: [400, 401, 413, 415, 422];
    /// `GET /api/complaints/{id}`.
    Show: [401, 404, 500];
    /// `POST /api/complaints/{id}/events`.
    Append: [400, 401, 403, 404, 412, 413, 415, 422, 428, 500];
    /// `GET /api/due`.
    Due: [400, 401];
    /// `POST /api/session`.
    SignIn: [400, 401, 413, 415, 429];
    /// `DELETE /api/session`.
    SignOut: [401];
    /// `POST /api/tokens`.
    NewToken: [400, 401, 413, 415];
}
