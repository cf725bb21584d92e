//! The follow-up's own stages and transition table: the same two faces as
//! the complaint, typed ([`FollowUp<S>`](crate::followup::FollowUp)) and as data
//! ([`FollowUpStageKind`]).

use super::markers::stage_markers;
use crate::lifecycle::EventKind;
use crate::lifecycle::{AttemptFollowUp, CompleteFollowUp, GiveUpFollowUp, RescheduleFollowUp};

mod sealed {
    pub trait Sealed {}
    pub trait SealedTransition<E> {}
}

/// A follow-up stage that accepts the event `E`, and the stage that follows.
///
/// Implemented only by the follow-up table; any other event does not compile.
#[diagnostic::on_unimplemented(
    message = "event `{E}` is not valid for a follow-up in stage `{Self}`",
    label = "follow-up stage `{Self}` does not accept the event `{E}`",
    note = "a follow-up is attempted before it is completed, and takes no attempt once completed or exhausted"
)]
pub trait FollowUpTransition<E>: FollowUpStage + sealed::SealedTransition<E> {
    /// The follow-up stage after the event.
    type Next: FollowUpStage;
}

stage_markers! {
    /// A stage of a follow-up, as a type. Sealed.
    trait FollowUpStage, sealed by sealed::Sealed;

    /// A stage of a follow-up, as data.
    enum FollowUpStageKind {
        /// Due, with a proposed or agreed slot; not attempted yet.
        Scheduled => "scheduled",
        /// Attempted at least once; the last attempt may or may not have reached the customer.
        Attempted => "attempted",
        /// F2: the follow-up record is complete.
        Completed => "completed",
        /// F5: every attempt the policy allows failed to reach the customer.
        Exhausted => "exhausted",
    }
}

impl FollowUpStageKind {
    /// Whether the follow-up is done: completed or exhausted (F5).
    #[must_use]
    pub const fn is_done(self) -> bool {
        matches!(
            self,
            FollowUpStageKind::Completed | FollowUpStageKind::Exhausted
        )
    }
}

/// One row of the follow-up table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FollowUpRow {
    /// The follow-up stage the event is applied in.
    pub from: FollowUpStageKind,
    /// The event.
    pub event: EventKind,
    /// The follow-up stage after it.
    pub to: FollowUpStageKind,
}

macro_rules! follow_up_table {
    ($($from:ident + $event:ident => $to:ident,)*) => {
        $(
            impl sealed::SealedTransition<$event> for $from {}
            impl FollowUpTransition<$event> for $from {
                type Next = $to;
            }
        )*

        /// Every row of the follow-up table.
        pub const FOLLOW_UP_TRANSITIONS: &[FollowUpRow] = &[
            $(FollowUpRow {
                from: FollowUpStageKind::$from,
                event: EventKind::$event,
                to: FollowUpStageKind::$to,
            },)*
        ];
    };
}

/// Placeholders that only exist so that `Completed` and `Exhausted`, which
/// accept no follow-up event, have two impls each: with none, rustc reports a
/// bare "trait bounds were not satisfied" instead of the table's message
/// naming the event and the stage. Uninhabited: no value can ever be applied.
mod placeholder {
    #[derive(Debug)]
    pub enum NoEvent {}
    #[derive(Debug)]
    pub enum NoOtherEvent {}
}

macro_rules! terminal_stages {
    ($($stage:ident),*) => {
        $(
            impl sealed::SealedTransition<placeholder::NoEvent> for $stage {}
            #[diagnostic::do_not_recommend]
            impl FollowUpTransition<placeholder::NoEvent> for $stage {
                type Next = $stage;
            }
            impl sealed::SealedTransition<placeholder::NoOtherEvent> for $stage {}
            #[diagnostic::do_not_recommend]
            impl FollowUpTransition<placeholder::NoOtherEvent> for $stage {
                type Next = $stage;
            }
        )*
    };
}

terminal_stages!(Completed, Exhausted);

follow_up_table! {
    Scheduled + AttemptFollowUp => Attempted,
    Scheduled + RescheduleFollowUp => Scheduled,
    Attempted + AttemptFollowUp => Attempted,
    Attempted + RescheduleFollowUp => Attempted,
    Attempted + CompleteFollowUp => Completed,
    Attempted + GiveUpFollowUp => Exhausted,
}

impl FollowUpStageKind {
    /// The follow-up stage after `event`, or `None` when this stage does not accept it.
    #[must_use]
    pub fn after(self, event: EventKind) -> Option<FollowUpStageKind> {
        FOLLOW_UP_TRANSITIONS
            .iter()
            .find(|row| row.from == self && row.event == event)
            .map(|row| row.to)
    }
}
