//! The audit trail (A1–A3): a history that proves it was not altered.
//!
//! - A1: every [`Entry`](crate::record::Entry) of schema 2 carries a
//!   [`Seal`]: the hash of the entry before it, short checks of its parts and
//!   its own SHA-256 hash over the canonical encoding `docs/schema.md`
//!   defines, precise enough for an auditor to verify a stored history
//!   without this crate (`tools/verify_history.py` does, with Python's
//!   standard library). Replay verifies the chain; [`verify_chain`] checks a
//!   stream of entries without building the state; each kind of tampering is
//!   its own [`ChainError`].
//! - A2: each personal text of an event (the complaint's content, notes,
//!   findings, replies, feedback; the list is [`personal_text_paths`]) enters
//!   the hash as a salted commitment, so that it can be redacted and the
//!   chain still verifies.
//! - A3: entries of schema 1 (no seal) are sealed on upgrade when read,
//!   deterministically, and marked as upgraded.
//!
//!
//! The chain alone catches accidents and edits by someone who does not
//! recompute it; someone who can rewrite every row can recompute every hash
//! too, which only a record of the head kept elsewhere catches: a
//! [`Checkpoint`] of chain heads signed with an Ed25519 key the application
//! holds outside the database ([`sign`]), checked by an auditor with the
//! public key ([`verify_against`], a [`Keyring`] of the keys trusted after
//! rotations). `docs/audit.md` defines the signed bytes and says which key
//! is kept where.

mod checkpoint;
mod checkpoint_error;
mod keys;
mod verify;

pub use crate::integrity::{
    ChainError, ChainHead, Checks, Digest, HexError, Part, Salt, Seal, TextSeal, TextSecret,
};
pub use checkpoint::{Checkpoint, sign, verify_against};
pub use checkpoint_error::CheckpointError;
/// The Ed25519 keys of checkpoints, from `ed25519-dalek` (its
/// `SigningKey::from_bytes` takes 32 secret bytes, `VerifyingKey::from_bytes`
/// a public key's 32 bytes).
pub use ed25519_dalek::{Signature, SigningKey, VerifyingKey};
pub use keys::{KeyId, Keyring};
pub use verify::verify_chain;

use crate::lifecycle::Event;

/// A2: the JSON pointers (RFC 6901) of an event's personal texts inside its
/// stored entry (`/event/data/content`), in the order its seal lists them.
#[must_use]
pub fn personal_text_paths(event: &Event) -> Vec<String> {
    crate::integrity::personal_texts(event)
        .into_iter()
        .map(|(path, _)| path)
        .collect()
}
