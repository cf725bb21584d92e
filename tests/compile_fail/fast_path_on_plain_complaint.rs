//! T5: only a complaint found simple (`Complaint::into_simple`, which checks
//! the policy's categories, severity and time) takes the fast path. A plain
//! `Complaint<Accepted>` does not accept `ResolveOnFirstContact`.

use complaint_workflow::{
    Accepted, Complaint, Context, event::{RemedyOption, ResolveOnFirstContact},
};

fn resolve_plain(complaint: Complaint<Accepted>, ctx: &Context<'_>) {
    let resolve = ResolveOnFirstContact {
        remedy: RemedyOption {
            description: "Send the missing screws by express".into(),
            compensation: None,
        },
        customer_acceptance: "The customer agreed on the phone".into(),
    };
    let _ = complaint.apply(resolve, ctx);
}

fn main() {}
