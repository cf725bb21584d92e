//! S4 故障超時記錄表: [`BreachReport`], the deadlines due in a period, how
//! many were met on time and how many missed (T7), by how much, the list of
//! misses, and (W1) the ones at risk: warned, not missed yet.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::period::{Period, merge_periods, rfc3339};
use super::text::{self, Align, Table};
use crate::record::ComplaintRecord;
use crate::time::{
    AlarmState, Breach, BreachState, Deadline, DeadlineId, DeadlineKind, DeadlineStatus,
};
use crate::values::ComplaintId;

/// S4: the deadlines of one kind due in the report's periods, by how they stand.
///
/// `total` is the sum of the six counts: met on time, the three kinds of
/// breach (met late, cancelled late, still open past due), still open and
/// not due yet (pending), and cancelled before they were due. `at_risk`
/// (W1) counts the pending ones whose warning has fallen: a part of
/// `pending`, not a seventh count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeadlineTally {
    /// Deadlines of this kind due in the periods.
    pub total: u64,
    /// Met by their due time.
    pub met_on_time: u64,
    /// T7: met after their due time.
    pub met_late: u64,
    /// T7: cancelled (the complaint withdrawn or closed) after their due time.
    pub cancelled_late: u64,
    /// T7: still open (or paused) past their due time as of the report's time.
    pub still_open: u64,
    /// Still open (or paused) and not due yet as of the report's time.
    pub pending: u64,
    /// W1: of the pending, the ones at risk as of the report's time: running
    /// past their warning time (a paused deadline does not warn).
    #[serde(default)]
    pub at_risk: u64,
    /// Cancelled before they were due: no longer needed, not a breach.
    pub cancelled: u64,
    /// The longest miss, in seconds; zero without a breach.
    pub worst_overdue_seconds: i64,
    /// All misses added up, in seconds.
    pub total_overdue_seconds: i64,
}

impl DeadlineTally {
    /// T7: the breaches: met late, cancelled late or still open past due.
    #[must_use]
    pub fn breached(&self) -> u64 {
        self.met_late + self.cancelled_late + self.still_open
    }

    /// The tally of two disjoint sets of deadlines: counts add up, the worst
    /// overdue is the worse of the two.
    fn merge(self, other: DeadlineTally) -> DeadlineTally {
        DeadlineTally {
            total: self.total + other.total,
            met_on_time: self.met_on_time + other.met_on_time,
            met_late: self.met_late + other.met_late,
            cancelled_late: self.cancelled_late + other.cancelled_late,
            still_open: self.still_open + other.still_open,
            pending: self.pending + other.pending,
            at_risk: self.at_risk + other.at_risk,
            cancelled: self.cancelled + other.cancelled,
            worst_overdue_seconds: self.worst_overdue_seconds.max(other.worst_overdue_seconds),
            total_overdue_seconds: self
                .total_overdue_seconds
                .saturating_add(other.total_overdue_seconds),
        }
    }
}

/// A count column of S4: its CSV name, its text name, and the count.
type CountColumn = (&'static str, &'static str, fn(&DeadlineTally) -> u64);

/// The counts of a tally as S4 shows them, written once for the CSV and the
/// text: the CSV column, the text column, and the count.
const COUNT_COLUMNS: [CountColumn; 9] = [
    ("total", "due", |tally| tally.total),
    ("met_on_time", "on time", |tally| tally.met_on_time),
    ("breached", "breached", DeadlineTally::breached),
    ("met_late", "met late", |tally| tally.met_late),
    ("cancelled_late", "cancelled late", |tally| {
        tally.cancelled_late
    }),
    ("still_open", "still open", |tally| tally.still_open),
    ("pending", "pending", |tally| tally.pending),
    ("at_risk", "at risk", |tally| tally.at_risk),
    ("cancelled", "cancelled", |tally| tally.cancelled),
];

/// The header of a tally table: the first column, the counts, then `last`.
fn tally_columns(
    first: &'static str,
    text: bool,
    last: &[&'static str],
) -> Vec<(&'static str, Align)> {
    let counts = COUNT_COLUMNS
        .iter()
        .map(|&(csv, words, _)| (if text { words } else { csv }, Align::Right));
    std::iter::once((first, Align::Left))
        .chain(counts)
        .chain(last.iter().map(|&name| (name, Align::Right)))
        .collect()
}

/// A row of a tally table: `name`, the counts, then `last`.
fn tally_row(
    name: &str,
    tally: &DeadlineTally,
    last: impl IntoIterator<Item = String>,
) -> Vec<String> {
    std::iter::once(name.to_owned())
        .chain(
            COUNT_COLUMNS
                .iter()
                .map(|(_, _, count)| count(tally).to_string()),
        )
        .chain(last)
        .collect()
}

/// S4, T7: one missed deadline and its complaint.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BreachLine {
    /// The complaint.
    pub complaint: ComplaintId,
    /// Which deadline, when it was due, by how long it was missed, how it ended.
    pub breach: Breach,
}

/// S4, W1: a deadline at risk as of the report's time: running past its
/// warning time, not due yet.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AtRiskLine {
    /// The complaint.
    pub complaint: ComplaintId,
    /// The deadline's number within its complaint.
    pub deadline: DeadlineId,
    /// What it is for.
    pub kind: DeadlineKind,
    /// When it warned.
    pub warned_at: DateTime<Utc>,
    /// When it is due.
    pub due: DateTime<Utc>,
}

impl AtRiskLine {
    /// The line of `deadline` of `complaint`, if it is at risk at `now`.
    fn of(complaint: ComplaintId, deadline: &Deadline, now: DateTime<Utc>) -> Option<Self> {
        if deadline.alarm_state(now) != AlarmState::AtRisk {
            return None;
        }
        Some(AtRiskLine {
            complaint,
            deadline: deadline.id(),
            kind: deadline.kind(),
            warned_at: deadline.warns_at()?,
            due: deadline.due(),
        })
    }
}

/// S4 故障超時記錄表 (T7): the binding deadlines due in a period, per
/// deadline kind, the list of the ones missed, and (W1) the list of the
/// ones at risk.
///
/// A deadline belongs to the period in which it is due ([`Deadline::due`](crate::deadline::Deadline::due),
/// after extensions). Whether it was missed is judged as of `as_of` (the
/// `now` given): a deadline still open past due then is a breach by the
/// time up to `as_of`. The summary-resolution window
/// ([`DeadlineKind::SummaryResolution`]) is not binding and is left out.
///
/// The breaches and the deadlines at risk are listed by due time, then
/// complaint, then deadline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BreachReport {
    /// The periods covered.
    pub periods: Vec<Period>,
    /// The time the open deadlines are judged at.
    pub as_of: DateTime<Utc>,
    /// The deadlines due in the periods, per kind (only the kinds that occur).
    pub by_kind: BTreeMap<DeadlineKind, DeadlineTally>,
    /// T7: every deadline due in the periods and missed.
    pub breaches: Vec<BreachLine>,
    /// W1: every deadline due in the periods and at risk as of `as_of`.
    #[serde(default)]
    pub at_risk: Vec<AtRiskLine>,
}

impl BreachReport {
    /// S4: the report over the binding deadlines due in `period`, judged as
    /// of `now`, in one pass over the records' deadlines and one sort of the
    /// breaches.
    pub fn compute<'a>(
        records: impl IntoIterator<Item = &'a ComplaintRecord>,
        period: &Period,
        now: DateTime<Utc>,
    ) -> Self {
        let mut report = BreachReport {
            periods: vec![*period],
            as_of: now,
            ..BreachReport::default()
        };
        for record in records {
            for deadline in record.deadlines() {
                if !deadline.kind().is_binding() || !period.contains(deadline.due()) {
                    continue;
                }
                let tally = report.by_kind.entry(deadline.kind()).or_default();
                tally.total += 1;
                match deadline.breach(now) {
                    Some(breach) => {
                        match breach.state {
                            BreachState::MetLate { .. } => tally.met_late += 1,
                            BreachState::CancelledLate { .. } => tally.cancelled_late += 1,
                            BreachState::StillOpen => tally.still_open += 1,
                        }
                        tally.worst_overdue_seconds =
                            tally.worst_overdue_seconds.max(breach.overdue_seconds);
                        tally.total_overdue_seconds = tally
                            .total_overdue_seconds
                            .saturating_add(breach.overdue_seconds);
                        report.breaches.push(BreachLine {
                            complaint: record.id(),
                            breach,
                        });
                    }
                    None => match deadline.status() {
                        DeadlineStatus::Met { .. } => tally.met_on_time += 1,
                        DeadlineStatus::Cancelled { .. } => tally.cancelled += 1,
                        DeadlineStatus::Open | DeadlineStatus::Paused { .. } => {
                            tally.pending += 1;
                            if let Some(line) = AtRiskLine::of(record.id(), deadline, now) {
                                tally.at_risk += 1;
                                report.at_risk.push(line);
                            }
                        }
                    },
                }
            }
        }
        report.breaches.sort_by_key(order);
        report.at_risk.sort_by_key(risk_order);
        report
    }

    /// S4, S3: the report over both reports' deadlines; meant for disjoint
    /// periods judged at the same time (the merged report takes the later
    /// `as_of`). The report over two adjacent periods equals the merge of
    /// their reports.
    #[must_use]
    pub fn merge(self, other: BreachReport) -> BreachReport {
        let mut by_kind = self.by_kind;
        for (kind, tally) in other.by_kind {
            let mine = by_kind.remove(&kind).unwrap_or_default();
            by_kind.insert(kind, mine.merge(tally));
        }
        let mut breaches = self.breaches;
        breaches.extend(other.breaches);
        breaches.sort_by_key(order);
        let mut at_risk = self.at_risk;
        at_risk.extend(other.at_risk);
        at_risk.sort_by_key(risk_order);
        BreachReport {
            periods: merge_periods(self.periods, other.periods),
            as_of: self.as_of.max(other.as_of),
            by_kind,
            breaches,
            at_risk,
        }
    }

    /// The tally of one kind (all zero when no deadline of that kind was due).
    #[must_use]
    pub fn tally(&self, kind: DeadlineKind) -> DeadlineTally {
        self.by_kind.get(&kind).copied().unwrap_or_default()
    }

    /// The tallies of every kind added up.
    #[must_use]
    pub fn overall(&self) -> DeadlineTally {
        self.by_kind
            .values()
            .fold(DeadlineTally::default(), |sum, tally| sum.merge(*tally))
    }

    /// S4 as CSV (RFC 4180): one row per deadline kind,
    /// `kind,total,met_on_time,breached,met_late,cancelled_late,still_open,pending,at_risk,cancelled,worst_overdue_seconds,total_overdue_seconds`.
    /// The list of breaches is [`breaches_to_csv`](Self::breaches_to_csv),
    /// the list of deadlines at risk [`at_risk_to_csv`](Self::at_risk_to_csv).
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut table = Table::new(&tally_columns(
            "kind",
            false,
            &["worst_overdue_seconds", "total_overdue_seconds"],
        ));
        for (kind, tally) in &self.by_kind {
            table.push(tally_row(
                kind.name(),
                tally,
                [
                    tally.worst_overdue_seconds.to_string(),
                    tally.total_overdue_seconds.to_string(),
                ],
            ));
        }
        table.to_csv()
    }

    /// T7 as CSV (RFC 4180): one row per breach,
    /// `complaint,deadline,kind,due,overdue_seconds,state,ended_at`
    /// (`ended_at` empty for a deadline still open).
    #[must_use]
    pub fn breaches_to_csv(&self) -> String {
        let mut table = Table::new(&[
            ("complaint", Align::Left),
            ("deadline", Align::Right),
            ("kind", Align::Left),
            ("due", Align::Left),
            ("overdue_seconds", Align::Right),
            ("state", Align::Left),
            ("ended_at", Align::Left),
        ]);
        for line in &self.breaches {
            let (state, ended) = state_of(line.breach.state);
            table.push(vec![
                line.complaint.to_string(),
                line.breach.deadline.number().to_string(),
                line.breach.kind.name().to_owned(),
                rfc3339(line.breach.due),
                line.breach.overdue_seconds.to_string(),
                state.to_owned(),
                ended.map(rfc3339).unwrap_or_default(),
            ]);
        }
        table.to_csv()
    }
}

impl BreachReport {
    /// W1 as CSV (RFC 4180): one row per deadline at risk,
    /// `complaint,deadline,kind,warned_at,due`.
    #[must_use]
    pub fn at_risk_to_csv(&self) -> String {
        let mut table = Table::new(&[
            ("complaint", Align::Left),
            ("deadline", Align::Right),
            ("kind", Align::Left),
            ("warned_at", Align::Left),
            ("due", Align::Left),
        ]);
        for line in &self.at_risk {
            table.push(vec![
                line.complaint.to_string(),
                line.deadline.number().to_string(),
                line.kind.name().to_owned(),
                rfc3339(line.warned_at),
                rfc3339(line.due),
            ]);
        }
        table.to_csv()
    }
}

fn risk_order(line: &AtRiskLine) -> (DateTime<Utc>, ComplaintId, u32) {
    (line.due, line.complaint, line.deadline.number())
}

fn order(line: &BreachLine) -> (DateTime<Utc>, ComplaintId, u32) {
    (
        line.breach.due,
        line.complaint,
        line.breach.deadline.number(),
    )
}

/// How a breach ended: its name and when, if it did.
fn state_of(state: BreachState) -> (&'static str, Option<DateTime<Utc>>) {
    match state {
        BreachState::MetLate { at } => ("met_late", Some(at)),
        BreachState::CancelledLate { at } => ("cancelled_late", Some(at)),
        BreachState::StillOpen => ("still_open", None),
    }
}

impl fmt::Display for BreachReport {
    /// S4 as plain text: a row per deadline kind and a total row, then the
    /// breaches.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "S4 deadline breaches, due in {}, as of {}",
            text::periods(&self.periods),
            rfc3339(self.as_of)
        )?;
        writeln!(f)?;
        let mut kinds = Table::new(&tally_columns("deadline", true, &["worst overdue"]));
        let overall = self.overall();
        let rows = self
            .by_kind
            .iter()
            .map(|(kind, tally)| (kind.name(), tally))
            .chain(std::iter::once(("total", &overall)));
        for (name, tally) in rows {
            let worst = if tally.breached() > 0 {
                text::duration(tally.worst_overdue_seconds)
            } else {
                "-".to_owned()
            };
            kinds.push(tally_row(name, tally, [worst]));
        }
        kinds.write_text(f)?;
        writeln!(f)?;
        if self.breaches.is_empty() {
            writeln!(f, "breaches (T7): none")?;
            return self.write_at_risk(f);
        }
        let mut breaches = Table::new(&[
            ("complaint", Align::Left),
            ("deadline", Align::Right),
            ("kind", Align::Left),
            ("due", Align::Left),
            ("overdue", Align::Right),
            ("state", Align::Left),
        ]);
        for line in &self.breaches {
            breaches.push(vec![
                line.complaint.to_string(),
                line.breach.deadline.to_string(),
                line.breach.kind.name().to_owned(),
                rfc3339(line.breach.due),
                text::duration(line.breach.overdue_seconds),
                state_of(line.breach.state).0.to_owned(),
            ]);
        }
        breaches.write_text(f)?;
        self.write_at_risk(f)
    }
}

impl BreachReport {
    /// W1: the text section of the deadlines at risk, after a blank line.
    fn write_at_risk(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f)?;
        if self.at_risk.is_empty() {
            return writeln!(f, "at risk (W1): none");
        }
        let mut lines = Table::new(&[
            ("complaint", Align::Left),
            ("deadline", Align::Right),
            ("kind", Align::Left),
            ("warned", Align::Left),
            ("due", Align::Left),
        ]);
        for line in &self.at_risk {
            lines.push(vec![
                line.complaint.to_string(),
                line.deadline.to_string(),
                line.kind.name().to_owned(),
                rfc3339(line.warned_at),
                rfc3339(line.due),
            ]);
        }
        lines.write_text(f)
    }
}
