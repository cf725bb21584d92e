//! The stored face: [`ComplaintRecord`], a complaint as data with its
//! append-only history, which an application loads, applies runtime events
//! to, and saves.

mod accounting;
mod alarms;
pub(crate) mod chain;
mod concurrency;
mod entry;
pub(crate) mod error;
mod facts;
mod ledger;
mod own_limit;
mod read;
mod recourse;
mod redaction;
pub(crate) mod redactions;
mod replay;
mod retarget;
mod retention;
mod track;
mod write_back;

use chrono::{DateTime, Utc};

pub use accounting::{Span, TimeAccounting};
pub use alarms::Owed;
pub use concurrency::{Conflict, ExpectedVersion};
pub use entry::{Entry, SCHEMA_VERSION};
pub use error::ReplayError;
pub use facts::{Approval, Verdict};

pub use crate::lifecycle::Decision;
pub use crate::values::EventId;

use ledger::Ledger;
use write_back::UpgradedOnRead;

use crate::context::Context;
use crate::integrity::{ChainHead, Digest};
use crate::lifecycle::event::{Accept, Event, EventKind};
use crate::lifecycle::follow_up_status::FollowUpStatus;
use crate::lifecycle::stage::StageKind;
use crate::lifecycle::{TransitionError, rules};
use crate::policy::{Policy, TargetFacts};
use crate::values::{Actor, CommandId, ComplaintId};

/// A complaint as data: its current stage and its append-only history (R7).
///
/// This is the face an application stores and loads. Events that come from
/// outside (a form, a queue) are applied with [`apply`](Self::apply), which
/// checks the same rules as the typed [`Complaint`](crate::Complaint); a
/// stored history is rebuilt and checked with [`replay`](Self::replay); and
/// [`into_typed`](Self::into_typed) turns the record into the typed face with
/// one `match`.
///
/// The facts (findings, proposal, approval, ...) are read from the history
/// itself: the record keeps the position of the entries that hold the current
/// facts, never a second copy.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use complaint_workflow::{
///     Actor, Category, Channel, Complainant, ComplaintRecord, Context, EventKind, Policy,
///     Severity, StageKind, TransitionError, event::{Accept, Approve},
/// };
///
/// let policy = Policy::default();
/// let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
/// let agent = Context::new(Actor::agent("a-7"), now, &policy);
/// let mut record = ComplaintRecord::accept(
///     Accept {
///         complainant: Complainant::new("c-1"),
///         received_at: now,
///         channel: Channel::Phone,
///         content: "The parcel arrived broken".into(),
///         category: Category::new("delivery"),
///         severity: Severity::Medium,
///     },
///     &agent,
/// )?;
/// assert_eq!(record.stage(), StageKind::Accepted);
/// assert!(record.can(EventKind::Uphold));
///
/// // An event from outside that the stage does not accept is refused,
/// // and the record is unchanged.
/// let refused = record.apply(Approve { option: 1 }, &agent).unwrap_err();
/// assert!(matches!(refused, TransitionError::NotAllowed { .. }));
/// assert_eq!(record.version(), 1);
/// # Ok::<(), TransitionError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplaintRecord {
    id: ComplaintId,
    stage: StageKind,
    intake: Accept,
    intake_actor: Actor,
    current: Current,
    owner: Option<usize>,
    escalation: Option<usize>,
    /// W2: the entry of the last reclassification, which holds the current
    /// severity and category (the intake's until then).
    classification: Option<usize>,
    repeat_contacts: u32,
    follow_up: Option<FollowUpStatus>,
    ledger: Ledger,
    entries: Vec<Entry>,
    /// A3: how many of the first entries were read as schema 1 and sealed
    /// on upgrade ([`rewrites_since`](Self::rewrites_since) lists them).
    upgraded_on_read: UpgradedOnRead,
}

/// The entries a new record has room for before its history grows: a
/// complaint's walk through the procedure takes about this many, so most
/// histories grow once at most instead of four times (each growth copies
/// every entry).
const NEW_HISTORY_CAPACITY: usize = 16;

/// Where in the history the current facts are: the index of the entry that
/// set each one, cleared when the lifecycle goes back over it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Current {
    judgment: Option<usize>,
    findings: Option<usize>,
    proposal: Option<usize>,
    choice: Option<usize>,
    approval: Option<usize>,
    execution: Option<usize>,
    withdrawal: Option<usize>,
    review: Option<usize>,
    referral: Option<usize>,
    referral_outcome: Option<usize>,
}

impl ComplaintRecord {
    /// R1: accepts a complaint, the only way to create one.
    ///
    /// The complaint's id is a UUID v7 stamped with `ctx.now()`.
    ///
    /// # Errors
    ///
    /// [`FieldError::Empty`](crate::error::FieldError::Empty) when the
    /// complainant id, content or category is blank,
    /// [`FieldError::InFuture`](crate::error::FieldError::InFuture) when
    /// `received_at` is after `ctx.now()`,
    /// [`FieldError::TooLong`](crate::error::FieldError::TooLong) over the
    /// policy's size, all in [`TransitionError::Field`].
    pub fn accept(accept: Accept, ctx: &Context<'_>) -> Result<Self, TransitionError> {
        rules::check_accept(&accept, ctx.actor(), ctx.now(), Some(ctx.policy()))?;
        let id = ComplaintId::new_at(ctx.now());
        let escalation = rules::escalation_at_intake(&accept, ctx.policy());
        let intake = accept.clone();
        let event = Event::Accept(accept);
        let facts = TargetFacts {
            severity: intake.severity,
            category: intake.category.clone(),
            channel: intake.channel,
            member: intake.complainant.member,
        };
        let effects =
            Ledger::default().plan(&event, ctx.now(), ctx.policy(), &facts, &intake.complainant)?;
        let entry = Entry::new(id, 1, ctx, event, effects, None)?;
        let mut record = Self::started(id, intake, entry, NEW_HISTORY_CAPACITY);
        // E1: the escalation the rule asks for is an entry of its own by the
        // accepting agent. The crate wrote its reason: the policy's size
        // limit is for what callers send, so the rules run without it.
        if let Some(escalate) = escalation {
            let escalate = Event::Escalate(escalate);
            let next = rules::check(&record, &escalate, ctx.actor(), ctx.now(), None)?;
            record.check_room(ctx.policy())?;
            let entry = Entry::new(
                id,
                record.version() + 1,
                ctx,
                escalate,
                Vec::new(),
                record.head(),
            )?;
            record.commit(entry, next);
        }
        Ok(record)
    }

    /// The record of a history's first entry, an accepted complaint, with
    /// room for `capacity` entries when the allocator has it (the history
    /// grows as needed otherwise).
    fn started(id: ComplaintId, intake: Accept, entry: Entry, capacity: usize) -> Self {
        let mut entries = Vec::new();
        // A capacity is a hint: one the allocator refuses leaves the history
        // empty, to grow entry by entry as without it.
        let _refused = entries.try_reserve_exact(capacity);
        let mut record = Self {
            id,
            stage: StageKind::Accepted,
            intake,
            intake_actor: entry.actor().clone(),
            current: Current::default(),
            owner: None,
            escalation: None,
            classification: None,
            repeat_contacts: 0,
            follow_up: None,
            ledger: Ledger::default(),
            entries,
            upgraded_on_read: UpgradedOnRead::default(),
        };
        record.commit(entry, StageKind::Accepted);
        record
    }

    /// What the policy decides for `event` now: deadlines and follow-up slots.
    fn plan(&self, event: &Event, ctx: &Context<'_>) -> Result<Vec<Decision>, TransitionError> {
        let mut effects = self.ledger.plan(
            event,
            ctx.now(),
            ctx.policy(),
            &self.target_facts(),
            self.complainant(),
        )?;
        // D2: a deadline of the event's own limit, counted on the policy's calendar.
        effects.extend(own_limit::plan(event, ctx.now(), ctx.policy())?);
        let follow_up = track::plan(
            self.follow_up.as_ref(),
            self.complainant(),
            event,
            ctx.now(),
            ctx.policy(),
        )?;
        // Most events have no effect at all, and the few that have one have
        // it from one side: take the other side's `Vec` rather than copy it.
        if effects.is_empty() {
            effects = follow_up;
        } else {
            effects.extend(follow_up);
        }
        Ok(effects)
    }

    /// Applies an event that came from outside, recording it in the history.
    ///
    /// Returns the entries the event appended (one), for the application to
    /// store. With a [command id](Context::with_command) the history already
    /// holds, returns the entries that command produced and appends nothing.
    ///
    /// # Errors
    ///
    /// [`TransitionError::NotAllowed`] when the stage does not accept the
    /// event, [`TransitionError::Unauthorized`] when the actor's role may not
    /// fire it, [`TransitionError::TimeWentBackwards`] when `ctx.now()` is
    /// before the last entry, [`TransitionError::CommandReused`] when the
    /// command id was used for another event, [`TransitionError::HistoryFull`]
    /// when the history holds the policy's
    /// [`max_history_entries`](Policy::max_history_entries), or the error of
    /// the event's own rule. The record is unchanged on every error.
    pub fn apply(
        &mut self,
        event: impl Into<Event>,
        ctx: &Context<'_>,
    ) -> Result<&[Entry], TransitionError> {
        let event = event.into();
        if let Some(command) = ctx.command() {
            if let Some(done) = self.command_range(command) {
                let same = self
                    .entries
                    .get(done.start)
                    .is_some_and(|first| first.event() == &event);
                if !same {
                    return Err(TransitionError::CommandReused {
                        command: command.clone(),
                    });
                }
                return Ok(self.entries.get(done).unwrap_or_default());
            }
        }
        let next = rules::check(self, &event, ctx.actor(), ctx.now(), Some(ctx.policy()))?;
        self.check_room(ctx.policy())?;
        let effects = self.plan(&event, ctx)?;
        let first_new = self.entries.len();
        let sequence = self.version() + 1;
        // A2: the past entries a redaction names are rewritten: their texts
        // replaced, their hashes kept (`rewritten_since` lists them).
        let redaction = if let Event::Redact(redact) = &event {
            Some(redact.clone())
        } else {
            None
        };
        let entry = Entry::new(self.id, sequence, ctx, event, effects, self.head())?;
        if let Some(redact) = redaction {
            self.redact_entries(&redact, sequence);
        }
        self.commit(entry, next);
        Ok(self.entries.get(first_new..).unwrap_or_default())
    }

    /// Refuses one more entry when the history holds the policy's
    /// [`max_history_entries`](Policy::max_history_entries).
    fn check_room(&self, policy: &Policy) -> Result<(), TransitionError> {
        let limit = policy.max_history_entries();
        if self.entries.len() >= limit {
            return Err(TransitionError::HistoryFull { limit });
        }
        Ok(())
    }

    /// Moves the record to `next` with `entry` appended; `entry` has passed [`rules::check`].
    fn commit(&mut self, entry: Entry, next: StageKind) {
        let index = self.entries.len();
        self.ledger.apply(
            entry.sequence(),
            entry.at(),
            entry.event(),
            entry.decisions(),
            next,
        );
        track::apply(
            &mut self.follow_up,
            index,
            entry.at(),
            entry.event(),
            entry.decisions(),
        );
        let current = &mut self.current;
        match entry.event() {
            Event::Accept(_)
            | Event::AddNote(_)
            | Event::Contact(_)
            | Event::AwaitCustomer(_)
            | Event::CustomerReplied(_)
            | Event::ProgressUpdate(_)
            | Event::AwaitThirdParty(_)
            | Event::ThirdPartyReplied(_)
            | Event::ExtendDeadline(_)
            | Event::RaiseAlarm(_)
            | Event::AttemptFollowUp(_)
            | Event::RescheduleFollowUp(_)
            | Event::CompleteFollowUp(_)
            | Event::GiveUpFollowUp(_)
            | Event::Close(_)
            | Event::PersonalDataErased(_)
            | Event::Redact(_) => {}
            Event::Assign(_) | Event::Transfer(_) | Event::Handover(_) => self.owner = Some(index),
            Event::Escalate(_) => {
                self.escalation = Some(index);
                self.owner = Some(index);
            }
            // W2: a fact of the complaint, not of the round: a reopen keeps it.
            Event::Reclassify(_) => self.classification = Some(index),
            Event::RepeatContact(_) => {
                self.repeat_contacts = self.repeat_contacts.saturating_add(1);
            }
            Event::ChooseRemedy(_) => current.choice = Some(index),
            Event::Uphold(_) | Event::Dismiss(_) => current.judgment = Some(index),
            Event::Investigate(_) => current.findings = Some(index),
            Event::Propose(_) => {
                current.proposal = Some(index);
                current.choice = None;
            }
            Event::Approve(_) => current.approval = Some(index),
            // R5: a declined remedy goes back to proposing: the proposal and
            // its approval are spent; the findings stand.
            Event::Decline(_) => {
                current.proposal = None;
                current.choice = None;
                current.approval = None;
            }
            Event::Execute(_) | Event::ResolveOnFirstContact(_) => current.execution = Some(index),
            Event::Review(_) => current.review = Some(index),
            // R7: a reopened complaint is judged afresh; the earlier round
            // stays in the history. D1: a disputed one too.
            Event::Reopen(_) | Event::Dispute(_) => *current = Current::default(),
            // D2: the referral and the body's outcome are facts of the round.
            Event::Refer(_) => {
                current.referral = Some(index);
                current.referral_outcome = None;
            }
            Event::RecordReferralOutcome(_) => current.referral_outcome = Some(index),
            Event::Withdraw(_) => current.withdrawal = Some(index),
        }
        self.stage = next;
        self.entries.push(entry);
    }

    /// The complaint's id.
    #[must_use]
    pub fn id(&self) -> ComplaintId {
        self.id
    }

    /// The current stage.
    #[must_use]
    pub fn stage(&self) -> StageKind {
        self.stage
    }

    /// The last entry's hash, which the next entry links to (A1).
    fn head(&self) -> Option<Digest> {
        self.entries.last().and_then(Entry::hash)
    }

    /// A1: the hash of the last entry, the head of the history's hash
    /// chain: what a checkpoint signs and an auditor compares.
    #[must_use]
    pub fn head_hash(&self) -> Digest {
        // Every entry of a record is sealed: made by `apply`, verified or
        // sealed on upgrade by replay.
        self.head().unwrap_or(Digest::from_bytes([0; 32]))
    }

    /// A1: the head of the history's hash chain with the complaint and version.
    #[must_use]
    pub fn chain_head(&self) -> ChainHead {
        ChainHead {
            complaint_id: self.id,
            version: self.version(),
            hash: self.head_hash(),
        }
    }

    /// The sequence number of the last entry: the version a store compares
    /// for optimistic concurrency.
    #[must_use]
    pub fn version(&self) -> u64 {
        self.entries.len() as u64
    }

    /// Whether the current stage accepts an event of this kind (by any role).
    #[must_use]
    pub fn can(&self, event: EventKind) -> bool {
        self.stage.accepts(event)
    }

    /// The events the current stage accepts, in lifecycle order.
    pub fn allowed_events(&self) -> impl Iterator<Item = EventKind> + '_ {
        self.stage.allowed_events()
    }

    /// The events `actor` may fire now: what a user interface shows as buttons.
    pub fn allowed_events_for<'a>(&self, actor: &'a Actor) -> impl Iterator<Item = EventKind> + 'a {
        self.stage
            .allowed_events()
            .filter(move |&event| actor.may(event))
    }

    /// The whole history, oldest first.
    #[must_use]
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries a command produced, if the history holds it: they are
    /// contiguous, from the first entry with the command id.
    #[must_use]
    pub fn entries_of_command(&self, command: &CommandId) -> Option<&[Entry]> {
        self.entries.get(self.command_range(command)?)
    }

    fn command_range(&self, command: &CommandId) -> Option<std::ops::Range<usize>> {
        let start = self
            .entries
            .iter()
            .position(|entry| entry.command() == Some(command))?;
        let len = self
            .entries
            .iter()
            .skip(start)
            .take_while(|entry| entry.command() == Some(command))
            .count();
        Some(start..start + len)
    }

    /// The entries after `version`: what a store appends after loading at that version.
    #[must_use]
    pub fn entries_since(&self, version: u64) -> &[Entry] {
        usize::try_from(version)
            .ok()
            .and_then(|start| self.entries.get(start..))
            .unwrap_or_default()
    }

    /// The history, taken out of the record.
    #[must_use]
    pub fn into_entries(self) -> Vec<Entry> {
        self.entries
    }

    /// When the last entry was made.
    #[must_use]
    pub fn last_entry_at(&self) -> DateTime<Utc> {
        self.entries
            .last()
            .map_or(DateTime::<Utc>::MIN_UTC, Entry::at)
    }
}
