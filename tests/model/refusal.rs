//! Why the model expects an event to be refused, and the crate's errors in
//! the same terms.

use chrono::{DateTime, Utc};
use complaint_workflow::{EventKind, Role, StageKind, followup::FollowUpStageKind};

/// Why the model expects an event to be refused, with the details the error
/// must carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    NotAllowed {
        event: EventKind,
        stage: StageKind,
    },
    Unauthorized {
        event: EventKind,
        required: Role,
        found: Role,
    },
    TimeWentBackwards,
    Empty(String),
    TooLong(String),
    TooManyOptions {
        found: usize,
        limit: usize,
    },
    InFuture(String),
    DeadlineNotAhead(String),
    UnknownRemedyOption {
        option: u32,
        available: usize,
    },
    ZeroCompensation(u32),
    MissingSignature,
    TooEarly(String),
    AccountabilityMissing(String),
    AlreadyAwaitingCustomer(DateTime<Utc>),
    NotAwaitingCustomer,
    AlreadyAwaitingThirdParty(DateTime<Utc>),
    NotAwaitingThirdParty,
    UnknownDeadline(u32),
    DeadlineNotOpen(u32),
    DeadlineAlreadyMissed(u32),
    ExtensionNotLater(u32),
    TooManyExtensions(u32),
    ExtensionTooFar(u32),
    /// W1: an at-risk alarm for a deadline without a warning (the model's
    /// policy sets none).
    NoWarning(u32),
    /// W1: an alarm raised before it falls.
    AlarmNotYet(u32),
    /// W1: an alarm raised twice.
    AlarmAlreadyRaised(u32),
    EscalationNotHigher {
        current: Role,
        requested: Role,
    },
    AlreadyOwner(String),
    /// W2: a reclassification that changes nothing.
    ReclassifiedUnchanged,
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
    NoFinalResponse,
    WindowClosed,
}

/// The crate's error, in the model's terms.
pub fn refusal_of(error: &complaint_workflow::TransitionError) -> Refusal {
    use complaint_workflow::TransitionError as T;
    use complaint_workflow::error::{
        AlarmError, ExtensionError, FastPathError, FieldError, FollowUpError, HandlingError,
        RecourseError, RemedyError,
    };
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
        } => Refusal::Unauthorized {
            event: *event,
            required: *required,
            found: *found,
        },
        T::TimeWentBackwards { .. } => Refusal::TimeWentBackwards,
        T::Field(FieldError::Empty { field }) => Refusal::Empty(field.clone()),
        T::Field(FieldError::TooLong { field, .. }) => Refusal::TooLong(field.clone()),
        T::Field(FieldError::TooManyOptions { found, limit }) => Refusal::TooManyOptions {
            found: *found,
            limit: *limit,
        },
        T::Field(FieldError::InFuture { field, .. }) => Refusal::InFuture(field.clone()),
        T::Field(FieldError::DeadlineNotAhead { field, .. }) => {
            Refusal::DeadlineNotAhead(field.clone())
        }
        T::Remedy(RemedyError::UnknownRemedyOption { option, available }) => {
            Refusal::UnknownRemedyOption {
                option: *option,
                available: *available,
            }
        }
        T::Remedy(RemedyError::ZeroCompensation { option }) => Refusal::ZeroCompensation(*option),
        T::Remedy(RemedyError::MissingSignature) => Refusal::MissingSignature,
        T::Field(FieldError::TooEarly { field, .. }) => Refusal::TooEarly(field.clone()),
        T::Remedy(RemedyError::AccountabilityMissing { person }) => {
            Refusal::AccountabilityMissing(person.clone())
        }
        T::Handling(HandlingError::AlreadyAwaitingCustomer { since }) => {
            Refusal::AlreadyAwaitingCustomer(*since)
        }
        T::Handling(HandlingError::NotAwaitingCustomer) => Refusal::NotAwaitingCustomer,
        T::Handling(HandlingError::AlreadyAwaitingThirdParty { since }) => {
            Refusal::AlreadyAwaitingThirdParty(*since)
        }
        T::Handling(HandlingError::NotAwaitingThirdParty) => Refusal::NotAwaitingThirdParty,
        T::Extension(ExtensionError::UnknownDeadline { deadline }) => {
            Refusal::UnknownDeadline(deadline.number())
        }
        T::Extension(ExtensionError::DeadlineNotOpen { deadline, .. }) => {
            Refusal::DeadlineNotOpen(deadline.number())
        }
        T::Extension(ExtensionError::DeadlineAlreadyMissed { deadline, .. }) => {
            Refusal::DeadlineAlreadyMissed(deadline.number())
        }
        T::Extension(ExtensionError::ExtensionNotLater { deadline, .. }) => {
            Refusal::ExtensionNotLater(deadline.number())
        }
        T::Extension(ExtensionError::TooManyExtensions { deadline, .. }) => {
            Refusal::TooManyExtensions(deadline.number())
        }
        T::Extension(ExtensionError::ExtensionTooFar { deadline, .. }) => {
            Refusal::ExtensionTooFar(deadline.number())
        }
        T::Alarm(AlarmError::UnknownDeadline { deadline }) => {
            Refusal::UnknownDeadline(deadline.number())
        }
        T::Alarm(AlarmError::DeadlineNotRunning { deadline, .. }) => {
            Refusal::DeadlineNotOpen(deadline.number())
        }
        T::Alarm(AlarmError::NoWarning { deadline }) => Refusal::NoWarning(deadline.number()),
        T::Alarm(AlarmError::NotYet { deadline, .. }) => Refusal::AlarmNotYet(deadline.number()),
        T::Alarm(AlarmError::AlreadyRaised { deadline, .. }) => {
            Refusal::AlarmAlreadyRaised(deadline.number())
        }
        T::Handling(HandlingError::EscalationNotHigher { current, requested }) => {
            Refusal::EscalationNotHigher {
                current: *current,
                requested: *requested,
            }
        }
        T::Handling(HandlingError::AlreadyOwner { owner }) => {
            Refusal::AlreadyOwner(owner.to_string())
        }
        T::Handling(HandlingError::ReclassifiedUnchanged { .. }) => Refusal::ReclassifiedUnchanged,
        T::FastPath(FastPathError::NotIntakeAgent { .. }) => Refusal::NotIntakeAgent,
        T::FastPath(FastPathError::NotSimple(_)) => Refusal::NotSimple,
        T::FollowUp(FollowUpError::NoFollowUp) => Refusal::NoFollowUp,
        T::FollowUp(FollowUpError::FollowUpNotAllowed { stage, .. }) => {
            Refusal::FollowUpNotAllowed(*stage)
        }
        T::FollowUp(FollowUpError::QuietHours { .. }) => Refusal::QuietHours,
        T::FollowUp(FollowUpError::CustomerNotReached) => Refusal::CustomerNotReached,
        T::FollowUp(FollowUpError::CustomerWasReached) => Refusal::CustomerWasReached,
        T::FollowUp(FollowUpError::AttemptsRemaining { .. }) => Refusal::AttemptsRemaining,
        T::FollowUp(FollowUpError::FollowUpOutstanding { stage }) => {
            Refusal::FollowUpOutstanding(*stage)
        }
        T::FollowUp(FollowUpError::MemberFollowUpMissing) => Refusal::MemberFollowUpMissing,
        T::Recourse(RecourseError::NoFinalResponse) => Refusal::NoFinalResponse,
        T::Recourse(RecourseError::WindowClosed { .. }) => Refusal::WindowClosed,
        other => panic!("an error the model does not know: {other:?}"),
    }
}
