//! [`Zone`]: the time zone a calendar or a customer's quiet hours are read in,
//! and how a local wall-clock time becomes an instant across daylight-saving
//! changes.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// A time zone: UTC, a fixed offset, or (with the `tz` feature, on by
/// default) an IANA zone that follows daylight-saving time.
///
/// Stored as text: `"UTC"`, `"+08:00"`, `"-05:30"`, `"Europe/London"`.
///
/// # Local times that do not exist or exist twice
///
/// [`Zone::resolve`] turns a wall-clock time into an instant the way most
/// calendars do (RFC 5545, jiff's "compatible" mode):
///
/// - a time inside a spring-forward gap is moved forward by the gap:
///   02:30 on 2026-03-08 in `America/New_York` does not exist and becomes
///   03:30 EDT (07:30 UTC); 01:30 on 2026-03-29 in `Europe/London` becomes
///   02:30 BST (01:30 UTC);
/// - a time repeated by a fall-back change takes its first occurrence:
///   01:30 on 2026-11-01 in `America/New_York` is 01:30 EDT (05:30 UTC), not
///   01:30 EST.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Zone {
    /// Coordinated Universal Time.
    Utc,
    /// A fixed offset from UTC, without daylight-saving time.
    Fixed(FixedOffset),
    /// An IANA zone such as `Asia/Shanghai`.
    #[cfg(feature = "tz")]
    Iana(chrono_tz::Tz),
}

/// A zone name that is neither `UTC`, an offset like `+08:00`, nor a known IANA zone.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
// The text given is quoted and escaped (`str::escape_debug`): a name with a
// control character or a quote stays on one line and readable.
#[error(
    "unknown time zone \"{}\": expected \"UTC\", an offset like \"+08:00\"{iana}",
    .found.escape_debug()
)]
pub struct UnknownZone {
    /// The text that was given.
    pub found: String,
    iana: &'static str,
}

impl Zone {
    /// A fixed offset east of UTC, in seconds; `None` outside ±24 hours.
    #[must_use]
    pub fn fixed(offset_seconds: i32) -> Option<Self> {
        FixedOffset::east_opt(offset_seconds).map(Zone::Fixed)
    }

    /// An IANA zone by name, such as `"America/New_York"`.
    ///
    /// # Errors
    ///
    /// [`UnknownZone`] when the name is not in the IANA database.
    #[cfg(feature = "tz")]
    pub fn iana(name: &str) -> Result<Self, UnknownZone> {
        chrono_tz::Tz::from_str(name)
            .map(Zone::Iana)
            .map_err(|_| unknown(name))
    }

    /// The wall-clock time in this zone at `instant`.
    #[must_use]
    ///
    /// At the very ends of the supported dates, where the local time would
    /// lie beyond them, the UTC wall time is returned instead of panicking.
    pub fn to_local(self, instant: DateTime<Utc>) -> NaiveDateTime {
        let utc = instant.naive_utc();
        utc.checked_add_offset(self.offset_at(instant))
            .unwrap_or(utc)
    }

    /// The offset from UTC in force at `instant`.
    #[must_use]
    pub fn offset_at(self, instant: DateTime<Utc>) -> FixedOffset {
        // Only an IANA zone's offset depends on the instant.
        #[cfg(not(feature = "tz"))]
        let _ = instant;
        match self {
            Zone::Utc => Utc.fix(),
            Zone::Fixed(offset) => offset,
            #[cfg(feature = "tz")]
            Zone::Iana(tz) => tz.offset_from_utc_datetime(&instant.naive_utc()).fix(),
        }
    }

    /// The instant of the wall-clock time `local`, like
    /// [`resolve`](Self::resolve), but of a repeated wall time the first
    /// occurrence not before `earliest`: counting on from an instant in the
    /// second occurrence of a repeated hour never lands before it.
    #[must_use]
    pub fn resolve_not_before(
        self,
        local: NaiveDateTime,
        earliest: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        let first = self.resolve(local)?;
        if first >= earliest {
            return Some(first);
        }
        // A repeated wall time read with the later offset, when that lands
        // in the second occurrence at or after `earliest`.
        let later = local
            .checked_sub_offset(self.offset_at(earliest))?
            .and_utc();
        if later >= earliest && self.to_local(later) == local {
            Some(later)
        } else {
            Some(first)
        }
    }

    /// The instant of the wall-clock time `local` in this zone; see the type's
    /// docs for gaps and repeats. `None` only outside chrono's range of dates.
    #[must_use]
    pub fn resolve(self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self {
            Zone::Utc => Some(local.and_utc()),
            Zone::Fixed(offset) => resolve_in(&offset, local),
            #[cfg(feature = "tz")]
            Zone::Iana(tz) => resolve_in(&tz, local),
        }
    }
}

fn resolve_in<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(instant) | LocalResult::Ambiguous(instant, _) => {
            Some(instant.with_timezone(&Utc))
        }
        LocalResult::None => {
            // A gap: read the wall time with the offset in force before the
            // change (a day earlier), which lands after the gap by its length.
            let before = local.checked_sub_signed(TimeDelta::days(1))?;
            let offset = tz.offset_from_local_datetime(&before).earliest()?.fix();
            local.checked_sub_offset(offset).map(|utc| utc.and_utc())
        }
    }
}

/// `±hh:mm` or `±hh:mm:ss` in seconds east of UTC.
fn parse_offset(text: &str) -> Option<i32> {
    let (sign, rest) = match text.split_at_checked(1)? {
        ("+", rest) => (1, rest),
        ("-", rest) => (-1, rest),
        _ => return None,
    };
    let field = |part: &str, max: i32| -> Option<i32> {
        if part.len() != 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse::<i32>().ok().filter(|&n| n <= max)
    };
    let parts: Vec<&str> = rest.split(':').collect();
    let (hours, minutes, seconds) = match parts.as_slice() {
        [hours, minutes] => (field(hours, 23)?, field(minutes, 59)?, 0),
        [hours, minutes, seconds] => (field(hours, 23)?, field(minutes, 59)?, field(seconds, 59)?),
        _ => return None,
    };
    Some(sign * (hours * 3600 + minutes * 60 + seconds))
}

fn unknown(found: &str) -> UnknownZone {
    UnknownZone {
        found: found.to_owned(),
        iana: if cfg!(feature = "tz") {
            " or an IANA zone like \"Asia/Shanghai\""
        } else {
            " (IANA names need the `tz` feature)"
        },
    }
}

impl FromStr for Zone {
    type Err = UnknownZone;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text == "UTC" || text == "Z" {
            return Ok(Zone::Utc);
        }
        if text.starts_with(['+', '-']) {
            return parse_offset(text)
                .and_then(FixedOffset::east_opt)
                .map(Zone::Fixed)
                .ok_or_else(|| unknown(text));
        }
        #[cfg(feature = "tz")]
        {
            Zone::iana(text)
        }
        #[cfg(not(feature = "tz"))]
        {
            Err(unknown(text))
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Utc => f.write_str("UTC"),
            Zone::Fixed(offset) => {
                let seconds = offset.local_minus_utc();
                let sign = if seconds < 0 { '-' } else { '+' };
                let abs = seconds.unsigned_abs();
                let (hours, minutes, rest) = (abs / 3600, abs % 3600 / 60, abs % 60);
                if rest == 0 {
                    write!(f, "{sign}{hours:02}:{minutes:02}")
                } else {
                    write!(f, "{sign}{hours:02}:{minutes:02}:{rest:02}")
                }
            }
            #[cfg(feature = "tz")]
            Zone::Iana(tz) => f.write_str(tz.name()),
        }
    }
}

impl TryFrom<String> for Zone {
    type Error = UnknownZone;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Zone::from_str(&value)
    }
}

impl From<Zone> for String {
    fn from(zone: Zone) -> Self {
        zone.to_string()
    }
}
