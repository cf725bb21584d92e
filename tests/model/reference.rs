//! The reference model: the lifecycle written out by hand from the picture in
//! DESIGN.md and the transition table of the crate docs, and the runtime rules
//! (roles, time order, each event's data) as plain predicates.
//!
//! Nothing here reads the crate's table: the model is a second, independent
//! statement of the rules that the crate must agree with.

use chrono::{DateTime, Utc};
use complaint_workflow::{Accept, Event, EventKind, Role, StageKind};

use super::deadlines::Ledger;

/// The nine stages, as the model knows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Accepted,
    Judged,
    Investigated,
    Proposed,
    Approved,
    Executed,
    Dismissed,
    Withdrawn,
    Reviewed,
}

/// Every event kind, written out (not `EventKind::ALL`).
pub const KINDS: [EventKind; 19] = [
    EventKind::Accept,
    EventKind::Uphold,
    EventKind::Dismiss,
    EventKind::Investigate,
    EventKind::Propose,
    EventKind::ChooseRemedy,
    EventKind::Approve,
    EventKind::Decline,
    EventKind::Execute,
    EventKind::Review,
    EventKind::Reopen,
    EventKind::Withdraw,
    EventKind::AddNote,
    EventKind::Contact,
    EventKind::Assign,
    EventKind::Transfer,
    EventKind::AwaitCustomer,
    EventKind::CustomerReplied,
    EventKind::ExtendDeadline,
];

impl Stage {
    pub const ALL: [Stage; 9] = [
        Stage::Accepted,
        Stage::Judged,
        Stage::Investigated,
        Stage::Proposed,
        Stage::Approved,
        Stage::Executed,
        Stage::Dismissed,
        Stage::Withdrawn,
        Stage::Reviewed,
    ];

    /// The stage after `event`, or `None` when the stage does not accept it.
    ///
    /// R1..R7 as drawn: accept creates (no stage accepts it), uphold or
    /// dismiss judges (R2), investigate (R3), propose, choose and approve
    /// (R4, R8), execute or decline (R5: a decline goes back to proposing,
    /// i.e. to `Investigated`, whence `propose`), review of every finished
    /// complaint (R6), reopen of a reviewed one to be judged afresh (R7:
    /// back to `Accepted`, as the crate docs' table says; the picture in
    /// DESIGN.md draws the arrow into `Judged`, but a reopened round has no
    /// judgment yet and its investigation time must be agreed anew),
    /// withdraw from any open stage, notes everywhere (E6). Around the stages
    /// and without changing them: contacts (T3) and deadline extensions in
    /// every stage; assignment (T4), transfer (T6) and waiting on the
    /// customer while the complaint is open.
    pub fn after(self, event: EventKind) -> Option<Stage> {
        use EventKind as E;
        use Stage as S;
        match (self, event) {
            (S::Accepted, E::Uphold) => Some(S::Judged),
            (S::Accepted, E::Dismiss) => Some(S::Dismissed),
            (S::Judged, E::Investigate) => Some(S::Investigated),
            (S::Investigated, E::Propose) => Some(S::Proposed),
            (S::Proposed, E::ChooseRemedy) => Some(S::Proposed),
            (S::Proposed, E::Approve) => Some(S::Approved),
            (S::Approved, E::Execute) => Some(S::Executed),
            (S::Approved, E::Decline) => Some(S::Investigated),
            (S::Executed | S::Dismissed | S::Withdrawn, E::Review) => Some(S::Reviewed),
            (S::Reviewed, E::Reopen) => Some(S::Accepted),
            (
                S::Accepted | S::Judged | S::Investigated | S::Proposed | S::Approved,
                E::Withdraw,
            ) => Some(S::Withdrawn),
            (stage, E::AddNote | E::Contact | E::ExtendDeadline) => Some(stage),
            (stage, E::Assign | E::Transfer | E::AwaitCustomer | E::CustomerReplied)
                if stage.is_open() =>
            {
                Some(stage)
            }
            _ => None,
        }
    }

    /// Still being handled: before a remedy is executed, a dismissal
    /// replied or the complaint withdrawn.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Stage::Accepted
                | Stage::Judged
                | Stage::Investigated
                | Stage::Proposed
                | Stage::Approved
        )
    }

    /// The kinds this stage accepts, in the order of [`KINDS`].
    pub fn accepted_kinds(self) -> Vec<EventKind> {
        KINDS
            .into_iter()
            .filter(|&kind| self.after(kind).is_some())
            .collect()
    }

    /// The crate's name for the same stage.
    pub fn kind(self) -> StageKind {
        match self {
            Stage::Accepted => StageKind::Accepted,
            Stage::Judged => StageKind::Judged,
            Stage::Investigated => StageKind::Investigated,
            Stage::Proposed => StageKind::Proposed,
            Stage::Approved => StageKind::Approved,
            Stage::Executed => StageKind::Executed,
            Stage::Dismissed => StageKind::Dismissed,
            Stage::Withdrawn => StageKind::Withdrawn,
            Stage::Reviewed => StageKind::Reviewed,
        }
    }
}

/// R4, R6: approving a remedy and reviewing the handling are the
/// supervisor's, and so is extending a deadline; everything else any staff
/// member may do.
pub fn needs_supervisor(event: EventKind) -> bool {
    matches!(
        event,
        EventKind::Approve | EventKind::Review | EventKind::ExtendDeadline
    )
}

/// Why the model expects an event to be refused, with the details the error
/// must carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    NotAllowed { event: EventKind, stage: StageKind },
    Unauthorized { event: EventKind, found: Role },
    TimeWentBackwards,
    Empty(String),
    TooLong(String),
    TooManyOptions { found: usize, limit: usize },
    InFuture(String),
    DeadlineNotAhead(String),
    UnknownRemedyOption { option: u32, available: usize },
    ZeroCompensation(u32),
    MissingSignature,
    AccountabilityMissing(String),
    AlreadyAwaitingCustomer(DateTime<Utc>),
    NotAwaitingCustomer,
    UnknownDeadline(u32),
    DeadlineNotOpen(u32),
    ExtensionNotLater(u32),
    TooManyExtensions(u32),
    ExtensionTooFar(u32),
}

/// The model's prediction for one event: the next stage, or every reason to
/// refuse it. Stage, role and time order come first, in that order (each is
/// the single expected refusal); the data rules may all fail at once, and the
/// crate may report any one of them.
pub type Prediction = Result<Stage, Vec<Refusal>>;

/// The policy's size limits, as the model knows them.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The largest text, in bytes.
    pub text_bytes: usize,
    /// The most options in one proposal.
    pub options: usize,
}

/// What the model remembers of a complaint: just enough to predict.
#[derive(Clone, Debug)]
pub struct Model {
    pub stage: Stage,
    pub version: u64,
    pub last_at: DateTime<Utc>,
    /// How many options the current proposal has (0 without one).
    pub options: usize,
    /// The responsible persons of the current findings (R3, R5).
    pub responsible: Vec<String>,
    /// T4, T6: the owner, as the last assignment or transfer named them.
    pub owner: Option<String>,
    pub ledger: Ledger,
    pub limits: Limits,
}

impl Model {
    /// R1: a complaint accepted with `accept` at `at`.
    pub fn accepted(accept: &Accept, at: DateTime<Utc>, limits: Limits) -> Self {
        Self {
            stage: Stage::Accepted,
            version: 1,
            last_at: at,
            options: 0,
            responsible: Vec::new(),
            owner: None,
            ledger: Ledger::accepted(accept.channel, accept.received_at, at),
            limits,
        }
    }

    /// Predicts `event` by an actor of `role` at `at`.
    pub fn predict(&self, event: &Event, role: Role, at: DateTime<Utc>) -> Prediction {
        let kind = event.kind();
        let Some(next) = self.stage.after(kind) else {
            return Err(vec![Refusal::NotAllowed {
                event: kind,
                stage: self.stage.kind(),
            }]);
        };
        if needs_supervisor(kind) && role != Role::Supervisor {
            return Err(vec![Refusal::Unauthorized {
                event: kind,
                found: role,
            }]);
        }
        if at < self.last_at {
            return Err(vec![Refusal::TimeWentBackwards]);
        }
        let refusals = self.data_refusals(event, at);
        if refusals.is_empty() {
            Ok(next)
        } else {
            Err(refusals)
        }
    }

    /// Moves the model on after the crate accepted `event` at `at`.
    pub fn commit(&mut self, event: &Event, next: Stage, at: DateTime<Utc>) {
        match event {
            Event::Investigate(investigate) => {
                self.responsible = investigate
                    .findings
                    .responsible_parties
                    .iter()
                    .map(|party| party.person.clone())
                    .collect();
            }
            Event::Propose(propose) => self.options = propose.options.len(),
            // R5: a declined remedy is spent; the findings stand.
            Event::Decline(_) => self.options = 0,
            // R7: a reopened complaint starts a new round.
            Event::Reopen(_) => {
                self.options = 0;
                self.responsible.clear();
            }
            Event::Assign(assign) => self.owner = Some(assign.owner.to_string()),
            Event::Transfer(transfer) => {
                self.owner = transfer.owner.as_ref().map(ToString::to_string)
            }
            _ => {}
        }
        self.ledger.commit(event, at, next.is_open());
        self.stage = next;
        self.version += 1;
        self.last_at = at;
    }
}

/// The crate's error, in the model's terms.
pub fn refusal_of(error: &complaint_workflow::TransitionError) -> Refusal {
    use complaint_workflow::TransitionError as T;
    match error {
        T::NotAllowed { event, stage } => Refusal::NotAllowed {
            event: *event,
            stage: *stage,
        },
        T::Unauthorized {
            event,
            required,
            found,
            ..
        } => {
            assert_eq!(*required, Role::Supervisor, "only supervisors are required");
            Refusal::Unauthorized {
                event: *event,
                found: *found,
            }
        }
        T::TimeWentBackwards { .. } => Refusal::TimeWentBackwards,
        T::Empty { field } => Refusal::Empty(field.clone()),
        T::TooLong { field, .. } => Refusal::TooLong(field.clone()),
        T::TooManyOptions { found, limit } => Refusal::TooManyOptions {
            found: *found,
            limit: *limit,
        },
        T::InFuture { field, .. } => Refusal::InFuture(field.clone()),
        T::DeadlineNotAhead { field, .. } => Refusal::DeadlineNotAhead(field.clone()),
        T::UnknownRemedyOption { option, available } => Refusal::UnknownRemedyOption {
            option: *option,
            available: *available,
        },
        T::ZeroCompensation { option } => Refusal::ZeroCompensation(*option),
        T::MissingSignature => Refusal::MissingSignature,
        T::AccountabilityMissing { person } => Refusal::AccountabilityMissing(person.clone()),
        T::AlreadyAwaitingCustomer { since } => Refusal::AlreadyAwaitingCustomer(*since),
        T::NotAwaitingCustomer => Refusal::NotAwaitingCustomer,
        T::UnknownDeadline { deadline } => Refusal::UnknownDeadline(deadline.0),
        T::DeadlineNotOpen { deadline, .. } => Refusal::DeadlineNotOpen(deadline.0),
        T::ExtensionNotLater { deadline, .. } => Refusal::ExtensionNotLater(deadline.0),
        T::TooManyExtensions { deadline, .. } => Refusal::TooManyExtensions(deadline.0),
        T::ExtensionTooFar { deadline, .. } => Refusal::ExtensionTooFar(deadline.0),
        other => panic!("an error the model does not know: {other:?}"),
    }
}
