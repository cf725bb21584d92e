//! `GET /queue`: the viewer's open complaints, by next due time (those
//! with no deadline running last), from the desk's index of open
//! complaints ([`open_complaints`]); `GET /due`: the
//! team's complaints due within [`DUE_HORIZON_HOURS`], overdue ones first,
//! from the store's due index. Both mark each complaint's next deadline
//! overdue or at risk ([`urgency`]).
//!
//! A listed complaint whose stored history does not check out
//! ([`Damaged`]) is a line of its own, marked so and linking to its page
//! (which says where and why); every other complaint is listed as usual.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Duration, Utc};
use complaint_workflow::ComplaintId;

use super::clock::{self, Shown};
use super::complaint::customer_zone;
use super::urgency::{Urgency, urgency};
use super::viewer::Viewer;
use super::{Chrome, deadline_id, internal_error, render, stage_id};
use crate::damaged::Damaged;
use crate::open_complaints;
use crate::problem::Problem;
use crate::startup::{AppState, DeskStore};

/// At most this many lines in the queue.
pub const QUEUE_LIMIT: usize = 200;

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
    /// Its next deadline's kind, in words (empty: none running).
    pub deadline: String,
    /// When that is due.
    pub due: Option<Shown>,
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
    /// The ids of the listed complaints whose stored history does not
    /// check out, each shown as a line of its own.
    pub damaged: Vec<String>,
}

/// The viewer's open complaints, by next due time.
pub async fn mine<S: DeskStore>(State(state): State<AppState<S>>, viewer: Viewer) -> Response {
    let tr = viewer.tr();
    if let Err(e) = open_complaints::catch_up(&state).await {
        return internal_error(tr, &e);
    }
    let ids = match open_complaints::owned_by(&state.pool, &viewer.staff.name, QUEUE_LIMIT).await {
        Ok(owned) => owned.into_iter().map(|(id, _)| id).collect(),
        Err(e) => return internal_error(tr, &e),
    };
    list(&state, &viewer, "queue-title", "queue-lead", ids).await
}

/// The team's complaints due soon or overdue.
pub async fn due<S: DeskStore>(State(state): State<AppState<S>>, viewer: Viewer) -> Response {
    let before = Utc::now() + Duration::hours(DUE_HORIZON_HOURS);
    let ids = match state.complaints.due_before(before, DUE_LIMIT).await {
        Ok(due) => due.into_iter().map(|d| d.complaint_id).collect(),
        Err(e) => return internal_error(viewer.tr(), &Problem::from(e).detail()),
    };
    list(&state, &viewer, "due-title", "due-lead", ids).await
}

async fn list<S: DeskStore>(
    state: &AppState<S>,
    viewer: &Viewer,
    title: &str,
    lead: &str,
    ids: Vec<ComplaintId>,
) -> Response {
    let tr = viewer.tr();
    let now = Utc::now();
    let mut lines = Vec::new();
    let mut damaged = Vec::new();
    for id in ids {
        let record = match state.complaints.load(id).await {
            Ok(record) => record,
            Err(e) => match Damaged::of(&e) {
                Some(damage) => {
                    damaged.push(damage.complaint.to_string());
                    continue;
                }
                None => return internal_error(tr, &Problem::from(e).detail()),
            },
        };
        let next = record.next_deadline();
        let mark = next.map_or(Urgency::OnTime, |next| urgency(next, now));
        let customer = customer_zone(state, &record);
        lines.push(Line {
            id: record.id().to_string(),
            stage: tr.t(&stage_id(record.stage())),
            category: record.category().to_string(),
            owner: record
                .owner()
                .map_or_else(|| tr.t("fact-no-owner"), ToString::to_string),
            deadline: next.map_or_else(String::new, |next| tr.t(&deadline_id(next.kind()))),
            due: next.map(|next| clock::show(next.due(), viewer.locale.zone, Some(customer))),
            urgency: mark.name(),
            urgency_words: tr.t(mark.name()),
        });
    }
    // Both lists come ordered by due time; overdue ones lead either way.
    lines.sort_by_key(|line| line.urgency != Urgency::Overdue.name());
    render(
        StatusCode::OK,
        &QueuePage {
            chrome: Chrome::of(viewer, title),
            lead: tr.t(lead),
            lines,
            damaged,
        },
    )
}
