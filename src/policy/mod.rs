//! [`Policy`]: the values an application sets for its own procedure, with
//! the rule book's numbers as defaults and regulatory presets.
//!
//! Every number of the rule book is a policy value with a documented
//! default; no rule hard-codes one.

mod alarms;
mod builder;
mod presets;
mod retention;
mod targets;

pub use builder::PolicyBuilder;
pub use retention::{Retention, RetentionFrom};
pub use targets::{Conditions, TargetFacts, TargetRule};

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::time::QuietHours;
use crate::time::{BusinessCalendar, DeadlineKind, EscalationLevel, TimeLimit, WaitingOn, Warning};
use crate::values::Role;
use crate::values::{Category, Channel, Severity};

/// The values an application chooses for its procedure.
///
/// Passed in through the [`Context`](crate::Context) of every transition;
/// stored with serde so that an application keeps the policy it applied.
/// Build one with [`Policy::builder`], start from [`Policy::default`] (the
/// rule book's numbers) or from a regulatory preset such as
/// [`Policy::uk_fca`].
///
/// | value | default | rule |
/// |-------|---------|------|
/// | first response, phone | 3 minutes | T1 |
/// | first response, online | 5 minutes | T2 |
/// | first contact after assignment | 7 calendar days | T4 |
/// | follow-up after the remedy or dismissal | 3 calendar days | F7 |
/// | investigation | agreed with the customer at judgment | R2 |
/// | judgment, final response | none (set by presets) | |
/// | dispute or referral after the final response | 184 calendar days (FCA DISP 2.8.2R: six months) | D1, D2 |
/// | warnings before a breach | none | W1 |
/// | escalation chains | none | W3 |
/// | quiet hours (customers without their own) | 21:00–09:00 in the customer's zone | F4 |
/// | follow up non-members too | yes | F5 |
/// | follow-up attempts, spacing | 3, 4 hours apart (the crate's choice) | F7 |
/// | escalation at intake | severity high or above, to a team lead | E1 |
/// | repeat-contact window, priority step | 30 days, every 2 contacts (the crate's choice) | E4 |
/// | fast path | T5's categories, within 5 minutes, severity up to medium | T5 |
/// | paused while awaiting the customer | judgment, investigation, final response | |
/// | extensions | at most 1, at most 30 calendar days past the original due time | |
/// | business calendar | Monday–Friday 09:00–17:00 UTC | |
/// | largest text field | 16 KiB | |
/// | most remedy options | 16 | R4 |
/// | retention of a closed complaint's record | none: never listed for erasure | A4 |
///
/// # Example
///
/// ```
/// use complaint_workflow::{Channel, Policy, time::TimeLimit};
///
/// let policy = Policy::builder()
///     .first_response(Channel::Email, TimeLimit::BusinessHours(8))
///     .final_response(TimeLimit::Weeks(8))
///     .build()?;
/// assert_eq!(policy.first_response(Channel::Phone), Some(TimeLimit::Minutes(3)));
/// assert_eq!(policy.first_response(Channel::Email), Some(TimeLimit::BusinessHours(8)));
/// # Ok::<(), complaint_workflow::policy::PolicyError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Policy(Settings);

/// The most entries a complaint's history holds unless a policy says
/// otherwise, and the most [`ComplaintRecord::replay`](crate::ComplaintRecord::replay)
/// reads: 100,000.
///
/// A complaint's history runs to tens of entries, a long one to a few
/// hundred; a hundred thousand means a loop in an integration, or a history
/// made to exhaust the reader, not a complaint. The bound keeps one record's
/// memory and replay time bounded (an entry takes a few hundred bytes).
pub const DEFAULT_MAX_HISTORY_ENTRIES: usize = 100_000;

/// D1, D2: the default window for a dispute or a referral, from the final
/// response: 184 calendar days.
///
/// The FCA gives a complainant six months from the firm's final response to
/// refer the complaint to the Financial Ombudsman Service (DISP 2.8.2R). A
/// [`TimeLimit`] counts no months; 184 days is the longest run of six calendar
/// months (July to December), so the window is never shorter than the rule's.
pub const DEFAULT_DISPUTE_WINDOW: TimeLimit = TimeLimit::CalendarDays(184);

/// The values of a policy, as stored: missing values take their defaults,
/// and a stored policy is checked by [`PolicyBuilder::build`] like a built one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
struct Settings {
    first_response: BTreeMap<Channel, TimeLimit>,
    judgment: Option<TimeLimit>,
    final_response: Option<TimeLimit>,
    summary_resolution: Option<TimeLimit>,
    first_contact: Option<TimeLimit>,
    progress_updates: Option<TimeLimit>,
    dispute_window: TimeLimit,
    targets: Vec<TargetRule>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    warnings: BTreeMap<DeadlineKind, Warning>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    escalation_chains: BTreeMap<DeadlineKind, Vec<EscalationLevel>>,
    follow_up: TimeLimit,
    follow_up_non_members: bool,
    follow_up_attempts: u32,
    follow_up_retry_after: TimeLimit,
    agreed_time_tolerance: TimeLimit,
    quiet_hours: QuietHours,
    escalation: Option<EscalationRule>,
    repeat_contact_window: TimeLimit,
    repeat_contacts_per_priority_step: u32,
    fast_path: Option<FastPath>,
    paused_while_awaiting_customer: BTreeSet<DeadlineKind>,
    paused_while_awaiting_third_party: BTreeSet<DeadlineKind>,
    extensions: ExtensionLimit,
    calendar: BusinessCalendar,
    max_text_bytes: usize,
    max_remedy_options: usize,
    max_history_entries: usize,
    retention: Option<Retention>,
}

impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let settings = Settings::deserialize(deserializer)?;
        PolicyBuilder {
            policy: Policy(settings),
        }
        .build()
        .map_err(serde::de::Error::custom)
    }
}

/// E1: which severity escalates at intake, and to whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EscalationRule {
    /// A complaint of this severity or higher is escalated when accepted.
    pub at_or_above: Severity,
    /// The role it is escalated to.
    pub to: Role,
}

/// T5: which complaints are simple enough for the front-line agent to
/// resolve on the first contact, without a supervisor's approval.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FastPath {
    /// The categories that are simple after-sales problems.
    pub categories: BTreeSet<Category>,
    /// How long after receipt the resolution may come (5 minutes in T5).
    pub within: TimeLimit,
    /// The most severe complaint the fast path takes.
    pub max_severity: Severity,
}

impl Default for FastPath {
    /// T5's list: 查物流 logistics queries, 漏發 missing shipments, 缺件 missing
    /// parts, 返現 cashback, 補差 price differences, 簡單的瑕疵補償 minor defects;
    /// within 5 minutes; severity up to medium.
    fn default() -> Self {
        Self {
            categories: [
                "logistics_query",
                "missing_shipment",
                "missing_part",
                "cashback",
                "price_difference",
                "minor_defect",
            ]
            .into_iter()
            .map(Category::new)
            .collect(),
            within: TimeLimit::Minutes(5),
            max_severity: Severity::Medium,
        }
    }
}

/// How far a deadline may be extended (always by a supervisor, with a reason).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExtensionLimit {
    /// How many times one deadline may be extended.
    pub max_count: u32,
    /// How far past its original due time a deadline may be moved, counted
    /// from the original due time; `None`: no limit.
    pub max_beyond_original: Option<TimeLimit>,
}

/// A policy value that cannot work.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// A time limit of zero: the deadline would be missed the moment it opens.
    #[error("the time limit `{field}` is zero; a deadline needs time")]
    ZeroLimit {
        /// Which value.
        field: String,
    },
    /// W2: a target rule for a deadline whose due time the event itself
    /// carries (the agreed investigation time, a promised callback, a
    /// transfer's tracking time): there is no limit to choose.
    #[error("target rule {index} times `{kind}` deadlines, whose due time the event gives")]
    TargetNotTimedByPolicy {
        /// The rule's place in the list, from 0.
        index: usize,
        /// Its kind.
        kind: DeadlineKind,
    },
    /// W1: a warning at a share of the time elapsed outside 1–99 %.
    #[error(
        "the warning of `{kind}` deadlines is at {percent} % of their time; a share is 1 to 99 %"
    )]
    WarningShare {
        /// The deadline kind.
        kind: DeadlineKind,
        /// The share given.
        percent: u8,
    },
    /// W3: a level of an escalation chain that does not escalate higher
    /// than the level before it (or than an agent, for the first).
    #[error(
        "level {level} of the escalation chain of `{kind}` deadlines escalates to `{to}`, not higher than the level before it"
    )]
    EscalationNotRising {
        /// The deadline kind.
        kind: DeadlineKind,
        /// The level, from 1.
        level: u8,
        /// The role it escalates to.
        to: Role,
    },
    /// W3: a level of an escalation chain set off before the level below it.
    #[error(
        "level {level} of the escalation chain of `{kind}` deadlines fires before the level below it"
    )]
    EscalationOutOfOrder {
        /// The deadline kind.
        kind: DeadlineKind,
        /// The level, from 1.
        level: u8,
    },
    /// A size limit of zero: nothing could be recorded.
    #[error("`{field}` is zero; nothing could be recorded")]
    ZeroSize {
        /// Which value.
        field: &'static str,
    },
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            first_response: BTreeMap::from([
                (Channel::Phone, TimeLimit::Minutes(3)),
                (Channel::Online, TimeLimit::Minutes(5)),
            ]),
            judgment: None,
            final_response: None,
            summary_resolution: None,
            progress_updates: None,
            dispute_window: DEFAULT_DISPUTE_WINDOW,
            targets: Vec::new(),
            warnings: BTreeMap::new(),
            escalation_chains: BTreeMap::new(),
            first_contact: Some(TimeLimit::CalendarDays(7)),
            follow_up: TimeLimit::CalendarDays(3),
            follow_up_non_members: true,
            follow_up_attempts: 3,
            follow_up_retry_after: TimeLimit::Hours(4),
            agreed_time_tolerance: TimeLimit::Minutes(60),
            quiet_hours: QuietHours::default(),
            escalation: Some(EscalationRule {
                at_or_above: Severity::High,
                to: Role::TeamLead,
            }),
            repeat_contact_window: TimeLimit::CalendarDays(30),
            repeat_contacts_per_priority_step: 2,
            fast_path: Some(FastPath::default()),
            paused_while_awaiting_customer: BTreeSet::from([
                DeadlineKind::Judgment,
                DeadlineKind::Investigation,
                DeadlineKind::FinalResponse,
            ]),
            // W5: the company's own partners are its own delay: a wait on a
            // third party pauses nothing unless the policy says so.
            paused_while_awaiting_third_party: BTreeSet::new(),
            extensions: ExtensionLimit {
                max_count: 1,
                max_beyond_original: Some(TimeLimit::CalendarDays(30)),
            },
            calendar: BusinessCalendar::default(),
            max_text_bytes: 16 * 1024,
            max_remedy_options: 16,
            max_history_entries: DEFAULT_MAX_HISTORY_ENTRIES,
            // A4: how long a record must be kept is the firm's legal duty,
            // which the crate cannot know; a period it picked could list for
            // erasure a record a regulator still asks for.
            retention: None,
        }
    }
}

impl Policy {
    /// A builder starting from the defaults.
    #[must_use]
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder::default()
    }

    /// This policy as a builder, to change some values.
    #[must_use]
    pub fn to_builder(&self) -> PolicyBuilder {
        PolicyBuilder {
            policy: self.clone(),
        }
    }

    /// T1, T2: the first-response target for a channel, if any.
    #[must_use]
    pub fn first_response(&self, channel: Channel) -> Option<TimeLimit> {
        self.0.first_response.get(&channel).copied()
    }

    /// The time to judge (uphold or dismiss) a complaint, from its receipt.
    #[must_use]
    pub fn judgment(&self) -> Option<TimeLimit> {
        self.0.judgment
    }

    /// The time to give the final response, from the complaint's receipt.
    #[must_use]
    pub fn final_response(&self) -> Option<TimeLimit> {
        self.0.final_response
    }

    /// The window for a summary resolution (UK FCA DISP 1.5), from receipt.
    #[must_use]
    pub fn summary_resolution(&self) -> Option<TimeLimit> {
        self.0.summary_resolution
    }

    /// W4: how often an open complaint's customer is told where it stands,
    /// counted from receipt and from each progress update; `None` (the
    /// default) for no such duty.
    #[must_use]
    pub fn progress_updates(&self) -> Option<TimeLimit> {
        self.0.progress_updates
    }

    /// D1, D2: how long after the final response (a remedy executed, a
    /// dismissal replied) the customer may dispute it or refer it to an
    /// external body; default [`DEFAULT_DISPUTE_WINDOW`], the FCA's six months.
    #[must_use]
    pub fn dispute_window(&self) -> TimeLimit {
        self.0.dispute_window
    }

    /// W2: the ordered target rules.
    #[must_use]
    pub fn targets(&self) -> &[TargetRule] {
        &self.0.targets
    }

    /// W2: the time limit for a deadline of `kind` on a complaint with these
    /// facts: the first target rule for `kind` whose conditions hold, else
    /// [`time_limit`](Self::time_limit).
    #[must_use]
    pub fn time_limit_for(&self, kind: DeadlineKind, facts: &TargetFacts) -> Option<TimeLimit> {
        if targets::timed_by_event(kind) {
            return None;
        }
        targets::first_match(&self.0.targets, kind, facts)
            .or_else(|| self.time_limit(kind, facts.channel))
    }

    /// The policy's time limit for a deadline of `kind` on a complaint that
    /// came in through `channel`; `None` for a kind the policy sets no limit
    /// for, and for the kinds whose due time the event itself carries (R2's
    /// agreed investigation time, T3's promised callback, T6's tracking).
    #[must_use]
    pub fn time_limit(&self, kind: DeadlineKind, channel: Channel) -> Option<TimeLimit> {
        match kind {
            DeadlineKind::FirstResponse => self.first_response(channel),
            DeadlineKind::Judgment => self.judgment(),
            DeadlineKind::FinalResponse => self.final_response(),
            DeadlineKind::SummaryResolution => self.summary_resolution(),
            DeadlineKind::FirstContact => self.first_contact(),
            DeadlineKind::FollowUp => Some(self.follow_up()),
            DeadlineKind::ProgressUpdate => self.progress_updates(),
            // Timed by the event (`targets::timed_by_event`).
            DeadlineKind::Investigation
            | DeadlineKind::CallbackPromised
            | DeadlineKind::TransferTracking
            | DeadlineKind::Referral => None,
        }
    }

    /// T4: the time for a newly assigned owner to contact the customer.
    #[must_use]
    pub fn first_contact(&self) -> Option<TimeLimit> {
        self.0.first_contact
    }

    /// F7: the time to follow up after the remedy or the dismissal.
    #[must_use]
    pub fn follow_up(&self) -> TimeLimit {
        self.0.follow_up
    }

    /// F5: whether non-members are followed up too (members always are).
    #[must_use]
    pub fn follow_up_non_members(&self) -> bool {
        self.0.follow_up_non_members
    }

    /// F7: how many attempts to reach the customer before a follow-up may be
    /// given up (default 3, the crate's choice: the rule book gives no number).
    #[must_use]
    pub fn follow_up_attempts(&self) -> u32 {
        self.0.follow_up_attempts
    }

    /// F7: how long after an attempt that missed the customer the next one is
    /// proposed (default 4 hours, the crate's choice).
    #[must_use]
    pub fn follow_up_retry_after(&self) -> TimeLimit {
        self.0.follow_up_retry_after
    }

    /// F4: how close to a time the customer asked for an attempt inside their
    /// quiet hours may be (default 60 minutes, the crate's choice).
    #[must_use]
    pub fn agreed_time_tolerance(&self) -> TimeLimit {
        self.0.agreed_time_tolerance
    }

    /// F4: the quiet hours of customers who have none of their own (default 21:00–09:00).
    #[must_use]
    pub fn quiet_hours(&self) -> QuietHours {
        self.0.quiet_hours
    }

    /// E1: the severity that escalates at intake, and to whom (default high, to a team lead).
    #[must_use]
    pub fn escalation(&self) -> Option<EscalationRule> {
        self.0.escalation
    }

    /// E4: how long after its last entry a finished complaint still takes
    /// repeat contacts (default 30 days, the crate's choice).
    #[must_use]
    pub fn repeat_contact_window(&self) -> TimeLimit {
        self.0.repeat_contact_window
    }

    /// E4: how many repeat contacts raise the priority by one level (default
    /// 2; 0 never raises it).
    #[must_use]
    pub fn repeat_contacts_per_priority_step(&self) -> u32 {
        self.0.repeat_contacts_per_priority_step
    }

    /// T5: the fast path, if the policy offers one.
    #[must_use]
    pub fn fast_path(&self) -> Option<&FastPath> {
        self.0.fast_path.as_ref()
    }

    /// Whether deadlines of this kind stop while the complaint waits on the customer.
    #[must_use]
    pub fn pauses_while_awaiting_customer(&self, kind: DeadlineKind) -> bool {
        self.pauses_while_waiting_on(WaitingOn::Customer, kind)
    }

    /// W5: whether deadlines of this kind stop while the complaint waits on
    /// `whom` (the customer, or a third party).
    #[must_use]
    pub fn pauses_while_waiting_on(&self, whom: WaitingOn, kind: DeadlineKind) -> bool {
        match whom {
            WaitingOn::Customer => self.0.paused_while_awaiting_customer.contains(&kind),
            WaitingOn::ThirdParty => self.0.paused_while_awaiting_third_party.contains(&kind),
        }
    }

    /// How far deadlines may be extended.
    #[must_use]
    pub fn extensions(&self) -> ExtensionLimit {
        self.0.extensions
    }

    /// The business calendar business-day and business-hour limits count on.
    #[must_use]
    pub fn calendar(&self) -> &BusinessCalendar {
        &self.0.calendar
    }

    /// The largest text field an event may carry, in bytes.
    #[must_use]
    pub fn max_text_bytes(&self) -> usize {
        self.0.max_text_bytes
    }

    /// The most remedy options one proposal may hold.
    #[must_use]
    pub fn max_remedy_options(&self) -> usize {
        self.0.max_remedy_options
    }

    /// The most entries a complaint's history may hold (see
    /// [`PolicyBuilder::max_history_entries`]).
    #[must_use]
    pub fn max_history_entries(&self) -> usize {
        self.0.max_history_entries
    }

    /// A4: how long a closed complaint's record is kept before it is listed
    /// for erasure; `None` (the default) to keep every record: how long a
    /// record must be kept is the firm's legal duty, which the crate cannot
    /// know. [`Policy::uk_fca`] keeps it three years from receipt.
    #[must_use]
    pub fn retention(&self) -> Option<Retention> {
        self.0.retention
    }
}
