//! [`redactions`]: the personal texts of a history that were redacted
//! (A2, A5), for an export to list.

use serde::{Deserialize, Serialize};

use crate::audit::TextSecret;
use crate::lifecycle::Event;
use crate::lifecycle::event::Redact;
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
    /// The `redact` entry that names the text (the first, if several do),
    /// or `None` when none does: a redaction the chain refuses as
    /// unlicensed (`ChainError::UnlicensedRedaction`).
    pub redacted_by: Option<u64>,
    /// That entry's reason.
    pub reason: Option<String>,
}

/// A2, A5: every redacted personal text of `history`, in the order of the
/// entries and of each seal's texts: a text whose seal is a commitment
/// without its salt ([`TextSecret::Redacted`]).
///
/// Each is listed with the `redact` entry that names it and that entry's
/// reason: the first later entry redacting all personal text, or naming
/// the text's entry and path.
#[must_use]
pub fn redactions(history: &[Entry]) -> Vec<Redaction> {
    let redacts: Vec<(u64, &Redact)> = history
        .iter()
        .filter_map(|entry| match entry.event() {
            Event::Redact(redact) => Some((entry.sequence(), redact)),
            _ => None,
        })
        .collect();
    history
        .iter()
        .filter_map(|entry| Some((entry.sequence(), entry.seal()?)))
        .flat_map(|(sequence, seal)| {
            let redacts = &redacts;
            seal.texts()
                .iter()
                .filter(|text| matches!(text.secret(), TextSecret::Redacted(_)))
                .map(move |text| {
                    let path = text.path();
                    let by = redacts
                        .iter()
                        .find(|(at, redact)| *at > sequence && redact.target.names(sequence, path));
                    Redaction {
                        sequence,
                        path: path.to_owned(),
                        redacted_by: by.map(|(at, _)| *at),
                        reason: by.map(|(_, redact)| redact.reason.clone()),
                    }
                })
        })
        .collect()
}
