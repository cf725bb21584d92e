//! R1 受理: the complaint registration form, the only way a complaint comes to be.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::lifecycle::Complainant;
use crate::values::{Category, Channel, Severity};

/// 顧客投訴登記表: accept a complaint (R1).
///
/// Creates the complaint: who complains, when it was received, through which
/// channel, what it is about. Nothing else creates a complaint.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accept {
    /// 投訴人: who complains.
    pub complainant: Complainant,
    /// 投訴時間: when the complaint reached the company; not after the time it is accepted.
    pub received_at: DateTime<Utc>,
    /// How it reached the company.
    pub channel: Channel,
    /// 投訴內容: what the customer says, in their words; must not be empty.
    pub content: String,
    /// The subject classification (S1); must not be empty.
    pub category: Category,
    /// How serious it is (E1).
    pub severity: Severity,
}
