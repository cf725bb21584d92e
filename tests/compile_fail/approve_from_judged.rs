//! R3, R4: a remedy is approved only after the investigation and the proposal.
//! `Judged` does not accept `Approve`; only `Proposed` does.

use complaint_workflow::{Complaint, Context, Judged, event::Approve};

fn approve_judged(complaint: Complaint<Judged>, ctx: &Context<'_>) {
    let _ = complaint.apply(Approve { option: 1 }, ctx);
}

fn main() {}
