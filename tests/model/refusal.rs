//! Why the model expects an event to be refused, and the crate's errors in
//! the same terms.

use chrono::{DateTime, Utc};
use complaint_workflow::{EventKind, Role, StageKind, followup::FollowUpStageKind};

/// Why the model expects an event to be refused, with the details the error
/// must carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    NotAllowed { event: EventKind, stage: StageKind },
    Unauthorized { event: EventKind, found: Role },
    TimeWentBackwards,
    Empty(String),
    TooLong(String),
    TooManyOptions { found: usize, limit: usize },
    InFuture(String),
    DeadlineNotAhead(String),
    UnknownRemedyOption { option: u32, available: usize },
    ZeroCompensation(u32),
    MissingSignature,
    TooEarly(String),
    AccountabilityMissing(String),
    AlreadyAwaitingCustomer(DateTime<Utc>),
    NotAwaitingCustomer,
    UnknownDeadline(u32),
    DeadlineNotOpen(u32),
    DeadlineAlreadyMissed(u32),
    ExtensionNotLater(u32),
    TooManyExtensions(u32),
    ExtensionTooFar(u32),
    EscalationNotHigher { current: Role, requested: Role },
    AlreadyOwner(String),
    NotIntakeAgent,
    NotSimple,
    NoFollowUp,
    FollowUpNotAllowed(FollowUpStageKind),
    QuietHours,
    CustomerNotReached,
    CustomerWasReached,
    AttemptsRemaining,
    FollowUpOutstanding(FollowUpStageKind),
    MemberFollowUpMissing,
}

/// The crate's error, in the model's terms.
pub fn refusal_of(error: &complaint_workflow::TransitionError) -> Refusal {
    use complaint_workflow::TransitionError as T;
    match error {
        T::NotAllowed { event, stage } => Refusal::NotAllowed {
            event: *event,
            stage: *stage,
        },
        T::Unauthorized {
            event,
            required,
            found,
            ..
        } => {
            assert_eq!(*required, Role::Supervisor, "only supervisors are required");
            Refusal::Unauthorized {
                event: *event,
                found: *found,
            }
        }
        T::TimeWentBackwards { .. } => Refusal::TimeWentBackwards,
        T::Empty { field } => Refusal::Empty(field.clone()),
        T::TooLong { field, .. } => Refusal::TooLong(field.clone()),
        T::TooManyOptions { found, limit } => Refusal::TooManyOptions {
            found: *found,
            limit: *limit,
        },
        T::InFuture { field, .. } => Refusal::InFuture(field.clone()),
        T::DeadlineNotAhead { field, .. } => Refusal::DeadlineNotAhead(field.clone()),
        T::UnknownRemedyOption { option, available } => Refusal::UnknownRemedyOption {
            option: *option,
            available: *available,
        },
        T::ZeroCompensation { option } => Refusal::ZeroCompensation(*option),
        T::MissingSignature => Refusal::MissingSignature,
        T::TooEarly { field, .. } => Refusal::TooEarly(field.clone()),
        T::AccountabilityMissing { person } => Refusal::AccountabilityMissing(person.clone()),
        T::AlreadyAwaitingCustomer { since } => Refusal::AlreadyAwaitingCustomer(*since),
        T::NotAwaitingCustomer => Refusal::NotAwaitingCustomer,
        T::UnknownDeadline { deadline } => Refusal::UnknownDeadline(deadline.number()),
        T::DeadlineNotOpen { deadline, .. } => Refusal::DeadlineNotOpen(deadline.number()),
        T::DeadlineAlreadyMissed { deadline, .. } => {
            Refusal::DeadlineAlreadyMissed(deadline.number())
        }
        T::ExtensionNotLater { deadline, .. } => Refusal::ExtensionNotLater(deadline.number()),
        T::TooManyExtensions { deadline, .. } => Refusal::TooManyExtensions(deadline.number()),
        T::ExtensionTooFar { deadline, .. } => Refusal::ExtensionTooFar(deadline.number()),
        T::EscalationNotHigher { current, requested } => Refusal::EscalationNotHigher {
            current: *current,
            requested: *requested,
        },
        T::AlreadyOwner { owner } => Refusal::AlreadyOwner(owner.to_string()),
        T::NotIntakeAgent { .. } => Refusal::NotIntakeAgent,
        T::NotSimple { .. } => Refusal::NotSimple,
        T::NoFollowUp => Refusal::NoFollowUp,
        T::FollowUpNotAllowed { stage, .. } => Refusal::FollowUpNotAllowed(*stage),
        T::QuietHours { .. } => Refusal::QuietHours,
        T::CustomerNotReached => Refusal::CustomerNotReached,
        T::CustomerWasReached => Refusal::CustomerWasReached,
        T::AttemptsRemaining { .. } => Refusal::AttemptsRemaining,
        T::FollowUpOutstanding { stage } => Refusal::FollowUpOutstanding(*stage),
        T::MemberFollowUpMissing => Refusal::MemberFollowUpMissing,
        other => panic!("an error the model does not know: {other:?}"),
    }
}
