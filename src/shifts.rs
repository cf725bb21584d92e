//! E5: who is on shift, and which open complaints are left with an owner who
//! is not: the application passes its roster in.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::record::ComplaintRecord;
use crate::values::ActorId;
use crate::values::ComplaintId;

/// Who is on shift when: the application's roster.
pub trait Roster {
    /// Whether `actor` is on shift at `at`.
    fn is_on_shift(&self, actor: &ActorId, at: DateTime<Utc>) -> bool;
}

/// A shift: from its start (inclusive) to its end (exclusive).
type Shift = (DateTime<Utc>, DateTime<Utc>);

/// A roster as a list of shifts per staff member.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShiftRoster {
    shifts: BTreeMap<ActorId, Vec<Shift>>,
}

impl ShiftRoster {
    /// An empty roster.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a shift from `start` (inclusive) to `end` (exclusive).
    #[must_use]
    pub fn with_shift(
        mut self,
        actor: impl Into<ActorId>,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Self {
        self.shifts
            .entry(actor.into())
            .or_default()
            .push((start, end));
        self
    }
}

impl Roster for ShiftRoster {
    fn is_on_shift(&self, actor: &ActorId, at: DateTime<Utc>) -> bool {
        self.shifts
            .get(actor)
            .is_some_and(|shifts| shifts.iter().any(|&(start, end)| start <= at && at < end))
    }
}

/// E5 下班前務必把正在接待的顧客處理完畢,如需下班,需要轉交給接班的同事: the
/// open complaints whose owner is off shift at `now`, left without a handover.
///
/// Complaints owned by a department or a role's queue (no named owner) are
/// not listed: nobody went off shift with them.
pub fn left_without_handover<'a>(
    records: impl IntoIterator<Item = &'a ComplaintRecord>,
    roster: &impl Roster,
    now: DateTime<Utc>,
) -> Vec<ComplaintId> {
    records
        .into_iter()
        .filter(|record| record.stage().is_open())
        .filter(|record| {
            record
                .owner()
                .is_some_and(|owner| !roster.is_on_shift(owner, now))
        })
        .map(ComplaintRecord::id)
        .collect()
}
