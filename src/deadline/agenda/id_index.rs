//! The agenda's index by complaint id: an open-addressing hash table whose
//! buckets hold a 32-bit tag of the id's hash and the complaint's packed due
//! time, 12 bytes each, and not the id itself.
//!
//! The id lives in the agenda's ordered index, keyed by `(due, id)`; a bucket
//! whose tag matches is confirmed there (the caller's `is_it`), so a tag
//! shared by two ids costs one more search of the ordered index and never a
//! wrong answer. Two complaints with the same tag and the same due time have
//! identical buckets, and either bucket serves both. The tag also gives the bucket a complaint starts probing at
//! (its home), so that growing the table and deleting by backward shift need
//! nothing but the buckets.
//!
//! Linear probing, at most four buckets in five used: a lookup that finds
//! its complaint reads three buckets on average, one that does not about
//! thirteen, adjacent in memory. The table grows by a quarter when it would
//! pass that load (an O(n) rebuild, amortized O(1)), shrinks to twice its
//! complaints when under a fifth of it is used, and lets go of its buckets
//! when empty: 15 to 19 bytes per complaint while complaints are added
//! (64 % to 80 % used), up to 60 after many are removed (down to 20 %) before
//! it shrinks. The hash
//! is std's keyed SipHash-1-3 (`RandomState`), so ids chosen to collide cannot
//! be crafted without the agenda's key.

use std::hash::{BuildHasher, RandomState};

use crate::values::ComplaintId;

/// The tag of an empty bucket; [`IdIndex::tag`] never returns it.
const EMPTY: u32 = 0;

/// One bucket: a tag and a packed due time, 12 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Bucket {
    tag: u32,
    due_high: u32,
    due_low: u32,
}

impl Bucket {
    fn new(tag: u32, due: u64) -> Self {
        let [h0, h1, h2, h3, l0, l1, l2, l3] = due.to_be_bytes();
        Self {
            tag,
            due_high: u32::from_be_bytes([h0, h1, h2, h3]),
            due_low: u32::from_be_bytes([l0, l1, l2, l3]),
        }
    }

    fn due(self) -> u64 {
        (u64::from(self.due_high) << 32) | u64::from(self.due_low)
    }

    fn is_empty(self) -> bool {
        self.tag == EMPTY
    }
}

/// What [`IdIndex::find`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Probe {
    /// The complaint's bucket and its packed due time.
    Found {
        /// The bucket.
        at: usize,
        /// The packed due time it holds.
        due: u64,
    },
    /// Not there; the empty bucket that ended the search, where
    /// [`IdIndex::insert`] can put the complaint if the table does not grow
    /// first.
    Vacant(usize),
}

/// Complaint ids to their packed due times (see the module doc).
#[derive(Clone, Debug, Default)]
pub(super) struct IdIndex {
    hasher: RandomState,
    buckets: Vec<Bucket>,
    len: usize,
}

impl IdIndex {
    /// How many complaints the index holds.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The tag of `id`: 32 bits of its keyed hash, never [`EMPTY`].
    pub(super) fn tag(&self, id: ComplaintId) -> u32 {
        let hash = self.hasher.hash_one(id.as_uuid().as_u64_pair());
        let [b0, b1, b2, b3, ..] = hash.to_be_bytes();
        match u32::from_be_bytes([b0, b1, b2, b3]) {
            EMPTY => 1,
            tag => tag,
        }
    }

    /// The bucket a tag starts probing at: the tag scaled to the table
    /// (multiply and shift, so any table size works).
    fn home(tag: u32, capacity: usize) -> usize {
        // Below `capacity`, since `tag < 2^32`: the cast back cannot truncate.
        ((u128::from(tag) * capacity as u128) >> 32) as usize
    }

    fn next(at: usize, capacity: usize) -> usize {
        if at + 1 >= capacity { 0 } else { at + 1 }
    }

    /// Searches for the complaint tagged `tag`: `is_it(due)` confirms that
    /// a bucket with that tag holding `due` is the complaint's.
    pub(super) fn find(&self, tag: u32, mut is_it: impl FnMut(u64) -> bool) -> Probe {
        let capacity = self.buckets.len();
        if capacity == 0 {
            return Probe::Vacant(0);
        }
        let mut at = Self::home(tag, capacity);
        // The load bound leaves an empty bucket, which ends every search;
        // the count bounds it even so.
        for _ in 0..capacity {
            match self.buckets.get(at) {
                Some(bucket) if bucket.is_empty() => return Probe::Vacant(at),
                Some(bucket) if bucket.tag == tag && is_it(bucket.due()) => {
                    return Probe::Found {
                        at,
                        due: bucket.due(),
                    };
                }
                Some(_) => at = Self::next(at, capacity),
                None => break,
            }
        }
        Probe::Vacant(capacity)
    }

    /// Sets the packed due time of the complaint found at `at`.
    pub(super) fn set_due(&mut self, at: usize, due: u64) {
        if let Some(bucket) = self.buckets.get_mut(at) {
            *bucket = Bucket::new(bucket.tag, due);
        }
    }

    /// Adds a complaint that [`find`](Self::find) did not find, at the
    /// bucket it returned unless the table grows first.
    pub(super) fn insert(&mut self, tag: u32, due: u64, vacant: usize) {
        let bucket = Bucket::new(tag, due);
        let capacity = self.buckets.len();
        if (self.len + 1) * 5 > capacity * 4 {
            let mut grown = capacity.max(8);
            while (self.len + 1) * 5 > grown * 4 {
                grown += grown / 4;
            }
            self.rebuild(grown);
            self.place(bucket);
        } else {
            match self.buckets.get_mut(vacant) {
                Some(slot) if slot.is_empty() => *slot = bucket,
                _ => self.place(bucket),
            }
        }
        self.len += 1;
    }

    /// Puts a bucket in the first empty bucket from its home (the table has
    /// one).
    fn place(&mut self, bucket: Bucket) {
        let capacity = self.buckets.len();
        if capacity == 0 {
            return;
        }
        let mut at = Self::home(bucket.tag, capacity);
        for _ in 0..capacity {
            match self.buckets.get_mut(at) {
                Some(slot) if slot.is_empty() => {
                    *slot = bucket;
                    return;
                }
                Some(_) => at = Self::next(at, capacity),
                None => return,
            }
        }
    }

    /// A table of `capacity` buckets holding the same complaints.
    fn rebuild(&mut self, capacity: usize) {
        let old = std::mem::replace(&mut self.buckets, vec![Bucket::default(); capacity]);
        for bucket in old.into_iter().filter(|bucket| !bucket.is_empty()) {
            self.place(bucket);
        }
    }

    /// Removes the complaint found at `at`, shifting back the buckets after
    /// it that would otherwise be cut off from their homes.
    pub(super) fn remove(&mut self, at: usize) {
        let capacity = self.buckets.len();
        if self.buckets.get(at).is_none_or(|bucket| bucket.is_empty()) {
            return;
        }
        let mut hole = at;
        let mut next = at;
        for _ in 0..capacity {
            next = Self::next(next, capacity);
            let Some(&bucket) = self.buckets.get(next) else {
                break;
            };
            if bucket.is_empty() {
                break;
            }
            // A bucket whose home lies cyclically in (hole, next] stays: its
            // search never passes the hole.
            let its_home = Self::home(bucket.tag, capacity);
            let stays = if hole <= next {
                hole < its_home && its_home <= next
            } else {
                hole < its_home || its_home <= next
            };
            if !stays {
                if let Some(slot) = self.buckets.get_mut(hole) {
                    *slot = bucket;
                }
                hole = next;
            }
        }
        if let Some(slot) = self.buckets.get_mut(hole) {
            *slot = Bucket::default();
        }
        self.len -= 1;
        if self.len == 0 {
            self.buckets = Vec::new();
        } else if self.len * 5 < capacity && capacity > 8 {
            self.rebuild((self.len * 2).max(8));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn id(n: u128) -> ComplaintId {
        ComplaintId::from(uuid::Uuid::from_u128(n))
    }

    /// The index as a map from id to due time, the ids confirmed by a side
    /// table as the agenda's ordered index confirms them.
    struct Checked {
        index: IdIndex,
        model: HashMap<u128, u64>,
    }

    impl Checked {
        fn find(&self, n: u128) -> Probe {
            let tag = self.index.tag(id(n));
            self.index.find(tag, |due| self.model.get(&n) == Some(&due))
        }

        fn set(&mut self, n: u128, due: u64) {
            let tag = self.index.tag(id(n));
            match self.find(n) {
                Probe::Found { at, .. } => self.index.set_due(at, due),
                Probe::Vacant(at) => self.index.insert(tag, due, at),
            }
            self.model.insert(n, due);
        }

        fn remove(&mut self, n: u128) {
            if let Probe::Found { at, .. } = self.find(n) {
                self.index.remove(at);
            }
            self.model.remove(&n);
        }
    }

    /// Growing past many rebuilds, deleting most of the complaints by
    /// backward shift and shrinking, every complaint is found with its due
    /// time and no removed one is.
    #[test]
    fn the_index_finds_what_it_holds_through_growth_and_removal() {
        let mut checked = Checked {
            index: IdIndex::default(),
            model: HashMap::new(),
        };
        for n in 0..5_000_u128 {
            checked.set(n, u64::try_from(n * 7).unwrap());
        }
        for n in (0..5_000_u128).step_by(3) {
            checked.set(n, 1);
        }
        for n in (0..5_000_u128).filter(|n| n % 10 != 0) {
            checked.remove(n);
        }
        assert_eq!(checked.index.len(), 500);
        assert!(checked.index.buckets.len() < 5_000 / 4, "it shrank");
        for n in 0..5_000_u128 {
            match (checked.find(n), checked.model.get(&n)) {
                (Probe::Found { due, .. }, Some(&expected)) => assert_eq!(due, expected),
                (Probe::Vacant(_), None) => {}
                (probe, expected) => panic!("{n}: {probe:?}, expected {expected:?}"),
            }
        }
        for n in 0..5_000_u128 {
            checked.remove(n);
        }
        assert_eq!((checked.index.len(), checked.index.buckets.len()), (0, 0));
    }
}
