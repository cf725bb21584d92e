//! R4: a supervisor approves one remedy, once.
//! `Approved` does not accept a second `Approve`.

use complaint_workflow::{Approved, Complaint, Context, event::Approve};

fn approve_approved(complaint: Complaint<Approved>, ctx: &Context<'_>) {
    let _ = complaint.apply(Approve { option: 2 }, ctx);
}

fn main() {}
