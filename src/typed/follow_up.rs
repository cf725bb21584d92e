//! The follow-up's typed face: [`FollowUp<S>`], a complaint seen through its
//! follow-up, whose follow-up stage is a type.

use std::fmt;
use std::marker::PhantomData;

use crate::context::Context;
use crate::lifecycle::Event;
use crate::lifecycle::{
    Attempted, Completed, Exhausted, FollowUpStage, FollowUpStageKind, FollowUpTransition,
    Scheduled,
};
use crate::record::ComplaintRecord;
use crate::typed::Rejected;

/// A complaint whose follow-up is in stage `S`.
///
/// [`apply`](Self::apply) takes only the events the follow-up table allows
/// in `S`: completing a follow-up that was never attempted, or attempting a
/// completed one, does not compile.
///
/// ```compile_fail,E0277
/// # use complaint_workflow::event::{CompleteFollowUp, ContactMethod, FollowUpOutcome};
/// # use complaint_workflow::followup::{FollowUp, Scheduled};
/// # use complaint_workflow::Context;
/// # fn scheduled(follow_up: FollowUp<Scheduled>, ctx: &Context<'_>) {
/// // error: event `CompleteFollowUp` is not valid for a follow-up in stage `Scheduled`
/// let _ = follow_up.apply(
///     CompleteFollowUp {
///         method: ContactMethod::Phone,
///         outcome: FollowUpOutcome::Satisfied { suggestions: "none".into() },
///     },
///     ctx,
/// );
/// # }
/// ```
///
/// The events go into the complaint's own history, through the same rules as
/// [`ComplaintRecord::apply`].
#[derive(Clone, PartialEq, Eq)]
pub struct FollowUp<S: FollowUpStage> {
    record: ComplaintRecord,
    stage: PhantomData<S>,
}

impl<S: FollowUpStage> FollowUp<S> {
    fn wrap(record: ComplaintRecord) -> Self {
        Self {
            record,
            stage: PhantomData,
        }
    }

    /// Applies a follow-up event that stage `S` accepts.
    ///
    /// # Errors
    ///
    /// [`Rejected`] with the unchanged complaint and the rule the event breaks
    /// (quiet hours, a customer not reached, missing text, attempts left).
    // The error hands the complaint back by value: that is the point of `Rejected`.
    #[allow(clippy::result_large_err)]
    pub fn apply<E>(
        mut self,
        event: E,
        ctx: &Context<'_>,
    ) -> Result<FollowUp<S::Next>, Rejected<Self>>
    where
        S: FollowUpTransition<E>,
        E: Into<Event>,
    {
        match self.record.apply(event, ctx) {
            Ok(_) => Ok(FollowUp::wrap(self.record)),
            Err(error) => Err(Rejected::new(self, error)),
        }
    }

    /// The follow-up stage, as data.
    #[must_use]
    pub fn stage(&self) -> FollowUpStageKind {
        S::KIND
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
}

impl<S: FollowUpStage> fmt::Debug for FollowUp<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FollowUp")
            .field("stage", &S::KIND)
            .field("record", &self.record)
            .finish()
    }
}

/// A complaint's follow-up in its typed form: one variant per follow-up stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypedFollowUp {
    /// Scheduled, not attempted yet.
    Scheduled(FollowUp<Scheduled>),
    /// Attempted at least once.
    Attempted(FollowUp<Attempted>),
    /// Completed (F2).
    Completed(FollowUp<Completed>),
    /// Exhausted (F5).
    Exhausted(FollowUp<Exhausted>),
}

impl TypedFollowUp {
    /// The complaint as data.
    #[must_use]
    pub fn into_record(self) -> ComplaintRecord {
        match self {
            TypedFollowUp::Scheduled(follow_up) => follow_up.into_record(),
            TypedFollowUp::Attempted(follow_up) => follow_up.into_record(),
            TypedFollowUp::Completed(follow_up) => follow_up.into_record(),
            TypedFollowUp::Exhausted(follow_up) => follow_up.into_record(),
        }
    }
}

impl ComplaintRecord {
    /// The typed face of this complaint's follow-up, by its stage; the record
    /// back when no follow-up is scheduled in the current handling round.
    ///
    /// # Errors
    ///
    /// The unchanged record when there is no follow-up.
    #[allow(clippy::result_large_err)]
    pub fn into_typed_follow_up(self) -> Result<TypedFollowUp, ComplaintRecord> {
        let Some(status) = self.follow_up() else {
            return Err(self);
        };
        Ok(match status.stage() {
            FollowUpStageKind::Scheduled => TypedFollowUp::Scheduled(FollowUp::wrap(self)),
            FollowUpStageKind::Attempted => TypedFollowUp::Attempted(FollowUp::wrap(self)),
            FollowUpStageKind::Completed => TypedFollowUp::Completed(FollowUp::wrap(self)),
            FollowUpStageKind::Exhausted => TypedFollowUp::Exhausted(FollowUp::wrap(self)),
        })
    }
}
