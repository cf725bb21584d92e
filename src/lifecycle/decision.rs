//! [`Decision`]: what the policy decided when an entry was made, recorded on
//! the entry so that a history replays to the same result under any later
//! policy.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::time::{AlarmPlan, Counting, DeadlineId, DeadlineKind, TimeLimit};

/// A decision the [`Policy`](crate::Policy) made when an entry was applied.
///
/// Due times, pauses and follow-up slots depend on the policy in force at the
/// time; the entry keeps them, and replay reads them back instead of asking
/// today's policy. Replay checks that each effect is one its event can have.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Decision {
    /// A new deadline, numbered after the ones before it.
    OpenDeadline {
        /// What it is for.
        kind: DeadlineKind,
        /// When its clock starts.
        started_at: DateTime<Utc>,
        /// When it is due.
        due: DateTime<Utc>,
        /// How its time was counted.
        clock: Counting,
        /// W1, W3: its warning and escalation chain (none in histories
        /// written before them).
        #[serde(default, skip_serializing_if = "AlarmPlan::is_empty")]
        alarms: AlarmPlan,
    },
    /// W1, W3: the warning and escalation chain of the deadline the event
    /// opens from its own data (an agreed investigation time, a promised
    /// callback, a transfer's tracking).
    PlanAlarms {
        /// The plan.
        alarms: AlarmPlan,
    },
    /// An open deadline stops while the complaint waits on the customer.
    PauseDeadline {
        /// Which deadline.
        deadline: DeadlineId,
    },
    /// A paused business-clock deadline runs again, due later by the working
    /// time the wait took on the policy's calendar.
    ResumeDeadline {
        /// Which deadline.
        deadline: DeadlineId,
        /// Its new due time.
        due: DateTime<Utc>,
    },
    /// W2: an unfinished deadline, not missed yet, re-targeted when the
    /// complaint was reclassified: the limit the policy's target rules gave
    /// for the new classification, the due time it gives from the deadline's
    /// start, the due time after what pauses and extensions had added to the
    /// deadline, and its alarms planned again for the new target.
    RetargetDeadline {
        /// Which deadline.
        deadline: DeadlineId,
        /// The limit the rules chose.
        limit: TimeLimit,
        /// The limit counted from the deadline's start: its new
        /// [`original_due`](crate::deadline::Deadline::original_due).
        target_due: DateTime<Utc>,
        /// Its new due time.
        due: DateTime<Utc>,
        /// W1, W3: its warning and escalation chain for the new target.
        #[serde(default, skip_serializing_if = "AlarmPlan::is_empty")]
        alarms: AlarmPlan,
    },
    /// F4, F7: a follow-up is scheduled, with the first slot outside the
    /// customer's quiet hours and the number of attempts the policy allows.
    ScheduleFollowUp {
        /// The proposed time of the first attempt.
        slot: DateTime<Utc>,
        /// How many attempts before the follow-up may be given up.
        max_attempts: u32,
    },
    /// F7: after an attempt that did not reach the customer, the slot of the
    /// next attempt, again outside the customer's quiet hours.
    RetryFollowUp {
        /// The proposed time of the next attempt.
        slot: DateTime<Utc>,
    },
}
