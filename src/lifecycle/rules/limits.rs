//! [`Limits`]: the policy's size limits on texts and lists, applied when an
//! event is applied and left out on replay.

use crate::lifecycle::{FieldError, TransitionError};
use crate::policy::Policy;

/// The policy's size limits, or none on replay.
#[derive(Clone, Copy)]
pub(super) struct Limits {
    max_text_bytes: Option<usize>,
    max_options: Option<usize>,
}

impl From<Option<&Policy>> for Limits {
    fn from(policy: Option<&Policy>) -> Self {
        Self {
            max_text_bytes: policy.map(Policy::max_text_bytes),
            max_options: policy.map(Policy::max_remedy_options),
        }
    }
}

impl Limits {
    /// The most remedy options, when a policy is in force.
    pub(super) fn max_options(self) -> Option<usize> {
        self.max_options
    }

    /// A required text: not blank, and within the policy's size.
    pub(super) fn text(self, field: &str, value: &str) -> Result<(), TransitionError> {
        self.text_named(value, || field.to_owned())
    }

    /// [`text`](Self::text) for a field whose name is made (an index in a
    /// list, say): `field` runs only when the text is refused, so a valid
    /// text costs no allocation.
    pub(super) fn text_named(
        self,
        value: &str,
        field: impl FnOnce() -> String,
    ) -> Result<(), TransitionError> {
        // `str::trim` is the rule ("blank" is Unicode white space only);
        // stopping at the first other character gives the same answer
        // without scanning from both ends.
        if value.chars().all(char::is_whitespace) {
            return Err(TransitionError::Field(FieldError::Empty { field: field() }));
        }
        match self.max_text_bytes {
            Some(limit) if value.len() > limit => {
                Err(TransitionError::Field(FieldError::TooLong {
                    field: field(),
                    found: value.len(),
                    limit,
                }))
            }
            _ => Ok(()),
        }
    }
}
