//! [`Deadline`] as data: what is due, since when, by when, and whether it was
//! met; [`Breach`]: a deadline that was missed (T7).

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::alarm::{
    self, Alarm, AlarmLevel, AlarmPlan, AlarmPoint, AlarmState, EscalationLevel, EscalationTrigger,
};
use crate::values::Role;

use crate::time::Counting;

/// What a deadline is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// T1, T2: the contact is answered (phone 3 minutes, online 5 minutes by
    /// default), counted from `received_at`; met when the complaint is accepted.
    FirstResponse,
    /// The complaint is judged (upheld or dismissed); set by regulatory presets.
    Judgment,
    /// R2: the investigation time agreed with the customer; met by the findings.
    Investigation,
    /// T3: a callback promised to the customer; met by the next contact.
    CallbackPromised,
    /// T4: first contact after the complaint is assigned (7 days by default);
    /// met by the next contact.
    FirstContact,
    /// T6: a transfer to another department is tracked until the customer is
    /// answered; met by the next contact.
    TransferTracking,
    /// F7: the follow-up after the remedy or the dismissal (3 days by default).
    FollowUp,
    /// The final response (a remedy executed or a dismissal replied); set by
    /// regulatory presets (FCA 8 weeks, CFPB 60 days, ...).
    FinalResponse,
    /// UK FCA DISP 1.5: a complaint resolved by close of the third business
    /// day may be closed with a summary resolution communication. Missing it is
    /// not a breach (the full procedure then applies), so it is not binding.
    SummaryResolution,
    /// W4 (ISO 10002 tracking; FCA DISP 1.6.1R): the customer is kept
    /// informed while the complaint is open, every so often as the policy
    /// says (none by default); met by a progress update, which starts the
    /// next one, and by the final response.
    ProgressUpdate,
    /// D2: the external body's own deadline for a referred complaint (an
    /// ombudsman's, a regulator's, a mediator's), as the referral gives it;
    /// met by the body's outcome.
    Referral,
}

impl DeadlineKind {
    /// Every kind, in lifecycle order.
    pub const ALL: [DeadlineKind; 11] = [
        DeadlineKind::FirstResponse,
        DeadlineKind::Judgment,
        DeadlineKind::Investigation,
        DeadlineKind::CallbackPromised,
        DeadlineKind::FirstContact,
        DeadlineKind::TransferTracking,
        DeadlineKind::FollowUp,
        DeadlineKind::FinalResponse,
        DeadlineKind::SummaryResolution,
        DeadlineKind::ProgressUpdate,
        DeadlineKind::Referral,
    ];

    /// Whether missing this deadline is a breach (T7). Only the summary
    /// resolution window is not binding.
    #[must_use]
    pub const fn is_binding(self) -> bool {
        !matches!(self, DeadlineKind::SummaryResolution)
    }

    /// The snake-case name used in the stored format.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            DeadlineKind::FirstResponse => "first_response",
            DeadlineKind::Judgment => "judgment",
            DeadlineKind::Investigation => "investigation",
            DeadlineKind::CallbackPromised => "callback_promised",
            DeadlineKind::FirstContact => "first_contact",
            DeadlineKind::TransferTracking => "transfer_tracking",
            DeadlineKind::FollowUp => "follow_up",
            DeadlineKind::FinalResponse => "final_response",
            DeadlineKind::SummaryResolution => "summary_resolution",
            DeadlineKind::ProgressUpdate => "progress_update",
            DeadlineKind::Referral => "referral",
        }
    }
}

impl fmt::Display for DeadlineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The number of a deadline within its complaint, from 1 in the order the
/// deadlines were opened.
///
/// Opaque: the crate numbers deadlines as it opens them. An application reads
/// the number ([`number`](Self::number)), stores it (a JSON number) and parses
/// it back from a form (`"3"` or `"#3"`, as it displays).
///
/// ```
/// use complaint_workflow::deadline::DeadlineId;
///
/// let id: DeadlineId = "#3".parse()?;
/// assert_eq!((id.number(), id.to_string()), (3, "#3".to_owned()));
/// assert!("0".parse::<DeadlineId>().is_err());
/// # Ok::<(), complaint_workflow::deadline::ParseDeadlineIdError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DeadlineId(u32);

impl DeadlineId {
    /// The deadline opened `number`-th (from 1).
    pub(crate) const fn from_number(number: u32) -> Self {
        Self(number)
    }

    /// The deadline's number within its complaint, from 1.
    #[must_use]
    pub const fn number(self) -> u32 {
        self.0
    }
}

impl fmt::Display for DeadlineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A text that is not a deadline number: not a whole number from 1, with or
/// without a leading `#`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a deadline number: expected a whole number from 1, such as `3` or `#3`")]
pub struct ParseDeadlineIdError {
    text: String,
}

impl std::str::FromStr for DeadlineId {
    type Err = ParseDeadlineIdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let digits = text.strip_prefix('#').unwrap_or(text);
        match digits.parse::<u32>() {
            Ok(number) if number >= 1 && digits.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(Self(number))
            }
            Ok(_) | Err(_) => Err(ParseDeadlineIdError {
                text: text.to_owned(),
            }),
        }
    }
}

/// W5: who a complaint waits on while its pausable deadlines stop.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum WaitingOn {
    /// The customer (a document, an answer).
    #[default]
    Customer,
    /// A third party: a supplier, another department.
    ThirdParty,
}

impl WaitingOn {
    /// Both, the customer first.
    pub const ALL: [WaitingOn; 2] = [WaitingOn::Customer, WaitingOn::ThirdParty];

    /// The snake-case name used in the stored format.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            WaitingOn::Customer => "customer",
            WaitingOn::ThirdParty => "third_party",
        }
    }
}

impl fmt::Display for WaitingOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a deadline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Running; due at [`Deadline::due`].
    Open,
    /// Stopped while the complaint waits on the customer or a third party
    /// (W5); resumes with the time that was left when that wait ends.
    Paused {
        /// Whose wait paused it.
        #[serde(default)]
        by: WaitingOn,
        /// When it was paused.
        since: DateTime<Utc>,
        /// The time that was left when it was paused, in whole seconds
        /// (negative if it was already overdue); for display: resuming moves
        /// the due time by exactly the time paused.
        remaining_seconds: i64,
    },
    /// Done, on time or late.
    Met {
        /// When.
        at: DateTime<Utc>,
    },
    /// No longer needed (the complaint was withdrawn).
    Cancelled {
        /// When.
        at: DateTime<Utc>,
    },
}

/// Where a deadline stands, in words: `open`, `paused since …`, `met at …`,
/// `cancelled at …` (the time left of a paused deadline is in its data, not
/// in the words).
impl fmt::Display for DeadlineStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Open => f.write_str("open"),
            Self::Paused { by, since, .. } => write!(
                f,
                "paused since {since}, waiting on the {}",
                match by {
                    WaitingOn::Customer => "customer",
                    WaitingOn::ThirdParty => "third party",
                }
            ),
            Self::Met { at } => write!(f, "met at {at}"),
            Self::Cancelled { at } => write!(f, "cancelled at {at}"),
        }
    }
}

/// A deadline of a complaint, derived from its history alone.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    pub(crate) id: DeadlineId,
    pub(crate) kind: DeadlineKind,
    pub(crate) started_at: DateTime<Utc>,
    pub(crate) due: DateTime<Utc>,
    pub(crate) original_due: DateTime<Utc>,
    pub(crate) clock: Counting,
    pub(crate) extensions: u32,
    pub(crate) status: DeadlineStatus,
    pub(crate) opened_by: u64,
    /// W1, W3: its warning and escalation chain, as planned when it opened.
    #[serde(default, skip_serializing_if = "AlarmPlan::is_empty")]
    pub(crate) alarms: AlarmPlan,
    /// W1: the alarms recorded as raised.
    #[serde(default, skip_serializing_if = "RaisedAlarms::is_none")]
    pub(crate) raised: RaisedAlarms,
}

/// W1: which of a deadline's own alarms were raised (recorded by a
/// [`RaiseAlarm`](crate::event::RaiseAlarm) entry).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct RaisedAlarms {
    pub(crate) at_risk: bool,
    pub(crate) breached: bool,
}

impl RaisedAlarms {
    // serde's `skip_serializing_if` passes a reference.
    #[allow(clippy::trivially_copy_pass_by_ref)]
    fn is_none(&self) -> bool {
        !self.at_risk && !self.breached
    }

    pub(crate) fn raise(&mut self, level: AlarmLevel) {
        match level {
            AlarmLevel::AtRisk => self.at_risk = true,
            AlarmLevel::Breached => self.breached = true,
        }
    }

    fn is_raised(self, level: AlarmLevel) -> bool {
        match level {
            AlarmLevel::AtRisk => self.at_risk,
            AlarmLevel::Breached => self.breached,
        }
    }
}

impl Deadline {
    /// The deadline's number within its complaint.
    #[must_use]
    pub fn id(&self) -> DeadlineId {
        self.id
    }

    /// What it is for.
    #[must_use]
    pub fn kind(&self) -> DeadlineKind {
        self.kind
    }

    /// When the clock started.
    #[must_use]
    pub fn started_at(&self) -> DateTime<Utc> {
        self.started_at
    }

    /// When it is due, after extensions and pauses. While paused, the due
    /// time it had when it was paused.
    #[must_use]
    pub fn due(&self) -> DateTime<Utc> {
        self.due
    }

    /// When it was first due.
    #[must_use]
    pub fn original_due(&self) -> DateTime<Utc> {
        self.original_due
    }

    /// How its time was counted.
    #[must_use]
    pub fn counting(&self) -> Counting {
        self.clock
    }

    /// How many times it was extended.
    #[must_use]
    pub fn extensions(&self) -> u32 {
        self.extensions
    }

    /// Where it stands.
    #[must_use]
    pub fn status(&self) -> DeadlineStatus {
        self.status
    }

    /// The sequence number of the entry that opened it.
    #[must_use]
    pub fn opened_by(&self) -> u64 {
        self.opened_by
    }

    /// Whether it is running (open, not paused).
    #[must_use]
    pub fn is_open(&self) -> bool {
        matches!(self.status, DeadlineStatus::Open)
    }

    /// W1: when it warns that it is at risk, if its plan has a warning: its
    /// due time less the warning's lead, never before it started. The
    /// warning moves with the due time (extensions, pauses).
    #[must_use]
    pub fn warns_at(&self) -> Option<DateTime<Utc>> {
        let lead = self.alarms.warn_before_seconds?;
        Some(alarm::after(self.due, -lead.max(0)).max(self.started_at))
    }

    /// W3: its escalation chain, lowest level first, as planned when it opened.
    #[must_use]
    pub fn escalation_chain(&self) -> &[EscalationLevel] {
        &self.alarms.escalation
    }

    /// W3: when level `level` (from 1) of its escalation chain falls: its
    /// warning time (its due time without one) for [`EscalationTrigger::AtRisk`],
    /// its due time for [`EscalationTrigger::Breached`], later by the delay
    /// for [`EscalationTrigger::BreachedFor`]; `None` if it has no such level.
    #[must_use]
    pub fn escalation_falls_at(&self, level: u8) -> Option<DateTime<Utc>> {
        let index = usize::from(level).checked_sub(1)?;
        let step = self.alarms.escalation.get(index)?;
        Some(match step.trigger {
            EscalationTrigger::AtRisk => self.warns_at().unwrap_or(self.due),
            EscalationTrigger::Breached => self.due,
            EscalationTrigger::BreachedFor { minutes } => {
                alarm::after(self.due, i64::from(minutes).saturating_mul(60))
            }
        })
    }

    /// W1: whether its alarm `level` was recorded as raised.
    #[must_use]
    pub fn alarm_raised(&self, level: AlarmLevel) -> bool {
        self.raised.is_raised(level)
    }

    /// W1: where it stands against its alarms at `now`: breached once missed
    /// (a non-binding target once running past its due time), at risk once
    /// its warning time has passed while it runs, else on track. A paused
    /// deadline does not warn.
    #[must_use]
    pub fn alarm_state(&self, now: DateTime<Utc>) -> AlarmState {
        if self.breach(now).is_some() || (self.is_open() && now > self.due) {
            AlarmState::Breached
        } else if self.is_open() && self.warns_at().is_some_and(|warns| warns <= now) {
            AlarmState::AtRisk
        } else {
            AlarmState::OnTrack
        }
    }

    /// W1, W3: its alarms not raised yet, while it runs (a paused, met or
    /// cancelled deadline has none): its warning (if it warns before its due
    /// time), its due time, and the levels of its chain that escalate higher
    /// than `escalated_to` (when `escalations` is false, none: the complaint
    /// is no longer open for escalation).
    pub(crate) fn pending_alarms(
        &self,
        escalated_to: Role,
        escalations: bool,
    ) -> impl Iterator<Item = Alarm> + '_ {
        let running = self.is_open();
        let alarm = move |at, point| Alarm {
            at,
            deadline: self.id,
            kind: self.kind,
            point,
        };
        let warning = self
            .warns_at()
            .filter(|&warns| running && warns < self.due && !self.raised.at_risk)
            .map(|warns| alarm(warns, AlarmPoint::Warning));
        let due = (running && !self.raised.breached).then(|| alarm(self.due, AlarmPoint::Due));
        let levels = (1..=u8::MAX)
            .zip(&self.alarms.escalation)
            .filter(move |(_, step)| running && escalations && step.to > escalated_to)
            .filter_map(move |(level, step)| {
                let at = self.escalation_falls_at(level)?;
                Some(alarm(at, AlarmPoint::Escalation { level, to: step.to }))
            });
        warning.into_iter().chain(due).chain(levels)
    }

    /// T7: the breach, if this deadline was missed as of `now`: met late,
    /// cancelled after it was due, or still open past its due time. A paused
    /// deadline that was overdue when paused stays a breach.
    #[must_use]
    pub fn breach(&self, now: DateTime<Utc>) -> Option<Breach> {
        if !self.kind.is_binding() {
            return None;
        }
        let (state, overdue) = match self.status {
            DeadlineStatus::Open => (BreachState::StillOpen, now - self.due),
            DeadlineStatus::Paused { since, .. } => (BreachState::StillOpen, since - self.due),
            DeadlineStatus::Met { at } => (BreachState::MetLate { at }, at - self.due),
            DeadlineStatus::Cancelled { at } => (BreachState::CancelledLate { at }, at - self.due),
        };
        (overdue > TimeDelta::zero()).then(|| Breach {
            deadline: self.id,
            kind: self.kind,
            due: self.due,
            overdue_seconds: overdue.num_seconds(),
            state,
        })
    }
}

/// T7 故障超時記錄: a missed deadline, which and by how long.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Breach {
    /// The deadline's number within its complaint.
    pub deadline: DeadlineId,
    /// What it was for.
    pub kind: DeadlineKind,
    /// When it was due.
    pub due: DateTime<Utc>,
    /// By how long it was missed, in seconds: until it was met or cancelled,
    /// or until `now` while it is still open.
    pub overdue_seconds: i64,
    /// Whether it was met late, cancelled late, or is still open.
    pub state: BreachState,
}

impl Breach {
    /// By how long the deadline was missed.
    #[must_use]
    pub fn overdue(&self) -> TimeDelta {
        TimeDelta::seconds(self.overdue_seconds)
    }
}

/// How a missed deadline ended, if it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum BreachState {
    /// Met, but after it was due.
    MetLate {
        /// When it was met.
        at: DateTime<Utc>,
    },
    /// Cancelled after it was due: the miss stays on record.
    CancelledLate {
        /// When it was cancelled.
        at: DateTime<Utc>,
    },
    /// Still open (or paused) and past due.
    StillOpen,
}
