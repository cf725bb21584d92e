//! E1–E5 and T5: escalation, repeat contacts, shift handover, and the fast
//! path for simple after-sales complaints.

use serde::{Deserialize, Serialize};

use crate::lifecycle::RemedyOption;
use crate::lifecycle::event::EscalationStep;
use crate::values::Role;
use crate::values::{ActorId, Channel};

/// E1–E3 上報: the complaint goes to a higher role, with a reason; a named
/// owner takes it over.
///
/// Applied by the crate at intake when the severity reaches the policy's
/// threshold (E1), by hand at any open stage (E2), and by a due-worker when a
/// level of a deadline's escalation chain falls (W3: [`step`](Self::step)).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escalate {
    /// The role that takes the complaint; higher than its current level.
    pub to: Role,
    /// The person who takes it over, if named.
    pub owner: Option<ActorId>,
    /// Why; must not be empty.
    pub reason: String,
    /// W3: the level of a deadline's escalation chain this escalation fires;
    /// `None` for an escalation by hand or at intake.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<EscalationStep>,
}

/// E4 再次撥打: the same customer contacts the company again about this
/// complaint: linked to it, not a new complaint. Repeated contacts raise the
/// priority ([`ComplaintRecord::priority`](crate::ComplaintRecord::priority)).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepeatContact {
    /// How the customer came back.
    pub channel: Channel,
    /// What the customer said; must not be empty.
    pub content: String,
}

/// E5 轉交給接班的同事: at shift end, an open complaint goes to the next colleague.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handover {
    /// The colleague who takes over; must not be empty nor the current owner.
    pub to: ActorId,
    /// Where things stand; must not be empty.
    pub note: String,
}

/// T5 5分鐘內能解決的: a simple after-sales complaint upheld, remedied and
/// executed by the intake agent on the first contact, without a supervisor's
/// approval, and recorded in full.
///
/// Only a [`SimpleComplaint`](crate::SimpleComplaint) offers it on the typed
/// face; the stored face checks the same conditions.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolveOnFirstContact {
    /// What was done for the customer.
    pub remedy: RemedyOption,
    /// How the customer accepted it (their words, or a reference); must not be empty.
    pub customer_acceptance: String,
}
