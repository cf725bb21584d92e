//! W2: only an open complaint is reclassified, while its targets still run;
//! an executed remedy has met its final response.
//! `Executed` does not accept `Reclassify`.

use complaint_workflow::{Category, Complaint, Context, Executed, Severity, event::Reclassify};

fn reclassify_executed(complaint: Complaint<Executed>, ctx: &Context<'_>) {
    let _ = complaint.apply(
        Reclassify {
            severity: Severity::Critical,
            category: Category::new("billing"),
            reason: String::from("the damage is worse than reported"),
        },
        ctx,
    );
}

fn main() {}
