//! R6, R7: a handled complaint is reviewed before it can be reopened.
//! `Executed` does not accept `Reopen`; only `Reviewed` does.

use complaint_workflow::{Complaint, Context, Executed, event::Reopen};

fn reopen_executed(complaint: Complaint<Executed>, ctx: &Context<'_>) {
    let _ = complaint.apply(
        Reopen {
            reason: String::from("the customer is dissatisfied"),
        },
        ctx,
    );
}

fn main() {}
