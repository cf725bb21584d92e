//! The deadlines of one complaint (T1–T7), as a fold over the history: the
//! record's ledger. Which event opens, meets, pauses, resumes, extends or
//! cancels which deadline is said once, in the lifecycle's
//! [`DeadlineConsequences`](crate::lifecycle::consequences::DeadlineConsequences); the ledger plans, checks and folds by it.
//!
//! Due times that come from the policy are computed once, when an event is
//! applied, and recorded on the entry ([`Decision`]); everything else
//! follows from the events. Replaying a history therefore gives the same
//! deadlines under any later policy.

use chrono::{DateTime, TimeDelta, Utc};

use crate::lifecycle::Decision;
use crate::lifecycle::TransitionError;
use crate::lifecycle::consequences::Clocks;
use crate::lifecycle::{Event, StageKind};
use crate::policy::Policy;
use crate::record::error::DecisionError;
use crate::time::Counting;
use crate::time::{Breach, Deadline, DeadlineId, DeadlineKind, DeadlineStatus};
use crate::values::Channel;

/// The deadlines of one complaint, in the order they were opened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Ledger {
    deadlines: Vec<Deadline>,
    awaiting_customer_since: Option<DateTime<Utc>>,
}

impl Ledger {
    pub(crate) fn deadlines(&self) -> &[Deadline] {
        &self.deadlines
    }

    pub(crate) fn get(&self, id: DeadlineId) -> Option<&Deadline> {
        let index = usize::try_from(id.number()).ok()?.checked_sub(1)?;
        self.deadlines.get(index)
    }

    pub(crate) fn awaiting_customer_since(&self) -> Option<DateTime<Utc>> {
        self.awaiting_customer_since
    }

    /// The open deadline due first: the time an application indexes as `next_due_at`.
    pub(crate) fn next(&self) -> Option<&Deadline> {
        self.deadlines
            .iter()
            .filter(|deadline| deadline.is_open())
            .min_by_key(|deadline| (deadline.due, deadline.id))
    }

    pub(crate) fn breaches(&self, now: DateTime<Utc>) -> impl Iterator<Item = Breach> + '_ {
        self.deadlines
            .iter()
            .filter_map(move |deadline| deadline.breach(now))
    }

    /// The policy's part of applying `event` at `at`: the deadlines it opens
    /// with their due times, and the deadlines it pauses or resumes, as the
    /// event's [`DeadlineConsequences`](crate::lifecycle::consequences::DeadlineConsequences) say. `channel` is the complaint's (T1,
    /// T2); `followed_up` whether its follow-up is scheduled (F5).
    pub(crate) fn plan(
        &self,
        event: &Event,
        at: DateTime<Utc>,
        policy: &Policy,
        channel: Channel,
        followed_up: bool,
    ) -> Result<Vec<Decision>, TransitionError> {
        let consequences = event.deadline_consequences(at);
        let mut changes = Vec::new();
        if let Some(opens) = consequences.opens_by_policy {
            for &kind in opens.kinds {
                if kind == DeadlineKind::FollowUp && !followed_up {
                    continue;
                }
                let Some(limit) = policy.time_limit(kind, channel) else {
                    continue;
                };
                let due = limit
                    .due(opens.from, policy.calendar())
                    .map_err(|source| TransitionError::Calendar { kind, source })?;
                changes.push(Decision::OpenDeadline {
                    kind,
                    started_at: opens.from,
                    due,
                    clock: limit.counting(),
                });
            }
        }
        match consequences.clocks {
            Clocks::Pause => {
                for deadline in &self.deadlines {
                    if deadline.is_open() && policy.pauses_while_awaiting_customer(deadline.kind) {
                        changes.push(Decision::PauseDeadline {
                            deadline: deadline.id,
                        });
                    }
                }
            }
            // A business-clock deadline waits for the working time the wait
            // took; the others for the elapsed time (derived on replay).
            Clocks::Resume => {
                for deadline in &self.deadlines {
                    let DeadlineStatus::Paused { since, .. } = deadline.status else {
                        continue;
                    };
                    if deadline.clock != Counting::Business {
                        continue;
                    }
                    let calendar = policy.calendar();
                    let due = calendar
                        .working_time_between(since, at)
                        .and_then(|waited| calendar.add_working_time(deadline.due, waited))
                        .map_err(|source| TransitionError::Calendar {
                            kind: deadline.kind,
                            source,
                        })?;
                    changes.push(Decision::ResumeDeadline {
                        deadline: deadline.id,
                        due,
                    });
                }
            }
            Clocks::Untouched | Clocks::CancelAll | Clocks::Extend { .. } => {}
        }
        Ok(changes)
    }

    /// On replay: a recorded deadline decision is one `event`'s
    /// [`DeadlineConsequences`](crate::lifecycle::consequences::DeadlineConsequences) allow.
    pub(crate) fn check_recorded(
        &self,
        event: &Event,
        at: DateTime<Utc>,
        effect: &Decision,
    ) -> Result<(), DecisionError> {
        let consequences = event.deadline_consequences(at);
        match effect {
            Decision::OpenDeadline {
                kind,
                started_at,
                due,
                ..
            } => {
                if !consequences.may_open_by_policy(*kind) {
                    return Err(DecisionError::OpenNotAllowed);
                }
                if due < started_at {
                    return Err(DecisionError::DueBeforeStart);
                }
                Ok(())
            }
            Decision::ResumeDeadline { deadline, due } => {
                if consequences.clocks != Clocks::Resume {
                    return Err(DecisionError::ResumeNotAllowed);
                }
                match self.get(*deadline) {
                    Some(paused) if matches!(paused.status, DeadlineStatus::Paused { .. }) => {
                        if *due < paused.due {
                            Err(DecisionError::ResumedEarlier)
                        } else {
                            Ok(())
                        }
                    }
                    _ => Err(DecisionError::ResumedNotPaused),
                }
            }
            Decision::PauseDeadline { deadline } => {
                if consequences.clocks != Clocks::Pause {
                    return Err(DecisionError::PauseNotAllowed);
                }
                if self.get(*deadline).is_some_and(Deadline::is_open) {
                    Ok(())
                } else {
                    Err(DecisionError::PausedNotOpen)
                }
            }
            // The follow-up's own decisions are the track's to check.
            Decision::ScheduleFollowUp { .. } | Decision::RetryFollowUp { .. } => Ok(()),
        }
    }

    /// Folds one entry into the deadlines, as the event's
    /// [`DeadlineConsequences`](crate::lifecycle::consequences::DeadlineConsequences) say: first the recorded resumptions, then
    /// what the event meets, cancels, resumes or extends, then what it opens
    /// or pauses.
    pub(crate) fn apply(
        &mut self,
        sequence: u64,
        at: DateTime<Utc>,
        event: &Event,
        changes: &[Decision],
        next_stage: StageKind,
    ) {
        // Recorded resumptions first: the event's own resume then leaves them be.
        for change in changes {
            if let Decision::ResumeDeadline { deadline, due } = *change {
                if let Some(deadline) = self.get_mut(deadline) {
                    deadline.due = due;
                    deadline.status = DeadlineStatus::Open;
                }
            }
        }
        let consequences = event.deadline_consequences(at);
        self.meet(at, consequences.meets);
        match consequences.clocks {
            Clocks::CancelAll => self.cancel_all(at),
            Clocks::Resume => self.resume_all(at),
            Clocks::Extend { deadline, due } => {
                if let Some(deadline) = self.get_mut(deadline) {
                    deadline.due = due;
                    deadline.extensions += 1;
                }
            }
            Clocks::Untouched | Clocks::Pause => {}
        }
        for change in changes {
            match *change {
                Decision::OpenDeadline {
                    kind,
                    started_at,
                    due,
                    clock,
                } => {
                    self.open(sequence, kind, started_at, due, clock);
                }
                Decision::PauseDeadline { deadline } => {
                    if let Some(deadline) = self.get_mut(deadline) {
                        deadline.status = DeadlineStatus::Paused {
                            since: at,
                            remaining_seconds: (deadline.due - at).num_seconds(),
                        };
                    }
                }
                Decision::ResumeDeadline { .. }
                | Decision::ScheduleFollowUp { .. }
                | Decision::RetryFollowUp { .. } => {}
            }
        }
        if let Some((kind, due)) = consequences.opens_by_event {
            self.open(sequence, kind, at, due, Counting::Calendar);
        }
        self.meet(at, consequences.meets_at_once);
        if consequences.clocks == Clocks::Pause {
            self.awaiting_customer_since = Some(at);
        }
        // Leaving the open stages ends any wait on the customer.
        if !next_stage.is_open() && self.awaiting_customer_since.is_some() {
            self.resume_all(at);
        }
    }

    fn open(
        &mut self,
        sequence: u64,
        kind: DeadlineKind,
        started_at: DateTime<Utc>,
        due: DateTime<Utc>,
        clock: Counting,
    ) {
        let number = u32::try_from(self.deadlines.len() + 1).unwrap_or(u32::MAX);
        self.deadlines.push(Deadline {
            id: DeadlineId::from_number(number),
            kind,
            started_at,
            due,
            original_due: due,
            clock,
            extensions: 0,
            status: DeadlineStatus::Open,
            opened_by: sequence,
        });
    }

    fn get_mut(&mut self, id: DeadlineId) -> Option<&mut Deadline> {
        let index = usize::try_from(id.number()).ok()?.checked_sub(1)?;
        self.deadlines.get_mut(index)
    }

    fn unfinished_mut(&mut self) -> impl Iterator<Item = &mut Deadline> {
        self.deadlines.iter_mut().filter(|deadline| {
            matches!(
                deadline.status,
                DeadlineStatus::Open | DeadlineStatus::Paused { .. }
            )
        })
    }

    fn meet(&mut self, at: DateTime<Utc>, kinds: &[DeadlineKind]) {
        for deadline in self.unfinished_mut() {
            if kinds.contains(&deadline.kind) {
                // The wait on the customer does not count against a paused deadline.
                resume(deadline, at);
                deadline.status = DeadlineStatus::Met { at };
            }
        }
    }

    /// Every unfinished deadline is cancelled.
    fn cancel_all(&mut self, at: DateTime<Utc>) {
        for deadline in self.unfinished_mut() {
            resume(deadline, at);
            deadline.status = DeadlineStatus::Cancelled { at };
        }
        self.awaiting_customer_since = None;
    }

    /// Paused deadlines run again with the time they had left.
    fn resume_all(&mut self, at: DateTime<Utc>) {
        for deadline in &mut self.deadlines {
            resume(deadline, at);
        }
        self.awaiting_customer_since = None;
    }
}

/// A paused deadline runs again at `at`, its due time moved by exactly the
/// time it was paused (elapsed time, also for business-clock deadlines: the
/// wait is measured on the wall clock). Other deadlines are left as they are.
fn resume(deadline: &mut Deadline, at: DateTime<Utc>) {
    if let DeadlineStatus::Paused { since, .. } = deadline.status {
        let waited = (at - since).max(TimeDelta::zero());
        deadline.due = deadline
            .due
            .checked_add_signed(waited)
            .unwrap_or(deadline.due);
        deadline.status = DeadlineStatus::Open;
    }
}
