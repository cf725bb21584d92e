//! [`KeyId`] and [`Keyring`]: which key signed a checkpoint, and the
//! public keys an auditor trusts, old ones kept after a rotation (A1).

use std::collections::BTreeMap;
use std::fmt;

use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};

use super::checkpoint_error::CheckpointError;

/// The name of a signing key (A1): what a [`Checkpoint`](super::Checkpoint)
/// says it was signed with, so that the auditor picks the public key.
///
/// 1 to 64 characters of `A–Z a–z 0–9 . _ : -` (it is a line of the signed
/// bytes, `docs/audit.md`). Name a key by its owner and when it came into
/// use (`desk-2026-12`): a rotated key gets a new id, and the old id keeps
/// naming the old public key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct KeyId(String);

impl KeyId {
    /// The most characters a key id has.
    pub const MAX_LEN: usize = 64;

    /// A key id.
    ///
    /// # Errors
    ///
    /// [`CheckpointError::InvalidKeyId`] when `id` is empty, longer than
    /// [`MAX_LEN`](Self::MAX_LEN) or has a character outside `A–Z a–z 0–9 . _ : -`.
    pub fn new(id: impl Into<String>) -> Result<Self, CheckpointError> {
        let id = id.into();
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-');
        if id.is_empty() || id.len() > Self::MAX_LEN || !id.chars().all(allowed) {
            return Err(CheckpointError::InvalidKeyId {
                key_id: id.chars().take(80).collect(),
            });
        }
        Ok(Self(id))
    }

    /// The id as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for KeyId {
    type Error = CheckpointError;

    fn try_from(id: String) -> Result<Self, CheckpointError> {
        Self::new(id)
    }
}

impl From<KeyId> for String {
    fn from(id: KeyId) -> Self {
        id.0
    }
}

/// The public keys an auditor checks checkpoints with, by [`KeyId`] (A1).
///
/// After a key rotation the old public key stays in the keyring: the
/// checkpoints it signed still verify, and only the new key signs new ones.
/// A key that leaked is removed, and what it signed is signed again with
/// the new key after the histories verify against an older checkpoint
/// (`docs/audit.md`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keyring {
    keys: BTreeMap<KeyId, VerifyingKey>,
}

impl Keyring {
    /// An empty keyring.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The keyring with `key` trusted under `id` (replacing a key of that id).
    #[must_use]
    pub fn with(mut self, id: KeyId, key: VerifyingKey) -> Self {
        self.keys.insert(id, key);
        self
    }

    /// Trusts `key` under `id`; returns the key the id named before, if any.
    pub fn insert(&mut self, id: KeyId, key: VerifyingKey) -> Option<VerifyingKey> {
        self.keys.insert(id, key)
    }

    /// Stops trusting the key named `id` (a key that leaked); returns it.
    pub fn remove(&mut self, id: &KeyId) -> Option<VerifyingKey> {
        self.keys.remove(id)
    }

    /// The public key named `id`.
    ///
    /// # Errors
    ///
    /// [`CheckpointError::UnknownKey`] when the keyring has no key of that id.
    pub fn key(&self, id: &KeyId) -> Result<&VerifyingKey, CheckpointError> {
        self.keys
            .get(id)
            .ok_or_else(|| CheckpointError::UnknownKey { key_id: id.clone() })
    }

    /// The ids of the keys trusted, in order.
    pub fn ids(&self) -> impl Iterator<Item = &KeyId> {
        self.keys.keys()
    }
}
