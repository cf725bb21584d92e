//! A2: [`Redact`], the one change to past entries the crate accepts: a
//! supervisor replaces personal texts of earlier entries with [`REDACTED`].

use serde::{Deserialize, Serialize};

/// A2: the text a redacted personal text becomes. It passes every rule's
/// check that a text is not empty, so a redacted history replays.
pub const REDACTED: &str = "[redacted]";

/// A2 (GDPR Art. 17 with an audit duty): a supervisor redacts personal
/// texts of earlier entries of the complaint. Each named text becomes
/// [`REDACTED`] and its seal keeps the commitment it had, so the hash chain
/// still verifies; reports and deadlines are the same before and after.
///
/// Valid in every stage, `closed` included: erasure usually comes after
/// the complaint is closed (a retention period ends, the customer asks).
/// The entry is a sealed entry like any other.
///
/// Its `reason` is written by staff to explain the redaction and is kept
/// (it is not personal text: a regulator's export shows each redaction
/// with its reason), so it must not name the person. The customer's
/// answer to what should improve (F3, `outcome/to_improve` of
/// `complete_follow_up`) is the improvement data of S2 and is not
/// redacted; every other personal text of the history is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Redact {
    /// Why (a customer's request, a retention rule); must not be empty.
    pub reason: String,
    /// Which texts.
    pub target: RedactionTarget,
}

/// A2: the texts a [`Redact`] replaces.
///
/// Stored as `"all_personal_text"` or `{"texts": [{"sequence": 2, "path":
/// "/event/data/text"}]}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RedactionTarget {
    /// The named texts of earlier entries; must not be empty.
    Texts(Vec<RedactedText>),
    /// Every personal text of every earlier entry of the complaint (the
    /// customer's answer to what should improve excepted, see [`Redact`]).
    AllPersonalText,
}

impl RedactionTarget {
    /// A2: whether the target names the text at `path` of entry
    /// `sequence` (every personal text, for [`AllPersonalText`](Self::AllPersonalText);
    /// the caller knows the entry comes before the redaction).
    #[must_use]
    pub fn names(&self, sequence: u64, path: &str) -> bool {
        match self {
            Self::AllPersonalText => true,
            Self::Texts(texts) => texts
                .iter()
                .any(|text| text.sequence == sequence && text.path == path),
        }
    }
}

/// A2: one personal text of an earlier entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedactedText {
    /// The entry's sequence number, before the redaction's own.
    pub sequence: u64,
    /// The text's JSON pointer in the stored entry (`/event/data/content`),
    /// as the entry's seal lists it.
    pub path: String,
}
