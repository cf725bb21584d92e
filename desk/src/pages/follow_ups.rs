//! `GET /follow-ups?date=YYYY-MM-DD`: the follow-up day (回訪) of the
//! signed-in staff member: the follow-ups owed (F7: scheduled or attempted,
//! not done) on the complaints the viewer owns whose next slot falls on that
//! day, from midnight to midnight in the viewer's zone (today without a
//! date). Each slot is shown in the viewer's time and the customer's own
//! (F4: the crate proposed it outside the customer's quiet hours, in the
//! customer's zone), with a link to the complaint; members' complaints are
//! marked (F5: every member is followed up), and so is the urgency of the
//! follow-up's three-day deadline (F7, [`urgency`]) and a slot already past.
//!
//! The slots come from the desk's index ([`report_index`]), earliest first,
//! at most [`FOLLOW_UP_LIMIT`]. A listed complaint whose stored history
//! does not check out ([`Damaged`]) is a line of its own, marked so and
//! linking to its page; the other slots are shown as usual.

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Days, NaiveDate, Utc};
use complaint_workflow::deadline::DeadlineKind;
use complaint_workflow::report::Period;

use super::clock;
use super::complaint::customer_zone;
use super::report_query::{QueryError, parse_date, today, value};
use super::urgency::{Urgency, urgency};
use super::viewer::Viewer;
use super::{Chrome, follow_up_id, internal_error, render, stage_id};
use crate::damaged::Damaged;
use crate::problem::Problem;
use crate::report_index;
use crate::startup::{AppState, DeskStore};

/// At most this many slots on the page.
pub const FOLLOW_UP_LIMIT: usize = 200;

/// One follow-up owed.
#[derive(Clone, Debug)]
pub struct SlotLine {
    /// The complaint's id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// Its stage, in words.
    pub stage: String,
    /// The follow-up's stage, in words.
    pub follow_up: String,
    /// The slot, RFC 3339, for `<time datetime>`.
    pub machine: String,
    /// The slot in the viewer's zone.
    pub viewer_time: String,
    /// The slot in the customer's zone.
    pub customer_time: String,
    /// Attempts made of those allowed: `1 / 3`.
    pub attempts: String,
    /// Whether the slot is a time agreed with the customer (F7).
    pub agreed: bool,
    /// Whether the customer is a member (F5).
    pub member: bool,
    /// Whether the slot is already past.
    pub passed: bool,
    /// The follow-up deadline's urgency (the CSS class).
    pub urgency: &'static str,
    /// The same, in words.
    pub urgency_words: String,
}

/// The follow-up day.
#[derive(Template)]
#[template(path = "follow_ups.html")]
pub struct FollowUpsPage {
    /// Around it.
    pub chrome: Chrome,
    /// The day shown (the date field's value).
    pub date: String,
    /// The day before and the day after, for the links.
    pub around: Option<(String, String)>,
    /// The day from midnight to midnight in the viewer's zone, in words.
    pub range: String,
    /// What was wrong with the date.
    pub error: Option<String>,
    /// The slots, earliest first.
    pub lines: Vec<SlotLine>,
    /// The ids of the listed complaints whose stored history does not
    /// check out, each shown as a line of its own.
    pub damaged: Vec<String>,
}

/// The follow-up day; 400 for a date that does not read.
pub async fn show<S: DeskStore>(
    State(state): State<AppState<S>>,
    viewer: Viewer,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    let tr = viewer.tr();
    let zone = viewer.locale.zone;
    let mut page = FollowUpsPage {
        chrome: Chrome::of(&viewer, "follow-ups-title"),
        date: String::new(),
        around: None,
        range: String::new(),
        error: None,
        lines: Vec::new(),
        damaged: Vec::new(),
    };
    let Ok(Query(pairs)) = query else {
        page.error = Some(tr.t("form-unreadable"));
        return render(StatusCode::BAD_REQUEST, &page);
    };
    page.date = value(&pairs, "date").unwrap_or_default().to_owned();
    let refused = |mut page: FollowUpsPage, error: &QueryError| {
        page.error = Some(error.words(tr));
        render(StatusCode::BAD_REQUEST, &page)
    };
    let date = match value(&pairs, "date").map_or(Ok(today(zone)), parse_date) {
        Ok(date) => date,
        Err(error) => return refused(page, &error),
    };
    let out_of_range = || QueryError {
        message: "report-bad-date",
        value: date.to_string(),
    };
    let Ok(day) = Period::day(date, zone) else {
        return refused(page, &out_of_range());
    };
    let Some(around) = neighbours(date) else {
        return refused(page, &out_of_range());
    };
    page.date = date.to_string();
    page.around = Some(around);
    page.range = tr.t2(
        "report-range",
        ("start", &clock::local(day.start(), zone)),
        ("end", &clock::local(day.end(), zone)),
    );
    if let Err(error) = report_index::catch_up(&state).await {
        return internal_error(tr, &error);
    }
    let owner = viewer.staff.name.as_str();
    let ids = match report_index::follow_ups_of(
        &state.pool,
        owner,
        day.start(),
        day.end(),
        FOLLOW_UP_LIMIT,
    )
    .await
    {
        Ok(ids) => ids,
        Err(error) => return internal_error(tr, &error),
    };
    let now = Utc::now();
    for id in ids {
        let record = match state.complaints.load(id).await {
            Ok(record) => record,
            Err(error) => match Damaged::of(&error) {
                Some(damage) => {
                    page.damaged.push(damage.complaint.to_string());
                    continue;
                }
                None => return internal_error(tr, &Problem::from(error).detail()),
            },
        };
        // The index is caught up; the record has the last word all the same.
        let Some(status) = record.follow_up() else {
            continue;
        };
        let owned = record.owner().is_some_and(|o| o.to_string() == owner);
        if status.stage().is_done() || !owned || !day.contains(status.slot()) {
            continue;
        }
        let deadline = record
            .deadlines()
            .iter()
            .rev()
            .find(|deadline| deadline.kind() == DeadlineKind::FollowUp);
        let mark = deadline.map_or(Urgency::OnTime, |deadline| urgency(deadline, now));
        page.lines.push(SlotLine {
            id: record.id().to_string(),
            category: record.category().to_string(),
            stage: tr.t(&stage_id(record.stage())),
            follow_up: tr.t(&follow_up_id(status.stage())),
            machine: status.slot().to_rfc3339(),
            viewer_time: clock::local(status.slot(), zone),
            customer_time: clock::local(status.slot(), customer_zone(&state, &record)),
            attempts: format!("{} / {}", status.attempts(), status.max_attempts()),
            agreed: status.agreed().is_some(),
            member: record.complainant().member,
            passed: status.slot() < now,
            urgency: mark.name(),
            urgency_words: tr.t(mark.name()),
        });
    }
    render(StatusCode::OK, &page)
}

/// The day before and the day after `date`, as `YYYY-MM-DD`.
fn neighbours(date: NaiveDate) -> Option<(String, String)> {
    let before = date.checked_sub_days(Days::new(1))?;
    let after = date.checked_add_days(Days::new(1))?;
    Some((before.to_string(), after.to_string()))
}
