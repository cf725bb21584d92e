//! [`Checkpoint`]: a signed record of one or more chains' heads (A1), kept
//! outside the database, that catches a history rewritten with every hash
//! recomputed after the edit.
//!
//! The bytes signed are `docs/audit.md`'s: a domain line, the key id, the
//! time, then one line per head, sorted by complaint id. Signing and
//! verifying use Ed25519 (RFC 8032). The crate takes the key and the time
//! from the application: it generates no key and reads no clock.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, SecondsFormat, Timelike, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use super::checkpoint_error::CheckpointError;
use super::keys::KeyId;
use super::verify::verify_chain;
use crate::integrity::{ChainHead, read_hex, write_hex};
use crate::record::Entry;
use crate::values::ComplaintId;

/// The first line of the signed bytes: what they are, and their version.
const DOMAIN: &str = "complaint-workflow.checkpoint.v1";

/// A1: heads of hash chains signed with a key held outside the database.
///
/// A checkpoint of one complaint signs its [`ChainHead`] (id, version,
/// head hash); a period's checkpoint signs the heads of every complaint of
/// the period. Whoever can rewrite the entries can recompute every hash,
/// but not this signature: a history verifies against a checkpoint
/// ([`verify_against`]) only if its entry at the checkpoint's version is
/// the one signed.
///
/// Stored as serde data:
/// `{"heads":[{"complaint_id":"…","version":3,"hash":"…"}],"at":"2026-12-01T18:00:00Z","key_id":"desk-2026-12","signature":"…"}`
/// (the signature in 128 lowercase hexadecimal digits). Reading checks the
/// form (a head at most once per complaint, whole seconds, a valid key id),
/// not the signature: that is [`verify`](Self::verify)'s.
///
/// # Example
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// # use complaint_workflow::*;
/// # use complaint_workflow::event::{Accept, AddNote};
/// use complaint_workflow::audit::{self, Checkpoint, CheckpointError, KeyId, SigningKey};
///
/// # let policy = Policy::default();
/// # let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
/// # let ctx = Context::new(Actor::agent("agent-7"), now, &policy);
/// # let accept = Accept {
/// #     complainant: Complainant::member("customer-42"),
/// #     received_at: now,
/// #     channel: Channel::Phone,
/// #     content: "The parcel never arrived".into(),
/// #     category: Category::new("delivery"),
/// #     severity: Severity::Low,
/// # };
/// let mut record = ComplaintRecord::accept(accept, &ctx)?;
/// record.apply(AddNote { text: "Called the courier".into() }, &ctx)?;
///
/// // The application's key: here from a fixed seed; in production 32
/// // random bytes from the operating system, kept in a secret store, never
/// // in the complaints database.
/// let signing_key = SigningKey::from_bytes(&[7; 32]);
/// let key_id = KeyId::new("desk-2026-12")?;
/// let checkpoint = audit::sign([record.chain_head()], now, &signing_key, key_id)?;
///
/// // The auditor holds the public key only.
/// let public_key = signing_key.verifying_key();
/// checkpoint.verify(&public_key)?;
///
/// // The history goes on; it still verifies against the older checkpoint.
/// record.apply(AddNote { text: "The courier found it".into() }, &ctx)?;
/// let head = audit::verify_against(record.entries(), &checkpoint, &public_key)?;
/// assert_eq!(head.version, 3);
///
/// // Cut back to one entry, it is shorter than what was signed.
/// assert!(matches!(
///     audit::verify_against(&record.entries()[..1], &checkpoint, &public_key),
///     Err(CheckpointError::Truncated { checkpoint: 2, history: 1, .. })
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredCheckpoint", into = "StoredCheckpoint")]
pub struct Checkpoint {
    heads: Vec<ChainHead>,
    at: DateTime<Utc>,
    key_id: KeyId,
    signature: Signature,
}

/// A1: signs `heads` at time `at` with `key`, named `key_id`.
///
/// `at` is when the application took the checkpoint (the crate reads no
/// clock); its fraction of a second is dropped. The heads are kept sorted
/// by complaint id, the order the signed bytes list them in.
///
/// # Errors
///
/// [`CheckpointError::NoHeads`], [`CheckpointError::DuplicateHead`] (two
/// heads of one complaint), [`CheckpointError::EmptyHead`] (version 0),
/// [`CheckpointError::UnsignableTime`] (outside the years 1 to 9999).
pub fn sign(
    heads: impl IntoIterator<Item = ChainHead>,
    at: DateTime<Utc>,
    key: &SigningKey,
    key_id: KeyId,
) -> Result<Checkpoint, CheckpointError> {
    let at = at.with_nanosecond(0).unwrap_or(at);
    let heads = canonical_heads(heads.into_iter().collect())?;
    let message = signed_bytes(&heads, at, &key_id)?;
    let signature = key.sign(&message);
    Ok(Checkpoint {
        heads,
        at,
        key_id,
        signature,
    })
}

/// A1: verifies `entries` (one complaint's history, as stored) against
/// `checkpoint` with the public key `key`: the checkpoint's signature, the
/// history's hash chain ([`verify_chain`]), and that the history's entry at
/// the checkpoint's version has the hash the checkpoint signed. A history
/// longer than the checkpoint verifies: entries made after it are checked
/// by the chain, the signed prefix by the checkpoint. Returns the head of
/// the whole history.
///
/// The complaint is the checkpoint's when it signs one head, else the first
/// entry's, whose head the checkpoint must hold.
///
/// # Errors
///
/// [`CheckpointError::BadSignature`]; [`CheckpointError::Chain`] when the
/// chain does not verify; [`CheckpointError::NotCovered`] when the
/// checkpoint has no head of the complaint; [`CheckpointError::Truncated`]
/// when the history is shorter than the checkpoint's version;
/// [`CheckpointError::HeadMismatch`] when its entry at that version is not
/// the one signed.
pub fn verify_against<'e>(
    entries: impl IntoIterator<Item = &'e Entry>,
    checkpoint: &Checkpoint,
    key: &VerifyingKey,
) -> Result<ChainHead, CheckpointError> {
    checkpoint.verify(key)?;
    let entries: Vec<&Entry> = entries.into_iter().collect();
    let complaint = match checkpoint.heads.as_slice() {
        [only] => only.complaint_id,
        _ => entries
            .first()
            .map(|entry| entry.complaint_id())
            .ok_or(crate::integrity::ChainError::Dropped { sequence: 1 })?,
    };
    let signed = checkpoint
        .head_of(complaint)
        .ok_or(CheckpointError::NotCovered { complaint })?;
    let history = verify_chain(complaint, entries.iter().copied())?;
    if history.version < signed.version {
        return Err(CheckpointError::Truncated {
            complaint,
            checkpoint: signed.version,
            history: history.version,
        });
    }
    let at_version = if history.version == signed.version {
        history
    } else {
        let prefix = usize::try_from(signed.version).unwrap_or(usize::MAX);
        verify_chain(complaint, entries.iter().copied().take(prefix))?
    };
    if at_version.hash != signed.hash {
        return Err(CheckpointError::HeadMismatch {
            complaint,
            version: signed.version,
            checkpoint: signed.hash,
            history: at_version.hash,
        });
    }
    Ok(history)
}

impl Checkpoint {
    /// A1: checks the signature with the public key `key` (strict Ed25519:
    /// no malleable signatures, no weak keys).
    ///
    /// # Errors
    ///
    /// [`CheckpointError::BadSignature`] when the signature is not `key`'s
    /// over the checkpoint's bytes.
    pub fn verify(&self, key: &VerifyingKey) -> Result<(), CheckpointError> {
        let message = signed_bytes(&self.heads, self.at, &self.key_id)?;
        key.verify_strict(&message, &self.signature)
            .map_err(|_| CheckpointError::BadSignature {
                key_id: self.key_id.clone(),
            })
    }

    /// The heads signed, sorted by complaint id.
    #[must_use]
    pub fn heads(&self) -> &[ChainHead] {
        &self.heads
    }

    /// The head of `complaint` this checkpoint signs, if any.
    #[must_use]
    pub fn head_of(&self, complaint: ComplaintId) -> Option<&ChainHead> {
        self.heads
            .binary_search_by(|head| head.complaint_id.cmp(&complaint))
            .ok()
            .and_then(|index| self.heads.get(index))
    }

    /// When the application took the checkpoint (whole seconds).
    #[must_use]
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The key it was signed with.
    #[must_use]
    pub fn key_id(&self) -> &KeyId {
        &self.key_id
    }

    /// The Ed25519 signature.
    #[must_use]
    pub fn signature(&self) -> &Signature {
        &self.signature
    }

    /// The exact bytes the signature covers (`docs/audit.md`), for a
    /// verifier in another language to compare its own with.
    ///
    /// # Errors
    ///
    /// [`CheckpointError::UnsignableTime`], which a checkpoint made by
    /// [`sign`] or read with serde never has.
    pub fn signed_bytes(&self) -> Result<Vec<u8>, CheckpointError> {
        signed_bytes(&self.heads, self.at, &self.key_id)
    }
}

/// The heads sorted by complaint id, each complaint once, none empty.
fn canonical_heads(mut heads: Vec<ChainHead>) -> Result<Vec<ChainHead>, CheckpointError> {
    heads.sort_by_key(|head| head.complaint_id);
    if heads.is_empty() {
        return Err(CheckpointError::NoHeads);
    }
    for pair in heads.windows(2) {
        if let [first, second] = pair {
            if first.complaint_id == second.complaint_id {
                return Err(CheckpointError::DuplicateHead {
                    complaint: first.complaint_id,
                });
            }
        }
    }
    if let Some(head) = heads.iter().find(|head| head.version == 0) {
        return Err(CheckpointError::EmptyHead {
            complaint: head.complaint_id,
        });
    }
    Ok(heads)
}

/// `docs/audit.md`'s signed bytes:
///
/// ```text
/// complaint-workflow.checkpoint.v1
/// key <key id>
/// at <YYYY-MM-DDTHH:MM:SSZ>
/// heads <count>
/// <complaint id> <version> <hash>      (one line per head, by complaint id)
/// ```
///
/// every line ending in `\n`.
fn signed_bytes(
    heads: &[ChainHead],
    at: DateTime<Utc>,
    key_id: &KeyId,
) -> Result<Vec<u8>, CheckpointError> {
    if at.nanosecond() != 0 || !(1..=9999).contains(&at.year()) {
        return Err(CheckpointError::UnsignableTime { at });
    }
    let mut text = format!(
        "{DOMAIN}\nkey {key_id}\nat {}\nheads {}\n",
        at.to_rfc3339_opts(SecondsFormat::Secs, true),
        heads.len()
    );
    for head in heads {
        let _ = writeln!(text, "{} {} {}", head.complaint_id, head.version, head.hash);
    }
    Ok(text.into_bytes())
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredCheckpoint {
    heads: Vec<ChainHead>,
    at: DateTime<Utc>,
    key_id: KeyId,
    signature: String,
}

impl TryFrom<StoredCheckpoint> for Checkpoint {
    type Error = CheckpointError;

    fn try_from(stored: StoredCheckpoint) -> Result<Self, CheckpointError> {
        let heads = canonical_heads(stored.heads)?;
        // The bytes must be signable; the signature is `verify`'s to check.
        signed_bytes(&heads, stored.at, &stored.key_id)?;
        let bytes =
            read_hex::<64>(&stored.signature).map_err(|_| CheckpointError::MalformedSignature)?;
        Ok(Self {
            heads,
            at: stored.at,
            key_id: stored.key_id,
            signature: Signature::from_bytes(&bytes),
        })
    }
}

impl From<Checkpoint> for StoredCheckpoint {
    fn from(checkpoint: Checkpoint) -> Self {
        let mut signature = String::with_capacity(128);
        let _ = write_hex(&checkpoint.signature.to_bytes(), &mut signature);
        Self {
            heads: checkpoint.heads,
            at: checkpoint.at,
            key_id: checkpoint.key_id,
            signature,
        }
    }
}
