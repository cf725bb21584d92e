//! [`ComplaintFacts`]: the narrow, read-only view of a complaint that the
//! rules check an event against. The rules never see the record itself: the
//! record implements this view, one layer up.

use chrono::{DateTime, Utc};

use crate::lifecycle::event::{Complainant, Findings, Propose};
use crate::lifecycle::follow_up_status::FollowUpStatus;
use crate::lifecycle::stage::StageKind;
use crate::time::{Deadline, DeadlineId, WaitingOn};
use crate::values::{Actor, ActorId, Category, Role, Severity};

/// What the rules read of a complaint, as the history has left it.
pub(crate) trait ComplaintFacts {
    /// The current stage.
    fn stage(&self) -> StageKind;
    /// When the last entry was made (R7: time does not go backwards).
    fn last_entry_at(&self) -> DateTime<Utc>;
    /// R1: who complains.
    fn complainant(&self) -> &Complainant;
    /// R1: when the complaint was received.
    fn received_at(&self) -> DateTime<Utc>;
    /// R1: the complaint's category.
    fn category(&self) -> &Category;
    /// E1: the complaint's severity.
    fn severity(&self) -> Severity;
    /// The agent who accepted the complaint (T5).
    fn intake_actor(&self) -> &Actor;
    /// R3: the findings of the current round.
    fn findings(&self) -> Option<&Findings>;
    /// R4: the proposal of the current round.
    fn proposal(&self) -> Option<&Propose>;
    /// R4, R5: when the current remedy was approved.
    fn approved_at(&self) -> Option<DateTime<Utc>>;
    /// E3, E5: who owns the complaint now.
    fn owner(&self) -> Option<&ActorId>;
    /// E1–E3: the highest role the complaint was escalated to.
    fn escalation_level(&self) -> Role;
    /// Since when the complaint waits on the customer or a third party (W5).
    fn awaiting_since(&self, whom: WaitingOn) -> Option<DateTime<Utc>>;
    /// A deadline by its id (T7: extensions).
    fn deadline(&self, id: DeadlineId) -> Option<&Deadline>;
    /// F1–F7: the follow-up of the current round.
    fn follow_up(&self) -> Option<FollowUpStatus>;
    /// F5: when the current round was handled (remedy executed or dismissal replied).
    fn handled_at(&self) -> Option<DateTime<Utc>>;
    /// A2: whether entry `sequence` has a personal text at `path` that a
    /// redaction may name (redacted already or not).
    fn redactable(&self, sequence: u64, path: &str) -> bool;
}
