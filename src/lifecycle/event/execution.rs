//! R5 執行: carrying out the approved remedy: accountability, the customer's
//! notification and the customer's signed acceptance.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::values::ContactMethod;

/// Execute the approved remedy (R5).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Execute {
    /// 處罰: one entry for every responsible party named in the findings.
    pub accountability: Vec<Accountability>,
    /// 通知顧客: how and when the customer was told.
    pub notification: CustomerNotification,
    /// 顧客簽字: the customer's signed acceptance. Required: `None` is refused
    /// with [`RemedyError::MissingSignature`](crate::error::RemedyError::MissingSignature),
    /// so a form submitted without it is a clear error, not a parse failure.
    pub signature: Option<CustomerSignature>,
    /// 顧客的反饋意見: what the customer said on accepting, if anything.
    pub feedback: Option<String>,
}

/// A rule-based penalty applied to a responsible person (R5).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accountability {
    /// The responsible person, as named in the findings; must not be empty.
    pub person: String,
    /// 有關規定: the company rule applied; must not be empty.
    pub rule: String,
    /// 處罰: the penalty (a warning, a fine, training); must not be empty.
    pub penalty: String,
}

/// How and when the customer was told of the remedy (R5).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerNotification {
    /// How the customer was told.
    pub method: ContactMethod,
    /// When; not after the execution is recorded.
    pub at: DateTime<Utc>,
}

/// The customer's signed acceptance of the remedy (R5: 請顧客簽字).
///
/// Holds a reference to the signed document in the application's storage,
/// not the signature itself: the history carries no personal data.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerSignature {
    /// The application's reference to the signed acceptance; must not be empty.
    pub reference: String,
    /// When the customer signed; not after the execution is recorded.
    pub signed_at: DateTime<Utc>,
}
