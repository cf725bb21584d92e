//! A2: the rule of a redaction: a reason, and a target that names
//! redactable personal texts of earlier entries, each once.

use std::collections::BTreeSet;

use super::facts::ComplaintFacts;
use super::limits::Limits;
use crate::lifecycle::{Redact, RedactionError, RedactionTarget, TransitionError};

/// A2: the reason is not blank; a list of texts is not empty, names each
/// text once, and names only redactable personal texts of earlier entries
/// ([`ComplaintFacts::redactable`]).
pub(super) fn check_redaction(
    facts: &impl ComplaintFacts,
    redact: &Redact,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("reason", &redact.reason)?;
    let RedactionTarget::Texts(texts) = &redact.target else {
        return Ok(());
    };
    if texts.is_empty() {
        return Err(RedactionError::NoText.into());
    }
    let mut seen = BTreeSet::new();
    for text in texts {
        if !seen.insert((text.sequence, text.path.as_str())) {
            return Err(RedactionError::Repeated {
                sequence: text.sequence,
                path: text.path.clone(),
            }
            .into());
        }
        if !facts.redactable(text.sequence, &text.path) {
            return Err(RedactionError::UnknownText {
                sequence: text.sequence,
                path: text.path.clone(),
            }
            .into());
        }
    }
    Ok(())
}
