//! R4, R8: the customer's choice of remedy is recorded before the approval;
//! once approved, the choice is settled.
//! `Approved` does not accept `ChooseRemedy`; only `Proposed` does.

use complaint_workflow::{Approved, Complaint, Context, event::ChooseRemedy};

fn choose_after_approval(complaint: Complaint<Approved>, ctx: &Context<'_>) {
    let _ = complaint.apply(ChooseRemedy { option: 1 }, ctx);
}

fn main() {}
