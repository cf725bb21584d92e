//! The table, not the caller, decides what a stage accepts: code generic over
//! the stage cannot apply an event without the bound `S: Transition<E>`, so
//! approval (R4) cannot be reached from an arbitrary stage.

use complaint_workflow::{Complaint, Context, Stage, event::Approve};

fn approve_any<S: Stage>(complaint: Complaint<S>, ctx: &Context<'_>) {
    let _ = complaint.apply(Approve { option: 1 }, ctx);
}

fn main() {}
