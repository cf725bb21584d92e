//! [`Verification`]: what checking a history gave, as data an export
//! carries (A5): the chain's head, or the typed error.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::audit::{ChainError, ChainHead, Checkpoint, CheckpointError};

/// A5: the outcome of a check of a stored history: its chain's head, or
/// why it does not verify. `E` is [`ChainError`] for the hash chain
/// ([`verify_chain`](crate::audit::verify_chain)), [`CheckpointError`] for a
/// signed checkpoint ([`verify_against`](crate::audit::verify_against)).
///
/// As serde data:
/// `{"outcome":"verified","head":{"complaint_id":"…","version":17,"hash":"…"}}`
/// or `{"outcome":"refused","error":{"altered":{"sequence":4,"part":"texts"}},"message":"entry 4 was altered: …"}`;
/// `message` is the error's text, written for a reader and not read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verification<E = ChainError> {
    /// The history verifies; its chain ends at this head.
    Verified(ChainHead),
    /// The history does not verify.
    Refused(E),
}

impl<E> Verification<E> {
    /// The head, when the history verifies.
    #[must_use]
    pub fn head(&self) -> Option<&ChainHead> {
        match self {
            Verification::Verified(head) => Some(head),
            Verification::Refused(_) => None,
        }
    }

    /// The error, when it does not.
    #[must_use]
    pub fn error(&self) -> Option<&E> {
        match self {
            Verification::Verified(_) => None,
            Verification::Refused(error) => Some(error),
        }
    }

    /// Whether the history verifies.
    #[must_use]
    pub fn is_verified(&self) -> bool {
        matches!(self, Verification::Verified(_))
    }
}

impl<E> From<Result<ChainHead, E>> for Verification<E> {
    fn from(result: Result<ChainHead, E>) -> Self {
        match result {
            Ok(head) => Verification::Verified(head),
            Err(error) => Verification::Refused(error),
        }
    }
}

/// A1, A5: a signed checkpoint and what checking the history against it gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointCheck {
    /// The checkpoint, as stored.
    pub checkpoint: Checkpoint,
    /// The history's check against it, with the keyring's key of its key id.
    pub result: Verification<CheckpointError>,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Outcome {
    Verified,
    Refused,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "T: Deserialize<'de>"))]
struct Stored<T> {
    outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    head: Option<ChainHead>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

impl<E: Serialize + fmt::Display> Serialize for Verification<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let stored = match self {
            Verification::Verified(head) => Stored {
                outcome: Outcome::Verified,
                head: Some(*head),
                error: None,
                message: None,
            },
            Verification::Refused(error) => Stored {
                outcome: Outcome::Refused,
                head: None,
                message: Some(error.to_string()),
                error: Some(error),
            },
        };
        stored.serialize(serializer)
    }
}

impl<'de, E: Deserialize<'de>> Deserialize<'de> for Verification<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = Stored::<E>::deserialize(deserializer)?;
        match (stored.outcome, stored.head, stored.error) {
            (Outcome::Verified, Some(head), None) => Ok(Verification::Verified(head)),
            (Outcome::Refused, None, Some(error)) => Ok(Verification::Refused(error)),
            (Outcome::Verified, _, _) => Err(de::Error::custom(
                "a verified outcome has a `head` and no `error`",
            )),
            (Outcome::Refused, _, _) => Err(de::Error::custom(
                "a refused outcome has an `error` and no `head`",
            )),
        }
    }
}
