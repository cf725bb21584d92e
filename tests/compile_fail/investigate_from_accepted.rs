//! R2, R3: a complaint is investigated only once it is upheld.
//! `Accepted` does not accept `Investigate`; only `Judged` does.

use complaint_workflow::{Accepted, Complaint, Context, event::Investigate};

fn investigate_accepted(
    complaint: Complaint<Accepted>,
    investigate: Investigate,
    ctx: &Context<'_>,
) {
    let _ = complaint.apply(investigate, ctx);
}

fn main() {}
