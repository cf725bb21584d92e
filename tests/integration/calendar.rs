//! Zones and the business calendar: daylight-saving changes on real dates
//! (America/New_York and Europe/London in 2026), holidays, working hours,
//! close of business, and calendars that have no answer (no working weekday,
//! results out of range), which must fail fast instead of looping.

use std::sync::mpsc;
use std::thread;
use std::time::Duration as StdDuration;

use chrono::{
    DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};
use complaint_workflow::time::{BusinessCalendar, CalendarError, Counting, TimeLimit, Zone};

fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
        .unwrap()
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn local(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> NaiveDateTime {
    date(year, month, day).and_hms_opt(hour, minute, 0).unwrap()
}

fn time(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap()
}

fn new_york() -> Zone {
    Zone::iana("America/New_York").unwrap()
}

fn london() -> Zone {
    Zone::iana("Europe/London").unwrap()
}

fn hours_east(hours: i32) -> FixedOffset {
    FixedOffset::east_opt(hours * 3600).unwrap()
}

/// Runs `work` on its own thread and fails the test if it takes longer than
/// `seconds`: a calendar computation that loops forever fails instead of
/// hanging the test binary.
fn within_seconds<T: Send + 'static>(seconds: u64, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        // The receiver is gone only after a timeout, which already fails the test.
        let _ = sender.send(work());
    });
    receiver
        .recv_timeout(StdDuration::from_secs(seconds))
        .unwrap_or_else(|_| panic!("the calendar computation took more than {seconds} s"))
}

// ---- Zone: gaps and repeated times ---------------------------------------

/// Wall times and instants across the daylight-saving changes of 2026.
/// Spring forward in New York (2026-03-08 02:00 EST → 03:00 EDT): 02:30 does
/// not exist and is moved forward by the gap, to 03:30 EDT; just before the
/// gap the offset is still EST. Fall back in New York (2026-11-01 02:00 EDT →
/// 01:00 EST): 01:30 happens twice and resolves to its first occurrence,
/// 01:30 EDT (05:30 UTC); the second occurrence exists as an instant and
/// reads as the same wall time. Spring forward in London (2026-03-29 01:00
/// GMT → 02:00 BST): 01:30 becomes 02:30 BST (01:30 UTC). The due times of
/// [`due_times_across_daylight_saving_zones_holidays_and_hours`] read as the
/// wall times they keep. (No rule ID: the calendar tests cite none.)
#[test]
fn zone_resolves_and_reads_wall_times_across_daylight_saving() {
    // A row resolves `wall` (when given) to `instant`, which reads as `reads`
    // at the UTC offset `offset` (hours).
    #[rustfmt::skip]
    let rows = [
        // case                                        zone        wall                             instant                  reads                      offset
        ("New York gap: 02:30 moves to 03:30 EDT",     new_york(), Some(local(2026, 3, 8, 2, 30)),  utc(2026, 3, 8, 7, 30),  local(2026, 3, 8, 3, 30),  -4),
        ("New York just before the gap: EST",          new_york(), Some(local(2026, 3, 8, 1, 59)),  utc(2026, 3, 8, 6, 59),  local(2026, 3, 8, 1, 59),  -5),
        ("New York the day before: 02:30 EST",         new_york(), Some(local(2026, 3, 7, 2, 30)),  utc(2026, 3, 7, 7, 30),  local(2026, 3, 7, 2, 30),  -5),
        ("New York Monday after the gap: 10:00 EDT",   new_york(), None,                            utc(2026, 3, 9, 14, 0),  local(2026, 3, 9, 10, 0),  -4),
        ("New York fall back: first 01:30, EDT",       new_york(), Some(local(2026, 11, 1, 1, 30)), utc(2026, 11, 1, 5, 30), local(2026, 11, 1, 1, 30), -4),
        ("New York fall back: second 01:30, EST",      new_york(), None,                            utc(2026, 11, 1, 6, 30), local(2026, 11, 1, 1, 30), -5),
        ("New York Monday after fall back: 10:00 EST", new_york(), None,                            utc(2026, 11, 2, 15, 0), local(2026, 11, 2, 10, 0), -5),
        ("London gap: 01:30 moves to 02:30 BST",       london(),   Some(local(2026, 3, 29, 1, 30)), utc(2026, 3, 29, 1, 30), local(2026, 3, 29, 2, 30), 1),
    ];
    for (case, zone, wall, instant, reads, offset) in rows {
        if let Some(wall) = wall {
            assert_eq!(zone.resolve(wall).unwrap(), instant, "{case}");
        }
        assert_eq!(zone.to_local(instant), reads, "{case}");
        assert_eq!(zone.offset_at(instant), hours_east(offset), "{case}");
    }
}

/// A zone is stored as its text: `UTC`, an offset, or an IANA name; anything
/// else is refused.
#[test]
fn zone_is_stored_as_text_and_unknown_names_are_refused() {
    for (text, zone) in [
        ("UTC", Zone::Utc),
        ("+08:00", Zone::fixed(8 * 3600).unwrap()),
        ("-05:30", Zone::fixed(-(5 * 3600 + 30 * 60)).unwrap()),
        ("Europe/London", london()),
    ] {
        assert_eq!(text.parse::<Zone>().unwrap(), zone);
        assert_eq!(zone.to_string(), text);
        let json = serde_json::to_string(&zone).unwrap();
        assert_eq!(json, format!("\"{text}\""));
        assert_eq!(serde_json::from_str::<Zone>(&json).unwrap(), zone);
    }
    assert_eq!("Z".parse::<Zone>().unwrap(), Zone::Utc);
    let unknown = "Mars/Olympus_Mons".parse::<Zone>().unwrap_err();
    assert_eq!(unknown.found, "Mars/Olympus_Mons");
    assert!(Zone::iana("Europe/Londres").is_err());
    assert!(serde_json::from_str::<Zone>("\"+25:00\"").is_err());
    assert_eq!(Zone::fixed(25 * 3600), None);
}

// ---- Due times --------------------------------------------------------

/// How a row of [`due_times_across_daylight_saving_zones_holidays_and_hours`]
/// counts from its start: by one of the calendar's methods, or by a time limit.
#[derive(Clone, Copy, Debug)]
enum By {
    CalendarDays(u32),
    BusinessDays(u32),
    BusinessHours(u32),
    CloseOfBusinessDay(u32),
    Limit(TimeLimit),
}

impl By {
    fn due(self, calendar: &BusinessCalendar, start: DateTime<Utc>) -> DateTime<Utc> {
        let due = match self {
            By::CalendarDays(n) => calendar.add_calendar_days(start, n),
            By::BusinessDays(n) => calendar.add_business_days(start, n),
            By::BusinessHours(n) => calendar.add_business_hours(start, n),
            By::CloseOfBusinessDay(n) => calendar.close_of_business_day(start, n),
            By::Limit(limit) => limit.due(start, calendar),
        };
        due.unwrap_or_else(|error| panic!("{self:?} from {start}: {error}"))
    }
}

/// Due times, in the calendar's zone, kept at the wall time across the
/// daylight-saving changes, skipping weekends and holidays, counting extra
/// working dates and only working hours, and closing at the close of
/// business. Each row names its case; the groups of rows are the old tests,
/// and the comment above each group says what it shows. No due time falls
/// before its start. (No rule ID: the calendar tests cite none; the close
/// of business is the UK FCA's DISP 1.5.)
#[test]
fn due_times_across_daylight_saving_zones_holidays_and_hours() {
    use By::{BusinessDays, BusinessHours, CalendarDays, CloseOfBusinessDay, Limit};
    let ny = BusinessCalendar::new(new_york());
    let uk = BusinessCalendar::new(london());
    let utc_weekdays = BusinessCalendar::new(Zone::Utc);
    let plus_8 = BusinessCalendar::new(Zone::fixed(8 * 3600).unwrap());
    let christmas = BusinessCalendar::new(Zone::Utc).with_holiday(date(2026, 12, 25));
    let shanghai_10_10 = BusinessCalendar::new(Zone::iana("Asia/Shanghai").unwrap())
        .with_working_date(date(2026, 10, 10));
    let wednesdays = BusinessCalendar::new(Zone::Utc).with_working_days([Weekday::Wed]);
    let mornings = BusinessCalendar::new(Zone::Utc)
        .with_hours(time(8, 30), time(12, 0))
        .unwrap();
    let uk_holiday = uk.clone().with_holiday(date(2026, 11, 24));
    let default = BusinessCalendar::default();
    // `hours`: how many hours after the start the due time is, where that
    // is the point of the row.
    #[rustfmt::skip]
    let rows = [
        // case                                                   calendar         start                      by                                       due                       hours
        // One calendar day after 02:30 EST on 2026-03-07 is 02:30 on 2026-03-08,
        // which does not exist: it lands at 03:30 EDT. One day after 09:00 EST
        // is 09:00 EDT, 23 hours later.
        ("NY spring: a day from 02:30 EST",                       &ny,             utc(2026, 3, 7, 7, 30),    CalendarDays(1),                         utc(2026, 3, 8, 7, 30),   None),
        ("NY spring: a day from 09:00 EST",                       &ny,             utc(2026, 3, 7, 14, 0),    CalendarDays(1),                         utc(2026, 3, 8, 13, 0),   Some(23)),
        ("NY spring: the limit of one calendar day",              &ny,             utc(2026, 3, 7, 14, 0),    Limit(TimeLimit::CalendarDays(1)),       utc(2026, 3, 8, 13, 0),   None),
        // Across the New York fall back, one calendar day is 25 hours, and a
        // repeated wall time lands on its first occurrence (EDT); weeks are
        // seven calendar days at the same wall time.
        ("NY fall back: a day from Saturday 09:00 EDT",           &ny,             utc(2026, 10, 31, 13, 0),  CalendarDays(1),                         utc(2026, 11, 1, 14, 0),  Some(25)),
        ("NY fall back: a day from 01:30 EDT",                    &ny,             utc(2026, 10, 31, 5, 30),  CalendarDays(1),                         utc(2026, 11, 1, 5, 30),  None),
        ("NY fall back: a week from Saturday 09:00",              &ny,             utc(2026, 10, 31, 13, 0),  Limit(TimeLimit::Weeks(1)),              utc(2026, 11, 7, 14, 0),  None),
        // Business days keep the wall time across the New York spring
        // forward: Friday 2026-03-06 10:00 EST plus one business day is
        // Monday 10:00 EDT; and across the fall back, Friday 2026-10-30
        // 10:00 EDT plus one is Monday 10:00 EST.
        ("NY spring: a business day from Friday 10:00",           &ny,             utc(2026, 3, 6, 15, 0),    BusinessDays(1),                         utc(2026, 3, 9, 14, 0),   None),
        ("NY spring: five business days from Friday",             &ny,             utc(2026, 3, 6, 15, 0),    BusinessDays(5),                         utc(2026, 3, 13, 14, 0),  None),
        ("NY spring: the limit of five business days",            &ny,             utc(2026, 3, 6, 15, 0),    Limit(TimeLimit::BusinessDays(5)),       utc(2026, 3, 13, 14, 0),  None),
        ("NY fall back: a business day from Friday",              &ny,             utc(2026, 10, 30, 14, 0),  BusinessDays(1),                         utc(2026, 11, 2, 15, 0),  None),
        // Business days and close of business across the London spring
        // forward (2026-03-29): Friday 09:30 GMT plus one business day is
        // Monday 09:30 BST.
        ("London spring: a business day from Friday",             &uk,             utc(2026, 3, 27, 9, 30),   BusinessDays(1),                         utc(2026, 3, 30, 8, 30),  None),
        ("London spring: close of business day 1",                &uk,             utc(2026, 3, 27, 9, 30),   CloseOfBusinessDay(1),                   utc(2026, 3, 30, 16, 0),  None),
        // Business hours count wall-clock working hours across the change:
        // Friday 2026-03-06 16:00 EST plus two is Monday 10:00 EDT.
        ("NY spring: two business hours from Friday 16:00",       &ny,             utc(2026, 3, 6, 21, 0),    BusinessHours(2),                        utc(2026, 3, 9, 14, 0),   None),
        // Days are counted in the calendar's zone, not in UTC: Friday
        // 2026-11-20 20:00 UTC is already Saturday 04:00 at +08:00, so one
        // business day later is Monday 04:00 there (Sunday 20:00 UTC).
        ("+08:00: a business day from Friday 20:00 UTC",          &plus_8,         utc(2026, 11, 20, 20, 0),  BusinessDays(1),                         utc(2026, 11, 22, 20, 0), None),
        ("UTC: a business day from Friday 20:00 UTC",             &utc_weekdays,   utc(2026, 11, 20, 20, 0),  BusinessDays(1),                         utc(2026, 11, 23, 20, 0), None),
        // A holiday on a weekday is skipped: Thursday 2026-12-24 10:00 plus
        // one business day, with Christmas (Friday) a holiday, is Monday
        // 2026-12-28; Thursday 16:00 plus two business hours is one hour on
        // Thursday and one on Monday.
        ("Christmas: a business day from Thursday",               &christmas,      utc(2026, 12, 24, 10, 0),  BusinessDays(1),                         utc(2026, 12, 28, 10, 0), None),
        ("Christmas: two business hours from Thursday 16:00",     &christmas,      utc(2026, 12, 24, 16, 0),  BusinessHours(2),                        utc(2026, 12, 28, 10, 0), None),
        ("Christmas: close of business day 1",                    &christmas,      utc(2026, 12, 24, 10, 0),  CloseOfBusinessDay(1),                   utc(2026, 12, 28, 17, 0), None),
        // A weekend date worked in exchange for a holiday (調休) counts as a
        // business day: Saturday 2026-10-10 in Asia/Shanghai.
        ("Shanghai: a business day from Friday is Saturday",      &shanghai_10_10, utc(2026, 10, 9, 2, 0),    BusinessDays(1),                         utc(2026, 10, 10, 2, 0),  None),
        ("Shanghai: two business days from Friday",               &shanghai_10_10, utc(2026, 10, 9, 2, 0),    BusinessDays(2),                         utc(2026, 10, 12, 2, 0),  None),
        // A working week of one day counts one business day a week.
        ("Wednesdays: a business day from Monday",                &wednesdays,     utc(2026, 11, 23, 10, 0),  BusinessDays(1),                         utc(2026, 11, 25, 10, 0), None),
        ("Wednesdays: three business days from Monday",           &wednesdays,     utc(2026, 11, 23, 10, 0),  BusinessDays(3),                         utc(2026, 12, 9, 10, 0),  None),
        // A business-hours limit that starts outside working hours starts
        // counting at the next opening; the result is always inside working
        // hours. Inside working hours, the hours run on, over the closing; a
        // full day from the opening ends at the closing, not the next opening.
        ("two business hours from Saturday",                      &utc_weekdays,   utc(2026, 11, 21, 10, 0),  BusinessHours(2),                        utc(2026, 11, 23, 11, 0), None),
        ("the limit of two business hours from Saturday",         &utc_weekdays,   utc(2026, 11, 21, 10, 0),  Limit(TimeLimit::BusinessHours(2)),      utc(2026, 11, 23, 11, 0), None),
        ("two business hours from Friday after closing",          &utc_weekdays,   utc(2026, 11, 20, 18, 30), BusinessHours(2),                        utc(2026, 11, 23, 11, 0), None),
        ("the limit from Friday after closing",                   &utc_weekdays,   utc(2026, 11, 20, 18, 30), Limit(TimeLimit::BusinessHours(2)),      utc(2026, 11, 23, 11, 0), None),
        ("two business hours from Friday at closing",             &utc_weekdays,   utc(2026, 11, 20, 17, 0),  BusinessHours(2),                        utc(2026, 11, 23, 11, 0), None),
        ("the limit from Friday at closing",                      &utc_weekdays,   utc(2026, 11, 20, 17, 0),  Limit(TimeLimit::BusinessHours(2)),      utc(2026, 11, 23, 11, 0), None),
        ("two business hours from Monday before opening",         &utc_weekdays,   utc(2026, 11, 23, 7, 0),   BusinessHours(2),                        utc(2026, 11, 23, 11, 0), None),
        ("the limit from Monday before opening",                  &utc_weekdays,   utc(2026, 11, 23, 7, 0),   Limit(TimeLimit::BusinessHours(2)),      utc(2026, 11, 23, 11, 0), None),
        ("two business hours from Monday 16:00",                  &utc_weekdays,   utc(2026, 11, 23, 16, 0),  BusinessHours(2),                        utc(2026, 11, 24, 10, 0), None),
        ("16 business hours from Monday 10:00",                   &utc_weekdays,   utc(2026, 11, 23, 10, 0),  BusinessHours(16),                       utc(2026, 11, 25, 10, 0), None),
        ("8 business hours from the opening",                     &utc_weekdays,   utc(2026, 11, 23, 9, 0),   BusinessHours(8),                        utc(2026, 11, 23, 17, 0), None),
        // Working hours other than the default are honoured: Monday 11:00
        // plus two hours is one until 12:00 and one from 08:30 on Tuesday.
        ("08:30-12:00: two business hours from Monday 11:00",     &mornings,       utc(2026, 11, 23, 11, 0),  BusinessHours(2),                        utc(2026, 11, 24, 9, 30), None),
        ("08:30-12:00: close of business day 1",                  &mornings,       utc(2026, 11, 23, 11, 0),  CloseOfBusinessDay(1),                   utc(2026, 11, 24, 12, 0), None),
        // UK FCA DISP 1.5: close of business on the n-th business day after
        // the day received; zero days is the close of the day itself when it
        // is a working day (even before opening), else of the next working
        // day; a holiday is not a business day. Friday 2026-11-20 18:30:
        // Monday, Tuesday, Wednesday → Wednesday 17:00 GMT.
        ("DISP 1.5: close of business day 3 from Friday evening", &uk,             utc(2026, 11, 20, 18, 30), CloseOfBusinessDay(3),                   utc(2026, 11, 25, 17, 0), None),
        ("DISP 1.5: the limit of close of business day 3",        &uk,             utc(2026, 11, 20, 18, 30), Limit(TimeLimit::CloseOfBusinessDay(3)), utc(2026, 11, 25, 17, 0), None),
        ("DISP 1.5: day 0 on a working day before opening",       &uk,             utc(2026, 11, 23, 8, 0),   CloseOfBusinessDay(0),                   utc(2026, 11, 23, 17, 0), None),
        ("DISP 1.5: day 0 on a Saturday is Monday's close",       &uk,             utc(2026, 11, 21, 12, 0),  CloseOfBusinessDay(0),                   utc(2026, 11, 23, 17, 0), None),
        ("DISP 1.5: day 3 with a holiday on Tuesday",             &uk_holiday,     utc(2026, 11, 20, 18, 30), CloseOfBusinessDay(3),                   utc(2026, 11, 26, 17, 0), None),
        // A close-of-business limit never falls before its start: a due time
        // before the start would be missed the moment it opens, and a history
        // that records it does not replay ("a deadline is due before it starts").
        ("day 0 after closing is the next day's close",           &utc_weekdays,   utc(2026, 11, 23, 18, 0),  CloseOfBusinessDay(0),                   utc(2026, 11, 24, 17, 0), None),
        // A calendar-time limit needs no calendar at all.
        ("three minutes on the default calendar",                 &default,        utc(2026, 11, 23, 9, 0),   Limit(TimeLimit::Minutes(3)),            utc(2026, 11, 23, 9, 3),  None),
    ];
    for (case, calendar, start, by, due, hours) in rows {
        let got = by.due(calendar, start);
        assert_eq!(got, due, "{case}");
        assert!(
            got >= start,
            "{case}: due {got} is before the start {start}"
        );
        if let Some(hours) = hours {
            assert_eq!(got - start, Duration::hours(hours), "{case}");
        }
    }
}

// ---- Holidays, extra working dates, working hours ------------------------

/// A holiday on a weekend changes nothing: Saturday 2026-12-26 and Sunday
/// 2026-12-27 as holidays give the same business days, hours and closes as
/// no holidays at all.
#[test]
fn holiday_on_a_weekend_has_no_effect() {
    let plain = BusinessCalendar::new(london());
    let with_weekend_holidays = plain
        .clone()
        .with_holidays([date(2026, 12, 26), date(2026, 12, 27)]);
    for day in 0..10 {
        let start = utc(2026, 12, 21, 10, 0) + Duration::days(day);
        for n in 0..8 {
            assert_eq!(
                with_weekend_holidays.add_business_days(start, n),
                plain.add_business_days(start, n),
                "{n} business days from {start}"
            );
            assert_eq!(
                with_weekend_holidays.add_business_hours(start, n * 3),
                plain.add_business_hours(start, n * 3),
                "{} business hours from {start}",
                n * 3
            );
            assert_eq!(
                with_weekend_holidays.close_of_business_day(start, n),
                plain.close_of_business_day(start, n),
                "close of business day {n} from {start}"
            );
        }
    }
}

/// Which days are working days: a holiday on a weekday is not (Christmas
/// 2026, a Friday); a weekend date worked in exchange for a holiday (調休)
/// is (Saturday 2026-10-10 in Asia/Shanghai), the Sunday after it is not. A
/// calendar reports the holidays, working weekdays and hours it was given.
/// (No rule ID: the calendar tests cite none.)
#[test]
fn working_days_follow_weekdays_holidays_and_extra_dates() {
    let christmas = BusinessCalendar::new(Zone::Utc).with_holiday(date(2026, 12, 25));
    let shanghai_10_10 = BusinessCalendar::new(Zone::iana("Asia/Shanghai").unwrap())
        .with_working_date(date(2026, 10, 10));
    #[rustfmt::skip]
    let rows = [
        // case                                     calendar         date                working
        ("Christmas, a holiday on a Friday",        &christmas,      date(2026, 12, 25), false),
        ("the Thursday before Christmas",           &christmas,      date(2026, 12, 24), true),
        ("Saturday 2026-10-10, worked in Shanghai", &shanghai_10_10, date(2026, 10, 10), true),
        ("Sunday 2026-10-11 in Shanghai",           &shanghai_10_10, date(2026, 10, 11), false),
    ];
    for (case, calendar, date, working) in rows {
        assert_eq!(calendar.is_working_day(date), working, "{case}");
    }

    assert_eq!(
        christmas.holidays().collect::<Vec<_>>(),
        [date(2026, 12, 25)]
    );
    let wednesdays = BusinessCalendar::new(Zone::Utc).with_working_days([Weekday::Wed]);
    assert_eq!(
        wednesdays.working_days().collect::<Vec<_>>(),
        [Weekday::Wed]
    );
    let mornings = BusinessCalendar::new(Zone::Utc)
        .with_hours(time(8, 30), time(12, 0))
        .unwrap();
    assert_eq!(mornings.hours(), (time(8, 30), time(12, 0)));
}

/// Hours that close before they open are refused.
#[test]
fn working_hours_must_open_before_they_close() {
    let calendar = BusinessCalendar::new(Zone::Utc);
    assert_eq!(
        calendar.clone().with_hours(time(17, 0), time(9, 0)),
        Err(CalendarError::InvalidHours {
            opens: time(17, 0),
            closes: time(9, 0)
        })
    );
    assert!(calendar.with_hours(time(9, 0), time(9, 0)).is_err());
    let stored = r#"{"zone":"UTC","working_days":["Mon"],"opens":"17:00:00","closes":"09:00:00","holidays":[]}"#;
    assert!(serde_json::from_str::<BusinessCalendar>(stored).is_err());
}

// ---- Time limits ---------------------------------------------------------

/// A time limit says which clock it counts on, whether it is zero (only
/// non-close limits of zero are), and reads in words, as a policy screen or
/// an error shows it; it is stored as its kind and number. (No rule ID: the
/// calendar tests cite none.)
#[test]
fn time_limits_clock_zero_and_words() {
    use Counting::{Business, Calendar};
    // `words`: how the limit reads, for the limits whose words are checked.
    #[rustfmt::skip]
    let rows = [
        // limit                           clock     zero   words
        (TimeLimit::Minutes(3),            Calendar, false, Some("3 minutes")),
        (TimeLimit::Minutes(1),            Calendar, false, None),
        (TimeLimit::Minutes(0),            Calendar, true,  None),
        (TimeLimit::Hours(1),              Calendar, false, None),
        (TimeLimit::Hours(4),              Calendar, false, Some("4 hours")),
        (TimeLimit::CalendarDays(7),       Calendar, false, None),
        (TimeLimit::CalendarDays(15),      Calendar, false, Some("15 calendar days")),
        (TimeLimit::Weeks(8),              Calendar, false, Some("8 weeks")),
        (TimeLimit::BusinessDays(15),      Business, false, None),
        (TimeLimit::BusinessDays(7),       Business, false, Some("7 business days")),
        (TimeLimit::BusinessDays(0),       Business, true,  None),
        (TimeLimit::BusinessHours(8),      Business, false, Some("8 business hours")),
        (TimeLimit::CloseOfBusinessDay(3), Business, false, Some("close of business day 3")),
        (TimeLimit::CloseOfBusinessDay(0), Business, false, None),
    ];
    for (limit, clock, zero, words) in rows {
        assert_eq!(limit.counting(), clock, "{limit:?}");
        assert_eq!(limit.is_zero(), zero, "{limit:?}");
        if let Some(words) = words {
            assert_eq!(limit.to_string(), words, "{limit:?}");
        }
    }
    assert_eq!(
        serde_json::to_string(&TimeLimit::BusinessDays(15)).unwrap(),
        r#"{"business_days":15}"#
    );
}

/// A calendar survives a JSON round trip, with its holidays and extra working dates.
#[test]
fn calendar_round_trips_through_json() {
    let calendar = BusinessCalendar::new(Zone::iana("Asia/Shanghai").unwrap())
        .with_working_days([Weekday::Mon, Weekday::Tue, Weekday::Sat])
        .with_hours(time(8, 30), time(18, 0))
        .unwrap()
        .with_holiday(date(2026, 10, 1))
        .with_working_date(date(2026, 10, 11));
    let json = serde_json::to_string(&calendar).unwrap();
    assert!(json.contains(r#""zone":"Asia/Shanghai""#), "{json}");
    assert_eq!(
        serde_json::from_str::<BusinessCalendar>(&json).unwrap(),
        calendar
    );
}

// ---- No answer, fast ------------------------------------------------------

/// A calendar without a working weekday has no business days: every
/// business-time computation fails with `NoWorkingDays`, at once.
#[test]
fn empty_working_week_is_an_error_not_a_hang() {
    let results = within_seconds(10, || {
        let calendar = BusinessCalendar::new(Zone::Utc).with_working_days([]);
        let start = utc(2026, 11, 23, 10, 0);
        (
            calendar.working_days().count(),
            [
                calendar.add_business_days(start, 1),
                calendar.add_business_hours(start, 1),
                calendar.add_business_hours(start, 0),
                calendar.close_of_business_day(start, 0),
                calendar.close_of_business_day(start, 3),
                TimeLimit::BusinessDays(15).due(start, &calendar),
                TimeLimit::BusinessHours(8).due(start, &calendar),
                TimeLimit::CloseOfBusinessDay(3).due(start, &calendar),
            ],
            calendar.add_calendar_days(start, 1),
        )
    });
    let (working_days, business, calendar_day) = results;
    assert_eq!(working_days, 0);
    for (index, result) in business.into_iter().enumerate() {
        assert_eq!(
            result,
            Err(CalendarError::NoWorkingDays),
            "computation {index}"
        );
    }
    // Calendar days need no working day.
    assert_eq!(calendar_day, Ok(utc(2026, 11, 24, 10, 0)));
}

/// Huge limits end with `OutOfRange`, quickly, whatever the calendar.
#[test]
fn huge_values_are_out_of_range_not_a_hang() {
    let results = within_seconds(30, || {
        let start = utc(2026, 11, 23, 10, 0);
        let weekdays = BusinessCalendar::new(new_york());
        // Only one extra working date and no working weekday: after it no
        // business day ever comes.
        let one_date = BusinessCalendar::new(Zone::Utc)
            .with_working_days([])
            .with_working_date(date(2026, 11, 28));
        vec![
            ("business days", weekdays.add_business_days(start, u32::MAX)),
            (
                "business hours",
                weekdays.add_business_hours(start, u32::MAX),
            ),
            (
                "close of business",
                weekdays.close_of_business_day(start, u32::MAX),
            ),
            ("calendar days", weekdays.add_calendar_days(start, u32::MAX)),
            ("weeks", TimeLimit::Weeks(u32::MAX).due(start, &weekdays)),
            ("hours", TimeLimit::Hours(u32::MAX).due(start, &weekdays)),
            (
                "business days, one date",
                one_date.add_business_days(start, 2),
            ),
            (
                "business hours, one date",
                one_date.add_business_hours(start, 9),
            ),
            (
                "close of business, one date",
                one_date.close_of_business_day(start, 2),
            ),
        ]
    });
    for (what, result) in results {
        assert_eq!(result, Err(CalendarError::OutOfRange), "{what}");
    }
    // The one extra date itself is still found.
    let one_date = BusinessCalendar::new(Zone::Utc)
        .with_working_days([])
        .with_working_date(date(2026, 11, 28));
    assert_eq!(
        one_date.add_business_days(utc(2026, 11, 23, 10, 0), 1),
        Ok(utc(2026, 11, 28, 10, 0))
    );
}
