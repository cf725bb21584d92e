//! D2: a referred complaint waits for the external body's outcome, which
//! leads to `reviewed`; it is closed from there.
//! `Referred` does not accept `Close`; only `Reviewed` does.

use complaint_workflow::{Complaint, Context, Referred, event::Close};

fn close_referred(complaint: Complaint<Referred>, ctx: &Context<'_>) {
    let _ = complaint.apply(Close { note: None }, ctx);
}

fn main() {}
