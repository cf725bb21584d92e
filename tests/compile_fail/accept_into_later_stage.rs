//! R1: accepting is the only way to create a complaint, and it creates one in
//! stage `Accepted`. There is no constructor for a complaint in a later stage,
//! so the judgment (R2) cannot be skipped by creating a `Complaint<Judged>`.

use complaint_workflow::{Complaint, Context, Judged, event::Accept};

fn accept_as_judged(accept: Accept, ctx: &Context<'_>) {
    let _ = Complaint::<Judged>::accept(accept, ctx);
}

fn main() {}
