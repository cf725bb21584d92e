//! D2: the deadline an event opens with a time limit of its own (a
//! referral's "within 15 business days"), counted on the policy's calendar
//! when the event is applied and recorded on its entry, so that replay
//! never asks today's calendar.

use chrono::{DateTime, Utc};

use crate::lifecycle::Decision;
use crate::lifecycle::Event;
use crate::lifecycle::TransitionError;
use crate::policy::Policy;

/// The decision that opens the deadline of `event`'s own time limit, if it has one.
pub(super) fn plan(
    event: &Event,
    at: DateTime<Utc>,
    policy: &Policy,
) -> Result<Option<Decision>, TransitionError> {
    let Some(own) = event.deadline_consequences(at).opens_by_own_limit else {
        return Ok(None);
    };
    let due = own
        .limit
        .due(own.from, policy.calendar())
        .map_err(|source| TransitionError::Calendar {
            kind: own.kind,
            source,
        })?;
    Ok(Some(Decision::OpenDeadline {
        kind: own.kind,
        started_at: own.from,
        due,
        clock: own.limit.counting(),
        // W1, W3: its warning and escalation chain from the policy, as for every deadline.
        alarms: policy.alarm_plan(own.kind, own.from, due),
    }))
}
