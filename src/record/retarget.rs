//! W2: re-targeting a complaint's deadlines when it is reclassified. Which
//! deadlines move, to what, and what a recorded re-target does to a
//! deadline; the ledger calls these when it plans, checks and folds a
//! reclassification.
//!
//! A deadline moves when it is unfinished (open or paused), not missed yet,
//! and of a kind the policy's target rules time (at least one rule names
//! its kind). Its new limit is the one the rules give for the new
//! classification, counted from the deadline's own start on the policy's
//! calendar; what pauses and extensions had added to it is added again (on
//! the new limit's clock: working time for business-clock limits, elapsed
//! time for the others). A deadline already missed stays missed (T7): it
//! is not re-targeted, even when the new limit would have been longer.

use chrono::{DateTime, TimeDelta, Utc};

use crate::lifecycle::Decision;
use crate::lifecycle::TransitionError;
use crate::policy::{Policy, TargetFacts};
use crate::record::error::DecisionError;
use crate::time::{
    AlarmPlan, AlarmState, BusinessCalendar, CalendarError, Counting, Deadline, DeadlineStatus,
    TimeLimit,
};

/// W2: the re-targets a reclassification at `at` to `facts` decides, one per
/// deadline that moves (a deadline whose target, due time and alarms stay
/// as they are gets none).
pub(super) fn plan(
    deadlines: &[Deadline],
    at: DateTime<Utc>,
    policy: &Policy,
    facts: &TargetFacts,
) -> Result<Vec<Decision>, TransitionError> {
    let mut decisions = Vec::new();
    for deadline in deadlines {
        if !still_running(deadline, at) {
            continue;
        }
        let kind = deadline.kind;
        if !policy.targets().iter().any(|rule| rule.kind == kind) {
            continue;
        }
        let Some(limit) = policy.time_limit_for(kind, facts) else {
            continue;
        };
        let calendar = policy.calendar();
        let retimed = limit
            .due(deadline.started_at, calendar)
            .and_then(|target_due| {
                let due = carried(deadline, target_due, limit, calendar)?;
                Ok((target_due, due))
            })
            .map_err(|source| TransitionError::Calendar { kind, source })?;
        let (target_due, due) = retimed;
        let alarms = policy.alarm_plan(kind, deadline.started_at, target_due);
        let unchanged = target_due == deadline.original_due
            && due == deadline.due
            && limit.counting() == deadline.clock
            && alarms == deadline.alarms;
        if unchanged {
            continue;
        }
        decisions.push(Decision::RetargetDeadline {
            deadline: deadline.id,
            limit,
            target_due,
            due,
            alarms,
        });
    }
    Ok(decisions)
}

/// On replay: a recorded re-target names a deadline that was unfinished and
/// not missed at the reclassification, and is due no earlier than it started.
pub(super) fn check(
    deadline: Option<&Deadline>,
    at: DateTime<Utc>,
    target_due: DateTime<Utc>,
    due: DateTime<Utc>,
) -> Result<(), DecisionError> {
    let Some(deadline) = deadline.filter(|deadline| still_running(deadline, at)) else {
        return Err(DecisionError::RetargetedNotRunning);
    };
    if target_due < deadline.started_at || due < deadline.started_at {
        return Err(DecisionError::DueBeforeStart);
    }
    Ok(())
}

/// Folds a recorded re-target at `at` into its deadline: the new target and
/// due time, the new limit's clock, the new alarms. A deadline whose new
/// warning time lies ahead is on track again and warns again (W1).
pub(super) fn apply(
    deadline: &mut Deadline,
    at: DateTime<Utc>,
    limit: TimeLimit,
    target_due: DateTime<Utc>,
    due: DateTime<Utc>,
    alarms: &AlarmPlan,
) {
    deadline.original_due = target_due;
    deadline.due = due;
    deadline.clock = limit.counting();
    deadline.alarms = alarms.clone();
    if let DeadlineStatus::Paused {
        since,
        ref mut remaining_seconds,
        ..
    } = deadline.status
    {
        *remaining_seconds = (due - since).num_seconds();
    }
    if deadline.warns_at().is_none_or(|warns| warns > at) {
        deadline.raised.at_risk = false;
    }
}

/// Whether a deadline is unfinished and not missed at `at`: one a
/// reclassification may re-target.
fn still_running(deadline: &Deadline, at: DateTime<Utc>) -> bool {
    let unfinished = matches!(
        deadline.status,
        DeadlineStatus::Open | DeadlineStatus::Paused { .. }
    );
    unfinished && deadline.alarm_state(at) != AlarmState::Breached
}

/// The due time of a deadline re-targeted to `target_due`: later by what
/// its pauses and extensions had added to its previous target, measured on
/// the new limit's clock.
fn carried(
    deadline: &Deadline,
    target_due: DateTime<Utc>,
    limit: TimeLimit,
    calendar: &BusinessCalendar,
) -> Result<DateTime<Utc>, CalendarError> {
    match limit.counting() {
        Counting::Calendar => {
            let added = (deadline.due - deadline.original_due).max(TimeDelta::zero());
            target_due
                .checked_add_signed(added)
                .ok_or(CalendarError::OutOfRange)
        }
        Counting::Business => {
            let added = calendar.working_time_between(deadline.original_due, deadline.due)?;
            calendar.add_working_time(target_due, added)
        }
    }
}
