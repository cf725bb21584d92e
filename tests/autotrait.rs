//! Every public type of the crate, at the root and in its namespaces, is
//! `Send + Sync + Unpin + UnwindSafe + RefUnwindSafe`: a change that drops an
//! auto trait (an `Rc`, a `Cell`, a raw pointer in a field) fails to compile
//! here. The list is the public surface, namespace by namespace (traits have
//! no auto traits of their own: `Stage`, `Transition`, `FollowUpStage`,
//! `FollowUpTransition`, `Roster`).

#![allow(clippy::extra_unused_type_parameters)]

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
    assert_auto::<cw::policy::PolicyBuilder>();
    assert_auto::<cw::policy::PolicyError>();
    assert_auto::<cw::policy::EscalationRule>();
    assert_auto::<cw::policy::ExtensionLimit>();
    assert_auto::<cw::policy::FastPath>();
    assert_auto::<cw::policy::TargetRule>();
    assert_auto::<cw::policy::Conditions>();
    assert_auto::<cw::policy::TargetFacts>();

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
    assert_auto::<cw::Referred>();
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
    assert_auto::<cw::Complaint<cw::Referred>>();
    assert_auto::<cw::Complaint<cw::Closed>>();
    assert_auto::<cw::Rejected<cw::Complaint<cw::Accepted>>>();
    assert_auto::<cw::Rejected<cw::SimpleComplaint>>();
    assert_auto::<cw::Rejected<cw::followup::FollowUp<cw::followup::Scheduled>>>();
    assert_auto::<cw::TypedComplaint>();
    assert_auto::<cw::SimpleComplaint>();

    // Events.
    assert_auto::<cw::Event>();
    assert_auto::<cw::EventKind>();
    assert_auto::<cw::event::Accept>();
    assert_auto::<cw::event::Uphold>();
    assert_auto::<cw::event::Dismiss>();
    assert_auto::<cw::event::Investigate>();
    assert_auto::<cw::event::Findings>();
    assert_auto::<cw::event::ResponsibleParty>();
    assert_auto::<cw::event::Responsibility>();
    assert_auto::<cw::event::RootCause>();
    assert_auto::<cw::event::Routing>();
    assert_auto::<cw::event::Propose>();
    assert_auto::<cw::event::RemedyOption>();
    assert_auto::<cw::event::Compensation>();
    assert_auto::<cw::event::CompensationKind>();
    assert_auto::<cw::event::Currency>();
    assert_auto::<cw::event::InvalidCurrency>();
    assert_auto::<cw::event::ChooseRemedy>();
    assert_auto::<cw::event::Approve>();
    assert_auto::<cw::event::Decline>();
    assert_auto::<cw::event::Execute>();
    assert_auto::<cw::event::Accountability>();
    assert_auto::<cw::event::CustomerNotification>();
    assert_auto::<cw::event::CustomerSignature>();
    assert_auto::<cw::event::Review>();
    assert_auto::<cw::event::Evaluation>();
    assert_auto::<cw::event::Reopen>();
    assert_auto::<cw::event::Dispute>();
    assert_auto::<cw::event::Refer>();
    assert_auto::<cw::event::BodyDue>();
    assert_auto::<cw::event::RecordReferralOutcome>();
    assert_auto::<cw::event::ReferralOutcome>();
    assert_auto::<cw::event::Withdraw>();
    assert_auto::<cw::event::Close>();
    assert_auto::<cw::event::AddNote>();
    assert_auto::<cw::event::PersonalDataErased>();
    assert_auto::<cw::event::Contact>();
    assert_auto::<cw::event::Assign>();
    assert_auto::<cw::event::Transfer>();
    assert_auto::<cw::event::AwaitCustomer>();
    assert_auto::<cw::event::CustomerReplied>();
    assert_auto::<cw::event::ExtendDeadline>();
    assert_auto::<cw::event::Escalate>();
    assert_auto::<cw::event::RepeatContact>();
    assert_auto::<cw::event::Handover>();
    assert_auto::<cw::event::ResolveOnFirstContact>();
    assert_auto::<cw::event::AttemptFollowUp>();
    assert_auto::<cw::event::RescheduleFollowUp>();
    assert_auto::<cw::event::CompleteFollowUp>();
    assert_auto::<cw::event::GiveUpFollowUp>();

    // The stored face.
    assert_auto::<cw::ComplaintRecord>();
    assert_auto::<cw::ComplaintId>();
    assert_auto::<cw::record::EventId>();
    assert_auto::<cw::record::Entry>();
    assert_auto::<cw::record::Decision>();
    assert_auto::<cw::record::Verdict<'static>>();
    assert_auto::<cw::record::TimeAccounting>();
    assert_auto::<cw::record::Span>();
    assert_auto::<cw::record::Approval<'static>>();
    assert_auto::<cw::record::ExpectedVersion>();
    assert_auto::<cw::record::Conflict>();
    assert_auto::<cw::TransitionError>();
    assert_auto::<cw::ReplayError>();
    assert_auto::<cw::error::FieldError>();
    assert_auto::<cw::error::RemedyError>();
    assert_auto::<cw::error::HandlingError>();
    assert_auto::<cw::error::ExtensionError>();
    assert_auto::<cw::error::FollowUpError>();
    assert_auto::<cw::error::FastPathError>();
    assert_auto::<cw::error::RecourseError>();
    assert_auto::<cw::error::NotSimple>();
    assert_auto::<cw::error::SequenceError>();
    assert_auto::<cw::error::SchemaError>();
    assert_auto::<cw::error::DecisionError>();
    assert_auto::<cw::error::Inconsistency>();

    // Follow-up.
    assert_auto::<cw::followup::FollowUp<cw::followup::Scheduled>>();
    assert_auto::<cw::followup::FollowUp<cw::followup::Attempted>>();
    assert_auto::<cw::followup::FollowUp<cw::followup::Completed>>();
    assert_auto::<cw::followup::FollowUp<cw::followup::Exhausted>>();
    assert_auto::<cw::followup::Scheduled>();
    assert_auto::<cw::followup::Attempted>();
    assert_auto::<cw::followup::Completed>();
    assert_auto::<cw::followup::Exhausted>();
    assert_auto::<cw::followup::FollowUpStageKind>();
    assert_auto::<cw::followup::FollowUpRow>();
    assert_auto::<cw::followup::FollowUpStatus>();
    assert_auto::<cw::event::FollowUpOutcome>();
    assert_auto::<cw::followup::TypedFollowUp>();
    assert_auto::<cw::followup::AgreedTime>();
    assert_auto::<cw::time::QuietHours>();
    assert_auto::<cw::event::Satisfaction>();

    // Time.
    assert_auto::<cw::time::Zone>();
    assert_auto::<cw::time::UnknownZone>();
    assert_auto::<cw::time::BusinessCalendar>();
    assert_auto::<cw::time::CalendarError>();
    assert_auto::<cw::time::TimeLimit>();
    assert_auto::<cw::time::Counting>();
    assert_auto::<cw::deadline::Deadline>();
    assert_auto::<cw::deadline::DeadlineId>();
    assert_auto::<cw::deadline::ParseDeadlineIdError>();
    assert_auto::<cw::deadline::WaitingOn>();

    // The storage seam (generic over the store's error; the memory store's
    // is `Infallible`).
    assert_auto::<cw::store::MemoryStore>();
    assert_auto::<cw::store::Complaints<cw::store::MemoryStore>>();
    assert_auto::<cw::store::StoreError<std::fmt::Error>>();
    assert_auto::<cw::store::AppendError<std::fmt::Error>>();
    assert_auto::<cw::store::Applied>();
    assert_auto::<cw::store::DueComplaint>();
    assert_auto::<cw::store::FeedEntry>();
    assert_auto::<cw::deadline::DeadlineKind>();
    assert_auto::<cw::deadline::DeadlineStatus>();
    assert_auto::<cw::deadline::Breach>();
    assert_auto::<cw::deadline::BreachState>();
    assert_auto::<cw::deadline::Agenda>();
    assert_auto::<cw::deadline::AgendaChange>();

    // Values.
    assert_auto::<cw::ActorId>();
    assert_auto::<cw::Category>();
    assert_auto::<cw::Channel>();
    assert_auto::<cw::CommandId>();
    assert_auto::<cw::Complainant>();
    assert_auto::<cw::ComplainantId>();
    assert_auto::<cw::event::ContactMethod>();
    assert_auto::<cw::Department>();
    assert_auto::<cw::Severity>();

    // Contacts and shifts.
    assert_auto::<cw::contacts::IncomingContact>();
    assert_auto::<cw::contacts::ContactMatch>();
    assert_auto::<cw::shifts::ShiftRoster>();

    // Reports.
    assert_auto::<cw::report::Period>();
    assert_auto::<cw::report::PeriodError>();
    assert_auto::<cw::report::ClassificationReport>();
    assert_auto::<cw::report::ComplaintOutcome>();
    assert_auto::<cw::report::Milestone>();
    assert_auto::<cw::report::Durations>();
    assert_auto::<cw::report::FollowUpSummary>();
    assert_auto::<cw::report::ImprovementPoint>();
    assert_auto::<cw::report::BreachReport>();
    assert_auto::<cw::report::BreachLine>();
    assert_auto::<cw::report::DeadlineTally>();
    assert_auto::<cw::report::Ratio>();
    assert_auto::<cw::report::Recourse>();

    // The regulator's export (A5).
    assert_auto::<cw::export::ExportBundle>();
    assert_auto::<cw::export::PeriodExport>();
    assert_auto::<cw::export::Verification>();
    assert_auto::<cw::export::Verification<cw::audit::CheckpointError>>();
    assert_auto::<cw::export::CheckpointCheck>();
    assert_auto::<cw::export::Redaction>();
    assert_auto::<cw::export::ExportError>();
}
