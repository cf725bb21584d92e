//! R2 判定: the two outcomes of judging a complaint.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::values::Department;

/// The complaint is upheld (投訴成立, R2).
///
/// Names the department responsible and the time agreed with the customer for
/// the investigation (請顧客給予一定時間展開調查).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uphold {
    /// 責任部門: the department responsible; must not be empty.
    pub responsible_department: Department,
    /// The time agreed with the customer by which the investigation is done;
    /// must be after the time of the judgment.
    pub investigation_due: DateTime<Utc>,
}

/// The complaint is dismissed (投訴不能成立, R2).
///
/// Ends the handling; the dismissed complaint is still reviewed (R6) and followed up.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dismiss {
    /// 婉轉的方式答復客戶: the reply given to the customer; must not be empty.
    pub reply: String,
}
