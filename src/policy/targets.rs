//! W2: time limits chosen by the case. Ordered [`TargetRule`]s over the
//! complaint's severity, category, channel and membership; the first rule for
//! a deadline kind whose conditions hold gives its limit, and the rule book's
//! numbers apply when none does. The due time chosen is recorded on the entry
//! when the deadline opens, so replay never asks today's rules.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::time::{DeadlineKind, TimeLimit};
use crate::values::{Category, Channel, Severity};

/// W2: one rule: for deadlines of `kind`, when `when` holds, the limit is `limit`.
///
/// ```
/// use complaint_workflow::deadline::DeadlineKind;
/// use complaint_workflow::policy::{Conditions, TargetFacts, TargetRule};
/// use complaint_workflow::time::TimeLimit;
/// use complaint_workflow::{Category, Channel, Policy, Severity};
///
/// // Critical complaints get their final response within two business days.
/// let critical = TargetRule {
///     kind: DeadlineKind::FinalResponse,
///     when: Conditions { severity_at_least: Some(Severity::Critical), ..Conditions::default() },
///     limit: TimeLimit::BusinessDays(2),
/// };
/// let policy = Policy::builder()
///     .final_response(TimeLimit::BusinessDays(15))
///     .target(critical)
///     .build()?;
/// let case = |severity| TargetFacts {
///     severity,
///     category: Category::new("billing"),
///     channel: Channel::Phone,
///     member: false,
/// };
/// let limit = |severity| policy.time_limit_for(DeadlineKind::FinalResponse, &case(severity));
/// assert_eq!(limit(Severity::Critical), Some(TimeLimit::BusinessDays(2)));
/// assert_eq!(limit(Severity::Low), Some(TimeLimit::BusinessDays(15)));
/// # Ok::<(), complaint_workflow::policy::PolicyError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetRule {
    /// Which deadlines the rule times.
    pub kind: DeadlineKind,
    /// When it applies.
    #[serde(default)]
    pub when: Conditions,
    /// The time limit it gives.
    pub limit: TimeLimit,
}

/// W2: the conditions of a [`TargetRule`]; an empty condition holds for every
/// complaint, and all of them must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Conditions {
    /// The complaint is at least this severe.
    pub severity_at_least: Option<Severity>,
    /// The complaint is of one of these categories (any when empty).
    pub categories: BTreeSet<Category>,
    /// The complaint came in through one of these channels (any when empty).
    pub channels: BTreeSet<Channel>,
    /// The complainant is (`Some(true)`) or is not (`Some(false)`) a member.
    pub member: Option<bool>,
}

/// The facts of a complaint a [`TargetRule`] is evaluated on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TargetFacts {
    /// Its severity.
    pub severity: Severity,
    /// Its category.
    pub category: Category,
    /// The channel it came in through.
    pub channel: Channel,
    /// Whether the complainant is a member.
    pub member: bool,
}

impl Conditions {
    /// Whether every condition holds for `facts`.
    #[must_use]
    pub fn hold_for(&self, facts: &TargetFacts) -> bool {
        self.severity_at_least
            .is_none_or(|least| facts.severity >= least)
            && (self.categories.is_empty() || self.categories.contains(&facts.category))
            && (self.channels.is_empty() || self.channels.contains(&facts.channel))
            && self.member.is_none_or(|member| member == facts.member)
    }
}

/// The limit of the first rule for `kind` whose conditions hold, if any.
pub(super) fn first_match(
    rules: &[TargetRule],
    kind: DeadlineKind,
    facts: &TargetFacts,
) -> Option<TimeLimit> {
    rules
        .iter()
        .find(|rule| rule.kind == kind && rule.when.hold_for(facts))
        .map(|rule| rule.limit)
}

/// Whether the event itself carries the due time of deadlines of `kind`
/// (R2's agreed investigation time, T3's promised callback, T6's tracking):
/// no policy value or target rule times them.
pub(super) const fn timed_by_event(kind: DeadlineKind) -> bool {
    match kind {
        DeadlineKind::Investigation
        | DeadlineKind::CallbackPromised
        | DeadlineKind::TransferTracking
        | DeadlineKind::Referral => true,
        DeadlineKind::FirstResponse
        | DeadlineKind::Judgment
        | DeadlineKind::FirstContact
        | DeadlineKind::FollowUp
        | DeadlineKind::FinalResponse
        | DeadlineKind::SummaryResolution
        | DeadlineKind::ProgressUpdate => false,
    }
}
