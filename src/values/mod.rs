//! The bottom layer: plain values every other layer shares. The ids of
//! complaints, entries, people, commands and customers; the names of
//! categories and departments; channels, contact methods, severities; who acts
//! ([`Actor`], [`Role`]).
//!
//! These are data without lifecycle rules; the rules that check them live in
//! the transition rules (`lifecycle::rules`), and the role each event needs in
//! `lifecycle::authorization`.

mod actor;
mod ids;

pub use actor::{Actor, Role};
pub use ids::{ComplaintId, EventId};

use std::fmt;
use std::sync::Arc;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A text id chosen by the application, held behind a shared pointer:
/// cloning it (every history entry records its actor, every context carries
/// one, reports group by category and department) copies a pointer, not the
/// text. Stored as a plain JSON string.
macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Wraps a value; an empty value is refused by the transition that uses it.
            pub fn new(value: impl Into<String>) -> Self {
                Self(Arc::from(value.into()))
            }

            /// The value as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(Arc::from(value))
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(Arc::from(value))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(TextIdVisitor).map(Self)
            }
        }
    };
}

/// Reads a [`text_id!`] id as a string, copied once into its shared
/// allocation (a `String` would be read, then copied again).
struct TextIdVisitor;

impl Visitor<'_> for TextIdVisitor {
    type Value = Arc<str>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The words serde uses for a `String`, so errors read as before.
        formatter.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Arc::from(value))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Self::Value, E> {
        // As serde's `String` does: UTF-8 bytes are text.
        match std::str::from_utf8(value) {
            Ok(text) => Ok(Arc::from(text)),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(value), &self)),
        }
    }
}

text_id! {
    /// The application's id of a complainant (a customer number, say).
    ///
    /// Contact details (name, phone, address) stay in the application's own
    /// tables; the history only holds this id, so personal data can be erased
    /// without touching the complaint's record.
    ComplainantId
}

text_id! {
    /// The application's id of a staff member who acts on complaints.
    ActorId
}

text_id! {
    /// A caller-supplied id of a command (a request id, a message id): an
    /// event applied with a command id already in the history is not applied
    /// again (see [`Context::with_command`](crate::Context::with_command)).
    CommandId
}

text_id! {
    /// A department of the company, such as the one responsible for a complaint (R2).
    Department
}

text_id! {
    /// The subject classification of a complaint (delivery, billing, product
    /// quality, ...), the first column of the classification statistics (S1).
    ///
    /// Companies classify differently, so this is the application's own label.
    Category
}

/// How a complaint reached the company (R1); it decides the first-response
/// target (T1 phone, T2 online).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Channel {
    /// A phone call (T1: answered within 3 minutes by default).
    Phone,
    /// Web chat, web form or app message (T2: answered within 5 minutes by default).
    Online,
    /// E-mail.
    Email,
    /// A text message.
    Sms,
    /// At a counter or shop.
    InPerson,
    /// A letter.
    Letter,
    /// Any other channel.
    Other,
}

impl Channel {
    /// Every channel, in declaration order.
    pub const ALL: [Channel; 7] = [
        Channel::Phone,
        Channel::Online,
        Channel::Email,
        Channel::Sms,
        Channel::InPerson,
        Channel::Letter,
        Channel::Other,
    ];

    /// The snake-case name used in the stored format.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Online => "online",
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::InPerson => "in_person",
            Channel::Letter => "letter",
            Channel::Other => "other",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a follow-up or notification reaches the customer (F1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ContactMethod {
    /// 電話溝通: a phone call.
    Phone,
    /// 電郵溝通: an e-mail.
    Email,
    /// 短信: a text message.
    Sms,
    /// A letter.
    Letter,
    /// In person.
    InPerson,
    /// Any other method.
    Other,
}

impl fmt::Display for ContactMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ContactMethod::Phone => "phone",
            ContactMethod::Email => "email",
            ContactMethod::Sms => "sms",
            ContactMethod::Letter => "letter",
            ContactMethod::InPerson => "in_person",
            ContactMethod::Other => "other",
        })
    }
}

/// 情節輕重: how serious a complaint is (E1); ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// An inconvenience.
    Low,
    /// The usual complaint.
    Medium,
    /// Money, health or a repeated failure is at stake.
    High,
    /// Safety, legal exposure or the press.
    Critical,
}

impl Severity {
    /// Every severity, least severe first.
    pub const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        })
    }
}
