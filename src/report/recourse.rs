//! S1 with D1 and D2: how many of a category's complaints the customers
//! disputed, and how many they referred to an external body, and the rates
//! they make of the category's complaints.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::text::Ratio;
use crate::record::ComplaintRecord;
use crate::values::Category;

/// D1, D2: of one category's complaints, how many were disputed and how
/// many referred to an external body (each complaint counted once, however
/// often it was disputed or referred).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recourse {
    /// D1: the complaints whose customer disputed a final response.
    pub disputed: u64,
    /// D2: the complaints referred to an external body.
    pub referred: u64,
}

impl Recourse {
    /// One complaint's part: disputed or not, referred or not.
    pub(super) fn of(record: &ComplaintRecord) -> Self {
        Self {
            disputed: u64::from(record.dispute_count() > 0),
            referred: u64::from(record.referral_count() > 0),
        }
    }

    /// Whether neither happened.
    pub(super) fn is_none(self) -> bool {
        self.disputed == 0 && self.referred == 0
    }

    /// Both counts added.
    pub(super) fn add(self, other: Self) -> Self {
        Self {
            disputed: self.disputed + other.disputed,
            referred: self.referred + other.referred,
        }
    }
}

/// Counts `record`'s recourse into `by_category`, which holds only the
/// categories with a dispute or a referral.
pub(super) fn count(by_category: &mut BTreeMap<Category, Recourse>, record: &ComplaintRecord) {
    let recourse = Recourse::of(record);
    if recourse.is_none() {
        return;
    }
    let counted = by_category.entry(record.category().clone()).or_default();
    *counted = counted.add(recourse);
}

/// Two reports' recourse added category by category.
pub(super) fn merge(
    mut left: BTreeMap<Category, Recourse>,
    right: BTreeMap<Category, Recourse>,
) -> BTreeMap<Category, Recourse> {
    for (category, recourse) in right {
        let counted = left.entry(category).or_default();
        *counted = counted.add(recourse);
    }
    left
}

/// The share of `part` in a category of `complaints`.
pub(super) fn rate(part: u64, complaints: u64) -> Ratio {
    Ratio {
        part,
        whole: complaints,
    }
}
