//! Replay: rebuilding a [`ComplaintRecord`] from a stored history, checking
//! every entry, and loading a stored record through the same checks.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize, Serializer};

use super::chain::{Broken, Links};
use super::ledger::Ledger;
use super::track;
use super::write_back::UpgradedOnRead;
use crate::lifecycle::{Event, StageKind, rules};
use crate::policy::DEFAULT_MAX_HISTORY_ENTRIES;
use crate::record::ReplayError;
use crate::record::error::{Inconsistency, SchemaError, SequenceError};
use crate::record::{ComplaintRecord, Entry, SCHEMA_VERSION};
use crate::values::ComplaintId;

impl ComplaintRecord {
    /// Rebuilds a complaint from its stored history, oldest entry first, and
    /// checks it.
    ///
    /// Every entry must have a schema version this crate reads, belong to the
    /// complaint of the first entry, carry the next sequence number, and pass
    /// the same rules as [`apply`](Self::apply) (stage, role, time order, the
    /// event's data). The policy's size limits are not re-checked: a history
    /// that was valid when written stays valid when the policy changes.
    ///
    /// A history longer than [`DEFAULT_MAX_HISTORY_ENTRIES`] is refused; an
    /// application whose policy allows longer histories replays them with
    /// [`replay_at_most`](Self::replay_at_most) and its policy's
    /// [`max_history_entries`](crate::Policy::max_history_entries).
    ///
    /// # Errors
    ///
    /// A [`ReplayError`] naming the first entry that does not check out and why.
    pub fn replay(entries: impl IntoIterator<Item = Entry>) -> Result<Self, ReplayError> {
        Self::replay_at_most(entries, DEFAULT_MAX_HISTORY_ENTRIES)
    }

    /// Like [`replay`](Self::replay), taking at most `max_entries` entries:
    /// it reads one entry past the limit at most, so a history streamed from
    /// a database cursor or a file is never read to its end when it is too
    /// long.
    ///
    /// # Errors
    ///
    /// [`ReplayError::TooManyEntries`] for a longer history, or the
    /// [`ReplayError`] of the first entry that does not check out.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use complaint_workflow::*;
    /// # use complaint_workflow::event::{Accept, AddNote};
    /// let policy = Policy::default();
    /// let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    /// let ctx = Context::new(Actor::agent("agent-7"), now, &policy);
    /// let mut record = ComplaintRecord::accept(
    ///     Accept {
    ///         complainant: Complainant::member("customer-42"),
    ///         received_at: now,
    ///         channel: Channel::Phone,
    ///         content: "The parcel never arrived".into(),
    ///         category: Category::new("delivery"),
    ///         severity: Severity::Low,
    ///     },
    ///     &ctx,
    /// )?;
    /// record.apply(AddNote { text: "Called the courier".into() }, &ctx)?;
    ///
    /// let entries = record.entries().to_vec();
    /// assert!(ComplaintRecord::replay_at_most(entries.clone(), 2).is_ok());
    /// assert_eq!(
    ///     ComplaintRecord::replay_at_most(entries, 1),
    ///     Err(ReplayError::TooManyEntries { limit: 1 })
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replay_at_most(
        entries: impl IntoIterator<Item = Entry>,
        max_entries: usize,
    ) -> Result<Self, ReplayError> {
        let mut entries = entries.into_iter();
        let mut first = entries.next().ok_or(SequenceError::Empty)?;
        if max_entries == 0 {
            return Err(ReplayError::TooManyEntries { limit: 0 });
        }
        check_schema(&first)?;
        check_sequence(1, first.sequence())?;
        let Event::Accept(accept) = first.event() else {
            return Err(SequenceError::FirstEntryNotAccept {
                found: first.event().kind(),
            }
            .into());
        };
        rules::check_accept(accept, first.actor(), first.at(), None).map_err(|source| {
            ReplayError::Refused {
                sequence: 1,
                event: first.event().kind(),
                source,
            }
        })?;
        check_effects(&Ledger::default(), &first)?;
        let mut links = Links::default();
        join_chain(&mut links, &mut first, &mut entries, max_entries)?;
        let Event::Accept(accept) = first.event() else {
            return Err(SequenceError::FirstEntryNotAccept {
                found: first.event().kind(),
            }
            .into());
        };
        let intake = accept.clone();
        // The history's length is known up front for a `Vec` (or any exact
        // iterator): the record's history is allocated once, not grown and
        // copied again and again.
        let capacity = entries.size_hint().0.saturating_add(1).min(max_entries);
        let mut record = Self::started(first.complaint_id(), intake, first, capacity);
        while let Some(entry) = entries.next() {
            if record.entries.len() >= max_entries {
                return Err(ReplayError::TooManyEntries { limit: max_entries });
            }
            record.replay_one(entry, &mut links, &mut entries, max_entries)?;
        }
        // A2: every redacted text is named by a redaction entry.
        links.finish()?;
        record.upgraded_on_read = UpgradedOnRead(links.upgraded);
        Ok(record)
    }

    fn replay_one(
        &mut self,
        mut entry: Entry,
        links: &mut Links,
        rest: &mut impl Iterator<Item = Entry>,
        max_entries: usize,
    ) -> Result<(), ReplayError> {
        check_schema(&entry)?;
        if entry.complaint_id() != self.id {
            return Err(SequenceError::ForeignComplaint {
                sequence: entry.sequence(),
                expected: self.id,
                found: entry.complaint_id(),
            }
            .into());
        }
        check_sequence(self.version() + 1, entry.sequence())?;
        let next = rules::check(self, entry.event(), entry.actor(), entry.at(), None).map_err(
            |source| ReplayError::Refused {
                sequence: entry.sequence(),
                event: entry.event().kind(),
                source,
            },
        )?;
        check_effects(&self.ledger, &entry)?;
        join_chain(links, &mut entry, rest, max_entries)?;
        self.commit(entry, next);
        Ok(())
    }
}

/// A1: joins `entry` to the chain: a sealed entry is verified against its
/// seal and its link, an entry of schema 1 is sealed on upgrade (A3). A
/// broken link is named from the entries after it (at most `max_entries`
/// of them are read).
fn join_chain(
    links: &mut Links,
    entry: &mut Entry,
    rest: &mut impl Iterator<Item = Entry>,
    max_entries: usize,
) -> Result<(), ReplayError> {
    match links.join(entry) {
        Ok(Some(seal)) => entry.upgrade(seal),
        Ok(None) => {}
        Err(Broken::Chain(error)) => return Err(error.into()),
        Err(Broken::Link) => {
            let rest: Vec<Entry> = rest.take(max_entries).collect();
            return Err(links.classify(entry, &rest).into());
        }
    }
    Ok(())
}

/// The effects an entry recorded are ones its event can have.
fn check_effects(ledger: &Ledger, entry: &Entry) -> Result<(), ReplayError> {
    for effect in entry.decisions() {
        ledger
            .check_recorded(entry.event(), entry.at(), effect)
            .and_then(|()| track::check_recorded(entry.event(), effect))
            .map_err(|reason| ReplayError::InvalidDecision {
                sequence: entry.sequence(),
                reason,
            })?;
    }
    Ok(())
}

fn check_schema(entry: &Entry) -> Result<(), ReplayError> {
    match entry.schema() {
        1..=SCHEMA_VERSION => Ok(()),
        0 => Err(SchemaError::Unknown {
            sequence: entry.sequence(),
            found: 0,
            newest: SCHEMA_VERSION,
        }
        .into()),
        found => Err(SchemaError::Newer {
            sequence: entry.sequence(),
            found,
            newest: SCHEMA_VERSION,
        }
        .into()),
    }
}

fn check_sequence(expected: u64, found: u64) -> Result<(), ReplayError> {
    match found.cmp(&expected) {
        Ordering::Equal => Ok(()),
        Ordering::Greater => Err(SequenceError::Gap { expected, found }.into()),
        Ordering::Less => Err(SequenceError::Duplicate { expected, found }.into()),
    }
}

/// The stored form of a record, borrowed for writing.
#[derive(Serialize)]
pub(super) struct StoredRecordRef<'a> {
    pub(super) id: ComplaintId,
    pub(super) stage: StageKind,
    pub(super) version: u64,
    pub(super) entries: &'a [Entry],
}

/// The stored form of a record, owned for reading.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredRecord {
    id: ComplaintId,
    stage: StageKind,
    version: u64,
    entries: Vec<Entry>,
}

impl TryFrom<StoredRecord> for ComplaintRecord {
    type Error = ReplayError;

    fn try_from(stored: StoredRecord) -> Result<Self, Self::Error> {
        let record = Self::replay(stored.entries)?;
        if record.id != stored.id {
            return Err(Inconsistency::Id {
                stored: stored.id,
                replayed: record.id,
            }
            .into());
        }
        if record.stage != stored.stage {
            return Err(Inconsistency::Stage {
                stored: stored.stage,
                replayed: record.stage,
            }
            .into());
        }
        if record.version() != stored.version {
            return Err(Inconsistency::Version {
                stored: stored.version,
                replayed: record.version(),
            }
            .into());
        }
        Ok(record)
    }
}

/// A stored record is loaded through [`ComplaintRecord::replay`]: a record
/// read from storage has passed every check.
impl<'de> Deserialize<'de> for ComplaintRecord {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = StoredRecord::deserialize(deserializer)?;
        Self::try_from(stored).map_err(serde::de::Error::custom)
    }
}

/// Stored as `{"id", "stage", "version", "entries"}`; the summary fields are
/// for a reader's convenience and are checked against the history on load.
impl Serialize for ComplaintRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StoredRecordRef {
            id: self.id,
            stage: self.stage,
            version: self.version(),
            entries: &self.entries,
        }
        .serialize(serializer)
    }
}
