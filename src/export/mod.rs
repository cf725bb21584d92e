//! The regulator's export (A5): a complaint's file, or every complaint of
//! a period, as a self-contained bundle a regulator can read and check.
//!
//! An [`ExportBundle`] holds one complaint's stored history exactly as the
//! crate serializes it, the outcome of verifying its hash chain (the
//! [`ChainHead`](crate::audit::ChainHead), or the [`ChainError`](crate::audit::ChainError)
//! naming the entry, A1) and, when the caller has one, the check of the
//! history against a signed [`Checkpoint`](crate::audit::Checkpoint). It
//! renders, as pure functions, to plain text and to one HTML document with
//! the timeline (each entry's time in UTC and in the organization's zone,
//! its actor, its event with every field, its hash), the deadlines and
//! their breaches (S4, T7), the follow-up (slots, attempts, outcome) and
//! the personal texts redacted (A2, [`redactions`]); the HTML carries the
//! history's JSON for `tools/verify_history.py`. [`PeriodExport`] does the
//! same for every complaint received in a period.
//!
//! Nothing here reads a clock or a database: the caller passes the
//! histories, the time of the export and the zone.
//!
//! # Example
//!
//! ```
//! # use chrono::{TimeZone, Utc};
//! # use complaint_workflow::*;
//! # use complaint_workflow::event::{Accept, AddNote};
//! use complaint_workflow::export::{ExportBundle, Verification};
//!
//! # let policy = Policy::default();
//! # let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
//! # let ctx = Context::new(Actor::agent("agent-7"), now, &policy);
//! # let accept = Accept {
//! #     complainant: Complainant::member("customer-42"),
//! #     received_at: now,
//! #     channel: Channel::Phone,
//! #     content: "The parcel never arrived".into(),
//! #     category: Category::new("delivery"),
//! #     severity: Severity::Low,
//! # };
//! let mut record = ComplaintRecord::accept(accept, &ctx)?;
//! record.apply(AddNote { text: "Called the <courier>".into() }, &ctx)?;
//!
//! let made_at = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
//! let zone = policy.calendar().zone();
//! let bundle = ExportBundle::new(record.id(), record.entries().to_vec(), made_at, zone)?;
//! assert_eq!(bundle.verification(), &Verification::Verified(record.chain_head()));
//!
//! let text = bundle.to_text();
//! assert!(text.contains("The hash chain verifies: 2 entries"));
//! assert!(text.contains("text: Called the <courier>"));
//!
//! let html = bundle.to_html();
//! assert!(html.contains("Called the &lt;courier&gt;"));
//! assert!(html.contains(r#"<script type="application/json" id="history">"#));
//!
//! // The JSON reads back to the same bundle.
//! let json = bundle.to_json()?;
//! # let read: ExportBundle = serde_json::from_str(&json)?;
//! # assert_eq!(read, bundle);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod bundle;
mod error;
mod fields;
mod html;
mod period;
mod redactions;
mod text;
mod verification;
mod view;

pub use bundle::ExportBundle;
pub use error::ExportError;
pub use period::PeriodExport;
pub use redactions::{Redaction, redactions};
pub use verification::{CheckpointCheck, Verification};
