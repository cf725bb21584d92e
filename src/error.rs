//! The errors, by family: [`TransitionError`] when an event breaks a rule
//! (nothing changes), [`ReplayError`] when a stored history does not check
//! out (nothing is loaded). Both are also at the crate root.

pub use crate::lifecycle::TransitionError;
pub use crate::record::ReplayError;
