//! [`Seal`]: what an entry carries to prove it was not altered (A1): the
//! hash of the entry before it, a salted commitment to each of its personal
//! texts (A2), short checks of its parts, and its own hash, over the
//! canonical encoding `docs/schema.md` defines.

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::canonical::{Canonical, CanonicalError, Scratch};
use super::digest::{Digest, HexError, Salt, hex_text, read_hex};
use super::texts::{each_personal_text, personal_texts};
use crate::lifecycle::{Decision, Event};
use crate::values::{Actor, CommandId, ComplaintId, EventId};

/// The prefix of every name the chain hashes under, so that no digest of
/// this scheme can be mistaken for another's.
const DOMAIN: &str = "complaint-workflow.v2.";

/// A part of an entry, hashed on its own (A1): a changed part is named by
/// the entry's checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The entry's id, its complaint and its sequence number.
    Identity,
    /// When the event happened.
    At,
    /// Who made it happen.
    Actor,
    /// What happened, with its personal texts left out (they are `Texts`).
    Event,
    /// What the policy decided when the entry was made.
    Decisions,
    /// The caller's command id.
    Command,
    /// The commitments to the event's personal texts.
    Texts,
}

impl Part {
    /// Every part, in the order the entry's hash covers them.
    pub const ALL: [Part; 7] = [
        Part::Identity,
        Part::At,
        Part::Actor,
        Part::Event,
        Part::Decisions,
        Part::Command,
        Part::Texts,
    ];

    /// The part's name in the canonical encoding.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Part::Identity => "identity",
            Part::At => "at",
            Part::Actor => "actor",
            Part::Event => "event",
            Part::Decisions => "decisions",
            Part::Command => "command",
            Part::Texts => "texts",
        }
    }
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How a personal text is held: its salt while the text is in the entry,
/// its commitment alone once the text is redacted (A2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextSecret {
    /// The text is in the entry; its commitment is computed from this salt.
    Salt(Salt),
    /// The text was redacted; this is the commitment it had.
    Redacted(Digest),
}

/// One personal text of an entry (A2): where it is and how it is committed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "StoredTextSeal", into = "StoredTextSeal")]
pub struct TextSeal {
    path: String,
    secret: TextSecret,
}

impl TextSeal {
    /// The text's JSON pointer in the stored entry (`/event/data/content`).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Its salt or, once redacted, its commitment.
    #[must_use]
    pub fn secret(&self) -> TextSecret {
        self.secret
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredTextSeal {
    path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    salt: Option<Salt>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    commitment: Option<Digest>,
}

impl TryFrom<StoredTextSeal> for TextSeal {
    type Error = String;

    fn try_from(stored: StoredTextSeal) -> Result<Self, String> {
        let secret = match (stored.salt, stored.commitment) {
            (Some(salt), None) => TextSecret::Salt(salt),
            (None, Some(commitment)) => TextSecret::Redacted(commitment),
            _ => {
                return Err(format!(
                    "the text seal of {} needs exactly one of `salt` and `commitment`",
                    stored.path
                ));
            }
        };
        Ok(Self {
            path: stored.path,
            secret,
        })
    }
}

impl From<TextSeal> for StoredTextSeal {
    fn from(seal: TextSeal) -> Self {
        let (salt, commitment) = match seal.secret {
            TextSecret::Salt(salt) => (Some(salt), None),
            TextSecret::Redacted(commitment) => (None, Some(commitment)),
        };
        Self {
            path: seal.path,
            salt,
            commitment,
        }
    }
}

/// The first four bytes of each part's digest, in [`Part::ALL`] order:
/// enough to name the part that changed, while the entry's hash covers the
/// whole digests. Written as 56 hexadecimal digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Checks([u8; 28]);

impl Checks {
    fn of(digests: &[Digest; 7]) -> Self {
        let mut bytes = [0u8; 28];
        for (chunk, digest) in bytes.chunks_exact_mut(4).zip(digests) {
            chunk.copy_from_slice(digest.as_bytes().get(..4).unwrap_or(&[0; 4]));
        }
        Self(bytes)
    }

    /// The first part whose check differs from `other`'s.
    fn first_difference(&self, other: &Checks) -> Option<Part> {
        self.0
            .chunks_exact(4)
            .zip(other.0.chunks_exact(4))
            .zip(Part::ALL)
            .find(|((mine, theirs), _)| mine != theirs)
            .map(|(_, part)| part)
    }
}

impl Serialize for Checks {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(hex_text(&self.0, &mut [0; 56]))
    }
}

impl<'de> Deserialize<'de> for Checks {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        read_hex::<28>(&text)
            .map(Self)
            .map_err(|error: HexError| serde::de::Error::custom(error))
    }
}

/// What an entry carries to prove it was not altered (A1): stored as the
/// entry's `seal` object (`docs/schema.md`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seal {
    /// A3: the schema version the entry was written with, when it was
    /// sealed on upgrade rather than when it was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    upgraded_from: Option<u32>,
    /// The hash of the entry before it; `None` on the first entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    previous: Option<Digest>,
    /// The event's personal texts, in the order the crate lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    texts: Vec<TextSeal>,
    /// Short checks of the parts, to name the part that changed.
    checks: Checks,
    /// The entry's hash.
    hash: Digest,
}

impl Seal {
    /// The entry's hash: what the next entry links to.
    #[must_use]
    pub fn hash(&self) -> Digest {
        self.hash
    }

    /// The hash of the entry before it; `None` on the first entry.
    #[must_use]
    pub fn previous(&self) -> Option<Digest> {
        self.previous
    }

    /// The event's personal texts and how each is committed.
    #[must_use]
    pub fn texts(&self) -> &[TextSeal] {
        &self.texts
    }

    /// A2: the seal of an entry whose text at `path` was `text` and is now
    /// redacted: the text's salt gives way to the commitment it made, so
    /// that every digest stays. Returns whether a salt was replaced (a text
    /// redacted already keeps its commitment).
    pub(crate) fn redact(&mut self, path: &str, text: &str) -> bool {
        let Some(seal) = self.texts.iter_mut().find(|seal| seal.path == path) else {
            return false;
        };
        match seal.secret {
            TextSecret::Salt(salt) => {
                seal.secret = TextSecret::Redacted(commitment(&salt, text));
                true
            }
            TextSecret::Redacted(_) => false,
        }
    }

    /// A3: the schema version the entry had before it was sealed on upgrade.
    #[must_use]
    pub fn upgraded_from(&self) -> Option<u32> {
        self.upgraded_from
    }
}

/// The content of an entry that its seal covers.
pub(crate) struct Content<'e> {
    pub(crate) id: EventId,
    pub(crate) complaint_id: ComplaintId,
    pub(crate) sequence: u64,
    pub(crate) at: &'e chrono::DateTime<chrono::Utc>,
    pub(crate) actor: &'e Actor,
    pub(crate) event: &'e Event,
    pub(crate) effects: &'e [Decision],
    pub(crate) command: Option<&'e CommandId>,
}

/// Why a seal does not verify, before the chain's links are looked at.
#[derive(Debug)]
pub(crate) enum SealFault {
    /// A part's digest is not the one its check recorded.
    Altered(Part),
    /// Every check holds but the hash does not.
    Hash,
    /// A text the seal names is not a personal text of the event, or a
    /// personal text of the event has no seal.
    Texts(String),
    /// A part has no canonical text.
    Canonical(CanonicalError),
}

impl From<CanonicalError> for SealFault {
    fn from(error: CanonicalError) -> Self {
        SealFault::Canonical(error)
    }
}

/// `SHA-256("complaint-workflow.v2.text\n" ‖ salt ‖ text)`.
pub(crate) fn commitment(salt: &Salt, text: &str) -> Digest {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN.as_bytes());
    hasher.update(b"text\n");
    hasher.update(salt.as_bytes());
    hasher.update(text.as_bytes());
    Digest::from_bytes(hasher.finalize().into())
}

/// The salt an entry upgraded from v1 commits a text with (A3): derived
/// from the entry's id and the text's path, so that the same v1 history
/// always upgrades to the same chain.
fn upgrade_salt(id: EventId, path: &str) -> Salt {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN.as_bytes());
    hasher.update(b"upgrade-salt\n");
    hasher.update(id.as_uuid().as_bytes());
    hasher.update(path.as_bytes());
    let digest: [u8; 32] = hasher.finalize().into();
    let mut salt = [0u8; 16];
    salt.copy_from_slice(digest.get(..16).unwrap_or(&[0; 16]));
    Salt::from_bytes(salt)
}

/// What verifying seals reuses from one entry to the next (A1): the part
/// hasher's buffers and the room for a text's pointer, so that a history's
/// check allocates them only while they grow. The list of an entry's own
/// personal texts borrows from that entry, so it is still made per entry
/// that has any.
#[derive(Clone, Debug, Default)]
pub(crate) struct SealScratch {
    hasher: PartHasher,
    pointer: String,
}

/// Hashes an entry's parts one after the other, reusing one buffer and one
/// writer's scratch for all of them.
#[derive(Clone, Debug, Default)]
struct PartHasher {
    buffer: Vec<u8>,
    scratch: Scratch,
}

impl PartHasher {
    /// Room for an entry's largest part (its event) without growing, for
    /// most entries.
    const CAPACITY: usize = 1024;

    fn new() -> Self {
        Self {
            buffer: Vec::with_capacity(Self::CAPACITY),
            scratch: Scratch::for_entry(),
        }
    }

    fn digest<T: Serialize + ?Sized>(
        &mut self,
        part: Part,
        value: &T,
        mask: &[&str],
    ) -> Result<Digest, CanonicalError> {
        self.buffer.clear();
        self.buffer.extend_from_slice(DOMAIN.as_bytes());
        self.buffer.extend_from_slice(part.name().as_bytes());
        self.buffer.push(b'\n');
        Canonical::masking(&mut self.buffer, mask, &mut self.scratch).write(value)?;
        Ok(Digest::of(&self.buffer))
    }
}

#[derive(Serialize)]
struct Identity {
    complaint_id: ComplaintId,
    id: EventId,
    sequence: u64,
}

#[derive(Serialize)]
struct CommittedText<'a> {
    commitment: Digest,
    path: &'a str,
}

/// The digests of an entry's parts, given its texts' seals; `text` finds
/// the text a salted seal commits to (the `n`th seal's, or the one at its
/// path).
fn digests<'e>(
    hasher: &mut PartHasher,
    content: &Content<'_>,
    texts: &[TextSeal],
    text: impl Fn(usize, &TextSeal) -> Option<&'e str>,
) -> Result<[Digest; 7], SealFault> {
    let mut committed = Vec::with_capacity(texts.len());
    let mut mask = Vec::with_capacity(texts.len());
    for (index, seal) in texts.iter().enumerate() {
        let commitment = match seal.secret {
            TextSecret::Salt(salt) => {
                let text = text(index, seal).ok_or_else(|| SealFault::Texts(seal.path.clone()))?;
                commitment(&salt, text)
            }
            TextSecret::Redacted(commitment) => commitment,
        };
        committed.push(CommittedText {
            commitment,
            path: &seal.path,
        });
        // The event's text is hashed with its personal texts left out.
        mask.push(seal.path.strip_prefix("/event").unwrap_or(&seal.path));
    }
    let identity = Identity {
        complaint_id: content.complaint_id,
        id: content.id,
        sequence: content.sequence,
    };
    Ok([
        hasher.digest(Part::Identity, &identity, &[])?,
        hasher.digest(Part::At, content.at, &[])?,
        hasher.digest(Part::Actor, content.actor, &[])?,
        hasher.digest(Part::Event, content.event, &mask)?,
        hasher.digest(Part::Decisions, content.effects, &[])?,
        hasher.digest(Part::Command, &content.command, &[])?,
        hasher.digest(Part::Texts, &committed, &[])?,
    ])
}

/// `SHA-256(kind ‖ previous ‖ the parts' digests)`, `previous` 32 zero
/// bytes on the first entry.
fn entry_hash(upgraded: bool, previous: Option<Digest>, digests: &[Digest; 7]) -> Digest {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN.as_bytes());
    hasher.update(if upgraded {
        b"upgraded-entry\n".as_slice()
    } else {
        b"entry\n".as_slice()
    });
    hasher.update(previous.map_or([0; 32], |digest| *digest.as_bytes()));
    for digest in digests {
        hasher.update(digest.as_bytes());
    }
    Digest::from_bytes(hasher.finalize().into())
}

impl Seal {
    /// Seals a new entry: a fresh salt for each personal text.
    pub(crate) fn new(
        content: &Content<'_>,
        previous: Option<Digest>,
    ) -> Result<Self, CanonicalError> {
        Self::make(content, previous, None, |_| Salt::fresh())
    }

    /// A3: seals an entry written by schema `from` (which had no seal),
    /// with salts derived from the entry, so that the same history always
    /// upgrades to the same chain.
    pub(crate) fn upgrade(
        content: &Content<'_>,
        previous: Option<Digest>,
        from: u32,
    ) -> Result<Self, CanonicalError> {
        Self::make(content, previous, Some(from), |path| {
            upgrade_salt(content.id, path)
        })
    }

    fn make(
        content: &Content<'_>,
        previous: Option<Digest>,
        upgraded_from: Option<u32>,
        mut salt: impl FnMut(&str) -> Salt,
    ) -> Result<Self, CanonicalError> {
        let personal = personal_texts(content.event);
        let mut values = Vec::with_capacity(personal.len());
        let texts: Vec<TextSeal> = personal
            .into_iter()
            .map(|(path, text)| {
                values.push(text);
                TextSeal {
                    secret: TextSecret::Salt(salt(&path)),
                    path,
                }
            })
            .collect();
        // The seals were made from the event's texts, in their order.
        let text = |index: usize, _: &TextSeal| values.get(index).copied();
        let digests =
            digests(&mut PartHasher::new(), content, &texts, text).map_err(
                |fault| match fault {
                    SealFault::Canonical(error) => error,
                    other => <CanonicalError as serde::ser::Error>::custom(format!("{other:?}")),
                },
            )?;
        Ok(Self {
            upgraded_from,
            previous,
            texts,
            checks: Checks::of(&digests),
            hash: entry_hash(upgraded_from.is_some(), previous, &digests),
        })
    }

    /// Checks the seal against the entry's content: every part against its
    /// check, then the hash, then that the seal's texts are the event's
    /// personal texts. The link to the entry before is the chain's to check.
    pub(crate) fn verify(
        &self,
        content: &Content<'_>,
        scratch: &mut SealScratch,
    ) -> Result<(), SealFault> {
        // The common case: the seal names the event's personal texts, in
        // their order; its `n`th seal commits to the `n`th text.
        let mut values = Vec::with_capacity(self.texts.len());
        let mut in_order = true;
        each_personal_text(content.event, &mut scratch.pointer, |path, text| match self
            .texts
            .get(values.len())
        {
            Some(seal) if in_order && seal.path == path => values.push(text),
            _ => in_order = false,
        });
        if in_order && values.len() == self.texts.len() {
            let text = |index: usize, _: &TextSeal| values.get(index).copied();
            let digests = digests(&mut scratch.hasher, content, &self.texts, text)?;
            return self.check(&digests);
        }
        self.verify_uncovered(content, &mut scratch.hasher)
    }

    /// The part's checks, then the hash, against the digests computed.
    fn check(&self, digests: &[Digest; 7]) -> Result<(), SealFault> {
        if let Some(part) = Checks::of(digests).first_difference(&self.checks) {
            return Err(SealFault::Altered(part));
        }
        if entry_hash(self.upgraded_from.is_some(), self.previous, digests) != self.hash {
            return Err(SealFault::Hash);
        }
        Ok(())
    }

    /// [`verify`](Self::verify) of a seal whose texts are not the event's
    /// personal texts in their order: each salted seal's text is looked up
    /// by its path, and after the parts and the hash, the first text the
    /// seal misses or names wrongly is the fault.
    fn verify_uncovered(
        &self,
        content: &Content<'_>,
        hasher: &mut PartHasher,
    ) -> Result<(), SealFault> {
        let personal = personal_texts(content.event);
        let text = |_: usize, seal: &TextSeal| {
            personal
                .iter()
                .find(|(path, _)| *path == seal.path)
                .map(|(_, text)| *text)
        };
        let digests = digests(hasher, content, &self.texts, text)?;
        self.check(&digests)?;
        let covered = personal.len() == self.texts.len()
            && personal
                .iter()
                .zip(&self.texts)
                .all(|((path, _), seal)| *path == seal.path);
        if !covered {
            let path = personal
                .iter()
                .map(|(path, _)| path)
                .find(|path| !self.texts.iter().any(|seal| seal.path == **path))
                .cloned()
                .or_else(|| self.texts.first().map(|seal| seal.path.clone()))
                .unwrap_or_default();
            return Err(SealFault::Texts(path));
        }
        Ok(())
    }
}
