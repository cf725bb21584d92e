//! R6, R7: a withdrawn complaint is reviewed like a dismissal before it can be
//! reopened.
//! `Withdrawn` does not accept `Reopen`; only `Reviewed` does.

use complaint_workflow::{Complaint, Context, Withdrawn, event::Reopen};

fn reopen_withdrawn(complaint: Complaint<Withdrawn>, ctx: &Context<'_>) {
    let _ = complaint.apply(
        Reopen {
            reason: String::from("the customer came back"),
        },
        ctx,
    );
}

fn main() {}
