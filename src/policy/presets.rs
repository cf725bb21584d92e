//! Regulatory presets: [`Policy`] constructors whose numbers come from a
//! regulation, each cited.
//!
//! Public holidays change every year and are not included: the PRC market
//! regulation preset ([`Policy::prc_samr`]) shows how to add a year's holiday
//! file to a preset's calendar (W7).

use super::Settings;
use crate::policy::{ExtensionLimit, Policy, Retention, RetentionFrom};
use crate::time::{BusinessCalendar, TimeLimit, Zone};

/// The zone `name`, or the fixed offset (in hours) without the `tz` feature.
fn zone(name: &str, offset_hours: i32) -> Zone {
    #[cfg(feature = "tz")]
    if let Ok(zone) = Zone::iana(name) {
        return zone;
    }
    let _ = name;
    Zone::fixed(offset_hours * 3600).unwrap_or(Zone::Utc)
}

impl Policy {
    /// US Consumer Financial Protection Bureau: a company responds to a
    /// complaint within **15 calendar days** and, where that response says
    /// the matter is in progress, gives its final response within **60
    /// calendar days**.
    ///
    /// Source: CFPB, "Learn how the complaint process works"
    /// (consumerfinance.gov/complaint/process). The 15-day response is
    /// modelled as the [`Verdict`](crate::deadline::DeadlineKind::Judgment) deadline
    /// (the company's decision on the complaint); the 60 days as the
    /// [`FinalResponse`](crate::deadline::DeadlineKind::FinalResponse). These are the
    /// CFPB's published expectations for its complaint portal rather than a
    /// regulation's text. No extensions. Calendar: `America/New_York`.
    ///
    /// Retention (A4): none set. We found no CFPB rule on how long a
    /// complaint's record is kept: the record-retention rules of its
    /// regulations keep evidence of compliance with the regulation a
    /// complaint concerns (Regulation Z, 12 CFR 1026.25(a): two years), so
    /// the period depends on the product; set it with
    /// [`PolicyBuilder::retention`](super::PolicyBuilder::retention).
    #[must_use]
    pub fn cfpb() -> Self {
        Self(Settings {
            judgment: Some(TimeLimit::CalendarDays(15)),
            final_response: Some(TimeLimit::CalendarDays(60)),
            extensions: ExtensionLimit {
                max_count: 0,
                max_beyond_original: None,
            },
            calendar: BusinessCalendar::new(zone("America/New_York", -5)),
            ..Settings::default()
        })
    }

    /// UK Financial Conduct Authority, DISP 1.6.2R: a final response within
    /// **eight weeks** of receiving the complaint; DISP 1.5.1R: a complaint
    /// resolved **by close of business on the third business day** following
    /// the day it is received may be closed with a summary resolution
    /// communication.
    ///
    /// Source: FCA Handbook, DISP 1.5 and 1.6. The eight weeks is the
    /// [`FinalResponse`](crate::deadline::DeadlineKind::FinalResponse); the three
    /// business days the non-binding
    /// [`SummaryResolution`](crate::deadline::DeadlineKind::SummaryResolution) window.
    /// DISP has no extension of the eight weeks (after them the firm must
    /// explain the delay and refer the customer to the Financial Ombudsman),
    /// so extensions are off. Calendar: `Europe/London`, Monday–Friday.
    ///
    /// Retention (A4), DISP 1.9.1R: a record of each complaint and the
    /// measures taken for its resolution is kept **three years from the
    /// date the complaint was received** (five years for complaints about
    /// collective portfolio management services for a UCITS scheme, and,
    /// in earlier versions of the rule, `MiFID` business: set those with
    /// [`PolicyBuilder::retention`](super::PolicyBuilder::retention)).
    /// "At least": a record is listed for erasure after the three years,
    /// never before.
    #[must_use]
    pub fn uk_fca() -> Self {
        Self(Settings {
            final_response: Some(TimeLimit::Weeks(8)),
            summary_resolution: Some(TimeLimit::CloseOfBusinessDay(3)),
            extensions: ExtensionLimit {
                max_count: 0,
                max_beyond_original: None,
            },
            calendar: BusinessCalendar::new(zone("Europe/London", 0)),
            retention: Some(Retention {
                years: 3,
                from: RetentionFrom::Receipt,
            }),
            ..Settings::default()
        })
    }

    /// Payment services complaints (EU PSD2, Directive (EU) 2015/2366,
    /// Article 101(2); in the UK the Payment Services Regulations 2017,
    /// regulation 101, and FCA DISP 1.6.2AR): a reply within **15 business
    /// days** of receipt; in exceptional situations, after a holding reply
    /// giving the reasons, the final reply within **35 business days**.
    ///
    /// Modelled as a [`FinalResponse`](crate::deadline::DeadlineKind::FinalResponse)
    /// of 15 business days with at most one extension of at most 20 business
    /// days past the original due time. Calendar: Monday–Friday, UTC; set the
    /// firm's own zone and holidays.
    #[must_use]
    pub fn payment_services() -> Self {
        Self(Settings {
            final_response: Some(TimeLimit::BusinessDays(15)),
            extensions: ExtensionLimit {
                max_count: 1,
                max_beyond_original: Some(TimeLimit::BusinessDays(20)),
            },
            ..Settings::default()
        })
    }

    /// PRC banking and insurance institutions, 《银行保险机构消费投诉处理管理办法》
    /// (CBIRC Order 2020 No. 3): a handling decision within **15 days** of
    /// receiving the complaint; complex cases up to **30 days**; especially
    /// complex cases **30 more days** with a senior manager's approval and
    /// notice to the complainant.
    ///
    /// Modelled as a [`FinalResponse`](crate::deadline::DeadlineKind::FinalResponse)
    /// of 15 calendar days with at most two extensions, together at most 45
    /// calendar days past the original due time (15 + 15 + 30 = 60). The text
    /// says 日 (days) where other rules say 工作日 (working days), read here as
    /// calendar days; the article number (Article 20 in the text we read) is
    /// worth checking against the official gazette. The crate cannot check the
    /// "complex" and "senior approval" conditions: the supervisor who extends
    /// records them in the extension's reason. Calendar: `Asia/Shanghai`.
    ///
    /// Retention (A4): unknown, none set: we could not confirm from the
    /// text whether the Measures set a period for keeping complaint
    /// records; set the one the institution is bound by with
    /// [`PolicyBuilder::retention`](super::PolicyBuilder::retention).
    #[must_use]
    pub fn prc_banking_insurance() -> Self {
        Self(Settings {
            final_response: Some(TimeLimit::CalendarDays(15)),
            extensions: ExtensionLimit {
                max_count: 2,
                max_beyond_original: Some(TimeLimit::CalendarDays(45)),
            },
            calendar: BusinessCalendar::new(zone("Asia/Shanghai", 8)),
            ..Settings::default()
        })
    }

    /// PRC State Administration for Market Regulation, 《市场监督管理投诉举报处理暂行办法》
    /// (SAMR Order No. 20, 2019): the decision to accept or not accept a
    /// complaint within **7 working days** of receiving it.
    ///
    /// Modelled as a [`Verdict`](crate::deadline::DeadlineKind::Judgment) deadline of
    /// 7 business days. The rule binds the market regulation department that
    /// handles a consumer's complaint; a company mirroring it, or a
    /// regulator's own desk, uses this preset. The article number (Article 15
    /// in the text we read) and the later time limits of mediation are not
    /// encoded: check them against the official text. Calendar:
    /// `Asia/Shanghai`, Monday–Friday; add the statutory holidays and the
    /// adjusted working weekends (调休) of the year from a holiday file, as
    /// below.
    ///
    /// Retention (A4): unknown, none set: we could not confirm a period for
    /// keeping complaint records in SAMR Order No. 20; set it with
    /// [`PolicyBuilder::retention`](super::PolicyBuilder::retention).
    ///
    /// # Holidays (W7)
    ///
    /// Read the year's days off and adjusted working days from an iCalendar
    /// file with [`BusinessCalendar::with_icalendar`] (the `icalendar`
    /// feature, on by default; what the file must say is
    /// [`HolidayFile`](crate::time::HolidayFile)'s convention), or add them one by one with [`BusinessCalendar::with_holidays`] and
    /// [`BusinessCalendar::with_working_date`]; then hand the calendar to the
    /// preset with [`Policy::to_builder`] and
    /// [`PolicyBuilder::calendar`](super::PolicyBuilder::calendar):
    ///
    /// ```
    /// # #[cfg(feature = "icalendar")]
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use chrono::{TimeZone, Utc};
    /// use complaint_workflow::Policy;
    ///
    /// // The application reads the file (the crate does no I/O) and hands over
    /// // its text: mainland China's 2026 holidays, as the repository ships them
    /// // (compiled in here; an application reads its own file).
    /// let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/calendars/cn-2026.ics"));
    /// let samr = Policy::prc_samr();
    /// let policy = samr
    ///     .to_builder()
    ///     .calendar(samr.calendar().clone().with_icalendar(&text)?)
    ///     .build()?;
    ///
    /// // Received on Friday 13 February 2026 at 17:30 in Shanghai (09:30 UTC):
    /// // the 7 working days skip the Spring Festival (15 to 23 February) and
    /// // count the Saturdays worked in exchange (14 and 28 February).
    /// let received = Utc.with_ymd_and_hms(2026, 2, 13, 9, 30, 0).single().ok_or("time")?;
    /// let limit = policy.judgment().ok_or("no judgment limit")?;
    /// assert_eq!(
    ///     limit.due(received, policy.calendar())?,
    ///     Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).single().ok_or("time")?
    /// );
    /// # Ok(())
    /// # }
    /// # #[cfg(not(feature = "icalendar"))]
    /// # fn main() {}
    /// ```
    #[must_use]
    pub fn prc_samr() -> Self {
        Self(Settings {
            judgment: Some(TimeLimit::BusinessDays(7)),
            calendar: BusinessCalendar::new(zone("Asia/Shanghai", 8)),
            ..Settings::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::zone;
    use crate::time::Zone;

    /// A preset's zone falls back to its standard offset when the name is
    /// not known (always so without the `tz` feature), west of UTC negative.
    #[test]
    fn an_unknown_zone_name_falls_back_to_the_fixed_offset() {
        assert_eq!(
            zone("Nowhere/Unknown", -5),
            Zone::fixed(-5 * 3600).unwrap_or(Zone::Utc)
        );
        assert_eq!(
            zone("Nowhere/Unknown", 8),
            Zone::fixed(8 * 3600).unwrap_or(Zone::Utc)
        );
        assert_ne!(zone("Nowhere/Unknown", -5), Zone::Utc);
    }

    /// Without the `tz` feature, each preset's calendar keeps its region's
    /// standard offset.
    #[cfg(not(feature = "tz"))]
    #[test]
    fn without_tz_the_presets_keep_their_standard_offsets() {
        use crate::Policy;
        let hours = |policy: Policy| Some(policy.calendar().zone());
        let fixed = |h: i32| Zone::fixed(h * 3600);
        assert_eq!(hours(Policy::cfpb()), fixed(-5));
        assert_eq!(hours(Policy::uk_fca()), fixed(0));
        assert_eq!(hours(Policy::prc_banking_insurance()), fixed(8));
        assert_eq!(hours(Policy::prc_samr()), fixed(8));
    }

    /// With the `tz` feature, a known name is the IANA zone itself.
    #[cfg(feature = "tz")]
    #[test]
    fn a_known_zone_name_is_the_iana_zone() {
        assert_eq!(
            zone("Europe/London", 0),
            Zone::iana("Europe/London").unwrap_or(Zone::Utc)
        );
        assert_ne!(zone("Europe/London", 0), Zone::Utc);
    }
}
