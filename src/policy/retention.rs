//! [`Retention`]: how long a complaint's record is kept before it may be
//! erased (A4), counted in calendar years from its receipt or its closing.

use chrono::{DateTime, Months, Utc};
use serde::{Deserialize, Serialize};

/// A4: how long a closed complaint's record is kept, in calendar years from
/// a starting point; after that it is listed for erasure (the redaction of
/// its personal texts and of its contact details).
///
/// Years, not days: the rules that set a retention say years, and a year
/// from 29 February ends on 28 February. Only a closed complaint (R7) is
/// ever past its retention: one still handled, waiting for its review or
/// reopened by a dispute is kept whatever its age.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use complaint_workflow::policy::{Retention, RetentionFrom};
///
/// let fca = Retention { years: 3, from: RetentionFrom::Receipt };
/// let received = Utc.with_ymd_and_hms(2024, 2, 29, 10, 0, 0).unwrap();
/// let closed = Utc.with_ymd_and_hms(2024, 4, 2, 16, 0, 0).unwrap();
/// assert_eq!(
///     fca.until(received, closed),
///     Some(Utc.with_ymd_and_hms(2027, 2, 28, 10, 0, 0).unwrap())
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// How many calendar years the record is kept (at least 1).
    pub years: u32,
    /// What the years are counted from.
    pub from: RetentionFrom,
}

/// A4: what a [`Retention`] counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetentionFrom {
    /// The complaint's receipt (`received_at` of its intake), as FCA DISP
    /// 1.9.1R counts.
    Receipt,
    /// The complaint's closing (R7): the time of the `close` entry that
    /// closed it last.
    Closing,
}

impl Retention {
    /// A4: the first instant the record of a complaint received at
    /// `received_at` and closed at `closed_at` is past this retention:
    /// the starting point plus [`years`](Self::years) calendar years (the
    /// last day of the month when that day does not exist). `None` when
    /// that is past the calendar's end (never).
    #[must_use]
    pub fn until(
        &self,
        received_at: DateTime<Utc>,
        closed_at: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        let start = match self.from {
            RetentionFrom::Receipt => received_at,
            RetentionFrom::Closing => closed_at,
        };
        start.checked_add_months(Months::new(self.years.checked_mul(12)?))
    }
}
