//! The lifecycle layer: stages, events, the transition table, who may fire
//! which event, the rules of each transition, the decisions the policy makes
//! when an event is applied, and the follow-up's own stages.
//!
//! It sits on values, time and policy, and knows nothing of the record: the
//! rules read the facts they need through [`rules::ComplaintFacts`].

mod authorization;
pub(crate) mod consequences;
pub(crate) mod decision;
mod error;
pub(crate) mod event;
pub(crate) mod follow_up_stage;
pub(crate) mod follow_up_status;
mod markers;
mod recourse_error;
pub(crate) mod rules;
pub(crate) mod stage;
pub(crate) mod table;

pub use decision::Decision;
pub use error::{
    AlarmError, ExtensionError, FastPathError, FieldError, FollowUpError, HandlingError, NotSimple,
    RedactionError, RemedyError, TransitionError,
};
pub use event::{
    Accept, Accountability, AddNote, Approve, Assign, AttemptFollowUp, AwaitCustomer,
    AwaitThirdParty, ChooseRemedy, Close, Compensation, CompensationKind, Complainant,
    CompleteFollowUp, Contact, Currency, CustomerNotification, CustomerReplied, CustomerSignature,
    Decline, Dismiss, Escalate, EscalationStep, Evaluation, Event, EventKind, Execute,
    ExtendDeadline, Findings, FollowUpOutcome, GiveUpFollowUp, Handover, InvalidCurrency,
    Investigate, PersonalDataErased, ProgressUpdate, Propose, RaiseAlarm, RemedyOption, Reopen,
    RepeatContact, RescheduleFollowUp, ResolveOnFirstContact, Responsibility, ResponsibleParty,
    Review, RootCause, Routing, Satisfaction, ThirdPartyReplied, Transfer, Uphold, Withdraw,
};
pub use event::{BodyDue, Dispute, Reclassify, RecordReferralOutcome, Refer, ReferralOutcome};
pub use event::{REDACTED, Redact, RedactedText, RedactionTarget};
pub use follow_up_stage::{
    Attempted, Completed, Exhausted, FOLLOW_UP_TRANSITIONS, FollowUpRow, FollowUpStage,
    FollowUpStageKind, FollowUpTransition, Scheduled,
};
pub use follow_up_status::{AgreedTime, FollowUpStatus};
pub use recourse_error::RecourseError;
pub use stage::{
    Accepted, Approved, Closed, Dismissed, Executed, Investigated, Judged, Proposed, Referred,
    Reviewed, Stage, StageKind, Withdrawn,
};
pub use table::{TRANSITIONS, Transition, TransitionRow};
