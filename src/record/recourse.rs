//! The customer's recourse as the history records it: disputes (D1), the
//! referral to an external body and its outcome (D2), and the window for
//! both under a policy.

use chrono::{DateTime, Utc};

use crate::lifecycle::rules;
use crate::lifecycle::{Event, EventKind, RecordReferralOutcome, Refer};
use crate::policy::Policy;
use crate::record::ComplaintRecord;
use crate::time::CalendarError;

impl ComplaintRecord {
    /// D1: how many times the customer disputed a final response.
    #[must_use]
    pub fn dispute_count(&self) -> usize {
        self.count(EventKind::Dispute)
    }

    /// D2: how many times the complaint was referred to an external body.
    #[must_use]
    pub fn referral_count(&self) -> usize {
        self.count(EventKind::Refer)
    }

    /// D2: the referral of the current handling round, if it was referred.
    #[must_use]
    pub fn referral(&self) -> Option<&Refer> {
        let Event::Refer(refer) = self.entries.get(self.current.referral?)?.event() else {
            return None;
        };
        Some(refer)
    }

    /// D2: the external body's outcome of the current round's referral, once recorded.
    #[must_use]
    pub fn referral_outcome(&self) -> Option<&RecordReferralOutcome> {
        let index = self.current.referral_outcome?;
        let Event::RecordReferralOutcome(outcome) = self.entries.get(index)?.event() else {
            return None;
        };
        Some(outcome)
    }

    /// D1, D2: when the window to dispute or refer the current round's final
    /// response ends under `policy`; `None` while there is no final response
    /// (an open or a withdrawn complaint).
    ///
    /// # Errors
    ///
    /// [`CalendarError`] when the policy's window cannot be counted on its calendar.
    pub fn dispute_window_ends(
        &self,
        policy: &Policy,
    ) -> Result<Option<DateTime<Utc>>, CalendarError> {
        self.handled_at()
            .map(|final_response| rules::window_end(final_response, policy))
            .transpose()
    }

    fn count(&self, kind: EventKind) -> usize {
        self.entries
            .iter()
            .filter(|entry| entry.event().kind() == kind)
            .count()
    }
}
