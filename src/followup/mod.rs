//! Follow-up (回訪, F1–F7): quiet hours in the customer's own zone, the
//! follow-up's stages and events, and its typed face.

mod event;
mod quiet;
mod stage;
pub(crate) mod track;
mod typed;

pub use event::{
    AttemptFollowUp, CompleteFollowUp, FollowUpOutcome, GiveUpFollowUp, RescheduleFollowUp,
    Satisfaction,
};
pub use quiet::QuietHours;
pub use stage::{
    Attempted, Completed, Exhausted, FOLLOW_UP_TRANSITIONS, FollowUpRow, FollowUpStage,
    FollowUpStageKind, FollowUpTransition, Scheduled,
};
pub use track::{AgreedTime, FollowUpStatus};
pub use typed::{FollowUp, TypedFollowUp};
