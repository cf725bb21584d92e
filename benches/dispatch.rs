//! P1: deciding one runtime event on the stored face — the transition table
//! and the role rule, [`StageKind::decide`], the stage change only, no
//! history — over a stream of stage-valid and invalid events decoded from
//! bytes, against the same table written three other ways:
//!
//! - `hand_match`: a hand-rolled `enum` + `match` with the same ten stages,
//!   the same rows and the same role rule (approve, review, extend a
//!   deadline, record an erasure and redact (A2) need a supervisor), written by hand;
//! - `statig`: statig 0.4, a hierarchical machine: the ten stages as states
//!   under the superstates `open` (accepted … approved: withdraw, escalate,
//!   handover, assign, transfer, waits), `followed_up` (executed, dismissed,
//!   reviewed: the follow-up events), `not_closed` (extend a deadline) and
//!   `any` (notes, contacts, repeat contacts, erasures, redactions, and `accept`, which
//!   starts the next complaint); the role rule is a guard on the rows that
//!   need a supervisor; the number of decided events is counted in its
//!   context;
//! - `rust_fsm`: rust-fsm 0.8's `state_machine!` DSL over the crate's own
//!   `StageKind` and `EventKind`, every row of the table (stage changes and
//!   self-loops); the DSL has no guards, so the role rule is checked before
//!   `consume`, and `accept` starts the next complaint with a new machine.
//!
//! Before measuring, all four are checked against a reference made from
//! `TRANSITIONS` and `Role::required_for` for every stage × event × role,
//! and each measured run asserts the number of decided events and the
//! final stage.
//!
//! P1b: the full `ComplaintRecord::accept` and `ComplaintRecord::apply` (an
//! entry with a UUID v7, time and actor, the rules, the deadlines and
//! follow-up plans, the entry's seal: A1) over realistic walks decoded from
//! bytes (1,000 complaints), per event, against the same run's P1; and the
//! seal's hashing alone on the entries those walks made: `verify_chain`
//! computes the same canonical texts and SHA-256 digests as sealing them
//! (the commitments, the seven parts, the entry's hash), without the
//! salts' random bytes, so its time is the share of `apply` the hash takes.

mod common;

use std::hint::black_box;
use std::time::Duration;

use complaint_workflow::{
    ComplaintRecord, EventKind, Policy, Role, StageKind, TRANSITIONS, audit::verify_chain,
};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

use common::{Bytes, Prepared, SplitMix64, Walk, decode_walk, sized};

// ---- The events ---------------------------------------------------------

/// The reference the four implementations are checked against: a linear
/// scan of the table's rows, then the role rule.
fn reference(stage: StageKind, event: EventKind, role: Role) -> Option<StageKind> {
    TRANSITIONS
        .iter()
        .find(|row| row.from == stage && row.event == event)
        .map(|row| row.to)
        .filter(|_| role >= Role::required_for(event))
}

/// `n` events as byte pairs `[event index, role index]`: complaints one
/// after the other, each begun by `accept` and 5 to 64 events long; three
/// events in four are ones the stage accepts (one in ten of them fired by
/// an agent, so refused when a supervisor is needed), the rest any event by
/// any role (mostly refused).
fn event_stream(n: usize, seed: u64) -> Vec<u8> {
    let mut rng = SplitMix64::new(seed);
    let mut bytes = Vec::with_capacity(2 * n);
    let mut stage = StageKind::Accepted;
    let mut left = 0;
    let index = |event: EventKind| EventKind::ALL.iter().position(|&e| e == event).unwrap();
    while bytes.len() < 2 * n {
        if left == 0 || stage == StageKind::Closed {
            bytes.extend([index(EventKind::Accept) as u8, 0]);
            stage = StageKind::Accepted;
            left = 5 + rng.below(60);
            continue;
        }
        left -= 1;
        let (event, role) = if rng.below(4) == 0 {
            let event = EventKind::ALL[1 + rng.below(EventKind::COUNT as u64 - 1) as usize];
            (event, Role::ALL[rng.below(3) as usize])
        } else {
            let allowed: Vec<EventKind> = stage.allowed_events().collect();
            let event = allowed[rng.below(allowed.len() as u64) as usize];
            let role = if rng.below(10) == 0 {
                Role::Agent
            } else {
                Role::required_for(event).max(Role::ALL[rng.below(3) as usize])
            };
            (event, role)
        };
        if let Some(next) = reference(stage, event, role) {
            stage = next;
        }
        bytes.extend([index(event) as u8, role as u8]);
    }
    bytes
}

/// The stream decided by [`reference`]: the number of decided events and the final stage.
fn expected(bytes: &[u8]) -> (u64, StageKind) {
    let mut stage = StageKind::Accepted;
    let mut decided = 0;
    for pair in bytes.chunks_exact(2) {
        let event = EventKind::ALL[usize::from(pair[0])];
        if event == EventKind::Accept {
            stage = StageKind::Accepted;
        } else if let Some(next) = reference(stage, event, Role::ALL[usize::from(pair[1])]) {
            stage = next;
            decided += 1;
        }
    }
    (decided, stage)
}

// ---- The crate: StageKind::decide ---------------------------------------

fn run_decide(bytes: &[u8]) -> (u64, StageKind) {
    let mut stage = StageKind::Accepted;
    let mut decided = 0;
    for pair in bytes.chunks_exact(2) {
        let event = EventKind::ALL[usize::from(pair[0])];
        let role = Role::ALL[usize::from(pair[1])];
        if event == EventKind::Accept {
            stage = StageKind::Accepted;
        } else if let Some(next) = stage.decide(event, role) {
            stage = next;
            decided += 1;
        }
    }
    (decided, stage)
}

// ---- By hand: enum + match ----------------------------------------------

mod hand {
    //! The same table and role rule, written by hand.

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum S {
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

    /// The events, in the crate's order (so the same bytes decode to the same events).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum E {
        Accept,
        Uphold,
        Dismiss,
        Investigate,
        Propose,
        ChooseRemedy,
        Approve,
        Decline,
        Execute,
        Review,
        Reopen,
        Dispute,
        Refer,
        RecordReferralOutcome,
        Withdraw,
        AddNote,
        Contact,
        Assign,
        Transfer,
        AwaitCustomer,
        CustomerReplied,
        ProgressUpdate,
        AwaitThirdParty,
        ThirdPartyReplied,
        Reclassify,
        ExtendDeadline,
        Escalate,
        RaiseAlarm,
        RepeatContact,
        Handover,
        ResolveOnFirstContact,
        AttemptFollowUp,
        RescheduleFollowUp,
        CompleteFollowUp,
        GiveUpFollowUp,
        Close,
        PersonalDataErased,
        Redact,
    }

    pub const EVENTS: [E; 38] = [
        E::Accept,
        E::Uphold,
        E::Dismiss,
        E::Investigate,
        E::Propose,
        E::ChooseRemedy,
        E::Approve,
        E::Decline,
        E::Execute,
        E::Review,
        E::Reopen,
        E::Dispute,
        E::Refer,
        E::RecordReferralOutcome,
        E::Withdraw,
        E::AddNote,
        E::Contact,
        E::Assign,
        E::Transfer,
        E::AwaitCustomer,
        E::CustomerReplied,
        E::ProgressUpdate,
        E::AwaitThirdParty,
        E::ThirdPartyReplied,
        E::Reclassify,
        E::ExtendDeadline,
        E::Escalate,
        E::RaiseAlarm,
        E::RepeatContact,
        E::Handover,
        E::ResolveOnFirstContact,
        E::AttemptFollowUp,
        E::RescheduleFollowUp,
        E::CompleteFollowUp,
        E::GiveUpFollowUp,
        E::Close,
        E::PersonalDataErased,
        E::Redact,
    ];

    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
    pub enum R {
        Agent,
        TeamLead,
        Supervisor,
    }

    pub const ROLES: [R; 3] = [R::Agent, R::TeamLead, R::Supervisor];

    /// The stage after `e` fired by `r` in `s`, or `None`.
    #[inline]
    pub fn next(s: S, e: E, r: R) -> Option<S> {
        use E::*;
        use S::*;
        if matches!(
            e,
            Approve | Review | RecordReferralOutcome | ExtendDeadline | PersonalDataErased | Redact
        ) && r < R::Supervisor
        {
            return None;
        }
        // W2: a team lead re-targets a complaint.
        if e == Reclassify && r < R::TeamLead {
            return None;
        }
        let open = matches!(s, Accepted | Judged | Investigated | Proposed | Approved);
        let followed_up = matches!(s, Executed | Dismissed | Reviewed | Referred);
        let answered = matches!(s, Executed | Dismissed | Reviewed | Closed);
        match (s, e) {
            (Accepted, Uphold) => Some(Judged),
            (Accepted, Dismiss) => Some(Dismissed),
            (Accepted, ResolveOnFirstContact) => Some(Executed),
            (Judged, Investigate) => Some(Investigated),
            (Investigated, Propose) => Some(Proposed),
            (Proposed, ChooseRemedy) => Some(Proposed),
            (Proposed, Approve) => Some(Approved),
            (Approved, Execute) => Some(Executed),
            (Approved, Decline) => Some(Investigated),
            (Executed | Dismissed | Withdrawn, Review) => Some(Reviewed),
            (Reviewed, Reopen) => Some(Accepted),
            (Reviewed, Close) => Some(Closed),
            (_, Dispute) if answered => Some(Accepted),
            (_, Refer) if answered => Some(Referred),
            (Referred, RecordReferralOutcome) => Some(Reviewed),
            (_, Withdraw) if open => Some(Withdrawn),
            (
                _,
                Escalate | Handover | Assign | Transfer | AwaitCustomer | CustomerReplied
                | ProgressUpdate | AwaitThirdParty | ThirdPartyReplied | Reclassify,
            ) if open => Some(s),
            (_, AttemptFollowUp | RescheduleFollowUp | CompleteFollowUp | GiveUpFollowUp)
                if followed_up =>
            {
                Some(s)
            }
            (_, AddNote | Contact | RepeatContact | PersonalDataErased | Redact) => Some(s),
            (_, ExtendDeadline | RaiseAlarm) if s != Closed => Some(s),
            _ => None,
        }
    }

    pub fn run(bytes: &[u8]) -> (u64, S) {
        let mut stage = S::Accepted;
        let mut decided = 0;
        for pair in bytes.chunks_exact(2) {
            let event = EVENTS[usize::from(pair[0])];
            let role = ROLES[usize::from(pair[1])];
            if event == E::Accept {
                stage = S::Accepted;
            } else if let Some(next) = next(stage, event, role) {
                stage = next;
                decided += 1;
            }
        }
        (decided, stage)
    }

    /// The crate's stage for a hand-rolled one (stages are in the same order).
    pub fn kind(s: S) -> complaint_workflow::StageKind {
        complaint_workflow::StageKind::ALL[s as usize]
    }
}

// ---- statig 0.4 ---------------------------------------------------------

mod with_statig {
    //! The table as a statig hierarchical state machine.

    use complaint_workflow::{EventKind, Role, StageKind};
    use statig::prelude::*;

    /// An event and the role of who fires it.
    pub struct Fired {
        pub event: EventKind,
        pub role: Role,
    }

    /// The machine's shared storage: none.
    #[derive(Default)]
    pub struct Machine;

    fn supervisor(fired: &Fired) -> bool {
        fired.role == Role::Supervisor
    }

    fn team_lead(fired: &Fired) -> bool {
        fired.role != Role::Agent
    }

    #[state_machine(initial = "State::accepted()", state(derive(Clone, Copy, Debug)))]
    impl Machine {
        #[state(superstate = "open")]
        fn accepted(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::Uphold => decided(context, State::judged()),
                EventKind::Dismiss => decided(context, State::dismissed()),
                EventKind::ResolveOnFirstContact => decided(context, State::executed()),
                _ => Super,
            }
        }

        #[state(superstate = "open")]
        fn judged(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::Investigate => decided(context, State::investigated()),
                _ => Super,
            }
        }

        #[state(superstate = "open")]
        fn investigated(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::Propose => decided(context, State::proposed()),
                _ => Super,
            }
        }

        #[state(superstate = "open")]
        fn proposed(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::ChooseRemedy => handled(context),
                EventKind::Approve if supervisor(event) => decided(context, State::approved()),
                _ => Super,
            }
        }

        #[state(superstate = "open")]
        fn approved(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::Execute => decided(context, State::executed()),
                EventKind::Decline => decided(context, State::investigated()),
                _ => Super,
            }
        }

        #[state(superstate = "followed_up")]
        fn executed(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::Review if supervisor(event) => decided(context, State::reviewed()),
                EventKind::Dispute => decided(context, State::accepted()),
                EventKind::Refer => decided(context, State::referred()),
                _ => Super,
            }
        }

        #[state(superstate = "followed_up")]
        fn dismissed(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::Review if supervisor(event) => decided(context, State::reviewed()),
                EventKind::Dispute => decided(context, State::accepted()),
                EventKind::Refer => decided(context, State::referred()),
                _ => Super,
            }
        }

        #[state(superstate = "not_closed")]
        fn withdrawn(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::Review if supervisor(event) => decided(context, State::reviewed()),
                _ => Super,
            }
        }

        #[state(superstate = "followed_up")]
        fn reviewed(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::Reopen | EventKind::Dispute => decided(context, State::accepted()),
                EventKind::Refer => decided(context, State::referred()),
                EventKind::Close => decided(context, State::closed()),
                _ => Super,
            }
        }

        #[state(superstate = "followed_up")]
        fn referred(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::RecordReferralOutcome if supervisor(event) => {
                    decided(context, State::reviewed())
                }
                _ => Super,
            }
        }

        #[state(superstate = "any")]
        fn closed(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::Dispute => decided(context, State::accepted()),
                EventKind::Refer => decided(context, State::referred()),
                _ => Super,
            }
        }

        #[superstate(superstate = "not_closed")]
        fn open(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::Withdraw => decided(context, State::withdrawn()),
                EventKind::Escalate
                | EventKind::Handover
                | EventKind::Assign
                | EventKind::Transfer
                | EventKind::AwaitCustomer
                | EventKind::CustomerReplied
                | EventKind::ProgressUpdate
                | EventKind::AwaitThirdParty
                | EventKind::ThirdPartyReplied => handled(context),
                EventKind::Reclassify if team_lead(event) => handled(context),
                _ => Super,
            }
        }

        #[superstate(superstate = "not_closed")]
        fn followed_up(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::AttemptFollowUp
                | EventKind::RescheduleFollowUp
                | EventKind::CompleteFollowUp
                | EventKind::GiveUpFollowUp => handled(context),
                _ => Super,
            }
        }

        #[superstate(superstate = "any")]
        fn not_closed(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::ExtendDeadline if supervisor(event) => handled(context),
                EventKind::RaiseAlarm => handled(context),
                _ => Super,
            }
        }

        #[superstate]
        fn any(context: &mut u64, event: &Fired) -> Outcome<State> {
            match event.event {
                EventKind::AddNote | EventKind::Contact | EventKind::RepeatContact => {
                    handled(context)
                }
                EventKind::PersonalDataErased | EventKind::Redact if supervisor(event) => {
                    handled(context)
                }
                // The next complaint: not a decided event.
                EventKind::Accept => Transition(State::accepted()),
                _ => Super,
            }
        }
    }

    fn decided(context: &mut u64, next: State) -> Outcome<State> {
        *context += 1;
        Transition(next)
    }

    fn handled(context: &mut u64) -> Outcome<State> {
        *context += 1;
        Handled
    }

    /// The crate's stage for a statig state.
    pub fn kind(state: &State) -> StageKind {
        match state {
            State::Accepted {} => StageKind::Accepted,
            State::Judged {} => StageKind::Judged,
            State::Investigated {} => StageKind::Investigated,
            State::Proposed {} => StageKind::Proposed,
            State::Approved {} => StageKind::Approved,
            State::Executed {} => StageKind::Executed,
            State::Dismissed {} => StageKind::Dismissed,
            State::Withdrawn {} => StageKind::Withdrawn,
            State::Reviewed {} => StageKind::Reviewed,
            State::Referred {} => StageKind::Referred,
            State::Closed {} => StageKind::Closed,
        }
    }

    /// A machine started in `stage` (for the exhaustive check).
    pub fn in_stage(stage: StageKind) -> statig::blocking::InitializedStateMachine<Machine> {
        let mut machine = Machine
            .uninitialized_state_machine()
            .init_with_context(&mut 0);
        let path: &[EventKind] = match stage {
            StageKind::Accepted => &[],
            StageKind::Judged => &[EventKind::Uphold],
            StageKind::Investigated => &[EventKind::Uphold, EventKind::Investigate],
            StageKind::Proposed => &[
                EventKind::Uphold,
                EventKind::Investigate,
                EventKind::Propose,
            ],
            StageKind::Approved => &[
                EventKind::Uphold,
                EventKind::Investigate,
                EventKind::Propose,
                EventKind::Approve,
            ],
            StageKind::Executed => &[EventKind::ResolveOnFirstContact],
            StageKind::Dismissed => &[EventKind::Dismiss],
            StageKind::Withdrawn => &[EventKind::Withdraw],
            StageKind::Reviewed => &[EventKind::Dismiss, EventKind::Review],
            StageKind::Referred => &[EventKind::Dismiss, EventKind::Refer],
            StageKind::Closed => &[EventKind::Dismiss, EventKind::Review, EventKind::Close],
        };
        for &event in path {
            let fired = Fired {
                event,
                role: Role::Supervisor,
            };
            machine.handle_with_context(&fired, &mut 0);
        }
        assert_eq!(kind(machine.state()), stage);
        machine
    }

    pub fn run(bytes: &[u8]) -> (u64, StageKind) {
        let mut decided = 0;
        let mut machine = Machine
            .uninitialized_state_machine()
            .init_with_context(&mut decided);
        for pair in bytes.chunks_exact(2) {
            let fired = Fired {
                event: EventKind::ALL[usize::from(pair[0])],
                role: Role::ALL[usize::from(pair[1])],
            };
            machine.handle_with_context(&fired, &mut decided);
        }
        (decided, kind(machine.state()))
    }
}

// ---- rust-fsm 0.8 -------------------------------------------------------

mod with_rust_fsm {
    //! The table in rust-fsm's DSL, over the crate's own stage and event types.

    use complaint_workflow::{EventKind, Role, StageKind};
    use rust_fsm::{StateMachine, state_machine};

    state_machine! {
        #[state_machine(input(complaint_workflow::EventKind), state(complaint_workflow::StageKind))]
        pub complaint(Accepted)

        Accepted => {
            Uphold => Judged,
            Dismiss => Dismissed,
            ResolveOnFirstContact => Executed,
            Withdraw => Withdrawn,
            Escalate => Accepted,
            Handover => Accepted,
            Assign => Accepted,
            Transfer => Accepted,
            AwaitCustomer => Accepted,
            CustomerReplied => Accepted,
            ProgressUpdate => Accepted,
            AwaitThirdParty => Accepted,
            ThirdPartyReplied => Accepted,
            Reclassify => Accepted,
            AddNote => Accepted,
            Contact => Accepted,
            RepeatContact => Accepted,
            PersonalDataErased => Accepted,
            Redact => Accepted,
            ExtendDeadline => Accepted,
            RaiseAlarm => Accepted,
        },
        Judged => {
            Investigate => Investigated,
            Withdraw => Withdrawn,
            Escalate => Judged,
            Handover => Judged,
            Assign => Judged,
            Transfer => Judged,
            AwaitCustomer => Judged,
            CustomerReplied => Judged,
            ProgressUpdate => Judged,
            AwaitThirdParty => Judged,
            ThirdPartyReplied => Judged,
            Reclassify => Judged,
            AddNote => Judged,
            Contact => Judged,
            RepeatContact => Judged,
            PersonalDataErased => Judged,
            Redact => Judged,
            ExtendDeadline => Judged,
            RaiseAlarm => Judged,
        },
        Investigated => {
            Propose => Proposed,
            Withdraw => Withdrawn,
            Escalate => Investigated,
            Handover => Investigated,
            Assign => Investigated,
            Transfer => Investigated,
            AwaitCustomer => Investigated,
            CustomerReplied => Investigated,
            ProgressUpdate => Investigated,
            AwaitThirdParty => Investigated,
            ThirdPartyReplied => Investigated,
            Reclassify => Investigated,
            AddNote => Investigated,
            Contact => Investigated,
            RepeatContact => Investigated,
            PersonalDataErased => Investigated,
            Redact => Investigated,
            ExtendDeadline => Investigated,
            RaiseAlarm => Investigated,
        },
        Proposed => {
            ChooseRemedy => Proposed,
            Approve => Approved,
            Withdraw => Withdrawn,
            Escalate => Proposed,
            Handover => Proposed,
            Assign => Proposed,
            Transfer => Proposed,
            AwaitCustomer => Proposed,
            CustomerReplied => Proposed,
            ProgressUpdate => Proposed,
            AwaitThirdParty => Proposed,
            ThirdPartyReplied => Proposed,
            Reclassify => Proposed,
            AddNote => Proposed,
            Contact => Proposed,
            RepeatContact => Proposed,
            PersonalDataErased => Proposed,
            Redact => Proposed,
            ExtendDeadline => Proposed,
            RaiseAlarm => Proposed,
        },
        Approved => {
            Execute => Executed,
            Decline => Investigated,
            Withdraw => Withdrawn,
            Escalate => Approved,
            Handover => Approved,
            Assign => Approved,
            Transfer => Approved,
            AwaitCustomer => Approved,
            CustomerReplied => Approved,
            ProgressUpdate => Approved,
            AwaitThirdParty => Approved,
            ThirdPartyReplied => Approved,
            Reclassify => Approved,
            AddNote => Approved,
            Contact => Approved,
            RepeatContact => Approved,
            PersonalDataErased => Approved,
            Redact => Approved,
            ExtendDeadline => Approved,
            RaiseAlarm => Approved,
        },
        Executed => {
            Review => Reviewed,
            Dispute => Accepted,
            Refer => Referred,
            AttemptFollowUp => Executed,
            RescheduleFollowUp => Executed,
            CompleteFollowUp => Executed,
            GiveUpFollowUp => Executed,
            AddNote => Executed,
            Contact => Executed,
            RepeatContact => Executed,
            PersonalDataErased => Executed,
            Redact => Executed,
            ExtendDeadline => Executed,
            RaiseAlarm => Executed,
        },
        Dismissed => {
            Review => Reviewed,
            Dispute => Accepted,
            Refer => Referred,
            AttemptFollowUp => Dismissed,
            RescheduleFollowUp => Dismissed,
            CompleteFollowUp => Dismissed,
            GiveUpFollowUp => Dismissed,
            AddNote => Dismissed,
            Contact => Dismissed,
            RepeatContact => Dismissed,
            PersonalDataErased => Dismissed,
            Redact => Dismissed,
            ExtendDeadline => Dismissed,
            RaiseAlarm => Dismissed,
        },
        Withdrawn => {
            Review => Reviewed,
            AddNote => Withdrawn,
            Contact => Withdrawn,
            RepeatContact => Withdrawn,
            PersonalDataErased => Withdrawn,
            Redact => Withdrawn,
            ExtendDeadline => Withdrawn,
            RaiseAlarm => Withdrawn,
        },
        Reviewed => {
            Reopen => Accepted,
            Dispute => Accepted,
            Refer => Referred,
            Close => Closed,
            AttemptFollowUp => Reviewed,
            RescheduleFollowUp => Reviewed,
            CompleteFollowUp => Reviewed,
            GiveUpFollowUp => Reviewed,
            AddNote => Reviewed,
            Contact => Reviewed,
            RepeatContact => Reviewed,
            PersonalDataErased => Reviewed,
            Redact => Reviewed,
            ExtendDeadline => Reviewed,
            RaiseAlarm => Reviewed,
        },
        Referred => {
            RecordReferralOutcome => Reviewed,
            AttemptFollowUp => Referred,
            RescheduleFollowUp => Referred,
            CompleteFollowUp => Referred,
            GiveUpFollowUp => Referred,
            AddNote => Referred,
            Contact => Referred,
            RepeatContact => Referred,
            PersonalDataErased => Referred,
            Redact => Referred,
            ExtendDeadline => Referred,
            RaiseAlarm => Referred,
        },
        Closed => {
            Dispute => Accepted,
            Refer => Referred,
            AddNote => Closed,
            Contact => Closed,
            RepeatContact => Closed,
            PersonalDataErased => Closed,
            Redact => Closed,
        }
    }

    /// The role rule, by hand: the DSL has no guards.
    #[inline]
    pub fn may(event: EventKind, role: Role) -> bool {
        if event == EventKind::Reclassify {
            return role != Role::Agent;
        }
        role == Role::Supervisor
            || !matches!(
                event,
                EventKind::Approve
                    | EventKind::Review
                    | EventKind::RecordReferralOutcome
                    | EventKind::ExtendDeadline
                    | EventKind::PersonalDataErased
                    | EventKind::Redact
            )
    }

    pub fn in_stage(stage: StageKind) -> complaint::StateMachine {
        StateMachine::from_state(stage)
    }

    pub fn run(bytes: &[u8]) -> (u64, StageKind) {
        let mut machine = complaint::StateMachine::new();
        let mut decided = 0;
        for pair in bytes.chunks_exact(2) {
            let event = EventKind::ALL[usize::from(pair[0])];
            let role = Role::ALL[usize::from(pair[1])];
            if event == EventKind::Accept {
                machine = complaint::StateMachine::new();
            } else if may(event, role) && machine.consume(&event).is_ok() {
                decided += 1;
            }
        }
        (decided, *machine.state())
    }
}

/// All four decide every stage × event × role as the reference does.
fn check_models() {
    for stage in StageKind::ALL {
        for (e, event) in EventKind::ALL.into_iter().enumerate() {
            if event == EventKind::Accept {
                continue;
            }
            for (r, role) in Role::ALL.into_iter().enumerate() {
                let want = reference(stage, event, role);
                assert_eq!(
                    stage.decide(event, role),
                    want,
                    "decide {stage} {event} {role}"
                );
                let by_hand =
                    hand::next(hand::S::from_kind(stage), hand::EVENTS[e], hand::ROLES[r]);
                assert_eq!(by_hand.map(hand::kind), want, "hand {stage} {event} {role}");
                let mut machine = with_statig::in_stage(stage);
                let mut decided = 0;
                machine.handle_with_context(&with_statig::Fired { event, role }, &mut decided);
                let statig = (decided == 1).then(|| with_statig::kind(machine.state()));
                assert_eq!(statig, want, "statig {stage} {event} {role}");
                let mut machine = with_rust_fsm::in_stage(stage);
                let fsm = (with_rust_fsm::may(event, role) && machine.consume(&event).is_ok())
                    .then(|| *machine.state());
                assert_eq!(fsm, want, "rust-fsm {stage} {event} {role}");
            }
        }
    }
}

impl hand::S {
    fn from_kind(kind: StageKind) -> hand::S {
        use hand::S;
        [
            S::Accepted,
            S::Judged,
            S::Investigated,
            S::Proposed,
            S::Approved,
            S::Executed,
            S::Dismissed,
            S::Withdrawn,
            S::Reviewed,
            S::Referred,
            S::Closed,
        ][kind as usize]
    }
}

fn dispatch(c: &mut Criterion) {
    check_models();
    let n = sized(1_000_000, 10_000);
    let bytes = event_stream(n, 0x5EED_0001);
    let want = expected(&bytes);
    // The stream mixes valid and invalid events; say how many were decided.
    eprintln!(
        "P1 stream: {n} events, {} decided, final stage {}",
        want.0, want.1
    );
    assert_eq!(run_decide(&bytes), want);
    let mut group = c.benchmark_group("p1_dispatch");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("decide", |b| {
        b.iter(|| assert_eq!(run_decide(black_box(&bytes)), want));
    });
    group.bench_function("hand_match", |b| {
        b.iter(|| {
            let (decided, stage) = hand::run(black_box(&bytes));
            assert_eq!((decided, hand::kind(stage)), want);
        });
    });
    group.bench_function("statig", |b| {
        b.iter(|| assert_eq!(with_statig::run(black_box(&bytes)), want));
    });
    group.bench_function("rust_fsm", |b| {
        b.iter(|| assert_eq!(with_rust_fsm::run(black_box(&bytes)), want));
    });
    group.finish();
}

/// P1b: 1,000 complaints (10 in test mode) walked through
/// `ComplaintRecord::accept` and `apply`.
fn apply(c: &mut Criterion) {
    let policy = Policy::default();
    let complaints = sized(1_000, 10);
    let bytes = SplitMix64::new(0x5EED_0002).bytes(64 * 1024);
    let mut reader = Bytes::new(&bytes);
    let walks: Vec<Walk> = (0..complaints)
        .map(|i| {
            let start = common::epoch()
                + chrono::Duration::days((i % 25) as i64)
                + chrono::Duration::minutes(9 * 60 + reader.below(180) as i64);
            decode_walk(&mut reader, start, 3)
        })
        .collect();
    // Each walk is valid, and these are the entries it makes.
    let entries: u64 = walks
        .iter()
        .map(|walk| walk.record(&policy).version())
        .sum();
    let calls: u64 = walks.iter().map(|walk| 1 + walk.steps.len() as u64).sum();
    eprintln!("P1b: {complaints} complaints, {calls} events applied, {entries} entries");
    let prepared: Vec<Prepared<'_>> = walks.iter().map(|walk| walk.prepared(&policy)).collect();
    let mut group = c.benchmark_group("p1b_apply");
    group.throughput(Throughput::Elements(calls));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("record_apply", |b| {
        b.iter_batched(
            || prepared.clone(),
            |walks| {
                let records: Vec<_> = walks.into_iter().map(Prepared::apply).collect();
                let made: u64 = records.iter().map(|r| r.version()).sum();
                assert_eq!(made, entries);
                records
            },
            BatchSize::PerIteration,
        );
    });
    // The seal's hashing alone, per entry, on the entries the walks made.
    let records: Vec<ComplaintRecord> = prepared.iter().cloned().map(Prepared::apply).collect();
    let heads: Vec<_> = records.iter().map(ComplaintRecord::head_hash).collect();
    group.throughput(Throughput::Elements(entries));
    group.bench_function("seal_hashing", |b| {
        b.iter(|| {
            for (record, want) in black_box(&records).iter().zip(&heads) {
                let head = verify_chain(record.id(), record.entries()).expect("a valid chain");
                assert_eq!(head.hash, *want);
            }
        });
    });
    group.finish();
}

criterion_group!(benches, dispatch, apply);
criterion_main!(benches);
