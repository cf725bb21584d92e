//! The reference model: the lifecycle written out by hand from the picture in
//! DESIGN.md and the transition table of the crate docs, and the runtime rules
//! (roles, time order, each event's data) as plain predicates.
//!
//! Nothing here reads the crate's table: the model is a second, independent
//! statement of the rules that the crate must agree with.

use chrono::{DateTime, Utc};
use complaint_workflow::{
    Category, Event, EventKind, Role, Severity, StageKind,
    event::{Accept, REDACTED},
};

use super::deadlines::Ledger;
use super::followup::FollowUp;
pub use super::refusal::{Refusal, refusal_of};

/// The eleven stages, as the model knows them.
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
    Referred,
    Closed,
}

/// Every event kind, written out (not `EventKind::ALL`).
pub const KINDS: [EventKind; 38] = [
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
    EventKind::Dispute,
    EventKind::Refer,
    EventKind::RecordReferralOutcome,
    EventKind::Withdraw,
    EventKind::AddNote,
    EventKind::Contact,
    EventKind::Assign,
    EventKind::Transfer,
    EventKind::AwaitCustomer,
    EventKind::CustomerReplied,
    EventKind::ProgressUpdate,
    EventKind::AwaitThirdParty,
    EventKind::ThirdPartyReplied,
    EventKind::Reclassify,
    EventKind::ExtendDeadline,
    EventKind::RaiseAlarm,
    EventKind::Escalate,
    EventKind::RepeatContact,
    EventKind::Handover,
    EventKind::ResolveOnFirstContact,
    EventKind::AttemptFollowUp,
    EventKind::RescheduleFollowUp,
    EventKind::CompleteFollowUp,
    EventKind::GiveUpFollowUp,
    EventKind::Close,
    EventKind::PersonalDataErased,
    EventKind::Redact,
];

impl Stage {
    pub const ALL: [Stage; 11] = [
        Stage::Accepted,
        Stage::Judged,
        Stage::Investigated,
        Stage::Proposed,
        Stage::Approved,
        Stage::Executed,
        Stage::Dismissed,
        Stage::Withdrawn,
        Stage::Reviewed,
        Stage::Referred,
        Stage::Closed,
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
    /// judgment yet and its investigation time must be agreed anew), close
    /// of a reviewed one (R7), withdraw from any open stage. T5: a simple
    /// complaint is resolved on the first contact, straight from `Accepted`
    /// to `Executed`. D1, D2: after a final response (executed, dismissed,
    /// reviewed, closed) the customer disputes it (back to `Accepted`, a new
    /// round) or refers it to an external body (`Referred`), whose outcome
    /// leads to `Reviewed`.
    ///
    /// Around the stages and without changing them: notes (E6), contacts
    /// (T3), repeat contacts (E4) and the erasure of personal data in every
    /// stage; deadline extensions in every stage but `Closed`; escalation,
    /// handover (E1–E5), assignment (T4), transfer (T6) and waiting on the
    /// customer while the complaint is open; the follow-up (F1–F7) once a
    /// remedy was executed or a dismissal replied, until the complaint closes.
    pub fn after(self, event: EventKind) -> Option<Stage> {
        use EventKind as E;
        use Stage as S;
        match (self, event) {
            (S::Accepted, E::Uphold) => Some(S::Judged),
            (S::Accepted, E::Dismiss) => Some(S::Dismissed),
            (S::Accepted, E::ResolveOnFirstContact) => Some(S::Executed),
            (S::Judged, E::Investigate) => Some(S::Investigated),
            (S::Investigated, E::Propose) => Some(S::Proposed),
            (S::Proposed, E::ChooseRemedy) => Some(S::Proposed),
            (S::Proposed, E::Approve) => Some(S::Approved),
            (S::Approved, E::Execute) => Some(S::Executed),
            (S::Approved, E::Decline) => Some(S::Investigated),
            (S::Executed | S::Dismissed | S::Withdrawn, E::Review) => Some(S::Reviewed),
            (S::Reviewed, E::Reopen) => Some(S::Accepted),
            (S::Reviewed, E::Close) => Some(S::Closed),
            (S::Executed | S::Dismissed | S::Reviewed | S::Closed, E::Dispute) => Some(S::Accepted),
            (S::Executed | S::Dismissed | S::Reviewed | S::Closed, E::Refer) => Some(S::Referred),
            (S::Referred, E::RecordReferralOutcome) => Some(S::Reviewed),
            (stage, E::Withdraw) if stage.is_open() => Some(S::Withdrawn),
            (
                stage,
                E::AddNote | E::Contact | E::RepeatContact | E::PersonalDataErased | E::Redact,
            ) => Some(stage),
            (stage, E::ExtendDeadline | E::RaiseAlarm) if stage != S::Closed => Some(stage),
            (
                stage,
                E::Escalate
                | E::Handover
                | E::Assign
                | E::Transfer
                | E::AwaitCustomer
                | E::CustomerReplied
                | E::ProgressUpdate
                | E::AwaitThirdParty
                | E::ThirdPartyReplied
                | E::Reclassify,
            ) if stage.is_open() => Some(stage),
            (
                S::Executed | S::Dismissed | S::Reviewed | S::Referred,
                E::AttemptFollowUp
                | E::RescheduleFollowUp
                | E::CompleteFollowUp
                | E::GiveUpFollowUp,
            ) => Some(self),
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
            Stage::Referred => StageKind::Referred,
            Stage::Closed => StageKind::Closed,
        }
    }
}

/// The lowest role that may fire `event`: a supervisor's (see
/// [`needs_supervisor`]), a team lead's for a reclassification (W2: it moves
/// the complaint's targets), any staff member's otherwise.
pub fn required_role(event: EventKind) -> Role {
    if needs_supervisor(event) {
        Role::Supervisor
    } else if event == EventKind::Reclassify {
        Role::TeamLead
    } else {
        Role::Agent
    }
}

/// R4, R6: approving a remedy and reviewing the handling are the
/// supervisor's, and so are extending a deadline and recording the erasure
/// of personal data, and (D2) recording an external body's outcome, which
/// stands for the review; everything else any staff member may do.
pub fn needs_supervisor(event: EventKind) -> bool {
    matches!(
        event,
        EventKind::Approve
            | EventKind::Review
            | EventKind::RecordReferralOutcome
            | EventKind::ExtendDeadline
            | EventKind::PersonalDataErased
            | EventKind::Redact
    )
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
    /// What intake recorded that later rules read (T5, F5); W2: the
    /// severity and category as the last reclassification left them.
    pub intake: Intake,
    /// How many options the current proposal has (0 without one).
    pub options: usize,
    /// The responsible persons of the current findings (R3, R5).
    pub responsible: Vec<String>,
    /// R4: when the current proposal's remedy was approved.
    pub approved_at: Option<DateTime<Utc>>,
    /// R5, T5, R2: when the current round executed a remedy or replied a
    /// dismissal (its final response, D1), if it did.
    pub handled: Option<DateTime<Utc>>,
    /// T4, T6, E3, E5: the owner, as the last assignment, transfer,
    /// escalation or handover named them; the intake agent before any.
    pub owner: Option<String>,
    /// E1–E3: the role the complaint is escalated to.
    pub escalation: Role,
    /// E4: how many times the customer came back about it.
    pub repeat_contacts: u32,
    pub follow_up: Option<FollowUp>,
    pub ledger: Ledger,
    pub limits: Limits,
}

/// The intake facts the rules read later.
#[derive(Clone, Debug)]
pub struct Intake {
    pub actor: String,
    pub member: bool,
    pub category: Category,
    pub severity: Severity,
    pub received_at: DateTime<Utc>,
}

impl Model {
    /// R1: a complaint accepted with `accept` by `actor` at `at`. E1: a
    /// complaint of high severity or worse is escalated to a team lead at
    /// once, as a second entry.
    pub fn accepted(accept: &Accept, actor: &str, at: DateTime<Utc>, limits: Limits) -> Self {
        let mut model = Self {
            stage: Stage::Accepted,
            version: 1,
            last_at: at,
            intake: Intake {
                actor: actor.to_owned(),
                member: accept.complainant.member,
                category: accept.category.clone(),
                severity: accept.severity,
                received_at: accept.received_at,
            },
            options: 0,
            responsible: Vec::new(),
            approved_at: None,
            handled: None,
            owner: Some(actor.to_owned()),
            escalation: Role::Agent,
            repeat_contacts: 0,
            follow_up: None,
            ledger: Ledger::accepted(accept.channel, accept.received_at, at),
            limits,
        };
        if accept.severity >= Severity::High {
            model.version += 1;
            model.escalation = Role::TeamLead;
            model.owner = None;
        }
        model
    }

    /// Predicts `event` by `actor` of `role` at `at`.
    pub fn predict(&self, event: &Event, actor: &str, role: Role, at: DateTime<Utc>) -> Prediction {
        let kind = event.kind();
        let Some(next) = self.stage.after(kind) else {
            return Err(vec![Refusal::NotAllowed {
                event: kind,
                stage: self.stage.kind(),
            }]);
        };
        let required = required_role(kind);
        if role < required {
            return Err(vec![Refusal::Unauthorized {
                event: kind,
                required,
                found: role,
            }]);
        }
        if at < self.last_at {
            return Err(vec![Refusal::TimeWentBackwards]);
        }
        let refusals = self.data_refusals(event, actor, at);
        if refusals.is_empty() {
            Ok(next)
        } else {
            Err(refusals)
        }
    }

    /// Moves the model on after the crate accepted `event` at `at`.
    pub fn commit(&mut self, event: &Event, next: Stage, at: DateTime<Utc>) {
        if let Some(follow_up) = &mut self.follow_up {
            follow_up.commit(event, at);
        }
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
            Event::Approve(_) => self.approved_at = Some(at),
            // R5: a declined remedy is spent; the findings stand.
            Event::Decline(_) => {
                self.options = 0;
                self.approved_at = None;
            }
            // F5, F7: an executed remedy or a replied dismissal is followed
            // up: every member's (the test policy leaves out non-members).
            Event::Execute(_) | Event::Dismiss(_) | Event::ResolveOnFirstContact(_) => {
                self.handled = Some(at);
                if self.intake.member {
                    self.follow_up = Some(FollowUp::scheduled(at));
                }
            }
            // R7: a reopened complaint starts a new round, with its own
            // follow-up; D1: a disputed one too.
            Event::Reopen(_) | Event::Dispute(_) => {
                self.options = 0;
                self.approved_at = None;
                self.responsible.clear();
                self.handled = None;
                self.follow_up = None;
            }
            Event::Assign(assign) => self.owner = Some(assign.owner.to_string()),
            Event::Transfer(transfer) => {
                self.owner = transfer.owner.as_ref().map(ToString::to_string);
            }
            Event::Handover(handover) => self.owner = Some(handover.to.to_string()),
            Event::Escalate(escalate) => {
                self.escalation = escalate.to;
                self.owner = escalate.owner.as_ref().map(ToString::to_string);
            }
            Event::RepeatContact(_) => self.repeat_contacts += 1,
            // A2: the model's redactions name all personal text; the
            // responsible persons of the findings become the tombstone.
            Event::Redact(_) => {
                for person in &mut self.responsible {
                    REDACTED.clone_into(person);
                }
            }
            // W2: the complaint's classification, for the rules that read it.
            Event::Reclassify(reclassify) => {
                self.intake.severity = reclassify.severity;
                self.intake.category = reclassify.category.clone();
            }
            _ => {}
        }
        self.ledger
            .commit(event, at, next.is_open(), self.intake.member);
        self.stage = next;
        self.version += 1;
        self.last_at = at;
    }
}
