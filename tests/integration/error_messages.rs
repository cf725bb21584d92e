//! Every message of every public error type, pinned: one row per variant,
//! with the exact text `Display` gives. A changed message is a change of the
//! crate's surface (callers log it, match on it in tests, show it to staff)
//! and fails here first.
//!
//! Covering every variant cannot be checked with an exhaustive `match`: the
//! enums are `#[non_exhaustive]`, so outside the crate every `match` needs a
//! `_` arm and the compiler never reports a new variant. Instead each enum
//! has a `const` list of its variant names; the test asserts that the table
//! has a row for each name, and that each list is exactly the variants the
//! enum declares in its source file (read with `include_str!`, one variant a
//! line at four spaces of indentation, as `rustfmt` writes them). A variant
//! added to the source without a row fails one of the two checks.
//!
//! The structs with private fields (`UnknownZone`, `ParseDeadlineIdError`)
//! are produced through the API, by parsing a bad text.

use std::collections::BTreeSet;
use std::fmt::Display;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use complaint_workflow::audit::{ChainError, Part};
use complaint_workflow::deadline::{
    AlarmLevel, DeadlineId, DeadlineKind, DeadlineStatus, WaitingOn,
};
use complaint_workflow::error::{
    AlarmError, DecisionError, ExtensionError, FastPathError, FieldError, FollowUpError,
    HandlingError, Inconsistency, NotSimple, RecourseError, RedactionError, RemedyError,
    SchemaError, SequenceError,
};
use complaint_workflow::event::{Currency, InvalidCurrency};
use complaint_workflow::export::ExportError;
use complaint_workflow::followup::FollowUpStageKind;
use complaint_workflow::policy::PolicyError;
use complaint_workflow::record::{Conflict, ExpectedVersion};
use complaint_workflow::report::PeriodError;
use complaint_workflow::store::{AppendError, StoreError};
use complaint_workflow::time::{CalendarError, QuietHours, TimeLimit, Zone};
use complaint_workflow::{
    ActorId, Category, CommandId, ComplaintId, EventKind, ReplayError, Role, Severity, StageKind,
    TransitionError,
};

use super::support::utc;

/// One variant: its name, a value of it, and its exact message.
type Row<E> = (&'static str, E, &'static str);

/// Asserts every row's message, and that the rows cover exactly `names`.
fn check<E: Display>(enum_name: &str, names: &[&str], rows: &[Row<E>]) {
    for (name, error, message) in rows {
        assert_eq!(error.to_string(), *message, "{enum_name}::{name}");
        assert!(
            !message.ends_with(['.', '!', '?']),
            "{enum_name}::{name}: a message ends without punctuation"
        );
        assert!(
            message.chars().next().is_some_and(|c| !c.is_uppercase()),
            "{enum_name}::{name}: a message starts in lower case"
        );
    }
    let covered: BTreeSet<&str> = rows.iter().map(|(name, ..)| *name).collect();
    let listed: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(
        covered, listed,
        "{enum_name}: rows and variant names differ"
    );
}

/// The variants `enum_name` declares in `source`: the lines at four spaces
/// of indentation that start with an upper-case name, between
/// `pub enum {enum_name} {` and the closing `}`.
fn declared_variants<'a>(source: &'a str, enum_name: &str) -> Vec<&'a str> {
    let opening = [
        format!("pub enum {enum_name} {{"),
        format!("pub enum {enum_name}<"),
    ];
    let mut lines = source
        .lines()
        .skip_while(|line| !opening.iter().any(|o| line.trim().starts_with(o.as_str())))
        .skip(1);
    let mut variants = Vec::new();
    for line in lines.by_ref() {
        if line == "}" {
            return variants;
        }
        let Some(rest) = line.strip_prefix("    ") else {
            continue;
        };
        if rest.starts_with(|c: char| c.is_ascii_uppercase()) {
            let end = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            variants.push(&rest[..end]);
        }
    }
    panic!("`pub enum {enum_name}` not found");
}

/// Each `const` list is exactly what its enum declares.
#[test]
fn the_variant_lists_are_the_declared_variants() {
    let lifecycle = include_str!("../../src/lifecycle/error.rs");
    let record = include_str!("../../src/record/error.rs");
    let calendar = include_str!("../../src/time/calendar.rs");
    let policy = include_str!("../../src/policy/mod.rs");
    let period = include_str!("../../src/report/period.rs");
    let store = include_str!("../../src/store/error.rs");
    let contract = include_str!("../../src/store/contract.rs");
    let recourse = include_str!("../../src/lifecycle/recourse_error.rs");
    let chain = include_str!("../../src/integrity/error.rs");
    let export = include_str!("../../src/export/error.rs");
    let enums: [(&str, &str, &[&str]); 23] = [
        (chain, "ChainError", CHAIN),
        (export, "ExportError", EXPORT),
        (lifecycle, "TransitionError", TRANSITION),
        (lifecycle, "FieldError", FIELD),
        (lifecycle, "RemedyError", REMEDY),
        (lifecycle, "HandlingError", HANDLING),
        (lifecycle, "ExtensionError", EXTENSION),
        (lifecycle, "AlarmError", ALARM),
        (lifecycle, "FollowUpError", FOLLOW_UP),
        (lifecycle, "FastPathError", FAST_PATH),
        (lifecycle, "NotSimple", NOT_SIMPLE),
        (recourse, "RecourseError", RECOURSE),
        (lifecycle, "RedactionError", REDACTION),
        (record, "ReplayError", REPLAY),
        (record, "SequenceError", SEQUENCE),
        (record, "SchemaError", SCHEMA),
        (record, "DecisionError", DECISION),
        (record, "Inconsistency", INCONSISTENCY),
        (calendar, "CalendarError", CALENDAR),
        (policy, "PolicyError", POLICY),
        (period, "PeriodError", PERIOD),
        (store, "StoreError", STORE),
        (contract, "AppendError", APPEND),
    ];
    for (source, name, listed) in enums {
        assert_eq!(declared_variants(source, name), listed, "{name}");
    }
}

const TRANSITION: &[&str] = &[
    "NotAllowed",
    "Unauthorized",
    "TimeWentBackwards",
    "HistoryFull",
    "CommandReused",
    "Calendar",
    "Unencodable",
    "Field",
    "Remedy",
    "Handling",
    "Extension",
    "Alarm",
    "FollowUp",
    "FastPath",
    "Recourse",
    "Redaction",
];
const FIELD: &[&str] = &[
    "Empty",
    "TooLong",
    "TooManyOptions",
    "InFuture",
    "TooEarly",
    "DeadlineNotAhead",
];
const REMEDY: &[&str] = &[
    "UnknownRemedyOption",
    "ZeroCompensation",
    "MissingSignature",
    "AccountabilityMissing",
];
const HANDLING: &[&str] = &[
    "AlreadyAwaitingCustomer",
    "NotAwaitingCustomer",
    "AlreadyAwaitingThirdParty",
    "NotAwaitingThirdParty",
    "EscalationNotHigher",
    "ReclassifiedUnchanged",
    "AlreadyOwner",
];
const EXTENSION: &[&str] = &[
    "UnknownDeadline",
    "DeadlineNotOpen",
    "DeadlineAlreadyMissed",
    "ExtensionNotLater",
    "TooManyExtensions",
    "ExtensionTooFar",
];
const ALARM: &[&str] = &[
    "UnknownDeadline",
    "DeadlineNotRunning",
    "NoWarning",
    "NotYet",
    "AlreadyRaised",
    "UnknownLevel",
    "LevelRole",
];
const FOLLOW_UP: &[&str] = &[
    "NoFollowUp",
    "FollowUpNotAllowed",
    "QuietHours",
    "NoContactTime",
    "CustomerNotReached",
    "AttemptsRemaining",
    "CustomerWasReached",
    "FollowUpOutstanding",
    "MemberFollowUpMissing",
];
const FAST_PATH: &[&str] = &["NotIntakeAgent", "NotSimple"];
const RECOURSE: &[&str] = &["NoFinalResponse", "WindowClosed", "WindowUncountable"];
const NOT_SIMPLE: &[&str] = &["NoFastPath", "Category", "Severity", "TooLate"];
const REPLAY: &[&str] = &[
    "Sequence",
    "Schema",
    "TooManyEntries",
    "Refused",
    "InvalidDecision",
    "Chain",
    "Inconsistent",
];
const CHAIN: &[&str] = &[
    "ForeignHistory",
    "Altered",
    "HashChanged",
    "Dropped",
    "Inserted",
    "Reordered",
    "Unsealed",
    "TextsMismatch",
    "RedactedNotTombstone",
    "UnlicensedRedaction",
    "RedactionNotApplied",
    "Unencodable",
];
const EXPORT: &[&str] = &["Unencodable", "VerificationMismatch", "UnknownFormat"];
const REDACTION: &[&str] = &["NoText", "Repeated", "UnknownText"];
const SEQUENCE: &[&str] = &[
    "Empty",
    "FirstEntryNotAccept",
    "Gap",
    "Duplicate",
    "ForeignComplaint",
];
const SCHEMA: &[&str] = &["Unknown", "Newer"];
const DECISION: &[&str] = &[
    "OpenNotAllowed",
    "DueBeforeStart",
    "WarningAfterDue",
    "AlarmsWithoutDeadline",
    "ResumeNotAllowed",
    "ResumedEarlier",
    "ResumedNotPaused",
    "PauseNotAllowed",
    "PausedNotOpen",
    "RetargetNotAllowed",
    "RetargetedNotRunning",
    "ScheduleNotAllowed",
    "NoAttemptAllowed",
    "RetryNotAllowed",
];
const INCONSISTENCY: &[&str] = &["Id", "Stage", "Version"];
const CALENDAR: &[&str] = &["NoWorkingDays", "InvalidHours", "OutOfRange"];
const POLICY: &[&str] = &[
    "ZeroLimit",
    "TargetNotTimedByPolicy",
    "WarningShare",
    "EscalationNotRising",
    "EscalationOutOfOrder",
    "ZeroSize",
];
const PERIOD: &[&str] = &["NoSuchMonth", "NoSuchWeek", "EndBeforeStart", "OutOfRange"];
const STORE: &[&str] = &["Transition", "Conflict", "Replay", "NotFound", "Store"];
const APPEND: &[&str] = &["Conflict", "Store"];

// ---- Values the rows share ---------------------------------------------------

fn at() -> DateTime<Utc> {
    utc(2026, 11, 23, 9, 0)
}

fn later() -> DateTime<Utc> {
    utc(2026, 11, 30, 17, 30)
}

fn deadline() -> DeadlineId {
    "#3".parse().unwrap()
}

fn complaint(n: u8) -> ComplaintId {
    format!("0193a5c4-0000-7000-8000-00000000000{n}")
        .parse()
        .unwrap()
}

fn time(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap()
}

fn field(path: &str) -> String {
    path.to_owned()
}

// ---- The lifecycle's errors --------------------------------------------------

#[test]
fn transition_error_messages() {
    let rows: Vec<Row<TransitionError>> = vec![
        (
            "NotAllowed",
            TransitionError::NotAllowed {
                event: EventKind::Approve,
                stage: StageKind::Accepted,
            },
            "event `approve` is not valid for a complaint in stage `accepted`",
        ),
        (
            "Unauthorized",
            TransitionError::Unauthorized {
                event: EventKind::Approve,
                actor: ActorId::new("agent-7"),
                required: Role::Supervisor,
                found: Role::Agent,
            },
            "event `approve` needs the role `supervisor` or higher, but actor `agent-7` has the role `agent`",
        ),
        (
            "TimeWentBackwards",
            TransitionError::TimeWentBackwards {
                at: at(),
                previous: later(),
            },
            "time went backwards: the event is at 2026-11-23 09:00:00 UTC, before the previous entry at 2026-11-30 17:30:00 UTC",
        ),
        (
            "HistoryFull",
            TransitionError::HistoryFull { limit: 500 },
            "the history already holds 500 entries, the most the policy allows",
        ),
        (
            "CommandReused",
            TransitionError::CommandReused {
                command: CommandId::new("form-42"),
            },
            "command `form-42` was already applied with a different event",
        ),
        (
            "Calendar",
            TransitionError::Calendar {
                kind: DeadlineKind::FinalResponse,
                source: CalendarError::NoWorkingDays,
            },
            "the due time of the `final_response` deadline cannot be computed: the calendar has no working weekday: business days and hours cannot be counted",
        ),
        (
            "Unencodable",
            TransitionError::Unencodable {
                reason: "a floating-point number".into(),
            },
            "the entry cannot be encoded for its hash: a floating-point number",
        ),
        // The families add no text of their own.
        (
            "Field",
            FieldError::Empty {
                field: field("content"),
            }
            .into(),
            "`content` must not be empty",
        ),
        (
            "Remedy",
            RemedyError::MissingSignature.into(),
            "the customer's signed acceptance is missing: a remedy is executed only after the customer signs",
        ),
        (
            "Handling",
            HandlingError::NotAwaitingCustomer.into(),
            "the complaint does not wait on the customer",
        ),
        (
            "Extension",
            ExtensionError::UnknownDeadline {
                deadline: deadline(),
            }
            .into(),
            "the complaint has no deadline #3",
        ),
        (
            "Alarm",
            AlarmError::NoWarning {
                deadline: deadline(),
            }
            .into(),
            "deadline #3 has no warning: it is never at risk before it is due",
        ),
        (
            "FollowUp",
            FollowUpError::NoFollowUp.into(),
            "no follow-up is scheduled for the current handling round",
        ),
        (
            "FastPath",
            FastPathError::NotSimple(NotSimple::NoFastPath).into(),
            "the complaint is not simple enough for the fast path: the policy has no fast path",
        ),
        (
            "Recourse",
            RecourseError::NoFinalResponse.into(),
            "the complaint has no final response (it was withdrawn): there is nothing to dispute or refer",
        ),
        (
            "Redaction",
            RedactionError::NoText.into(),
            "the redaction names no text",
        ),
    ];
    check("TransitionError", TRANSITION, &rows);
}

/// A2: a redaction's refusals.
#[test]
fn a2_redaction_error_messages() {
    let text = || "/event/data/text".to_owned();
    let rows: Vec<Row<RedactionError>> = vec![
        (
            "NoText",
            RedactionError::NoText,
            "the redaction names no text",
        ),
        (
            "Repeated",
            RedactionError::Repeated {
                sequence: 2,
                path: text(),
            },
            "the redaction names the text at /event/data/text of entry 2 twice",
        ),
        (
            "UnknownText",
            RedactionError::UnknownText {
                sequence: 2,
                path: text(),
            },
            "entry 2 has no personal text at /event/data/text to redact",
        ),
    ];
    check("RedactionError", REDACTION, &rows);
}

/// D1, D2: the dispute's and the referral's refusals.
#[test]
fn d1_d2_recourse_error_messages() {
    let rows: Vec<Row<RecourseError>> = vec![
        (
            "NoFinalResponse",
            RecourseError::NoFinalResponse,
            "the complaint has no final response (it was withdrawn): there is nothing to dispute or refer",
        ),
        (
            "WindowClosed",
            RecourseError::WindowClosed {
                final_response_at: at(),
                window_ends: later(),
                at: utc(2026, 12, 1, 9, 0),
            },
            "the window to dispute the final response of 2026-11-23 09:00:00 UTC ended at 2026-11-30 17:30:00 UTC; the event is at 2026-12-01 09:00:00 UTC",
        ),
        (
            "WindowUncountable",
            RecourseError::WindowUncountable {
                source: CalendarError::NoWorkingDays,
            },
            "the end of the dispute window cannot be computed: the calendar has no working weekday: business days and hours cannot be counted",
        ),
    ];
    check("RecourseError", RECOURSE, &rows);
}

#[test]
fn field_error_messages() {
    let rows: Vec<Row<FieldError>> = vec![
        (
            "Empty",
            FieldError::Empty {
                field: field("findings.responsible_parties"),
            },
            "`findings.responsible_parties` must not be empty",
        ),
        (
            "TooLong",
            FieldError::TooLong {
                field: field("accountability[2].person"),
                found: 2000,
                limit: 1024,
            },
            "`accountability[2].person` is 2000 bytes long; the policy allows at most 1024",
        ),
        (
            "TooManyOptions",
            FieldError::TooManyOptions { found: 5, limit: 4 },
            "the proposal has 5 remedy options; the policy allows at most 4",
        ),
        (
            "InFuture",
            FieldError::InFuture {
                field: field("received_at"),
                time: later(),
                at: at(),
            },
            "`received_at` is 2026-11-30 17:30:00 UTC, after the event at 2026-11-23 09:00:00 UTC",
        ),
        (
            "TooEarly",
            FieldError::TooEarly {
                field: field("signature.signed_at"),
                time: at(),
                earliest: later(),
            },
            "`signature.signed_at` is 2026-11-23 09:00:00 UTC, before 2026-11-30 17:30:00 UTC, the earliest it can be",
        ),
        (
            "DeadlineNotAhead",
            FieldError::DeadlineNotAhead {
                field: field("callback_due"),
                due: at(),
                at: later(),
            },
            "`callback_due` is 2026-11-23 09:00:00 UTC, which is not after the event at 2026-11-30 17:30:00 UTC",
        ),
    ];
    check("FieldError", FIELD, &rows);
}

#[test]
fn remedy_error_messages() {
    let rows: Vec<Row<RemedyError>> = vec![
        (
            "UnknownRemedyOption",
            RemedyError::UnknownRemedyOption {
                option: 3,
                available: 2,
            },
            "remedy option 3 does not exist: the proposal has options 1 to 2",
        ),
        (
            "ZeroCompensation",
            RemedyError::ZeroCompensation { option: 1 },
            "the compensation of remedy option 1 is zero: a compensation must be above zero",
        ),
        (
            "MissingSignature",
            RemedyError::MissingSignature,
            "the customer's signed acceptance is missing: a remedy is executed only after the customer signs",
        ),
        (
            "AccountabilityMissing",
            RemedyError::AccountabilityMissing {
                person: "Li Wei".to_owned(),
            },
            "no accountability entry for `Li Wei`, who the findings name as responsible",
        ),
    ];
    check("RemedyError", REMEDY, &rows);
}

#[test]
fn handling_error_messages() {
    let rows: Vec<Row<HandlingError>> = vec![
        (
            "AlreadyAwaitingCustomer",
            HandlingError::AlreadyAwaitingCustomer { since: at() },
            "the complaint already waits on the customer since 2026-11-23 09:00:00 UTC",
        ),
        (
            "NotAwaitingCustomer",
            HandlingError::NotAwaitingCustomer,
            "the complaint does not wait on the customer",
        ),
        (
            "AlreadyAwaitingThirdParty",
            HandlingError::AlreadyAwaitingThirdParty { since: at() },
            "the complaint already waits on a third party since 2026-11-23 09:00:00 UTC",
        ),
        (
            "NotAwaitingThirdParty",
            HandlingError::NotAwaitingThirdParty,
            "the complaint does not wait on a third party",
        ),
        (
            "EscalationNotHigher",
            HandlingError::EscalationNotHigher {
                current: Role::TeamLead,
                requested: Role::Agent,
            },
            "the complaint is already at the role `team_lead`; an escalation to `agent` is not higher",
        ),
        (
            "ReclassifiedUnchanged",
            HandlingError::ReclassifiedUnchanged {
                severity: Severity::High,
                category: Category::new("billing"),
            },
            "the complaint is already of severity `high` in category `billing`: a reclassification changes one of them",
        ),
        (
            "AlreadyOwner",
            HandlingError::AlreadyOwner {
                owner: ActorId::new("agent-7"),
            },
            "`agent-7` already owns the complaint",
        ),
    ];
    check("HandlingError", HANDLING, &rows);
}

#[test]
fn extension_error_messages() {
    let rows: Vec<Row<ExtensionError>> = vec![
        (
            "UnknownDeadline",
            ExtensionError::UnknownDeadline {
                deadline: deadline(),
            },
            "the complaint has no deadline #3",
        ),
        (
            "DeadlineNotOpen",
            ExtensionError::DeadlineNotOpen {
                deadline: deadline(),
                status: DeadlineStatus::Met { at: at() },
            },
            "deadline #3 is not open but met at 2026-11-23 09:00:00 UTC: only an open deadline can be extended",
        ),
        (
            "DeadlineAlreadyMissed",
            ExtensionError::DeadlineAlreadyMissed {
                deadline: deadline(),
                due: at(),
            },
            "deadline #3 was due at 2026-11-23 09:00:00 UTC and is already missed: a missed deadline cannot be extended",
        ),
        (
            "ExtensionNotLater",
            ExtensionError::ExtensionNotLater {
                deadline: deadline(),
                due: at(),
                current: later(),
            },
            "extending deadline #3 to 2026-11-23 09:00:00 UTC does not move it past its due time 2026-11-30 17:30:00 UTC",
        ),
        (
            "TooManyExtensions",
            ExtensionError::TooManyExtensions {
                deadline: deadline(),
                limit: 1,
            },
            "deadline #3 cannot be extended: the policy allows one extension and it was used",
        ),
        (
            "ExtensionTooFar",
            ExtensionError::ExtensionTooFar {
                deadline: deadline(),
                due: later(),
                latest: at(),
            },
            "extending deadline #3 to 2026-11-30 17:30:00 UTC goes past 2026-11-23 09:00:00 UTC, the latest the policy allows",
        ),
    ];
    check("ExtensionError", EXTENSION, &rows);
}

#[test]
fn alarm_error_messages() {
    let rows: Vec<Row<AlarmError>> = vec![
        (
            "UnknownDeadline",
            AlarmError::UnknownDeadline {
                deadline: deadline(),
            },
            "the complaint has no deadline #3",
        ),
        (
            "DeadlineNotRunning",
            AlarmError::DeadlineNotRunning {
                deadline: deadline(),
                status: DeadlineStatus::Met { at: at() },
            },
            "deadline #3 is not running but met at 2026-11-23 09:00:00 UTC: it raises no alarm",
        ),
        (
            "NoWarning",
            AlarmError::NoWarning {
                deadline: deadline(),
            },
            "deadline #3 has no warning: it is never at risk before it is due",
        ),
        (
            "NotYet",
            AlarmError::NotYet {
                deadline: deadline(),
                alarm: "warning".into(),
                falls_at: at(),
            },
            "the warning of deadline #3 falls at 2026-11-23 09:00:00 UTC, not yet",
        ),
        (
            "AlreadyRaised",
            AlarmError::AlreadyRaised {
                deadline: deadline(),
                level: AlarmLevel::AtRisk,
            },
            "the alarm that deadline #3 is at risk was already raised",
        ),
        (
            "UnknownLevel",
            AlarmError::UnknownLevel {
                deadline: deadline(),
                level: 3,
            },
            "the escalation chain of deadline #3 has no level 3",
        ),
        (
            "LevelRole",
            AlarmError::LevelRole {
                deadline: deadline(),
                level: 2,
                expected: Role::Supervisor,
                requested: Role::TeamLead,
            },
            "level 2 of the chain of deadline #3 escalates to `supervisor`, not `team_lead`",
        ),
    ];
    check("AlarmError", ALARM, &rows);
}

/// The words of `TooManyExtensions` for each limit, and of `DeadlineNotOpen`
/// for each status it can meet.
#[test]
fn extension_error_words_for_every_limit_and_status() {
    let too_many = |limit| {
        ExtensionError::TooManyExtensions {
            deadline: deadline(),
            limit,
        }
        .to_string()
    };
    assert_eq!(
        too_many(0),
        "deadline #3 cannot be extended: the policy allows no extension"
    );
    assert_eq!(
        too_many(3),
        "deadline #3 cannot be extended: the policy allows 3 extensions and all were used"
    );
    let not_open = |status| {
        ExtensionError::DeadlineNotOpen {
            deadline: deadline(),
            status,
        }
        .to_string()
    };
    assert_eq!(
        not_open(DeadlineStatus::Paused {
            by: WaitingOn::Customer,
            since: at(),
            remaining_seconds: 3600,
        }),
        "deadline #3 is not open but paused since 2026-11-23 09:00:00 UTC, waiting on the customer: only an open deadline can be extended"
    );
    assert_eq!(
        not_open(DeadlineStatus::Cancelled { at: later() }),
        "deadline #3 is not open but cancelled at 2026-11-30 17:30:00 UTC: only an open deadline can be extended"
    );
    assert_eq!(DeadlineStatus::Open.to_string(), "open");
}

#[test]
fn follow_up_error_messages() {
    let rows: Vec<Row<FollowUpError>> = vec![
        (
            "NoFollowUp",
            FollowUpError::NoFollowUp,
            "no follow-up is scheduled for the current handling round",
        ),
        (
            "FollowUpNotAllowed",
            FollowUpError::FollowUpNotAllowed {
                event: EventKind::CompleteFollowUp,
                stage: FollowUpStageKind::Scheduled,
            },
            "event `complete_follow_up` is not valid for a follow-up in stage `scheduled`",
        ),
        (
            "QuietHours",
            FollowUpError::QuietHours {
                local: NaiveDate::from_ymd_opt(2026, 11, 23)
                    .unwrap()
                    .and_time(time(22, 30)),
                zone: Zone::fixed(8 * 3600).unwrap(),
                quiet: QuietHours::new(time(21, 0), time(9, 0)),
            },
            "2026-11-23 22:30:00 is inside the customer's quiet hours 21:00–09:00 (+08:00)",
        ),
        (
            "NoContactTime",
            FollowUpError::NoContactTime { after: at() },
            "no time outside the customer's quiet hours after 2026-11-23 09:00:00 UTC",
        ),
        (
            "CustomerNotReached",
            FollowUpError::CustomerNotReached,
            "the last follow-up attempt did not reach the customer: attempt again before completing",
        ),
        (
            "AttemptsRemaining",
            FollowUpError::AttemptsRemaining {
                made: 1,
                allowed: 3,
            },
            "1 of 3 follow-up attempts were made without reaching the customer: attempts remain",
        ),
        (
            "CustomerWasReached",
            FollowUpError::CustomerWasReached,
            "the last follow-up attempt reached the customer: complete the follow-up instead of giving it up",
        ),
        (
            "FollowUpOutstanding",
            FollowUpError::FollowUpOutstanding {
                stage: FollowUpStageKind::Attempted,
            },
            "the follow-up is `attempted`: a complaint is closed or reopened only after its follow-up is completed or exhausted",
        ),
        (
            "MemberFollowUpMissing",
            FollowUpError::MemberFollowUpMissing,
            "the complainant is a member and the complaint was handled, but no follow-up was scheduled",
        ),
    ];
    check("FollowUpError", FOLLOW_UP, &rows);
}

#[test]
fn fast_path_error_messages() {
    let rows: Vec<Row<FastPathError>> = vec![
        (
            "NotIntakeAgent",
            FastPathError::NotIntakeAgent {
                intake: ActorId::new("agent-7"),
                actor: ActorId::new("agent-9"),
            },
            "only `agent-7`, who accepted the complaint, may resolve it on the first contact, not `agent-9`",
        ),
        (
            "NotSimple",
            FastPathError::NotSimple(NotSimple::Severity {
                severity: Severity::High,
                max: Severity::Medium,
            }),
            "the complaint is not simple enough for the fast path: the severity `high` is above `medium`",
        ),
    ];
    check("FastPathError", FAST_PATH, &rows);
}

#[test]
fn not_simple_messages() {
    let rows: Vec<Row<NotSimple>> = vec![
        (
            "NoFastPath",
            NotSimple::NoFastPath,
            "the policy has no fast path",
        ),
        (
            "Category",
            NotSimple::Category {
                category: Category::new("quality"),
            },
            "the category `quality` is not a fast-path category",
        ),
        (
            "Severity",
            NotSimple::Severity {
                severity: Severity::High,
                max: Severity::Medium,
            },
            "the severity `high` is above `medium`",
        ),
        (
            "TooLate",
            NotSimple::TooLate {
                latest: at(),
                within: TimeLimit::Minutes(5),
            },
            "it is resolved after 2026-11-23 09:00:00 UTC, 5 minutes after receipt",
        ),
    ];
    check("NotSimple", NOT_SIMPLE, &rows);
}

// ---- The record's errors -----------------------------------------------------

#[test]
fn replay_error_messages() {
    let rows: Vec<Row<ReplayError>> = vec![
        // The families add no text of their own.
        (
            "Sequence",
            SequenceError::Empty.into(),
            "the history is empty: a complaint's history starts with an `accept` entry",
        ),
        (
            "Schema",
            SchemaError::Unknown {
                sequence: 1,
                found: 0,
                newest: 1,
            }
            .into(),
            "entry 1 has the unknown schema version 0; known versions are 1 to 1",
        ),
        (
            "TooManyEntries",
            ReplayError::TooManyEntries { limit: 10_000 },
            "the history holds more than 10000 entries, the most this reader takes",
        ),
        (
            "Refused",
            ReplayError::Refused {
                sequence: 4,
                event: EventKind::Approve,
                source: TransitionError::NotAllowed {
                    event: EventKind::Approve,
                    stage: StageKind::Accepted,
                },
            },
            "entry 4 (`approve`) is refused: event `approve` is not valid for a complaint in stage `accepted`",
        ),
        (
            "InvalidDecision",
            ReplayError::InvalidDecision {
                sequence: 6,
                reason: DecisionError::NoAttemptAllowed,
            },
            "entry 6 records an effect its event cannot have: a follow-up is scheduled with no attempt allowed",
        ),
        (
            "Chain",
            ChainError::Dropped { sequence: 3 }.into(),
            "an entry before entry 3 was dropped: it links to an entry not in the history",
        ),
        (
            "Inconsistent",
            Inconsistency::Version {
                stored: 6,
                replayed: 7,
            }
            .into(),
            "the stored version is 6, but the history replays to 7",
        ),
    ];
    check("ReplayError", REPLAY, &rows);
}

/// A1: each kind of tampering the hash chain names.
#[test]
fn a1_chain_error_messages() {
    let (one, two) = (complaint(1), complaint(2));
    let rows: Vec<Row<ChainError>> = vec![
        (
            "ForeignHistory",
            ChainError::ForeignHistory {
                expected: one,
                found: two,
            },
            "the history is complaint 0193a5c4-0000-7000-8000-000000000002's, not complaint 0193a5c4-0000-7000-8000-000000000001's",
        ),
        (
            "Altered",
            ChainError::Altered {
                sequence: 2,
                part: Part::Texts,
            },
            "entry 2 was altered: its texts is not what was sealed",
        ),
        (
            "HashChanged",
            ChainError::HashChanged { sequence: 2 },
            "entry 2's hash is not the hash of its content",
        ),
        (
            "Dropped",
            ChainError::Dropped { sequence: 2 },
            "an entry before entry 2 was dropped: it links to an entry not in the history",
        ),
        (
            "Inserted",
            ChainError::Inserted { sequence: 2 },
            "entry 2 was inserted: the entry after it links to the one before it",
        ),
        (
            "Reordered",
            ChainError::Reordered { sequence: 2 },
            "the order was changed at entry 2: it links to an entry that comes after it",
        ),
        (
            "Unsealed",
            ChainError::Unsealed { sequence: 2 },
            "entry 2 has no seal, but an entry before it has one",
        ),
        (
            "TextsMismatch",
            ChainError::TextsMismatch {
                sequence: 2,
                path: "/event/data/content".into(),
            },
            "entry 2's seal does not cover its personal text at /event/data/content",
        ),
        (
            "RedactedNotTombstone",
            ChainError::RedactedNotTombstone {
                sequence: 2,
                path: "/event/data/content".into(),
            },
            "entry 2's text at /event/data/content is sealed as redacted, but it is not the tombstone",
        ),
        (
            "UnlicensedRedaction",
            ChainError::UnlicensedRedaction {
                sequence: 2,
                path: "/event/data/content".into(),
            },
            "entry 2's text at /event/data/content was redacted, but no redaction names it",
        ),
        (
            "RedactionNotApplied",
            ChainError::RedactionNotApplied {
                sequence: 5,
                entry: 2,
                path: "/event/data/content".into(),
            },
            "redaction entry 5 names the text at /event/data/content of entry 2, which is not redacted",
        ),
        (
            "Unencodable",
            ChainError::Unencodable {
                sequence: 2,
                reason: "a floating-point number".into(),
            },
            "entry 2 cannot be encoded for hashing: a floating-point number",
        ),
    ];
    check("ChainError", CHAIN, &rows);
}

#[test]
fn a5_export_error_messages() {
    let rows: Vec<Row<ExportError>> = vec![
        (
            "Unencodable",
            ExportError::Unencodable {
                reason: "a floating-point number".into(),
            },
            "the export cannot be written as JSON: a floating-point number",
        ),
        (
            "VerificationMismatch",
            ExportError::VerificationMismatch {
                complaint: complaint(1),
            },
            "the export of complaint 0193a5c4-0000-7000-8000-000000000001 claims a verification its history does not give",
        ),
        (
            "UnknownFormat",
            ExportError::UnknownFormat {
                expected: "complaint-workflow.export.v1",
                found: "complaint-workflow.export.v2".into(),
            },
            "`complaint-workflow.export.v2` is not an export format this crate reads: expected `complaint-workflow.export.v1`",
        ),
    ];
    check("ExportError", EXPORT, &rows);
}

#[test]
fn sequence_error_messages() {
    let rows: Vec<Row<SequenceError>> = vec![
        (
            "Empty",
            SequenceError::Empty,
            "the history is empty: a complaint's history starts with an `accept` entry",
        ),
        (
            "FirstEntryNotAccept",
            SequenceError::FirstEntryNotAccept {
                found: EventKind::Uphold,
            },
            "the first entry must be `accept`, found `uphold`",
        ),
        (
            "Gap",
            SequenceError::Gap {
                expected: 3,
                found: 5,
            },
            "sequence gap: expected entry 3, found entry 5",
        ),
        (
            "Duplicate",
            SequenceError::Duplicate {
                expected: 3,
                found: 2,
            },
            "duplicate sequence: entry 2 was already replayed, expected entry 3",
        ),
        (
            "ForeignComplaint",
            SequenceError::ForeignComplaint {
                sequence: 2,
                expected: complaint(1),
                found: complaint(2),
            },
            "entry 2 belongs to complaint 0193a5c4-0000-7000-8000-000000000002, not to 0193a5c4-0000-7000-8000-000000000001",
        ),
    ];
    check("SequenceError", SEQUENCE, &rows);
}

#[test]
fn schema_error_messages() {
    let rows: Vec<Row<SchemaError>> = vec![
        (
            "Unknown",
            SchemaError::Unknown {
                sequence: 1,
                found: 0,
                newest: 2,
            },
            "entry 1 has the unknown schema version 0; known versions are 1 to 2",
        ),
        (
            "Newer",
            SchemaError::Newer {
                sequence: 4,
                found: 3,
                newest: 2,
            },
            "entry 4 has schema version 3, newer than 2, the newest this version of the crate reads: upgrade the crate",
        ),
    ];
    check("SchemaError", SCHEMA, &rows);
}

#[test]
fn decision_error_messages() {
    let rows: Vec<Row<DecisionError>> = vec![
        (
            "OpenNotAllowed",
            DecisionError::OpenNotAllowed,
            "the event does not open a deadline of this kind",
        ),
        (
            "DueBeforeStart",
            DecisionError::DueBeforeStart,
            "a deadline is due before it starts",
        ),
        (
            "WarningAfterDue",
            DecisionError::WarningAfterDue,
            "a deadline's warning falls after its due time",
        ),
        (
            "AlarmsWithoutDeadline",
            DecisionError::AlarmsWithoutDeadline,
            "an alarm plan is recorded, but the event opens no deadline of its own",
        ),
        (
            "ResumeNotAllowed",
            DecisionError::ResumeNotAllowed,
            "only the customer's reply resumes deadlines",
        ),
        (
            "ResumedEarlier",
            DecisionError::ResumedEarlier,
            "a resumed deadline is due before it was",
        ),
        (
            "ResumedNotPaused",
            DecisionError::ResumedNotPaused,
            "the resumed deadline is not paused",
        ),
        (
            "PauseNotAllowed",
            DecisionError::PauseNotAllowed,
            "only awaiting the customer pauses deadlines",
        ),
        (
            "PausedNotOpen",
            DecisionError::PausedNotOpen,
            "the paused deadline is not open",
        ),
        (
            "RetargetNotAllowed",
            DecisionError::RetargetNotAllowed,
            "only a reclassification re-targets deadlines",
        ),
        (
            "RetargetedNotRunning",
            DecisionError::RetargetedNotRunning,
            "the re-targeted deadline was finished or already missed",
        ),
        (
            "ScheduleNotAllowed",
            DecisionError::ScheduleNotAllowed,
            "only an executed remedy or a replied dismissal schedules a follow-up",
        ),
        (
            "NoAttemptAllowed",
            DecisionError::NoAttemptAllowed,
            "a follow-up is scheduled with no attempt allowed",
        ),
        (
            "RetryNotAllowed",
            DecisionError::RetryNotAllowed,
            "only an attempt that missed the customer schedules a retry",
        ),
    ];
    check("DecisionError", DECISION, &rows);
}

#[test]
fn inconsistency_messages() {
    let rows: Vec<Row<Inconsistency>> = vec![
        (
            "Id",
            Inconsistency::Id {
                stored: complaint(1),
                replayed: complaint(2),
            },
            "the stored id is 0193a5c4-0000-7000-8000-000000000001, but the history replays to 0193a5c4-0000-7000-8000-000000000002",
        ),
        (
            "Stage",
            Inconsistency::Stage {
                stored: StageKind::Executed,
                replayed: StageKind::Reviewed,
            },
            "the stored stage is executed, but the history replays to reviewed",
        ),
        (
            "Version",
            Inconsistency::Version {
                stored: 6,
                replayed: 7,
            },
            "the stored version is 6, but the history replays to 7",
        ),
    ];
    check("Inconsistency", INCONSISTENCY, &rows);
}

/// `Conflict` is a struct; its message has one shape per expected version and
/// one per stored version.
#[test]
fn conflict_messages() {
    let rows: Vec<Row<Conflict>> = vec![
        (
            "Exactly, at a version",
            Conflict {
                expected: ExpectedVersion::Exactly(3),
                actual: Some(4),
            },
            "version conflict: expected version 3, but the complaint is at version 4",
        ),
        (
            "NoRecord, at a version",
            Conflict {
                expected: ExpectedVersion::NoRecord,
                actual: Some(1),
            },
            "version conflict: expected no record, but the complaint is at version 1",
        ),
        (
            "Any, no complaint",
            Conflict {
                expected: ExpectedVersion::Any,
                actual: None,
            },
            "version conflict: expected any version, but there is no such complaint",
        ),
    ];
    check(
        "Conflict",
        &[
            "Exactly, at a version",
            "NoRecord, at a version",
            "Any, no complaint",
        ],
        &rows,
    );
}

// ---- The errors of time, policy, reports and values -------------------------

#[test]
fn calendar_error_messages() {
    let rows: Vec<Row<CalendarError>> = vec![
        (
            "NoWorkingDays",
            CalendarError::NoWorkingDays,
            "the calendar has no working weekday: business days and hours cannot be counted",
        ),
        (
            "InvalidHours",
            CalendarError::InvalidHours {
                opens: time(17, 0),
                closes: time(9, 0),
            },
            "working hours must open before they close, found 17:00:00 to 09:00:00",
        ),
        (
            "OutOfRange",
            CalendarError::OutOfRange,
            "the result lies beyond the supported range of dates (100000 days from the start at most)",
        ),
    ];
    check("CalendarError", CALENDAR, &rows);
}

/// The variants of `CalendarFileError` (behind the `icalendar` feature).
#[cfg(feature = "icalendar")]
const CALENDAR_FILE: &[&str] = &[
    "NotICalendar",
    "MalformedLine",
    "MismatchedEnd",
    "Unclosed",
    "OutsideCalendar",
    "MissingDate",
    "InvalidDate",
    "NotAllDay",
    "EndNotAfterStart",
    "SpanTooLong",
    "BothOffAndWorking",
    "NoMarker",
    "Conflict",
    "Repeated",
    "Unsupported",
];

/// W7: every message of a refused holiday file names its line.
#[cfg(feature = "icalendar")]
#[test]
fn calendar_file_error_messages() {
    use complaint_workflow::time::CalendarFileError;
    let source = include_str!("../../src/time/holiday_file/error.rs");
    assert_eq!(
        declared_variants(source, "CalendarFileError"),
        CALENDAR_FILE
    );
    let date = |day| NaiveDate::from_ymd_opt(2026, 2, day).unwrap();
    let rows: Vec<Row<CalendarFileError>> = vec![
        (
            "NotICalendar",
            CalendarFileError::NotICalendar { line: 1 },
            "line 1: not an iCalendar text: it must begin with BEGIN:VCALENDAR",
        ),
        (
            "MalformedLine",
            CalendarFileError::MalformedLine { line: 7 },
            "line 7: not an iCalendar content line (NAME;PARAMETER=VALUE:VALUE)",
        ),
        (
            "MismatchedEnd",
            CalendarFileError::MismatchedEnd {
                line: 9,
                expected: "VEVENT".into(),
                found: "VTODO".into(),
            },
            "line 9: END:VTODO does not close BEGIN:VEVENT",
        ),
        (
            "Unclosed",
            CalendarFileError::Unclosed {
                line: 2,
                component: "VEVENT\n".into(),
            },
            "line 2: BEGIN:VEVENT\\n is never closed",
        ),
        (
            "OutsideCalendar",
            CalendarFileError::OutsideCalendar { line: 40 },
            "line 40: content after END:VCALENDAR",
        ),
        (
            "MissingDate",
            CalendarFileError::MissingDate { line: 5 },
            "line 5: the event has no DTSTART",
        ),
        (
            "InvalidDate",
            CalendarFileError::InvalidDate {
                line: 6,
                value: "2026-02-\"15".into(),
            },
            "line 6: \"2026-02-\\\"15\" is not a date (YYYYMMDD)",
        ),
        (
            "NotAllDay",
            CalendarFileError::NotAllDay { line: 6 },
            "line 6: a timed event where a whole day was expected (DTSTART;VALUE=DATE:YYYYMMDD)",
        ),
        (
            "EndNotAfterStart",
            CalendarFileError::EndNotAfterStart {
                line: 7,
                start: date(15),
                end: date(14),
            },
            "line 7: the event ends on 2026-02-14 (exclusive) but starts on 2026-02-15",
        ),
        (
            "SpanTooLong",
            CalendarFileError::SpanTooLong { line: 7, days: 730 },
            "line 7: the event spans 730 days, more than the 366 one event may span",
        ),
        (
            "BothOffAndWorking",
            CalendarFileError::BothOffAndWorking { line: 8 },
            "line 8: the event is marked both as a day off and as a working day",
        ),
        (
            "NoMarker",
            CalendarFileError::NoMarker { line: 5 },
            "line 5: the event is marked neither as a day off nor as a working day \
             (CATEGORIES:HOLIDAY or CATEGORIES:WORKDAY, or a SUMMARY ending in \" 休\" or \" 班\")",
        ),
        (
            "Conflict",
            CalendarFileError::Conflict {
                line: 20,
                date: date(14),
                other_line: 5,
            },
            "line 20: 2026-02-14 is a day off in one event and a working day in the other (line 5)",
        ),
        (
            "Repeated",
            CalendarFileError::Repeated {
                line: 8,
                property: "DTSTART",
            },
            "line 8: a second DTSTART in one event",
        ),
        (
            "Unsupported",
            CalendarFileError::Unsupported {
                line: 8,
                property: "RRULE",
            },
            "line 8: RRULE is not read: give each event its own DTSTART and DTEND",
        ),
    ];
    for (name, error, _) in &rows {
        assert!(error.line() >= 1, "CalendarFileError::{name} names a line");
    }
    check("CalendarFileError", CALENDAR_FILE, &rows);
}

#[test]
fn policy_error_messages() {
    let rows: Vec<Row<PolicyError>> = vec![
        (
            "ZeroLimit",
            PolicyError::ZeroLimit {
                field: field("first_response.phone"),
            },
            "the time limit `first_response.phone` is zero; a deadline needs time",
        ),
        (
            "TargetNotTimedByPolicy",
            PolicyError::TargetNotTimedByPolicy {
                index: 2,
                kind: DeadlineKind::Investigation,
            },
            "target rule 2 times `investigation` deadlines, whose due time the event gives",
        ),
        (
            "WarningShare",
            PolicyError::WarningShare {
                kind: DeadlineKind::FinalResponse,
                percent: 100,
            },
            "the warning of `final_response` deadlines is at 100 % of their time; a share is 1 to 99 %",
        ),
        (
            "EscalationNotRising",
            PolicyError::EscalationNotRising {
                kind: DeadlineKind::FinalResponse,
                level: 2,
                to: Role::TeamLead,
            },
            "level 2 of the escalation chain of `final_response` deadlines escalates to `team_lead`, not higher than the level before it",
        ),
        (
            "EscalationOutOfOrder",
            PolicyError::EscalationOutOfOrder {
                kind: DeadlineKind::FinalResponse,
                level: 2,
            },
            "level 2 of the escalation chain of `final_response` deadlines fires before the level below it",
        ),
        (
            "ZeroSize",
            PolicyError::ZeroSize {
                field: "max_text_bytes",
            },
            "`max_text_bytes` is zero; nothing could be recorded",
        ),
    ];
    check("PolicyError", POLICY, &rows);
}

#[test]
fn period_error_messages() {
    let rows: Vec<Row<PeriodError>> = vec![
        (
            "NoSuchMonth",
            PeriodError::NoSuchMonth {
                year: 2026,
                month: 13,
            },
            "there is no month 13 in the year 2026: expected a month from 1 to 12",
        ),
        (
            "NoSuchWeek",
            PeriodError::NoSuchWeek {
                year: 2026,
                week: 54,
            },
            "there is no ISO week 54 in the year 2026: expected a week from 1 to 52 or 53",
        ),
        (
            "EndBeforeStart",
            PeriodError::EndBeforeStart {
                start: later(),
                end: at(),
            },
            "the period ends at 2026-11-23 09:00:00 UTC before it starts at 2026-11-30 17:30:00 UTC",
        ),
        (
            "OutOfRange",
            PeriodError::OutOfRange,
            "a boundary of the period is outside the supported dates",
        ),
    ];
    check("PeriodError", PERIOD, &rows);
}

/// The structs, through the API where their fields are private. A quote or
/// a control character in the text given is escaped, so the message stays on
/// one line.
#[test]
fn struct_error_messages() {
    let unknown_zone = "Mars/Olympus".parse::<Zone>().unwrap_err();
    let iana = if cfg!(feature = "tz") {
        " or an IANA zone like \"Asia/Shanghai\""
    } else {
        " (IANA names need the `tz` feature)"
    };
    assert_eq!(
        unknown_zone.to_string(),
        format!(
            "unknown time zone \"Mars/Olympus\": expected \"UTC\", an offset like \"+08:00\"{iana}"
        )
    );
    let escaped = "Mars\n\"Base\"".parse::<Zone>().unwrap_err();
    assert!(
        escaped
            .to_string()
            .starts_with(r#"unknown time zone "Mars\n\"Base\"": expected"#),
        "{escaped}"
    );

    let parse_deadline = "three".parse::<DeadlineId>().unwrap_err();
    assert_eq!(
        parse_deadline.to_string(),
        "`three` is not a deadline number: expected a whole number from 1, such as `3` or `#3`"
    );

    let currency: InvalidCurrency = Currency::new("yuan").unwrap_err();
    assert_eq!(
        currency.to_string(),
        "invalid currency code \"yuan\": expected three upper-case letters such as \"CNY\""
    );
    assert_eq!(
        InvalidCurrency {
            found: "C\tY".to_owned()
        }
        .to_string(),
        r#"invalid currency code "C\tY": expected three upper-case letters such as "CNY""#
    );
}

// ---- The store's errors ------------------------------------------------------

/// A database's own error, for the `Store` variants.
fn disk_full() -> std::io::Error {
    std::io::Error::other("disk full")
}

#[test]
fn store_error_messages() {
    let conflict = Conflict {
        expected: ExpectedVersion::Exactly(3),
        actual: Some(4),
    };
    let rows: Vec<Row<StoreError<std::io::Error>>> = vec![
        (
            "Transition",
            TransitionError::HistoryFull { limit: 500 }.into(),
            "the history already holds 500 entries, the most the policy allows",
        ),
        (
            "Conflict",
            StoreError::Conflict {
                conflict,
                attempts: 3,
            },
            "version conflict: expected version 3, but the complaint is at version 4 (gave up after 3 attempts)",
        ),
        (
            "Replay",
            StoreError::Replay {
                complaint: complaint(1),
                source: SequenceError::Empty.into(),
            },
            "the stored history of complaint 0193a5c4-0000-7000-8000-000000000001 does not replay: the history is empty: a complaint's history starts with an `accept` entry",
        ),
        (
            "NotFound",
            StoreError::NotFound(complaint(2)),
            "no complaint 0193a5c4-0000-7000-8000-000000000002 is stored",
        ),
        (
            "Store",
            StoreError::Store(disk_full()),
            "the store failed: disk full",
        ),
    ];
    check("StoreError", STORE, &rows);

    let rows: Vec<Row<AppendError<std::io::Error>>> = vec![
        (
            "Conflict",
            conflict.into(),
            "version conflict: expected version 3, but the complaint is at version 4",
        ),
        ("Store", AppendError::Store(disk_full()), "disk full"),
    ];
    check("AppendError", APPEND, &rows);
}
