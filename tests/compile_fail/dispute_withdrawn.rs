//! D1: the customer disputes a final response; a withdrawn complaint was
//! never answered.
//! `Withdrawn` does not accept `Dispute`; the stages after a final response do.

use complaint_workflow::{Complaint, Context, Withdrawn, event::Dispute};

fn dispute_withdrawn(complaint: Complaint<Withdrawn>, ctx: &Context<'_>) {
    let _ = complaint.apply(
        Dispute {
            reason: String::from("the customer changed their mind"),
        },
        ctx,
    );
}

fn main() {}
