//! [`Entry`]: one line of a complaint's append-only history (R7).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::context::Context;
use crate::integrity::{Content, Digest, Seal, TextSecret, redact_text};
use crate::lifecycle::Decision;
use crate::lifecycle::Event;
use crate::lifecycle::TransitionError;
use crate::values::Actor;
use crate::values::{CommandId, ComplaintId, EventId};

/// The newest schema version of a stored [`Entry`] this crate writes and reads.
///
/// Version 2 adds the [`Seal`] of the hash chain (A1); entries of version
/// 1 are read and sealed on upgrade (A3). A later version is refused with
/// [`SchemaError::Newer`](crate::error::SchemaError::Newer): the crate
/// never guesses at a format it does not know.
pub const SCHEMA_VERSION: u32 = 2;

/// One line of a complaint's history: who did what, when (R7).
///
/// Entries are only made by the crate (applying an event) or read back from
/// storage; [`ComplaintRecord::replay`](crate::ComplaintRecord::replay) checks
/// every one.
///
/// The stored form is
/// `{"schema":2,"id":"…","complaint_id":"…","sequence":1,"at":"…","actor":{…},"event":{"type":"accept","data":{…}},"effects":[…],"command":"…","seal":{…}}`,
/// where `effects` and `command` are left out when empty, and `seal` (A1)
/// is left out of an entry of schema 1 read and not yet replayed.
///
/// Reading refuses unknown, duplicate and missing fields, and reads `schema`
/// first: an entry of a newer schema that this version cannot read is
/// reported as newer ("upgrade the crate"), not as malformed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Entry {
    schema: u32,
    id: EventId,
    complaint_id: ComplaintId,
    sequence: u64,
    at: DateTime<Utc>,
    actor: Actor,
    event: Event,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    effects: Vec<Decision>,
    #[serde(skip_serializing_if = "Option::is_none")]
    command: Option<CommandId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seal: Option<Seal>,
}

impl Entry {
    /// A new entry, sealed (A1) after the entry whose hash is `previous`.
    ///
    /// # Errors
    ///
    /// [`TransitionError::Unencodable`] when the event has no canonical
    /// encoding (a floating-point number, which no event of the crate holds).
    pub(crate) fn new(
        complaint_id: ComplaintId,
        sequence: u64,
        ctx: &Context<'_>,
        event: Event,
        effects: Vec<Decision>,
        previous: Option<Digest>,
    ) -> Result<Self, TransitionError> {
        let mut entry = Self::from_parts(
            SCHEMA_VERSION,
            EventId::new_at(ctx.now()),
            complaint_id,
            sequence,
            ctx.now(),
            ctx.actor().clone(),
            event,
            effects,
            ctx.command().cloned(),
            None,
        );
        let seal = Seal::new(&entry.content(), previous).map_err(|error| {
            TransitionError::Unencodable {
                reason: error.to_string(),
            }
        })?;
        entry.seal = Some(seal);
        Ok(entry)
    }

    /// The content the entry's seal covers.
    pub(crate) fn content(&self) -> Content<'_> {
        Content {
            id: self.id,
            complaint_id: self.complaint_id,
            sequence: self.sequence,
            at: &self.at,
            actor: &self.actor,
            event: &self.event,
            effects: &self.effects,
            command: self.command.as_ref(),
        }
    }

    /// A3: an entry of an older schema, sealed on upgrade, becomes an entry
    /// of this schema.
    pub(crate) fn upgrade(&mut self, seal: Seal) {
        self.schema = SCHEMA_VERSION;
        self.seal = Some(seal);
    }

    /// A2: redacts the personal text at `path`: the text becomes
    /// [`REDACTED`](crate::event::REDACTED) and the seal keeps its
    /// commitment. Returns whether the entry changed (not when the text is
    /// redacted already, or the entry has no such redactable text).
    pub(crate) fn redact(&mut self, path: &str) -> bool {
        let Some(seal) = self.seal.as_mut() else {
            return false;
        };
        let already = seal
            .texts()
            .iter()
            .any(|text| text.path() == path && matches!(text.secret(), TextSecret::Redacted(_)));
        if already {
            return false;
        }
        match redact_text(&mut self.event, path) {
            Some(text) => seal.redact(path, &text),
            None => false,
        }
    }

    /// An entry as read from storage (`read.rs`), unchecked: replay checks it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn from_parts(
        schema: u32,
        id: EventId,
        complaint_id: ComplaintId,
        sequence: u64,
        at: DateTime<Utc>,
        actor: Actor,
        event: Event,
        effects: Vec<Decision>,
        command: Option<CommandId>,
        seal: Option<Seal>,
    ) -> Self {
        Self {
            schema,
            id,
            complaint_id,
            sequence,
            at,
            actor,
            event,
            effects,
            command,
            seal,
        }
    }

    /// The schema version the entry was written with.
    #[must_use]
    pub fn schema(&self) -> u32 {
        self.schema
    }

    /// The entry's own id.
    #[must_use]
    pub fn id(&self) -> EventId {
        self.id
    }

    /// The complaint the entry belongs to.
    #[must_use]
    pub fn complaint_id(&self) -> ComplaintId {
        self.complaint_id
    }

    /// The entry's place in the history, from 1 without gaps.
    #[must_use]
    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    /// When the event happened.
    #[must_use]
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// Who made the event happen.
    #[must_use]
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// What happened.
    #[must_use]
    pub fn event(&self) -> &Event {
        &self.event
    }

    /// The caller's command id the entry was applied under, if any.
    #[must_use]
    pub fn command(&self) -> Option<&CommandId> {
        self.command.as_ref()
    }

    /// What the policy in force decided when the entry was made: deadlines
    /// opened or paused, follow-up slots (empty for most entries).
    #[must_use]
    pub fn decisions(&self) -> &[Decision] {
        &self.effects
    }

    /// A1: the entry's seal (the hash chain's link and its own hash). Every
    /// entry of a record has one; an entry of schema 1 read from storage
    /// gets one when it is replayed (A3).
    #[must_use]
    pub fn seal(&self) -> Option<&Seal> {
        self.seal.as_ref()
    }

    /// A1: the entry's hash, when it is sealed.
    #[must_use]
    pub fn hash(&self) -> Option<Digest> {
        self.seal.as_ref().map(Seal::hash)
    }
}
