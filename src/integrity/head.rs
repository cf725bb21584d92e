//! [`ChainHead`]: where a history's hash chain ends (A1).

use super::digest::Digest;
use crate::values::ComplaintId;

/// The head of a verified chain: what a checkpoint signs and an auditor
/// compares (A1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ChainHead {
    /// The complaint.
    pub complaint_id: ComplaintId,
    /// How many entries the history holds.
    pub version: u64,
    /// The last entry's hash.
    pub hash: Digest,
}
