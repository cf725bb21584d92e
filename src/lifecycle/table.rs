//! The transition table: one row per `stage + event => next stage`.
//!
//! The single [`transition_table!`] invocation below expands into the typed
//! face's [`Transition`] impls (what compiles), the stored face's lookup
//! ([`StageKind::after`]), [`StageKind::allowed_events`] and the rows a
//! diagram is drawn from ([`TRANSITIONS`]). There is no other place that says
//! which event a stage accepts.

// `Accept` has no row: it creates a complaint, no stage accepts it.
use crate::lifecycle::{
    Accepted, Approved, Closed, Dismissed, Executed, Investigated, Judged, Proposed, Reviewed,
    Stage, StageKind, Withdrawn,
};
use crate::lifecycle::{
    AddNote, Approve, Assign, AttemptFollowUp, AwaitCustomer, ChooseRemedy, Close,
    CompleteFollowUp, Contact, CustomerReplied, Decline, Dismiss, Escalate, EventKind, Execute,
    ExtendDeadline, GiveUpFollowUp, Handover, Investigate, PersonalDataErased, Propose, Reopen,
    RepeatContact, RescheduleFollowUp, Review, Transfer, Uphold, Withdraw,
};
use crate::values::Role;

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

macro_rules! transition_table {
    (
        typed { $($from:ident + $event:ident => $to:ident,)* }
        guarded { $($g_from:ident + $g_event:ident => $g_to:ident,)* }
    ) => {
        $(
            impl sealed::SealedTransition<$event> for $from {}
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
        Accepted + Escalate => Accepted,
        Accepted + Handover => Accepted,
        Accepted + Assign => Accepted,
        Accepted + Transfer => Accepted,
        Accepted + AwaitCustomer => Accepted,
        Accepted + CustomerReplied => Accepted,
        Accepted + AddNote => Accepted,
        Accepted + Contact => Accepted,
        Accepted + RepeatContact => Accepted,
        Accepted + PersonalDataErased => Accepted,
        Accepted + ExtendDeadline => Accepted,
        Judged + Investigate => Investigated,
        Judged + Withdraw => Withdrawn,
        Judged + Escalate => Judged,
        Judged + Handover => Judged,
        Judged + Assign => Judged,
        Judged + Transfer => Judged,
        Judged + AwaitCustomer => Judged,
        Judged + CustomerReplied => Judged,
        Judged + AddNote => Judged,
        Judged + Contact => Judged,
        Judged + RepeatContact => Judged,
        Judged + PersonalDataErased => Judged,
        Judged + ExtendDeadline => Judged,
        Investigated + Propose => Proposed,
        Investigated + Withdraw => Withdrawn,
        Investigated + Escalate => Investigated,
        Investigated + Handover => Investigated,
        Investigated + Assign => Investigated,
        Investigated + Transfer => Investigated,
        Investigated + AwaitCustomer => Investigated,
        Investigated + CustomerReplied => Investigated,
        Investigated + AddNote => Investigated,
        Investigated + Contact => Investigated,
        Investigated + RepeatContact => Investigated,
        Investigated + PersonalDataErased => Investigated,
        Investigated + ExtendDeadline => Investigated,
        Proposed + ChooseRemedy => Proposed,
        Proposed + Approve => Approved,
        Proposed + Withdraw => Withdrawn,
        Proposed + Escalate => Proposed,
        Proposed + Handover => Proposed,
        Proposed + Assign => Proposed,
        Proposed + Transfer => Proposed,
        Proposed + AwaitCustomer => Proposed,
        Proposed + CustomerReplied => Proposed,
        Proposed + AddNote => Proposed,
        Proposed + Contact => Proposed,
        Proposed + RepeatContact => Proposed,
        Proposed + PersonalDataErased => Proposed,
        Proposed + ExtendDeadline => Proposed,
        Approved + Execute => Executed,
        Approved + Decline => Investigated,
        Approved + Withdraw => Withdrawn,
        Approved + Escalate => Approved,
        Approved + Handover => Approved,
        Approved + Assign => Approved,
        Approved + Transfer => Approved,
        Approved + AwaitCustomer => Approved,
        Approved + CustomerReplied => Approved,
        Approved + AddNote => Approved,
        Approved + Contact => Approved,
        Approved + RepeatContact => Approved,
        Approved + PersonalDataErased => Approved,
        Approved + ExtendDeadline => Approved,
        Executed + Review => Reviewed,
        Executed + AttemptFollowUp => Executed,
        Executed + RescheduleFollowUp => Executed,
        Executed + CompleteFollowUp => Executed,
        Executed + GiveUpFollowUp => Executed,
        Executed + AddNote => Executed,
        Executed + Contact => Executed,
        Executed + RepeatContact => Executed,
        Executed + PersonalDataErased => Executed,
        Executed + ExtendDeadline => Executed,
        Dismissed + Review => Reviewed,
        Dismissed + AttemptFollowUp => Dismissed,
        Dismissed + RescheduleFollowUp => Dismissed,
        Dismissed + CompleteFollowUp => Dismissed,
        Dismissed + GiveUpFollowUp => Dismissed,
        Dismissed + AddNote => Dismissed,
        Dismissed + Contact => Dismissed,
        Dismissed + RepeatContact => Dismissed,
        Dismissed + PersonalDataErased => Dismissed,
        Dismissed + ExtendDeadline => Dismissed,
        Withdrawn + Review => Reviewed,
        Withdrawn + AddNote => Withdrawn,
        Withdrawn + Contact => Withdrawn,
        Withdrawn + RepeatContact => Withdrawn,
        Withdrawn + PersonalDataErased => Withdrawn,
        Withdrawn + ExtendDeadline => Withdrawn,
        Reviewed + Reopen => Accepted,
        Reviewed + Close => Closed,
        Reviewed + AttemptFollowUp => Reviewed,
        Reviewed + RescheduleFollowUp => Reviewed,
        Reviewed + CompleteFollowUp => Reviewed,
        Reviewed + GiveUpFollowUp => Reviewed,
        Reviewed + AddNote => Reviewed,
        Reviewed + Contact => Reviewed,
        Reviewed + RepeatContact => Reviewed,
        Reviewed + PersonalDataErased => Reviewed,
        Reviewed + ExtendDeadline => Reviewed,
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
