//! R6: only a handled complaint (executed, dismissed or withdrawn) is reviewed.
//! `Investigated` is still open and does not accept `Review`.

use complaint_workflow::{Complaint, Context, Investigated, event::Review};

fn review_investigated(complaint: Complaint<Investigated>, review: Review, ctx: &Context<'_>) {
    let _ = complaint.apply(review, ctx);
}

fn main() {}
