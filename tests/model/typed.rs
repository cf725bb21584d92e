//! The typed face driven by runtime events: one `match` arm per valid
//! (stage, event) pair, written out by hand. Each arm compiles only if the
//! stage implements `Transition` for the event, and only if its `Next` is the
//! stage the arm names: writing the arms is itself a check of the impls.

use complaint_workflow::{Context, Event, TransitionError, TypedComplaint};

/// What the typed face did with an event.
#[derive(Debug)]
pub enum TypedOutcome {
    /// The stage has no `Transition` impl for the event: on the typed face
    /// the call does not compile. The complaint is handed back untouched.
    NoImpl(TypedComplaint),
    /// The event was applied.
    Applied(TypedComplaint),
    /// A runtime rule refused the event; the complaint is the one `Rejected`
    /// handed back.
    Refused(TypedComplaint, TransitionError),
}

macro_rules! apply_typed {
    ($complaint:expr, $event:expr, $ctx:expr; $($from:ident + $event_kind:ident => $to:ident,)*) => {
        match ($complaint, $event) {
            $(
                (TypedComplaint::$from(complaint), Event::$event_kind(event)) => {
                    match complaint.apply(event, $ctx) {
                        Ok(next) => TypedOutcome::Applied(TypedComplaint::$to(next)),
                        Err(rejected) => {
                            let (complaint, error) = rejected.into_parts();
                            TypedOutcome::Refused(TypedComplaint::$from(complaint), error)
                        }
                    }
                }
            )*
            (complaint, _) => TypedOutcome::NoImpl(complaint),
        }
    };
}

/// Applies `event` through [`Complaint::apply`](complaint_workflow::Complaint::apply)
/// where the typed face accepts it.
pub fn apply_typed(complaint: TypedComplaint, event: Event, ctx: &Context<'_>) -> TypedOutcome {
    apply_typed! { complaint, event, ctx;
        // Accepted
        Accepted + Uphold => Judged,
        Accepted + Dismiss => Dismissed,
        Accepted + Withdraw => Withdrawn,
        Accepted + AddNote => Accepted,
        Accepted + Contact => Accepted,
        Accepted + ExtendDeadline => Accepted,
        Accepted + Assign => Accepted,
        Accepted + Transfer => Accepted,
        Accepted + AwaitCustomer => Accepted,
        Accepted + CustomerReplied => Accepted,
        // Judged
        Judged + Investigate => Investigated,
        Judged + Withdraw => Withdrawn,
        Judged + AddNote => Judged,
        Judged + Contact => Judged,
        Judged + ExtendDeadline => Judged,
        Judged + Assign => Judged,
        Judged + Transfer => Judged,
        Judged + AwaitCustomer => Judged,
        Judged + CustomerReplied => Judged,
        // Investigated
        Investigated + Propose => Proposed,
        Investigated + Withdraw => Withdrawn,
        Investigated + AddNote => Investigated,
        Investigated + Contact => Investigated,
        Investigated + ExtendDeadline => Investigated,
        Investigated + Assign => Investigated,
        Investigated + Transfer => Investigated,
        Investigated + AwaitCustomer => Investigated,
        Investigated + CustomerReplied => Investigated,
        // Proposed
        Proposed + ChooseRemedy => Proposed,
        Proposed + Approve => Approved,
        Proposed + Withdraw => Withdrawn,
        Proposed + AddNote => Proposed,
        Proposed + Contact => Proposed,
        Proposed + ExtendDeadline => Proposed,
        Proposed + Assign => Proposed,
        Proposed + Transfer => Proposed,
        Proposed + AwaitCustomer => Proposed,
        Proposed + CustomerReplied => Proposed,
        // Approved
        Approved + Execute => Executed,
        Approved + Decline => Investigated,
        Approved + Withdraw => Withdrawn,
        Approved + AddNote => Approved,
        Approved + Contact => Approved,
        Approved + ExtendDeadline => Approved,
        Approved + Assign => Approved,
        Approved + Transfer => Approved,
        Approved + AwaitCustomer => Approved,
        Approved + CustomerReplied => Approved,
        // Executed
        Executed + Review => Reviewed,
        Executed + AddNote => Executed,
        Executed + Contact => Executed,
        Executed + ExtendDeadline => Executed,
        // Dismissed
        Dismissed + Review => Reviewed,
        Dismissed + AddNote => Dismissed,
        Dismissed + Contact => Dismissed,
        Dismissed + ExtendDeadline => Dismissed,
        // Withdrawn
        Withdrawn + Review => Reviewed,
        Withdrawn + AddNote => Withdrawn,
        Withdrawn + Contact => Withdrawn,
        Withdrawn + ExtendDeadline => Withdrawn,
        // Reviewed
        Reviewed + Reopen => Accepted,
        Reviewed + AddNote => Reviewed,
        Reviewed + Contact => Reviewed,
        Reviewed + ExtendDeadline => Reviewed,
    }
}
