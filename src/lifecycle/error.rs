//! [`TransitionError`], why an event was refused, and its families: one
//! nested `#[non_exhaustive]` enum per group of rules, so a caller matches a
//! whole family (`TransitionError::Field(_)`) or one case in it.

use chrono::{DateTime, Utc};

use chrono::NaiveDateTime;

use crate::lifecycle::FollowUpStageKind;
use crate::lifecycle::RecourseError;
use crate::lifecycle::{EventKind, StageKind};
use crate::time::QuietHours;
use crate::time::TimeLimit;
use crate::time::Zone;
use crate::time::{AlarmLevel, CalendarError, DeadlineId, DeadlineKind, DeadlineStatus};
use crate::values::{ActorId, Category, CommandId, Role, Severity};

/// Why an event was refused. The complaint is left exactly as it was.
///
/// The rules of the lifecycle itself (the stage, the role, the order of time,
/// the room in the history, the command id, the calendar) are variants of
/// their own; the rules of one part of the event are grouped in a family,
/// each its own `#[non_exhaustive]` enum whose message is the family's own
/// (the nesting adds no text).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TransitionError {
    /// The stage does not accept the event (only reachable on the stored face:
    /// on the typed face this does not compile).
    #[error("event `{event}` is not valid for a complaint in stage `{stage}`")]
    NotAllowed {
        /// The event that was refused.
        event: EventKind,
        /// The stage the complaint is in.
        stage: StageKind,
    },
    /// The actor's role may not fire the event (R4: only a supervisor approves).
    #[error(
        "event `{event}` needs the role `{required}` or higher, but actor `{actor}` has the role `{found}`"
    )]
    Unauthorized {
        /// The event that was refused.
        event: EventKind,
        /// Who tried.
        actor: ActorId,
        /// The lowest role that may fire the event.
        required: Role,
        /// The actor's role.
        found: Role,
    },
    /// The event is dated before the last entry of the history (R7: the history is in time order).
    #[error("time went backwards: the event is at {at}, before the previous entry at {previous}")]
    TimeWentBackwards {
        /// The time of the refused event.
        at: DateTime<Utc>,
        /// The time of the last entry.
        previous: DateTime<Utc>,
    },
    /// The history already holds the most entries the policy allows: a
    /// complaint that long is a loop in an integration, not a complaint.
    #[error("the history already holds {limit} entries, the most the policy allows")]
    HistoryFull {
        /// [`Policy::max_history_entries`](crate::Policy::max_history_entries).
        limit: usize,
    },
    /// The command id was already used for a different event.
    #[error("command `{command}` was already applied with a different event")]
    CommandReused {
        /// The command id.
        command: CommandId,
    },
    /// A policy time limit cannot be counted on the policy's calendar.
    #[error("the due time of the `{kind}` deadline cannot be computed: {source}")]
    Calendar {
        /// The deadline being scheduled.
        kind: DeadlineKind,
        /// Why the calendar has no answer.
        source: CalendarError,
    },
    /// The entry has no canonical encoding for the hash chain (A1): a value
    /// the crate's events never hold, such as a floating-point number.
    #[error("the entry cannot be encoded for its hash: {reason}")]
    Unencodable {
        /// Why.
        reason: String,
    },
    /// A field of the event is empty, too long, or at an impossible time.
    #[error(transparent)]
    Field(#[from] FieldError),
    /// The remedy breaks a rule: an option that does not exist, a zero
    /// compensation, no signature, a responsible party not held to account (R5).
    #[error(transparent)]
    Remedy(#[from] RemedyError),
    /// The handling breaks a rule: waiting on the customer, escalation (E3),
    /// handover (E5).
    #[error(transparent)]
    Handling(#[from] HandlingError),
    /// A deadline extension breaks a rule (T7).
    #[error(transparent)]
    Extension(#[from] ExtensionError),
    /// An alarm or an escalation level that breaks a rule (W1, W3).
    #[error(transparent)]
    Alarm(#[from] AlarmError),
    /// A follow-up rule breaks (F3–F5).
    #[error(transparent)]
    FollowUp(#[from] FollowUpError),
    /// The fast path for simple complaints is not open (T5).
    #[error(transparent)]
    FastPath(#[from] FastPathError),
    /// A dispute (D1) or a referral (D2) breaks a rule: no final response,
    /// or its window has ended.
    #[error(transparent)]
    Recourse(#[from] RecourseError),
    /// A2: a redaction names no text, or a text that is not a redactable
    /// personal text of an earlier entry.
    #[error(transparent)]
    Redaction(#[from] RedactionError),
}

/// A2: a [`Redact`](crate::event::Redact) whose target does not check out.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RedactionError {
    /// The target lists no text.
    #[error("the redaction names no text")]
    NoText,
    /// The target names a text twice.
    #[error("the redaction names the text at {path} of entry {sequence} twice")]
    Repeated {
        /// The entry's sequence number.
        sequence: u64,
        /// The text's JSON pointer.
        path: String,
    },
    /// The target names an entry that is not before the redaction, or a
    /// path that is not a personal text of it the crate redacts.
    #[error("entry {sequence} has no personal text at {path} to redact")]
    UnknownText {
        /// The entry's sequence number.
        sequence: u64,
        /// The text's JSON pointer.
        path: String,
    },
}

/// A field of the event that does not check out. The field is named by its
/// path into the event (`findings.responsible_parties`,
/// `accountability[2].person`): a path, not a closed set, so it stays text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FieldError {
    /// A required text or list is empty.
    #[error("`{field}` must not be empty")]
    Empty {
        /// The field, as a path into the event (`findings.responsible_parties`).
        field: String,
    },
    /// A text is longer than the policy allows.
    #[error("`{field}` is {found} bytes long; the policy allows at most {limit}")]
    TooLong {
        /// The field, as a path into the event.
        field: String,
        /// Its length in bytes.
        found: usize,
        /// [`Policy::max_text_bytes`](crate::Policy::max_text_bytes).
        limit: usize,
    },
    /// A proposal has more options than the policy allows.
    #[error("the proposal has {found} remedy options; the policy allows at most {limit}")]
    TooManyOptions {
        /// How many options were proposed.
        found: usize,
        /// [`Policy::max_remedy_options`](crate::Policy::max_remedy_options).
        limit: usize,
    },
    /// A time that must have passed lies after the event.
    #[error("`{field}` is {time}, after the event at {at}")]
    InFuture {
        /// The field, as a path into the event.
        field: String,
        /// The time given.
        time: DateTime<Utc>,
        /// The time of the event.
        at: DateTime<Utc>,
    },
    /// A time lies before the moment it can have happened (R5: a signature
    /// before the approval of the remedy it accepts).
    #[error("`{field}` is {time}, before {earliest}, the earliest it can be")]
    TooEarly {
        /// The field, as a path into the event.
        field: String,
        /// The time given.
        time: DateTime<Utc>,
        /// The earliest time allowed.
        earliest: DateTime<Utc>,
    },
    /// A deadline that must lie ahead does not (T3: a promised callback).
    #[error("`{field}` is {due}, which is not after the event at {at}")]
    DeadlineNotAhead {
        /// The field, as a path into the event.
        field: String,
        /// The deadline given.
        due: DateTime<Utc>,
        /// The time of the event.
        at: DateTime<Utc>,
    },
}

/// A remedy that breaks a rule (R5).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RemedyError {
    /// The event names a remedy option the proposal does not have.
    #[error("remedy option {option} does not exist: the proposal has options 1 to {available}")]
    UnknownRemedyOption {
        /// The option number given.
        option: u32,
        /// How many options the proposal has.
        available: usize,
    },
    /// A compensation of nothing.
    #[error(
        "the compensation of remedy option {option} is zero: a compensation must be above zero"
    )]
    ZeroCompensation {
        /// The option number, from 1.
        option: u32,
    },
    /// R5: a remedy is executed only with the customer's signed acceptance.
    #[error(
        "the customer's signed acceptance is missing: a remedy is executed only after the customer signs"
    )]
    MissingSignature,
    /// R5: every responsible party of the findings is held to account.
    #[error("no accountability entry for `{person}`, who the findings name as responsible")]
    AccountabilityMissing {
        /// The responsible person without an entry.
        person: String,
    },
}

/// The handling of a complaint that breaks a rule: waiting on the customer,
/// escalation (E3), handover (E5), reclassification (W2).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HandlingError {
    /// The complaint already waits on the customer.
    #[error("the complaint already waits on the customer since {since}")]
    AlreadyAwaitingCustomer {
        /// Since when.
        since: DateTime<Utc>,
    },
    /// The complaint does not wait on the customer.
    #[error("the complaint does not wait on the customer")]
    NotAwaitingCustomer,
    /// W5: the complaint already waits on a third party.
    #[error("the complaint already waits on a third party since {since}")]
    AlreadyAwaitingThirdParty {
        /// Since when.
        since: DateTime<Utc>,
    },
    /// W5: the complaint does not wait on a third party.
    #[error("the complaint does not wait on a third party")]
    NotAwaitingThirdParty,
    /// E3: an escalation goes to a higher role than the complaint has now.
    #[error(
        "the complaint is already at the role `{current}`; an escalation to `{requested}` is not higher"
    )]
    EscalationNotHigher {
        /// The complaint's escalation level.
        current: Role,
        /// The role asked for.
        requested: Role,
    },
    /// W2: a reclassification that changes neither the severity nor the category.
    #[error(
        "the complaint is already of severity `{severity}` in category `{category}`: a reclassification changes one of them"
    )]
    ReclassifiedUnchanged {
        /// The severity, as it is and as asked.
        severity: Severity,
        /// The category, as it is and as asked.
        category: Category,
    },
    /// E5: a handover to the colleague who already owns the complaint.
    #[error("`{owner}` already owns the complaint")]
    AlreadyOwner {
        /// The current owner.
        owner: ActorId,
    },
}

/// A deadline extension that breaks a rule (T7).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExtensionError {
    /// The event names a deadline the complaint does not have.
    #[error("the complaint has no deadline {deadline}")]
    UnknownDeadline {
        /// The deadline named.
        deadline: DeadlineId,
    },
    /// Only an open deadline can be extended.
    #[error("deadline {deadline} is not open but {status}: only an open deadline can be extended")]
    DeadlineNotOpen {
        /// The deadline named.
        deadline: DeadlineId,
        /// Where it stands.
        status: DeadlineStatus,
    },
    /// T7: a deadline is extended before it is missed, never after.
    #[error(
        "deadline {deadline} was due at {due} and is already missed: a missed deadline cannot be extended"
    )]
    DeadlineAlreadyMissed {
        /// The deadline named.
        deadline: DeadlineId,
        /// When it was due.
        due: DateTime<Utc>,
    },
    /// An extension must move the due time later.
    #[error("extending deadline {deadline} to {due} does not move it past its due time {current}")]
    ExtensionNotLater {
        /// The deadline named.
        deadline: DeadlineId,
        /// The due time asked for.
        due: DateTime<Utc>,
        /// The current due time.
        current: DateTime<Utc>,
    },
    /// The policy allows no more extensions of this deadline.
    #[error("deadline {deadline} cannot be extended: {}", allowed_extensions(*limit))]
    TooManyExtensions {
        /// The deadline named.
        deadline: DeadlineId,
        /// The policy's limit.
        limit: u32,
    },
    /// The policy does not allow moving the deadline that far.
    #[error(
        "extending deadline {deadline} to {due} goes past {latest}, the latest the policy allows"
    )]
    ExtensionTooFar {
        /// The deadline named.
        deadline: DeadlineId,
        /// The due time asked for.
        due: DateTime<Utc>,
        /// The latest due time the policy allows.
        latest: DateTime<Utc>,
    },
}

/// An alarm raised, or a level of an escalation chain fired, against the
/// rules (W1, W3): each falls once, at its time, on a running deadline.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AlarmError {
    /// The event names a deadline the complaint does not have.
    #[error("the complaint has no deadline {deadline}")]
    UnknownDeadline {
        /// The deadline named.
        deadline: DeadlineId,
    },
    /// W1: only a running deadline raises alarms (a paused one does not warn).
    #[error("deadline {deadline} is not running but {status}: it raises no alarm")]
    DeadlineNotRunning {
        /// The deadline named.
        deadline: DeadlineId,
        /// Where it stands.
        status: DeadlineStatus,
    },
    /// W1: an at-risk alarm for a deadline whose plan has no warning.
    #[error("deadline {deadline} has no warning: it is never at risk before it is due")]
    NoWarning {
        /// The deadline named.
        deadline: DeadlineId,
    },
    /// W1, W3: an alarm or a level raised before it falls.
    #[error("the {alarm} of deadline {deadline} falls at {falls_at}, not yet")]
    NotYet {
        /// The deadline named.
        deadline: DeadlineId,
        /// Which alarm: `warning`, `due time` or `escalation level N`.
        alarm: String,
        /// When it falls.
        falls_at: DateTime<Utc>,
    },
    /// W1: each alarm of a deadline is raised once.
    #[error("the alarm that deadline {deadline} is {level} was already raised")]
    AlreadyRaised {
        /// The deadline named.
        deadline: DeadlineId,
        /// The alarm.
        level: AlarmLevel,
    },
    /// W3: an escalation fires a level the deadline's chain does not have.
    #[error("the escalation chain of deadline {deadline} has no level {level}")]
    UnknownLevel {
        /// The deadline named.
        deadline: DeadlineId,
        /// The level named, from 1.
        level: u8,
    },
    /// W3: an escalation that fires a level goes to that level's role.
    #[error(
        "level {level} of the chain of deadline {deadline} escalates to `{expected}`, not `{requested}`"
    )]
    LevelRole {
        /// The deadline named.
        deadline: DeadlineId,
        /// The level, from 1.
        level: u8,
        /// The level's role.
        expected: Role,
        /// The role the escalation asks for.
        requested: Role,
    },
}

/// A follow-up event that breaks a rule (F3–F5).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FollowUpError {
    /// A follow-up event without a scheduled follow-up.
    #[error("no follow-up is scheduled for the current handling round")]
    NoFollowUp,
    /// The follow-up's stage does not accept the event (stored face only; on
    /// the typed face [`FollowUp`](crate::followup::FollowUp) this does not compile).
    #[error("event `{event}` is not valid for a follow-up in stage `{stage}`")]
    FollowUpNotAllowed {
        /// The event that was refused.
        event: EventKind,
        /// The follow-up's stage.
        stage: FollowUpStageKind,
    },
    /// F4: never disturb the customer in their rest time.
    #[error("{local} is inside the customer's quiet hours {quiet} ({zone})")]
    QuietHours {
        /// The wall-clock time on the customer's side.
        local: NaiveDateTime,
        /// The customer's zone.
        zone: Zone,
        /// The customer's quiet hours.
        quiet: QuietHours,
    },
    /// F4: no time outside the customer's quiet hours could be found.
    #[error("no time outside the customer's quiet hours after {after}")]
    NoContactTime {
        /// The time the search started from.
        after: DateTime<Utc>,
    },
    /// F3: a follow-up is completed only once the customer was reached.
    #[error(
        "the last follow-up attempt did not reach the customer: attempt again before completing"
    )]
    CustomerNotReached,
    /// F5: a follow-up is given up only when every attempt the policy allows was made.
    #[error(
        "{made} of {allowed} follow-up attempts were made without reaching the customer: attempts remain"
    )]
    AttemptsRemaining {
        /// Attempts made.
        made: u32,
        /// Attempts allowed.
        allowed: u32,
    },
    /// F3, F5: the last attempt reached the customer: the follow-up is
    /// completed with their answer, not given up.
    #[error(
        "the last follow-up attempt reached the customer: complete the follow-up instead of giving it up"
    )]
    CustomerWasReached,
    /// F5, R7: the complaint is closed or reopened only once its follow-up is completed or exhausted.
    #[error(
        "the follow-up is `{stage}`: a complaint is closed or reopened only after its follow-up is completed or exhausted"
    )]
    FollowUpOutstanding {
        /// The follow-up's stage.
        stage: FollowUpStageKind,
    },
    /// F5: a member's handled complaint without a follow-up cannot be closed.
    #[error(
        "the complainant is a member and the complaint was handled, but no follow-up was scheduled"
    )]
    MemberFollowUpMissing,
}

/// T5: the fast path for simple complaints is not open to this event.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FastPathError {
    /// T5: only the agent who accepted the complaint resolves it on the first contact.
    #[error(
        "only `{intake}`, who accepted the complaint, may resolve it on the first contact, not `{actor}`"
    )]
    NotIntakeAgent {
        /// The agent who accepted the complaint.
        intake: ActorId,
        /// Who tried.
        actor: ActorId,
    },
    /// T5: the complaint is not simple enough for the fast path.
    #[error("the complaint is not simple enough for the fast path: {0}")]
    NotSimple(NotSimple),
}

/// T5: which condition of the policy's fast path a complaint fails, checked
/// in this order.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotSimple {
    /// The policy has no [`fast_path`](crate::Policy::fast_path).
    #[error("the policy has no fast path")]
    NoFastPath,
    /// The complaint's category is not one of the fast path's categories.
    #[error("the category `{category}` is not a fast-path category")]
    Category {
        /// The complaint's category.
        category: Category,
    },
    /// The complaint is more severe than the fast path takes.
    #[error("the severity `{severity}` is above `{max}`")]
    Severity {
        /// The complaint's severity.
        severity: Severity,
        /// The most severe the fast path takes.
        max: Severity,
    },
    /// The time the fast path allows from receipt has passed.
    #[error("it is resolved after {latest}, {within} after receipt")]
    TooLate {
        /// The latest time the fast path allows.
        latest: DateTime<Utc>,
        /// The fast path's time from receipt.
        within: TimeLimit,
    },
}

/// The policy's extension limit in words, for [`ExtensionError::TooManyExtensions`].
fn allowed_extensions(limit: u32) -> String {
    match limit {
        0 => "the policy allows no extension".to_owned(),
        1 => "the policy allows one extension and it was used".to_owned(),
        n => format!("the policy allows {n} extensions and all were used"),
    }
}
