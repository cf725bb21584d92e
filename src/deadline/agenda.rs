//! [`Agenda`]: an in-memory index of many complaints by their next due time,
//! answering "what is due before t?" with O(log n) updates.
//!
//! # Structure
//!
//! - **By due time**, one B-tree set of 24-byte keys: the due time packed
//!   into a `u64` that orders as the times do (nanoseconds since the Unix
//!   epoch, `packed.rs`) and the id's two halves. `due_before` is a range of
//!   it, in `(due, id)` order, reading the id from the key itself.
//! - **By id**, an open-addressing hash table of 12-byte buckets holding a
//!   32-bit tag of the id's keyed hash and the packed due time, not the id
//!   ([`id_index`]): a bucket whose tag matches is confirmed by the key
//!   `(due, id)` in the B-tree, which is the search that moving or removing
//!   the complaint makes anyway.
//!
//! About 39 bytes per complaint in the B-tree at the fill random inserts
//! leave and 15 to 19 in the table: 53 to 58 bytes, measured with a counting
//! allocator at 10,000 to 1,000,000 complaints (`cargo bench --bench
//! agenda`). Complaints without an open deadline take nothing.
//!
//! # Worst cases
//!
//! - **Many complaints due at the same instant** cost nothing more: the ids
//!   keep their keys apart, and ties come out in id order.
//! - **Due times without a packed form** (before
//!   1677-09-21T00:12:43.145224192Z, after 2262-04-11T23:47:16.854775807Z,
//!   or within a leap second) go to a side index of two plain B-trees
//!   ([`wide`]), about 88 bytes per complaint, still O(log n), merged into
//!   `due_before` and `next` in order. Nothing panics; every lookup by id
//!   also asks that index, for free while it is empty.
//! - **Growing the table** rebuilds it (O(n), amortized O(1)): the update
//!   that makes it grow by a quarter takes as long as reading every bucket.
//! - **Two ids with the same 32-bit tag** cost one more B-tree search when
//!   one of them is looked up; ids cannot be chosen to collide without the
//!   table's hash key, drawn per agenda by std's `RandomState`.

mod id_index;
mod packed;
mod wide;

use std::collections::BTreeSet;
use std::fmt;
use std::iter::Peekable;
use std::ops::Bound;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::record::ComplaintRecord;
use crate::values::ComplaintId;

use id_index::{IdIndex, Probe};
use packed::Unpacker;
use wide::Wide;

/// Many complaints indexed by the due time of their next open deadline: the
/// in-memory twin of an indexed `next_due_at` column.
///
/// Every operation is O(log n) in the number of complaints with an open
/// deadline, in about 53 to 58 bytes per complaint (the module doc gives the
/// structure and its worst cases). Complaints without an open deadline take
/// nothing.
///
/// # Example
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use complaint_workflow::{ComplaintId, deadline::{Agenda, AgendaChange}};
///
/// let t = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
/// let (a, b) = (ComplaintId::new_at(t), ComplaintId::new_at(t));
/// let mut agenda = Agenda::new();
/// agenda.update(a, Some(t + Duration::hours(1)));
/// agenda.update(b, Some(t + Duration::days(2)));
/// let due: Vec<_> = agenda.due_before(t + Duration::days(1)).map(|(_, id)| id).collect();
/// assert_eq!(due, vec![a]);
/// assert_eq!(
///     agenda.update(a, None),
///     AgendaChange::Removed { was: t + Duration::hours(1) }
/// );
/// ```
#[derive(Clone, Default)]
pub struct Agenda {
    by_due: BTreeSet<DueKey>,
    by_id: IdIndex,
    wide: Wide,
}

/// A complaint in the by-due index: its packed due time, then its id's two
/// halves (which order as the id's bytes do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct DueKey {
    due: u64,
    id_high: u64,
    id_low: u64,
}

impl DueKey {
    fn new(due: u64, (id_high, id_low): (u64, u64)) -> Self {
        Self {
            due,
            id_high,
            id_low,
        }
    }

    fn entry(self) -> (DateTime<Utc>, ComplaintId) {
        (
            packed::unpack(self.due),
            ComplaintId::from(Uuid::from_u64_pair(self.id_high, self.id_low)),
        )
    }
}

/// What an [`Agenda::update`] changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AgendaChange {
    /// The complaint was not on the agenda and now is.
    Added {
        /// Its next due time.
        due: DateTime<Utc>,
    },
    /// The complaint's next due time moved.
    Moved {
        /// The previous due time.
        from: DateTime<Utc>,
        /// The new due time.
        to: DateTime<Utc>,
    },
    /// The complaint has no open deadline any more.
    Removed {
        /// The due time it had.
        was: DateTime<Utc>,
    },
    /// Nothing changed.
    Unchanged,
}

impl Agenda {
    /// An empty agenda.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a complaint's next due time (`None`: no open deadline) and says what changed.
    pub fn update(&mut self, id: ComplaintId, next_due: Option<DateTime<Utc>>) -> AgendaChange {
        let halves = id.as_uuid().as_u64_pair();
        let tag = self.by_id.tag(id);
        let to_packed = next_due.and_then(packed::pack);
        // One probe of the table finds the complaint; the B-tree search that
        // confirms it also takes its old key out, unless it stays.
        let by_due = &mut self.by_due;
        let probe = self.by_id.find(tag, |due| {
            let key = DueKey::new(due, halves);
            if Some(due) == to_packed {
                by_due.contains(&key)
            } else {
                by_due.remove(&key)
            }
        });
        match probe {
            Probe::Found { at, due } => {
                let from = packed::unpack(due);
                match (next_due, to_packed) {
                    (None, _) => {
                        self.by_id.remove(at);
                        AgendaChange::Removed { was: from }
                    }
                    (Some(_), Some(to)) if to == due => AgendaChange::Unchanged,
                    (Some(to), Some(packed)) => {
                        by_due.insert(DueKey::new(packed, halves));
                        self.by_id.set_due(at, packed);
                        AgendaChange::Moved { from, to }
                    }
                    (Some(to), None) => {
                        self.by_id.remove(at);
                        self.wide.insert(id, to);
                        AgendaChange::Moved { from, to }
                    }
                }
            }
            Probe::Vacant(vacant) => match (self.wide.due_of(id), next_due, to_packed) {
                (None, None, _) => AgendaChange::Unchanged,
                (None, Some(due), Some(packed)) => {
                    by_due.insert(DueKey::new(packed, halves));
                    self.by_id.insert(tag, packed, vacant);
                    AgendaChange::Added { due }
                }
                (None, Some(due), None) => {
                    self.wide.insert(id, due);
                    AgendaChange::Added { due }
                }
                (Some(was), None, _) => {
                    self.wide.remove(id);
                    AgendaChange::Removed { was }
                }
                (Some(from), Some(to), _) if from == to => AgendaChange::Unchanged,
                (Some(from), Some(to), Some(packed)) => {
                    self.wide.remove(id);
                    by_due.insert(DueKey::new(packed, halves));
                    self.by_id.insert(tag, packed, vacant);
                    AgendaChange::Moved { from, to }
                }
                (Some(from), Some(to), None) => {
                    self.wide.insert(id, to);
                    AgendaChange::Moved { from, to }
                }
            },
        }
    }

    /// Takes a record's [`next_alarm`](ComplaintRecord::next_alarm) (W1)
    /// into the agenda.
    pub fn track(&mut self, record: &ComplaintRecord) -> AgendaChange {
        self.update(record.id(), record.next_alarm().map(|alarm| alarm.at))
    }

    /// Takes a complaint off the agenda; returns the due time it had.
    pub fn remove(&mut self, id: ComplaintId) -> Option<DateTime<Utc>> {
        let halves = id.as_uuid().as_u64_pair();
        let by_due = &mut self.by_due;
        match self.by_id.find(self.by_id.tag(id), |due| {
            by_due.remove(&DueKey::new(due, halves))
        }) {
            Probe::Found { at, due } => {
                self.by_id.remove(at);
                Some(packed::unpack(due))
            }
            Probe::Vacant(_) => self.wide.remove(id),
        }
    }

    /// The complaints due strictly before `t`, earliest first, ties in id order.
    pub fn due_before(
        &self,
        t: DateTime<Utc>,
    ) -> impl Iterator<Item = (DateTime<Utc>, ComplaintId)> + '_ {
        let end = match packed::ceiling(t) {
            Some(packed) => Bound::Excluded(DueKey::new(packed, (0, 0))),
            None => Bound::Unbounded,
        };
        Merged {
            packed: self.by_due.range((Bound::Unbounded, end)).peekable(),
            wide: self.wide.due_before(t).peekable(),
            unpacker: Unpacker::default(),
        }
    }

    /// The complaint due first.
    #[must_use]
    pub fn next(&self) -> Option<(DateTime<Utc>, ComplaintId)> {
        let packed = self.by_due.first().map(|key| key.entry());
        match (packed, self.wide.first()) {
            (Some(packed), Some(wide)) => Some(packed.min(wide)),
            (packed, wide) => packed.or(wide),
        }
    }

    /// A complaint's next due time, if it is on the agenda.
    #[must_use]
    pub fn due_of(&self, id: ComplaintId) -> Option<DateTime<Utc>> {
        let halves = id.as_uuid().as_u64_pair();
        match self.by_id.find(self.by_id.tag(id), |due| {
            self.by_due.contains(&DueKey::new(due, halves))
        }) {
            Probe::Found { due, .. } => Some(packed::unpack(due)),
            Probe::Vacant(_) => self.wide.due_of(id),
        }
    }

    /// How many complaints are on the agenda.
    #[must_use]
    pub fn len(&self) -> usize {
        self.by_id.len() + self.wide.len()
    }

    /// Whether the agenda is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every complaint on the agenda, earliest first, ties in id order.
    fn entries(&self) -> impl Iterator<Item = (DateTime<Utc>, ComplaintId)> + '_ {
        Merged {
            packed: self.by_due.range(..).peekable(),
            wide: self.wide.all().peekable(),
            unpacker: Unpacker::default(),
        }
    }
}

/// Two agendas are equal when they hold the same complaints at the same due
/// times, however their tables are laid out.
impl PartialEq for Agenda {
    fn eq(&self, other: &Self) -> bool {
        self.by_due == other.by_due && self.wide == other.wide
    }
}

impl Eq for Agenda {}

/// The complaints, earliest first: `{(due, id), …}`.
impl fmt::Debug for Agenda {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.entries()).finish()
    }
}

/// The packed and the wide complaints of a range, merged in `(due, id)`
/// order (a packed and a wide due time are never equal).
struct Merged<'a> {
    packed: Peekable<std::collections::btree_set::Range<'a, DueKey>>,
    wide: Peekable<std::collections::btree_set::Range<'a, (DateTime<Utc>, ComplaintId)>>,
    unpacker: Unpacker,
}

impl Merged<'_> {
    #[inline]
    fn entry(&mut self, key: DueKey) -> (DateTime<Utc>, ComplaintId) {
        (
            self.unpacker.unpack(key.due),
            ComplaintId::from(Uuid::from_u64_pair(key.id_high, key.id_low)),
        )
    }
}

impl Iterator for Merged<'_> {
    type Item = (DateTime<Utc>, ComplaintId);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let Some(&&wide) = self.wide.peek() else {
            let key = *self.packed.next()?;
            return Some(self.entry(key));
        };
        match self.packed.peek().map(|key| **key) {
            Some(key) => {
                let packed = self.entry(key);
                if packed < wide {
                    self.packed.next();
                    Some(packed)
                } else {
                    self.wide.next().copied()
                }
            }
            None => self.wide.next().copied(),
        }
    }
}
