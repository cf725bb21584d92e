//! `GET /queue`: the viewer's open complaints, by next due time; `GET
//! /due`: the team's complaints due within [`DUE_HORIZON_HOURS`] (overdue
//! ones first). Both mark each complaint's next deadline overdue or at
//! risk ([`urgency`](super::urgency::urgency)).
//!
//! Both read the store's due index (every complaint with a running
//! deadline, earliest first) and load each complaint listed; the queue
//! keeps those the viewer owns, among the first [`QUEUE_SCAN`]. A desk with
//! more open complaints than that needs an owner index (a projection of
//! the change feed), which the store contract does not offer yet.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Duration, Utc};
use complaint_workflow::ComplaintRecord;

use super::clock::{self, Shown};
use super::complaint::customer_zone;
use super::urgency::{Urgency, urgency};
use super::viewer::Viewer;
use super::{Chrome, deadline_id, internal_error, render, stage_id};
use crate::problem::Problem;
use crate::startup::{AppState, DeskStore};

/// How many complaints of the due index the queue looks through.
pub const QUEUE_SCAN: usize = 500;

/// "Due now": due within this many hours from now, or overdue.
pub const DUE_HORIZON_HOURS: i64 = 24;

/// At most this many lines on the due page.
pub const DUE_LIMIT: usize = 200;

/// A complaint's line.
#[derive(Clone, Debug)]
pub struct Line {
    /// The complaint's id.
    pub id: String,
    /// Its stage, in words.
    pub stage: String,
    /// Its category.
    pub category: String,
    /// Its owner.
    pub owner: String,
    /// Its next deadline's kind, in words.
    pub deadline: String,
    /// When that is due.
    pub due: Shown,
    /// `overdue`, `at-risk`, `on-time`.
    pub urgency: &'static str,
    /// The same, in words.
    pub urgency_words: String,
}

/// The queue page and the due page.
#[derive(Template)]
#[template(path = "queue.html")]
pub struct QueuePage {
    /// Around it.
    pub chrome: Chrome,
    /// The line under the title.
    pub lead: String,
    /// The complaints.
    pub lines: Vec<Line>,
}

/// The viewer's open complaints, by next due time.
pub async fn mine<S: DeskStore>(State(state): State<AppState<S>>, viewer: Viewer) -> Response {
    let far = Utc::now() + Duration::days(365 * 100);
    let me = viewer.staff.name.clone();
    list(&state, &viewer, "queue-title", "queue-lead", far, QUEUE_SCAN, move |record| {
        record.owner().is_some_and(|owner| owner.as_str() == me)
    })
    .await
}

/// The team's complaints due soon or overdue.
pub async fn due<S: DeskStore>(State(state): State<AppState<S>>, viewer: Viewer) -> Response {
    let before = Utc::now() + Duration::hours(DUE_HORIZON_HOURS);
    list(&state, &viewer, "due-title", "due-lead", before, DUE_LIMIT, |_| true).await
}

async fn list<S: DeskStore>(
    state: &AppState<S>,
    viewer: &Viewer,
    title: &str,
    lead: &str,
    before: chrono::DateTime<Utc>,
    limit: usize,
    keep: impl Fn(&ComplaintRecord) -> bool,
) -> Response {
    let tr = viewer.tr();
    let now = Utc::now();
    let due = match state.complaints.due_before(before, limit).await {
        Ok(due) => due,
        Err(e) => return internal_error(tr, &Problem::from(e).detail()),
    };
    let mut lines = Vec::new();
    for item in due {
        let record = match state.complaints.load(item.complaint_id).await {
            Ok(record) => record,
            Err(e) => return internal_error(tr, &Problem::from(e).detail()),
        };
        if !keep(&record) {
            continue;
        }
        let Some(next) = record.next_deadline() else {
            continue;
        };
        let mark = urgency(next, now);
        lines.push(Line {
            id: record.id().to_string(),
            stage: tr.t(&stage_id(record.stage())),
            category: record.category().to_string(),
            owner: record
                .owner()
                .map_or_else(|| tr.t("fact-no-owner"), ToString::to_string),
            deadline: tr.t(&deadline_id(next.kind())),
            due: clock::show(next.due(), viewer.locale.zone, Some(customer_zone(state, &record))),
            urgency: mark.name(),
            urgency_words: tr.t(mark.name()),
        });
    }
    // The index orders by due time; overdue ones lead either way.
    lines.sort_by_key(|line| line.urgency != Urgency::Overdue.name());
    render(
        StatusCode::OK,
        &QueuePage {
            chrome: Chrome::of(viewer, title),
            lead: tr.t(lead),
            lines,
        },
    )
}
