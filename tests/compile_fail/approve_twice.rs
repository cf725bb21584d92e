//! R4: a supervisor approves one remedy, once.
//! `Approved` does not accept a second `Approve`.

use complaint_workflow::{Approve, Approved, Complaint, Context};

fn approve_approved(complaint: Complaint<Approved>, ctx: &Context<'_>) {
    let _ = complaint.apply(Approve { option: 2 }, ctx);
}

fn main() {}
