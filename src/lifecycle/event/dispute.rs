//! D1: the customer disputes the final response.

use serde::{Deserialize, Serialize};

/// D1 (ISO 10002 closing; the CFPB's "consumer disputed"; FCA DISP 1.6):
/// the customer disputes the final response (a remedy executed, a dismissal
/// replied) within the policy's
/// [`dispute_window`](crate::Policy::dispute_window), counted from that final
/// response; the complaint goes back to be judged again.
///
/// Accepted in the stages that follow a final response: `executed`,
/// `dismissed` and `reviewed` (the window opens with the final response, so
/// the customer need not wait for the review), and `closed` (the window
/// outlasts the closing: six months by default, where a complaint closes
/// within days of its follow-up). Not in `withdrawn`, nor in a `reviewed` or
/// `closed` complaint that was withdrawn: there was no final response to
/// dispute. Not in `referred`: the external body decides then, and its
/// outcome leads to `reviewed`, where a dispute is possible again.
///
/// A dispute is a reopen the customer asks for: the same mechanics (a new
/// handling round with its own judgment, deadlines and follow-up, W6 counts
/// the round) and the same F5 rule (the follow-up of the disputed round is
/// done first, so that a new round never hides it), and it is counted
/// ([`ComplaintRecord::dispute_count`](crate::ComplaintRecord::dispute_count), S1).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    /// What the customer disputes, in their words; must not be empty.
    pub reason: String,
}
