//! The typed faces: [`Complaint<S>`](complaint::Complaint) and
//! [`FollowUp<S>`](follow_up::FollowUp), thin wrappers over the stored face
//! whose `apply` compiles only where the transition tables allow the event,
//! and [`SimpleComplaint`](simple::SimpleComplaint), the fast path (T5).
//! Every rule runs once, in the record's `apply`.

pub(crate) mod complaint;
pub(crate) mod follow_up;
mod simple;

pub use complaint::{Complaint, Rejected, TypedComplaint};
pub use follow_up::{FollowUp, TypedFollowUp};
pub use simple::SimpleComplaint;
