//! The typed face driven by runtime events: one `match` arm per valid
//! (stage, event) pair, written out by hand. Each arm compiles only if the
//! stage implements `Transition` for the event, and only if its `Next` is the
//! stage the arm names: writing the arms is itself a check of the impls.
//!
//! T5's fast path has no `Transition` impl: it goes through
//! `Complaint::into_simple`, which checks that the complaint is simple, and
//! `SimpleComplaint::resolve`.

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
    /// T5: `into_simple` found the complaint not simple and handed it back.
    NotSimple(TypedComplaint, TransitionError),
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
            (TypedComplaint::Accepted(complaint), Event::ResolveOnFirstContact(event)) => {
                match complaint.into_simple($ctx) {
                    Ok(simple) => match simple.resolve(event, $ctx) {
                        Ok(next) => TypedOutcome::Applied(TypedComplaint::Executed(next)),
                        Err(rejected) => {
                            let (simple, error) = rejected.into_parts();
                            let complaint = simple.into_complaint();
                            TypedOutcome::Refused(TypedComplaint::Accepted(complaint), error)
                        }
                    },
                    Err(rejected) => {
                        let (complaint, error) = rejected.into_parts();
                        TypedOutcome::NotSimple(TypedComplaint::Accepted(complaint), error)
                    }
                }
            }
            (complaint, _) => TypedOutcome::NoImpl(complaint),
        }
    };
}

/// Applies `event` through [`Complaint::apply`](complaint_workflow::Complaint::apply)
/// where the typed face accepts it (and T5 through `SimpleComplaint`).
pub fn apply_typed(complaint: TypedComplaint, event: Event, ctx: &Context<'_>) -> TypedOutcome {
    apply_typed! { complaint, event, ctx;
        // Accepted
        Accepted + Uphold => Judged,
        Accepted + Dismiss => Dismissed,
        Accepted + Withdraw => Withdrawn,
        Accepted + AddNote => Accepted,
        Accepted + Contact => Accepted,
        Accepted + RepeatContact => Accepted,
        Accepted + PersonalDataErased => Accepted,
        Accepted + Redact => Accepted,
        Accepted + ExtendDeadline => Accepted,
        Accepted + RaiseAlarm => Accepted,
        Accepted + Escalate => Accepted,
        Accepted + Handover => Accepted,
        Accepted + Assign => Accepted,
        Accepted + Transfer => Accepted,
        Accepted + AwaitCustomer => Accepted,
        Accepted + CustomerReplied => Accepted,
        Accepted + ProgressUpdate => Accepted,
        Accepted + AwaitThirdParty => Accepted,
        Accepted + ThirdPartyReplied => Accepted,
        Accepted + Reclassify => Accepted,
        // Judged
        Judged + Investigate => Investigated,
        Judged + Withdraw => Withdrawn,
        Judged + AddNote => Judged,
        Judged + Contact => Judged,
        Judged + RepeatContact => Judged,
        Judged + PersonalDataErased => Judged,
        Judged + Redact => Judged,
        Judged + ExtendDeadline => Judged,
        Judged + RaiseAlarm => Judged,
        Judged + Escalate => Judged,
        Judged + Handover => Judged,
        Judged + Assign => Judged,
        Judged + Transfer => Judged,
        Judged + AwaitCustomer => Judged,
        Judged + CustomerReplied => Judged,
        Judged + ProgressUpdate => Judged,
        Judged + AwaitThirdParty => Judged,
        Judged + ThirdPartyReplied => Judged,
        Judged + Reclassify => Judged,
        // Investigated
        Investigated + Propose => Proposed,
        Investigated + Withdraw => Withdrawn,
        Investigated + AddNote => Investigated,
        Investigated + Contact => Investigated,
        Investigated + RepeatContact => Investigated,
        Investigated + PersonalDataErased => Investigated,
        Investigated + Redact => Investigated,
        Investigated + ExtendDeadline => Investigated,
        Investigated + RaiseAlarm => Investigated,
        Investigated + Escalate => Investigated,
        Investigated + Handover => Investigated,
        Investigated + Assign => Investigated,
        Investigated + Transfer => Investigated,
        Investigated + AwaitCustomer => Investigated,
        Investigated + CustomerReplied => Investigated,
        Investigated + ProgressUpdate => Investigated,
        Investigated + AwaitThirdParty => Investigated,
        Investigated + ThirdPartyReplied => Investigated,
        Investigated + Reclassify => Investigated,
        // Proposed
        Proposed + ChooseRemedy => Proposed,
        Proposed + Approve => Approved,
        Proposed + Withdraw => Withdrawn,
        Proposed + AddNote => Proposed,
        Proposed + Contact => Proposed,
        Proposed + RepeatContact => Proposed,
        Proposed + PersonalDataErased => Proposed,
        Proposed + Redact => Proposed,
        Proposed + ExtendDeadline => Proposed,
        Proposed + RaiseAlarm => Proposed,
        Proposed + Escalate => Proposed,
        Proposed + Handover => Proposed,
        Proposed + Assign => Proposed,
        Proposed + Transfer => Proposed,
        Proposed + AwaitCustomer => Proposed,
        Proposed + CustomerReplied => Proposed,
        Proposed + ProgressUpdate => Proposed,
        Proposed + AwaitThirdParty => Proposed,
        Proposed + ThirdPartyReplied => Proposed,
        Proposed + Reclassify => Proposed,
        // Approved
        Approved + Execute => Executed,
        Approved + Decline => Investigated,
        Approved + Withdraw => Withdrawn,
        Approved + AddNote => Approved,
        Approved + Contact => Approved,
        Approved + RepeatContact => Approved,
        Approved + PersonalDataErased => Approved,
        Approved + Redact => Approved,
        Approved + ExtendDeadline => Approved,
        Approved + RaiseAlarm => Approved,
        Approved + Escalate => Approved,
        Approved + Handover => Approved,
        Approved + Assign => Approved,
        Approved + Transfer => Approved,
        Approved + AwaitCustomer => Approved,
        Approved + CustomerReplied => Approved,
        Approved + ProgressUpdate => Approved,
        Approved + AwaitThirdParty => Approved,
        Approved + ThirdPartyReplied => Approved,
        Approved + Reclassify => Approved,
        // Executed
        Executed + Review => Reviewed,
        Executed + Dispute => Accepted,
        Executed + Refer => Referred,
        Executed + AddNote => Executed,
        Executed + Contact => Executed,
        Executed + RepeatContact => Executed,
        Executed + PersonalDataErased => Executed,
        Executed + Redact => Executed,
        Executed + ExtendDeadline => Executed,
        Executed + RaiseAlarm => Executed,
        Executed + AttemptFollowUp => Executed,
        Executed + RescheduleFollowUp => Executed,
        Executed + CompleteFollowUp => Executed,
        Executed + GiveUpFollowUp => Executed,
        // Dismissed
        Dismissed + Review => Reviewed,
        Dismissed + Dispute => Accepted,
        Dismissed + Refer => Referred,
        Dismissed + AddNote => Dismissed,
        Dismissed + Contact => Dismissed,
        Dismissed + RepeatContact => Dismissed,
        Dismissed + PersonalDataErased => Dismissed,
        Dismissed + Redact => Dismissed,
        Dismissed + ExtendDeadline => Dismissed,
        Dismissed + RaiseAlarm => Dismissed,
        Dismissed + AttemptFollowUp => Dismissed,
        Dismissed + RescheduleFollowUp => Dismissed,
        Dismissed + CompleteFollowUp => Dismissed,
        Dismissed + GiveUpFollowUp => Dismissed,
        // Withdrawn
        Withdrawn + Review => Reviewed,
        Withdrawn + AddNote => Withdrawn,
        Withdrawn + Contact => Withdrawn,
        Withdrawn + RepeatContact => Withdrawn,
        Withdrawn + PersonalDataErased => Withdrawn,
        Withdrawn + Redact => Withdrawn,
        Withdrawn + ExtendDeadline => Withdrawn,
        Withdrawn + RaiseAlarm => Withdrawn,
        // Reviewed
        Reviewed + Reopen => Accepted,
        Reviewed + Close => Closed,
        Reviewed + Dispute => Accepted,
        Reviewed + Refer => Referred,
        Reviewed + AddNote => Reviewed,
        Reviewed + Contact => Reviewed,
        Reviewed + RepeatContact => Reviewed,
        Reviewed + PersonalDataErased => Reviewed,
        Reviewed + Redact => Reviewed,
        Reviewed + ExtendDeadline => Reviewed,
        Reviewed + RaiseAlarm => Reviewed,
        Reviewed + AttemptFollowUp => Reviewed,
        Reviewed + RescheduleFollowUp => Reviewed,
        Reviewed + CompleteFollowUp => Reviewed,
        Reviewed + GiveUpFollowUp => Reviewed,
        // Referred
        Referred + RecordReferralOutcome => Reviewed,
        Referred + AddNote => Referred,
        Referred + Contact => Referred,
        Referred + RepeatContact => Referred,
        Referred + PersonalDataErased => Referred,
        Referred + Redact => Referred,
        Referred + ExtendDeadline => Referred,
        Referred + RaiseAlarm => Referred,
        Referred + AttemptFollowUp => Referred,
        Referred + RescheduleFollowUp => Referred,
        Referred + CompleteFollowUp => Referred,
        Referred + GiveUpFollowUp => Referred,
        // Closed
        Closed + Dispute => Accepted,
        Closed + Refer => Referred,
        Closed + AddNote => Closed,
        Closed + Contact => Closed,
        Closed + RepeatContact => Closed,
        Closed + PersonalDataErased => Closed,
        Closed + Redact => Closed,
    }
}
