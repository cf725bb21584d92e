//! The rules of each transition, written once: both the typed face
//! ([`Complaint::apply`](crate::Complaint::apply)) and the stored face
//! ([`ComplaintRecord::apply`](crate::ComplaintRecord::apply), replay) call
//! [`check`] before anything changes.
//!
//! Checks that depend on the [`Policy`] (size limits) run when an event is
//! applied; replay runs every other check, so a stored history stays valid
//! when the policy changes later.

use chrono::{DateTime, Utc};

mod core;
mod follow_up;
mod handling;
mod limits;

pub(crate) use self::core::check_accept;
use self::core::{
    authorize, check_execution, check_findings, check_option, check_proposal, check_review,
    check_uphold,
};
use follow_up::{
    check_attempt, check_close, check_completion, check_give_up, check_reopen, check_reschedule,
};
pub(crate) use handling::simple_in;
use handling::{
    check_await, check_contact, check_escalation, check_extension, check_fast_path, check_handover,
    check_reply, check_transfer,
};
use limits::Limits;

use super::event::{Event, Investigate};
use super::stage::StageKind;
use crate::actor::Actor;
use crate::error::TransitionError;
use crate::policy::Policy;
use crate::record::ComplaintRecord;

/// Checks `event` by `actor` at `at` against `record`; returns the next stage.
///
/// In order: the stage accepts the event (the transition table), the actor's
/// role may fire it, time does not go backwards (R7), and the event's own rule.
pub(crate) fn check(
    record: &ComplaintRecord,
    event: &Event,
    actor: &Actor,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
) -> Result<StageKind, TransitionError> {
    let kind = event.kind();
    let stage = record.stage();
    let next = stage
        .after(kind)
        .ok_or(TransitionError::NotAllowed { event: kind, stage })?;
    authorize(kind, actor)?;
    let previous = record.last_entry_at();
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
        Event::ChooseRemedy(choice) => check_option(record, choice.option),
        Event::Approve(approve) => check_option(record, approve.option),
        Event::Decline(decline) => limits.text("reason", &decline.reason),
        Event::Execute(execute) => check_execution(record, execute, at, limits),
        Event::Review(review) => check_review(review, limits),
        Event::Reopen(reopen) => check_reopen(record, &reopen.reason, limits),
        Event::Withdraw(withdraw) => limits.text("reason", &withdraw.reason),
        Event::AddNote(note) => limits.text("text", &note.text),
        Event::Contact(contact) => check_contact(contact, at, limits),
        Event::Assign(assign) => limits.text("owner", assign.owner.as_str()),
        Event::Transfer(transfer) => check_transfer(transfer, at, limits),
        Event::AwaitCustomer(wait) => check_await(record, &wait.reason, limits),
        Event::CustomerReplied(reply) => check_reply(record, &reply.summary, limits),
        Event::ExtendDeadline(extend) => check_extension(record, extend, at, policy, limits),
        Event::Escalate(escalate) => check_escalation(record, escalate, limits),
        Event::RepeatContact(contact) => limits.text("content", &contact.content),
        Event::Handover(handover) => check_handover(record, handover, limits),
        Event::ResolveOnFirstContact(resolve) => {
            check_fast_path(record, resolve, actor, at, policy, limits)
        }
        Event::AttemptFollowUp(attempt) => check_attempt(record, attempt, at, policy, limits),
        Event::RescheduleFollowUp(reschedule) => check_reschedule(record, reschedule, at, policy),
        Event::CompleteFollowUp(complete) => check_completion(record, complete, limits),
        Event::GiveUpFollowUp(give_up) => check_give_up(record, &give_up.note, limits),
        Event::Close(close) => check_close(record, close, limits),
        Event::PersonalDataErased(erased) => limits.text("reason", &erased.reason),
    }?;
    Ok(next)
}
