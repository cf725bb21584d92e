//! `GET/POST /settings`: the viewer's language and time zone, kept in the
//! cookies `desk_lang` and `desk_zone` of this browser (a year).

use askama::Template;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use complaint_workflow::time::Zone;

use super::i18n::{LANGUAGE_COOKIE, Language};
use super::viewer::{Viewer, ZONE_COOKIE, percent_encoded};
use super::{Chrome, csrf_refused, form_pairs, render};
use crate::startup::{AppState, DeskStore};

/// The settings page.
#[derive(Template)]
#[template(path = "settings.html")]
pub struct SettingsPage {
    /// Around it.
    pub chrome: Chrome,
    /// The languages: tag, name, selected.
    pub languages: Vec<(&'static str, String, bool)>,
    /// The zone now in use.
    pub zone: String,
    /// Why the zone was refused.
    pub error: Option<String>,
}

/// The settings form.
pub async fn form<S: DeskStore>(viewer: Viewer) -> Response {
    page(
        &viewer,
        viewer.locale.zone.to_string(),
        None,
        StatusCode::OK,
    )
}

fn page(viewer: &Viewer, zone: String, error: Option<String>, status: StatusCode) -> Response {
    let tr = viewer.tr();
    let languages = Language::ALL
        .iter()
        .map(|&l| {
            (
                l.tag(),
                tr.t(&format!("language-{}", l.tag())),
                l == tr.language(),
            )
        })
        .collect();
    render(
        status,
        &SettingsPage {
            chrome: Chrome::of(viewer, "settings-title"),
            languages,
            zone,
            error,
        },
    )
}

/// Saves the settings in cookies and goes back to the form (303); 422 for
/// an unknown zone; 403 without the CSRF token.
pub async fn submit<S: DeskStore>(
    State(state): State<AppState<S>>,
    viewer: Viewer,
    form: Result<axum::Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let chrome = Chrome::of(&viewer, "settings-title");
    let pairs = match form_pairs(&chrome, form) {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    if !viewer.posted_token(&pairs) {
        return csrf_refused(chrome);
    }
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.trim())
    };
    let language = Language::from_tag(field("language")).unwrap_or(viewer.tr().language());
    let zone_text = field("zone");
    let Ok(zone) = zone_text.parse::<Zone>() else {
        let error = Some(viewer.tr().t("form-unknown-zone"));
        return page(
            &viewer,
            zone_text.to_owned(),
            error,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let year = 365 * 24 * 3600;
    let cookies = [
        format!(
            "{LANGUAGE_COOKIE}={}; SameSite=Strict; Path=/; Max-Age={year}{secure}",
            language.tag()
        ),
        format!(
            "{ZONE_COOKIE}={}; SameSite=Strict; Path=/; Max-Age={year}{secure}",
            percent_encoded(&zone.to_string())
        ),
    ];
    let mut response = Redirect::to("/settings").into_response();
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
