//! `GET/POST /sign-in` and `POST /sign-out`: the sign-in form, with the
//! API's rules (the same rate limit and password check, a new session id
//! at every sign-in; [`auth::sign_in`](crate::auth::sign_in)).

use std::net::SocketAddr;

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::csrf::{self, PRE_SESSION_COOKIE};
use super::viewer::{Locale, Viewer};
use super::{Chrome, csrf_refused, form_pairs, internal_error, render};
use crate::auth::sign_in::{self, Refusal};
use crate::auth::{Credential, cookie, random_secret, session_cookie, sessions};
use crate::startup::{AppState, DeskStore};

/// The sign-in page.
#[derive(Template)]
#[template(path = "sign_in.html")]
pub struct SignInPage {
    /// Around it.
    pub chrome: Chrome,
    /// The name typed before, when refused.
    pub name: String,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

/// The sign-in form, with a fresh pre-session CSRF token in its cookie.
pub async fn form<S: DeskStore>(
    State(state): State<AppState<S>>,
    locale: Locale,
    headers: HeaderMap,
) -> Response {
    let token = match cookie(&headers, PRE_SESSION_COOKIE) {
        Some(token) if token.len() == 64 => token.to_owned(),
        _ => match random_secret() {
            Ok(token) => token,
            Err(e) => return internal_error(locale.tr, &e),
        },
    };
    page(&state, locale, token, String::new(), None, StatusCode::OK)
}

fn page<S: DeskStore>(
    state: &AppState<S>,
    locale: Locale,
    token: String,
    name: String,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{PRE_SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/sign-in; Max-Age=3600{secure}"
    );
    let chrome = Chrome {
        tr: locale.tr,
        title: locale.tr.t("sign-in-title"),
        user: None,
        csrf: token,
        sees_reports: false,
    };
    let mut response = render(
        status,
        &SignInPage {
            chrome,
            name,
            error,
        },
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Signs in: a new session and 303 to `/queue`; the form again with 401
/// (wrong name or password, the same words for both) or 429 (past the
/// rate limit, with `Retry-After`); 403 without the form's CSRF token.
pub async fn submit<S: DeskStore>(
    State(state): State<AppState<S>>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    locale: Locale,
    headers: HeaderMap,
    form: Result<axum::Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let chrome = Chrome {
        tr: locale.tr,
        title: locale.tr.t("sign-in-title"),
        user: None,
        csrf: String::new(),
        sees_reports: false,
    };
    let pairs = match form_pairs(&chrome, form) {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    let Some(token) = cookie(&headers, PRE_SESSION_COOKIE).map(str::to_owned) else {
        return csrf_refused(chrome);
    };
    if !csrf::matches(&token, csrf::posted(&pairs)) {
        return csrf_refused(chrome);
    }
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    };
    let (name, password) = (field("name").to_owned(), field("password"));
    let old = session_cookie(&headers);
    match sign_in::attempt(&state, &name, password, address.ip(), old).await {
        Ok((_, id)) => {
            let ttl = state.settings.session_ttl;
            let cookie = sessions::cookie(&id, ttl, state.settings.secure_cookies);
            ([(header::SET_COOKIE, cookie)], Redirect::to("/queue")).into_response()
        }
        Err(Refusal::InvalidCredentials) => {
            let error = Some(locale.tr.t("sign-in-invalid"));
            page(&state, locale, token, name, error, StatusCode::UNAUTHORIZED)
        }
        Err(Refusal::TooManyAttempts(wait)) => {
            let error = Some(locale.tr.t("sign-in-too-many"));
            let mut response = page(
                &state,
                locale,
                token,
                name,
                error,
                StatusCode::TOO_MANY_REQUESTS,
            );
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(wait.as_secs().max(1)),
            );
            response
        }
        Err(Refusal::Internal(error)) => internal_error(locale.tr, &error),
    }
}

/// Signs out: ends the session, removes the cookie, 303 to `/sign-in`;
/// 403 without the form's CSRF token.
pub async fn sign_out<S: DeskStore>(
    State(state): State<AppState<S>>,
    viewer: Viewer,
    form: Result<axum::Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let chrome = Chrome::of(&viewer, "sign-out");
    let pairs = match form_pairs(&chrome, form) {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    if !viewer.posted_token(&pairs) {
        return csrf_refused(chrome);
    }
    if let Credential::Session(id_hash) = &viewer.staff.via {
        if let Err(e) = sessions::end(&state.pool, id_hash).await {
            return internal_error(viewer.tr(), &e);
        }
    }
    let removal = sessions::removal(state.settings.secure_cookies);
    ([(header::SET_COOKIE, removal)], Redirect::to("/sign-in")).into_response()
}
