//! R6, R7: a reviewed complaint is reopened (and judged again) before new
//! remedies are proposed.
//! `Reviewed` does not accept `Propose`; only `Investigated` does.

use complaint_workflow::{Complaint, Context, Reviewed, event::Propose};

fn propose_reviewed(complaint: Complaint<Reviewed>, propose: Propose, ctx: &Context<'_>) {
    let _ = complaint.apply(propose, ctx);
}

fn main() {}
