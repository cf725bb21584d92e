//! Follow-up (回訪, F1–F7): the follow-up's typed face [`FollowUp<S>`], its
//! stages and transition table, and where a complaint's follow-up stands
//! ([`FollowUpStatus`]). The follow-up events themselves are in
//! [`event`](crate::event).

pub use crate::lifecycle::{
    AgreedTime, Attempted, Completed, Exhausted, FOLLOW_UP_TRANSITIONS, FollowUpRow, FollowUpStage,
    FollowUpStageKind, FollowUpStatus, FollowUpTransition, Scheduled,
};
pub use crate::typed::{FollowUp, TypedFollowUp};
