//! [`Report`]: what the suite measured.

use std::fmt;
use std::ops::AddAssign;

/// What the suite measured.
///
/// A case that returns has checked that nothing was lost or stored twice, so
/// `lost` and `duplicated` are 0 in every report a case hands back; they
/// are counted before that check and named in its message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// How many cases ran.
    pub cases: usize,
    /// How many appends the store refused with a conflict.
    pub conflicts: u64,
    /// Notes written (acknowledged by the store) and not found afterwards.
    pub lost: u64,
    /// Notes found more often than written (and entries nobody wrote).
    pub duplicated: u64,
}

impl AddAssign for Report {
    fn add_assign(&mut self, other: Self) {
        self.cases += other.cases;
        self.conflicts += other.conflicts;
        self.lost += other.lost;
        self.duplicated += other.duplicated;
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} cases, {} conflicts, {} lost, {} duplicated",
            self.cases, self.conflicts, self.lost, self.duplicated
        )
    }
}
