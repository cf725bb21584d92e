//! [`QuietHours`]: the customer's rest time (F4), read on the customer's own
//! wall clock, and the first moment outside it.

use std::fmt;

use chrono::{DateTime, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::time::Zone;

/// F4 避免在客戶休息時打擾客戶: the hours in which a customer is never
/// contacted, on the customer's own wall clock.
///
/// `from` is the first quiet minute, `until` the first minute one may call
/// again; the span may cross midnight (21:00 to 09:00, the default). Equal
/// times mean no quiet hours at all.
///
/// # Example
///
/// ```
/// use chrono::{NaiveTime, TimeZone, Utc};
/// use complaint_workflow::time::{QuietHours, Zone};
///
/// let quiet = QuietHours::default(); // 21:00 to 09:00
/// let shanghai = Zone::fixed(8 * 3600).unwrap();
/// // 14:30 UTC is 22:30 in Shanghai: the first moment to call is 09:00 there.
/// let after = Utc.with_ymd_and_hms(2026, 11, 23, 14, 30, 0).unwrap();
/// let slot = quiet.next_contact_time(after, shanghai).unwrap();
/// assert_eq!(slot, Utc.with_ymd_and_hms(2026, 11, 24, 1, 0, 0).unwrap());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QuietHours {
    /// The first quiet minute.
    pub from: NaiveTime,
    /// The first minute one may call again.
    pub until: NaiveTime,
}

impl Default for QuietHours {
    /// 21:00 to 09:00.
    fn default() -> Self {
        Self {
            from: NaiveTime::from_hms_opt(21, 0, 0).unwrap_or(NaiveTime::MIN),
            until: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

impl QuietHours {
    /// Quiet from `from` until `until` (crossing midnight when `until` is earlier).
    #[must_use]
    pub const fn new(from: NaiveTime, until: NaiveTime) -> Self {
        Self { from, until }
    }

    /// Whether the wall-clock time `time` is quiet.
    #[must_use]
    pub fn contains(&self, time: NaiveTime) -> bool {
        if self.from <= self.until {
            self.from <= time && time < self.until
        } else {
            time >= self.from || time < self.until
        }
    }

    /// Whether `instant` is quiet for a customer in `zone`.
    #[must_use]
    pub fn is_quiet_at(&self, instant: DateTime<Utc>, zone: Zone) -> bool {
        self.contains(zone.to_local(instant).time())
    }

    /// The first instant at or after `after` that is not quiet in `zone`.
    ///
    /// When the quiet hours end at a wall time that a daylight-saving change
    /// skips, the end moves forward by the gap (see [`Zone::resolve`]), which is
    /// still outside the quiet hours. `None` only beyond the supported dates.
    #[must_use]
    pub fn next_contact_time(&self, after: DateTime<Utc>, zone: Zone) -> Option<DateTime<Utc>> {
        let local = zone.to_local(after);
        if !self.contains(local.time()) {
            return Some(after);
        }
        // Quiet now: the quiet span ends at `until` today, or tomorrow when the
        // span crossed midnight and we are in its evening part.
        let date = if self.from > self.until && local.time() >= self.from {
            local.date().succ_opt()?
        } else {
            local.date()
        };
        let end = zone.resolve(NaiveDateTime::new(date, self.until))?;
        // A resolved end can land in the quiet span again only in a zone whose
        // wall clock repeats the hour around `until` (a fall-back change); step
        // past it minute by minute, at most a day.
        let mut slot = end.max(after);
        for _ in 0..(24 * 60) {
            if !self.is_quiet_at(slot, zone) {
                return Some(slot);
            }
            slot = slot.checked_add_signed(TimeDelta::minutes(1))?;
        }
        None
    }
}

impl fmt::Display for QuietHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}–{}",
            self.from.format("%H:%M"),
            self.until.format("%H:%M")
        )
    }
}
