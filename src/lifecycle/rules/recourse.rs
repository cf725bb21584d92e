//! The customer's recourse against the final response: the dispute (D1) and
//! the referral to an external body (D2), with the policy's window for both,
//! and the body's outcome.

use chrono::{DateTime, Utc};

use super::facts::ComplaintFacts;
use super::follow_up::check_reopen;
use super::handling::ahead;
use super::limits::Limits;
use crate::lifecycle::{BodyDue, Dispute, RecordReferralOutcome, Refer};
use crate::lifecycle::{RecourseError, TransitionError};
use crate::policy::Policy;
use crate::time::{CalendarError, DeadlineKind};

/// D1: a dispute says what is disputed, comes within the policy's window
/// from the final response, and (F5, as a reopen) after the follow-up of the
/// disputed round is done.
pub(super) fn check_dispute(
    facts: &impl ComplaintFacts,
    dispute: &Dispute,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
    limits: Limits,
) -> Result<(), TransitionError> {
    within_window(facts, at, policy)?;
    check_reopen(facts, &dispute.reason, limits)
}

/// D2: a referral names the body and its reference, comes within the
/// policy's window from the final response, and gives the body's deadline
/// ahead of the referral.
pub(super) fn check_referral(
    facts: &impl ComplaintFacts,
    refer: &Refer,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
    limits: Limits,
) -> Result<(), TransitionError> {
    within_window(facts, at, policy)?;
    limits.text("body", &refer.body)?;
    limits.text("reference", &refer.reference)?;
    match refer.body_due {
        BodyDue::At(due) => ahead("body_due", due, at),
        // Counted on the policy's calendar when applied; on replay the due
        // time is the recorded decision, checked by the ledger.
        BodyDue::Within(limit) => match policy {
            Some(policy) => {
                let due = limit.due(at, policy.calendar()).map_err(|source| {
                    TransitionError::Calendar {
                        kind: DeadlineKind::Referral,
                        source,
                    }
                })?;
                ahead("body_due", due, at)
            }
            None => Ok(()),
        },
    }
}

/// D2: the body's outcome is recorded with its words.
pub(super) fn check_referral_outcome(
    outcome: &RecordReferralOutcome,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("note", &outcome.note)
}

/// D1, D2: the complaint had a final response, and `at` is within the
/// policy's window from it. The window is the policy's, so replay (without a
/// policy) checks only that there was a final response: a history stays
/// valid when the window changes later.
fn within_window(
    facts: &impl ComplaintFacts,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
) -> Result<(), TransitionError> {
    let final_response_at = facts
        .handled_at()
        .ok_or(TransitionError::Recourse(RecourseError::NoFinalResponse))?;
    let Some(policy) = policy else {
        return Ok(());
    };
    let window_ends = window_end(final_response_at, policy)
        .map_err(|source| RecourseError::WindowUncountable { source })?;
    if at > window_ends {
        return Err(TransitionError::Recourse(RecourseError::WindowClosed {
            final_response_at,
            window_ends,
            at,
        }));
    }
    Ok(())
}

/// D1, D2: when the window for a dispute or a referral of a final response
/// given at `final_response_at` ends under `policy`.
pub(crate) fn window_end(
    final_response_at: DateTime<Utc>,
    policy: &Policy,
) -> Result<DateTime<Utc>, CalendarError> {
    policy
        .dispute_window()
        .due(final_response_at, policy.calendar())
}
