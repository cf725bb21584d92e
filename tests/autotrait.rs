//! Every public type of the crate root is `Send + Sync + Unpin + UnwindSafe +
//! RefUnwindSafe`: a change that drops an auto trait (an `Rc`, a `Cell`, a raw
//! pointer in a field) fails to compile here. A second test reads the `pub
//! use` lines of the crate and fails when a public type has no assertion
//! below, so that the list cannot fall behind.

#![allow(clippy::extra_unused_type_parameters)]

use std::collections::BTreeSet;
use std::panic::{RefUnwindSafe, UnwindSafe};

use complaint_workflow as cw;

fn assert_auto<T: Send + Sync + Unpin + UnwindSafe + RefUnwindSafe>() {}

#[test]
fn public_types_are_send_sync_unpin_and_unwind_safe() {
    // Who acts, when, under which policy.
    assert_auto::<cw::Actor>();
    assert_auto::<cw::Role>();
    assert_auto::<cw::Context<'static>>();
    assert_auto::<cw::Policy>();
    assert_auto::<cw::PolicyBuilder>();
    assert_auto::<cw::PolicyError>();
    assert_auto::<cw::EscalationRule>();
    assert_auto::<cw::ExtensionLimit>();
    assert_auto::<cw::FastPath>();

    // Stages, the table, the typed face.
    assert_auto::<cw::StageKind>();
    assert_auto::<cw::Accepted>();
    assert_auto::<cw::Judged>();
    assert_auto::<cw::Investigated>();
    assert_auto::<cw::Proposed>();
    assert_auto::<cw::Approved>();
    assert_auto::<cw::Executed>();
    assert_auto::<cw::Dismissed>();
    assert_auto::<cw::Withdrawn>();
    assert_auto::<cw::Reviewed>();
    assert_auto::<cw::Closed>();
    assert_auto::<cw::TransitionRow>();
    assert_auto::<cw::Complaint<cw::Accepted>>();
    assert_auto::<cw::Complaint<cw::Judged>>();
    assert_auto::<cw::Complaint<cw::Investigated>>();
    assert_auto::<cw::Complaint<cw::Proposed>>();
    assert_auto::<cw::Complaint<cw::Approved>>();
    assert_auto::<cw::Complaint<cw::Executed>>();
    assert_auto::<cw::Complaint<cw::Dismissed>>();
    assert_auto::<cw::Complaint<cw::Withdrawn>>();
    assert_auto::<cw::Complaint<cw::Reviewed>>();
    assert_auto::<cw::Complaint<cw::Closed>>();
    assert_auto::<cw::Rejected<cw::Complaint<cw::Accepted>>>();
    assert_auto::<cw::Rejected<cw::SimpleComplaint>>();
    assert_auto::<cw::Rejected<cw::FollowUp<cw::Scheduled>>>();
    assert_auto::<cw::TypedComplaint>();
    assert_auto::<cw::SimpleComplaint>();

    // Events.
    assert_auto::<cw::Event>();
    assert_auto::<cw::EventKind>();
    assert_auto::<cw::Accept>();
    assert_auto::<cw::Uphold>();
    assert_auto::<cw::Dismiss>();
    assert_auto::<cw::Investigate>();
    assert_auto::<cw::Findings>();
    assert_auto::<cw::ResponsibleParty>();
    assert_auto::<cw::Responsibility>();
    assert_auto::<cw::RootCause>();
    assert_auto::<cw::Routing>();
    assert_auto::<cw::Propose>();
    assert_auto::<cw::RemedyOption>();
    assert_auto::<cw::Compensation>();
    assert_auto::<cw::CompensationKind>();
    assert_auto::<cw::Currency>();
    assert_auto::<cw::InvalidCurrency>();
    assert_auto::<cw::ChooseRemedy>();
    assert_auto::<cw::Approve>();
    assert_auto::<cw::Decline>();
    assert_auto::<cw::Execute>();
    assert_auto::<cw::Accountability>();
    assert_auto::<cw::CustomerNotification>();
    assert_auto::<cw::CustomerSignature>();
    assert_auto::<cw::Review>();
    assert_auto::<cw::Evaluation>();
    assert_auto::<cw::Reopen>();
    assert_auto::<cw::Withdraw>();
    assert_auto::<cw::Close>();
    assert_auto::<cw::AddNote>();
    assert_auto::<cw::PersonalDataErased>();
    assert_auto::<cw::Contact>();
    assert_auto::<cw::Assign>();
    assert_auto::<cw::Transfer>();
    assert_auto::<cw::AwaitCustomer>();
    assert_auto::<cw::CustomerReplied>();
    assert_auto::<cw::ExtendDeadline>();
    assert_auto::<cw::Escalate>();
    assert_auto::<cw::RepeatContact>();
    assert_auto::<cw::Handover>();
    assert_auto::<cw::ResolveOnFirstContact>();
    assert_auto::<cw::AttemptFollowUp>();
    assert_auto::<cw::RescheduleFollowUp>();
    assert_auto::<cw::CompleteFollowUp>();
    assert_auto::<cw::GiveUpFollowUp>();

    // The stored face.
    assert_auto::<cw::ComplaintRecord>();
    assert_auto::<cw::ComplaintId>();
    assert_auto::<cw::EventId>();
    assert_auto::<cw::Entry>();
    assert_auto::<cw::Effect>();
    assert_auto::<cw::Judgment<'static>>();
    assert_auto::<cw::Approval<'static>>();
    assert_auto::<cw::ExpectedVersion>();
    assert_auto::<cw::Conflict>();
    assert_auto::<cw::TransitionError>();
    assert_auto::<cw::ReplayError>();

    // Follow-up.
    assert_auto::<cw::FollowUp<cw::Scheduled>>();
    assert_auto::<cw::FollowUp<cw::Attempted>>();
    assert_auto::<cw::FollowUp<cw::Completed>>();
    assert_auto::<cw::FollowUp<cw::Exhausted>>();
    assert_auto::<cw::Scheduled>();
    assert_auto::<cw::Attempted>();
    assert_auto::<cw::Completed>();
    assert_auto::<cw::Exhausted>();
    assert_auto::<cw::FollowUpStageKind>();
    assert_auto::<cw::FollowUpRow>();
    assert_auto::<cw::FollowUpStatus>();
    assert_auto::<cw::FollowUpOutcome>();
    assert_auto::<cw::TypedFollowUp>();
    assert_auto::<cw::AgreedTime>();
    assert_auto::<cw::QuietHours>();
    assert_auto::<cw::Satisfaction>();

    // Time.
    assert_auto::<cw::Zone>();
    assert_auto::<cw::UnknownZone>();
    assert_auto::<cw::BusinessCalendar>();
    assert_auto::<cw::CalendarError>();
    assert_auto::<cw::TimeLimit>();
    assert_auto::<cw::Clock>();
    assert_auto::<cw::Deadline>();
    assert_auto::<cw::DeadlineId>();
    assert_auto::<cw::DeadlineKind>();
    assert_auto::<cw::DeadlineStatus>();
    assert_auto::<cw::Breach>();
    assert_auto::<cw::BreachState>();
    assert_auto::<cw::Agenda>();
    assert_auto::<cw::AgendaChange>();

    // Values.
    assert_auto::<cw::ActorId>();
    assert_auto::<cw::Category>();
    assert_auto::<cw::Channel>();
    assert_auto::<cw::CommandId>();
    assert_auto::<cw::Complainant>();
    assert_auto::<cw::ComplainantId>();
    assert_auto::<cw::ContactMethod>();
    assert_auto::<cw::Department>();
    assert_auto::<cw::Severity>();

    // Contacts and shifts.
    assert_auto::<cw::IncomingContact>();
    assert_auto::<cw::ContactMatch>();
    assert_auto::<cw::Shifts>();

    // Reports.
    assert_auto::<cw::Period>();
    assert_auto::<cw::PeriodError>();
    assert_auto::<cw::ClassificationReport>();
    assert_auto::<cw::ComplaintOutcome>();
    assert_auto::<cw::Milestone>();
    assert_auto::<cw::Durations>();
    assert_auto::<cw::FollowUpSummary>();
    assert_auto::<cw::ImprovementPoint>();
    assert_auto::<cw::BreachReport>();
    assert_auto::<cw::BreachLine>();
    assert_auto::<cw::DeadlineTally>();
    assert_auto::<cw::Ratio>();
}

/// The crate's source files whose `pub use` lines make up the crate root:
/// `lib.rs`, and the modules it re-exports with a glob.
const ROOT_SOURCES: [&str; 3] = [
    include_str!("../src/lib.rs"),
    include_str!("../src/lifecycle/mod.rs"),
    include_str!("../src/lifecycle/event/mod.rs"),
];

/// Public names that are not types: traits (sealed or implemented by the
/// application) have no auto traits of their own to check.
const NOT_TYPES: [&str; 5] = [
    "Stage",
    "Transition",
    "FollowUpStage",
    "FollowUpTransition",
    "Roster",
];

/// The names the `pub use` items of `source` bring in: `CamelCase` names
/// only (constants are upper case, functions and modules lower case).
fn reexported_types(source: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = source;
    while let Some(start) = rest.find("pub use ") {
        let item = &rest[start..];
        let end = item.find(';').expect("a `pub use` item ends with `;`");
        let body = &item["pub use ".len()..end];
        // The names after the last `::` or inside its braces.
        let list = match body.find('{') {
            Some(open) => &body[open + 1..body.rfind('}').unwrap()],
            None => body.rsplit("::").next().unwrap(),
        };
        for name in list.split(',').map(str::trim) {
            let camel_case = name.chars().next().is_some_and(char::is_uppercase)
                && name.chars().any(char::is_lowercase);
            if camel_case && !NOT_TYPES.contains(&name) {
                names.insert(name.to_owned());
            }
        }
        rest = &item[end..];
    }
    names
}

/// Every public type of the crate root has its assertion above.
#[test]
fn every_reexported_type_is_asserted() {
    let this_file = include_str!("autotrait.rs");
    let mut types = BTreeSet::new();
    for source in ROOT_SOURCES {
        types.extend(reexported_types(source));
    }
    assert!(types.len() > 100, "only {} types found", types.len());
    let missing: Vec<&String> = types
        .iter()
        .filter(|name| !this_file.contains(&format!("assert_auto::<cw::{name}>")))
        .filter(|name| !this_file.contains(&format!("assert_auto::<cw::{name}<")))
        .collect();
    assert!(
        missing.is_empty(),
        "public types without an auto-trait assertion: {missing:?}"
    );
}
