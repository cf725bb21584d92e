//! R2: a complaint is judged once.
//! `Judged` does not accept a second `Uphold`; only `Accepted` does.

use complaint_workflow::{Complaint, Context, Judged, event::Uphold};

fn uphold_judged(complaint: Complaint<Judged>, uphold: Uphold, ctx: &Context<'_>) {
    let _ = complaint.apply(uphold, ctx);
}

fn main() {}
