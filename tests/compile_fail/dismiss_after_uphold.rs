//! R2: uphold and dismiss are the two outcomes of one judgment; an upheld
//! complaint cannot be dismissed afterwards.
//! `Judged` does not accept `Dismiss`.

use complaint_workflow::{Complaint, Context, Judged, event::Dismiss};

fn dismiss_judged(complaint: Complaint<Judged>, ctx: &Context<'_>) {
    let _ = complaint.apply(
        Dismiss {
            reply: String::from("the complaint is not established"),
        },
        ctx,
    );
}

fn main() {}
