//! A4: when a closed complaint's record is past its retention.

use chrono::{DateTime, Utc};

use crate::lifecycle::{Event, StageKind};
use crate::policy::Policy;
use crate::record::{ComplaintRecord, Entry};

impl ComplaintRecord {
    /// A4: the instant from which this complaint's record is past the
    /// policy's [`retention`](Policy::retention) and may be erased (the
    /// redaction of its personal texts and of its contact details).
    ///
    /// `None` when the policy sets no retention, and while the complaint is
    /// not closed (R7): a complaint still handled, waiting for its review,
    /// or reopened by a dispute is kept whatever its age. The closing is the
    /// time of the last `close` entry.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use complaint_workflow::*;
    /// # use complaint_workflow::event::Accept;
    /// let policy = Policy::uk_fca();
    /// # let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    /// # let ctx = Context::new(Actor::agent("agent-7"), now, &policy);
    /// # let accept = Accept {
    /// #     complainant: Complainant::member("customer-42"),
    /// #     received_at: now,
    /// #     channel: Channel::Phone,
    /// #     content: "The parcel never arrived".into(),
    /// #     category: Category::new("delivery"),
    /// #     severity: Severity::Low,
    /// # };
    /// let record = ComplaintRecord::accept(accept, &ctx)?;
    /// // Open: kept, however old.
    /// assert_eq!(record.retention_until(&policy), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn retention_until(&self, policy: &Policy) -> Option<DateTime<Utc>> {
        let retention = policy.retention()?;
        let closed_at = self.closed_at()?;
        retention.until(self.received_at(), closed_at)
    }

    /// R7: when the complaint was closed, while it is closed: the time of
    /// its last `close` entry.
    #[must_use]
    pub fn closed_at(&self) -> Option<DateTime<Utc>> {
        if self.stage() != StageKind::Closed {
            return None;
        }
        self.entries()
            .iter()
            .rev()
            .find(|entry| matches!(entry.event(), Event::Close(_)))
            .map(Entry::at)
    }
}
