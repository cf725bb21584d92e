//! A4: how long a closed complaint's record is kept before it is listed
//! for erasure: the policy's retention, from receipt or from closing.

use chrono::{Duration, TimeZone, Utc};
use complaint_workflow::event::Dispute;
use complaint_workflow::policy::{PolicyError, Retention, RetentionFrom};
use complaint_workflow::{Policy, StageKind};

use super::support::{agent, ctx, last_time, record_in, start};

/// A4: the FCA preset keeps a closed complaint's record three years from
/// its receipt (DISP 1.9.1R), to the calendar day.
#[test]
fn a4_the_fca_preset_keeps_a_closed_record_three_years_from_receipt() {
    let policy = Policy::uk_fca();
    assert_eq!(
        policy.retention(),
        Some(Retention {
            years: 3,
            from: RetentionFrom::Receipt
        })
    );
    let record = record_in(StageKind::Closed);
    assert_eq!(record.closed_at(), Some(last_time(StageKind::Closed)));
    assert_eq!(
        record.retention_until(&policy),
        Some(Utc.with_ymd_and_hms(2029, 11, 23, 9, 0, 0).unwrap())
    );
    assert_eq!(
        start(),
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    );
}

/// A4: counted from the closing, the years start at the last `close`.
#[test]
fn a4_from_closing_counts_from_the_close_entry() {
    let policy = Policy::builder()
        .retention(Some(Retention {
            years: 5,
            from: RetentionFrom::Closing,
        }))
        .build()
        .expect("a policy");
    let record = record_in(StageKind::Closed);
    let closed = last_time(StageKind::Closed);
    assert_eq!(
        record.retention_until(&policy),
        Some(Utc.with_ymd_and_hms(2031, 11, 23, 10, 30, 0).unwrap())
    );
    assert_eq!(
        closed,
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 30, 0).unwrap()
    );
}

/// A4: a complaint that is not closed is never past its retention, however
/// old: still handled, waiting for its review, or reopened by a dispute.
#[test]
fn a4_a_complaint_not_closed_is_kept() {
    let policy = Policy::uk_fca();
    for stage in [
        StageKind::Accepted,
        StageKind::Executed,
        StageKind::Reviewed,
        StageKind::Referred,
    ] {
        let record = record_in(stage);
        assert_eq!(record.retention_until(&policy), None, "{stage}");
        assert_eq!(record.closed_at(), None, "{stage}");
    }
    let mut record = record_in(StageKind::Closed);
    let at = last_time(StageKind::Closed) + Duration::days(10);
    record
        .apply(
            Dispute {
                reason: "The refund never came".into(),
            },
            &ctx(agent(), at),
        )
        .expect("a dispute within the window");
    assert_eq!(record.stage(), StageKind::Accepted);
    assert_eq!(record.retention_until(&policy), None);
}

/// A4: the default policy sets no retention (the firm's legal duty is not
/// the crate's to guess), nor do the presets whose source we could not
/// confirm; a retention of no years is refused.
#[test]
fn a4_the_default_sets_no_retention_and_zero_years_is_refused() {
    let record = record_in(StageKind::Closed);
    for policy in [
        Policy::default(),
        Policy::cfpb(),
        Policy::prc_samr(),
        Policy::prc_banking_insurance(),
        Policy::payment_services(),
    ] {
        assert_eq!(policy.retention(), None);
        assert_eq!(record.retention_until(&policy), None);
    }
    assert_eq!(
        Policy::builder()
            .retention(Some(Retention {
                years: 0,
                from: RetentionFrom::Receipt
            }))
            .build(),
        Err(PolicyError::ZeroLimit {
            field: "retention.years".into()
        })
    );
}

/// A4: calendar years: from 29 February the years end on 28 February;
/// past the calendar's end there is no such instant.
#[test]
fn a4_years_are_calendar_years() {
    let retention = Retention {
        years: 1,
        from: RetentionFrom::Receipt,
    };
    let leap = Utc.with_ymd_and_hms(2028, 2, 29, 12, 0, 0).unwrap();
    assert_eq!(
        retention.until(leap, leap),
        Some(Utc.with_ymd_and_hms(2029, 2, 28, 12, 0, 0).unwrap())
    );
    let far = Retention {
        years: u32::MAX,
        from: RetentionFrom::Closing,
    };
    assert_eq!(far.until(leap, leap), None);
}
