//! D2: a referred complaint has left the internal workflow until the
//! external body's outcome.
//! `Referred` does not accept `Investigate`; only `Judged` does.

use complaint_workflow::event::{Findings, Investigate, RootCause};
use complaint_workflow::{Complaint, Context, Referred};

fn investigate_referred(complaint: Complaint<Referred>, ctx: &Context<'_>) {
    let _ = complaint.apply(
        Investigate {
            findings: Findings {
                root_cause: RootCause::Service,
                description: String::from("the agent promised too much"),
                responsible_parties: Vec::new(),
            },
        },
        ctx,
    );
}

fn main() {}
