//! The desk's OpenAPI 3.1 description, served at `GET /api/openapi.json`:
//! assembled here from the handlers' `#[utoipa::path]` annotations (method,
//! path, parameters, bodies, answers), the desk's own types' derived
//! schemas, the core's types' schemas ([`schemas`]) and each route's
//! problem answers ([`problems`]).

pub mod problems;
pub mod schemas;

use std::sync::LazyLock;

use axum::Json;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{RefOr, Required};
use utoipa::{IntoParams, Modify, OpenApi};

use crate::api;
use crate::auth::SESSION_COOKIE;

/// The document's source: every API route and the schemas they name.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "complaint desk",
        description = "The complaint desk's JSON API: intake, complaints with `ETag`, events \
                       with `If-Match` and `Idempotency-Key`, the due query, sign-in and API \
                       tokens. Errors are `application/problem+json` (RFC 9457)."
    ),
    paths(
        api::complaints::create,
        api::complaints::show,
        api::events::append,
        api::due::list,
        api::session::sign_in,
        api::session::sign_out,
        api::tokens::create,
        serve,
    ),
    components(schemas(
        problems::ProblemDocument,
        schemas::Accept,
        schemas::ComplaintId,
        schemas::ComplaintRecord,
        schemas::DueComplaint,
        schemas::Entry,
        schemas::Event,
        schemas::EventKindName,
        schemas::RoleName,
        schemas::StageName,
    )),
    modifiers(&Credentials),
    security(("bearer" = []), ("session" = [])),
    tags(
        (name = "complaints", description = "complaints and their events"),
        (name = "session", description = "sign-in, sign-out and API tokens"),
        (name = "meta", description = "this document"),
    )
)]
pub struct ApiDoc;

/// The two ways to authenticate: an API token (`Authorization: Bearer`)
/// or the session cookie.
struct Credentials;

impl Modify for Credentials {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("cd_<64 hex digits>")
                    .description(Some("an API token from `POST /api/tokens`"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                "the session cookie set by `POST /api/session`",
            ))),
        );
    }
}

/// The document, built once.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOCUMENT: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(ApiDoc::openapi);
    &DOCUMENT
}

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "meta", security(()),
    responses((status = 200, description = "the OpenAPI description", content_type = "application/json")))]
pub async fn serve() -> Response {
    ([(header::CACHE_CONTROL, "no-cache")], Json(document())).into_response()
}

fn header_parameter(name: &str, required: Required, description: &str) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(required)
        .description(Some(description))
        .schema(Some(RefOr::T(
            ObjectBuilder::new().schema_type(Type::String).into(),
        )))
        .build()
}

/// The optional `Idempotency-Key` header.
pub struct IdempotencyKey;

impl IntoParams for IdempotencyKey {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![header_parameter(
            "Idempotency-Key",
            Required::False,
            "1 to 200 characters, scoped to the user: a retried request gets the first \
             answer and nothing is stored twice; the same key with another event is a 422 \
             `command_reused`",
        )]
    }
}

/// The required `If-Match` header.
pub struct IfMatch;

impl IntoParams for IfMatch {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![header_parameter(
            "If-Match",
            Required::True,
            "the version the event is meant for, in quotes (`\"3\"`: the `ETag`)",
        )]
    }
}

/// The path's complaint id.
pub struct ComplaintPath;

impl IntoParams for ComplaintPath {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            ParameterBuilder::new()
                .name("id")
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .description(Some("the complaint id"))
                .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    "ComplaintId",
                ))))
                .build(),
        ]
    }
}
