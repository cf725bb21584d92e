//! S1 顧客投訴分類統計表: [`ClassificationReport`], the complaints received in
//! a period counted by category, severity, channel, outcome, responsible
//! department and root cause, with the time from receipt to each milestone,
//! (D1, D2) the disputes and referrals of each category, and (W6) where each
//! category's time went.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::durations::Durations;
use super::period::{Period, merge_periods};
use super::recourse::{self, Recourse};
use super::text::{self, Align, Ratio, Table};
use super::time_spent::{self, Clock, TimeMeasure, TimeSpent};
use crate::lifecycle::{Event, RootCause};
use crate::record::{ComplaintRecord, Verdict};
use crate::time::{BusinessCalendar, CalendarError};
use crate::values::{Category, Channel, Department, Severity};

/// S1: how a complaint ended, as far as its history goes.
///
/// Read from the current handling round (a reopened complaint is open again):
///
/// - [`Open`](Self::Open): the stage is still open (accepted to approved);
/// - [`Withdrawn`](Self::Withdrawn): the customer withdrew it;
/// - [`Dismissed`](Self::Dismissed): judged not established (R2);
/// - [`Upheld`](Self::Upheld): judged established (R2), or resolved on the
///   first contact (T5), whatever came after (executed, reviewed, closed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintOutcome {
    /// Judged established, or resolved on the first contact (T5).
    Upheld,
    /// Judged not established (R2).
    Dismissed,
    /// Withdrawn by the customer.
    Withdrawn,
    /// Still being handled.
    Open,
}

impl ComplaintOutcome {
    /// Every outcome, in the order the reports list them.
    pub const ALL: [ComplaintOutcome; 4] = [
        ComplaintOutcome::Upheld,
        ComplaintOutcome::Dismissed,
        ComplaintOutcome::Withdrawn,
        ComplaintOutcome::Open,
    ];

    /// S1: the outcome of `record`; every complaint has exactly one.
    #[must_use]
    pub fn of(record: &ComplaintRecord) -> ComplaintOutcome {
        if record.stage().is_open() {
            return ComplaintOutcome::Open;
        }
        if record.withdrawal().is_some() {
            return ComplaintOutcome::Withdrawn;
        }
        match record.judgment() {
            Some(Verdict::Dismissed(_)) => ComplaintOutcome::Dismissed,
            Some(Verdict::Upheld(_)) => ComplaintOutcome::Upheld,
            None if record.fast_resolution().is_some() => ComplaintOutcome::Upheld,
            // No stage past the open ones is reached without one of the
            // facts above; a history that somehow lacks them is still open.
            None => ComplaintOutcome::Open,
        }
    }

    /// The snake-case name used in the stored format and the reports.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            ComplaintOutcome::Upheld => "upheld",
            ComplaintOutcome::Dismissed => "dismissed",
            ComplaintOutcome::Withdrawn => "withdrawn",
            ComplaintOutcome::Open => "open",
        }
    }
}

impl fmt::Display for ComplaintOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// S1: a point of the handling whose time from receipt the report measures.
///
/// Each is reached at the first entry of the history that reaches it, in any
/// handling round: a reopened complaint keeps the times of its first round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    /// R2: judged, upheld or dismissed, or resolved on the first contact (T5).
    Judged,
    /// R3: the findings recorded.
    Investigated,
    /// R4: a remedy approved by a supervisor.
    Approved,
    /// R5: the remedy executed, or resolved on the first contact (T5).
    Executed,
    /// R6: the handling reviewed.
    Reviewed,
    /// R7: closed and archived.
    Closed,
}

impl Milestone {
    /// Every milestone, in lifecycle order.
    pub const ALL: [Milestone; 6] = [
        Milestone::Judged,
        Milestone::Investigated,
        Milestone::Approved,
        Milestone::Executed,
        Milestone::Reviewed,
        Milestone::Closed,
    ];

    /// The snake-case name used in the stored format and the reports.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Milestone::Judged => "judged",
            Milestone::Investigated => "investigated",
            Milestone::Approved => "approved",
            Milestone::Executed => "executed",
            Milestone::Reviewed => "reviewed",
            Milestone::Closed => "closed",
        }
    }

    /// The milestones an event reaches.
    fn reached_by(event: &Event) -> &'static [Milestone] {
        match event {
            Event::Uphold(_) | Event::Dismiss(_) => &[Milestone::Judged],
            Event::ResolveOnFirstContact(_) => &[Milestone::Judged, Milestone::Executed],
            Event::Investigate(_) => &[Milestone::Investigated],
            Event::Approve(_) => &[Milestone::Approved],
            Event::Execute(_) => &[Milestone::Executed],
            Event::Review(_) => &[Milestone::Reviewed],
            Event::Close(_) => &[Milestone::Closed],
            Event::Accept(_)
            | Event::Propose(_)
            | Event::ChooseRemedy(_)
            | Event::Decline(_)
            | Event::Reopen(_)
            | Event::Dispute(_)
            | Event::Refer(_)
            | Event::RecordReferralOutcome(_)
            | Event::Withdraw(_)
            | Event::AddNote(_)
            | Event::Contact(_)
            | Event::Assign(_)
            | Event::Transfer(_)
            | Event::AwaitCustomer(_)
            | Event::CustomerReplied(_)
            | Event::ProgressUpdate(_)
            | Event::AwaitThirdParty(_)
            | Event::ThirdPartyReplied(_)
            | Event::Reclassify(_)
            | Event::ExtendDeadline(_)
            | Event::RaiseAlarm(_)
            | Event::Escalate(_)
            | Event::RepeatContact(_)
            | Event::Handover(_)
            | Event::AttemptFollowUp(_)
            | Event::RescheduleFollowUp(_)
            | Event::CompleteFollowUp(_)
            | Event::GiveUpFollowUp(_)
            | Event::PersonalDataErased(_)
            | Event::Redact(_) => &[],
        }
    }
}

impl fmt::Display for Milestone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// S1 顧客投訴分類統計表: the complaints received in a period, counted by
/// category, severity, channel, outcome, responsible department and root
/// cause, with the median and 90th percentile time from receipt to each
/// milestone (R6: the review's statistics).
///
/// A complaint belongs to the period in which it was received
/// ([`ComplaintRecord::received_at`]); its outcome, department, root cause
/// and milestones are read from the history as given, so a November report
/// made in December shows what became of November's complaints.
///
/// The counting maps hold only the values that occur. The department and
/// the root cause are counted for the complaints that have one (upheld ones,
/// investigated ones); the text and CSV forms add a `(none)` row for the rest.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use complaint_workflow::event::{Accept, Dismiss};
/// use complaint_workflow::report::{
///     ClassificationReport, ComplaintOutcome, Durations, Milestone, Period,
/// };
/// use complaint_workflow::time::Zone;
/// use complaint_workflow::*;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let policy = Policy::default();
/// let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
/// let agent = Context::new(Actor::agent("agent-7"), t0, &policy);
/// let mut record = ComplaintRecord::accept(
///     Accept {
///         complainant: Complainant::member("customer-42"),
///         received_at: t0,
///         channel: Channel::Phone,
///         content: "The parcel arrived broken".into(),
///         category: Category::new("delivery"),
///         severity: Severity::Medium,
///     },
///     &agent,
/// )?;
/// record.apply(
///     Dismiss { reply: "The box was opened by the customer".into() },
///     &agent.at(t0 + chrono::Duration::minutes(30)),
/// )?;
///
/// let november = Period::month(2026, 11, Zone::Utc)?;
/// let report = ClassificationReport::compute([&record], &november);
/// assert_eq!(report.complaints, 1);
/// assert_eq!(report.outcome(ComplaintOutcome::Dismissed), 1);
/// assert_eq!(report.time_to(Milestone::Judged).and_then(Durations::median), Some(1_800));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClassificationReport {
    /// The periods covered (one; more after merging reports of periods that do not touch).
    pub periods: Vec<Period>,
    /// How many complaints were received in the periods.
    pub complaints: u64,
    /// By subject classification.
    pub by_category: BTreeMap<Category, u64>,
    /// By severity (E1).
    pub by_severity: BTreeMap<Severity, u64>,
    /// By channel.
    pub by_channel: BTreeMap<Channel, u64>,
    /// By outcome; every complaint has exactly one.
    pub by_outcome: BTreeMap<ComplaintOutcome, u64>,
    /// By responsible department (R2), for the complaints that have one.
    pub by_department: BTreeMap<Department, u64>,
    /// By root cause (R3), for the complaints investigated.
    pub by_root_cause: BTreeMap<RootCause, u64>,
    /// The time from receipt to each milestone, for the complaints that reached it.
    pub time_to: BTreeMap<Milestone, Durations>,
    /// D1, D2: by category, the complaints disputed and those referred to
    /// an external body; only the categories that have one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub recourse_by_category: BTreeMap<Category, Recourse>,
    /// W6: by category, where the complaints' time went, counted on the
    /// calendar and on a business calendar; filled by
    /// [`compute_with`](Self::compute_with) (empty from [`compute`](Self::compute)).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub time_spent_by_category: BTreeMap<Category, TimeSpent>,
}

impl ClassificationReport {
    /// S1: the report over the complaints received in `period`, in one pass
    /// over the records and their entries, then one sort per milestone.
    /// Without a business calendar, it leaves W6's
    /// [`time_spent_by_category`](Self::time_spent_by_category) empty; see
    /// [`compute_with`](Self::compute_with).
    pub fn compute<'a>(
        records: impl IntoIterator<Item = &'a ComplaintRecord>,
        period: &Period,
    ) -> Self {
        let mut report = ClassificationReport {
            periods: vec![*period],
            ..ClassificationReport::default()
        };
        for record in records {
            if period.contains(record.received_at()) {
                report.count(record);
            }
        }
        report.sort();
        report
    }

    /// S1 with W6: [`compute`](Self::compute), and by category where the
    /// complaints' time went ([`TimeSpent`]: handling, the waits on the
    /// customer and on a third party, the first and the total resolution),
    /// counted on the calendar and on `calendar` (the policy's, as a rule).
    ///
    /// Each complaint counts under its category
    /// ([`ComplaintRecord::category`]) with its
    /// [`time_accounting`](ComplaintRecord::time_accounting) up to its last
    /// entry: as far as its history goes, like the milestones. The
    /// resolutions count for the complaints that had a final response.
    ///
    /// # Errors
    ///
    /// [`CalendarError`] when `calendar` cannot count a complaint's time (no
    /// working days, or a span longer than it supports).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    /// use complaint_workflow::event::{Accept, AwaitCustomer, CustomerReplied, Dismiss};
    /// use complaint_workflow::report::{ClassificationReport, Clock, Period, TimeMeasure};
    /// use complaint_workflow::time::Zone;
    /// use complaint_workflow::*;
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let policy = Policy::default();
    /// // Monday 09:00; the customer is awaited from 10:00 to 12:00; dismissed at 13:00.
    /// let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    /// let at = |hours| Context::new(Actor::agent("agent-7"), t0 + Duration::hours(hours), &policy);
    /// let mut record = ComplaintRecord::accept(
    ///     Accept {
    ///         complainant: Complainant::member("customer-42"),
    ///         received_at: t0,
    ///         channel: Channel::Phone,
    ///         content: "The parcel arrived broken".into(),
    ///         category: Category::new("delivery"),
    ///         severity: Severity::Medium,
    ///     },
    ///     &at(0),
    /// )?;
    /// record.apply(AwaitCustomer { reason: "Photos".into() }, &at(1))?;
    /// record.apply(CustomerReplied { summary: "Sent".into() }, &at(3))?;
    /// record.apply(Dismiss { reply: "The box was opened".into() }, &at(4))?;
    ///
    /// let november = Period::month(2026, 11, Zone::Utc)?;
    /// let report = ClassificationReport::compute_with([&record], &november, policy.calendar())?;
    /// let delivery = &report.time_spent_by_category[&Category::new("delivery")];
    /// let hours = |measure, clock| delivery.of(measure).on(clock).mean().map(|s| s / 3_600);
    /// assert_eq!(hours(TimeMeasure::Handling, Clock::Business), Some(2));
    /// assert_eq!(hours(TimeMeasure::WaitingOnCustomer, Clock::Calendar), Some(2));
    /// assert_eq!(hours(TimeMeasure::FirstResolution, Clock::Business), Some(4));
    /// # Ok(())
    /// # }
    /// ```
    pub fn compute_with<'a>(
        records: impl IntoIterator<Item = &'a ComplaintRecord>,
        period: &Period,
        calendar: &BusinessCalendar,
    ) -> Result<Self, CalendarError> {
        let mut report = ClassificationReport {
            periods: vec![*period],
            ..ClassificationReport::default()
        };
        for record in records {
            if period.contains(record.received_at()) {
                report.count(record);
                let accounting = record.time_accounting(record.last_entry_at(), calendar)?;
                report
                    .time_spent_by_category
                    .entry(record.category().clone())
                    .or_default()
                    .push_unsorted(&accounting);
            }
        }
        report.sort();
        Ok(report)
    }

    /// Sorts every sample once, after counting.
    fn sort(&mut self) {
        for durations in self.time_to.values_mut() {
            durations.sort();
        }
        for spent in self.time_spent_by_category.values_mut() {
            spent.sort();
        }
    }

    fn count(&mut self, record: &ComplaintRecord) {
        self.complaints += 1;
        *self
            .by_category
            .entry(record.category().clone())
            .or_default() += 1;
        *self.by_severity.entry(record.severity()).or_default() += 1;
        *self.by_channel.entry(record.channel()).or_default() += 1;
        *self
            .by_outcome
            .entry(ComplaintOutcome::of(record))
            .or_default() += 1;
        if let Some(department) = record.responsible_department() {
            *self.by_department.entry(department.clone()).or_default() += 1;
        }
        if let Some(findings) = record.findings() {
            *self.by_root_cause.entry(findings.root_cause).or_default() += 1;
        }
        recourse::count(&mut self.recourse_by_category, record);
        let mut reached: [Option<DateTime<Utc>>; Milestone::ALL.len()] = Default::default();
        for entry in record.entries() {
            for &milestone in Milestone::reached_by(entry.event()) {
                if let Some(slot) = reached.get_mut(milestone as usize) {
                    slot.get_or_insert(entry.at());
                }
            }
        }
        for (milestone, at) in Milestone::ALL.into_iter().zip(reached) {
            if let Some(at) = at {
                let seconds = (at - record.received_at()).num_seconds();
                self.time_to
                    .entry(milestone)
                    .or_default()
                    .push_unsorted(seconds);
            }
        }
    }

    /// S1, S3: the report over both reports' complaints. Meant for disjoint
    /// periods (a complaint in both would count twice); the report over two
    /// adjacent periods equals the merge of their reports, percentiles
    /// included, because the durations are kept whole.
    #[must_use]
    pub fn merge(self, other: ClassificationReport) -> ClassificationReport {
        let mut time_to = self.time_to;
        for (milestone, durations) in other.time_to {
            let mine = time_to.remove(&milestone).unwrap_or_default();
            time_to.insert(milestone, mine.merge(durations));
        }
        ClassificationReport {
            periods: merge_periods(self.periods, other.periods),
            complaints: self.complaints + other.complaints,
            by_category: add(self.by_category, other.by_category),
            by_severity: add(self.by_severity, other.by_severity),
            by_channel: add(self.by_channel, other.by_channel),
            by_outcome: add(self.by_outcome, other.by_outcome),
            by_department: add(self.by_department, other.by_department),
            by_root_cause: add(self.by_root_cause, other.by_root_cause),
            time_to,
            recourse_by_category: recourse::merge(
                self.recourse_by_category,
                other.recourse_by_category,
            ),
            time_spent_by_category: time_spent::merge(
                self.time_spent_by_category,
                other.time_spent_by_category,
            ),
        }
    }

    /// D1: the share of `category`'s complaints that the customers disputed.
    #[must_use]
    pub fn dispute_rate(&self, category: &Category) -> Ratio {
        let disputed = self
            .recourse_by_category
            .get(category)
            .map_or(0, |recourse| recourse.disputed);
        recourse::rate(disputed, self.complaints_in(category))
    }

    /// D2: the share of `category`'s complaints referred to an external body.
    #[must_use]
    pub fn referral_rate(&self, category: &Category) -> Ratio {
        let referred = self
            .recourse_by_category
            .get(category)
            .map_or(0, |recourse| recourse.referred);
        recourse::rate(referred, self.complaints_in(category))
    }

    /// How many complaints of `category` the report counts (zero when none).
    fn complaints_in(&self, category: &Category) -> u64 {
        self.by_category.get(category).copied().unwrap_or(0)
    }

    /// How many complaints had this outcome (zero when none).
    #[must_use]
    pub fn outcome(&self, outcome: ComplaintOutcome) -> u64 {
        self.by_outcome.get(&outcome).copied().unwrap_or(0)
    }

    /// The times from receipt to `milestone` of the complaints that reached it.
    #[must_use]
    pub fn time_to(&self, milestone: Milestone) -> Option<&Durations> {
        self.time_to.get(&milestone)
    }

    /// The counts as `(dimension, value, count)` rows, in the order the text
    /// and CSV forms list them; every outcome is listed, zero or not.
    fn count_rows(&self) -> Vec<(&'static str, String, u64)> {
        let mut rows = vec![("total", "complaints".to_owned(), self.complaints)];
        for outcome in ComplaintOutcome::ALL {
            rows.push(("outcome", outcome.name().to_owned(), self.outcome(outcome)));
        }
        push_counts(&mut rows, "category", &self.by_category);
        // D1, D2: the categories with a dispute or a referral.
        for (category, recourse) in &self.recourse_by_category {
            rows.push(("disputed", category.to_string(), recourse.disputed));
            rows.push(("referred", category.to_string(), recourse.referred));
        }
        push_counts(&mut rows, "severity", &self.by_severity);
        push_counts(&mut rows, "channel", &self.by_channel);
        push_counts(&mut rows, "department", &self.by_department);
        let departments: u64 = self.by_department.values().sum();
        rows.push((
            "department",
            NONE.to_owned(),
            self.complaints.saturating_sub(departments),
        ));
        push_counts(&mut rows, "root_cause", &self.by_root_cause);
        let causes: u64 = self.by_root_cause.values().sum();
        rows.push((
            "root_cause",
            NONE.to_owned(),
            self.complaints.saturating_sub(causes),
        ));
        rows
    }

    /// S1 as CSV (RFC 4180), one table:
    /// `dimension,value,count,median_seconds,p90_seconds,mean_seconds`. The
    /// first row is the period (`period,<start>/<end>,,,,`), then the counts
    /// (`outcome,upheld,2,,,`), then one `time_to` row per milestone reached
    /// (`time_to,judged,4,1860,3600,2010`: count, median, 90th percentile and
    /// mean in seconds), then (W6) for each category one row per measure and
    /// clock (`handling_business,billing,3,7200,9000,7500`: the dimension
    /// names the [`TimeMeasure`] and the [`Clock`], the value the category).
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut table = Table::new(&[
            ("dimension", Align::Left),
            ("value", Align::Left),
            ("count", Align::Right),
            ("median_seconds", Align::Right),
            ("p90_seconds", Align::Right),
            ("mean_seconds", Align::Right),
        ]);
        for period in &self.periods {
            table.push(vec!["period".to_owned(), period.to_string()]);
        }
        for (dimension, value, count) in self.count_rows() {
            table.push(vec![dimension.to_owned(), value, count.to_string()]);
        }
        for (milestone, durations) in &self.time_to {
            table.push(vec![
                "time_to".to_owned(),
                milestone.name().to_owned(),
                durations.len().to_string(),
                optional(durations.median()),
                optional(durations.p90()),
                optional(durations.mean()),
            ]);
        }
        for (category, measure, clock, durations) in self.time_spent_rows() {
            table.push(vec![
                format!("{measure}_{clock}"),
                category.to_string(),
                durations.len().to_string(),
                optional(durations.median()),
                optional(durations.p90()),
                optional(durations.mean()),
            ]);
        }
        table.to_csv()
    }

    /// W6: every sample of every category, in the order the text and CSV
    /// forms list them (category, measure, clock); empty samples left out.
    fn time_spent_rows(&self) -> impl Iterator<Item = (&Category, TimeMeasure, Clock, &Durations)> {
        self.time_spent_by_category
            .iter()
            .flat_map(|(category, spent)| {
                TimeMeasure::ALL.into_iter().flat_map(move |measure| {
                    Clock::ALL
                        .into_iter()
                        .map(move |clock| (category, measure, clock, spent.of(measure).on(clock)))
                })
            })
            .filter(|(_, _, _, durations)| !durations.is_empty())
    }
}

/// The value of the rows for the complaints without a department or root cause.
const NONE: &str = "(none)";

fn push_counts<K: fmt::Display>(
    rows: &mut Vec<(&'static str, String, u64)>,
    dimension: &'static str,
    counts: &BTreeMap<K, u64>,
) {
    rows.extend(
        counts
            .iter()
            .map(|(key, &count)| (dimension, key.to_string(), count)),
    );
}

fn optional(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Two count maps added key by key.
pub(super) fn add<K: Ord>(mut left: BTreeMap<K, u64>, right: BTreeMap<K, u64>) -> BTreeMap<K, u64> {
    for (key, count) in right {
        *left.entry(key).or_default() += count;
    }
    left
}

impl fmt::Display for ClassificationReport {
    /// S1 as plain text: a title with the periods, the counts, then the time
    /// from receipt to each milestone reached (median and 90th percentile).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "S1 complaint classification, received in {}",
            text::periods(&self.periods)
        )?;
        writeln!(f)?;
        let mut counts = Table::new(&[
            ("dimension", Align::Left),
            ("value", Align::Left),
            ("count", Align::Right),
        ]);
        for (dimension, value, count) in self.count_rows() {
            counts.push(vec![dimension.to_owned(), value, count.to_string()]);
        }
        counts.write_text(f)?;
        writeln!(f)?;
        let mut times = Table::new(&[
            ("time from receipt to", Align::Left),
            ("reached", Align::Right),
            ("median", Align::Right),
            ("p90", Align::Right),
        ]);
        for (milestone, durations) in &self.time_to {
            times.push(vec![
                milestone.name().to_owned(),
                durations.len().to_string(),
                durations.median().map(text::duration).unwrap_or_default(),
                durations.p90().map(text::duration).unwrap_or_default(),
            ]);
        }
        times.write_text(f)?;
        // W6: where each category's time went.
        let mut spent = Table::new(&[
            ("category", Align::Left),
            ("time", Align::Left),
            ("clock", Align::Left),
            ("complaints", Align::Right),
            ("mean", Align::Right),
            ("median", Align::Right),
            ("p90", Align::Right),
        ]);
        let mut any = false;
        for (category, measure, clock, durations) in self.time_spent_rows() {
            any = true;
            spent.push(vec![
                category.to_string(),
                measure.name().to_owned(),
                clock.name().to_owned(),
                durations.len().to_string(),
                durations.mean().map(text::duration).unwrap_or_default(),
                durations.median().map(text::duration).unwrap_or_default(),
                durations.p90().map(text::duration).unwrap_or_default(),
            ]);
        }
        if any {
            writeln!(f)?;
            spent.write_text(f)?;
        }
        if self.recourse_by_category.is_empty() {
            return Ok(());
        }
        // D1, D2: the rates, for the categories with a dispute or a referral.
        writeln!(f)?;
        let mut rates = Table::new(&[
            ("category", Align::Left),
            ("disputed", Align::Right),
            ("referred", Align::Right),
        ]);
        for category in self.recourse_by_category.keys() {
            rates.push(vec![
                category.to_string(),
                self.dispute_rate(category).to_string(),
                self.referral_rate(category).to_string(),
            ]);
        }
        rates.write_text(f)
    }
}
