//! The desk's HTML pages, beside the JSON API on the same state, sign-in and
//! store: server-rendered (askama templates in `templates/`, checked when
//! the desk is compiled), usable without JavaScript, readable on a phone
//! (one small stylesheet, a viewport meta tag), every input labelled.
//!
//! - [`sign_in`]: `GET/POST /sign-in`, `POST /sign-out`.
//! - [`intake`]: `GET/POST /complaints/new` (R1).
//! - [`queue`]: `GET /queue` (the viewer's open complaints) and `GET /due`
//!   (the team's, due soon or overdue).
//! - [`complaint`]: `GET /complaints/{id}` and `POST
//!   /complaints/{id}/events/{kind}`: one form per event the viewer may fire
//!   (`allowed_events_for`), never one more.
//! - [`diagram`]: `GET /diagram`, the lifecycle with a complaint's stage marked.
//! - [`settings`]: `GET/POST /settings`, the viewer's language and zone.
//! - [`reports`]: `GET /reports` and its CSV downloads, S1, S2 and S4 for a
//!   day, a week or a month (S3), with SVG bar charts ([`charts`]); the
//!   query read by [`report_query`], the tables made by [`report_view`].
//! - [`follow_ups`]: `GET /follow-ups`, the viewer's follow-up day (F4, F7).
//! - [`export`]: `GET /complaints/{id}/export.{html,json}` and `GET
//!   /exports`, the regulator's export of a complaint or a period (A5).
//!
//! Every form carries a CSRF token ([`csrf`]); the words come from Fluent
//! ([`i18n`]); an event's inputs from [`fields`] through [`form`].

pub mod charts;
pub mod clock;
pub mod complaint;
pub mod csrf;
pub mod diagram;
pub mod export;
pub mod fields;
pub mod follow_ups;
pub mod form;
pub mod i18n;
pub mod intake;
pub mod queue;
pub mod report_query;
pub mod report_view;
pub mod reports;
pub mod settings;
pub mod sign_in;
pub mod urgency;
pub mod viewer;

use askama::Template;
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use complaint_workflow::deadline::DeadlineKind;
use complaint_workflow::followup::FollowUpStageKind;
use complaint_workflow::{EventKind, Role, StageKind};

use crate::startup::{AppState, DeskStore};
use i18n::Tr;
use viewer::Viewer;

/// The pages' routes.
pub fn routes<S: DeskStore>() -> Router<AppState<S>> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/queue") }))
        .route("/assets/desk.css", get(stylesheet))
        .route(
            "/sign-in",
            get(sign_in::form::<S>).post(sign_in::submit::<S>),
        )
        .route("/sign-out", post(sign_in::sign_out::<S>))
        .route(
            "/complaints/new",
            get(intake::form::<S>).post(intake::submit::<S>),
        )
        .route("/queue", get(queue::mine::<S>))
        .route("/due", get(queue::due::<S>))
        .route("/complaints/{id}", get(complaint::show::<S>))
        .route(
            "/complaints/{id}/export.html",
            get(export::complaint_html::<S>),
        )
        .route(
            "/complaints/{id}/export.json",
            get(export::complaint_json::<S>),
        )
        .route("/exports", get(export::period::<S>))
        .route(
            "/complaints/{id}/events/{kind}",
            post(complaint::submit::<S>),
        )
        .route("/diagram", get(diagram::show::<S>))
        .route("/reports", get(reports::show::<S>))
        .route("/reports/{file}", get(reports::download::<S>))
        .route("/follow-ups", get(follow_ups::show::<S>))
        .route(
            "/settings",
            get(settings::form::<S>).post(settings::submit::<S>),
        )
}

/// What every page shows around its content: the title, the words, the
/// signed-in user and the sign-out form with its CSRF token.
#[derive(Clone, Debug)]
pub struct Chrome {
    /// The viewer's words.
    pub tr: Tr,
    /// The page's title.
    pub title: String,
    /// The signed-in user's name and role, if any.
    pub user: Option<(String, String)>,
    /// The CSRF token of the forms.
    pub csrf: String,
    /// Whether the navigation links the reports (team leads and supervisors).
    pub sees_reports: bool,
}

impl Chrome {
    /// The chrome of a signed-in viewer's page titled by the message `title`.
    pub fn of(viewer: &Viewer, title: &str) -> Self {
        let tr = viewer.tr();
        Self {
            tr,
            title: tr.t(title),
            user: Some((viewer.staff.name.clone(), tr.t(&role_id(viewer.staff.role)))),
            csrf: viewer.csrf.clone(),
            sees_reports: reports::may_see_reports(viewer.staff.role),
        }
    }
}

/// The message id of an event kind's name: `event-choose-remedy`.
pub fn event_id(kind: EventKind) -> String {
    format!("event-{}", kind.name().replace('_', "-"))
}

/// The message id of a stage's name: `stage-accepted`.
pub fn stage_id(stage: StageKind) -> String {
    format!("stage-{}", stage.name())
}

/// The message id of a deadline kind: `deadline-first-response`.
pub fn deadline_id(kind: DeadlineKind) -> String {
    format!("deadline-{}", kind.name().replace('_', "-"))
}

/// The message id of a role: `role-team-lead`.
pub fn role_id(role: Role) -> String {
    format!("role-{}", role.name().replace('_', "-"))
}

/// The message id of a follow-up stage: `follow-up-scheduled`.
pub fn follow_up_id(stage: FollowUpStageKind) -> String {
    format!("follow-up-{}", stage.name())
}

/// Every message id the pages make from the crate's names (events, stages,
/// deadlines, roles, follow-up stages, urgencies, languages, and the
/// forms' labels and choices); the ids written out in the code and the
/// templates are the others.
pub fn generated_message_ids() -> Vec<String> {
    let mut ids = fields::message_ids();
    ids.extend(EventKind::ALL.into_iter().map(event_id));
    ids.extend(StageKind::ALL.into_iter().map(stage_id));
    ids.extend(DeadlineKind::ALL.into_iter().map(deadline_id));
    ids.extend(Role::ALL.into_iter().map(role_id));
    ids.extend(FollowUpStageKind::ALL.into_iter().map(follow_up_id));
    ids.extend(urgency::Urgency::ALL.iter().map(|u| u.name().to_owned()));
    ids.extend(
        report_query::PeriodKind::ALL
            .into_iter()
            .map(report_query::PeriodKind::message_id),
    );
    ids.extend(
        complaint_workflow::report::ComplaintOutcome::ALL
            .into_iter()
            .map(report_view::outcome_id),
    );
    ids.extend(
        complaint_workflow::report::Milestone::ALL
            .into_iter()
            .map(report_view::milestone_id),
    );
    ids.extend(
        i18n::Language::ALL
            .iter()
            .map(|l| format!("language-{}", l.tag())),
    );
    ids.sort();
    ids.dedup();
    ids
}

/// The one stylesheet.
async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/desk.css"),
    )
        .into_response()
}

/// A rendered template with `status`.
pub fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => {
            tracing::error!(%error, "a page did not render");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be shown",
            )
                .into_response()
        }
    }
}

/// A page that says one thing: an error, a refusal, a stale form.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    /// Around it.
    pub chrome: Chrome,
    /// What happened.
    pub message: String,
    /// Where to go on, and its words.
    pub link: Option<(String, String)>,
}

/// A page saying `message` (a message id) with `status`, titled `title`.
pub fn message(
    chrome: Chrome,
    status: StatusCode,
    message: String,
    link: Option<(String, String)>,
) -> Response {
    render(
        status,
        &MessagePage {
            chrome,
            message,
            link,
        },
    )
}

/// The 403 of a post without its CSRF token: nothing was done.
pub fn csrf_refused(chrome: Chrome) -> Response {
    let text = chrome.tr.t("csrf-refused");
    message(chrome, StatusCode::FORBIDDEN, text, None)
}

/// A 500 page; the error is logged, not shown.
pub fn internal_error(tr: Tr, error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "a page failed");
    let chrome = Chrome {
        tr,
        title: tr.t("error-title"),
        user: None,
        csrf: String::new(),
        sees_reports: false,
    };
    let text = tr.t("error-internal");
    message(chrome, StatusCode::INTERNAL_SERVER_ERROR, text, None)
}

/// A posted form's fields, or the page that refuses the body.
// The error is the answer itself, made once and returned at once.
#[allow(clippy::result_large_err)]
pub fn form_pairs(
    chrome: &Chrome,
    form: Result<axum::Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Vec<(String, String)>, Response> {
    match form {
        Ok(axum::Form(pairs)) => Ok(pairs),
        Err(rejection) => {
            let status = rejection.status();
            let text = chrome.tr.t("form-unreadable");
            Err(message(chrome.clone(), status, text, None))
        }
    }
}
