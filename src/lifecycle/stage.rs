//! The stages of a complaint: one zero-sized marker type per stage for the
//! typed face ([`Complaint<S>`](crate::Complaint)), and [`StageKind`], the same
//! stages as data for the stored face.

use std::fmt;

use serde::{Deserialize, Serialize};

mod sealed {
    pub trait Sealed {}
}

/// A stage of the complaint lifecycle, as a type.
///
/// Sealed: the stages are the ones the transition table knows, and no other.
pub trait Stage:
    sealed::Sealed
    + Copy
    + Default
    + fmt::Debug
    + PartialEq
    + Eq
    + std::hash::Hash
    + Send
    + Sync
    + 'static
{
    /// The same stage as data.
    const KIND: StageKind;
}

macro_rules! stages {
    ($($(#[$doc:meta])* $name:ident => $snake:literal,)*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
            pub struct $name;

            impl sealed::Sealed for $name {}

            impl Stage for $name {
                const KIND: StageKind = StageKind::$name;
            }
        )*

        /// A stage of the complaint lifecycle, as data: what a stored record holds.
        ///
        /// Deliberately exhaustive: a new stage changes the transition table, and a
        /// `match` over stages should then fail to compile rather than fall through.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum StageKind {
            $(
                $(#[$doc])*
                $name,
            )*
        }

        impl StageKind {
            /// Every stage, in lifecycle order.
            pub const ALL: [StageKind; stages!(@count $($name)*)] = [$(StageKind::$name),*];

            /// The number of stages.
            pub const COUNT: usize = stages!(@count $($name)*);

            /// The snake-case name used in the stored format.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $(StageKind::$name => $snake,)*
                }
            }
        }
    };
    (@count) => { 0 };
    (@count $head:ident $($tail:ident)*) => { 1 + stages!(@count $($tail)*) };
}

stages! {
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
    /// R7 歸檔: finished and archived; its follow-up is done.
    Closed => "closed",
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

impl fmt::Display for StageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
