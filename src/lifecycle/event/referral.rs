//! D2: the complaint is referred to an external body, and the body's outcome.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::time::TimeLimit;

/// D2 (FCA DISP 1.6.2R: the right to refer to the Financial Ombudsman
/// Service; the PRC's 2020 measures: mediation, the regulator): the complaint
/// goes to an external body (an ombudsman, a regulator, a mediator) and
/// leaves the internal workflow for the stage `referred`.
///
/// Accepted where a [`Dispute`](crate::event::Dispute) is, and within the
/// same window (the referral is the customer's other recourse against the
/// final response). Its follow-up stays due (F5: a member's follow-up still
/// counts), and the body's own deadline opens: the
/// [`Referral`](crate::deadline::DeadlineKind::Referral) deadline, met by the
/// [`RecordReferralOutcome`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refer {
    /// The external body ("Financial Ombudsman Service"); must not be empty.
    pub body: String,
    /// The body's reference for the case; must not be empty.
    pub reference: String,
    /// By when the body expects its case to be settled: its own deadline.
    pub body_due: BodyDue,
}

/// D2: the external body's deadline, as the body gave it.
///
/// Stored as `{"at": "2027-01-15T17:00:00Z"}` or `{"within": {"business_days": 15}}`;
/// read back refusing any other field by name, and both or neither of the two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "StoredBodyDue")]
pub enum BodyDue {
    /// A date and time the body set; must lie ahead. Counted on the calendar clock.
    At(DateTime<Utc>),
    /// A time limit from the referral, counted on the policy's business
    /// calendar when the referral is recorded (the due time is recorded on
    /// the entry, so that replay never asks today's calendar).
    Within(TimeLimit),
}

/// [`BodyDue`] as read: a derived enum would refuse an unknown field
/// without naming it ("expected map with a single key").
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredBodyDue {
    at: Option<DateTime<Utc>>,
    within: Option<TimeLimit>,
}

impl TryFrom<StoredBodyDue> for BodyDue {
    type Error = &'static str;

    fn try_from(stored: StoredBodyDue) -> Result<Self, Self::Error> {
        match (stored.at, stored.within) {
            (Some(at), None) => Ok(BodyDue::At(at)),
            (None, Some(within)) => Ok(BodyDue::Within(within)),
            (Some(_), Some(_)) | (None, None) => {
                Err("expected exactly one of `at` and `within` in `body_due`")
            }
        }
    }
}

/// D2: the external body's outcome; the complaint moves on to `reviewed`.
///
/// The body's decision is the evaluation of the handling (R6) that the
/// internal review would otherwise be, and `reviewed` offers what the
/// company does next: close the complaint (F5: once its follow-up is done),
/// reopen it to carry out what the body decided (an outcome
/// [`UpheldByBody`](ReferralOutcome::UpheldByBody)), or take a further
/// dispute or referral within the window. Only a supervisor records it, as
/// only a supervisor reviews.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordReferralOutcome {
    /// What the body decided.
    pub outcome: ReferralOutcome,
    /// The decision in words (what it orders, its reference); must not be empty.
    pub note: String,
}

/// D2: how an external body settled a referred complaint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralOutcome {
    /// The body upheld the complaint against the company.
    UpheldByBody,
    /// The body did not uphold it: the company's final response stands.
    NotUpheld,
    /// The company and the customer settled, through the body.
    Settled,
    /// The customer withdrew the referral.
    Withdrawn,
}

impl ReferralOutcome {
    /// Every outcome, in the order the reports list them.
    pub const ALL: [ReferralOutcome; 4] = [
        ReferralOutcome::UpheldByBody,
        ReferralOutcome::NotUpheld,
        ReferralOutcome::Settled,
        ReferralOutcome::Withdrawn,
    ];

    /// The snake-case name used in the stored format.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            ReferralOutcome::UpheldByBody => "upheld_by_body",
            ReferralOutcome::NotUpheld => "not_upheld",
            ReferralOutcome::Settled => "settled",
            ReferralOutcome::Withdrawn => "withdrawn",
        }
    }
}

impl fmt::Display for ReferralOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
