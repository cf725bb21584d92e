//! `GET/POST /complaints/new`: intake (R1), the registration form. The
//! crate's validation errors are shown next to the field they name.

use askama::Template;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use complaint_workflow::{Context, Event, EventKind};

use super::complaint::{FormView, Refused, form_view};
use super::form::{self, Drawing};
use super::viewer::Viewer;
use super::{Chrome, csrf_refused, form_pairs, render};
use crate::problem::Problem;
use crate::startup::{AppState, DeskStore};

/// The intake page.
#[derive(Template)]
#[template(path = "intake.html")]
pub struct IntakePage {
    /// Around it.
    pub chrome: Chrome,
    /// The registration form.
    pub form: FormView,
}

/// The empty registration form.
pub async fn form<S: DeskStore>(viewer: Viewer) -> Response {
    page(&viewer, &Refused::default(), StatusCode::OK)
}

fn page(viewer: &Viewer, refused: &Refused, status: StatusCode) -> Response {
    let drawing = Drawing {
        tr: viewer.tr(),
        zone: viewer.locale.zone,
        now: Utc::now(),
        record: None,
        values: &refused.values,
        errors: &refused.fields,
    };
    let form = form_view(EventKind::Accept, &drawing, refused.general.clone());
    render(
        status,
        &IntakePage {
            chrome: Chrome::of(viewer, "intake-title"),
            form,
        },
    )
}

/// Accepts the complaint (R1) and goes to its page (303); the form again
/// with each error next to its field (422); 403 without the CSRF token.
pub async fn submit<S: DeskStore>(
    State(state): State<AppState<S>>,
    viewer: Viewer,
    form: Result<axum::Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let chrome = Chrome::of(&viewer, "intake-title");
    let pairs = match form_pairs(&chrome, form) {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    if !viewer.posted_token(&pairs) {
        return csrf_refused(chrome);
    }
    let tr = viewer.tr();
    let accept = match form::read(EventKind::Accept, &pairs, viewer.locale.zone) {
        Ok(Event::Accept(accept)) => accept,
        Ok(_) => return super::internal_error(tr, &"the intake form made another event"),
        Err(errors) => {
            let refused = Refused::of_form(tr, &pairs, &errors);
            return page(&viewer, &refused, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let ctx = Context::new(viewer.staff.actor(), Utc::now(), &state.policy);
    match state.complaints.create(accept, None, &ctx).await {
        Ok(applied) => {
            Redirect::to(&format!("/complaints/{}", applied.complaint_id)).into_response()
        }
        Err(error) => {
            let problem = Problem::from(error);
            if problem.status() == StatusCode::INTERNAL_SERVER_ERROR {
                return super::internal_error(tr, &problem.detail());
            }
            let refused = Refused::of_problem(tr, &pairs, &problem);
            page(&viewer, &refused, problem.status())
        }
    }
}
