//! A2: a redaction applied to a record: the past entries it names get
//! their texts replaced and keep their commitments, and the list of
//! entries a store must rewrite.

use super::{ComplaintRecord, Entry};
use crate::integrity::personal_texts;
use crate::lifecycle::{Event, Redact, RedactionTarget};

impl ComplaintRecord {
    /// A2: rewrites the entries before `sequence` (the redaction's own) that
    /// `redact` names; returns their sequence numbers, oldest first.
    pub(super) fn redact_entries(&mut self, redact: &Redact, sequence: u64) -> Vec<u64> {
        let mut changed = Vec::new();
        let named: Vec<(u64, String)> = named_texts(&self.entries, &redact.target, sequence)
            .into_iter()
            .map(|(entry, path)| (entry.sequence(), path))
            .collect();
        for (index, path) in named {
            if let Some(entry) = self.entry_mut(index) {
                if entry.redact(&path) {
                    changed.push(index);
                }
            }
        }
        changed.sort_unstable();
        changed.dedup();
        // The intake the record keeps is the first entry's event.
        if changed.first() == Some(&1) {
            if let Some(Event::Accept(accept)) = self.entries.first().map(Entry::event) {
                self.intake = accept.clone();
            }
        }
        changed
    }

    fn entry_mut(&mut self, sequence: u64) -> Option<&mut Entry> {
        let index = usize::try_from(sequence).ok()?.checked_sub(1)?;
        self.entries.get_mut(index)
    }

    /// A2: the entries up to `version` that a redaction after `version`
    /// names: what a store that loaded the record at `version` rewrites,
    /// in the transaction that appends the new entries.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use complaint_workflow::*;
    /// # use complaint_workflow::event::{Accept, AddNote, Redact, RedactionTarget, REDACTED};
    /// # let policy = Policy::default();
    /// # let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    /// # let agent = Context::new(Actor::agent("agent-7"), now, &policy);
    /// # let supervisor = Context::new(Actor::supervisor("sup-1"), now, &policy);
    /// # let accept = Accept {
    /// #     complainant: Complainant::member("customer-42"),
    /// #     received_at: now,
    /// #     channel: Channel::Phone,
    /// #     content: "Mrs Li's parcel never arrived".into(),
    /// #     category: Category::new("delivery"),
    /// #     severity: Severity::Low,
    /// # };
    /// let mut record = ComplaintRecord::accept(accept, &agent)?;
    /// record.apply(AddNote { text: "Called Mrs Li".into() }, &agent)?;
    /// let head = record.entries()[1].hash();
    ///
    /// let loaded = record.version();
    /// record.apply(
    ///     Redact {
    ///         reason: "the customer's erasure request".into(),
    ///         target: RedactionTarget::AllPersonalText,
    ///     },
    ///     &supervisor,
    /// )?;
    /// assert_eq!(record.rewritten_since(loaded), vec![1, 2]);
    /// assert_eq!(record.intake().content, REDACTED);
    /// // The redacted entries keep their hashes: the chain still verifies.
    /// assert_eq!(record.entries()[1].hash(), head);
    /// assert!(ComplaintRecord::replay(record.entries().to_vec()).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rewritten_since(&self, version: u64) -> Vec<u64> {
        let mut rewritten = Vec::new();
        for redaction in self.entries_since(version) {
            let Event::Redact(redact) = redaction.event() else {
                continue;
            };
            for (entry, _) in named_texts(&self.entries, &redact.target, redaction.sequence()) {
                if entry.sequence() <= version {
                    rewritten.push(entry.sequence());
                }
            }
        }
        rewritten.sort_unstable();
        rewritten.dedup();
        rewritten
    }
}

/// The entries before `sequence` and the paths of their texts that
/// `target` names, oldest first; for every personal text, only those a
/// redaction may name.
pub(super) fn named_texts<'r>(
    entries: &'r [Entry],
    target: &RedactionTarget,
    sequence: u64,
) -> Vec<(&'r Entry, String)> {
    let before = entries
        .iter()
        .take_while(|entry| entry.sequence() < sequence);
    match target {
        RedactionTarget::AllPersonalText => before
            .flat_map(|entry| {
                personal_texts(entry.event())
                    .into_iter()
                    .filter(|(path, _)| crate::integrity::redactable(path))
                    .map(move |(path, _)| (entry, path))
            })
            .collect(),
        RedactionTarget::Texts(texts) => {
            let entries: Vec<&Entry> = before.collect();
            let mut named: Vec<(&Entry, String)> = texts
                .iter()
                .filter_map(|text| {
                    let index = usize::try_from(text.sequence).ok()?.checked_sub(1)?;
                    let entry = entries.get(index)?;
                    Some((*entry, text.path.clone()))
                })
                .collect();
            named.sort_by_key(|(entry, _)| entry.sequence());
            named
        }
    }
}
