//! [`RecourseError`]: a dispute (D1) or a referral (D2) that breaks a rule,
//! a family of [`TransitionError`](crate::TransitionError).

use chrono::{DateTime, Utc};

use crate::time::CalendarError;

/// A dispute (D1) or a referral to an external body (D2) that breaks a rule.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecourseError {
    /// D1, D2: the complaint was withdrawn, not answered: there is no final
    /// response to dispute or to refer.
    #[error(
        "the complaint has no final response (it was withdrawn): there is nothing to dispute or refer"
    )]
    NoFinalResponse,
    /// D1, D2: the policy's window for a dispute or a referral, counted from
    /// the final response, has ended.
    #[error(
        "the window to dispute the final response of {final_response_at} ended at {window_ends}; the event is at {at}"
    )]
    WindowClosed {
        /// When the final response was given.
        final_response_at: DateTime<Utc>,
        /// When the window ended.
        window_ends: DateTime<Utc>,
        /// The time of the refused event.
        at: DateTime<Utc>,
    },
    /// D1, D2: the end of the window cannot be counted on the policy's calendar.
    #[error("the end of the dispute window cannot be computed: {source}")]
    WindowUncountable {
        /// Why the calendar has no answer.
        source: CalendarError,
    },
}
