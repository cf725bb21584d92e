//! The typed face: [`Complaint<S>`], a complaint whose stage is a type, so
//! that an event the stage does not accept does not compile.

use std::fmt;
use std::marker::PhantomData;

use crate::context::Context;
use crate::lifecycle::Transition;
use crate::lifecycle::TransitionError;
use crate::lifecycle::{Accept, Event};
use crate::lifecycle::{
    Accepted, Approved, Closed, Dismissed, Executed, Investigated, Judged, Proposed, Referred,
    Reviewed, Stage, StageKind, Withdrawn,
};
use crate::record::ComplaintRecord;

/// A complaint in stage `S`.
///
/// [`apply`](Self::apply) takes only the events that `S` accepts in the
/// transition table; any other event is a compile error naming the event and
/// the stage:
///
/// ```compile_fail,E0277
/// # use complaint_workflow::event::Approve;
/// # use complaint_workflow::{Complaint, Context, Judged};
/// # fn judged(complaint: Complaint<Judged>, ctx: &Context<'_>) {
/// // error: event `Approve` is not valid for a complaint in stage `Judged`
/// let _ = complaint.apply(Approve { option: 1 }, ctx);
/// # }
/// ```
///
/// A valid event can still break a runtime rule (a wrong role, a missing
/// signature); the error hands back the unchanged complaint in [`Rejected`].
///
/// The typed face wraps the stored face: both run the same rules, and
/// [`as_record`](Self::as_record) gives every query of [`ComplaintRecord`].
#[derive(Clone, PartialEq, Eq)]
pub struct Complaint<S: Stage> {
    record: ComplaintRecord,
    stage: PhantomData<S>,
}

impl Complaint<Accepted> {
    /// R1: accepts a complaint, the only way to create one.
    ///
    /// # Errors
    ///
    /// As [`ComplaintRecord::accept`].
    pub fn accept(accept: Accept, ctx: &Context<'_>) -> Result<Self, TransitionError> {
        ComplaintRecord::accept(accept, ctx).map(Self::wrap)
    }
}

impl<S: Stage> Complaint<S> {
    /// Wraps a record that is in stage `S`; callers have checked the stage.
    pub(crate) fn wrap(record: ComplaintRecord) -> Self {
        Self {
            record,
            stage: PhantomData,
        }
    }

    /// Applies an event that stage `S` accepts and moves the complaint to the
    /// next stage of the transition table.
    ///
    /// # Errors
    ///
    /// [`Rejected`] with the unchanged complaint and the [`TransitionError`]
    /// of the rule the event breaks (role, time order, the event's data).
    // The error hands the complaint back by value: that is the point of `Rejected`.
    #[allow(clippy::result_large_err)]
    pub fn apply<E>(
        mut self,
        event: E,
        ctx: &Context<'_>,
    ) -> Result<Complaint<S::Next>, Rejected<Self>>
    where
        S: Transition<E>,
        E: Into<Event>,
    {
        match self.record.apply(event, ctx) {
            Ok(_) => Ok(Complaint::wrap(self.record)),
            Err(error) => Err(Rejected {
                complaint: self,
                error,
            }),
        }
    }

    /// The complaint as data, with every query.
    #[must_use]
    pub fn as_record(&self) -> &ComplaintRecord {
        &self.record
    }

    /// The complaint as data, to store.
    #[must_use]
    pub fn into_record(self) -> ComplaintRecord {
        self.record
    }

    pub(crate) fn record_mut(&mut self) -> &mut ComplaintRecord {
        &mut self.record
    }

    /// The stage, as data.
    #[must_use]
    pub fn stage(&self) -> StageKind {
        S::KIND
    }
}

impl<S: Stage> fmt::Debug for Complaint<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Complaint")
            .field("stage", &S::KIND)
            .field("record", &self.record)
            .finish()
    }
}

impl<S: Stage> From<Complaint<S>> for ComplaintRecord {
    fn from(complaint: Complaint<S>) -> Self {
        complaint.record
    }
}

/// An event the complaint refused, with the complaint exactly as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected<T> {
    complaint: T,
    error: TransitionError,
}

impl<T> Rejected<T> {
    pub(crate) fn new(complaint: T, error: TransitionError) -> Self {
        Self { complaint, error }
    }

    /// The unchanged complaint.
    #[must_use]
    pub fn complaint(&self) -> &T {
        &self.complaint
    }

    /// Why the event was refused.
    #[must_use]
    pub fn error(&self) -> &TransitionError {
        &self.error
    }

    /// The unchanged complaint, to go on with.
    #[must_use]
    pub fn into_complaint(self) -> T {
        self.complaint
    }

    /// The unchanged complaint and the error.
    #[must_use]
    pub fn into_parts(self) -> (T, TransitionError) {
        (self.complaint, self.error)
    }
}

impl<T> fmt::Display for Rejected<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl<T: fmt::Debug> std::error::Error for Rejected<T> {}

macro_rules! typed_complaint {
    ($($stage:ident,)*) => {
        /// A stored complaint in its typed form: one variant per stage.
        ///
        /// Made by [`ComplaintRecord::into_typed`]; one `match` takes an
        /// application from a stored row to the compile-time-checked face.
        /// Deliberately exhaustive, like [`StageKind`].
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum TypedComplaint {
            $(
                #[doc = concat!("In stage [`", stringify!($stage), "`].")]
                $stage(Complaint<$stage>),
            )*
        }

        impl ComplaintRecord {
            /// The typed face of this record, by its stage.
            #[must_use]
            pub fn into_typed(self) -> TypedComplaint {
                match self.stage() {
                    $(StageKind::$stage => TypedComplaint::$stage(Complaint::wrap(self)),)*
                }
            }
        }

        impl TypedComplaint {
            /// The stage, as data.
            #[must_use]
            pub fn stage(&self) -> StageKind {
                match self {
                    $(TypedComplaint::$stage(_) => StageKind::$stage,)*
                }
            }

            /// The complaint as data, with every query.
            #[must_use]
            pub fn as_record(&self) -> &ComplaintRecord {
                match self {
                    $(TypedComplaint::$stage(complaint) => complaint.as_record(),)*
                }
            }

            /// The complaint as data, to store.
            #[must_use]
            pub fn into_record(self) -> ComplaintRecord {
                match self {
                    $(TypedComplaint::$stage(complaint) => complaint.into_record(),)*
                }
            }
        }

        $(
            impl TryFrom<ComplaintRecord> for Complaint<$stage> {
                type Error = ComplaintRecord;

                /// The typed face when the record is in this stage; the record back otherwise.
                fn try_from(record: ComplaintRecord) -> Result<Self, Self::Error> {
                    if record.stage() == StageKind::$stage {
                        Ok(Complaint::wrap(record))
                    } else {
                        Err(record)
                    }
                }
            }
        )*
    };
}

typed_complaint! {
    Accepted,
    Judged,
    Investigated,
    Proposed,
    Approved,
    Executed,
    Dismissed,
    Withdrawn,
    Reviewed,
    Referred,
    Closed,
}
