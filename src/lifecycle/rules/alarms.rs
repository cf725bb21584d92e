//! W1, W3: an alarm is raised once, when it has fallen, on a running
//! deadline; an escalation that fires a level of a deadline's chain goes to
//! that level's role, once the level has fallen. A level fires once because
//! an escalation must go higher than the complaint's level (E3): a level
//! already reached, by the chain or by hand, is never owed again.

use chrono::{DateTime, Utc};

use super::facts::ComplaintFacts;
use crate::lifecycle::{AlarmError, Escalate, RaiseAlarm, TransitionError};
use crate::time::{AlarmLevel, Deadline, DeadlineId};

/// The running deadline `id` names.
fn running(facts: &impl ComplaintFacts, id: DeadlineId) -> Result<&Deadline, AlarmError> {
    let deadline = facts
        .deadline(id)
        .ok_or(AlarmError::UnknownDeadline { deadline: id })?;
    if !deadline.is_open() {
        return Err(AlarmError::DeadlineNotRunning {
            deadline: id,
            status: deadline.status(),
        });
    }
    Ok(deadline)
}

/// `falls_at` has come by `at`.
fn fallen(
    deadline: DeadlineId,
    alarm: String,
    falls_at: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Result<(), AlarmError> {
    if at < falls_at {
        return Err(AlarmError::NotYet {
            deadline,
            alarm,
            falls_at,
        });
    }
    Ok(())
}

/// W1: a [`RaiseAlarm`] names a running deadline whose alarm has fallen and
/// was not raised before.
pub(super) fn check_raise(
    facts: &impl ComplaintFacts,
    raise: &RaiseAlarm,
    at: DateTime<Utc>,
) -> Result<(), TransitionError> {
    let id = raise.deadline;
    let deadline = running(facts, id)?;
    let (alarm, falls_at) = match raise.level {
        AlarmLevel::AtRisk => (
            "warning",
            deadline
                .warns_at()
                .ok_or(AlarmError::NoWarning { deadline: id })?,
        ),
        AlarmLevel::Breached => ("due time", deadline.due()),
    };
    fallen(id, alarm.to_owned(), falls_at, at)?;
    if deadline.alarm_raised(raise.level) {
        return Err(AlarmError::AlreadyRaised {
            deadline: id,
            level: raise.level,
        }
        .into());
    }
    Ok(())
}

/// W3: an [`Escalate`] that fires a level of a chain names a running
/// deadline with that level, goes to the level's role, and comes once the
/// level has fallen. Whether it goes higher is E3's check, run before.
pub(super) fn check_step(
    facts: &impl ComplaintFacts,
    escalate: &Escalate,
    at: DateTime<Utc>,
) -> Result<(), TransitionError> {
    let Some(step) = escalate.step else {
        return Ok(());
    };
    let deadline = running(facts, step.deadline)?;
    let unknown = AlarmError::UnknownLevel {
        deadline: step.deadline,
        level: step.level,
    };
    let index = usize::from(step.level)
        .checked_sub(1)
        .ok_or(unknown.clone())?;
    let level = deadline
        .escalation_chain()
        .get(index)
        .ok_or(unknown.clone())?;
    if level.to != escalate.to {
        return Err(AlarmError::LevelRole {
            deadline: step.deadline,
            level: step.level,
            expected: level.to,
            requested: escalate.to,
        }
        .into());
    }
    let falls_at = deadline.escalation_falls_at(step.level).ok_or(unknown)?;
    let alarm = format!("escalation level {}", step.level);
    fallen(step.deadline, alarm, falls_at, at)?;
    Ok(())
}
