//! Who looks at a page: [`Locale`] (the words and the zone, for anyone) and
//! [`Viewer`] (a signed-in staff member with a session, its CSRF token, and
//! the locale). A page request without a live session is sent to
//! `/sign-in` (303).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use complaint_workflow::time::Zone;

use super::csrf;
use super::i18n::{LANGUAGE_COOKIE, Language, Tr};
use crate::auth::{Staff, cookie, session_cookie, sessions};
use crate::startup::{AppState, DeskStore};

/// The cookie holding the viewer's time zone.
pub const ZONE_COOKIE: &str = "desk_zone";

/// The words and the zone of a page.
#[derive(Clone, Copy, Debug)]
pub struct Locale {
    /// The viewer's words.
    pub tr: Tr,
    /// The viewer's zone: the `desk_zone` setting, else the organization's
    /// (the policy's business calendar).
    pub zone: Zone,
}

impl Locale {
    /// The locale of a request's headers; `fallback` is the organization's zone.
    pub fn of(headers: &HeaderMap, fallback: Zone) -> Self {
        let accept = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        let language = Language::negotiate(cookie(headers, LANGUAGE_COOKIE), accept);
        let zone = cookie(headers, ZONE_COOKIE)
            .and_then(|z| percent_decoded(z).parse().ok())
            .unwrap_or(fallback);
        Self {
            tr: Tr::new(language),
            zone,
        }
    }
}

/// `Asia%2FShanghai` → `Asia/Shanghai` (a cookie's value is kept encoded).
fn percent_decoded(value: &str) -> String {
    value
        .replace("%2F", "/")
        .replace("%2f", "/")
        .replace("%2B", "+")
        .replace("%2b", "+")
        .replace("%3A", ":")
        .replace("%3a", ":")
}

/// A zone as a cookie value.
pub fn percent_encoded(zone: &str) -> String {
    zone.replace('/', "%2F")
        .replace('+', "%2B")
        .replace(':', "%3A")
}

impl<S: DeskStore> FromRequestParts<AppState<S>> for Locale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self::of(&parts.headers, state.policy.calendar().zone()))
    }
}

/// A signed-in staff member looking at a page.
#[derive(Clone, Debug)]
pub struct Viewer {
    /// Who.
    pub staff: Staff,
    /// The CSRF token of the session, for the forms and to check posts.
    pub csrf: String,
    /// The words and the zone.
    pub locale: Locale,
}

impl Viewer {
    /// The viewer's words.
    pub fn tr(&self) -> Tr {
        self.locale.tr
    }

    /// Whether a posted form carries this session's CSRF token.
    pub fn posted_token(&self, pairs: &[(String, String)]) -> bool {
        csrf::matches(&self.csrf, csrf::posted(pairs))
    }
}

/// A page request without a live session: to the sign-in page.
#[derive(Debug)]
pub struct SignInFirst;

impl IntoResponse for SignInFirst {
    fn into_response(self) -> Response {
        Redirect::to("/sign-in").into_response()
    }
}

impl<S: DeskStore> FromRequestParts<AppState<S>> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        let locale = Locale::of(&parts.headers, state.policy.calendar().zone());
        let Some(id) = session_cookie(&parts.headers) else {
            return Err(SignInFirst.into_response());
        };
        let staff = sessions::authenticate(&state.pool, id)
            .await
            .map_err(|e| super::internal_error(locale.tr, &e))?
            .ok_or_else(|| SignInFirst.into_response())?;
        Ok(Self {
            staff,
            csrf: csrf::for_session(id),
            locale,
        })
    }
}
