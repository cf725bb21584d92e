//! The customer withdraws an open complaint only; an executed remedy cannot
//! be withdrawn (R7: the closed loop goes on to the review).
//! `Executed` does not accept `Withdraw`.

use complaint_workflow::{Complaint, Context, Executed, event::Withdraw};

fn withdraw_executed(complaint: Complaint<Executed>, ctx: &Context<'_>) {
    let _ = complaint.apply(
        Withdraw {
            reason: String::from("the customer changed their mind"),
        },
        ctx,
    );
}

fn main() {}
