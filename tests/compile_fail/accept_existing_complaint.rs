//! R1: accepting creates a complaint; a complaint that exists is not accepted
//! again. No stage accepts the event `Accept`, not even `Accepted`.

use complaint_workflow::{Accepted, Complaint, Context, event::Accept};

fn accept_accepted(complaint: Complaint<Accepted>, accept: Accept, ctx: &Context<'_>) {
    let _ = complaint.apply(accept, ctx);
}

fn main() {}
