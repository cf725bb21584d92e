//! Alarms on deadlines as data: W1 warnings before a breach and W3
//! escalation chains — when a deadline warns, who hears of it when it is at
//! risk or missed, and the plan a deadline keeps of both from the policy in
//! force when it opened.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::values::Role;

/// W1: when a deadline warns that it is at risk, before it is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "at", rename_all = "snake_case", deny_unknown_fields)]
pub enum Warning {
    /// When this share of the time from the deadline's start to its due time
    /// has passed: `75` warns after three quarters of the time (1–99).
    ShareElapsed {
        /// The share, in percent (1–99).
        percent: u8,
    },
    /// This long before the due time (more than zero).
    LeadTime {
        /// The lead, in minutes.
        minutes: u32,
    },
}

impl Warning {
    /// How long before its due time a deadline that runs from `started_at`
    /// to `due` warns, in whole seconds: the share's complement of the time
    /// limit, or the lead; never more than the time limit itself, so that a
    /// deadline never warns before it starts.
    #[must_use]
    pub fn lead_seconds(self, started_at: DateTime<Utc>, due: DateTime<Utc>) -> i64 {
        let limit = (due - started_at).num_seconds().max(0);
        let lead = match self {
            Warning::ShareElapsed { percent } => {
                let left = 100 - i64::from(percent.min(100));
                limit.saturating_mul(left) / 100
            }
            Warning::LeadTime { minutes } => i64::from(minutes).saturating_mul(60),
        };
        lead.clamp(0, limit)
    }
}

/// W3: what sets off a level of an escalation chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "when", rename_all = "snake_case", deny_unknown_fields)]
pub enum EscalationTrigger {
    /// The deadline is at risk: its W1 warning time (its due time when it
    /// has no warning).
    AtRisk,
    /// The deadline is missed: its due time.
    Breached,
    /// The deadline has been missed for this long.
    BreachedFor {
        /// How long after the due time, in minutes (more than zero).
        minutes: u32,
    },
}

impl fmt::Display for EscalationTrigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EscalationTrigger::AtRisk => f.write_str("at risk"),
            EscalationTrigger::Breached => f.write_str("breached"),
            EscalationTrigger::BreachedFor { minutes } => {
                write!(f, "breached for {minutes} minutes")
            }
        }
    }
}

/// W3: one level of an escalation chain: when it fires and to whom the
/// complaint goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationLevel {
    /// What sets it off.
    pub trigger: EscalationTrigger,
    /// The role the complaint is escalated to.
    pub to: Role,
}

/// What a deadline was told, when it opened, about its alarms (W1, W3): the
/// lead of its warning and its escalation chain, from the policy in force
/// then. Kept on the entry that opened the deadline, so that replay never
/// asks today's policy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlarmPlan {
    /// W1: how long before its due time the deadline warns, in whole
    /// seconds; `None`: it does not warn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warn_before_seconds: Option<i64>,
    /// W3: its escalation chain, lowest level first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub escalation: Vec<EscalationLevel>,
}

impl AlarmPlan {
    /// Whether the plan has neither a warning nor a chain: the deadline's
    /// only alarm is its due time.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.warn_before_seconds.is_none() && self.escalation.is_empty()
    }
}

/// W1: the two alarms a deadline raises itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlarmLevel {
    /// The warning time passed: the deadline is at risk.
    AtRisk,
    /// The due time passed: the deadline is missed.
    Breached,
}

impl AlarmLevel {
    /// The snake-case name used in the stored format.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            AlarmLevel::AtRisk => "at_risk",
            AlarmLevel::Breached => "breached",
        }
    }
}

impl fmt::Display for AlarmLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AlarmLevel::AtRisk => "at risk",
            AlarmLevel::Breached => "breached",
        })
    }
}

/// W1: where a deadline stands against its alarms at a given time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlarmState {
    /// Neither its warning time nor its due time has passed (or it is done
    /// in time, or paused before it was missed).
    OnTrack,
    /// Its warning time has passed and it is still running.
    AtRisk,
    /// It is missed ([`Deadline::breach`](crate::deadline::Deadline::breach)).
    Breached,
}

/// W1, W3: one alarm point of a deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "point", rename_all = "snake_case")]
pub enum AlarmPoint {
    /// W1: its warning time.
    Warning,
    /// Its due time.
    Due,
    /// W3: a level of its escalation chain (from 1).
    Escalation {
        /// The level, from 1.
        level: u8,
        /// The role that level escalates to.
        to: Role,
    },
}

/// W1: a deadline's alarm that has not been raised yet, and when it falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Alarm {
    /// When it falls.
    pub at: DateTime<Utc>,
    /// The deadline's number within its complaint.
    pub deadline: super::DeadlineId,
    /// What the deadline is for.
    pub kind: super::DeadlineKind,
    /// Which alarm.
    pub point: AlarmPoint,
}

/// The due time plus `seconds` (saturating at the end of time).
pub(crate) fn after(due: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    due.checked_add_signed(TimeDelta::seconds(seconds))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}
