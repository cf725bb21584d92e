//! The transition table: one row per `stage + event => next stage`.
//!
//! The single [`transition_table!`] invocation below expands into the typed
//! face's [`Transition`] impls (what compiles), the stored face's lookup
//! ([`StageKind::after`]), [`StageKind::allowed_events`] and the rows a
//! diagram is drawn from ([`TRANSITIONS`]). There is no other place that says
//! which event a stage accepts.

// `Accept` has no row: it creates a complaint, no stage accepts it.
use super::event::{
    AddNote, Approve, Assign, AttemptFollowUp, AwaitCustomer, ChooseRemedy, Close,
    CompleteFollowUp, Contact, CustomerReplied, Decline, Dismiss, Escalate, EventKind, Execute,
    ExtendDeadline, GiveUpFollowUp, Handover, Investigate, PersonalDataErased, Propose, Reopen,
    RepeatContact, RescheduleFollowUp, Review, Transfer, Uphold, Withdraw,
};
use super::stage::{
    Accepted, Approved, Closed, Dismissed, Executed, Investigated, Judged, Proposed, Reviewed,
    Stage, StageKind, Withdrawn,
};
use crate::actor::Role;

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
    /// Whether [`Complaint::apply`](crate::Complaint::apply) offers the row.
    /// The fast path (T5) is offered only by
    /// [`SimpleComplaint`](crate::SimpleComplaint), whose constructor checks
    /// that the complaint is simple.
    pub typed: bool,
}

/// A typed row may carry attributes for its [`Transition`] impl. The rows
/// that keep the stage carry `#[diagnostic::do_not_recommend]`: the help under
/// a refused event then lists the stage's own steps (its moves, and R8's
/// choice in `Proposed`) rather than the notes, contacts and hand-offs that
/// every stage accepts. The attribute only trims the help: rustc still counts
/// the hidden impls when it selects one, so each stage keeps several impls and
/// the error stays the table's message, not a type mismatch.
///
/// rustc 1.95 shows the impls left in the help as a list when there are five
/// or more, as a label on each impl when there are two to four, and as "the
/// trait `Transition<Review>` is implemented for `Executed`" when there is one
/// (`Executed`, `Dismissed`, `Withdrawn`: their one move is `review`). With
/// none left it lists other stages' impls, as if the stage accepted nothing:
/// so `Closed`, which moves nowhere, keeps its same-stage rows in the help;
/// they are all it accepts.
macro_rules! transition_table {
    (
        typed { $($(#[$attr:meta])* $from:ident + $event:ident => $to:ident,)* }
        guarded { $($g_from:ident + $g_event:ident => $g_to:ident,)* }
    ) => {
        $(
            impl sealed::SealedTransition<$event> for $from {}
            $(#[$attr])*
            impl Transition<$event> for $from {
                type Next = $to;
            }
        )*

        /// Every row of the transition table, in lifecycle order.
        pub const TRANSITIONS: &[TransitionRow] = &[
            $(TransitionRow {
                from: StageKind::$from,
                event: EventKind::$event,
                to: StageKind::$to,
                typed: true,
            },)*
            $(TransitionRow {
                from: StageKind::$g_from,
                event: EventKind::$g_event,
                to: StageKind::$g_to,
                typed: false,
            },)*
        ];
    };
}

transition_table! {
    typed {
        Accepted + Uphold => Judged,
        Accepted + Dismiss => Dismissed,
        Accepted + Withdraw => Withdrawn,
        #[diagnostic::do_not_recommend] Accepted + Escalate => Accepted,
        #[diagnostic::do_not_recommend] Accepted + Handover => Accepted,
        #[diagnostic::do_not_recommend] Accepted + Assign => Accepted,
        #[diagnostic::do_not_recommend] Accepted + Transfer => Accepted,
        #[diagnostic::do_not_recommend] Accepted + AwaitCustomer => Accepted,
        #[diagnostic::do_not_recommend] Accepted + CustomerReplied => Accepted,
        #[diagnostic::do_not_recommend] Accepted + AddNote => Accepted,
        #[diagnostic::do_not_recommend] Accepted + Contact => Accepted,
        #[diagnostic::do_not_recommend] Accepted + RepeatContact => Accepted,
        #[diagnostic::do_not_recommend] Accepted + PersonalDataErased => Accepted,
        #[diagnostic::do_not_recommend] Accepted + ExtendDeadline => Accepted,
        Judged + Investigate => Investigated,
        Judged + Withdraw => Withdrawn,
        #[diagnostic::do_not_recommend] Judged + Escalate => Judged,
        #[diagnostic::do_not_recommend] Judged + Handover => Judged,
        #[diagnostic::do_not_recommend] Judged + Assign => Judged,
        #[diagnostic::do_not_recommend] Judged + Transfer => Judged,
        #[diagnostic::do_not_recommend] Judged + AwaitCustomer => Judged,
        #[diagnostic::do_not_recommend] Judged + CustomerReplied => Judged,
        #[diagnostic::do_not_recommend] Judged + AddNote => Judged,
        #[diagnostic::do_not_recommend] Judged + Contact => Judged,
        #[diagnostic::do_not_recommend] Judged + RepeatContact => Judged,
        #[diagnostic::do_not_recommend] Judged + PersonalDataErased => Judged,
        #[diagnostic::do_not_recommend] Judged + ExtendDeadline => Judged,
        Investigated + Propose => Proposed,
        Investigated + Withdraw => Withdrawn,
        #[diagnostic::do_not_recommend] Investigated + Escalate => Investigated,
        #[diagnostic::do_not_recommend] Investigated + Handover => Investigated,
        #[diagnostic::do_not_recommend] Investigated + Assign => Investigated,
        #[diagnostic::do_not_recommend] Investigated + Transfer => Investigated,
        #[diagnostic::do_not_recommend] Investigated + AwaitCustomer => Investigated,
        #[diagnostic::do_not_recommend] Investigated + CustomerReplied => Investigated,
        #[diagnostic::do_not_recommend] Investigated + AddNote => Investigated,
        #[diagnostic::do_not_recommend] Investigated + Contact => Investigated,
        #[diagnostic::do_not_recommend] Investigated + RepeatContact => Investigated,
        #[diagnostic::do_not_recommend] Investigated + PersonalDataErased => Investigated,
        #[diagnostic::do_not_recommend] Investigated + ExtendDeadline => Investigated,
        // R8: keeps the stage, but is a step of `Proposed` of its own: shown.
        Proposed + ChooseRemedy => Proposed,
        Proposed + Approve => Approved,
        Proposed + Withdraw => Withdrawn,
        #[diagnostic::do_not_recommend] Proposed + Escalate => Proposed,
        #[diagnostic::do_not_recommend] Proposed + Handover => Proposed,
        #[diagnostic::do_not_recommend] Proposed + Assign => Proposed,
        #[diagnostic::do_not_recommend] Proposed + Transfer => Proposed,
        #[diagnostic::do_not_recommend] Proposed + AwaitCustomer => Proposed,
        #[diagnostic::do_not_recommend] Proposed + CustomerReplied => Proposed,
        #[diagnostic::do_not_recommend] Proposed + AddNote => Proposed,
        #[diagnostic::do_not_recommend] Proposed + Contact => Proposed,
        #[diagnostic::do_not_recommend] Proposed + RepeatContact => Proposed,
        #[diagnostic::do_not_recommend] Proposed + PersonalDataErased => Proposed,
        #[diagnostic::do_not_recommend] Proposed + ExtendDeadline => Proposed,
        Approved + Execute => Executed,
        Approved + Decline => Investigated,
        Approved + Withdraw => Withdrawn,
        #[diagnostic::do_not_recommend] Approved + Escalate => Approved,
        #[diagnostic::do_not_recommend] Approved + Handover => Approved,
        #[diagnostic::do_not_recommend] Approved + Assign => Approved,
        #[diagnostic::do_not_recommend] Approved + Transfer => Approved,
        #[diagnostic::do_not_recommend] Approved + AwaitCustomer => Approved,
        #[diagnostic::do_not_recommend] Approved + CustomerReplied => Approved,
        #[diagnostic::do_not_recommend] Approved + AddNote => Approved,
        #[diagnostic::do_not_recommend] Approved + Contact => Approved,
        #[diagnostic::do_not_recommend] Approved + RepeatContact => Approved,
        #[diagnostic::do_not_recommend] Approved + PersonalDataErased => Approved,
        #[diagnostic::do_not_recommend] Approved + ExtendDeadline => Approved,
        Executed + Review => Reviewed,
        #[diagnostic::do_not_recommend] Executed + AttemptFollowUp => Executed,
        #[diagnostic::do_not_recommend] Executed + RescheduleFollowUp => Executed,
        #[diagnostic::do_not_recommend] Executed + CompleteFollowUp => Executed,
        #[diagnostic::do_not_recommend] Executed + GiveUpFollowUp => Executed,
        #[diagnostic::do_not_recommend] Executed + AddNote => Executed,
        #[diagnostic::do_not_recommend] Executed + Contact => Executed,
        #[diagnostic::do_not_recommend] Executed + RepeatContact => Executed,
        #[diagnostic::do_not_recommend] Executed + PersonalDataErased => Executed,
        #[diagnostic::do_not_recommend] Executed + ExtendDeadline => Executed,
        Dismissed + Review => Reviewed,
        #[diagnostic::do_not_recommend] Dismissed + AttemptFollowUp => Dismissed,
        #[diagnostic::do_not_recommend] Dismissed + RescheduleFollowUp => Dismissed,
        #[diagnostic::do_not_recommend] Dismissed + CompleteFollowUp => Dismissed,
        #[diagnostic::do_not_recommend] Dismissed + GiveUpFollowUp => Dismissed,
        #[diagnostic::do_not_recommend] Dismissed + AddNote => Dismissed,
        #[diagnostic::do_not_recommend] Dismissed + Contact => Dismissed,
        #[diagnostic::do_not_recommend] Dismissed + RepeatContact => Dismissed,
        #[diagnostic::do_not_recommend] Dismissed + PersonalDataErased => Dismissed,
        #[diagnostic::do_not_recommend] Dismissed + ExtendDeadline => Dismissed,
        Withdrawn + Review => Reviewed,
        #[diagnostic::do_not_recommend] Withdrawn + AddNote => Withdrawn,
        #[diagnostic::do_not_recommend] Withdrawn + Contact => Withdrawn,
        #[diagnostic::do_not_recommend] Withdrawn + RepeatContact => Withdrawn,
        #[diagnostic::do_not_recommend] Withdrawn + PersonalDataErased => Withdrawn,
        #[diagnostic::do_not_recommend] Withdrawn + ExtendDeadline => Withdrawn,
        Reviewed + Reopen => Accepted,
        Reviewed + Close => Closed,
        #[diagnostic::do_not_recommend] Reviewed + AttemptFollowUp => Reviewed,
        #[diagnostic::do_not_recommend] Reviewed + RescheduleFollowUp => Reviewed,
        #[diagnostic::do_not_recommend] Reviewed + CompleteFollowUp => Reviewed,
        #[diagnostic::do_not_recommend] Reviewed + GiveUpFollowUp => Reviewed,
        #[diagnostic::do_not_recommend] Reviewed + AddNote => Reviewed,
        #[diagnostic::do_not_recommend] Reviewed + Contact => Reviewed,
        #[diagnostic::do_not_recommend] Reviewed + RepeatContact => Reviewed,
        #[diagnostic::do_not_recommend] Reviewed + PersonalDataErased => Reviewed,
        #[diagnostic::do_not_recommend] Reviewed + ExtendDeadline => Reviewed,
        // `Closed` moves nowhere: its rows are all it accepts, shown in the help.
        Closed + AddNote => Closed,
        Closed + Contact => Closed,
        Closed + RepeatContact => Closed,
        Closed + PersonalDataErased => Closed,
    }
    // T5: offered on the typed face only by `SimpleComplaint`, whose
    // constructor checks that the complaint is simple.
    guarded {
        Accepted + ResolveOnFirstContact => Executed,
    }
}

/// The table as a dense `stage × event` array, built at compile time from
/// [`TRANSITIONS`]: deciding a runtime event is one load, no branches.
// Evaluated at compile time: an index out of bounds is a compile error, not a panic.
#[allow(clippy::indexing_slicing)]
const LOOKUP: [[Option<StageKind>; EventKind::COUNT]; StageKind::COUNT] = {
    let mut lookup = [[None; EventKind::COUNT]; StageKind::COUNT];
    let mut row = 0;
    while row < TRANSITIONS.len() {
        let TransitionRow {
            from, event, to, ..
        } = TRANSITIONS[row];
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

    /// The stage after `event` fired by someone with `role`: the transition
    /// table and the role rule, without the event's data rules and without
    /// recording anything. `None` when the stage does not accept the event or
    /// the role may not fire it. This is the decision
    /// [`ComplaintRecord::apply`](crate::ComplaintRecord::apply) starts with.
    ///
    /// # Example
    ///
    /// ```
    /// use complaint_workflow::{EventKind, Role, StageKind};
    ///
    /// assert_eq!(StageKind::Proposed.decide(EventKind::Approve, Role::Supervisor), Some(StageKind::Approved));
    /// assert_eq!(StageKind::Proposed.decide(EventKind::Approve, Role::Agent), None);
    /// ```
    #[must_use]
    #[inline]
    pub fn decide(self, event: EventKind, role: Role) -> Option<StageKind> {
        self.after(event)
            .filter(|_| role >= Role::required_for(event))
    }

    /// Whether this stage accepts `event`.
    #[must_use]
    pub fn accepts(self, event: EventKind) -> bool {
        self.after(event).is_some()
    }
}
