//! [`closed`]: a complaint taken to its closing (R7) by the shortest path,
//! for the store crates' tests of what they list about closed complaints
//! (A4: the complaints past retention).

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::event::{
    Accept, AttemptFollowUp, Close, CompleteFollowUp, ContactMethod, Dismiss, Evaluation,
    FollowUpOutcome, Review,
};
use complaint_workflow::{
    Actor, Category, Channel, Complainant, ComplaintRecord, Context, Policy, Severity,
    TransitionError,
};

/// A complaint of `customer` received and accepted at `received_at`,
/// dismissed, reviewed and followed up in the next forty minutes, closed at
/// `closed_at` (which must be later than that), under `policy`.
///
/// # Errors
///
/// The [`TransitionError`] of a step `policy` refuses (a `closed_at`
/// before the follow-up, say).
pub fn closed(
    customer: &str,
    received_at: DateTime<Utc>,
    closed_at: DateTime<Utc>,
    policy: &Policy,
) -> Result<ComplaintRecord, TransitionError> {
    let agent = |minutes: i64| {
        Context::new(
            Actor::agent("agent-1"),
            received_at + Duration::minutes(minutes),
            policy,
        )
    };
    let accept = Accept {
        complainant: Complainant::new(customer),
        received_at,
        channel: Channel::Email,
        content: "The parcel arrived broken".into(),
        category: Category::new("delivery"),
        severity: Severity::Low,
    };
    let mut record = ComplaintRecord::accept(accept, &agent(0))?;
    record.apply(
        Dismiss {
            reply: "The carrier's insurance covers it; here is the form".into(),
        },
        &agent(10),
    )?;
    record.apply(
        Review {
            summary: "Dismissed with the carrier's form".into(),
            evaluation: Evaluation::Effective,
            improvement_actions: vec![],
        },
        &Context::new(
            Actor::supervisor("supervisor-1"),
            received_at + Duration::minutes(20),
            policy,
        ),
    )?;
    record.apply(
        AttemptFollowUp {
            method: ContactMethod::Phone,
            reached: true,
            note: None,
        },
        &agent(30),
    )?;
    record.apply(
        CompleteFollowUp {
            method: ContactMethod::Phone,
            outcome: FollowUpOutcome::Satisfied {
                suggestions: "None".into(),
            },
        },
        &agent(40),
    )?;
    record.apply(
        Close { note: None },
        &Context::new(Actor::agent("agent-1"), closed_at, policy),
    )?;
    Ok(record)
}
