//! W2: the rule of a reclassification: a reason, a category, and a change.

use super::facts::ComplaintFacts;
use super::limits::Limits;
use crate::lifecycle::{HandlingError, Reclassify, TransitionError};

/// W2: a reclassification names its reason and its category, and changes
/// the complaint's severity or its category (one that changes neither would
/// re-target nothing and say nothing).
pub(super) fn check_reclassify(
    facts: &impl ComplaintFacts,
    reclassify: &Reclassify,
    limits: Limits,
) -> Result<(), TransitionError> {
    limits.text("category", reclassify.category.as_str())?;
    limits.text("reason", &reclassify.reason)?;
    if reclassify.severity == facts.severity() && &reclassify.category == facts.category() {
        return Err(TransitionError::Handling(
            HandlingError::ReclassifiedUnchanged {
                severity: reclassify.severity,
                category: reclassify.category.clone(),
            },
        ));
    }
    Ok(())
}
