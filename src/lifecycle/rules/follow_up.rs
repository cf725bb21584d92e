//! The follow-up rules (F1–F7) and closing (R7, F5).

use chrono::{DateTime, Utc};

use super::facts::ComplaintFacts;
use super::handling::ahead;
use super::limits::Limits;
use crate::lifecycle::FollowUpStatus;
use crate::lifecycle::{AttemptFollowUp, Close, CompleteFollowUp, EventKind, RescheduleFollowUp};
use crate::lifecycle::{FollowUpError, TransitionError};
use crate::policy::Policy;

/// The follow-up's own table: a follow-up event needs a scheduled follow-up
/// whose stage accepts it.
pub(super) fn follow_up_stage(
    facts: &impl ComplaintFacts,
    event: EventKind,
) -> Result<FollowUpStatus, TransitionError> {
    let status = facts
        .follow_up()
        .ok_or(TransitionError::FollowUp(FollowUpError::NoFollowUp))?;
    if status.stage().after(event).is_none() {
        return Err(TransitionError::FollowUp(
            FollowUpError::FollowUpNotAllowed {
                event,
                stage: status.stage(),
            },
        ));
    }
    Ok(status)
}

/// F4: `at` must not be inside the customer's quiet hours, on their own clock.
pub(super) fn outside_quiet_hours(
    facts: &impl ComplaintFacts,
    at: DateTime<Utc>,
    policy: &Policy,
) -> Result<(), TransitionError> {
    let (zone, quiet) = facts.complainant().contact_window(policy);
    if quiet.is_quiet_at(at, zone) {
        Err(TransitionError::FollowUp(FollowUpError::QuietHours {
            local: zone.to_local(at),
            zone,
            quiet,
        }))
    } else {
        Ok(())
    }
}

/// F1, F4: an attempt records its method; it is never made inside the
/// customer's quiet hours, unless close to a time the customer asked for.
pub(super) fn check_attempt(
    facts: &impl ComplaintFacts,
    attempt: &AttemptFollowUp,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
    limits: Limits,
) -> Result<(), TransitionError> {
    let status = follow_up_stage(facts, EventKind::AttemptFollowUp)?;
    if let Some(note) = &attempt.note {
        limits.text("note", note)?;
    }
    let Some(policy) = policy else {
        return Ok(());
    };
    let requested = status.agreed().filter(|agreed| agreed.customer_requested);
    if let Some(agreed) = requested {
        let latest = policy
            .agreed_time_tolerance()
            .due(agreed.at, policy.calendar())
            .unwrap_or(agreed.at);
        if agreed.at <= at && at <= latest {
            return Ok(());
        }
    }
    outside_quiet_hours(facts, at, policy)
}

/// F7, F4: an agreed time lies ahead and outside the quiet hours, unless the
/// customer asked for it.
pub(super) fn check_reschedule(
    facts: &impl ComplaintFacts,
    reschedule: &RescheduleFollowUp,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
) -> Result<(), TransitionError> {
    follow_up_stage(facts, EventKind::RescheduleFollowUp)?;
    ahead("at", reschedule.at, at)?;
    match policy {
        Some(policy) if !reschedule.customer_requested => {
            outside_quiet_hours(facts, reschedule.at, policy)
        }
        _ => Ok(()),
    }
}

/// F2, F3, F6: a complete record, after the customer was reached; the text
/// F3 asks for is required at every satisfaction level.
pub(super) fn check_completion(
    facts: &impl ComplaintFacts,
    complete: &CompleteFollowUp,
    limits: Limits,
) -> Result<(), TransitionError> {
    let status = follow_up_stage(facts, EventKind::CompleteFollowUp)?;
    if !status.last_attempt_reached() {
        return Err(TransitionError::FollowUp(FollowUpError::CustomerNotReached));
    }
    limits.text(complete.outcome.text_field(), complete.outcome.text())
}

/// F5: a follow-up is given up only after every allowed attempt missed the customer.
pub(super) fn check_give_up(
    facts: &impl ComplaintFacts,
    note: &str,
    limits: Limits,
) -> Result<(), TransitionError> {
    let status = follow_up_stage(facts, EventKind::GiveUpFollowUp)?;
    limits.text("note", note)?;
    if status.last_attempt_reached() {
        return Err(TransitionError::FollowUp(FollowUpError::CustomerWasReached));
    }
    if status.attempts() < status.max_attempts() {
        return Err(TransitionError::FollowUp(
            FollowUpError::AttemptsRemaining {
                made: status.attempts(),
                allowed: status.max_attempts(),
            },
        ));
    }
    Ok(())
}

/// R7, F5: a complaint is reopened only once the follow-up of its round is
/// done (a dissatisfied follow-up is the usual reason), so that a new round
/// never hides an outstanding follow-up.
pub(super) fn check_reopen(
    facts: &impl ComplaintFacts,
    reason: &str,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("reason", reason)?;
    follow_up_done(facts)
}

/// F5: the follow-up of the current round, if any, is completed or exhausted.
fn follow_up_done(facts: &impl ComplaintFacts) -> Result<(), TransitionError> {
    match facts.follow_up() {
        Some(status) if !status.stage().is_done() => Err(TransitionError::FollowUp(
            FollowUpError::FollowUpOutstanding {
                stage: status.stage(),
            },
        )),
        _ => Ok(()),
    }
}

/// F5, R7: a handled complaint closes only once its follow-up is done; a
/// member's handled complaint always has one.
pub(super) fn check_close(
    facts: &impl ComplaintFacts,
    close: &Close,
    limits: Limits,
) -> Result<(), TransitionError> {
    if let Some(note) = &close.note {
        limits.text("note", note)?;
    }
    follow_up_done(facts)?;
    let unscheduled = facts.follow_up().is_none() && facts.handled_at().is_some();
    if facts.complainant().member && unscheduled {
        return Err(TransitionError::FollowUp(
            FollowUpError::MemberFollowUpMissing,
        ));
    }
    Ok(())
}
