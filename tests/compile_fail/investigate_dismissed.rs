//! R2: a dismissed complaint ends the handling; it is not investigated.
//! `Dismissed` does not accept `Investigate`.

use complaint_workflow::{Complaint, Context, Dismissed, event::Investigate};

fn investigate_dismissed(
    complaint: Complaint<Dismissed>,
    investigate: Investigate,
    ctx: &Context<'_>,
) {
    let _ = complaint.apply(investigate, ctx);
}

fn main() {}
