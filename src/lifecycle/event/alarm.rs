//! W1, W3: the alarms a due-worker records: a deadline at risk or missed,
//! and the level of an escalation chain an escalation fires.

use serde::{Deserialize, Serialize};

use crate::time::{AlarmLevel, DeadlineId};

/// W1: a deadline's alarm was raised — its warning time or its due time
/// passed and the people who must know were told. Recorded by a due-worker
/// (or by hand); each alarm of a deadline is raised once, and only once it
/// has fallen, so that the complaint's next alarm moves on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RaiseAlarm {
    /// Which deadline.
    pub deadline: DeadlineId,
    /// Which of its alarms: at risk (its warning) or breached (its due time).
    pub level: AlarmLevel,
}

/// W3: the level of a deadline's escalation chain that an
/// [`Escalate`](crate::event::Escalate) fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationStep {
    /// Which deadline's chain.
    pub deadline: DeadlineId,
    /// The level, from 1.
    pub level: u8,
}
