//! R5: the approved remedy is executed once.
//! `Executed` does not accept a second `Execute`.

use complaint_workflow::{Complaint, Context, Executed, event::Execute};

fn execute_executed(complaint: Complaint<Executed>, execute: Execute, ctx: &Context<'_>) {
    let _ = complaint.apply(execute, ctx);
}

fn main() {}
