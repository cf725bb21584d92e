//! R5: the customer declines an approved remedy; before the approval there is
//! nothing to decline.
//! `Proposed` does not accept `Decline`; only `Approved` does.

use complaint_workflow::{Complaint, Context, Proposed, event::Decline};

fn decline_proposed(complaint: Complaint<Proposed>, ctx: &Context<'_>) {
    let _ = complaint.apply(
        Decline {
            reason: String::from("the customer wants a refund"),
        },
        ctx,
    );
}

fn main() {}
