//! The errors, by family: [`TransitionError`] when an event breaks a rule
//! (nothing changes), [`ReplayError`] when a stored history does not check
//! out (nothing is loaded). Both are also at the crate root.
//!
//! Each groups its rules in families, nested `#[non_exhaustive]` enums
//! ([`TransitionError::Field`] holds a [`FieldError`]): match a whole family
//! or one case in it. A family's message is its own; the nesting adds no text.
//! What varies is data: the failed fast-path condition is a [`NotSimple`],
//! the wrong recorded decision a [`DecisionError`], the disagreeing summary
//! field an [`Inconsistency`] with typed values. Field names stay text, as
//! paths into the event (`findings.responsible_parties`,
//! `accountability[2].person`). Every message is pinned by a test.
//!
//! The other errors of the crate sit next to what they check:
//! [`time::CalendarError`](crate::time::CalendarError),
//! [`time::CalendarFileError`](crate::time::CalendarFileError) (a refused
//! holiday file, with its line; `icalendar` feature),
//! [`time::UnknownZone`](crate::time::UnknownZone),
//! [`policy::PolicyError`](crate::policy::PolicyError),
//! [`report::PeriodError`](crate::report::PeriodError),
//! [`event::InvalidCurrency`](crate::event::InvalidCurrency),
//! [`deadline::ParseDeadlineIdError`](crate::deadline::ParseDeadlineIdError),
//! [`record::Conflict`](crate::record::Conflict),
//! [`store::StoreError`](crate::store::StoreError),
//! [`store::AppendError`](crate::store::AppendError).

pub use crate::lifecycle::{
    AlarmError, ExtensionError, FastPathError, FieldError, FollowUpError, HandlingError, NotSimple,
    RecourseError, RedactionError, RemedyError, TransitionError,
};
pub use crate::record::ReplayError;
pub use crate::record::error::{DecisionError, Inconsistency, SchemaError, SequenceError};
