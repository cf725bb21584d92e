//! The policy: the rule book's defaults (T1, T2, T4, F7), the builder's and
//! the stored form's checks, and the regulatory presets, one test per number
//! they cite, with a scenario on real dates for each.

use chrono::{DateTime, Duration, TimeZone, Utc};
use complaint_workflow::error::ExtensionError;
use complaint_workflow::{
    Category, Channel, Complainant, ComplaintRecord, Context, Policy, Severity, TransitionError,
    deadline::{DeadlineId, DeadlineKind},
    event::{Accept, ExtendDeadline},
    policy::{ExtensionLimit, PolicyError},
    time::{BusinessCalendar, TimeLimit, Zone},
};

use super::support::{agent, refuse_record, supervisor};

fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
        .unwrap()
}

fn zone(name: &str) -> Zone {
    Zone::iana(name).unwrap()
}

/// A complaint by e-mail received and accepted at `received_at` under `policy`.
fn received(policy: &Policy, received_at: DateTime<Utc>) -> ComplaintRecord {
    let accept = Accept {
        complainant: Complainant::new("customer-42"),
        received_at,
        channel: Channel::Email,
        content: "The transfer never arrived".into(),
        category: Category::new("payments"),
        severity: Severity::Medium,
    };
    ComplaintRecord::accept(accept, &Context::new(agent(), received_at, policy))
        .expect("a valid acceptance")
}

/// The due time of the complaint's deadline of `kind`.
fn due(record: &ComplaintRecord, kind: DeadlineKind) -> DateTime<Utc> {
    record
        .deadline(deadline_id(record, kind))
        .map(complaint_workflow::deadline::Deadline::due)
        .unwrap()
}

/// The number of the complaint's deadline of `kind`.
fn deadline_id(record: &ComplaintRecord, kind: DeadlineKind) -> DeadlineId {
    record
        .deadlines()
        .iter()
        .find(|deadline| deadline.kind() == kind)
        .map(complaint_workflow::deadline::Deadline::id)
        .unwrap_or_else(|| panic!("no {kind} deadline in {:?}", record.deadlines()))
}

fn extend(deadline: DeadlineId, due: DateTime<Utc>) -> ExtendDeadline {
    ExtendDeadline {
        deadline,
        due,
        reason: "A complex case: the senior manager approved more time".into(),
    }
}

fn zero(field: &str) -> PolicyError {
    PolicyError::ZeroLimit {
        field: field.to_owned(),
    }
}

// ---- Defaults and checks ------------------------------------------------------

/// The defaults are the rule book's numbers: T1 phone 3 minutes, T2 online
/// 5 minutes, T4 first contact 7 days, F7 follow-up 3 days, one extension
/// of at most 30 days; no judgment or final-response limit.
#[test]
fn policy_defaults_are_the_rule_book_numbers() {
    let policy = Policy::default();
    assert_eq!(
        policy.first_response(Channel::Phone),
        Some(TimeLimit::Minutes(3))
    );
    assert_eq!(
        policy.first_response(Channel::Online),
        Some(TimeLimit::Minutes(5))
    );
    assert_eq!(policy.first_response(Channel::Email), None);
    assert_eq!(policy.first_contact(), Some(TimeLimit::CalendarDays(7)));
    assert_eq!(policy.follow_up(), TimeLimit::CalendarDays(3));
    assert_eq!(policy.judgment(), None);
    assert_eq!(policy.final_response(), None);
    assert_eq!(policy.summary_resolution(), None);
    assert_eq!(
        policy.extensions(),
        ExtensionLimit {
            max_count: 1,
            max_beyond_original: Some(TimeLimit::CalendarDays(30)),
        }
    );
    for kind in DeadlineKind::ALL {
        let paused = matches!(
            kind,
            DeadlineKind::Judgment | DeadlineKind::Investigation | DeadlineKind::FinalResponse
        );
        assert_eq!(
            policy.pauses_while_awaiting_customer(kind),
            paused,
            "{kind}"
        );
    }
    assert_eq!(policy.calendar(), &BusinessCalendar::new(Zone::Utc));
    assert_eq!(Policy::builder().build().unwrap(), policy);
}

/// A zero time limit would be missed the moment it opens: the builder
/// refuses it, naming the value; close of business on the day itself is a
/// real limit and is accepted.
#[test]
fn policy_builder_refuses_zero_limits() {
    let cases = [
        (
            Policy::builder().first_response(Channel::Phone, TimeLimit::Minutes(0)),
            "first_response.phone",
        ),
        (
            Policy::builder().first_response(Channel::Email, TimeLimit::BusinessHours(0)),
            "first_response.email",
        ),
        (Policy::builder().judgment(TimeLimit::Hours(0)), "judgment"),
        (
            Policy::builder().final_response(TimeLimit::BusinessDays(0)),
            "final_response",
        ),
        (
            Policy::builder().summary_resolution(TimeLimit::Weeks(0)),
            "summary_resolution",
        ),
        (
            Policy::builder().first_contact(Some(TimeLimit::CalendarDays(0))),
            "first_contact",
        ),
        (
            Policy::builder().follow_up(TimeLimit::Minutes(0)),
            "follow_up",
        ),
        (
            Policy::builder().extensions(ExtensionLimit {
                max_count: 1,
                max_beyond_original: Some(TimeLimit::CalendarDays(0)),
            }),
            "extensions.max_beyond_original",
        ),
    ];
    for (builder, field) in cases {
        assert_eq!(builder.build(), Err(zero(field)), "{field}");
    }
    assert_eq!(
        Policy::builder().max_text_bytes(0).build(),
        Err(PolicyError::ZeroSize {
            field: "max_text_bytes"
        })
    );
    assert_eq!(
        Policy::builder().max_remedy_options(0).build(),
        Err(PolicyError::ZeroSize {
            field: "max_remedy_options"
        })
    );
    let same_day = Policy::builder()
        .summary_resolution(TimeLimit::CloseOfBusinessDay(0))
        .build()
        .unwrap();
    assert_eq!(
        same_day.summary_resolution(),
        Some(TimeLimit::CloseOfBusinessDay(0))
    );
    // An existing policy can be changed through its builder, with the same checks.
    assert_eq!(
        Policy::uk_fca()
            .to_builder()
            .judgment(TimeLimit::Hours(0))
            .build(),
        Err(zero("judgment"))
    );
}

/// A policy survives a JSON round trip: the default, every preset, and a
/// policy with every value changed.
#[test]
fn policy_round_trips_through_json() {
    let custom = Policy::builder()
        .first_response(Channel::Email, TimeLimit::BusinessHours(8))
        .no_first_response(Channel::Online)
        .judgment(TimeLimit::BusinessDays(5))
        .final_response(TimeLimit::Weeks(8))
        .summary_resolution(TimeLimit::CloseOfBusinessDay(3))
        .first_contact(None)
        .follow_up(TimeLimit::Hours(48))
        .paused_while_awaiting_customer([DeadlineKind::FinalResponse])
        .extensions(ExtensionLimit {
            max_count: 3,
            max_beyond_original: None,
        })
        .calendar(
            BusinessCalendar::new(zone("Asia/Shanghai"))
                .with_holiday(chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()),
        )
        .max_text_bytes(100)
        .max_remedy_options(2)
        .build()
        .unwrap();
    assert_eq!(custom.first_response(Channel::Online), None);
    for policy in [
        Policy::default(),
        Policy::cfpb(),
        Policy::uk_fca(),
        Policy::payment_services(),
        Policy::prc_banking_insurance(),
        Policy::prc_samr(),
        custom,
    ] {
        let json = serde_json::to_string(&policy).unwrap();
        assert_eq!(
            serde_json::from_str::<Policy>(&json).unwrap(),
            policy,
            "{json}"
        );
    }
}

/// A stored policy with missing values takes the defaults for them.
#[test]
fn stored_policy_missing_fields_takes_defaults() {
    assert_eq!(
        serde_json::from_str::<Policy>("{}").unwrap(),
        Policy::default()
    );
    let stored = r#"{"final_response": {"weeks": 8}, "extensions": {"max_count": 0}}"#;
    let expected = Policy::builder()
        .final_response(TimeLimit::Weeks(8))
        .extensions(ExtensionLimit {
            max_count: 0,
            max_beyond_original: None,
        })
        .build()
        .unwrap();
    assert_eq!(serde_json::from_str::<Policy>(stored).unwrap(), expected);
}

/// A stored policy is checked like a built one: a zero limit is refused on
/// load, with the value named.
#[test]
fn stored_policy_with_a_zero_limit_is_refused() {
    for (stored, field) in [
        (r#"{"judgment": {"hours": 0}}"#, "judgment"),
        (
            r#"{"first_response": {"phone": {"minutes": 0}}}"#,
            "first_response.phone",
        ),
        (r#"{"follow_up": {"calendar_days": 0}}"#, "follow_up"),
        (
            r#"{"extensions": {"max_count": 1, "max_beyond_original": {"business_days": 0}}}"#,
            "extensions.max_beyond_original",
        ),
    ] {
        let error = serde_json::from_str::<Policy>(stored).unwrap_err();
        assert!(
            error.to_string().contains(&format!("`{field}` is zero")),
            "{stored}: {error}"
        );
    }
    assert!(serde_json::from_str::<Policy>(r#"{"max_text_bytes": 0}"#).is_err());
}

// ---- UK FCA ---------------------------------------------------------------------

/// FCA DISP 1.6.2R: a final response within eight weeks.
#[test]
fn uk_fca_final_response_within_eight_weeks() {
    assert_eq!(Policy::uk_fca().final_response(), Some(TimeLimit::Weeks(8)));
}

/// FCA DISP 1.5.1R: summary resolution by close of business on the third
/// business day after the day received; not a binding deadline.
#[test]
fn uk_fca_summary_resolution_by_close_of_third_business_day() {
    assert_eq!(
        Policy::uk_fca().summary_resolution(),
        Some(TimeLimit::CloseOfBusinessDay(3))
    );
    assert!(!DeadlineKind::SummaryResolution.is_binding());
}

/// FCA: no extension of the eight weeks; the calendar is London's.
#[test]
fn uk_fca_has_no_extensions_and_a_london_calendar() {
    let policy = Policy::uk_fca();
    assert_eq!(policy.extensions().max_count, 0);
    assert_eq!(policy.calendar().zone(), zone("Europe/London"));
    assert_eq!(policy.judgment(), None);
}

/// A complaint received on Friday 2026-11-20 at 18:30 in London: the summary
/// resolution window closes at 17:00 on Wednesday 2026-11-25 (Monday,
/// Tuesday, Wednesday), the final response is due eight weeks later, on
/// 2027-01-15 at 18:30; missing the summary window is no breach, missing the
/// final response is; the final response cannot be extended.
#[test]
fn uk_fca_scenario_friday_evening_complaint() {
    let policy = Policy::uk_fca();
    let friday_evening = utc(2026, 11, 20, 18, 30); // GMT = UTC in November
    let mut record = received(&policy, friday_evening);
    assert_eq!(
        due(&record, DeadlineKind::SummaryResolution),
        utc(2026, 11, 25, 17, 0)
    );
    assert_eq!(
        due(&record, DeadlineKind::FinalResponse),
        utc(2027, 1, 15, 18, 30)
    );
    let final_response = deadline_id(&record, DeadlineKind::FinalResponse);
    let breaches = record.breaches(utc(2027, 1, 16, 18, 30));
    assert_eq!(breaches.len(), 1, "{breaches:?}");
    assert_eq!(breaches[0].deadline, final_response);
    assert_eq!(breaches[0].overdue(), Duration::days(1));

    let error = refuse_record(
        &mut record,
        extend(final_response, utc(2027, 1, 22, 18, 30)),
        &Context::new(supervisor(), utc(2026, 12, 1, 9, 0), &policy),
    );
    assert_eq!(
        error,
        TransitionError::Extension(ExtensionError::TooManyExtensions {
            deadline: final_response,
            limit: 0,
        })
    );
}

// ---- CFPB -------------------------------------------------------------------------

/// CFPB: a response within 15 calendar days.
#[test]
fn cfpb_response_within_15_calendar_days() {
    assert_eq!(Policy::cfpb().judgment(), Some(TimeLimit::CalendarDays(15)));
}

/// CFPB: a final response within 60 calendar days.
#[test]
fn cfpb_final_response_within_60_calendar_days() {
    assert_eq!(
        Policy::cfpb().final_response(),
        Some(TimeLimit::CalendarDays(60))
    );
}

/// CFPB: no extensions; the calendar is New York's.
#[test]
fn cfpb_has_no_extensions_and_a_new_york_calendar() {
    let policy = Policy::cfpb();
    assert_eq!(policy.extensions().max_count, 0);
    assert_eq!(policy.calendar().zone(), zone("America/New_York"));
}

/// A complaint received on 2026-02-27 at 10:00 EST: the response is due on
/// 2026-03-14 and the final response on 2026-04-28, both at 10:00 on the
/// wall clock, which is EDT by then.
#[test]
fn cfpb_scenario_across_daylight_saving() {
    let policy = Policy::cfpb();
    let record = received(&policy, utc(2026, 2, 27, 15, 0)); // 10:00 EST
    assert_eq!(
        due(&record, DeadlineKind::Judgment),
        utc(2026, 3, 14, 14, 0)
    );
    assert_eq!(
        due(&record, DeadlineKind::FinalResponse),
        utc(2026, 4, 28, 14, 0)
    );
}

// ---- Payment services -------------------------------------------------------------

/// PSD2 Art. 101(2): a reply within 15 business days.
#[test]
fn payment_services_reply_within_15_business_days() {
    assert_eq!(
        Policy::payment_services().final_response(),
        Some(TimeLimit::BusinessDays(15))
    );
}

/// PSD2 Art. 101(2): in exceptional situations, one extension, to at most
/// 35 business days in all (20 past the original 15).
#[test]
fn payment_services_one_extension_to_35_business_days() {
    assert_eq!(
        Policy::payment_services().extensions(),
        ExtensionLimit {
            max_count: 1,
            max_beyond_original: Some(TimeLimit::BusinessDays(20)),
        }
    );
}

/// A complaint received on Monday 2026-11-23 at 10:00: the reply is due on
/// Monday 2026-12-14 (15 business days); it may be extended once, to Monday
/// 2027-01-11 at the latest (35 business days), not a second later, and not twice.
#[test]
fn payment_services_scenario_extension_to_35_business_days() {
    let policy = Policy::payment_services();
    let monday = utc(2026, 11, 23, 10, 0);
    let mut record = received(&policy, monday);
    let reply = deadline_id(&record, DeadlineKind::FinalResponse);
    assert_eq!(
        due(&record, DeadlineKind::FinalResponse),
        utc(2026, 12, 14, 10, 0)
    );
    let latest = utc(2027, 1, 11, 10, 0);
    assert_eq!(
        policy.calendar().add_business_days(monday, 35).unwrap(),
        latest
    );

    let at = utc(2026, 12, 10, 9, 0);
    let too_far = latest + Duration::seconds(1);
    let error = refuse_record(
        &mut record,
        extend(reply, too_far),
        &Context::new(supervisor(), at, &policy),
    );
    assert_eq!(
        error,
        TransitionError::Extension(ExtensionError::ExtensionTooFar {
            deadline: reply,
            due: too_far,
            latest,
        })
    );
    record
        .apply(
            extend(reply, latest),
            &Context::new(supervisor(), at, &policy),
        )
        .unwrap();
    assert_eq!(due(&record, DeadlineKind::FinalResponse), latest);
    let error = refuse_record(
        &mut record,
        extend(reply, latest + Duration::days(1)),
        &Context::new(supervisor(), at, &policy),
    );
    assert_eq!(
        error,
        TransitionError::Extension(ExtensionError::TooManyExtensions {
            deadline: reply,
            limit: 1,
        })
    );
}

// ---- PRC banking and insurance --------------------------------------------------

/// CBIRC Order 2020 No. 3: a handling decision within 15 days.
#[test]
fn prc_banking_insurance_decision_within_15_days() {
    assert_eq!(
        Policy::prc_banking_insurance().final_response(),
        Some(TimeLimit::CalendarDays(15))
    );
    assert_eq!(
        Policy::prc_banking_insurance().calendar().zone(),
        zone("Asia/Shanghai")
    );
}

/// CBIRC Order 2020 No. 3: complex cases to 30 days, especially complex ones
/// 30 more: two extensions, together at most 45 days past the original 15.
#[test]
fn prc_banking_insurance_two_extensions_within_45_days() {
    assert_eq!(
        Policy::prc_banking_insurance().extensions(),
        ExtensionLimit {
            max_count: 2,
            max_beyond_original: Some(TimeLimit::CalendarDays(45)),
        }
    );
}

/// A complaint received on 2026-11-23 at 10:00 in Shanghai: the decision is
/// due on 2026-12-08; extended to 30 days (2026-12-23) and then to 60 days
/// (2027-01-22), not a second past that, and not a third time.
#[test]
fn prc_banking_insurance_scenario_extended_to_60_days() {
    let policy = Policy::prc_banking_insurance();
    let received_at = utc(2026, 11, 23, 2, 0); // 10:00 CST
    let mut record = received(&policy, received_at);
    let decision = deadline_id(&record, DeadlineKind::FinalResponse);
    assert_eq!(
        due(&record, DeadlineKind::FinalResponse),
        utc(2026, 12, 8, 2, 0)
    );
    let supervisor_at = |at| Context::new(supervisor(), at, &policy);
    record
        .apply(
            extend(decision, utc(2026, 12, 23, 2, 0)),
            &supervisor_at(utc(2026, 12, 1, 2, 0)),
        )
        .unwrap();
    let latest = utc(2027, 1, 22, 2, 0);
    let too_far = latest + Duration::seconds(1);
    let error = refuse_record(
        &mut record,
        extend(decision, too_far),
        &supervisor_at(utc(2026, 12, 20, 2, 0)),
    );
    assert_eq!(
        error,
        TransitionError::Extension(ExtensionError::ExtensionTooFar {
            deadline: decision,
            due: too_far,
            latest,
        })
    );
    record
        .apply(
            extend(decision, latest),
            &supervisor_at(utc(2026, 12, 20, 2, 0)),
        )
        .unwrap();
    assert_eq!(due(&record, DeadlineKind::FinalResponse), latest);
    assert_eq!(record.deadline(decision).unwrap().extensions(), 2);
    let error = refuse_record(
        &mut record,
        extend(decision, latest + Duration::days(1)),
        &supervisor_at(utc(2027, 1, 20, 2, 0)),
    );
    assert_eq!(
        error,
        TransitionError::Extension(ExtensionError::TooManyExtensions {
            deadline: decision,
            limit: 2,
        })
    );
}

// ---- PRC SAMR -------------------------------------------------------------------

/// SAMR Order No. 20: the decision to accept a complaint within 7 working days.
#[test]
fn prc_samr_decision_within_7_business_days() {
    let policy = Policy::prc_samr();
    assert_eq!(policy.judgment(), Some(TimeLimit::BusinessDays(7)));
    assert_eq!(policy.calendar().zone(), zone("Asia/Shanghai"));
}

/// A complaint received on Friday 2026-11-20 at 10:00 in Shanghai: judged by
/// Tuesday 2026-12-01 at 10:00 (seven working days); with 2026-11-25 a
/// holiday, by Wednesday 2026-12-02.
#[test]
fn prc_samr_scenario_seven_working_days() {
    let policy = Policy::prc_samr();
    let friday = utc(2026, 11, 20, 2, 0); // 10:00 CST
    let record = received(&policy, friday);
    assert_eq!(due(&record, DeadlineKind::Judgment), utc(2026, 12, 1, 2, 0));

    let with_holiday = policy
        .to_builder()
        .calendar(
            policy
                .calendar()
                .clone()
                .with_holiday(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
        )
        .build()
        .unwrap();
    let record = received(&with_holiday, friday);
    assert_eq!(due(&record, DeadlineKind::Judgment), utc(2026, 12, 2, 2, 0));
}
