//! T5, the fast path on the typed face: [`SimpleComplaint`], the only value
//! that can resolve a complaint on the first contact.
//!
//! Whether a complaint is simple depends on the policy (its categories, its
//! severity limit) and on time (resolved within minutes of receipt), so no
//! stage type can say it. Instead, [`Complaint::into_simple`] checks it once
//! and hands out a `SimpleComplaint`; only that type has
//! [`resolve`](SimpleComplaint::resolve). `Complaint<Accepted>` has no
//! `Transition<ResolveOnFirstContact>`: a complaint that was not found simple
//! cannot take the fast path, and the code that tries does not compile.

use crate::context::Context;
use crate::lifecycle::ResolveOnFirstContact;
use crate::lifecycle::rules;
use crate::lifecycle::{Accepted, Executed};
use crate::typed::{Complaint, Rejected};

/// T5: an accepted complaint found simple enough for the intake agent to
/// resolve on the first contact, without a supervisor's approval.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimpleComplaint {
    complaint: Complaint<Accepted>,
}

impl Complaint<Accepted> {
    /// T5: the complaint as a [`SimpleComplaint`] if the policy's fast path
    /// takes it at `ctx.now()`: a fast-path category, a severity within the
    /// limit, still within the time of receipt the policy allows.
    ///
    /// # Errors
    ///
    /// [`Rejected`] with the unchanged complaint and
    /// [`FastPathError::NotSimple`](crate::error::FastPathError::NotSimple).
    // The error hands the complaint back by value: that is the point of `Rejected`.
    #[allow(clippy::result_large_err)]
    pub fn into_simple(self, ctx: &Context<'_>) -> Result<SimpleComplaint, Rejected<Self>> {
        match rules::simple_in(self.as_record(), ctx.now(), ctx.policy()) {
            Ok(()) => Ok(SimpleComplaint { complaint: self }),
            Err(error) => Err(Rejected::new(self, error)),
        }
    }
}

impl SimpleComplaint {
    /// T5: resolves the complaint on the first contact: upheld, remedied and
    /// executed in one recorded entry, by the agent who accepted it. The
    /// follow-up is scheduled as after any executed remedy.
    ///
    /// # Errors
    ///
    /// [`Rejected`] with the unchanged simple complaint when a rule fails: not
    /// the intake agent, the time allowed has passed, blank texts.
    #[allow(clippy::result_large_err)]
    pub fn resolve(
        mut self,
        event: ResolveOnFirstContact,
        ctx: &Context<'_>,
    ) -> Result<Complaint<Executed>, Rejected<Self>> {
        match self.complaint.record_mut().apply(event, ctx) {
            Ok(_) => Ok(Complaint::wrap(self.complaint.into_record())),
            Err(error) => Err(Rejected::new(self, error)),
        }
    }

    /// The complaint, to handle it the ordinary way after all.
    #[must_use]
    pub fn into_complaint(self) -> Complaint<Accepted> {
        self.complaint
    }

    /// The complaint.
    #[must_use]
    pub fn as_complaint(&self) -> &Complaint<Accepted> {
        &self.complaint
    }
}
