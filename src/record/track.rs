//! The follow-up of one handling round, as a fold over the history: when it
//! is scheduled (F7), which slot is proposed outside the customer's quiet
//! hours (F4), the attempts (F1), and how it ends (F2, F3, F5).

use chrono::{DateTime, Utc};

use crate::lifecycle::Decision;
use crate::lifecycle::FollowUpStageKind;
use crate::lifecycle::consequences::FollowUpConsequence;
use crate::lifecycle::{AgreedTime, FollowUpStatus};
use crate::lifecycle::{Complainant, Event};
use crate::lifecycle::{FollowUpError, TransitionError};
use crate::policy::Policy;
use crate::record::error::DecisionError;
use crate::time::DeadlineKind;

/// The policy's part of a follow-up event or of the events that schedule
/// one, as the event's [`FollowUpConsequence`] says. The follow-up deadline
/// itself is the ledger's (it opens where this schedules, F5).
pub(crate) fn plan(
    status: Option<&FollowUpStatus>,
    complainant: &Complainant,
    event: &Event,
    at: DateTime<Utc>,
    policy: &Policy,
) -> Result<Vec<Decision>, TransitionError> {
    // The contact window is read only by the events that propose a slot.
    let slot_after = |after: DateTime<Utc>| {
        let (zone, quiet) = complainant.contact_window(policy);
        quiet
            .next_contact_time(after, zone)
            .ok_or(FollowUpError::NoContactTime { after })
    };
    match event.follow_up_consequence() {
        // F7, F5: every member's handled complaint is followed up, and
        // everyone's unless the policy says not.
        FollowUpConsequence::Schedules if complainant.is_followed_up(policy) => {
            Ok(vec![Decision::ScheduleFollowUp {
                slot: slot_after(at)?,
                max_attempts: policy.follow_up_attempts(),
            }])
        }
        // F7: an unreachable customer gets a further attempt, again outside
        // quiet hours, while attempts remain.
        FollowUpConsequence::Attempt { reached: false } => match status {
            Some(status) if status.attempts + 1 < status.max_attempts => {
                let after = policy
                    .follow_up_retry_after()
                    .due(at, policy.calendar())
                    .map_err(|source| TransitionError::Calendar {
                        kind: DeadlineKind::FollowUp,
                        source,
                    })?;
                Ok(vec![Decision::RetryFollowUp {
                    slot: slot_after(after)?,
                }])
            }
            Some(_) | None => Ok(Vec::new()),
        },
        FollowUpConsequence::Schedules
        | FollowUpConsequence::Attempt { reached: true }
        | FollowUpConsequence::Untouched
        | FollowUpConsequence::Agree { .. }
        | FollowUpConsequence::Complete
        | FollowUpConsequence::GiveUp
        | FollowUpConsequence::NewRound => Ok(Vec::new()),
    }
}

/// On replay: a recorded follow-up decision is one its event's
/// [`FollowUpConsequence`] allows.
pub(crate) fn check_recorded(event: &Event, effect: &Decision) -> Result<(), DecisionError> {
    let consequence = event.follow_up_consequence();
    match effect {
        Decision::ScheduleFollowUp { max_attempts, .. } => {
            if consequence != FollowUpConsequence::Schedules {
                Err(DecisionError::ScheduleNotAllowed)
            } else if *max_attempts == 0 {
                Err(DecisionError::NoAttemptAllowed)
            } else {
                Ok(())
            }
        }
        Decision::RetryFollowUp { .. } => {
            if consequence == (FollowUpConsequence::Attempt { reached: false }) {
                Ok(())
            } else {
                Err(DecisionError::RetryNotAllowed)
            }
        }
        // The deadline decisions are the ledger's to check.
        Decision::OpenDeadline { .. }
        | Decision::PlanAlarms { .. }
        | Decision::PauseDeadline { .. }
        | Decision::ResumeDeadline { .. }
        | Decision::RetargetDeadline { .. } => Ok(()),
    }
}

/// Folds one entry into the follow-up: the event first, then the slots the
/// entry recorded.
pub(crate) fn apply(
    status: &mut Option<FollowUpStatus>,
    index: usize,
    at: DateTime<Utc>,
    event: &Event,
    effects: &[Decision],
) {
    if let Some(current) = status.as_mut() {
        match event.follow_up_consequence() {
            FollowUpConsequence::Attempt { reached } => {
                current.attempts = current.attempts.saturating_add(1);
                current.last_reached = reached;
                current.stage = FollowUpStageKind::Attempted;
            }
            FollowUpConsequence::Agree {
                at,
                customer_requested,
            } => {
                current.agreed = Some(AgreedTime {
                    at,
                    customer_requested,
                });
                current.slot = at;
            }
            FollowUpConsequence::Complete => {
                current.stage = FollowUpStageKind::Completed;
                current.completion = Some(index);
                current.done_at = Some(at);
            }
            FollowUpConsequence::GiveUp => {
                current.stage = FollowUpStageKind::Exhausted;
                current.done_at = Some(at);
            }
            FollowUpConsequence::NewRound => *status = None,
            // The schedule itself is the recorded decision, folded below.
            FollowUpConsequence::Schedules | FollowUpConsequence::Untouched => {}
        }
    }
    for effect in effects {
        match *effect {
            Decision::ScheduleFollowUp { slot, max_attempts } => {
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
            Decision::RetryFollowUp { slot } => {
                if let Some(current) = status.as_mut() {
                    current.slot = slot;
                    current.agreed = None;
                }
            }
            Decision::OpenDeadline { .. }
            | Decision::PlanAlarms { .. }
            | Decision::PauseDeadline { .. }
            | Decision::ResumeDeadline { .. }
            | Decision::RetargetDeadline { .. } => {}
        }
    }
}
