//! The uuid ids: [`ComplaintId`] and [`EventId`], UUID v7 stamped with the
//! time the context gives, so that ids sort by time and the crate never reads
//! a clock.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::{NoContext, Timestamp, Uuid};

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
