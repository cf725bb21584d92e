//! R3 調查: the findings of an investigation and who handles the cause next.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::values::Department;

/// Record the findings of the investigation (R3).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Investigate {
    /// What was found.
    pub findings: Findings,
}

/// 查明具體原因: the cause of a complaint and who is responsible for it (R3).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Findings {
    /// The category of the cause; decides who handles it next ([`RootCause::routing`]).
    pub root_cause: RootCause,
    /// What happened; must not be empty.
    pub description: String,
    /// 責任人: at least one responsible party.
    pub responsible_parties: Vec<ResponsibleParty>,
}

/// A person found responsible for the cause of a complaint (R3), and later
/// held to account (R5).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponsibleParty {
    /// The application's id of the staff member; must not be empty.
    pub person: String,
    /// The staff member's department; must not be empty.
    pub department: Department,
    /// Whether they caused it directly or head the department that did.
    pub responsibility: Responsibility,
}

/// How a responsible party is responsible (R5: 直接責任者和部門主管).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Responsibility {
    /// 直接責任者: caused the problem.
    Direct,
    /// 部門主管: heads the department that caused it.
    DepartmentHead,
}

/// The category of a complaint's cause (R3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RootCause {
    /// 質量問題: the product or the repair was faulty.
    Quality,
    /// 服務問題: how staff served the customer.
    Service,
    /// Delivery or logistics: late, lost, missing parts.
    Logistics,
    /// Prices, charges, refunds.
    Billing,
    /// The company's own rules or terms.
    Policy,
    /// Anything else.
    Other,
}

impl RootCause {
    /// Every root cause, in declaration order.
    pub const ALL: [RootCause; 6] = [
        RootCause::Quality,
        RootCause::Service,
        RootCause::Logistics,
        RootCause::Billing,
        RootCause::Policy,
        RootCause::Other,
    ];

    /// Who handles a cause of this category next (R3).
    ///
    /// 如屬修理質量問題,交相關負責人處理;屬服務問題,則服務專員/主管處理: quality
    /// problems go to the responsible department's lead, service problems to the
    /// service supervisor; the other causes stay with the responsible department.
    #[must_use]
    pub const fn routing(self) -> Routing {
        match self {
            RootCause::Quality => Routing::ResponsibleLead,
            RootCause::Service => Routing::ServiceSupervisor,
            RootCause::Logistics | RootCause::Billing | RootCause::Policy | RootCause::Other => {
                Routing::ResponsibleDepartment
            }
        }
    }

    /// The snake-case name used in the stored format.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            RootCause::Quality => "quality",
            RootCause::Service => "service",
            RootCause::Logistics => "logistics",
            RootCause::Billing => "billing",
            RootCause::Policy => "policy",
            RootCause::Other => "other",
        }
    }
}

impl fmt::Display for RootCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Who takes a complaint after the investigation (R3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Routing {
    /// 相關負責人: the lead of the responsible department (quality problems).
    ResponsibleLead,
    /// 服務專員/主管: the service specialist or supervisor (service problems).
    ServiceSupervisor,
    /// The responsible department itself.
    ResponsibleDepartment,
}
