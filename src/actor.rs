//! Who acts: [`Actor`] and [`Role`], and the one table that says which role
//! may fire which event ([`Role::required_for`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lifecycle::EventKind;
use crate::values::ActorId;

/// A staff member acting on a complaint: recorded on every history entry (R7).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// The application's id of the staff member.
    pub id: ActorId,
    /// What the staff member may do.
    pub role: Role,
}

impl Actor {
    /// An actor with the given id and role.
    pub fn new(id: impl Into<ActorId>, role: Role) -> Self {
        Self {
            id: id.into(),
            role,
        }
    }

    /// A front-line agent (客服專員).
    pub fn agent(id: impl Into<ActorId>) -> Self {
        Self::new(id, Role::Agent)
    }

    /// A team lead (組長).
    pub fn team_lead(id: impl Into<ActorId>) -> Self {
        Self::new(id, Role::TeamLead)
    }

    /// A customer-service supervisor (客服主管).
    pub fn supervisor(id: impl Into<ActorId>) -> Self {
        Self::new(id, Role::Supervisor)
    }

    /// Whether this actor's role may fire an event of this kind.
    #[must_use]
    pub fn may(&self, event: EventKind) -> bool {
        self.role >= Role::required_for(event)
    }
}

/// The roles of the procedure, ordered: a higher role may do everything a
/// lower one may.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 客服專員: takes complaints, records, investigates, proposes, executes.
    Agent,
    /// 組長: takes the hard cases (E3); everything an agent does.
    TeamLead,
    /// 客服主管: approves remedies (R4) and reviews handled complaints (R6).
    Supervisor,
}

impl Role {
    /// Every role, lowest first.
    pub const ALL: [Role; 3] = [Role::Agent, Role::TeamLead, Role::Supervisor];

    /// The lowest role that may fire an event of this kind.
    ///
    /// - R4: only a supervisor selects and approves a remedy.
    /// - R6: the supervisor fills in the review (顧客投訴分類統計表).
    /// - Extending a deadline and recording an erasure of personal data are
    ///   a supervisor's decisions.
    /// - Everything else is front-line work.
    #[must_use]
    pub const fn required_for(event: EventKind) -> Role {
        match event {
            EventKind::Approve
            | EventKind::Review
            | EventKind::ExtendDeadline
            | EventKind::PersonalDataErased => Role::Supervisor,
            EventKind::Accept
            | EventKind::Uphold
            | EventKind::Dismiss
            | EventKind::Investigate
            | EventKind::Propose
            | EventKind::ChooseRemedy
            | EventKind::Decline
            | EventKind::Execute
            | EventKind::Reopen
            | EventKind::Withdraw
            | EventKind::AddNote
            | EventKind::Contact
            | EventKind::Assign
            | EventKind::Transfer
            | EventKind::AwaitCustomer
            | EventKind::CustomerReplied
            | EventKind::Escalate
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

    /// The snake-case name used in the stored format.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::TeamLead => "team_lead",
            Role::Supervisor => "supervisor",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
