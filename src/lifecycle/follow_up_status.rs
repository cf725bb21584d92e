//! [`FollowUpStatus`]: where the follow-up of the current handling round
//! stands (F1–F7), as the record's fold of the history leaves it and as the
//! follow-up rules read it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::lifecycle::FollowUpStageKind;

/// A time agreed with the customer for the follow-up (F7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AgreedTime {
    /// The agreed time.
    pub at: DateTime<Utc>,
    /// Whether the customer asked for this very time (it may then lie in their quiet hours).
    pub customer_requested: bool,
}

/// Where the follow-up of the current handling round stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FollowUpStatus {
    pub(crate) stage: FollowUpStageKind,
    pub(crate) scheduled_at: DateTime<Utc>,
    pub(crate) slot: DateTime<Utc>,
    pub(crate) agreed: Option<AgreedTime>,
    pub(crate) max_attempts: u32,
    pub(crate) attempts: u32,
    pub(crate) last_reached: bool,
    pub(crate) completion: Option<usize>,
    pub(crate) done_at: Option<DateTime<Utc>>,
}

impl FollowUpStatus {
    /// The follow-up's stage.
    #[must_use]
    pub fn stage(&self) -> FollowUpStageKind {
        self.stage
    }

    /// When it was scheduled (the remedy executed or the dismissal replied).
    #[must_use]
    pub fn scheduled_at(&self) -> DateTime<Utc> {
        self.scheduled_at
    }

    /// The time of the next attempt: the agreed time, or the slot the crate
    /// proposed outside the customer's quiet hours.
    #[must_use]
    pub fn slot(&self) -> DateTime<Utc> {
        self.slot
    }

    /// The time agreed with the customer, if any.
    #[must_use]
    pub fn agreed(&self) -> Option<AgreedTime> {
        self.agreed
    }

    /// How many attempts were made.
    #[must_use]
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// How many attempts the policy allowed when the follow-up was scheduled.
    #[must_use]
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// When the follow-up was completed or given up.
    #[must_use]
    pub fn done_at(&self) -> Option<DateTime<Utc>> {
        self.done_at
    }

    /// Whether the last attempt reached the customer.
    #[must_use]
    pub fn last_attempt_reached(&self) -> bool {
        self.last_reached
    }
}
