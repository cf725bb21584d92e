//! R7: a closed complaint is archived; it is reopened from its review, not
//! after it is closed.
//! `Closed` does not accept `Reopen`; only `Reviewed` does. A closed
//! complaint goes back to be judged when the customer disputes it (D1).

use complaint_workflow::{Closed, Complaint, Context, event::Reopen};

fn reopen_closed(complaint: Complaint<Closed>, ctx: &Context<'_>) {
    let _ = complaint.apply(
        Reopen {
            reason: String::from("the customer came back a year later"),
        },
        ctx,
    );
}

fn main() {}
