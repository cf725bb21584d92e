//! `GET /reports`: S1 (顧客投訴分類統計表), S2 (回訪總結報告) and S4
//! (故障超時記錄表) for a day, an ISO week or a month (S3) at the viewer's
//! local midnights, as tables with SVG bar charts; `GET
//! /reports/{s1,s2,s4,breaches}.csv` with the same query: the core's
//! `to_csv` (and S4's `breaches_to_csv`) of the same reports, as downloads.
//!
//! **Who sees them:** team leads and supervisors ([`may_see_reports`]); an
//! agent is answered 403. R6 gives the classification statistics to the
//! supervisor (客服主管), who fills them in and analyses them; a team lead
//! (組長) answers for a team's handling and sees its figures. The reports
//! cover every owner's complaints and name complaints (the members without
//! a follow-up, the breaches), so they are not an agent's page: an agent's
//! own work is the queue and the follow-up day.
//!
//! **The work is bounded:** the complaints a period's reports read are
//! listed from the desk's index ([`report_index`]: their ids, in one
//! indexed query), never by loading every complaint; a period holding more
//! than [`MAX_REPORT_COMPLAINTS`] is refused (422, with the count) before
//! any is loaded; the ones listed are loaded [`CHUNK`] at a time, each chunk's reports merged into the
//! period's (the core's reports merge exactly over disjoint sets of
//! complaints), so at most one chunk of histories is held at once.
//!
//! **A damaged history is left out:** a listed complaint whose stored
//! history does not check out (the store's `StoreError::Replay`) is left
//! out of the figures, never failing the report: the page says how many
//! were left out and names the first [`LEFT_OUT_SHOWN`] of them (links to
//! their pages, which say where and why); a download is the CSV of the
//! others, with the count in its [`LEFT_OUT_HEADER`] header. A
//! complaint damaged before the index ever read it is not in the index,
//! so not counted either (the index's catch-up logs it).

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Datelike, Utc};
use complaint_workflow::report::{BreachReport, ClassificationReport, FollowUpSummary, Period};
use complaint_workflow::{ComplaintId, ComplaintRecord, Role};

use super::clock;
use super::report_query::{PeriodKind, QueryError, ReportQuery, today};
use super::report_view::{self, Block};
use super::viewer::Viewer;
use super::{Chrome, internal_error, message, render};
use crate::damaged::{Damaged, LEFT_OUT_HEADER};
use crate::problem::Problem;
use crate::report_index;
use crate::startup::{AppState, DeskStore};

/// A report reads at most this many complaints; a period holding more is
/// refused before any is loaded.
pub const MAX_REPORT_COMPLAINTS: u64 = 20_000;

/// The complaints loaded (and held) at once.
pub const CHUNK: usize = 100;

/// At most this many of the complaints left out (their history does not
/// check out) are named on the page; the count covers them all.
pub const LEFT_OUT_SHOWN: usize = 20;

/// Who may see the reports: team leads and supervisors (see the module docs).
pub fn may_see_reports(role: Role) -> bool {
    role >= Role::TeamLead
}

/// The three reports of one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reports {
    /// S1 over the complaints received in the period.
    pub classification: ClassificationReport,
    /// S2 over the complaints handled (or followed up) in the period.
    pub follow_up: FollowUpSummary,
    /// S4 over the deadlines due in the period.
    pub breaches: BreachReport,
    /// The listed complaints left out of the figures because their stored
    /// history does not check out, in id order.
    pub left_out: Vec<ComplaintId>,
}

/// Why a period's reports were not made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GatherError {
    /// The period holds more complaints than a report reads.
    TooMany {
        /// How many it holds.
        count: u64,
    },
    /// The store or the database failed.
    Failed(String),
}

/// The reports of `period`, S4 judged as of `as_of`: the complaints the
/// index lists for the period, at most `limit` (the pages'
/// [`MAX_REPORT_COMPLAINTS`]), read [`CHUNK`] at a time.
///
/// # Errors
///
/// [`GatherError::TooMany`] when the period holds more than `limit`
/// complaints; [`GatherError::Failed`] when the store fails. A complaint
/// whose history does not check out fails nothing: it is left out
/// ([`Reports::left_out`]).
pub async fn gather<S: DeskStore>(
    state: &AppState<S>,
    period: &Period,
    as_of: DateTime<Utc>,
    limit: u64,
) -> Result<Reports, GatherError> {
    report_index::catch_up(state)
        .await
        .map_err(GatherError::Failed)?;
    let (start, end) = (period.start(), period.end());
    let failed = |e: sqlx::Error| GatherError::Failed(e.to_string());
    let bound = usize::try_from(limit).unwrap_or(usize::MAX);
    let ids = report_index::between(&state.pool, start, end, bound.saturating_add(1))
        .await
        .map_err(failed)?;
    if ids.len() > bound {
        let count = report_index::count_between(&state.pool, start, end)
            .await
            .map_err(failed)?;
        return Err(GatherError::TooMany { count });
    }
    let no_records: [ComplaintRecord; 0] = [];
    let mut reports = Reports {
        classification: ClassificationReport::compute(&no_records, period),
        follow_up: FollowUpSummary::compute(&no_records, period),
        breaches: BreachReport::compute(&no_records, period, as_of),
        left_out: Vec::new(),
    };
    for chunk in ids.chunks(CHUNK) {
        let mut records = Vec::with_capacity(chunk.len());
        for &id in chunk {
            match state.complaints.load(id).await {
                Ok(record) => records.push(record),
                Err(error) => match Damaged::of(&error) {
                    Some(damaged) => {
                        tracing::error!(
                            complaint = %damaged.complaint,
                            sequence = ?damaged.sequence,
                            error = %damaged.reason,
                            "a stored history does not replay: left out of the report"
                        );
                        reports.left_out.push(damaged.complaint);
                    }
                    None => {
                        return Err(GatherError::Failed(
                            Problem::from(error).detail().to_owned(),
                        ));
                    }
                },
            }
        }
        reports = Reports {
            left_out: reports.left_out,
            classification: reports
                .classification
                .merge(ClassificationReport::compute(&records, period)),
            follow_up: reports
                .follow_up
                .merge(FollowUpSummary::compute(&records, period)),
            breaches: reports
                .breaches
                .merge(BreachReport::compute(&records, period, as_of)),
        };
    }
    // Each chunk covered the whole period: the merges listed it once per
    // chunk; the reports are of the one period.
    reports.classification.periods = vec![*period];
    reports.follow_up.periods = vec![*period];
    reports.breaches.periods = vec![*period];
    Ok(reports)
}

/// One kind of period for the form's choice.
#[derive(Clone, Debug)]
pub struct KindChoice {
    /// `day`, `week`, `month`.
    pub name: &'static str,
    /// In words.
    pub words: String,
    /// Whether it is the one shown.
    pub selected: bool,
}

/// The report page: the form, then the three reports (none when the query
/// was refused).
#[derive(Template)]
#[template(path = "reports.html")]
pub struct ReportsPage {
    /// Around it.
    pub chrome: Chrome,
    /// The kinds of period, the one asked for selected.
    pub kinds: Vec<KindChoice>,
    /// The date field's value.
    pub date: String,
    /// The S4 time field's value, if one was given.
    pub as_of: String,
    /// What was wrong with the query or the period.
    pub error: Option<String>,
    /// The period in the viewer's zone, in words.
    pub range: String,
    /// When S4 judges the open deadlines, in words.
    pub judged: String,
    /// The query string of the downloads.
    pub query: String,
    /// S1 (empty when refused).
    pub classification: Vec<Block>,
    /// S1's complaint count.
    pub complaints: u64,
    /// S2.
    pub follow_up: Vec<Block>,
    /// S4.
    pub breaches: Vec<Block>,
    /// How many complaints were left out of the figures (their history
    /// does not check out), in words; `None` when none were.
    pub left_out: Option<String>,
    /// The ids of the first [`LEFT_OUT_SHOWN`] of them.
    pub left_out_ids: Vec<String>,
    /// How many more were left out than are named, in words.
    pub left_out_more: Option<String>,
}

impl ReportsPage {
    /// The page of `asked` with nothing computed yet.
    fn new(viewer: &Viewer, kind: PeriodKind, date: String, as_of: String) -> Self {
        let tr = viewer.tr();
        Self {
            chrome: Chrome::of(viewer, "reports-title"),
            kinds: PeriodKind::ALL
                .into_iter()
                .map(|k| KindChoice {
                    name: k.name(),
                    words: tr.t(&k.message_id()),
                    selected: k == kind,
                })
                .collect(),
            date,
            as_of,
            error: None,
            range: String::new(),
            judged: String::new(),
            query: String::new(),
            classification: Vec::new(),
            complaints: 0,
            follow_up: Vec::new(),
            breaches: Vec::new(),
            left_out: None,
            left_out_ids: Vec::new(),
            left_out_more: None,
        }
    }
}

/// The report page; 403 for an agent, 400 for a query that does not read,
/// 422 for a period holding more than [`MAX_REPORT_COMPLAINTS`].
pub async fn show<S: DeskStore>(
    State(state): State<AppState<S>>,
    viewer: Viewer,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    if !may_see_reports(viewer.staff.role) {
        return forbidden(&viewer);
    }
    let tr = viewer.tr();
    let zone = viewer.locale.zone;
    let Ok(Query(pairs)) = query else {
        let mut page = ReportsPage::new(&viewer, PeriodKind::Month, String::new(), String::new());
        page.error = Some(tr.t("form-unreadable"));
        return render(StatusCode::BAD_REQUEST, &page);
    };
    let value = |name: &str| -> String {
        super::report_query::value(&pairs, name)
            .unwrap_or_default()
            .to_owned()
    };
    let refused = |error: &QueryError| {
        let kind = PeriodKind::named(&value("period")).unwrap_or(PeriodKind::Month);
        let mut page = ReportsPage::new(&viewer, kind, value("date"), value("as_of"));
        page.error = Some(error.words(tr));
        render(StatusCode::BAD_REQUEST, &page)
    };
    let asked = match ReportQuery::parse(&pairs, today(zone)) {
        Ok(asked) => asked,
        Err(error) => return refused(&error),
    };
    let period = match asked.period(zone) {
        Ok(period) => period,
        Err(error) => return refused(&error),
    };
    let as_of = asked.as_of.unwrap_or_else(Utc::now);
    let mut page = ReportsPage::new(&viewer, asked.kind, asked.date.to_string(), value("as_of"));
    page.range = tr.t2(
        "report-range",
        ("start", &clock::local(period.start(), zone)),
        ("end", &clock::local(period.end(), zone)),
    );
    page.judged = tr.t1("report-as-of", "time", &clock::local(as_of, zone));
    page.query = asked.to_query_string();
    let reports = match gather(&state, &period, as_of, MAX_REPORT_COMPLAINTS).await {
        Ok(reports) => reports,
        Err(GatherError::TooMany { count }) => {
            page.error = Some(too_many(&viewer, count));
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
        Err(GatherError::Failed(error)) => return internal_error(tr, &error),
    };
    page.complaints = reports.classification.complaints;
    page.classification = report_view::classification(tr, &reports.classification);
    page.follow_up = report_view::follow_up(tr, &reports.follow_up);
    page.breaches = report_view::breaches(tr, &reports.breaches, zone);
    let left_out = reports.left_out.len();
    if left_out > 0 {
        page.left_out = Some(tr.t1("report-left-out", "count", &left_out.to_string()));
        page.left_out_ids = reports
            .left_out
            .iter()
            .take(LEFT_OUT_SHOWN)
            .map(ToString::to_string)
            .collect();
        if left_out > LEFT_OUT_SHOWN {
            let more = (left_out - LEFT_OUT_SHOWN).to_string();
            page.left_out_more = Some(tr.t1("report-left-out-more", "count", &more));
        }
    }
    render(StatusCode::OK, &page)
}

/// The downloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Download {
    Classification,
    FollowUp,
    Breaches,
    BreachList,
}

/// `GET /reports/{file}`: `s1.csv`, `s2.csv`, `s4.csv` (the core's
/// `to_csv`) and `breaches.csv` (S4's `breaches_to_csv`), as attachments;
/// the same query and answers as the page, 404 for another file; the count
/// of complaints left out (their history does not check out) in the
/// [`LEFT_OUT_HEADER`] header.
pub async fn download<S: DeskStore>(
    State(state): State<AppState<S>>,
    viewer: Viewer,
    Path(file): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    let tr = viewer.tr();
    if !may_see_reports(viewer.staff.role) {
        return forbidden(&viewer);
    }
    let (which, stem) = match file.as_str() {
        "s1.csv" => (Download::Classification, "s1"),
        "s2.csv" => (Download::FollowUp, "s2"),
        "s4.csv" => (Download::Breaches, "s4"),
        "breaches.csv" => (Download::BreachList, "breaches"),
        _ => {
            let chrome = Chrome::of(&viewer, "reports-title");
            return message(
                chrome,
                StatusCode::NOT_FOUND,
                tr.t("report-no-such-file"),
                None,
            );
        }
    };
    let zone = viewer.locale.zone;
    let refuse = |words: String| {
        let chrome = Chrome::of(&viewer, "reports-title");
        let back = Some(("/reports".to_owned(), tr.t("reports-title")));
        message(chrome, StatusCode::BAD_REQUEST, words, back)
    };
    let bad = |error: QueryError| refuse(error.words(tr));
    let Ok(Query(pairs)) = query else {
        return refuse(tr.t("form-unreadable"));
    };
    let asked = match ReportQuery::parse(&pairs, today(zone)) {
        Ok(asked) => asked,
        Err(error) => return bad(error),
    };
    let period = match asked.period(zone) {
        Ok(period) => period,
        Err(error) => return bad(error),
    };
    let as_of = asked.as_of.unwrap_or_else(Utc::now);
    let reports = match gather(&state, &period, as_of, MAX_REPORT_COMPLAINTS).await {
        Ok(reports) => reports,
        Err(GatherError::TooMany { count }) => {
            let chrome = Chrome::of(&viewer, "reports-title");
            let text = too_many(&viewer, count);
            return message(chrome, StatusCode::UNPROCESSABLE_ENTITY, text, None);
        }
        Err(GatherError::Failed(error)) => return internal_error(tr, &error),
    };
    let body = match which {
        Download::Classification => reports.classification.to_csv(),
        Download::FollowUp => reports.follow_up.to_csv(),
        Download::Breaches => reports.breaches.to_csv(),
        Download::BreachList => reports.breaches.breaches_to_csv(),
    };
    let disposition = format!(
        "attachment; filename=\"{stem}_{}_{}.csv\"",
        asked.kind.name(),
        period_name(asked.kind, asked.date)
    );
    let mut response = (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response();
    if !reports.left_out.is_empty() {
        response.headers_mut().insert(
            header::HeaderName::from_static(LEFT_OUT_HEADER),
            header::HeaderValue::from(reports.left_out.len()),
        );
    }
    response
}

/// The period in a file name: `2026-11-23`, `2026-W48`, `2026-11`.
fn period_name(kind: PeriodKind, date: chrono::NaiveDate) -> String {
    match kind {
        PeriodKind::Day => date.to_string(),
        PeriodKind::Week => {
            let week = date.iso_week();
            format!("{}-W{:02}", week.year(), week.week())
        }
        PeriodKind::Month => format!("{:04}-{:02}", date.year(), date.month()),
    }
}

/// The refusal of a period holding `count` complaints, in words.
fn too_many(viewer: &Viewer, count: u64) -> String {
    viewer.tr().t2(
        "report-too-many",
        ("count", &count.to_string()),
        ("limit", &MAX_REPORT_COMPLAINTS.to_string()),
    )
}

/// 403: an agent asked for a report.
fn forbidden(viewer: &Viewer) -> Response {
    let chrome = Chrome::of(viewer, "reports-title");
    let text = chrome.tr.t("reports-forbidden");
    message(chrome, StatusCode::FORBIDDEN, text, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn team_leads_and_supervisors_see_reports_and_agents_do_not() {
        assert!(!may_see_reports(Role::Agent));
        assert!(may_see_reports(Role::TeamLead));
        assert!(may_see_reports(Role::Supervisor));
    }

    #[test]
    fn a_file_names_its_period() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(period_name(PeriodKind::Day, date), "2026-11-25");
        assert_eq!(period_name(PeriodKind::Week, date), "2026-W48");
        assert_eq!(period_name(PeriodKind::Month, date), "2026-11");
    }
}
