//! The events of the lifecycle, one struct each, and the data they carry: what
//! an application builds from a form or a message and applies to a complaint
//! ([`Complaint::apply`](crate::Complaint::apply) on the typed face,
//! [`ComplaintRecord::apply`](crate::ComplaintRecord::apply) on the stored
//! face, as an [`Event`](crate::Event)).
//!
//! Every event refuses unknown fields when it is read: a misspelt optional
//! field is an error, not a silent loss.

pub use crate::lifecycle::{
    Accept, Accountability, AddNote, Approve, Assign, AttemptFollowUp, AwaitCustomer,
    AwaitThirdParty, ChooseRemedy, Close, Compensation, CompensationKind, CompleteFollowUp,
    Contact, Currency, CustomerNotification, CustomerReplied, CustomerSignature, Decline, Dismiss,
    Escalate, EscalationStep, Evaluation, Execute, ExtendDeadline, Findings, FollowUpOutcome,
    GiveUpFollowUp, Handover, InvalidCurrency, Investigate, PersonalDataErased, ProgressUpdate,
    Propose, RaiseAlarm, RemedyOption, Reopen, RepeatContact, RescheduleFollowUp,
    ResolveOnFirstContact, Responsibility, ResponsibleParty, Review, RootCause, Routing,
    Satisfaction, ThirdPartyReplied, Transfer, Uphold, Withdraw,
};
pub use crate::lifecycle::{
    BodyDue, Dispute, Reclassify, RecordReferralOutcome, Refer, ReferralOutcome,
};
pub use crate::lifecycle::{REDACTED, Redact, RedactedText, RedactionTarget};
pub use crate::values::ContactMethod;
