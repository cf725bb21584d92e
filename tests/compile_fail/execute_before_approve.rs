//! R4, R5: nothing is executed before a supervisor approves a remedy.
//! `Proposed` does not accept `Execute`; only `Approved` does.

use complaint_workflow::{Complaint, Context, Proposed, event::Execute};

fn execute_proposed(complaint: Complaint<Proposed>, execute: Execute, ctx: &Context<'_>) {
    let _ = complaint.apply(execute, ctx);
}

fn main() {}
