//! The regulator's export (A5): `GET /complaints/{id}/export.html` and
//! `GET /complaints/{id}/export.json`, one complaint's bundle made by the
//! core (`complaint_workflow::export`), and `GET
//! /exports?from=YYYY-MM-DD&to=YYYY-MM-DD`, the JSON bundle of every
//! complaint received from the local day `from` to the local day `to`
//! (both included, in the viewer's zone). Each is a download
//! (`Content-Disposition: attachment`, the file named after the complaint
//! or the dates).
//!
//! **Who may export:** team leads and supervisors ([`may_export`]), as for
//! the reports: an export is a whole complaint file, every personal text
//! in it; an agent is answered 403. Every export made is written to the
//! desk's log (`desk::export`: who, their role, which complaint or period,
//! which format), never its content.
//!
//! **The history as stored:** a complaint's export reads the store's
//! entries, not the rebuilt complaint, so a history that no longer verifies
//! is exported all the same, saying where it breaks.
//!
//! **The work is bounded:** a period is at most [`MAX_EXPORT_DAYS`] days
//! (a longer one is 422), and holds at most [`MAX_EXPORT_COMPLAINTS`]
//! complaints with a time in it (listed from the report index, as the
//! reports are; more is 422, before any history is read).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Days, NaiveDate, NaiveTime, Utc};
use complaint_workflow::export::{ExportBundle, PeriodExport};
use complaint_workflow::report::Period;
use complaint_workflow::{ComplaintId, Role};

use super::viewer::Viewer;
use super::{Chrome, internal_error, message};
use crate::report_index;
use crate::startup::{AppState, DeskStore};

/// The longest period one export covers, in days.
pub const MAX_EXPORT_DAYS: u64 = 31;

/// The most complaints one period's export lists.
pub const MAX_EXPORT_COMPLAINTS: usize = 2_000;

/// Who may export: team leads and supervisors (see the module docs).
pub fn may_export(role: Role) -> bool {
    role >= Role::TeamLead
}

/// The formats of one complaint's export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One self-contained HTML page.
    Html,
    /// The bundle as JSON.
    Json,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// `GET /complaints/{id}/export.html`.
pub async fn complaint_html<S: DeskStore>(
    state: State<AppState<S>>,
    viewer: Viewer,
    id: Path<String>,
) -> Response {
    complaint(state, viewer, id, Format::Html).await
}

/// `GET /complaints/{id}/export.json`.
pub async fn complaint_json<S: DeskStore>(
    state: State<AppState<S>>,
    viewer: Viewer,
    id: Path<String>,
) -> Response {
    complaint(state, viewer, id, Format::Json).await
}

/// One complaint's export in `format`: 403 for an agent, 404 for a
/// complaint the store does not hold.
async fn complaint<S: DeskStore>(
    State(state): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    format: Format,
) -> Response {
    let tr = viewer.tr();
    if !may_export(viewer.staff.role) {
        return forbidden(&viewer);
    }
    let not_found = || {
        let chrome = Chrome::of(&viewer, "export-title");
        message(chrome, StatusCode::NOT_FOUND, tr.t("not-found"), None)
    };
    let Ok(id) = id.parse::<ComplaintId>() else {
        return not_found();
    };
    let entries = match state.complaints.store().entries(id).await {
        Ok(entries) if entries.is_empty() => return not_found(),
        Ok(entries) => entries,
        Err(error) => return internal_error(tr, &error),
    };
    let zone = state.policy.calendar().zone();
    let bundle = match ExportBundle::new(id, entries, Utc::now(), zone) {
        Ok(bundle) => bundle,
        Err(error) => return internal_error(tr, &error),
    };
    let body = match format {
        Format::Html => bundle.to_html(),
        Format::Json => match bundle.to_json() {
            Ok(json) => json,
            Err(error) => return internal_error(tr, &error),
        },
    };
    tracing::info!(
        target: "desk::export",
        staff = %viewer.staff.name,
        role = %viewer.staff.role,
        complaint = %id,
        format = format.name(),
        verified = bundle.verification().is_verified(),
        "complaint exported"
    );
    download(format, &format!("complaint_{id}.{}", format.name()), body)
}

/// `GET /exports?from=YYYY-MM-DD&to=YYYY-MM-DD`: the JSON export of the
/// complaints received in the viewer's local days `from` to `to`. 400 for
/// dates that do not read or `to` before `from`, 422 for more than
/// [`MAX_EXPORT_DAYS`] days or [`MAX_EXPORT_COMPLAINTS`] complaints.
pub async fn period<S: DeskStore>(
    State(state): State<AppState<S>>,
    viewer: Viewer,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    let tr = viewer.tr();
    if !may_export(viewer.staff.role) {
        return forbidden(&viewer);
    }
    let refuse = |status: StatusCode, words: String| {
        let chrome = Chrome::of(&viewer, "export-title");
        message(chrome, status, words, None)
    };
    let Ok(Query(pairs)) = query else {
        return refuse(StatusCode::BAD_REQUEST, tr.t("export-bad-dates"));
    };
    let date = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .and_then(|(_, value)| NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok())
    };
    let (Some(from), Some(to)) = (date("from"), date("to")) else {
        return refuse(StatusCode::BAD_REQUEST, tr.t("export-bad-dates"));
    };
    if to < from {
        return refuse(StatusCode::BAD_REQUEST, tr.t("export-bad-dates"));
    }
    let days = u64::try_from((to - from).num_days())
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    if days > MAX_EXPORT_DAYS {
        let words = tr.t2(
            "export-too-long",
            ("days", &days.to_string()),
            ("limit", &MAX_EXPORT_DAYS.to_string()),
        );
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, words);
    }
    let zone = viewer.locale.zone;
    let Some(end) = to.checked_add_days(Days::new(1)) else {
        return refuse(StatusCode::BAD_REQUEST, tr.t("export-bad-dates"));
    };
    let midnight = |date: NaiveDate| zone.resolve(date.and_time(NaiveTime::MIN));
    let Some(Ok(period)) = midnight(from)
        .zip(midnight(end))
        .map(|(start, end)| Period::range(start, end))
    else {
        return refuse(StatusCode::BAD_REQUEST, tr.t("export-bad-dates"));
    };
    if let Err(error) = report_index::catch_up(&state).await {
        return internal_error(tr, &error);
    }
    let ids = match report_index::between(
        &state.pool,
        period.start(),
        period.end(),
        MAX_EXPORT_COMPLAINTS.saturating_add(1),
    )
    .await
    {
        Ok(ids) => ids,
        Err(error) => return internal_error(tr, &error),
    };
    if ids.len() > MAX_EXPORT_COMPLAINTS {
        let words = tr.t1(
            "export-too-many",
            "limit",
            &MAX_EXPORT_COMPLAINTS.to_string(),
        );
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, words);
    }
    let mut histories = Vec::with_capacity(ids.len());
    for id in ids {
        match state.complaints.store().entries(id).await {
            Ok(entries) => histories.push((id, entries)),
            Err(error) => return internal_error(tr, &error),
        }
    }
    let organization = state.policy.calendar().zone();
    let json = match PeriodExport::new(period, histories, Utc::now(), organization)
        .and_then(|export| Ok((export.complaints().len(), export.to_json()?)))
    {
        Ok(made) => made,
        Err(error) => return internal_error(tr, &error),
    };
    let (count, body) = json;
    tracing::info!(
        target: "desk::export",
        staff = %viewer.staff.name,
        role = %viewer.staff.role,
        from = %from,
        to = %to,
        complaints = count,
        format = "json",
        "period exported"
    );
    download(Format::Json, &format!("complaints_{from}_{to}.json"), body)
}

/// A download of `body` named `filename`.
fn download(format: Format, filename: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// 403: an agent asked for an export.
fn forbidden(viewer: &Viewer) -> Response {
    let chrome = Chrome::of(viewer, "export-title");
    let text = chrome.tr.t("export-forbidden");
    message(chrome, StatusCode::FORBIDDEN, text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A5: team leads and supervisors export, agents do not.
    #[test]
    fn a5_team_leads_and_supervisors_export_and_agents_do_not() {
        assert!(!may_export(Role::Agent));
        assert!(may_export(Role::TeamLead));
        assert!(may_export(Role::Supervisor));
    }
}
