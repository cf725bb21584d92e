//! F2: a completed follow-up is finished: `FollowUp<Completed>` accepts no
//! further attempt (nor any other follow-up event).

use complaint_workflow::{
    Context, event::{AttemptFollowUp, ContactMethod}, followup::{Completed, FollowUp},
};

fn attempt_completed(follow_up: FollowUp<Completed>, ctx: &Context<'_>) {
    let attempt = AttemptFollowUp {
        method: ContactMethod::Phone,
        reached: true,
        note: None,
    };
    let _ = follow_up.apply(attempt, ctx);
}

fn main() {}
