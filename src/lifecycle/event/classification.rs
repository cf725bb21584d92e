//! W2: the classification of an open complaint changes (its severity, its
//! category), with a reason; the deadlines the policy times by them are
//! re-targeted.

use serde::{Deserialize, Serialize};

use crate::values::{Category, Severity};

/// W2 重新定級: the severity and/or the category of an open complaint change,
/// with a reason.
///
/// Carries the whole new classification: the field that does not change keeps
/// the complaint's current value, and at least one of the two must differ.
/// Every unfinished deadline whose limit the policy's target rules choose is
/// re-targeted to the limit the rules give for the new classification, as a
/// recorded decision; deadlines opened later are timed by it too.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reclassify {
    /// The new severity.
    pub severity: Severity,
    /// The new category; must not be empty.
    pub category: Category,
    /// Why; must not be empty.
    pub reason: String,
}
