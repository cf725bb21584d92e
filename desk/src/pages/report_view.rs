//! The core's reports (S1, S2, S4) as the report page shows them: tables
//! ([`Block`]) in the viewer's words, each count table with its bar chart
//! ([`charts`](super::charts)). Every number cell carries a key
//! (`s1.outcome.upheld`, `s2.coverage_percent`, `s4.investigation.breached`)
//! named after the core's CSV columns, so the page can be read back and
//! held to the core's report.

use std::collections::BTreeMap;
use std::fmt::Display;

use complaint_workflow::deadline::BreachState;
use complaint_workflow::event::Satisfaction;
use complaint_workflow::report::{
    BreachReport, ClassificationReport, ComplaintOutcome, DeadlineTally, FollowUpSummary,
    Milestone, Ratio,
};
use complaint_workflow::time::Zone;

use super::charts::BarChart;
use super::clock;
use super::deadline_id;
use super::fields::Choices;
use super::i18n::Tr;

/// One table of the report page, and its chart when it counts things.
#[derive(Clone, Debug)]
pub struct Block {
    /// The table's caption (and the chart's title).
    pub caption: String,
    /// The column headers, the row header's first.
    pub headers: Vec<String>,
    /// The rows.
    pub rows: Vec<Line>,
    /// The chart, as SVG (already escaped), if the table has one.
    pub chart: Option<String>,
}

/// One row: what it is about (a link to a complaint, for the lists of
/// complaints), then its cells.
#[derive(Clone, Debug)]
pub struct Line {
    /// The row header.
    pub head: String,
    /// Where the row header links to.
    pub link: Option<String>,
    /// The cells.
    pub cells: Vec<Cell>,
}

/// One cell: its key (for reading the page back) and its text.
#[derive(Clone, Debug)]
pub struct Cell {
    /// `s1.outcome.upheld`.
    pub key: String,
    /// `12`.
    pub text: String,
}

fn cell(key: String, text: impl Display) -> Cell {
    Cell {
        key,
        text: text.to_string(),
    }
}

/// The message id of a complaint outcome: `report-outcome-upheld`.
pub fn outcome_id(outcome: ComplaintOutcome) -> String {
    format!("report-outcome-{}", outcome.name())
}

/// The message id of a milestone: the stage it reaches (`stage-judged`).
pub fn milestone_id(milestone: Milestone) -> String {
    format!("stage-{}", milestone.name())
}

/// A table of counts, `(key, label, count)` each, with its chart.
fn counts(tr: Tr, id: &str, caption: &str, rows: Vec<(String, String, u64)>) -> Block {
    let caption = tr.t(caption);
    let chart = rows
        .iter()
        .fold(
            BarChart::new(id, caption.clone()),
            |chart, (_, label, n)| chart.bar(label.clone(), *n),
        )
        .svg(&tr.t("report-none"));
    Block {
        caption,
        headers: vec![String::new(), tr.t("report-count")],
        rows: rows
            .into_iter()
            .map(|(key, head, n)| Line {
                head,
                link: None,
                cells: vec![cell(key, n)],
            })
            .collect(),
        chart: Some(chart),
    }
}

/// `counts`' rows of a map, keyed `s1.<dimension>.<value>`, labelled by `words`.
fn rows_of<K: Display>(
    dimension: &str,
    map: &BTreeMap<K, u64>,
    words: impl Fn(&K) -> String,
) -> Vec<(String, String, u64)> {
    map.iter()
        .map(|(key, &n)| (format!("s1.{dimension}.{key}"), words(key), n))
        .collect()
}

/// S1 顧客投訴分類統計表 as the page's tables.
pub fn classification(tr: Tr, report: &ClassificationReport) -> Vec<Block> {
    let outcomes = ComplaintOutcome::ALL
        .into_iter()
        .map(|outcome| {
            (
                format!("s1.outcome.{}", outcome.name()),
                tr.t(&outcome_id(outcome)),
                report.outcome(outcome),
            )
        })
        .collect();
    let plain = |key: &dyn Display| key.to_string();
    let severity =
        |key: &complaint_workflow::Severity| tr.t(&Choices::Severity.message_id(&key.to_string()));
    let channel =
        |key: &complaint_workflow::Channel| tr.t(&Choices::Channel.message_id(key.name()));
    let cause = |key: &complaint_workflow::event::RootCause| {
        tr.t(&Choices::RootCause.message_id(key.name()))
    };
    let mut blocks = vec![
        counts(tr, "chart_s1_outcome", "report-by-outcome", outcomes),
        counts(
            tr,
            "chart_s1_category",
            "report-by-category",
            rows_of("category", &report.by_category, |k| plain(k)),
        ),
        counts(
            tr,
            "chart_s1_severity",
            "report-by-severity",
            rows_of("severity", &report.by_severity, severity),
        ),
        counts(
            tr,
            "chart_s1_channel",
            "report-by-channel",
            rows_of("channel", &report.by_channel, channel),
        ),
        counts(
            tr,
            "chart_s1_department",
            "report-by-department",
            rows_of("department", &report.by_department, |k| plain(k)),
        ),
        counts(
            tr,
            "chart_s1_root_cause",
            "report-by-root-cause",
            rows_of("root_cause", &report.by_root_cause, cause),
        ),
    ];
    blocks.push(Block {
        caption: tr.t("report-time-to"),
        headers: vec![
            String::new(),
            tr.t("report-reached"),
            tr.t("report-median"),
            tr.t("report-p90"),
        ],
        rows: report
            .time_to
            .iter()
            .map(|(milestone, durations)| {
                let key = |column: &str| format!("s1.time_to.{}.{column}", milestone.name());
                Line {
                    head: tr.t(&milestone_id(*milestone)),
                    link: None,
                    cells: vec![
                        cell(key("count"), durations.len()),
                        cell(
                            key("median_seconds"),
                            durations.median().map(duration).unwrap_or_default(),
                        ),
                        cell(
                            key("p90_seconds"),
                            durations.p90().map(duration).unwrap_or_default(),
                        ),
                    ],
                }
            })
            .collect(),
        chart: None,
    });
    if !report.recourse_by_category.is_empty() {
        blocks.push(Block {
            caption: tr.t("report-recourse"),
            headers: vec![
                tr.t("field-category"),
                tr.t("report-disputed"),
                tr.t("report-referred"),
            ],
            rows: report
                .recourse_by_category
                .keys()
                .map(|category| Line {
                    head: category.to_string(),
                    link: None,
                    cells: vec![
                        cell(
                            format!("s1.disputed.{category}"),
                            ratio(report.dispute_rate(category)),
                        ),
                        cell(
                            format!("s1.referred.{category}"),
                            ratio(report.referral_rate(category)),
                        ),
                    ],
                })
                .collect(),
            chart: None,
        });
    }
    blocks
}

/// S2 回訪總結報告 as the page's tables.
pub fn follow_up(tr: Tr, summary: &FollowUpSummary) -> Vec<Block> {
    let measures: [(&str, &str, String); 10] = [
        ("handled", "report-handled", summary.handled.to_string()),
        (
            "not_scheduled",
            "report-not-scheduled",
            summary.not_scheduled().to_string(),
        ),
        (
            "scheduled",
            "report-scheduled",
            summary.scheduled.to_string(),
        ),
        (
            "completed",
            "report-completed",
            summary.completed.to_string(),
        ),
        (
            "exhausted",
            "report-exhausted",
            summary.exhausted.to_string(),
        ),
        ("pending", "report-pending", summary.pending().to_string()),
        (
            "members_handled",
            "report-members-handled",
            summary.members_handled.to_string(),
        ),
        (
            "coverage_percent",
            "report-coverage",
            ratio(summary.coverage()),
        ),
        (
            "member_coverage_percent",
            "report-member-coverage",
            ratio(summary.member_coverage()),
        ),
        (
            "attempts_per_completed",
            "report-attempts-per-completed",
            mean(summary.attempts_per_completed()),
        ),
    ];
    let mut blocks = vec![Block {
        caption: tr.t("report-follow-up-measures"),
        headers: vec![String::new(), tr.t("report-value")],
        rows: measures
            .into_iter()
            .map(|(key, label, value)| Line {
                head: tr.t(label),
                link: None,
                cells: vec![cell(format!("s2.{key}"), value)],
            })
            .collect(),
        chart: None,
    }];
    let levels = [
        Satisfaction::Satisfied,
        Satisfaction::Neutral,
        Satisfaction::Dissatisfied,
    ]
    .into_iter()
    .map(|level| {
        (
            format!("s2.satisfaction.{level}"),
            tr.t(&Choices::Satisfaction.message_id(&level.to_string())),
            summary.satisfaction(level),
        )
    })
    .collect();
    blocks.push(counts(
        tr,
        "chart_s2_satisfaction",
        "report-satisfaction",
        levels,
    ));
    let points = summary
        .improvement_points
        .iter()
        .map(|point| {
            (
                format!("s2.improvement.{}", point.text),
                point.text.clone(),
                point.count,
            )
        })
        .collect();
    blocks.push(counts(
        tr,
        "chart_s2_improvement",
        "report-improvement-points",
        points,
    ));
    blocks.push(Block {
        caption: tr.t("report-members-without-follow-up"),
        headers: vec![tr.t("complaint-title")],
        rows: summary
            .members_without_follow_up
            .iter()
            .map(|id| Line {
                head: id.to_string(),
                link: Some(format!("/complaints/{id}")),
                cells: Vec::new(),
            })
            .collect(),
        chart: None,
    });
    blocks
}

/// A count column of S4.
type TallyColumn = (&'static str, &'static str, fn(&DeadlineTally) -> u64);

/// The count columns of S4: the key (the core's CSV column), the message
/// id of the header, and the count.
const TALLY: [TallyColumn; 8] = [
    ("total", "report-due", |t| t.total),
    ("met_on_time", "report-met-on-time", |t| t.met_on_time),
    ("breached", "report-breached", DeadlineTally::breached),
    ("met_late", "report-met-late", |t| t.met_late),
    ("cancelled_late", "report-cancelled-late", |t| {
        t.cancelled_late
    }),
    ("still_open", "report-still-open", |t| t.still_open),
    ("pending", "report-pending", |t| t.pending),
    ("cancelled", "report-cancelled", |t| t.cancelled),
];

/// S4 故障超時記錄表 as the page's tables: the tally per deadline kind (with
/// a chart of the breaches) and the list of breaches, due times in `zone`.
pub fn breaches(tr: Tr, report: &BreachReport, zone: Zone) -> Vec<Block> {
    let mut headers = vec![tr.t("report-deadline")];
    headers.extend(TALLY.iter().map(|(_, label, _)| tr.t(label)));
    headers.push(tr.t("report-worst-overdue"));
    headers.push(tr.t("report-total-overdue"));
    let overall = report.overall();
    let rows = report
        .by_kind
        .iter()
        .map(|(kind, tally)| (kind.name(), tr.t(&deadline_id(*kind)), tally))
        .chain(std::iter::once(("all", tr.t("report-all"), &overall)))
        .map(|(name, head, tally)| {
            let mut cells: Vec<Cell> = TALLY
                .iter()
                .map(|(key, _, count)| cell(format!("s4.{name}.{key}"), count(tally)))
                .collect();
            cells.push(cell(
                format!("s4.{name}.worst_overdue_seconds"),
                duration(tally.worst_overdue_seconds),
            ));
            cells.push(cell(
                format!("s4.{name}.total_overdue_seconds"),
                duration(tally.total_overdue_seconds),
            ));
            Line {
                head,
                link: None,
                cells,
            }
        })
        .collect();
    let chart = report
        .by_kind
        .iter()
        .fold(
            BarChart::new("chart_s4_breached", tr.t("report-breached-by-kind")),
            |chart, (kind, tally)| chart.bar(tr.t(&deadline_id(*kind)), tally.breached()),
        )
        .svg(&tr.t("report-none"));
    let tallies = Block {
        caption: tr.t("report-deadlines"),
        headers,
        rows,
        chart: Some(chart),
    };
    let list = Block {
        caption: tr.t("report-breach-list"),
        headers: vec![
            tr.t("complaint-title"),
            tr.t("report-deadline"),
            tr.t("complaint-due"),
            tr.t("report-overdue-by"),
            tr.t("report-state"),
        ],
        rows: report
            .breaches
            .iter()
            .map(|line| {
                let number = line.breach.deadline.number();
                let key = |column: &str| format!("s4.breach.{}.{number}.{column}", line.complaint);
                let state = match line.breach.state {
                    BreachState::MetLate { .. } => "report-met-late",
                    BreachState::CancelledLate { .. } => "report-cancelled-late",
                    BreachState::StillOpen => "report-still-open",
                };
                Line {
                    head: line.complaint.to_string(),
                    link: Some(format!("/complaints/{}", line.complaint)),
                    cells: vec![
                        cell(
                            key("kind"),
                            format!("#{number} {}", tr.t(&deadline_id(line.breach.kind))),
                        ),
                        cell(key("due"), clock::local(line.breach.due, zone)),
                        cell(
                            key("overdue_seconds"),
                            duration(line.breach.overdue_seconds),
                        ),
                        cell(key("state"), tr.t(state)),
                    ],
                }
            })
            .collect(),
        chart: None,
    };
    vec![tallies, list]
}

/// A share as `66.7 % (2/3)` (the core's percent), `-` of nothing.
pub fn ratio(ratio: Ratio) -> String {
    match ratio.percent() {
        Some(percent) => format!("{percent} % ({}/{})", ratio.part, ratio.whole),
        None => "-".to_owned(),
    }
}

/// A mean with two decimals, rounded half up as the core's CSV rounds it
/// (`1.33`); `-` of nothing.
pub fn mean(ratio: Ratio) -> String {
    if ratio.whole == 0 {
        return "-".to_owned();
    }
    let (part, whole) = (u128::from(ratio.part), u128::from(ratio.whole));
    let hundredths = (part * 200 + whole) / (whole * 2);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// A duration in seconds for people: `45s`, `3m 05s`, `2h 00m`, `1d 04h 30m`.
pub fn duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let total = seconds.unsigned_abs();
    let (days, hours, minutes, secs) = (
        total / 86_400,
        total % 86_400 / 3_600,
        total % 3_600 / 60,
        total % 60,
    );
    if days > 0 {
        format!("{sign}{days}d {hours:02}h {minutes:02}m")
    } else if hours > 0 {
        format!("{sign}{hours}h {minutes:02}m")
    } else if minutes > 0 {
        format!("{sign}{minutes}m {secs:02}s")
    } else {
        format!("{sign}{secs}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_days_hours_minutes_and_seconds() {
        assert_eq!(duration(45), "45s");
        assert_eq!(duration(185), "3m 05s");
        assert_eq!(duration(7_200), "2h 00m");
        assert_eq!(duration(102_600), "1d 04h 30m");
        assert_eq!(duration(-60), "-1m 00s");
    }

    #[test]
    fn a_mean_is_rounded_half_up_to_two_decimals() {
        let of = |part, whole| mean(Ratio { part, whole });
        assert_eq!(of(4, 3), "1.33");
        assert_eq!(of(9, 8), "1.13", "1.125 rounds up");
        assert_eq!(of(2, 1), "2.00");
        assert_eq!(of(0, 0), "-");
    }
}
