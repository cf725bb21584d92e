//! The follow-up of one handling round, as a fold over the history: when it
//! is scheduled (F7), which slot is proposed outside the customer's quiet
//! hours (F4), the attempts (F1), and how it ends (F2, F3, F5).

use chrono::{DateTime, Utc};

use crate::lifecycle::Effect;
use crate::lifecycle::FollowUpStageKind;
use crate::lifecycle::TransitionError;
use crate::lifecycle::{AgreedTime, FollowUpStatus};
use crate::lifecycle::{Complainant, Event};
use crate::policy::Policy;
use crate::time::DeadlineKind;

/// The policy's part of a follow-up event or of the events that schedule one.
pub(crate) fn plan(
    status: Option<&FollowUpStatus>,
    complainant: &Complainant,
    event: &Event,
    at: DateTime<Utc>,
    policy: &Policy,
) -> Result<Vec<Effect>, TransitionError> {
    // The contact window is read only by the events that propose a slot.
    let slot_after = |after: DateTime<Utc>| {
        let (zone, quiet) = complainant.contact_window(policy);
        quiet
            .next_contact_time(after, zone)
            .ok_or(TransitionError::NoContactTime { after })
    };
    match event {
        // F7, F5: a remedy executed or a dismissal replied schedules the
        // follow-up: every member's, and everyone's unless the policy says not.
        Event::Execute(_) | Event::Dismiss(_) | Event::ResolveOnFirstContact(_)
            if complainant.member || policy.follow_up_non_members() =>
        {
            let limit = policy.follow_up();
            let due =
                limit
                    .due(at, policy.calendar())
                    .map_err(|source| TransitionError::Calendar {
                        kind: DeadlineKind::FollowUp,
                        source,
                    })?;
            Ok(vec![
                Effect::OpenDeadline {
                    kind: DeadlineKind::FollowUp,
                    started_at: at,
                    due,
                    clock: limit.clock(),
                },
                Effect::ScheduleFollowUp {
                    slot: slot_after(at)?,
                    max_attempts: policy.follow_up_attempts(),
                },
            ])
        }
        // F7: an unreachable customer gets a further attempt, again outside quiet hours.
        Event::AttemptFollowUp(attempt) if !attempt.reached => match status {
            Some(status) if status.attempts + 1 < status.max_attempts => {
                let after = policy
                    .follow_up_retry_after()
                    .due(at, policy.calendar())
                    .map_err(|source| TransitionError::Calendar {
                        kind: DeadlineKind::FollowUp,
                        source,
                    })?;
                Ok(vec![Effect::RetryFollowUp {
                    slot: slot_after(after)?,
                }])
            }
            _ => Ok(Vec::new()),
        },
        _ => Ok(Vec::new()),
    }
}

/// On replay: a recorded follow-up effect is one its event can have.
pub(crate) fn check_recorded(event: &Event, effect: &Effect) -> Result<(), &'static str> {
    match (effect, event) {
        (
            Effect::ScheduleFollowUp { max_attempts, .. },
            Event::Execute(_) | Event::Dismiss(_) | Event::ResolveOnFirstContact(_),
        ) => {
            if *max_attempts == 0 {
                Err("a follow-up is scheduled with no attempt allowed")
            } else {
                Ok(())
            }
        }
        (Effect::RetryFollowUp { .. }, Event::AttemptFollowUp(attempt)) if !attempt.reached => {
            Ok(())
        }
        (Effect::ScheduleFollowUp { .. }, _) => {
            Err("only an executed remedy or a replied dismissal schedules a follow-up")
        }
        (Effect::RetryFollowUp { .. }, _) => {
            Err("only an attempt that missed the customer schedules a retry")
        }
        _ => Ok(()),
    }
}

/// Folds one entry into the follow-up: the events first, then the slots the
/// entry recorded.
pub(crate) fn apply(
    status: &mut Option<FollowUpStatus>,
    index: usize,
    at: DateTime<Utc>,
    event: &Event,
    effects: &[Effect],
) {
    if let Some(current) = status.as_mut() {
        match event {
            Event::AttemptFollowUp(attempt) => {
                current.attempts = current.attempts.saturating_add(1);
                current.last_reached = attempt.reached;
                current.stage = FollowUpStageKind::Attempted;
            }
            Event::RescheduleFollowUp(reschedule) => {
                current.agreed = Some(AgreedTime {
                    at: reschedule.at,
                    customer_requested: reschedule.customer_requested,
                });
                current.slot = reschedule.at;
            }
            Event::CompleteFollowUp(_) => {
                current.stage = FollowUpStageKind::Completed;
                current.completion = Some(index);
                current.done_at = Some(at);
            }
            Event::GiveUpFollowUp(_) => {
                current.stage = FollowUpStageKind::Exhausted;
                current.done_at = Some(at);
            }
            // R7: a reopened complaint starts a new round, with its own follow-up.
            Event::Reopen(_) => *status = None,
            _ => {}
        }
    }
    for effect in effects {
        match *effect {
            Effect::ScheduleFollowUp { slot, max_attempts } => {
                *status = Some(FollowUpStatus {
                    stage: FollowUpStageKind::Scheduled,
                    scheduled_at: at,
                    slot,
                    agreed: None,
                    max_attempts,
                    attempts: 0,
                    last_reached: false,
                    completion: None,
                    done_at: None,
                });
            }
            Effect::RetryFollowUp { slot } => {
                if let Some(current) = status.as_mut() {
                    current.slot = slot;
                    current.agreed = None;
                }
            }
            _ => {}
        }
    }
}
