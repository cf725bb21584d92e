//! [`Policy`]: the values an application sets for its own procedure.
//!
//! Every number of the rule book is a policy value with a documented
//! default; no rule hard-codes one.

use serde::{Deserialize, Serialize};

/// The values an application chooses for its procedure.
///
/// Passed in through the [`Context`](crate::Context) of every transition.
/// Stored with serde so that an application keeps the policy it applied.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Policy {
    /// The largest text field an event may carry, in bytes (default 16 KiB).
    pub max_text_bytes: usize,
    /// The most remedy options one proposal may hold (default 16).
    pub max_remedy_options: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            max_text_bytes: 16 * 1024,
            max_remedy_options: 16,
        }
    }
}
