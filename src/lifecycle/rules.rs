//! The rules of each transition, written once: both the typed face
//! ([`Complaint::apply`](crate::Complaint::apply)) and the stored face
//! ([`ComplaintRecord::apply`](crate::ComplaintRecord::apply), replay) call
//! [`check`] before anything changes.
//!
//! Checks that depend on the [`Policy`] (size limits) run when an event is
//! applied; replay runs every other check, so a stored history stays valid
//! when the policy changes later.

use chrono::{DateTime, Utc};

use super::event::{
    Accept, AttemptFollowUp, Close, CompleteFollowUp, Contact, Escalate, Event, EventKind, Execute,
    ExtendDeadline, Findings, Handover, Investigate, Propose, RescheduleFollowUp,
    ResolveOnFirstContact, Review, Transfer, Uphold,
};
use super::stage::StageKind;
use crate::actor::{Actor, Role};
use crate::error::TransitionError;
use crate::followup::FollowUpStatus;
use crate::followup::track::contact_window;
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
        Event::Reopen(reopen) => limits.text("reason", &reopen.reason),
        Event::Withdraw(withdraw) => limits.text("reason", &withdraw.reason),
        Event::AddNote(note) => limits.text("text", &note.text),
        Event::Contact(contact) => check_contact(contact, at, limits),
        Event::Assign(assign) => limits.text("owner", assign.owner.as_str()),
        Event::Transfer(transfer) => check_transfer(transfer, at, limits),
        Event::AwaitCustomer(wait) => check_await(record, &wait.reason, limits),
        Event::CustomerReplied(reply) => check_reply(record, &reply.summary, limits),
        Event::ExtendDeadline(extend) => check_extension(record, extend, policy, limits),
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

/// The follow-up's own table: a follow-up event needs a scheduled follow-up
/// whose stage accepts it.
fn follow_up_stage(
    record: &ComplaintRecord,
    event: EventKind,
) -> Result<FollowUpStatus, TransitionError> {
    let status = record.follow_up().ok_or(TransitionError::NoFollowUp)?;
    if status.stage().after(event).is_none() {
        return Err(TransitionError::FollowUpNotAllowed {
            event,
            stage: status.stage(),
        });
    }
    Ok(status)
}

/// F4: `at` must not be inside the customer's quiet hours, on their own clock.
fn outside_quiet_hours(
    record: &ComplaintRecord,
    at: DateTime<Utc>,
    policy: &Policy,
) -> Result<(), TransitionError> {
    let (zone, quiet) = contact_window(record.complainant(), policy);
    if quiet.is_quiet_at(at, zone) {
        Err(TransitionError::QuietHours {
            local: zone.to_local(at),
            zone,
            quiet,
        })
    } else {
        Ok(())
    }
}

/// F1, F4: an attempt records its method; it is never made inside the
/// customer's quiet hours, unless close to a time the customer asked for.
fn check_attempt(
    record: &ComplaintRecord,
    attempt: &AttemptFollowUp,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
    limits: Limits,
) -> Result<(), TransitionError> {
    let status = follow_up_stage(record, EventKind::AttemptFollowUp)?;
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
    outside_quiet_hours(record, at, policy)
}

/// F7, F4: an agreed time lies ahead and outside the quiet hours, unless the
/// customer asked for it.
fn check_reschedule(
    record: &ComplaintRecord,
    reschedule: &RescheduleFollowUp,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
) -> Result<(), TransitionError> {
    follow_up_stage(record, EventKind::RescheduleFollowUp)?;
    ahead("at", reschedule.at, at)?;
    match policy {
        Some(policy) if !reschedule.customer_requested => {
            outside_quiet_hours(record, reschedule.at, policy)
        }
        _ => Ok(()),
    }
}

/// F2, F3, F6: a complete record, after the customer was reached; the text
/// F3 asks for is required at every satisfaction level.
fn check_completion(
    record: &ComplaintRecord,
    complete: &CompleteFollowUp,
    limits: Limits,
) -> Result<(), TransitionError> {
    let status = follow_up_stage(record, EventKind::CompleteFollowUp)?;
    if !status.last_attempt_reached() {
        return Err(TransitionError::CustomerNotReached);
    }
    limits.text(complete.outcome.text_field(), complete.outcome.text())
}

/// F5: a follow-up is given up only after every allowed attempt missed the customer.
fn check_give_up(
    record: &ComplaintRecord,
    note: &str,
    limits: Limits,
) -> Result<(), TransitionError> {
    let status = follow_up_stage(record, EventKind::GiveUpFollowUp)?;
    limits.text("note", note)?;
    if status.attempts() < status.max_attempts() || status.last_attempt_reached() {
        return Err(TransitionError::AttemptsRemaining {
            made: status.attempts(),
            allowed: status.max_attempts(),
        });
    }
    Ok(())
}

/// F5, R7: a handled complaint closes only once its follow-up is done; a
/// member's handled complaint always has one.
fn check_close(
    record: &ComplaintRecord,
    close: &Close,
    limits: Limits,
) -> Result<(), TransitionError> {
    if let Some(note) = &close.note {
        limits.text("note", note)?;
    }
    match record.follow_up() {
        Some(status) if !status.stage().is_done() => Err(TransitionError::FollowUpOutstanding {
            stage: status.stage(),
        }),
        None if record.complainant().member && record.was_handled() => {
            Err(TransitionError::MemberFollowUpMissing)
        }
        _ => Ok(()),
    }
}

/// E1–E3: an escalation goes up, with a reason.
fn check_escalation(
    record: &ComplaintRecord,
    escalate: &Escalate,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("reason", &escalate.reason)?;
    if let Some(owner) = &escalate.owner {
        limits.text("owner", owner.as_str())?;
    }
    let current = record.escalation_level();
    if escalate.to <= current {
        return Err(TransitionError::EscalationNotHigher {
            current,
            requested: escalate.to,
        });
    }
    Ok(())
}

/// E5: a handover names the next colleague and where things stand.
fn check_handover(
    record: &ComplaintRecord,
    handover: &Handover,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("to", handover.to.as_str())?;
    limits.text("note", &handover.note)?;
    if record.owner() == Some(&handover.to) {
        return Err(TransitionError::AlreadyOwner {
            owner: handover.to.clone(),
        });
    }
    Ok(())
}

/// T5: the intake agent resolves a simple complaint on the first contact.
fn check_fast_path(
    record: &ComplaintRecord,
    resolve: &ResolveOnFirstContact,
    actor: &Actor,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("remedy.description", &resolve.remedy.description)?;
    if resolve
        .remedy
        .compensation
        .as_ref()
        .is_some_and(|c| c.amount_minor == 0)
    {
        return Err(TransitionError::ZeroCompensation { option: 1 });
    }
    limits.text("customer_acceptance", &resolve.customer_acceptance)?;
    let intake = record.intake_actor();
    if intake.id != actor.id {
        return Err(TransitionError::NotIntakeAgent {
            intake: intake.id.clone(),
            actor: actor.id.clone(),
        });
    }
    match policy {
        Some(policy) => simple_in(record, at, policy),
        None => Ok(()),
    }
}

/// T5: whether a complaint is simple under `policy` at `at`: a fast-path
/// category, not too severe, and resolved within the policy's time of receipt.
pub(crate) fn simple_in(
    record: &ComplaintRecord,
    at: DateTime<Utc>,
    policy: &Policy,
) -> Result<(), TransitionError> {
    let not_simple = |reason: String| Err(TransitionError::NotSimple { reason });
    let Some(fast) = policy.fast_path() else {
        return not_simple("the policy has no fast path".to_owned());
    };
    if !fast.categories.contains(record.category()) {
        return not_simple(format!(
            "the category `{}` is not a fast-path category",
            record.category()
        ));
    }
    if record.severity() > fast.max_severity {
        return not_simple(format!(
            "the severity `{}` is above `{}`",
            record.severity(),
            fast.max_severity
        ));
    }
    let latest = fast
        .within
        .due(record.received_at(), policy.calendar())
        .map_err(|source| TransitionError::Calendar {
            kind: crate::deadline::DeadlineKind::FirstResponse,
            source,
        })?;
    if at > latest {
        return not_simple(format!(
            "it is resolved after {latest}, {} after receipt",
            fast.within
        ));
    }
    Ok(())
}

/// R1: a complaint cannot exist without complainant, received-at time,
/// channel and non-empty content; it cannot be received after it is accepted.
pub(crate) fn check_accept(
    accept: &Accept,
    actor: &Actor,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
) -> Result<(), TransitionError> {
    authorize(EventKind::Accept, actor)?;
    let limits = Limits::from(policy);
    limits.text("complainant.id", accept.complainant.id.as_str())?;
    limits.text("content", &accept.content)?;
    limits.text("category", accept.category.as_str())?;
    not_after("received_at", accept.received_at, at)
}

/// R4 (and every other role rule): the actor's role is at least the one
/// [`Role::required_for`] the event.
fn authorize(event: EventKind, actor: &Actor) -> Result<(), TransitionError> {
    let required = Role::required_for(event);
    if actor.role >= required {
        Ok(())
    } else {
        Err(TransitionError::Unauthorized {
            event,
            actor: actor.id.clone(),
            required,
            found: actor.role,
        })
    }
}

/// R2: an upheld complaint names its responsible department and an
/// investigation time, agreed with the customer, that lies ahead.
fn check_uphold(uphold: &Uphold, at: DateTime<Utc>, limits: Limits) -> Result<(), TransitionError> {
    limits.text(
        "responsible_department",
        uphold.responsible_department.as_str(),
    )?;
    if uphold.investigation_due <= at {
        return Err(TransitionError::DeadlineNotAhead {
            field: "investigation_due".to_owned(),
            due: uphold.investigation_due,
            at,
        });
    }
    Ok(())
}

/// R3: findings hold a description and at least one responsible party.
fn check_findings(findings: &Findings, limits: Limits) -> Result<(), TransitionError> {
    limits.text("findings.description", &findings.description)?;
    if findings.responsible_parties.is_empty() {
        return Err(TransitionError::Empty {
            field: "findings.responsible_parties".to_owned(),
        });
    }
    for (index, party) in findings.responsible_parties.iter().enumerate() {
        limits.text(
            &format!("findings.responsible_parties[{index}].person"),
            &party.person,
        )?;
        limits.text(
            &format!("findings.responsible_parties[{index}].department"),
            party.department.as_str(),
        )?;
    }
    Ok(())
}

/// R4, R8: a proposal holds one or more options, each described; a
/// compensation gives something.
fn check_proposal(propose: &Propose, limits: Limits) -> Result<(), TransitionError> {
    if propose.options.is_empty() {
        return Err(TransitionError::Empty {
            field: "options".to_owned(),
        });
    }
    if let Some(limit) = limits.max_options {
        if propose.options.len() > limit {
            return Err(TransitionError::TooManyOptions {
                found: propose.options.len(),
                limit,
            });
        }
    }
    for (number, option) in (1_u32..).zip(&propose.options) {
        limits.text(
            &format!("options[{}].description", number - 1),
            &option.description,
        )?;
        if option
            .compensation
            .as_ref()
            .is_some_and(|c| c.amount_minor == 0)
        {
            return Err(TransitionError::ZeroCompensation { option: number });
        }
    }
    Ok(())
}

/// R4, R8: an approval or the customer's choice names an option of the proposal.
fn check_option(record: &ComplaintRecord, option: u32) -> Result<(), TransitionError> {
    let available = record
        .proposal()
        .map_or(0, |proposal| proposal.options.len());
    let exists = usize::try_from(option).is_ok_and(|n| n >= 1 && n <= available);
    if exists {
        Ok(())
    } else {
        Err(TransitionError::UnknownRemedyOption { option, available })
    }
}

/// R5: execution records the customer's signed acceptance, the customer's
/// notification, and an accountability entry for every responsible party.
fn check_execution(
    record: &ComplaintRecord,
    execute: &Execute,
    at: DateTime<Utc>,
    limits: Limits,
) -> Result<(), TransitionError> {
    let signature = execute
        .signature
        .as_ref()
        .ok_or(TransitionError::MissingSignature)?;
    limits.text("signature.reference", &signature.reference)?;
    not_after("signature.signed_at", signature.signed_at, at)?;
    not_after("notification.at", execute.notification.at, at)?;
    if let Some(feedback) = &execute.feedback {
        limits.text("feedback", feedback)?;
    }
    for (index, entry) in execute.accountability.iter().enumerate() {
        limits.text(&format!("accountability[{index}].person"), &entry.person)?;
        limits.text(&format!("accountability[{index}].rule"), &entry.rule)?;
        limits.text(&format!("accountability[{index}].penalty"), &entry.penalty)?;
    }
    let parties = record
        .findings()
        .map(|f| f.responsible_parties.as_slice())
        .unwrap_or_default();
    for party in parties {
        if !execute
            .accountability
            .iter()
            .any(|entry| entry.person == party.person)
        {
            return Err(TransitionError::AccountabilityMissing {
                person: party.person.clone(),
            });
        }
    }
    Ok(())
}

/// R6: a review holds a summary; every improvement action is spelled out.
fn check_review(review: &Review, limits: Limits) -> Result<(), TransitionError> {
    limits.text("summary", &review.summary)?;
    for (index, action) in review.improvement_actions.iter().enumerate() {
        limits.text(&format!("improvement_actions[{index}]"), action)?;
    }
    Ok(())
}

/// T3: a promised callback lies ahead.
fn check_contact(
    contact: &Contact,
    at: DateTime<Utc>,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("summary", &contact.summary)?;
    match contact.callback_due {
        Some(due) => ahead("callback_due", due, at),
        None => Ok(()),
    }
}

/// T6: a transfer names the department, says why, and sets a tracking time ahead.
fn check_transfer(
    transfer: &Transfer,
    at: DateTime<Utc>,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("department", transfer.department.as_str())?;
    if let Some(owner) = &transfer.owner {
        limits.text("owner", owner.as_str())?;
    }
    limits.text("reason", &transfer.reason)?;
    ahead("tracking_due", transfer.tracking_due, at)
}

fn check_await(
    record: &ComplaintRecord,
    reason: &str,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("reason", reason)?;
    match record.awaiting_customer_since() {
        Some(since) => Err(TransitionError::AlreadyAwaitingCustomer { since }),
        None => Ok(()),
    }
}

fn check_reply(
    record: &ComplaintRecord,
    summary: &str,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("summary", summary)?;
    if record.awaiting_customer_since().is_none() {
        return Err(TransitionError::NotAwaitingCustomer);
    }
    Ok(())
}

/// An extension moves an open deadline later; the policy limits how often
/// and how far (checked when applied, not on replay).
fn check_extension(
    record: &ComplaintRecord,
    extend: &ExtendDeadline,
    policy: Option<&Policy>,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("reason", &extend.reason)?;
    let id = extend.deadline;
    let deadline = record
        .deadline(id)
        .ok_or(TransitionError::UnknownDeadline { deadline: id })?;
    if !deadline.is_open() {
        return Err(TransitionError::DeadlineNotOpen {
            deadline: id,
            status: deadline.status(),
        });
    }
    if extend.due <= deadline.due() {
        return Err(TransitionError::ExtensionNotLater {
            deadline: id,
            due: extend.due,
            current: deadline.due(),
        });
    }
    let Some(policy) = policy else {
        return Ok(());
    };
    let limit = policy.extensions();
    if deadline.extensions() >= limit.max_count {
        return Err(TransitionError::TooManyExtensions {
            deadline: id,
            limit: limit.max_count,
        });
    }
    if let Some(beyond) = limit.max_beyond_original {
        let latest = beyond
            .due(deadline.original_due(), policy.calendar())
            .map_err(|source| TransitionError::Calendar {
                kind: deadline.kind(),
                source,
            })?;
        if extend.due > latest {
            return Err(TransitionError::ExtensionTooFar {
                deadline: id,
                due: extend.due,
                latest,
            });
        }
    }
    Ok(())
}

fn ahead(field: &str, due: DateTime<Utc>, at: DateTime<Utc>) -> Result<(), TransitionError> {
    if due > at {
        Ok(())
    } else {
        Err(TransitionError::DeadlineNotAhead {
            field: field.to_owned(),
            due,
            at,
        })
    }
}

fn not_after(field: &str, time: DateTime<Utc>, at: DateTime<Utc>) -> Result<(), TransitionError> {
    if time > at {
        Err(TransitionError::InFuture {
            field: field.to_owned(),
            time,
            at,
        })
    } else {
        Ok(())
    }
}

/// The policy's size limits, or none on replay.
#[derive(Clone, Copy)]
struct Limits {
    max_text_bytes: Option<usize>,
    max_options: Option<usize>,
}

impl From<Option<&Policy>> for Limits {
    fn from(policy: Option<&Policy>) -> Self {
        Self {
            max_text_bytes: policy.map(Policy::max_text_bytes),
            max_options: policy.map(Policy::max_remedy_options),
        }
    }
}

impl Limits {
    /// A required text: not blank, and within the policy's size.
    fn text(self, field: &str, value: &str) -> Result<(), TransitionError> {
        if value.trim().is_empty() {
            return Err(TransitionError::Empty {
                field: field.to_owned(),
            });
        }
        match self.max_text_bytes {
            Some(limit) if value.len() > limit => Err(TransitionError::TooLong {
                field: field.to_owned(),
                found: value.len(),
                limit,
            }),
            _ => Ok(()),
        }
    }
}
