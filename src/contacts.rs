//! E4: is a new contact about a complaint the customer already has? A pure
//! decision over the candidate records the application passes in.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::lifecycle::StageKind;
use crate::policy::Policy;
use crate::record::ComplaintRecord;
use crate::values::ComplaintId;
use crate::values::{Category, ComplainantId};

/// A contact from a customer, before anyone knows whether it is a new complaint.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IncomingContact {
    /// Who is calling.
    pub complainant: ComplainantId,
    /// What it is about.
    pub category: Category,
    /// When.
    pub at: DateTime<Utc>,
}

/// E4 先詳細查詢客戶的記錄,看看是老問題還是新問題: the decision for an incoming contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "match", rename_all = "snake_case")]
pub enum ContactMatch {
    /// An old problem: record a [`RepeatContact`](crate::event::RepeatContact) on this complaint.
    Existing {
        /// The complaint the contact is about.
        complaint: ComplaintId,
    },
    /// A new problem: accept a new complaint.
    New,
}

impl IncomingContact {
    /// E4: the complaint this contact is about, among `candidates`: the same
    /// complainant and category, and either not closed or closed within the
    /// policy's [repeat-contact window](Policy::repeat_contact_window) of its
    /// last entry. Of several, the one with the latest entry.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use complaint_workflow::*;
    /// # use complaint_workflow::event::Accept;
    /// use complaint_workflow::contacts::{ContactMatch, IncomingContact};
    /// let policy = Policy::default();
    /// let t = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    /// let ctx = Context::new(Actor::agent("a"), t, &policy);
    /// let record = ComplaintRecord::accept(
    ///     Accept {
    ///         complainant: Complainant::new("c-1"),
    ///         received_at: t,
    ///         channel: Channel::Phone,
    ///         content: "parcel lost".into(),
    ///         category: Category::new("delivery"),
    ///         severity: Severity::Low,
    ///     },
    ///     &ctx,
    /// )?;
    /// let again = IncomingContact {
    ///     complainant: ComplainantId::new("c-1"),
    ///     category: Category::new("delivery"),
    ///     at: t,
    /// };
    /// assert_eq!(again.match_in([&record], &policy), ContactMatch::Existing { complaint: record.id() });
    /// # Ok::<(), TransitionError>(())
    /// ```
    pub fn match_in<'a>(
        &self,
        candidates: impl IntoIterator<Item = &'a ComplaintRecord>,
        policy: &Policy,
    ) -> ContactMatch {
        candidates
            .into_iter()
            .filter(|record| {
                record.complainant().id == self.complainant && record.category() == &self.category
            })
            .filter(|record| self.is_recent(record, policy))
            .max_by_key(|record| (record.last_entry_at(), record.id()))
            .map_or(ContactMatch::New, |record| ContactMatch::Existing {
                complaint: record.id(),
            })
    }

    fn is_recent(&self, record: &ComplaintRecord, policy: &Policy) -> bool {
        if record.stage() != StageKind::Closed {
            return true;
        }
        policy
            .repeat_contact_window()
            .due(record.last_entry_at(), policy.calendar())
            .is_ok_and(|until| self.at <= until)
    }
}
