//! [`Entry`]: one line of a complaint's append-only history (R7), and the ids
//! it carries.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::{NoContext, Timestamp, Uuid};

use super::effect::Effect;
use crate::actor::Actor;
use crate::context::Context;
use crate::lifecycle::Event;
use crate::values::CommandId;

/// The newest schema version of a stored [`Entry`] this crate writes and reads.
///
/// Version 1 is the only version so far. A later version is refused with
/// [`ReplayError::NewerSchema`](crate::ReplayError::NewerSchema): the crate
/// never guesses at a format it does not know.
pub const SCHEMA_VERSION: u32 = 1;

/// Makes a UUID v7 whose time part is `at`: ids sort by the time the context
/// gave, and the crate never reads a clock.
fn uuid_v7_at(at: DateTime<Utc>) -> Uuid {
    // Times before 1970 cannot be expressed in a v7 id; they take the epoch.
    let seconds = u64::try_from(at.timestamp()).unwrap_or(0);
    Uuid::new_v7(Timestamp::from_unix(
        NoContext,
        seconds,
        at.timestamp_subsec_nanos(),
    ))
}

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// The smallest id (the nil UUID), a lower bound for ranges.
            pub const MIN: Self = Self(Uuid::nil());

            /// A new UUID v7 id stamped with `at`.
            #[must_use]
            pub fn new_at(at: DateTime<Utc>) -> Self {
                Self(uuid_v7_at(at))
            }

            /// The id as a UUID.
            #[must_use]
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(value: Uuid) -> Self {
                Self(value)
            }
        }

        impl From<$name> for Uuid {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

uuid_id! {
    /// The id of a complaint: a UUID v7 stamped with the time it was accepted.
    ComplaintId
}

uuid_id! {
    /// The id of one history entry: a UUID v7 stamped with the entry's time.
    EventId
}

/// One line of a complaint's history: who did what, when (R7).
///
/// Entries are only made by the crate (applying an event) or read back from
/// storage; [`ComplaintRecord::replay`](crate::ComplaintRecord::replay) checks
/// every one.
///
/// The stored form is
/// `{"schema":1,"id":"…","complaint_id":"…","sequence":1,"at":"…","actor":{…},"event":{"type":"accept","data":{…}},"effects":[…],"command":"…"}`,
/// where `effects` and `command` are left out when empty.
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
    effects: Vec<Effect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    command: Option<CommandId>,
}

impl Entry {
    pub(crate) fn new(
        complaint_id: ComplaintId,
        sequence: u64,
        ctx: &Context<'_>,
        event: Event,
        effects: Vec<Effect>,
    ) -> Self {
        Self::from_parts(
            SCHEMA_VERSION,
            EventId::new_at(ctx.now()),
            complaint_id,
            sequence,
            ctx.now(),
            ctx.actor().clone(),
            event,
            effects,
            ctx.command().cloned(),
        )
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
        effects: Vec<Effect>,
        command: Option<CommandId>,
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
    pub fn effects(&self) -> &[Effect] {
        &self.effects
    }
}
