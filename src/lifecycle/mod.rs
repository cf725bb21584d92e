//! The complaint lifecycle: stages, events, the transition table, the rules
//! of each transition, and the typed face that the table makes compile-time
//! checked.

pub(crate) mod event;
mod fast_path;
pub(crate) mod rules;
pub(crate) mod stage;
pub(crate) mod table;
pub(crate) mod typed;

pub use event::*;
pub use fast_path::SimpleComplaint;
pub use stage::{
    Accepted, Approved, Closed, Dismissed, Executed, Investigated, Judged, Proposed, Reviewed,
    Stage, StageKind, Withdrawn,
};
pub use table::{TRANSITIONS, Transition, TransitionRow};
pub use typed::{Complaint, Rejected, TypedComplaint};
