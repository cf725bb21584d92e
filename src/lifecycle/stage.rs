//! The stages of a complaint: one zero-sized marker type per stage for the
//! typed face ([`Complaint<S>`](crate::Complaint)), and [`StageKind`], the same
//! stages as data for the stored face.

use super::markers::stage_markers;

mod sealed {
    pub trait Sealed {}
}

stage_markers! {
    /// A stage of the complaint lifecycle, as a type.
    ///
    /// Sealed: the stages are the ones the transition table knows, and no other.
    trait Stage, sealed by sealed::Sealed;

    /// A stage of the complaint lifecycle, as data: what a stored record holds.
    ///
    /// Deliberately exhaustive: a new stage changes the transition table, and a
    /// `match` over stages should then fail to compile rather than fall through.
    enum StageKind {
        /// R1 受理: the complaint is registered and waits for its judgment.
        Accepted => "accepted",
        /// R2 判定 (upheld): a responsible department is named and the investigation
        /// time is agreed with the customer.
        Judged => "judged",
        /// R3 調查: the cause and the responsible parties are found.
        Investigated => "investigated",
        /// R4 方案: remedy options are proposed and wait for a supervisor.
        Proposed => "proposed",
        /// R4 批示: a supervisor approved one remedy option.
        Approved => "approved",
        /// R5 執行: the remedy was carried out and the customer signed.
        Executed => "executed",
        /// R2 (not upheld): the customer was given a tactful reply.
        Dismissed => "dismissed",
        /// The customer withdrew the complaint before a remedy.
        Withdrawn => "withdrawn",
        /// R6 總結: the handling was summarized and evaluated.
        Reviewed => "reviewed",
        /// D2: referred to an external body (an ombudsman, a regulator, a
        /// mediator): out of the internal workflow until the body's outcome;
        /// its follow-up still runs (F5).
        Referred => "referred",
        /// R7 歸檔: finished and archived; its follow-up is done.
        Closed => "closed",
    }
}

impl StageKind {
    /// Whether the complaint is still being handled: a stage before a remedy is
    /// executed, a dismissal replied or the complaint withdrawn.
    #[must_use]
    pub const fn is_open(self) -> bool {
        matches!(
            self,
            StageKind::Accepted
                | StageKind::Judged
                | StageKind::Investigated
                | StageKind::Proposed
                | StageKind::Approved
        )
    }
}
