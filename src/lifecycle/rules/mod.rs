//! The rules of each transition, written once: both the typed face
//! ([`Complaint::apply`](crate::Complaint::apply)) and the stored face
//! ([`ComplaintRecord::apply`](crate::ComplaintRecord::apply), replay) call
//! [`check`] before anything changes.
//!
//! Checks that depend on the [`Policy`] (size limits) run when an event is
//! applied; replay runs every other check, so a stored history stays valid
//! when the policy changes later.

use chrono::{DateTime, Utc};

mod alarms;
mod classification;
mod core;
mod facts;
mod follow_up;
mod handling;
mod limits;
mod recourse;
mod redaction;

pub(crate) use self::core::check_accept;
use self::core::{
    authorize, check_execution, check_findings, check_option, check_proposal, check_review,
    check_uphold,
};
use follow_up::{
    check_attempt, check_close, check_completion, check_give_up, check_reopen, check_reschedule,
};
use handling::{
    check_await, check_contact, check_escalation, check_extension, check_fast_path, check_handover,
    check_reply, check_transfer,
};
pub(crate) use handling::{escalation_at_intake, simple_in};
use limits::Limits;
pub(crate) use recourse::window_end;
use recourse::{check_dispute, check_referral, check_referral_outcome};

use crate::lifecycle::StageKind;
use crate::lifecycle::TransitionError;
use crate::lifecycle::{Event, Investigate};
use crate::policy::Policy;
use crate::time::WaitingOn;
use crate::values::Actor;
pub(crate) use facts::ComplaintFacts;

/// Checks `event` by `actor` at `at` against `record`; returns the next stage.
///
/// In order: the stage accepts the event (the transition table), the actor's
/// role may fire it, time does not go backwards (R7), and the event's own rule.
pub(crate) fn check(
    facts: &impl ComplaintFacts,
    event: &Event,
    actor: &Actor,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
) -> Result<StageKind, TransitionError> {
    let kind = event.kind();
    let stage = facts.stage();
    let next = stage
        .after(kind)
        .ok_or(TransitionError::NotAllowed { event: kind, stage })?;
    authorize(kind, actor)?;
    let previous = facts.last_entry_at();
    if at < previous {
        return Err(TransitionError::TimeWentBackwards { at, previous });
    }
    let limits = Limits::from(policy);
    match event {
        // No stage accepts `Accept`: the table refused it above.
        Event::Accept(_) => Err(TransitionError::NotAllowed { event: kind, stage }),
        Event::Uphold(uphold) => check_uphold(uphold, at, limits),
        Event::Dismiss(dismiss) => limits.text("reply", &dismiss.reply),
        Event::Investigate(Investigate { findings }) => check_findings(findings, limits),
        Event::Propose(propose) => check_proposal(propose, limits),
        Event::ChooseRemedy(choice) => check_option(facts, choice.option),
        Event::Approve(approve) => check_option(facts, approve.option),
        Event::Decline(decline) => limits.text("reason", &decline.reason),
        Event::Execute(execute) => check_execution(facts, execute, at, limits),
        Event::Review(review) => check_review(review, limits),
        Event::Reopen(reopen) => check_reopen(facts, &reopen.reason, limits),
        Event::Dispute(dispute) => check_dispute(facts, dispute, at, policy, limits),
        Event::Refer(refer) => check_referral(facts, refer, at, policy, limits),
        Event::RecordReferralOutcome(outcome) => check_referral_outcome(outcome, limits),
        Event::Withdraw(withdraw) => limits.text("reason", &withdraw.reason),
        Event::AddNote(note) => limits.text("text", &note.text),
        Event::Contact(contact) => check_contact(contact, at, limits),
        Event::Assign(assign) => limits.text("owner", assign.owner.as_str()),
        Event::Transfer(transfer) => check_transfer(transfer, at, limits),
        Event::ProgressUpdate(update) => limits.text("summary", &update.summary),
        Event::AwaitCustomer(wait) => limits
            .text("reason", &wait.reason)
            .and_then(|()| check_await(facts, WaitingOn::Customer)),
        Event::CustomerReplied(reply) => {
            check_reply(facts, WaitingOn::Customer, &reply.summary, limits)
        }
        // W5: the wait on a third party names who is awaited.
        Event::AwaitThirdParty(wait) => limits
            .text("party", &wait.party)
            .and_then(|()| limits.text("reason", &wait.reason))
            .and_then(|()| check_await(facts, WaitingOn::ThirdParty)),
        Event::ThirdPartyReplied(reply) => {
            check_reply(facts, WaitingOn::ThirdParty, &reply.summary, limits)
        }
        Event::Reclassify(reclassify) => {
            classification::check_reclassify(facts, reclassify, limits)
        }
        Event::ExtendDeadline(extend) => check_extension(facts, extend, at, policy, limits),
        Event::Escalate(escalate) => check_escalation(facts, escalate, limits)
            .and_then(|()| alarms::check_step(facts, escalate, at)),
        Event::RaiseAlarm(raise) => alarms::check_raise(facts, raise, at),
        Event::RepeatContact(contact) => limits.text("content", &contact.content),
        Event::Handover(handover) => check_handover(facts, handover, limits),
        Event::ResolveOnFirstContact(resolve) => {
            check_fast_path(facts, resolve, actor, at, policy, limits)
        }
        Event::AttemptFollowUp(attempt) => check_attempt(facts, attempt, at, policy, limits),
        Event::RescheduleFollowUp(reschedule) => check_reschedule(facts, reschedule, at, policy),
        Event::CompleteFollowUp(complete) => check_completion(facts, complete, limits),
        Event::GiveUpFollowUp(give_up) => check_give_up(facts, &give_up.note, limits),
        Event::Close(close) => check_close(facts, close, limits),
        Event::PersonalDataErased(erased) => limits.text("reason", &erased.reason),
        Event::Redact(redact) => redaction::check_redaction(facts, redact, limits),
    }?;
    Ok(next)
}
