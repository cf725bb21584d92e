//! [`redactions`]: the personal texts of a history that were redacted
//! (A2, A5), for an export to list.

use serde::{Deserialize, Serialize};

use crate::audit::TextSecret;
use crate::record::Entry;

/// A2, A5: one redacted personal text: its seal holds the commitment
/// without the salt, so the text is gone and the chain still verifies.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Redaction {
    /// The entry's place in the history.
    pub sequence: u64,
    /// The text's JSON pointer in the entry (`/event/data/text`).
    pub path: String,
}

/// A2, A5: every redacted personal text of `history`, in the order of the
/// entries and of each seal's texts: a text whose seal is a commitment
/// without its salt ([`TextSecret::Redacted`]).
///
/// This is the one place an export learns of redactions: the reason a
/// redaction was made, once the history records it, is added here.
#[must_use]
pub fn redactions(history: &[Entry]) -> Vec<Redaction> {
    history
        .iter()
        .filter_map(|entry| Some((entry.sequence(), entry.seal()?)))
        .flat_map(|(sequence, seal)| {
            seal.texts()
                .iter()
                .filter(|text| matches!(text.secret(), TextSecret::Redacted(_)))
                .map(move |text| Redaction {
                    sequence,
                    path: text.path().to_owned(),
                })
        })
        .collect()
}
