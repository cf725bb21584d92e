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

/// Spring forward in New York (2026-03-08 02:00 EST → 03:00 EDT): 02:30 does
/// not exist and is moved forward by the gap, to 03:30 EDT.
#[test]
fn zone_moves_a_time_in_the_new_york_spring_forward_gap_forward() {
    let zone = new_york();
    let instant = zone.resolve(local(2026, 3, 8, 2, 30)).unwrap();
    assert_eq!(instant, utc(2026, 3, 8, 7, 30));
    assert_eq!(zone.to_local(instant), local(2026, 3, 8, 3, 30));
    assert_eq!(zone.offset_at(instant), hours_east(-4));
    // Just before the gap, the offset is still EST.
    let before = zone.resolve(local(2026, 3, 8, 1, 59)).unwrap();
    assert_eq!(before, utc(2026, 3, 8, 6, 59));
    assert_eq!(zone.offset_at(before), hours_east(-5));
}

/// Fall back in New York (2026-11-01 02:00 EDT → 01:00 EST): 01:30 happens
/// twice and resolves to its first occurrence, 01:30 EDT (05:30 UTC).
#[test]
fn zone_takes_the_first_occurrence_of_a_repeated_new_york_time() {
    let zone = new_york();
    let first = zone.resolve(local(2026, 11, 1, 1, 30)).unwrap();
    assert_eq!(first, utc(2026, 11, 1, 5, 30));
    assert_eq!(zone.offset_at(first), hours_east(-4));
    // The second occurrence exists as an instant and reads as the same wall time.
    let second = first + Duration::hours(1);
    assert_eq!(zone.to_local(second), local(2026, 11, 1, 1, 30));
    assert_eq!(zone.offset_at(second), hours_east(-5));
}

/// Spring forward in London (2026-03-29 01:00 GMT → 02:00 BST): 01:30 becomes
/// 02:30 BST (01:30 UTC).
#[test]
fn zone_moves_a_time_in_the_london_spring_forward_gap_forward() {
    let zone = london();
    let instant = zone.resolve(local(2026, 3, 29, 1, 30)).unwrap();
    assert_eq!(instant, utc(2026, 3, 29, 1, 30));
    assert_eq!(zone.to_local(instant), local(2026, 3, 29, 2, 30));
    assert_eq!(zone.offset_at(instant), hours_east(1));
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

// ---- Calendar days across daylight-saving changes ------------------------

/// One calendar day after 02:30 EST on 2026-03-07 is 02:30 on 2026-03-08,
/// which does not exist: it lands at 03:30 EDT. One day after 09:00 EST is
/// 09:00 EDT, 23 hours later.
#[test]
fn calendar_day_across_the_new_york_spring_forward_keeps_the_wall_time() {
    let calendar = BusinessCalendar::new(new_york());
    let start = new_york().resolve(local(2026, 3, 7, 2, 30)).unwrap();
    assert_eq!(start, utc(2026, 3, 7, 7, 30));
    let due = calendar.add_calendar_days(start, 1).unwrap();
    assert_eq!(due, utc(2026, 3, 8, 7, 30));
    assert_eq!(new_york().to_local(due), local(2026, 3, 8, 3, 30));

    let nine = utc(2026, 3, 7, 14, 0); // 09:00 EST
    let due = calendar.add_calendar_days(nine, 1).unwrap();
    assert_eq!(due, utc(2026, 3, 8, 13, 0)); // 09:00 EDT
    assert_eq!(due - nine, Duration::hours(23));
    assert_eq!(
        TimeLimit::CalendarDays(1).due(nine, &calendar).unwrap(),
        due
    );
}

/// Across the New York fall back, one calendar day is 25 hours, and a
/// repeated wall time lands on its first occurrence (EDT).
#[test]
fn calendar_day_across_the_new_york_fall_back_keeps_the_wall_time() {
    let calendar = BusinessCalendar::new(new_york());
    let nine = utc(2026, 10, 31, 13, 0); // Saturday 09:00 EDT
    let due = calendar.add_calendar_days(nine, 1).unwrap();
    assert_eq!(due, utc(2026, 11, 1, 14, 0)); // Sunday 09:00 EST
    assert_eq!(due - nine, Duration::hours(25));

    let half_past_one = utc(2026, 10, 31, 5, 30); // 01:30 EDT
    let due = calendar.add_calendar_days(half_past_one, 1).unwrap();
    assert_eq!(due, utc(2026, 11, 1, 5, 30)); // 01:30 EDT, the first occurrence
    assert_eq!(new_york().offset_at(due), hours_east(-4));

    // Weeks are seven calendar days at the same wall time.
    let due = TimeLimit::Weeks(1).due(nine, &calendar).unwrap();
    assert_eq!(due, utc(2026, 11, 7, 14, 0)); // Saturday 09:00 EST
}

// ---- Business days across daylight-saving changes ------------------------

/// Business days keep the wall time across the New York spring forward:
/// Friday 2026-03-06 10:00 EST plus one business day is Monday 10:00 EDT.
#[test]
fn business_days_across_the_new_york_spring_forward_keep_the_wall_time() {
    let calendar = BusinessCalendar::new(new_york());
    let friday = utc(2026, 3, 6, 15, 0); // 10:00 EST
    let monday = calendar.add_business_days(friday, 1).unwrap();
    assert_eq!(monday, utc(2026, 3, 9, 14, 0)); // 10:00 EDT
    assert_eq!(new_york().to_local(monday), local(2026, 3, 9, 10, 0));
    let next_friday = calendar.add_business_days(friday, 5).unwrap();
    assert_eq!(next_friday, utc(2026, 3, 13, 14, 0));
    assert_eq!(
        TimeLimit::BusinessDays(5).due(friday, &calendar).unwrap(),
        next_friday
    );
}

/// Business days keep the wall time across the New York fall back: Friday
/// 2026-10-30 10:00 EDT plus one business day is Monday 10:00 EST.
#[test]
fn business_days_across_the_new_york_fall_back_keep_the_wall_time() {
    let calendar = BusinessCalendar::new(new_york());
    let friday = utc(2026, 10, 30, 14, 0); // 10:00 EDT
    let monday = calendar.add_business_days(friday, 1).unwrap();
    assert_eq!(monday, utc(2026, 11, 2, 15, 0)); // 10:00 EST
    assert_eq!(new_york().to_local(monday), local(2026, 11, 2, 10, 0));
}

/// Business days and close of business across the London spring forward
/// (2026-03-29): Friday 09:30 GMT plus one business day is Monday 09:30 BST.
#[test]
fn business_days_across_the_london_spring_forward_keep_the_wall_time() {
    let calendar = BusinessCalendar::new(london());
    let friday = utc(2026, 3, 27, 9, 30); // 09:30 GMT
    assert_eq!(
        calendar.add_business_days(friday, 1).unwrap(),
        utc(2026, 3, 30, 8, 30) // 09:30 BST
    );
    assert_eq!(
        calendar.close_of_business_day(friday, 1).unwrap(),
        utc(2026, 3, 30, 16, 0) // 17:00 BST
    );
}

/// Business hours count wall-clock working hours across the change:
/// Friday 2026-03-06 16:00 EST plus two business hours is Monday 10:00 EDT.
#[test]
fn business_hours_across_the_new_york_spring_forward_count_working_hours() {
    let calendar = BusinessCalendar::new(new_york());
    let friday = utc(2026, 3, 6, 21, 0); // 16:00 EST
    assert_eq!(
        calendar.add_business_hours(friday, 2).unwrap(),
        utc(2026, 3, 9, 14, 0) // 10:00 EDT
    );
}

/// Days are counted in the calendar's zone, not in UTC: Friday 2026-11-20
/// 20:00 UTC is already Saturday 04:00 at +08:00, so one business day later
/// is Monday 04:00 there (Sunday 20:00 UTC).
#[test]
fn business_days_are_counted_in_the_calendar_zone() {
    let calendar = BusinessCalendar::new(Zone::fixed(8 * 3600).unwrap());
    let start = utc(2026, 11, 20, 20, 0);
    assert_eq!(
        calendar.add_business_days(start, 1).unwrap(),
        utc(2026, 11, 22, 20, 0)
    );
    assert_eq!(
        BusinessCalendar::new(Zone::Utc)
            .add_business_days(start, 1)
            .unwrap(),
        utc(2026, 11, 23, 20, 0)
    );
}

// ---- Holidays and extra working dates ------------------------------------

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

/// A holiday on a weekday is skipped: Thursday 2026-12-24 10:00 plus one
/// business day, with Christmas (Friday) a holiday, is Monday 2026-12-28.
#[test]
fn holiday_on_a_weekday_is_skipped() {
    let calendar = BusinessCalendar::new(Zone::Utc).with_holiday(date(2026, 12, 25));
    let thursday = utc(2026, 12, 24, 10, 0);
    assert!(!calendar.is_working_day(date(2026, 12, 25)));
    assert!(calendar.is_working_day(date(2026, 12, 24)));
    assert_eq!(
        calendar.add_business_days(thursday, 1).unwrap(),
        utc(2026, 12, 28, 10, 0)
    );
    // Thursday 16:00 plus two business hours: one on Thursday, one on Monday.
    assert_eq!(
        calendar
            .add_business_hours(utc(2026, 12, 24, 16, 0), 2)
            .unwrap(),
        utc(2026, 12, 28, 10, 0)
    );
    assert_eq!(
        calendar.close_of_business_day(thursday, 1).unwrap(),
        utc(2026, 12, 28, 17, 0)
    );
    assert_eq!(
        calendar.holidays().collect::<Vec<_>>(),
        [date(2026, 12, 25)]
    );
}

/// A weekend date worked in exchange for a holiday (調休) counts as a
/// business day: Saturday 2026-10-10 in Asia/Shanghai.
#[test]
fn extra_working_date_counts_as_a_business_day() {
    let calendar = BusinessCalendar::new(Zone::iana("Asia/Shanghai").unwrap())
        .with_working_date(date(2026, 10, 10));
    assert!(calendar.is_working_day(date(2026, 10, 10)));
    assert!(!calendar.is_working_day(date(2026, 10, 11)));
    let friday = utc(2026, 10, 9, 2, 0); // 10:00 CST
    assert_eq!(
        calendar.add_business_days(friday, 1).unwrap(),
        utc(2026, 10, 10, 2, 0)
    );
    assert_eq!(
        calendar.add_business_days(friday, 2).unwrap(),
        utc(2026, 10, 12, 2, 0)
    );
}

/// A working week of one day counts one business day a week.
#[test]
fn single_working_weekday_counts_weeks() {
    let calendar = BusinessCalendar::new(Zone::Utc).with_working_days([Weekday::Wed]);
    assert_eq!(calendar.working_days().collect::<Vec<_>>(), [Weekday::Wed]);
    let monday = utc(2026, 11, 23, 10, 0);
    assert_eq!(
        calendar.add_business_days(monday, 1).unwrap(),
        utc(2026, 11, 25, 10, 0)
    );
    assert_eq!(
        calendar.add_business_days(monday, 3).unwrap(),
        utc(2026, 12, 9, 10, 0)
    );
}

// ---- Working hours and close of business ---------------------------------

/// A business-hours limit that starts outside working hours starts counting
/// at the next opening; the result is always inside working hours.
#[test]
fn business_hours_starting_outside_working_hours_start_at_the_next_opening() {
    let calendar = BusinessCalendar::new(Zone::Utc);
    let monday_eleven = utc(2026, 11, 23, 11, 0);
    for start in [
        utc(2026, 11, 21, 10, 0),  // Saturday
        utc(2026, 11, 20, 18, 30), // Friday after closing
        utc(2026, 11, 20, 17, 0),  // Friday at closing
        utc(2026, 11, 23, 7, 0),   // Monday before opening
    ] {
        assert_eq!(
            calendar.add_business_hours(start, 2).unwrap(),
            monday_eleven,
            "two business hours from {start}"
        );
        assert_eq!(
            TimeLimit::BusinessHours(2).due(start, &calendar).unwrap(),
            monday_eleven
        );
    }
    // Inside working hours, the hours run on, over the closing.
    assert_eq!(
        calendar
            .add_business_hours(utc(2026, 11, 23, 16, 0), 2)
            .unwrap(),
        utc(2026, 11, 24, 10, 0)
    );
    assert_eq!(
        calendar
            .add_business_hours(utc(2026, 11, 23, 10, 0), 16)
            .unwrap(),
        utc(2026, 11, 25, 10, 0)
    );
    // A full day from the opening ends at the closing, not the next opening.
    assert_eq!(
        calendar
            .add_business_hours(utc(2026, 11, 23, 9, 0), 8)
            .unwrap(),
        utc(2026, 11, 23, 17, 0)
    );
}

/// Working hours other than the default are honoured.
#[test]
fn business_hours_use_the_calendar_hours() {
    let calendar = BusinessCalendar::new(Zone::Utc)
        .with_hours(time(8, 30), time(12, 0))
        .unwrap();
    assert_eq!(calendar.hours(), (time(8, 30), time(12, 0)));
    // Monday 11:00 plus two hours: one until 12:00, one from 08:30 on Tuesday.
    assert_eq!(
        calendar
            .add_business_hours(utc(2026, 11, 23, 11, 0), 2)
            .unwrap(),
        utc(2026, 11, 24, 9, 30)
    );
    assert_eq!(
        calendar
            .close_of_business_day(utc(2026, 11, 23, 11, 0), 1)
            .unwrap(),
        utc(2026, 11, 24, 12, 0)
    );
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

/// UK FCA DISP 1.5: close of business on the n-th business day after the
/// day received; zero days is the close of the day itself when it is a
/// working day, else of the next working day.
#[test]
fn close_of_business_day_counts_the_days_after_the_day_received() {
    let calendar = BusinessCalendar::new(london());
    // Friday 2026-11-20 18:30: Monday, Tuesday, Wednesday → Wednesday 17:00 GMT.
    let friday_evening = utc(2026, 11, 20, 18, 30);
    assert_eq!(
        calendar.close_of_business_day(friday_evening, 3).unwrap(),
        utc(2026, 11, 25, 17, 0)
    );
    assert_eq!(
        TimeLimit::CloseOfBusinessDay(3)
            .due(friday_evening, &calendar)
            .unwrap(),
        utc(2026, 11, 25, 17, 0)
    );
    // Zero days on a working day: its own close, even before opening.
    assert_eq!(
        calendar
            .close_of_business_day(utc(2026, 11, 23, 8, 0), 0)
            .unwrap(),
        utc(2026, 11, 23, 17, 0)
    );
    // Zero days on a Saturday: Monday's close.
    assert_eq!(
        calendar
            .close_of_business_day(utc(2026, 11, 21, 12, 0), 0)
            .unwrap(),
        utc(2026, 11, 23, 17, 0)
    );
    // A holiday is not a business day.
    let with_holiday = calendar.clone().with_holiday(date(2026, 11, 24));
    assert_eq!(
        with_holiday
            .close_of_business_day(friday_evening, 3)
            .unwrap(),
        utc(2026, 11, 26, 17, 0)
    );
}

/// A close-of-business limit never falls before its start: a due time
/// before the start would be missed the moment it opens, and a history that
/// records it does not replay ("a deadline is due before it starts").
#[test]
fn close_of_business_day_zero_after_closing_is_not_before_the_start() {
    let calendar = BusinessCalendar::new(Zone::Utc);
    let monday_evening = utc(2026, 11, 23, 18, 0);
    let due = calendar.close_of_business_day(monday_evening, 0).unwrap();
    assert!(
        due >= monday_evening,
        "due {due} is before the start {monday_evening}"
    );
    assert_eq!(due, utc(2026, 11, 24, 17, 0));
}

// ---- Time limits ---------------------------------------------------------

/// Each limit says how it counts time, and only non-close limits of zero are zero.
#[test]
fn time_limit_clock_and_zero() {
    for limit in [
        TimeLimit::Minutes(3),
        TimeLimit::Hours(1),
        TimeLimit::CalendarDays(7),
        TimeLimit::Weeks(8),
    ] {
        assert_eq!(limit.counting(), Counting::Calendar, "{limit}");
    }
    for limit in [
        TimeLimit::BusinessDays(15),
        TimeLimit::BusinessHours(8),
        TimeLimit::CloseOfBusinessDay(3),
    ] {
        assert_eq!(limit.counting(), Counting::Business, "{limit}");
    }
    assert!(TimeLimit::Minutes(0).is_zero());
    assert!(TimeLimit::BusinessDays(0).is_zero());
    assert!(!TimeLimit::Minutes(1).is_zero());
    assert!(!TimeLimit::CloseOfBusinessDay(0).is_zero());
    assert_eq!(
        serde_json::to_string(&TimeLimit::BusinessDays(15)).unwrap(),
        r#"{"business_days":15}"#
    );
    assert_eq!(
        TimeLimit::Minutes(3)
            .due(utc(2026, 11, 23, 9, 0), &BusinessCalendar::default())
            .unwrap(),
        utc(2026, 11, 23, 9, 3)
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

/// A time limit reads in words, as a policy screen or an error shows it,
/// and says which clock it counts on.
#[test]
fn time_limits_read_in_words() {
    let cases = [
        (TimeLimit::Minutes(3), "3 minutes", Counting::Calendar),
        (TimeLimit::Hours(4), "4 hours", Counting::Calendar),
        (
            TimeLimit::CalendarDays(15),
            "15 calendar days",
            Counting::Calendar,
        ),
        (TimeLimit::Weeks(8), "8 weeks", Counting::Calendar),
        (
            TimeLimit::BusinessDays(7),
            "7 business days",
            Counting::Business,
        ),
        (
            TimeLimit::BusinessHours(8),
            "8 business hours",
            Counting::Business,
        ),
        (
            TimeLimit::CloseOfBusinessDay(3),
            "close of business day 3",
            Counting::Business,
        ),
    ];
    for (limit, words, clock) in cases {
        assert_eq!(limit.to_string(), words);
        assert_eq!(limit.counting(), clock, "{limit}");
    }
}
