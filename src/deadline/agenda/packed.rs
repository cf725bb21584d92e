//! Due times packed into one `u64` that orders as the times do: the
//! nanoseconds since the Unix epoch as an `i64`, its sign bit flipped.
//!
//! The packed range is that of an `i64` of nanoseconds,
//! 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z. A time
//! outside it, or within a leap second (chrono's nanoseconds of 1,000,000,000
//! and over, which would pack onto the next second's), has no packed form:
//! [`pack`] says so and the agenda keeps it apart.

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};

const NANOS_PER_SECOND: i128 = 1_000_000_000;

const NANOS_PER_DAY: i64 = 86_400 * 1_000_000_000;

/// Flips the sign bit: `i64` order becomes `u64` order.
const BIAS: u64 = 1 << 63;

/// The packed form of `t`, or `None` when it has none (outside the packed
/// range, or a leap second).
pub(super) fn pack(t: DateTime<Utc>) -> Option<u64> {
    let nanos = t.timestamp_subsec_nanos();
    if i128::from(nanos) >= NANOS_PER_SECOND {
        return None;
    }
    to_packed(i128::from(t.timestamp()) * NANOS_PER_SECOND + i128::from(nanos))
}

/// The time a packed value stands for (every `u64` stands for one).
pub(super) fn unpack(packed: u64) -> DateTime<Utc> {
    DateTime::from_timestamp_nanos(i64::from_ne_bytes((packed ^ BIAS).to_ne_bytes()))
}

/// Unpacks a run of packed times in order, reusing the date of the last one
/// while they fall on the same day: building a date from a day number is
/// most of what [`unpack`] costs, and the times a range yields share their
/// days.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Unpacker {
    /// The nanoseconds since the epoch at the start of the last day, and its date.
    day: Option<(i64, NaiveDate)>,
}

impl Unpacker {
    /// The time `packed` stands for, as [`unpack`] gives it.
    #[inline]
    pub(super) fn unpack(&mut self, packed: u64) -> DateTime<Utc> {
        let nanos = i64::from_ne_bytes((packed ^ BIAS).to_ne_bytes());
        if let Some((start, date)) = self.day {
            // Within the last day: a time of day, no date to build.
            if let Some(time) = nanos.checked_sub(start).and_then(time_of_day) {
                return date.and_time(time).and_utc();
            }
        }
        self.start_day(nanos, packed)
    }

    /// Unpacks `packed` in full and keeps its day.
    #[cold]
    #[inline(never)]
    fn start_day(&mut self, nanos: i64, packed: u64) -> DateTime<Utc> {
        let t = unpack(packed);
        let into_day =
            i64::from(t.num_seconds_from_midnight()) * 1_000_000_000 + i64::from(t.nanosecond());
        self.day = nanos
            .checked_sub(into_day)
            .map(|start| (start, t.date_naive()));
        t
    }
}

/// The time of day `into_day` nanoseconds after midnight, if that is within the day.
#[inline]
fn time_of_day(into_day: i64) -> Option<NaiveTime> {
    if !(0..NANOS_PER_DAY).contains(&into_day) {
        return None;
    }
    let second = u32::try_from(into_day / 1_000_000_000).ok()?;
    let nano = u32::try_from(into_day % 1_000_000_000).ok()?;
    NaiveTime::from_num_seconds_from_midnight_opt(second, nano)
}

/// Where the packed times before `t` end: `Some(p)` when a packed time is
/// before `t` exactly when it packs below `p`, `None` when every packed time
/// is before `t`.
pub(super) fn ceiling(t: DateTime<Utc>) -> Option<u64> {
    let nanos = i128::from(t.timestamp()) * NANOS_PER_SECOND;
    let subsec = i128::from(t.timestamp_subsec_nanos());
    // Within a leap second every packed time up to the second's end is
    // before `t`: the ceiling is the next second's start.
    let nanos = if subsec >= NANOS_PER_SECOND {
        nanos + NANOS_PER_SECOND
    } else {
        nanos + subsec
    };
    match to_packed(nanos) {
        Some(packed) => Some(packed),
        // Before the packed range: no packed time is before `t`.
        None if nanos < 0 => Some(0),
        None => None,
    }
}

fn to_packed(nanos: i128) -> Option<u64> {
    let nanos = i64::try_from(nanos).ok()?;
    Some(u64::from_ne_bytes(nanos.to_ne_bytes()) ^ BIAS)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate, TimeZone};

    use super::*;

    fn leap_second() -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|date| date.and_hms_nano_opt(23, 59, 59, 1_500_000_000))
            .map(|time| time.and_utc())
            .unwrap()
    }

    #[test]
    fn packing_keeps_the_order_and_round_trips() {
        let base = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let times = [
            DateTime::<Utc>::MIN_UTC + Duration::days(100_000_000),
            DateTime::from_timestamp_nanos(i64::MIN),
            DateTime::from_timestamp_nanos(-1),
            DateTime::UNIX_EPOCH,
            base,
            base + Duration::nanoseconds(1),
            DateTime::from_timestamp_nanos(i64::MAX),
        ];
        let packed: Vec<u64> = times[1..].iter().filter_map(|&t| pack(t)).collect();
        assert_eq!(packed.len(), times.len() - 1);
        assert!(packed.windows(2).all(|pair| pair[0] < pair[1]));
        for (&t, &p) in times[1..].iter().zip(&packed) {
            assert_eq!(unpack(p), t);
            assert_eq!(ceiling(t), Some(p));
        }
    }

    /// Times on one day, on the next, back on the first, at midnight and at
    /// the packed range's ends unpack as [`unpack`] unpacks them.
    #[test]
    fn the_unpacker_unpacks_as_unpack_does() {
        let base = Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap();
        let times = [
            base,
            base + Duration::nanoseconds(1),
            base + Duration::hours(23) + Duration::nanoseconds(999_999_999),
            base + Duration::days(1),
            base + Duration::days(1) - Duration::nanoseconds(1),
            base + Duration::days(3) + Duration::seconds(59),
            DateTime::from_timestamp_nanos(i64::MIN),
            DateTime::from_timestamp_nanos(i64::MIN) + Duration::hours(1),
            DateTime::from_timestamp_nanos(i64::MAX),
            DateTime::from_timestamp_nanos(i64::MAX) - Duration::hours(1),
            DateTime::from_timestamp_nanos(-1),
            DateTime::UNIX_EPOCH,
        ];
        let mut unpacker = Unpacker::default();
        for t in times {
            let packed = pack(t).unwrap();
            assert_eq!(unpacker.unpack(packed), t);
            assert_eq!(unpacker.unpack(packed), unpack(packed));
        }
    }

    #[test]
    fn times_outside_the_range_and_leap_seconds_have_no_packed_form() {
        let before = DateTime::from_timestamp_nanos(i64::MIN) - Duration::nanoseconds(1);
        let after = DateTime::from_timestamp_nanos(i64::MAX) + Duration::nanoseconds(1);
        for t in [
            DateTime::<Utc>::MIN_UTC,
            before,
            after,
            DateTime::<Utc>::MAX_UTC,
            leap_second(),
        ] {
            assert_eq!(pack(t), None, "{t}");
        }
        assert_eq!(ceiling(before), Some(0));
        assert_eq!(ceiling(DateTime::<Utc>::MIN_UTC), Some(0));
        assert_eq!(ceiling(after), None);
        assert_eq!(ceiling(DateTime::<Utc>::MAX_UTC), None);
        // Every packed time up to the leap second's end is before it.
        let next_second = Utc.with_ymd_and_hms(2017, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(ceiling(leap_second()), pack(next_second));
    }
}
