//! The rules around the stages: contacts (T3), transfers (T6), waiting on
//! the customer, extensions, escalation (E1–E3), handover (E5) and the fast
//! path (T5).

use chrono::{DateTime, Utc};

use super::facts::ComplaintFacts;
use super::limits::Limits;
use crate::lifecycle::{
    Accept, Contact, Escalate, ExtendDeadline, Handover, ResolveOnFirstContact, Transfer,
};
use crate::lifecycle::{
    ExtensionError, FastPathError, FieldError, HandlingError, NotSimple, RemedyError,
    TransitionError,
};
use crate::policy::Policy;
use crate::time::WaitingOn;
use crate::values::{Actor, Role};

/// E1–E3: an escalation goes up, with a reason.
pub(super) fn check_escalation(
    facts: &impl ComplaintFacts,
    escalate: &Escalate,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("reason", &escalate.reason)?;
    if let Some(owner) = &escalate.owner {
        limits.text("owner", owner.as_str())?;
    }
    let current = facts.escalation_level();
    if escalate.to <= current {
        return Err(TransitionError::Handling(
            HandlingError::EscalationNotHigher {
                current,
                requested: escalate.to,
            },
        ));
    }
    Ok(())
}

/// E1 視情節輕重上報: the escalation a complaint of this severity gets at
/// intake under `policy`, if any: to the policy's role, when the severity is
/// at or above its threshold.
pub(crate) fn escalation_at_intake(accept: &Accept, policy: &Policy) -> Option<Escalate> {
    let rule = policy.escalation()?;
    let severity = accept.severity;
    (severity >= rule.at_or_above && rule.to > Role::Agent).then(|| Escalate {
        to: rule.to,
        owner: None,
        reason: format!(
            "severity `{severity}` is at or above the escalation threshold `{}`",
            rule.at_or_above
        ),
        step: None,
    })
}

/// E5: a handover names the next colleague and where things stand.
pub(super) fn check_handover(
    facts: &impl ComplaintFacts,
    handover: &Handover,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("to", handover.to.as_str())?;
    limits.text("note", &handover.note)?;
    if facts.owner() == Some(&handover.to) {
        return Err(TransitionError::Handling(HandlingError::AlreadyOwner {
            owner: handover.to.clone(),
        }));
    }
    Ok(())
}

/// T5: the intake agent resolves a simple complaint on the first contact.
pub(super) fn check_fast_path(
    facts: &impl ComplaintFacts,
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
        return Err(TransitionError::Remedy(RemedyError::ZeroCompensation {
            option: 1,
        }));
    }
    limits.text("customer_acceptance", &resolve.customer_acceptance)?;
    let intake = facts.intake_actor();
    if intake.id != actor.id {
        return Err(TransitionError::FastPath(FastPathError::NotIntakeAgent {
            intake: intake.id.clone(),
            actor: actor.id.clone(),
        }));
    }
    match policy {
        Some(policy) => simple_in(facts, at, policy),
        None => Ok(()),
    }
}

/// T5: whether a complaint is simple under `policy` at `at`: a fast-path
/// category, not too severe, and resolved within the policy's time of receipt.
pub(crate) fn simple_in(
    facts: &impl ComplaintFacts,
    at: DateTime<Utc>,
    policy: &Policy,
) -> Result<(), TransitionError> {
    let not_simple = |reason: NotSimple| Err(FastPathError::NotSimple(reason).into());
    let Some(fast) = policy.fast_path() else {
        return not_simple(NotSimple::NoFastPath);
    };
    if !fast.categories.contains(facts.category()) {
        return not_simple(NotSimple::Category {
            category: facts.category().clone(),
        });
    }
    if facts.severity() > fast.max_severity {
        return not_simple(NotSimple::Severity {
            severity: facts.severity(),
            max: fast.max_severity,
        });
    }
    let latest = fast
        .within
        .due(facts.received_at(), policy.calendar())
        .map_err(|source| TransitionError::Calendar {
            kind: crate::time::DeadlineKind::FirstResponse,
            source,
        })?;
    if at > latest {
        return not_simple(NotSimple::TooLate {
            latest,
            within: fast.within,
        });
    }
    Ok(())
}

/// T3: a promised callback lies ahead.
pub(super) fn check_contact(
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
pub(super) fn check_transfer(
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

/// W5: a wait on the customer or a third party starts only when none on them runs.
pub(super) fn check_await(
    facts: &impl ComplaintFacts,
    whom: WaitingOn,
) -> Result<(), TransitionError> {
    match (whom, facts.awaiting_since(whom)) {
        (_, None) => Ok(()),
        (WaitingOn::Customer, Some(since)) => Err(TransitionError::Handling(
            HandlingError::AlreadyAwaitingCustomer { since },
        )),
        (WaitingOn::ThirdParty, Some(since)) => Err(TransitionError::Handling(
            HandlingError::AlreadyAwaitingThirdParty { since },
        )),
    }
}

/// W5: a reply ends a wait that runs.
pub(super) fn check_reply(
    facts: &impl ComplaintFacts,
    whom: WaitingOn,
    summary: &str,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("summary", summary)?;
    match (whom, facts.awaiting_since(whom)) {
        (_, Some(_)) => Ok(()),
        (WaitingOn::Customer, None) => Err(TransitionError::Handling(
            HandlingError::NotAwaitingCustomer,
        )),
        (WaitingOn::ThirdParty, None) => Err(TransitionError::Handling(
            HandlingError::NotAwaitingThirdParty,
        )),
    }
}

/// An extension moves an open deadline later; the policy limits how often
/// and how far (checked when applied, not on replay).
pub(super) fn check_extension(
    facts: &impl ComplaintFacts,
    extend: &ExtendDeadline,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("reason", &extend.reason)?;
    let id = extend.deadline;
    let deadline = facts.deadline(id).ok_or(TransitionError::Extension(
        ExtensionError::UnknownDeadline { deadline: id },
    ))?;
    if !deadline.is_open() {
        return Err(TransitionError::Extension(
            ExtensionError::DeadlineNotOpen {
                deadline: id,
                status: deadline.status(),
            },
        ));
    }
    // T7: a missed deadline stays missed; extending it afterwards would erase the miss.
    if at > deadline.due() {
        return Err(TransitionError::Extension(
            ExtensionError::DeadlineAlreadyMissed {
                deadline: id,
                due: deadline.due(),
            },
        ));
    }
    if extend.due <= deadline.due() {
        return Err(TransitionError::Extension(
            ExtensionError::ExtensionNotLater {
                deadline: id,
                due: extend.due,
                current: deadline.due(),
            },
        ));
    }
    let Some(policy) = policy else {
        return Ok(());
    };
    let limit = policy.extensions();
    if deadline.extensions() >= limit.max_count {
        return Err(TransitionError::Extension(
            ExtensionError::TooManyExtensions {
                deadline: id,
                limit: limit.max_count,
            },
        ));
    }
    if let Some(beyond) = limit.max_beyond_original {
        let latest = beyond
            .due(deadline.original_due(), policy.calendar())
            .map_err(|source| TransitionError::Calendar {
                kind: deadline.kind(),
                source,
            })?;
        if extend.due > latest {
            return Err(TransitionError::Extension(
                ExtensionError::ExtensionTooFar {
                    deadline: id,
                    due: extend.due,
                    latest,
                },
            ));
        }
    }
    Ok(())
}

pub(super) fn ahead(
    field: &str,
    due: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Result<(), TransitionError> {
    if due > at {
        Ok(())
    } else {
        Err(TransitionError::Field(FieldError::DeadlineNotAhead {
            field: field.to_owned(),
            due,
            at,
        }))
    }
}
