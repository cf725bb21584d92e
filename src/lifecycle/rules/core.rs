//! The rules of the procedure's spine, R1–R8: intake, judgment,
//! investigation, proposal, approval, execution, review, and who may act.

use chrono::{DateTime, Utc};

use super::facts::ComplaintFacts;
use super::handling::ahead;
use super::limits::Limits;
use crate::lifecycle::{Accept, EventKind, Execute, Findings, Propose, Review, Uphold};
use crate::lifecycle::{FieldError, REDACTED, RemedyError, TransitionError};
use crate::policy::Policy;
use crate::values::{Actor, Role};

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
pub(super) fn authorize(event: EventKind, actor: &Actor) -> Result<(), TransitionError> {
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
pub(super) fn check_uphold(
    uphold: &Uphold,
    at: DateTime<Utc>,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text(
        "responsible_department",
        uphold.responsible_department.as_str(),
    )?;
    ahead("investigation_due", uphold.investigation_due, at)
}

/// R3: findings hold a description and at least one responsible party.
pub(super) fn check_findings(findings: &Findings, limits: Limits) -> Result<(), TransitionError> {
    limits.text("findings.description", &findings.description)?;
    if findings.responsible_parties.is_empty() {
        return Err(TransitionError::Field(FieldError::Empty {
            field: "findings.responsible_parties".to_owned(),
        }));
    }
    for (index, party) in findings.responsible_parties.iter().enumerate() {
        limits.text_named(&party.person, || {
            format!("findings.responsible_parties[{index}].person")
        })?;
        limits.text_named(party.department.as_str(), || {
            format!("findings.responsible_parties[{index}].department")
        })?;
    }
    Ok(())
}

/// R4, R8: a proposal holds one or more options, each described; a
/// compensation gives something.
pub(super) fn check_proposal(propose: &Propose, limits: Limits) -> Result<(), TransitionError> {
    if propose.options.is_empty() {
        return Err(TransitionError::Field(FieldError::Empty {
            field: "options".to_owned(),
        }));
    }
    if let Some(limit) = limits.max_options() {
        if propose.options.len() > limit {
            return Err(TransitionError::Field(FieldError::TooManyOptions {
                found: propose.options.len(),
                limit,
            }));
        }
    }
    for (number, option) in (1_u32..).zip(&propose.options) {
        limits.text_named(&option.description, || {
            format!("options[{}].description", number - 1)
        })?;
        if option
            .compensation
            .as_ref()
            .is_some_and(|c| c.amount_minor == 0)
        {
            return Err(TransitionError::Remedy(RemedyError::ZeroCompensation {
                option: number,
            }));
        }
    }
    Ok(())
}

/// R4, R8: an approval or the customer's choice names an option of the proposal.
pub(super) fn check_option(
    facts: &impl ComplaintFacts,
    option: u32,
) -> Result<(), TransitionError> {
    let available = facts
        .proposal()
        .map_or(0, |proposal| proposal.options.len());
    let exists = usize::try_from(option).is_ok_and(|n| n >= 1 && n <= available);
    if exists {
        Ok(())
    } else {
        Err(TransitionError::Remedy(RemedyError::UnknownRemedyOption {
            option,
            available,
        }))
    }
}

/// R5: execution records the customer's signed acceptance, the customer's
/// notification, and an accountability entry for every responsible party.
pub(super) fn check_execution(
    facts: &impl ComplaintFacts,
    execute: &Execute,
    at: DateTime<Utc>,
    limits: Limits,
) -> Result<(), TransitionError> {
    let signature = execute
        .signature
        .as_ref()
        .ok_or(TransitionError::Remedy(RemedyError::MissingSignature))?;
    limits.text("signature.reference", &signature.reference)?;
    not_after("signature.signed_at", signature.signed_at, at)?;
    // R5: the customer signs their acceptance of the approved remedy, so not before its approval.
    if let Some(approved_at) = facts.approved_at() {
        if signature.signed_at < approved_at {
            return Err(TransitionError::Field(FieldError::TooEarly {
                field: "signature.signed_at".to_owned(),
                time: signature.signed_at,
                earliest: approved_at,
            }));
        }
    }
    not_after("notification.at", execute.notification.at, at)?;
    if let Some(feedback) = &execute.feedback {
        limits.text("feedback", feedback)?;
    }
    for (index, entry) in execute.accountability.iter().enumerate() {
        limits.text_named(&entry.person, || format!("accountability[{index}].person"))?;
        limits.text_named(&entry.rule, || format!("accountability[{index}].rule"))?;
        limits.text_named(&entry.penalty, || {
            format!("accountability[{index}].penalty")
        })?;
    }
    let parties = facts
        .findings()
        .map(|f| f.responsible_parties.as_slice())
        .unwrap_or_default();
    // A2: a redacted name matches any entry, and a redacted entry any
    // name: the names were checked when the entry was made, and a redaction
    // of one of them leaves the history replayable.
    for party in parties.iter().filter(|party| party.person != REDACTED) {
        if !execute
            .accountability
            .iter()
            .any(|entry| entry.person == party.person || entry.person == REDACTED)
        {
            return Err(TransitionError::Remedy(
                RemedyError::AccountabilityMissing {
                    person: party.person.clone(),
                },
            ));
        }
    }
    Ok(())
}

/// R6: a review holds a summary; every improvement action is spelled out.
pub(super) fn check_review(review: &Review, limits: Limits) -> Result<(), TransitionError> {
    limits.text("summary", &review.summary)?;
    for (index, action) in review.improvement_actions.iter().enumerate() {
        limits.text_named(action, || format!("improvement_actions[{index}]"))?;
    }
    Ok(())
}

pub(super) fn not_after(
    field: &str,
    time: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Result<(), TransitionError> {
    if time > at {
        Err(TransitionError::Field(FieldError::InFuture {
            field: field.to_owned(),
            time,
            at,
        }))
    } else {
        Ok(())
    }
}
