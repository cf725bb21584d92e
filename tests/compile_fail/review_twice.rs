//! R6: a handled complaint is reviewed once; a second review needs a reopen.
//! `Reviewed` does not accept `Review`.

use complaint_workflow::{Complaint, Context, Reviewed, event::Review};

fn review_reviewed(complaint: Complaint<Reviewed>, review: Review, ctx: &Context<'_>) {
    let _ = complaint.apply(review, ctx);
}

fn main() {}
