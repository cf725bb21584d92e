//! D2: a complaint is referred to an external body against its final
//! response; an accepted complaint has none yet.
//! `Accepted` does not accept `Refer`; the stages after a final response do.

use complaint_workflow::event::{BodyDue, Refer};
use complaint_workflow::time::TimeLimit;
use complaint_workflow::{Accepted, Complaint, Context};

fn refer_accepted(complaint: Complaint<Accepted>, ctx: &Context<'_>) {
    let _ = complaint.apply(
        Refer {
            body: String::from("Financial Ombudsman Service"),
            reference: String::from("FOS-2026-0042"),
            body_due: BodyDue::Within(TimeLimit::Weeks(8)),
        },
        ctx,
    );
}

fn main() {}
