//! The transition table: one row per `stage + event => next stage`.
//!
//! The single `transition_table!` invocation below, each stage's own steps
//! row by row and the rows that keep the stage as groups of stages, expands
//! into the typed face's [`Transition`] impls (what compiles), the stored
//! face's lookup ([`StageKind::after`]), [`StageKind::allowed_events`] and the
//! rows a diagram is drawn from ([`TRANSITIONS`]). There is no other place
//! that says which event a stage accepts.

// `Accept` has no row: it creates a complaint, no stage accepts it.
use crate::lifecycle::{
    Accepted, Approved, Closed, Dismissed, Executed, Investigated, Judged, Proposed, Referred,
    Reviewed, Stage, StageKind, Withdrawn,
};
use crate::lifecycle::{
    AddNote, Approve, Assign, AttemptFollowUp, AwaitCustomer, AwaitThirdParty, ChooseRemedy, Close,
    CompleteFollowUp, Contact, CustomerReplied, Decline, Dismiss, Dispute, Escalate, EventKind,
    Execute, ExtendDeadline, GiveUpFollowUp, Handover, Investigate, PersonalDataErased,
    ProgressUpdate, Propose, RaiseAlarm, Reclassify, RecordReferralOutcome, Redact, Refer, Reopen,
    RepeatContact, RescheduleFollowUp, Review, ThirdPartyReplied, Transfer, Uphold, Withdraw,
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

/// The table as people read it: each stage's own steps, the rows that keep
/// the stage as groups of stages that accept the same events, the guarded
/// rows apart.
///
/// A same-stage group `[stages]: [events];` stands for one row
/// `stage + event => stage` per stage and event. Its impls carry
/// `#[diagnostic::do_not_recommend]`: the help under a refused event then
/// lists the stage's own steps rather than the notes, contacts and hand-offs
/// that every stage accepts. The attribute only trims the help: rustc still
/// counts the hidden impls when it selects one, so each stage keeps several
/// impls and the error stays the table's message, not a type mismatch.
///
/// rustc 1.95 shows the impls left in the help as a list when there are five
/// or more, as a label on each impl when there are two to four, and as "the
/// trait `Transition<Review>` is implemented for `Executed`" when there is one
/// (`Withdrawn`: its one step is `review`; `Referred`: `record_referral_outcome`).
/// With none left it would list other stages' impls, as if the stage accepted
/// nothing: every stage has a step of its own (`Closed`: D1's `dispute` and
/// D2's `refer`).
macro_rules! transition_table {
    (@keeps $stage:ident $event:ident) => {
        impl sealed::SealedTransition<$event> for $stage {}
        #[diagnostic::do_not_recommend]
        impl Transition<$event> for $stage {
            type Next = $stage;
        }
    };
    (@group_impls $stage:ident [$($event:ident),+ $(,)?]) => {
        $(transition_table!(@keeps $stage $event);)+
    };
    (@group_rows $stage:ident [$($event:ident),+ $(,)?]) => {
        &[$(TransitionRow {
            from: StageKind::$stage,
            event: EventKind::$event,
            to: StageKind::$stage,
            typed: true,
        },)+]
    };
    (
        steps { $($from:ident + $event:ident => $to:ident,)* }
        same_stage { $([$($stage:ident),+ $(,)?]: $events:tt;)* }
        guarded { $($g_from:ident + $g_event:ident => $g_to:ident,)* }
    ) => {
        $(
            impl sealed::SealedTransition<$event> for $from {}
            impl Transition<$event> for $from {
                type Next = $to;
            }
        )*
        $($(transition_table!(@group_impls $stage $events);)+)*

        /// The typed rows as written: the steps, then each same-stage group
        /// stage by stage.
        const TYPED_ROWS: &[&[TransitionRow]] = &[
            &[$(TransitionRow {
                from: StageKind::$from,
                event: EventKind::$event,
                to: StageKind::$to,
                typed: true,
            },)*],
            $($(transition_table!(@group_rows $stage $events),)+)*
        ];

        /// The guarded rows: in the stored face's table, not in the typed one.
        const GUARDED_ROWS: &[TransitionRow] = &[
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
    // Each stage's own steps: every row that moves a complaint to another
    // stage, and R8's choice, which keeps the stage but is a step of
    // `Proposed` of its own.
    steps {
        Accepted + Uphold => Judged,
        Accepted + Dismiss => Dismissed,
        Accepted + Withdraw => Withdrawn,
        Judged + Investigate => Investigated,
        Judged + Withdraw => Withdrawn,
        Investigated + Propose => Proposed,
        Investigated + Withdraw => Withdrawn,
        Proposed + ChooseRemedy => Proposed,
        Proposed + Approve => Approved,
        Proposed + Withdraw => Withdrawn,
        Approved + Execute => Executed,
        Approved + Decline => Investigated,
        Approved + Withdraw => Withdrawn,
        Executed + Review => Reviewed,
        Executed + Dispute => Accepted,
        Executed + Refer => Referred,
        Dismissed + Review => Reviewed,
        Dismissed + Dispute => Accepted,
        Dismissed + Refer => Referred,
        Withdrawn + Review => Reviewed,
        Reviewed + Reopen => Accepted,
        Reviewed + Dispute => Accepted,
        Reviewed + Refer => Referred,
        Reviewed + Close => Closed,
        // D2: the external body's outcome is the evaluation of the handling.
        Referred + RecordReferralOutcome => Reviewed,
        // D1, D2: the window for a dispute outlasts the closing.
        Closed + Dispute => Accepted,
        Closed + Refer => Referred,
    }
    // The events a stage takes without moving, by the stages that take them.
    same_stage {
        // The open stages, `accepted` … `approved` (W2: where a complaint
        // can still be reclassified, its targets still running).
        [Accepted, Judged, Investigated, Proposed, Approved]:
            [Escalate, Handover, Assign, Transfer, AwaitCustomer, CustomerReplied, ProgressUpdate, AwaitThirdParty, ThirdPartyReplied, Reclassify];
        // The stages a follow-up runs in (F1–F7); D2: a referred complaint
        // keeps its follow-up duty (F5).
        [Executed, Dismissed, Reviewed, Referred]:
            [AttemptFollowUp, RescheduleFollowUp, CompleteFollowUp, GiveUpFollowUp];
        // Every stage (E6, T3, E4, the erasure of personal data, A2: its
        // redaction, which usually comes after closing).
        [
            Accepted, Judged, Investigated, Proposed, Approved,
            Executed, Dismissed, Withdrawn, Reviewed, Referred, Closed,
        ]: [AddNote, Contact, RepeatContact, PersonalDataErased, Redact];
        // Every stage but `closed`: where a deadline may run (T7, W1; D2: an
        // external body may give more time).
        [
            Accepted, Judged, Investigated, Proposed, Approved,
            Executed, Dismissed, Withdrawn, Reviewed, Referred,
        ]: [ExtendDeadline, RaiseAlarm];
    }
    // T5: offered on the typed face only by `SimpleComplaint`, whose
    // constructor checks that the complaint is simple.
    guarded {
        Accepted + ResolveOnFirstContact => Executed,
    }
}

/// The number of rows in `parts`.
// Evaluated at compile time: an index out of bounds is a compile error, not a panic.
#[allow(clippy::indexing_slicing)]
const fn row_count(parts: &[&[TransitionRow]]) -> usize {
    let mut count = 0;
    let mut part = 0;
    while part < parts.len() {
        count += parts[part].len();
        part += 1;
    }
    count
}

/// The rows in the table's order: the typed rows stage by stage in lifecycle
/// order ([`StageKind::ALL`]), a stage's rows in the order they are written
/// (its steps, then group by group), then the guarded rows.
// Evaluated at compile time: an index out of bounds is a compile error, not a panic.
#[allow(clippy::indexing_slicing)]
const fn in_table_order<const N: usize>(
    typed: &[&[TransitionRow]],
    guarded: &[TransitionRow],
) -> [TransitionRow; N] {
    let mut rows = [TransitionRow {
        from: StageKind::Accepted,
        event: EventKind::Accept,
        to: StageKind::Accepted,
        typed: false,
    }; N];
    let mut next = 0;
    let mut stage = 0;
    while stage < StageKind::COUNT {
        let mut part = 0;
        while part < typed.len() {
            let mut row = 0;
            while row < typed[part].len() {
                if typed[part][row].from as usize == stage {
                    rows[next] = typed[part][row];
                    next += 1;
                }
                row += 1;
            }
            part += 1;
        }
        stage += 1;
    }
    let mut row = 0;
    while row < guarded.len() {
        rows[next] = guarded[row];
        next += 1;
        row += 1;
    }
    assert!(next == N, "every row is placed once");
    rows
}

const ROW_COUNT: usize = row_count(TYPED_ROWS) + GUARDED_ROWS.len();
const ROWS: [TransitionRow; ROW_COUNT] = in_table_order(TYPED_ROWS, GUARDED_ROWS);

/// Every row of the transition table, in lifecycle order: stage by stage as
/// [`StageKind::ALL`] lists them, a stage's own steps before the events that
/// a group of stages takes without moving; the guarded fast path (T5) last.
pub const TRANSITIONS: &[TransitionRow] = &ROWS;

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
