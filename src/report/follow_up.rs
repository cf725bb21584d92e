//! S2 回訪總結報告: [`FollowUpSummary`], the follow-ups of a period: coverage
//! of all handled complaints and of members (F5), attempts, satisfaction
//! (F3), and the improvement points customers named.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::classification::add;
use super::period::{Period, merge_periods};
use super::text::{self, Align, Ratio, Table};
use crate::lifecycle::{FollowUpStageKind, Satisfaction};
use crate::record::ComplaintRecord;
use crate::values::ComplaintId;

/// S2, F3: what customers asked to improve, grouped by the same text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImprovementPoint {
    /// The text, normalized: trimmed, every run of white space made one
    /// space, lower case.
    pub text: String,
    /// How many follow-ups named it.
    pub count: u64,
}

/// S2 回訪總結報告 (F2): the follow-ups of the complaints handled (a remedy
/// executed, a dismissal replied or a resolution on the first contact) in
/// the current handling round.
///
/// # Which period a complaint belongs to
///
/// A handled complaint is counted once, in the period in which its
/// follow-up was done (the record completed, or given up after every
/// attempt, F5); while its follow-up is not done, or when none was scheduled,
/// in the period in which it was handled (when the follow-up is scheduled,
/// F7). A summary made later therefore moves a pending follow-up to the
/// period in which it was done.
///
/// # Coverage
///
/// [`coverage`](Self::coverage) is the handled complaints whose follow-up is
/// done (completed or exhausted) over all handled complaints;
/// [`member_coverage`](Self::member_coverage) the same for members, which F5
/// requires to be 100 %. The members short of it are listed in
/// [`members_without_follow_up`](Self::members_without_follow_up).
///
/// # Improvement points
///
/// The F3 texts of the neutral and dissatisfied outcomes (what to improve),
/// grouped by their normalized text (trimmed, white space collapsed, lower
/// case), most frequent first, then alphabetically. Satisfied customers'
/// suggestions are not improvement points.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FollowUpSummary {
    /// The periods covered.
    pub periods: Vec<Period>,
    /// Handled complaints counted in the periods.
    pub handled: u64,
    /// Of those, the ones with a follow-up scheduled (F7).
    pub scheduled: u64,
    /// Follow-ups completed with a record (F2).
    pub completed: u64,
    /// Follow-ups given up after every allowed attempt (F5).
    pub exhausted: u64,
    /// Handled complaints of members.
    pub members_handled: u64,
    /// Of those, the ones whose follow-up is done (completed or exhausted).
    pub members_done: u64,
    /// Completed follow-ups by the number of attempts they took.
    pub attempts: BTreeMap<u32, u64>,
    /// Completed follow-ups by satisfaction (F3).
    pub satisfaction: BTreeMap<Satisfaction, u64>,
    /// F3: what neutral and dissatisfied customers asked to improve, most frequent first.
    pub improvement_points: Vec<ImprovementPoint>,
    /// F5: members' handled complaints whose follow-up is not done, sorted.
    pub members_without_follow_up: Vec<ComplaintId>,
}

impl FollowUpSummary {
    /// S2: the summary over the handled complaints counted in `period` (see
    /// the type's docs), in one pass over the records and their entries.
    pub fn compute<'a>(
        records: impl IntoIterator<Item = &'a ComplaintRecord>,
        period: &Period,
    ) -> Self {
        let mut summary = FollowUpSummary {
            periods: vec![*period],
            ..FollowUpSummary::default()
        };
        let mut points: BTreeMap<String, u64> = BTreeMap::new();
        for record in records {
            let Some(handled_at) = record.handled_at() else {
                continue;
            };
            let status = record.follow_up();
            let done_at = status.and_then(|status| status.done_at());
            let done = status.is_some_and(|status| status.stage().is_done());
            let counted_at = if done {
                done_at.unwrap_or(handled_at)
            } else {
                handled_at
            };
            if !period.contains(counted_at) {
                continue;
            }
            summary.handled += 1;
            let member = record.complainant().member;
            if member {
                summary.members_handled += 1;
                if done {
                    summary.members_done += 1;
                } else {
                    summary.members_without_follow_up.push(record.id());
                }
            }
            let Some(status) = status else {
                continue;
            };
            summary.scheduled += 1;
            match status.stage() {
                FollowUpStageKind::Completed => {
                    summary.completed += 1;
                    *summary.attempts.entry(status.attempts()).or_default() += 1;
                    if let Some(record) = record.follow_up_record() {
                        let satisfaction = record.outcome.satisfaction();
                        *summary.satisfaction.entry(satisfaction).or_default() += 1;
                        if satisfaction != Satisfaction::Satisfied {
                            *points.entry(normalize(record.outcome.text())).or_default() += 1;
                        }
                    }
                }
                FollowUpStageKind::Exhausted => summary.exhausted += 1,
                FollowUpStageKind::Scheduled | FollowUpStageKind::Attempted => {}
            }
        }
        summary.members_without_follow_up.sort_unstable();
        summary.improvement_points = ranked(points);
        summary
    }

    /// S2, S3: the summary over both summaries' complaints; meant for
    /// disjoint periods. The summary over two adjacent periods equals the
    /// merge of their summaries.
    #[must_use]
    pub fn merge(self, other: FollowUpSummary) -> FollowUpSummary {
        let mut points: BTreeMap<String, u64> = BTreeMap::new();
        for point in self
            .improvement_points
            .into_iter()
            .chain(other.improvement_points)
        {
            *points.entry(point.text).or_default() += point.count;
        }
        let mut members_without_follow_up = self.members_without_follow_up;
        members_without_follow_up.extend(other.members_without_follow_up);
        members_without_follow_up.sort_unstable();
        FollowUpSummary {
            periods: merge_periods(self.periods, other.periods),
            handled: self.handled + other.handled,
            scheduled: self.scheduled + other.scheduled,
            completed: self.completed + other.completed,
            exhausted: self.exhausted + other.exhausted,
            members_handled: self.members_handled + other.members_handled,
            members_done: self.members_done + other.members_done,
            attempts: add(self.attempts, other.attempts),
            satisfaction: add(self.satisfaction, other.satisfaction),
            improvement_points: ranked(points),
            members_without_follow_up,
        }
    }

    /// Follow-ups done: completed or exhausted (F5).
    #[must_use]
    pub fn done(&self) -> u64 {
        self.completed + self.exhausted
    }

    /// Follow-ups scheduled and not done yet.
    #[must_use]
    pub fn pending(&self) -> u64 {
        self.scheduled.saturating_sub(self.done())
    }

    /// Handled complaints without a follow-up (a non-member's, when the
    /// policy follows up members only).
    #[must_use]
    pub fn not_scheduled(&self) -> u64 {
        self.handled.saturating_sub(self.scheduled)
    }

    /// S2: handled complaints whose follow-up is done, of all handled complaints.
    #[must_use]
    pub fn coverage(&self) -> Ratio {
        Ratio {
            part: self.done(),
            whole: self.handled,
        }
    }

    /// S2, F5: members' handled complaints whose follow-up is done, of all
    /// members' handled complaints; F5 requires 100 %.
    #[must_use]
    pub fn member_coverage(&self) -> Ratio {
        Ratio {
            part: self.members_done,
            whole: self.members_handled,
        }
    }

    /// The attempts all completed follow-ups took together.
    #[must_use]
    pub fn total_attempts(&self) -> u64 {
        self.attempts
            .iter()
            .map(|(&attempts, &count)| u64::from(attempts).saturating_mul(count))
            .sum()
    }

    /// Attempts per completed follow-up: all their attempts over their number
    /// (a whole of zero when none was completed).
    #[must_use]
    pub fn attempts_per_completed(&self) -> Ratio {
        Ratio {
            part: self.total_attempts(),
            whole: self.completed,
        }
    }

    /// How many completed follow-ups had this satisfaction (zero when none).
    #[must_use]
    pub fn satisfaction(&self, satisfaction: Satisfaction) -> u64 {
        self.satisfaction.get(&satisfaction).copied().unwrap_or(0)
    }

    /// The measures as `(key, value)` rows, shared by the text and CSV forms.
    fn measures(&self) -> Vec<(&'static str, String)> {
        vec![
            ("handled", self.handled.to_string()),
            ("not_scheduled", self.not_scheduled().to_string()),
            ("scheduled", self.scheduled.to_string()),
            ("completed", self.completed.to_string()),
            ("exhausted", self.exhausted.to_string()),
            ("pending", self.pending().to_string()),
            ("members_handled", self.members_handled.to_string()),
            ("members_done", self.members_done.to_string()),
            (
                "coverage_percent",
                self.coverage().percent().unwrap_or_default(),
            ),
            (
                "member_coverage_percent",
                self.member_coverage().percent().unwrap_or_default(),
            ),
            (
                "attempts_per_completed",
                mean(self.attempts_per_completed()).unwrap_or_default(),
            ),
        ]
    }

    /// S2 as CSV (RFC 4180), one table `section,key,value`: the period
    /// (`period,,<start>/<end>`), the measures (`measure,coverage_percent,80.0`),
    /// the attempts (`attempts,2,1`: one completed follow-up took two), the
    /// satisfaction levels, the improvement points (`improvement,<text>,2`) and
    /// the members without a done follow-up (`member_without_follow_up,<id>,`).
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut table = Table::new(&[
            ("section", Align::Left),
            ("key", Align::Left),
            ("value", Align::Right),
        ]);
        for period in &self.periods {
            table.push(vec!["period".into(), String::new(), period.to_string()]);
        }
        for (key, value) in self.measures() {
            table.push(vec!["measure".into(), key.into(), value]);
        }
        for (attempts, count) in &self.attempts {
            table.push(vec![
                "attempts".into(),
                attempts.to_string(),
                count.to_string(),
            ]);
        }
        for level in SATISFACTION {
            table.push(vec![
                "satisfaction".into(),
                level.to_string(),
                self.satisfaction(level).to_string(),
            ]);
        }
        for point in &self.improvement_points {
            table.push(vec![
                "improvement".into(),
                point.text.clone(),
                point.count.to_string(),
            ]);
        }
        for id in &self.members_without_follow_up {
            table.push(vec!["member_without_follow_up".into(), id.to_string()]);
        }
        table.to_csv()
    }
}

/// F3's levels, in the order the reports list them.
const SATISFACTION: [Satisfaction; 3] = [
    Satisfaction::Satisfied,
    Satisfaction::Neutral,
    Satisfaction::Dissatisfied,
];

/// F3 texts grouped: trimmed, white space collapsed, lower case.
fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The grouped texts, most frequent first, then alphabetically.
fn ranked(points: BTreeMap<String, u64>) -> Vec<ImprovementPoint> {
    let mut ranked: Vec<ImprovementPoint> = points
        .into_iter()
        .map(|(text, count)| ImprovementPoint { text, count })
        .collect();
    // Stable: equal counts keep the map's alphabetical order.
    ranked.sort_by_key(|point| std::cmp::Reverse(point.count));
    ranked
}

/// A mean with two decimals: `1.33`.
fn mean(ratio: Ratio) -> Option<String> {
    text::decimal(ratio.part, ratio.whole, 2)
}

impl fmt::Display for FollowUpSummary {
    /// S2 as plain text: the measures, the satisfaction levels, the
    /// improvement points and the members without a done follow-up.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "S2 follow-up summary, done (or handled, when not done) in {}",
            text::periods(&self.periods)
        )?;
        writeln!(f)?;
        let mut measures = Table::new(&[("measure", Align::Left), ("value", Align::Right)]);
        let rows = [
            ("handled complaints", self.handled.to_string()),
            (
                "  follow-up not scheduled",
                self.not_scheduled().to_string(),
            ),
            ("  follow-up scheduled", self.scheduled.to_string()),
            ("    completed", self.completed.to_string()),
            ("    exhausted (F5)", self.exhausted.to_string()),
            ("    pending", self.pending().to_string()),
            ("coverage (done / handled)", self.coverage().to_string()),
            ("members handled", self.members_handled.to_string()),
            (
                "member coverage (F5: 100 %)",
                self.member_coverage().to_string(),
            ),
            (
                "attempts per completed follow-up",
                mean(self.attempts_per_completed()).unwrap_or_else(|| "-".into()),
            ),
        ];
        for (measure, value) in rows {
            measures.push(vec![measure.to_owned(), value]);
        }
        measures.write_text(f)?;
        writeln!(f)?;
        let mut levels = Table::new(&[("satisfaction (F3)", Align::Left), ("count", Align::Right)]);
        for level in SATISFACTION {
            levels.push(vec![
                level.to_string(),
                self.satisfaction(level).to_string(),
            ]);
        }
        levels.write_text(f)?;
        writeln!(f)?;
        let mut points = Table::new(&[("improvement point", Align::Left), ("count", Align::Right)]);
        for point in &self.improvement_points {
            points.push(vec![point.text.clone(), point.count.to_string()]);
        }
        if points.is_empty() {
            writeln!(f, "improvement points: none")?;
        } else {
            points.write_text(f)?;
        }
        writeln!(f)?;
        if self.members_without_follow_up.is_empty() {
            writeln!(f, "members without a done follow-up (F5): none")
        } else {
            let mut members = Table::new(&[("members without a done follow-up (F5)", Align::Left)]);
            for id in &self.members_without_follow_up {
                members.push(vec![id.to_string()]);
            }
            members.write_text(f)
        }
    }
}
