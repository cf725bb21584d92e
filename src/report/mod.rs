//! Statistics over histories (S1–S4): reports as data, computed by pure
//! functions over any number of [`ComplaintRecord`](crate::ComplaintRecord)s.
//!
//! - [`Period`] (S3): a day, an ISO week or a month at local midnights in a
//!   [`Zone`](crate::time::Zone), or any range of instants.
//! - [`ClassificationReport`] (S1, 顧客投訴分類統計表): the complaints received
//!   in a period by category, severity, channel, outcome, responsible
//!   department and root cause, and the time from receipt to each milestone;
//!   the share of each category's complaints disputed (D1) and referred (D2);
//!   with a business calendar, where each category's time went (W6:
//!   [`TimeSpent`]).
//! - [`FollowUpSummary`] (S2, 回訪總結報告): coverage of all handled complaints
//!   and of members (F5), attempts, satisfaction, improvement points (F3).
//! - [`BreachReport`] (S4, 故障超時記錄表): the deadlines due in a period, met
//!   on time or missed (T7), by how much, and the ones at risk (W1).
//!
//! Each report reads the records once (the entries of each record once),
//! sorts what it must, and nothing more; a report is plain serde data, shows
//! itself as a plain-text table (`Display`) and writes CSV (RFC 4180,
//! `to_csv`). The reports of two adjacent periods `merge` into the report
//! over both, so a month can be made from its days.
//!
//! # Example
//!
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use complaint_workflow::report::{BreachReport, ClassificationReport, FollowUpSummary, Period};
//! use complaint_workflow::time::Zone;
//! use complaint_workflow::*;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let records: Vec<ComplaintRecord> = Vec::new(); // loaded from the application's store
//! let zone = Zone::iana("Asia/Shanghai")?;
//! let november = Period::month(2026, 11, zone)?;
//! let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
//!
//! let s1 = ClassificationReport::compute(&records, &november);
//! let s2 = FollowUpSummary::compute(&records, &november);
//! let s4 = BreachReport::compute(&records, &november, now);
//! assert_eq!(s1.complaints, 0);
//! assert_eq!(s2.member_coverage().percent(), None);
//! assert!(s4.breaches.is_empty());
//!
//! // S3: a month is the merge of its days.
//! let first = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
//! let mut by_day = ClassificationReport::default();
//! for date in first.iter_days().take(30) {
//!     by_day = by_day.merge(ClassificationReport::compute(&records, &Period::day(date, zone)?));
//! }
//! assert_eq!(by_day, s1);
//! # Ok(())
//! # }
//! ```

mod breach;
mod classification;
mod durations;
mod follow_up;
mod period;
mod recourse;
mod text;
mod time_spent;

pub use breach::{AtRiskLine, BreachLine, BreachReport, DeadlineTally};
pub use classification::{ClassificationReport, ComplaintOutcome, Milestone};
pub use durations::Durations;
pub use follow_up::{FollowUpSummary, ImprovementPoint};
pub use period::{Period, PeriodError};
pub use recourse::Recourse;
pub use text::Ratio;
pub use time_spent::{Clock, SpanSamples, TimeMeasure, TimeSpent};
