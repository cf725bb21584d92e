//! A2, A3: the stored entries a store writes back when it appends after
//! the version a writer loaded: those a redaction changed, and those read
//! as schema 1 and sealed on upgrade, which are written as schema 2.

use super::ComplaintRecord;

/// A3: how many of a record's first entries were read as schema 1 and
/// sealed on upgrade. It says how the history was read, not what it holds:
/// two records with the same entries are equal whatever it says.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct UpgradedOnRead(pub(super) u64);

impl PartialEq for UpgradedOnRead {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for UpgradedOnRead {}

impl ComplaintRecord {
    /// A2, A3: the sequence numbers of the entries up to `version` whose
    /// stored form a store writes back, in the transaction that appends
    /// the entries after `version` (the version the writer loaded): the
    /// entries a redaction after `version` names
    /// ([`rewritten_since`](Self::rewritten_since)), and the entries this
    /// record read as schema 1 and sealed on upgrade, which are written
    /// back as schema 2 with the seal the upgrade made. Oldest first.
    ///
    /// A record made by [`accept`](Self::accept) and [`apply`](Self::apply)
    /// has no entry of schema 1; one replayed from a store written by an
    /// older version of the crate may.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use complaint_workflow::*;
    /// # use complaint_workflow::event::{Accept, AddNote};
    /// # use complaint_workflow::record::Entry;
    /// # let policy = Policy::default();
    /// # let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    /// # let agent = Context::new(Actor::agent("agent-7"), now, &policy);
    /// # let accept = Accept {
    /// #     complainant: Complainant::member("customer-42"),
    /// #     received_at: now,
    /// #     channel: Channel::Phone,
    /// #     content: "The parcel never arrived".into(),
    /// #     category: Category::new("delivery"),
    /// #     severity: Severity::Low,
    /// # };
    /// let mut record = ComplaintRecord::accept(accept, &agent)?;
    /// record.apply(AddNote { text: "Called back".into() }, &agent)?;
    /// // Stored as schema 1 (no seals), as an older crate wrote it.
    /// let mut json = serde_json::to_value(record.entries())?;
    /// for entry in json.as_array_mut().into_iter().flatten() {
    ///     entry["schema"] = 1.into();
    ///     if let Some(entry) = entry.as_object_mut() {
    ///         entry.remove("seal");
    ///     }
    /// }
    /// let read = ComplaintRecord::replay(serde_json::from_value::<Vec<Entry>>(json)?)?;
    /// assert_eq!(read.rewrites_since(read.version()), vec![1, 2]);
    /// assert!(read.entries().iter().all(|entry| entry.schema() == 2));
    /// assert!(record.rewrites_since(record.version()).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rewrites_since(&self, version: u64) -> Vec<u64> {
        let mut rewrites = self.rewritten_since(version);
        rewrites.extend(1..=self.upgraded_on_read.0.min(version));
        rewrites.sort_unstable();
        rewrites.dedup();
        rewrites
    }
}
