//! The transition table: one row per `stage + event => next stage`.
//!
//! The single [`transition_table!`] invocation below expands into the typed
//! face's [`Transition`] impls (what compiles), the stored face's lookup
//! ([`StageKind::after`]), [`StageKind::allowed_events`] and the rows a
//! diagram is drawn from ([`TRANSITIONS`]). There is no other place that says
//! which event a stage accepts.

// `Accept` has no row: it creates a complaint, no stage accepts it.
use super::event::{
    AddNote, Approve, Assign, AwaitCustomer, ChooseRemedy, Contact, CustomerReplied, Decline,
    Dismiss, EventKind, Execute, ExtendDeadline, Investigate, Propose, Reopen, Review, Transfer,
    Uphold, Withdraw,
};
use super::stage::{
    Accepted, Approved, Dismissed, Executed, Investigated, Judged, Proposed, Reviewed, Stage,
    StageKind, Withdrawn,
};

mod sealed {
    pub trait SealedTransition<E> {}
}

/// A stage that accepts the event `E`, and the stage that follows it.
///
/// Implemented only by the transition table; applying an event that a stage
/// does not accept is a compile error that names both.
#[diagnostic::on_unimplemented(
    message = "event `{E}` is not valid for a complaint in stage `{Self}`",
    label = "stage `{Self}` does not accept the event `{E}`",
    note = "the transition table in the `complaint_workflow` crate docs lists what each stage accepts"
)]
pub trait Transition<E>: Stage + sealed::SealedTransition<E> {
    /// The stage the complaint is in after the event.
    type Next: Stage;
}

/// One row of the transition table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TransitionRow {
    /// The stage the event is applied in.
    pub from: StageKind,
    /// The event.
    pub event: EventKind,
    /// The stage after the event.
    pub to: StageKind,
}

macro_rules! transition_table {
    ($($from:ident + $event:ident => $to:ident,)*) => {
        $(
            impl sealed::SealedTransition<$event> for $from {}
            impl Transition<$event> for $from {
                type Next = $to;
            }
        )*

        /// Every row of the transition table, in lifecycle order.
        pub const TRANSITIONS: &[TransitionRow] = &[
            $(TransitionRow { from: StageKind::$from, event: EventKind::$event, to: StageKind::$to },)*
        ];
    };
}

transition_table! {
    Accepted + Uphold => Judged,
    Accepted + Dismiss => Dismissed,
    Accepted + Withdraw => Withdrawn,
    Accepted + AddNote => Accepted,
    Accepted + Contact => Accepted,
    Accepted + Assign => Accepted,
    Accepted + Transfer => Accepted,
    Accepted + AwaitCustomer => Accepted,
    Accepted + CustomerReplied => Accepted,
    Accepted + ExtendDeadline => Accepted,
    Judged + Investigate => Investigated,
    Judged + Withdraw => Withdrawn,
    Judged + AddNote => Judged,
    Judged + Contact => Judged,
    Judged + Assign => Judged,
    Judged + Transfer => Judged,
    Judged + AwaitCustomer => Judged,
    Judged + CustomerReplied => Judged,
    Judged + ExtendDeadline => Judged,
    Investigated + Propose => Proposed,
    Investigated + Withdraw => Withdrawn,
    Investigated + AddNote => Investigated,
    Investigated + Contact => Investigated,
    Investigated + Assign => Investigated,
    Investigated + Transfer => Investigated,
    Investigated + AwaitCustomer => Investigated,
    Investigated + CustomerReplied => Investigated,
    Investigated + ExtendDeadline => Investigated,
    Proposed + ChooseRemedy => Proposed,
    Proposed + Approve => Approved,
    Proposed + Withdraw => Withdrawn,
    Proposed + AddNote => Proposed,
    Proposed + Contact => Proposed,
    Proposed + Assign => Proposed,
    Proposed + Transfer => Proposed,
    Proposed + AwaitCustomer => Proposed,
    Proposed + CustomerReplied => Proposed,
    Proposed + ExtendDeadline => Proposed,
    Approved + Execute => Executed,
    Approved + Decline => Investigated,
    Approved + Withdraw => Withdrawn,
    Approved + AddNote => Approved,
    Approved + Contact => Approved,
    Approved + Assign => Approved,
    Approved + Transfer => Approved,
    Approved + AwaitCustomer => Approved,
    Approved + CustomerReplied => Approved,
    Approved + ExtendDeadline => Approved,
    Executed + Review => Reviewed,
    Executed + AddNote => Executed,
    Executed + Contact => Executed,
    Executed + ExtendDeadline => Executed,
    Dismissed + Review => Reviewed,
    Dismissed + AddNote => Dismissed,
    Dismissed + Contact => Dismissed,
    Dismissed + ExtendDeadline => Dismissed,
    Withdrawn + Review => Reviewed,
    Withdrawn + AddNote => Withdrawn,
    Withdrawn + Contact => Withdrawn,
    Withdrawn + ExtendDeadline => Withdrawn,
    Reviewed + Reopen => Accepted,
    Reviewed + AddNote => Reviewed,
    Reviewed + Contact => Reviewed,
    Reviewed + ExtendDeadline => Reviewed,
}

/// The table as a dense `stage × event` array, built at compile time from
/// [`TRANSITIONS`]: deciding a runtime event is one load, no branches.
// Evaluated at compile time: an index out of bounds is a compile error, not a panic.
#[allow(clippy::indexing_slicing)]
const LOOKUP: [[Option<StageKind>; EventKind::COUNT]; StageKind::COUNT] = {
    let mut lookup = [[None; EventKind::COUNT]; StageKind::COUNT];
    let mut row = 0;
    while row < TRANSITIONS.len() {
        let TransitionRow { from, event, to } = TRANSITIONS[row];
        lookup[from as usize][event as usize] = Some(to);
        row += 1;
    }
    lookup
};

impl StageKind {
    /// The stage after `event`, or `None` when this stage does not accept it.
    ///
    /// # Example
    ///
    /// ```
    /// use complaint_workflow::{EventKind, StageKind};
    ///
    /// assert_eq!(StageKind::Proposed.after(EventKind::Approve), Some(StageKind::Approved));
    /// assert_eq!(StageKind::Judged.after(EventKind::Approve), None);
    /// ```
    #[must_use]
    #[inline]
    pub fn after(self, event: EventKind) -> Option<StageKind> {
        LOOKUP
            .get(self as usize)
            .and_then(|row| row.get(event as usize))
            .copied()
            .flatten()
    }

    /// The events this stage accepts, in lifecycle order.
    pub fn allowed_events(self) -> impl Iterator<Item = EventKind> {
        EventKind::ALL
            .into_iter()
            .filter(move |&event| self.after(event).is_some())
    }

    /// Whether this stage accepts `event`.
    #[must_use]
    pub fn accepts(self, event: EventKind) -> bool {
        self.after(event).is_some()
    }
}
