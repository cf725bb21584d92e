//! The complaints whose due time has no packed form (before 1677-09-21 or
//! after 2262-04-11, or within a leap second): two B-trees, one by
//! `(due, id)` and one by id, as plain as the agenda's first design. They
//! cost about 88 bytes a complaint and hold none in practice.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use chrono::{DateTime, Utc};

use crate::values::ComplaintId;

/// Complaints with unpacked due times.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Wide {
    by_due: BTreeSet<(DateTime<Utc>, ComplaintId)>,
    due_of: BTreeMap<ComplaintId, DateTime<Utc>>,
}

impl Wide {
    pub(super) fn len(&self) -> usize {
        self.due_of.len()
    }

    pub(super) fn due_of(&self, id: ComplaintId) -> Option<DateTime<Utc>> {
        if self.due_of.is_empty() {
            return None;
        }
        self.due_of.get(&id).copied()
    }

    /// Sets `id`'s due time, returning the one it had.
    pub(super) fn insert(&mut self, id: ComplaintId, due: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let was = self.due_of.insert(id, due);
        if let Some(was) = was {
            self.by_due.remove(&(was, id));
        }
        self.by_due.insert((due, id));
        was
    }

    pub(super) fn remove(&mut self, id: ComplaintId) -> Option<DateTime<Utc>> {
        if self.due_of.is_empty() {
            return None;
        }
        let was = self.due_of.remove(&id)?;
        self.by_due.remove(&(was, id));
        Some(was)
    }

    /// The complaints due strictly before `t`, earliest first, ties in id order.
    pub(super) fn due_before(
        &self,
        t: DateTime<Utc>,
    ) -> std::collections::btree_set::Range<'_, (DateTime<Utc>, ComplaintId)> {
        self.by_due
            .range((Bound::Unbounded, Bound::Excluded((t, ComplaintId::MIN))))
    }

    /// Every complaint, earliest first, ties in id order.
    pub(super) fn all(
        &self,
    ) -> std::collections::btree_set::Range<'_, (DateTime<Utc>, ComplaintId)> {
        self.by_due.range(..)
    }

    pub(super) fn first(&self) -> Option<(DateTime<Utc>, ComplaintId)> {
        self.by_due.first().copied()
    }
}
