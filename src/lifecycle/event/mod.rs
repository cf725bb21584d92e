//! The events of the lifecycle: one struct per event, carrying what its rule
//! needs, and [`Event`], their sum, which is what a history stores.

mod alarm;
mod classification;
mod closing;
mod complainant;
mod dispute;
mod escalation;
mod execution;
mod follow_up;
mod handling;
mod intake;
mod investigation;
mod judgment;
mod redaction;
mod referral;
mod remedy;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use alarm::{EscalationStep, RaiseAlarm};
pub use classification::Reclassify;
pub use closing::{AddNote, Close, Evaluation, PersonalDataErased, Reopen, Review, Withdraw};
pub use complainant::Complainant;
pub use dispute::Dispute;
pub use escalation::{Escalate, Handover, RepeatContact, ResolveOnFirstContact};
pub use execution::{Accountability, CustomerNotification, CustomerSignature, Execute};
pub use follow_up::{
    AttemptFollowUp, CompleteFollowUp, FollowUpOutcome, GiveUpFollowUp, RescheduleFollowUp,
    Satisfaction,
};
pub use handling::{
    Assign, AwaitCustomer, AwaitThirdParty, Contact, CustomerReplied, ExtendDeadline,
    ProgressUpdate, ThirdPartyReplied, Transfer,
};
pub use intake::Accept;
pub use investigation::{
    Findings, Investigate, Responsibility, ResponsibleParty, RootCause, Routing,
};
pub use judgment::{Dismiss, Uphold};
pub use redaction::{REDACTED, Redact, RedactedText, RedactionTarget};
pub use referral::{BodyDue, RecordReferralOutcome, Refer, ReferralOutcome};
pub use remedy::{
    Approve, ChooseRemedy, Compensation, CompensationKind, Currency, Decline, InvalidCurrency,
    Propose, RemedyOption,
};

macro_rules! events {
    ($($(#[$doc:meta])* $name:ident => $snake:literal,)*) => {
        /// Any event, as data: what an application receives from outside (a
        /// form, a queue) and what a history [`Entry`](crate::record::Entry) stores.
        ///
        /// Stored as `{"type": "uphold", "data": {...}}`.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(tag = "type", content = "data", rename_all = "snake_case", deny_unknown_fields)]
        pub enum Event {
            $(
                $(#[$doc])*
                $name($name),
            )*
        }

        /// The kind of an event, without its data: what the transition table,
        /// the role table and a user interface's buttons speak of.
        ///
        /// Deliberately exhaustive, like [`StageKind`](crate::StageKind).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum EventKind {
            $(
                $(#[$doc])*
                $name,
            )*
        }

        impl EventKind {
            /// Every event kind, in lifecycle order.
            pub const ALL: [EventKind; events!(@count $($name)*)] = [$(EventKind::$name),*];

            /// The number of event kinds.
            pub const COUNT: usize = events!(@count $($name)*);

            /// The snake-case name used in the stored format.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $(EventKind::$name => $snake,)*
                }
            }
        }

        impl Event {
            /// The kind of this event.
            #[must_use]
            pub const fn kind(&self) -> EventKind {
                match self {
                    $(Event::$name(_) => EventKind::$name,)*
                }
            }
        }

        $(
            impl From<$name> for Event {
                fn from(event: $name) -> Self {
                    Event::$name(event)
                }
            }
        )*
    };
    (@count) => { 0 };
    (@count $head:ident $($tail:ident)*) => { 1 + events!(@count $($tail)*) };
}

events! {
    /// R1: the complaint is accepted; the first entry of every history.
    Accept => "accept",
    /// R2: the complaint is upheld.
    Uphold => "uphold",
    /// R2: the complaint is dismissed.
    Dismiss => "dismiss",
    /// R3: the findings of the investigation.
    Investigate => "investigate",
    /// R4: remedy options are proposed.
    Propose => "propose",
    /// R8: the customer's preferred option.
    ChooseRemedy => "choose_remedy",
    /// R4: a supervisor approves one option.
    Approve => "approve",
    /// R5: the customer declines the approved remedy.
    Decline => "decline",
    /// R5: the remedy is executed with the customer's signature.
    Execute => "execute",
    /// R6: the handling is reviewed.
    Review => "review",
    /// R7: a reviewed complaint is reopened.
    Reopen => "reopen",
    /// D1: the customer disputes the final response; it is judged again.
    Dispute => "dispute",
    /// D2: the complaint is referred to an external body.
    Refer => "refer",
    /// D2: the external body's outcome.
    RecordReferralOutcome => "record_referral_outcome",
    /// The customer withdraws an open complaint.
    Withdraw => "withdraw",
    /// E6: a note, in any stage.
    AddNote => "add_note",
    /// T3: a contact with the customer, in any stage.
    Contact => "contact",
    /// T4: the complaint gets an owner.
    Assign => "assign",
    /// T6: the complaint goes to another department.
    Transfer => "transfer",
    /// Deadlines stop while the complaint waits on the customer.
    AwaitCustomer => "await_customer",
    /// The customer replied; paused deadlines run again.
    CustomerReplied => "customer_replied",
    /// W4: the customer is told where the complaint stands.
    ProgressUpdate => "progress_update",
    /// W5: deadlines the policy names stop while the complaint waits on a third party.
    AwaitThirdParty => "await_third_party",
    /// W5: the third party replied; the deadlines its wait paused run again.
    ThirdPartyReplied => "third_party_replied",
    /// W2: the severity or category of an open complaint changes; its
    /// deadlines are re-targeted.
    Reclassify => "reclassify",
    /// A supervisor extends a deadline.
    ExtendDeadline => "extend_deadline",
    /// E1–E3: the complaint goes to a higher role (W3: by hand, or a level
    /// of a deadline's escalation chain).
    Escalate => "escalate",
    /// W1: a deadline's warning or due time passed and was raised.
    RaiseAlarm => "raise_alarm",
    /// E4: the customer contacts the company again about this complaint.
    RepeatContact => "repeat_contact",
    /// E5: shift handover to the next colleague.
    Handover => "handover",
    /// T5: a simple complaint resolved on the first contact.
    ResolveOnFirstContact => "resolve_on_first_contact",
    /// F1: an attempt to reach the customer for the follow-up.
    AttemptFollowUp => "attempt_follow_up",
    /// F7: a follow-up time agreed with the customer.
    RescheduleFollowUp => "reschedule_follow_up",
    /// F2, F3: the completed follow-up record.
    CompleteFollowUp => "complete_follow_up",
    /// F5: the follow-up's attempts are exhausted.
    GiveUpFollowUp => "give_up_follow_up",
    /// R7: the finished complaint is closed.
    Close => "close",
    /// The complainant's personal data was erased outside the history.
    PersonalDataErased => "personal_data_erased",
    /// A2: personal texts of earlier entries are redacted.
    Redact => "redact",
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
