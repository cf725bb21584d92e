//! A2: checking that the past changed exactly as the history's redaction
//! entries say, entry by entry as the chain is joined: a text sealed as
//! redacted is the tombstone, a redacted text is named by a later
//! redaction, a redaction names only redacted texts.

use std::collections::BTreeSet;

use crate::integrity::{ChainError, Seal, TextSecret, personal_texts, redactable};
use crate::lifecycle::{Event, REDACTED, RedactionTarget};
use crate::record::Entry;

/// What the entries so far say about redactions.
#[derive(Clone, Debug, Default)]
pub(crate) struct Redactions {
    /// The redacted texts seen, by entry and path.
    redacted: BTreeSet<(u64, String)>,
    /// The redacted texts no redaction has named yet.
    unlicensed: BTreeSet<(u64, String)>,
    /// The first redactable text seen that is not redacted.
    first_kept: Option<(u64, String)>,
}

impl Redactions {
    /// Checks entry `position` (its seal verified): each text sealed as
    /// redacted is the tombstone; a redaction entry names only redacted texts.
    pub(crate) fn see(
        &mut self,
        position: u64,
        entry: &Entry,
        seal: &Seal,
    ) -> Result<(), ChainError> {
        let mut texts = None;
        for text in seal.texts() {
            match text.secret() {
                TextSecret::Redacted(_) => {
                    let texts = texts.get_or_insert_with(|| personal_texts(entry.event()));
                    let is_tombstone = texts
                        .iter()
                        .any(|(path, value)| path == text.path() && *value == REDACTED);
                    if !is_tombstone {
                        return Err(ChainError::RedactedNotTombstone {
                            sequence: position,
                            path: text.path().to_owned(),
                        });
                    }
                    let key = (position, text.path().to_owned());
                    self.redacted.insert(key.clone());
                    self.unlicensed.insert(key);
                }
                TextSecret::Salt(_) => {
                    if self.first_kept.is_none() && redactable(text.path()) {
                        self.first_kept = Some((position, text.path().to_owned()));
                    }
                }
            }
        }
        if let Event::Redact(redact) = entry.event() {
            self.license(position, &redact.target)?;
        }
        Ok(())
    }

    fn license(&mut self, position: u64, target: &RedactionTarget) -> Result<(), ChainError> {
        match target {
            RedactionTarget::AllPersonalText => {
                if let Some((entry, path)) = self.first_kept.clone() {
                    return Err(ChainError::RedactionNotApplied {
                        sequence: position,
                        entry,
                        path,
                    });
                }
                self.unlicensed.clear();
            }
            RedactionTarget::Texts(texts) => {
                for text in texts {
                    let key = (text.sequence, text.path.clone());
                    if !redactable(&text.path) || !self.redacted.contains(&key) {
                        return Err(ChainError::RedactionNotApplied {
                            sequence: position,
                            entry: text.sequence,
                            path: text.path.clone(),
                        });
                    }
                    self.unlicensed.remove(&key);
                }
            }
        }
        Ok(())
    }

    /// After the last entry: every redacted text was named by a redaction.
    pub(crate) fn finish(&self) -> Result<(), ChainError> {
        match self.unlicensed.first() {
            Some((sequence, path)) => Err(ChainError::UnlicensedRedaction {
                sequence: *sequence,
                path: path.clone(),
            }),
            None => Ok(()),
        }
    }
}
