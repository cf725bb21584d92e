//! Handling around the stages: contacts with the customer (T3), ownership
//! (T4), transfers to the back office (T6), waiting on the customer, and
//! deadline extensions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::time::DeadlineId;
use crate::values::{ActorId, ContactMethod, Department};

/// A contact with the customer, at any stage.
///
/// Meets the open callback (T3), first-contact (T4) and transfer-tracking
/// (T6) deadlines; can promise the next callback.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// How the customer was reached.
    pub method: ContactMethod,
    /// What was said; must not be empty.
    pub summary: String,
    /// T3 約好回復的時間: a callback time agreed with the customer, a
    /// deadline of its own; must lie ahead.
    pub callback_due: Option<DateTime<Utc>>,
}

/// T4: the complaint gets an owner, who contacts the customer within the
/// policy's time (7 days by default).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assign {
    /// The new owner; must not be empty.
    pub owner: ActorId,
}

/// T6 工作聯繫單: the complaint goes to another department as a work order,
/// tracked until the customer is answered.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// The department that takes the work order; must not be empty.
    pub department: Department,
    /// The person there who owns it, if named.
    pub owner: Option<ActorId>,
    /// Why it is transferred; must not be empty.
    pub reason: String,
    /// By when the customer is answered; must lie ahead.
    pub tracking_due: DateTime<Utc>,
}

/// The complaint waits on the customer (a document, an answer): the
/// policy's pausable deadlines stop until the customer replies.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwaitCustomer {
    /// What is awaited; must not be empty.
    pub reason: String,
}

/// The customer replied: paused deadlines run again with the time they had left.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerReplied {
    /// What the customer sent or said; must not be empty.
    pub summary: String,
}

/// W4 (ISO 10002 tracking; FCA DISP 1.6.1R "keep the complainant
/// informed"): the customer is told where their complaint stands. It is a
/// contact with the customer, and meets the policy's recurring progress-update
/// deadline, which runs again from it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressUpdate {
    /// How the customer was told.
    pub method: ContactMethod,
    /// What they were told; must not be empty.
    pub summary: String,
}

/// W5: the complaint waits on a third party (a supplier, another
/// department): the deadlines the policy pauses for such a wait stop until
/// the third party replies.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwaitThirdParty {
    /// Who is awaited (a supplier, a department); must not be empty.
    pub party: String,
    /// What is awaited; must not be empty.
    pub reason: String,
}

/// W5: the third party replied: the deadlines its wait paused run again.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThirdPartyReplied {
    /// What the third party sent or said; must not be empty.
    pub summary: String,
}

/// A supervisor moves an open deadline later, within the policy's limits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtendDeadline {
    /// Which deadline of the complaint.
    pub deadline: DeadlineId,
    /// The new due time; later than the current one.
    pub due: DateTime<Utc>,
    /// Why; must not be empty.
    pub reason: String,
}
