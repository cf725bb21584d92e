//! F2, F3: a follow-up is completed only after an attempt reached the
//! customer. A `FollowUp<Scheduled>`, never attempted, does not accept
//! `CompleteFollowUp`.

use complaint_workflow::{
    Context, event::{CompleteFollowUp, ContactMethod, FollowUpOutcome},
    followup::{FollowUp, Scheduled},
};

fn complete_scheduled(follow_up: FollowUp<Scheduled>, ctx: &Context<'_>) {
    let record = CompleteFollowUp {
        method: ContactMethod::Phone,
        outcome: FollowUpOutcome::Satisfied {
            suggestions: "None, thank you".into(),
        },
    };
    let _ = follow_up.apply(record, ctx);
}

fn main() {}
