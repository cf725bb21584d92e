//! Who acts: [`Actor`] and [`Role`]. Which role may fire which event is a
//! lifecycle rule: `Role::required_for`, in `lifecycle::authorization`.

use std::fmt;

use serde::{Deserialize, Serialize};

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
