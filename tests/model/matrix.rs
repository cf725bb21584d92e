//! Q1: the set of `Transition` impls (what compiles on the typed face) is the
//! transition table (what the stored face accepts), cell by cell over every
//! stage × event kind, and both equal the reference model.

use std::marker::PhantomData;

use complaint_workflow::{
    Accepted, Approved, Closed, Dismissed, EventKind, Executed, Investigated, Judged, Proposed,
    Referred, Reviewed, Role, Stage, StageKind, TRANSITIONS, Transition, TransitionRow, Withdrawn,
    event::{
        Accept, AddNote, Approve, Assign, AttemptFollowUp, AwaitCustomer, AwaitThirdParty,
        ChooseRemedy, Close, CompleteFollowUp, Contact, CustomerReplied, Decline, Dismiss, Dispute,
        Escalate, Execute, ExtendDeadline, GiveUpFollowUp, Handover, Investigate,
        PersonalDataErased, ProgressUpdate, Propose, RaiseAlarm, Reclassify, RecordReferralOutcome,
        Redact, Refer, Reopen, RepeatContact, RescheduleFollowUp, ResolveOnFirstContact, Review,
        ThirdPartyReplied, Transfer, Uphold, Withdraw,
    },
};

use super::reference::{self, KINDS};

/// Whether `$t` implements `$tr`, decided at compile time on stable Rust: an
/// inherent associated const exists only when the bound holds and then
/// shadows the blanket trait's `false`.
macro_rules! implements {
    ($t:ty : $tr:path) => {{
        // Unused exactly when the impl exists: the inherent const wins.
        #[allow(dead_code)]
        trait DoesNotImpl {
            const IMPLS: bool = false;
        }
        impl<T: ?Sized> DoesNotImpl for T {}
        struct Wrapper<T: ?Sized>(PhantomData<T>);
        #[allow(dead_code)]
        impl<T: ?Sized + $tr> Wrapper<T> {
            const IMPLS: bool = true;
        }
        <Wrapper<$t>>::IMPLS
    }};
}

/// The stage `<$stage as Transition<$event>>::Next`, or `None` without an impl.
macro_rules! next_of {
    ($stage:ty, $event:ty) => {{
        #[allow(dead_code)]
        trait NoNext {
            const NEXT: Option<StageKind> = None;
        }
        impl<T: ?Sized> NoNext for T {}
        struct Wrapper<T: ?Sized>(PhantomData<T>);
        #[allow(dead_code)]
        impl<T: Transition<$event>> Wrapper<T> {
            const NEXT: Option<StageKind> = Some(<<T as Transition<$event>>::Next as Stage>::KIND);
        }
        <Wrapper<$stage>>::NEXT
    }};
}

/// One cell of the stage × event matrix, as the compiler sees it.
struct Cell {
    stage: StageKind,
    event: EventKind,
    implemented: bool,
    next: Option<StageKind>,
}

macro_rules! matrix {
    ([$($stage:ident),* $(,)?] x $events:tt) => {{
        let mut cells = Vec::new();
        $(matrix!(@row cells, $stage, $events);)*
        cells
    }};
    (@row $cells:ident, $stage:ident, [$($event:ident),* $(,)?]) => {
        $($cells.push(Cell {
            stage: StageKind::$stage,
            event: EventKind::$event,
            implemented: implements!($stage: Transition<$event>),
            next: next_of!($stage, $event),
        });)*
    };
}

/// The model's stage for the crate's.
fn model_stage(stage: StageKind) -> reference::Stage {
    *reference::Stage::ALL
        .iter()
        .find(|model| model.kind() == stage)
        .expect("every stage is in the model")
}

/// Q1: for every stage × event kind (11 × 36), `Stage: Transition<Event>` is
/// implemented exactly when [`StageKind::after`] / `allowed_events` say the
/// stage accepts the event, its `Next` is the stage `after` gives, and both
/// agree with the hand-written model; the one exception is T5's fast path
/// (`accepted` + `resolve_on_first_contact`), which the stored face accepts
/// and the typed face offers only through `SimpleComplaint`. 152 pairs
/// compile, 244 do not; the stored face accepts 153.
#[test]
fn q1_typed_impls_equal_the_transition_table() {
    // The detection itself: it must be able to say no.
    assert!(!implements!(Judged: Transition<Approve>));
    assert!(!implements!(Accepted: Transition<Accept>));
    assert!(!implements!(Accepted: Transition<ResolveOnFirstContact>));
    assert!(implements!(Proposed: Transition<Approve>));
    assert_eq!(next_of!(Judged, Approve), None);
    assert_eq!(next_of!(Approved, Decline), Some(StageKind::Investigated));

    let cells = matrix!(
        [Accepted, Judged, Investigated, Proposed, Approved, Executed, Dismissed, Withdrawn,
         Reviewed, Referred, Closed]
        x [Accept, Uphold, Dismiss, Investigate, Propose, ChooseRemedy, Approve, Decline, Execute,
           Review, Reopen, Dispute, Refer, RecordReferralOutcome, Withdraw, AddNote, Contact, Assign, Transfer, AwaitCustomer,
           CustomerReplied, ProgressUpdate, AwaitThirdParty, ThirdPartyReplied, Reclassify, ExtendDeadline, RaiseAlarm, Escalate, RepeatContact, Handover,
           ResolveOnFirstContact, AttemptFollowUp, RescheduleFollowUp, CompleteFollowUp,
           GiveUpFollowUp, Close, PersonalDataErased, Redact]
    );

    // The lists above cover every stage and event kind, each once.
    assert_eq!(cells.len(), StageKind::COUNT * EventKind::COUNT);
    assert_eq!(cells.len(), 11 * 38);
    for stage in StageKind::ALL {
        for event in EventKind::ALL {
            let found = cells
                .iter()
                .filter(|c| c.stage == stage && c.event == event)
                .count();
            assert_eq!(found, 1, "{stage} × {event}");
        }
    }

    let fast_path = (StageKind::Accepted, EventKind::ResolveOnFirstContact);
    for cell in &cells {
        let (stage, event) = (cell.stage, cell.event);
        let table = stage.after(event);
        let typed_table = table.filter(|_| (stage, event) != fast_path);
        assert_eq!(
            cell.implemented,
            typed_table.is_some(),
            "{stage} × {event}: impl vs after"
        );
        assert_eq!(cell.next, typed_table, "{stage} × {event}: Next vs after");
        assert_eq!(
            stage.allowed_events().any(|e| e == event),
            table.is_some(),
            "{stage} × {event}: allowed_events"
        );
        assert_eq!(
            stage.accepts(event),
            table.is_some(),
            "{stage} × {event}: accepts"
        );
        let model = model_stage(stage).after(event).map(reference::Stage::kind);
        assert_eq!(model, table, "{stage} × {event}: model vs after");
    }
    assert_eq!(
        StageKind::Accepted.after(EventKind::ResolveOnFirstContact),
        Some(StageKind::Executed)
    );

    let valid = cells.iter().filter(|c| c.implemented).count();
    let invalid = cells.len() - valid;
    println!("stage × event matrix: {valid} pairs compile, {invalid} do not");
    assert_eq!((valid, invalid), (168, 250));

    // The published rows are exactly the cells that compile, plus the
    // guarded fast path, marked as not typed.
    assert_eq!(TRANSITIONS.len(), valid + 1);
    for row in TRANSITIONS {
        let typed = cells
            .iter()
            .any(|c| c.stage == row.from && c.event == row.event && c.next == Some(row.to));
        assert_eq!(typed, row.typed, "{row:?}");
        assert_eq!(row.typed, (row.from, row.event) != fast_path, "{row:?}");
    }
}

/// `TRANSITIONS` is in lifecycle order, as its docs say, though the table
/// writes the rows that keep the stage as groups of stages: the typed rows
/// stage by stage as `StageKind::ALL` lists them, the guarded fast path (T5)
/// last.
#[test]
fn transitions_are_in_lifecycle_order() {
    let position = |row: &TransitionRow| {
        let stage = StageKind::ALL.iter().position(|&stage| stage == row.from);
        (!row.typed, stage)
    };
    for (row, next) in TRANSITIONS.iter().zip(TRANSITIONS.iter().skip(1)) {
        assert!(position(row) <= position(next), "{row:?} before {next:?}");
    }
}

/// R4, R6: approve, review (and extending a deadline, recording an erasure
/// of personal data) need a supervisor, W2's reclassification a team lead,
/// every other event any staff member; the crate's role table agrees with
/// the model's.
#[test]
fn r4_r6_role_table_matches_the_model() {
    for kind in KINDS {
        assert_eq!(
            Role::required_for(kind),
            reference::required_role(kind),
            "{kind}"
        );
    }
}
