//! Who may fire which event (R4, R6): [`Role::required_for`], the one table
//! of roles, and [`Actor::may`] on top of it.

use crate::lifecycle::EventKind;
use crate::values::{Actor, Role};

impl Role {
    /// The lowest role that may fire an event of this kind.
    ///
    /// - R4: only a supervisor selects and approves a remedy.
    /// - R6: the supervisor fills in the review (顧客投訴分類統計表).
    /// - Extending a deadline and recording an erasure of personal data are
    ///   a supervisor's decisions.
    /// - D2: the external body's outcome stands for the review of the
    ///   handling (it leads to `reviewed`), so it is the supervisor's to
    ///   record, as the review is.
    /// - D1, D2: a dispute and a referral are the customer's recourse;
    ///   whoever takes the customer's word records them, as a reopen.
    /// - W2: reclassifying an open complaint moves its targets; the team
    ///   lead, who takes the hard cases (E3) and hears of the special ones
    ///   (E2), decides it.
    /// - Everything else is front-line work (W1, W3: a due-worker raises alarms
    ///   and fires escalation levels as a front-line actor of its own).
    #[must_use]
    pub const fn required_for(event: EventKind) -> Role {
        match event {
            EventKind::Approve
            | EventKind::Review
            | EventKind::ExtendDeadline
            | EventKind::RecordReferralOutcome
            | EventKind::PersonalDataErased
            // A2: a redaction is a supervisor's decision.
            | EventKind::Redact => Role::Supervisor,
            EventKind::Reclassify => Role::TeamLead,
            EventKind::Accept
            | EventKind::Uphold
            | EventKind::Dismiss
            | EventKind::Investigate
            | EventKind::Propose
            | EventKind::ChooseRemedy
            | EventKind::Decline
            | EventKind::Execute
            | EventKind::Reopen
            | EventKind::Dispute
            | EventKind::Refer
            | EventKind::Withdraw
            | EventKind::AddNote
            | EventKind::Contact
            | EventKind::Assign
            | EventKind::Transfer
            | EventKind::AwaitCustomer
            | EventKind::CustomerReplied
            | EventKind::ProgressUpdate
            | EventKind::AwaitThirdParty
            | EventKind::ThirdPartyReplied
            | EventKind::Escalate
            | EventKind::RaiseAlarm
            | EventKind::RepeatContact
            | EventKind::Handover
            | EventKind::ResolveOnFirstContact
            | EventKind::AttemptFollowUp
            | EventKind::RescheduleFollowUp
            | EventKind::CompleteFollowUp
            | EventKind::GiveUpFollowUp
            | EventKind::Close => Role::Agent,
        }
    }
}

impl Actor {
    /// Whether this actor's role may fire an event of this kind.
    #[must_use]
    pub fn may(&self, event: EventKind) -> bool {
        self.role >= Role::required_for(event)
    }
}
