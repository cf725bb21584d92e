//! [`CheckpointError`]: a checkpoint that cannot be made, or that a history
//! or a key does not agree with (A1).

use chrono::{DateTime, Utc};

use super::keys::KeyId;
use crate::integrity::{ChainError, Digest};
use crate::values::ComplaintId;

/// Why a checkpoint was not made, did not verify, or does not vouch for a
/// history (A1).
///
/// As serde data (in an export, A5) each variant is named in snake case:
/// `{"head_mismatch":{…}}`, `"no_heads"`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CheckpointError {
    /// The signature is not the key's signature of the checkpoint's bytes:
    /// the checkpoint was altered after signing, or another key signed it.
    #[error("the checkpoint's signature does not verify with key `{key_id}`")]
    BadSignature {
        /// The key the checkpoint names.
        key_id: KeyId,
    },
    /// The checkpoint names a key the keyring does not hold.
    #[error("the checkpoint is signed with key `{key_id}`, which the keyring does not hold")]
    UnknownKey {
        /// The key the checkpoint names.
        key_id: KeyId,
    },
    /// The history's entry at the checkpoint's version is not the entry the
    /// checkpoint signed: the history was rewritten (and its chain
    /// recomputed) after the checkpoint.
    #[error(
        "complaint {complaint}'s entry {version} has hash {history}, the checkpoint signed {checkpoint}"
    )]
    HeadMismatch {
        /// The complaint.
        complaint: ComplaintId,
        /// The checkpoint's version: the entry compared.
        version: u64,
        /// The hash the checkpoint signed.
        checkpoint: Digest,
        /// The hash the history's entry has.
        history: Digest,
    },
    /// The history is shorter than the checkpoint: entries were removed
    /// from its end.
    #[error(
        "complaint {complaint}'s history has {history} entries, the checkpoint signed {checkpoint}"
    )]
    Truncated {
        /// The complaint.
        complaint: ComplaintId,
        /// How many entries the checkpoint signed.
        checkpoint: u64,
        /// How many the history has.
        history: u64,
    },
    /// The checkpoint signs no head of this complaint.
    #[error("the checkpoint signs no head of complaint {complaint}")]
    NotCovered {
        /// The complaint.
        complaint: ComplaintId,
    },
    /// The history's own hash chain does not verify.
    #[error("the history does not verify: {0}")]
    Chain(#[from] ChainError),
    /// A checkpoint of no heads.
    #[error("a checkpoint signs at least one head")]
    NoHeads,
    /// Two heads of one complaint in one checkpoint.
    #[error("the checkpoint has two heads of complaint {complaint}")]
    DuplicateHead {
        /// The complaint.
        complaint: ComplaintId,
    },
    /// A head of version 0: a history has at least one entry.
    #[error("the checkpoint's head of complaint {complaint} has version 0")]
    EmptyHead {
        /// The complaint.
        complaint: ComplaintId,
    },
    /// A key id the checkpoint's bytes cannot hold.
    #[error(
        "`{key_id}` is not a key id: 1 to 64 characters of A-Z, a-z, 0-9, `.`, `_`, `:` and `-`"
    )]
    InvalidKeyId {
        /// The id given (at most its first 80 characters).
        key_id: String,
    },
    /// A time the checkpoint's bytes cannot hold: with a fraction of a
    /// second (read from storage; signing drops the fraction), or outside
    /// the years 1 to 9999.
    #[error("the checkpoint's time {at} is not whole seconds within the years 1 to 9999")]
    UnsignableTime {
        /// The time.
        at: DateTime<Utc>,
    },
    /// A signature that is not 128 lowercase hexadecimal digits.
    #[error("the checkpoint's signature is not 128 lowercase hexadecimal digits")]
    MalformedSignature,
}
