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
use crate::lifecycle::{Complainant, Event, StageKind};
use crate::policy::{Policy, TargetFacts};
use crate::record::error::DecisionError;
use crate::record::retarget;
use crate::time::deadline::RaisedAlarms;
use crate::time::{AlarmPlan, Counting};
use crate::time::{Breach, Deadline, DeadlineId, DeadlineKind, DeadlineStatus, WaitingOn};

/// The deadlines of one complaint, in the order they were opened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Ledger {
    deadlines: Vec<Deadline>,
    /// W5: since when the complaint waits on the customer, and on a third party.
    awaiting_customer_since: Option<DateTime<Utc>>,
    awaiting_third_party_since: Option<DateTime<Utc>>,
}

impl Ledger {
    pub(crate) fn deadlines(&self) -> &[Deadline] {
        &self.deadlines
    }

    pub(crate) fn get(&self, id: DeadlineId) -> Option<&Deadline> {
        let index = usize::try_from(id.number()).ok()?.checked_sub(1)?;
        self.deadlines.get(index)
    }

    /// Since when the complaint waits on `whom`.
    pub(crate) fn awaiting_since(&self, whom: WaitingOn) -> Option<DateTime<Utc>> {
        match whom {
            WaitingOn::Customer => self.awaiting_customer_since,
            WaitingOn::ThirdParty => self.awaiting_third_party_since,
        }
    }

    fn awaiting_mut(&mut self, whom: WaitingOn) -> &mut Option<DateTime<Utc>> {
        match whom {
            WaitingOn::Customer => &mut self.awaiting_customer_since,
            WaitingOn::ThirdParty => &mut self.awaiting_third_party_since,
        }
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
    /// with their due times, and the deadlines it pauses, resumes or
    /// re-targets, as the event's [`DeadlineConsequences`](crate::lifecycle::consequences::DeadlineConsequences)
    /// say. `facts` are the complaint's current classification, its channel
    /// (T1, T2) and complainant: they choose the limits (W2);
    /// `complainant` says whether its follow-up is scheduled (F5).
    pub(crate) fn plan(
        &self,
        event: &Event,
        at: DateTime<Utc>,
        policy: &Policy,
        facts: &TargetFacts,
        complainant: &Complainant,
    ) -> Result<Vec<Decision>, TransitionError> {
        let consequences = event.deadline_consequences(at);
        let mut changes = Vec::new();
        if let Some(opens) = consequences.opens_by_policy {
            let followed_up = complainant.is_followed_up(policy);
            for &kind in opens.kinds {
                if kind == DeadlineKind::FollowUp && !followed_up {
                    continue;
                }
                let Some(limit) = policy.time_limit_for(kind, facts) else {
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
                    alarms: policy.alarm_plan(kind, opens.from, due),
                });
            }
        }
        // W1, W3: a deadline the event times gets its alarms from the policy too.
        if let Some((kind, due)) = consequences.opens_by_event {
            let alarms = policy.alarm_plan(kind, at, due);
            if !alarms.is_empty() {
                changes.push(Decision::PlanAlarms { alarms });
            }
        }
        match consequences.clocks {
            Clocks::Pause(whom) => {
                for deadline in &self.deadlines {
                    if deadline.is_open() && policy.pauses_while_waiting_on(whom, deadline.kind) {
                        changes.push(Decision::PauseDeadline {
                            deadline: deadline.id,
                        });
                    }
                }
            }
            // A business-clock deadline waits for the working time the wait
            // took; the others for the elapsed time (derived on replay).
            Clocks::Resume(whom) => {
                for deadline in &self.deadlines {
                    let DeadlineStatus::Paused { by, since, .. } = deadline.status else {
                        continue;
                    };
                    if by != whom {
                        continue;
                    }
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
            // W2: the targets of the new classification, which the event carries.
            Clocks::Retarget => {
                if let Event::Reclassify(reclassify) = event {
                    let facts = TargetFacts {
                        severity: reclassify.severity,
                        category: reclassify.category.clone(),
                        ..facts.clone()
                    };
                    changes.extend(retarget::plan(&self.deadlines, at, policy, &facts)?);
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
                alarms,
                ..
            } => {
                if !consequences.may_open_by_policy(*kind) {
                    return Err(DecisionError::OpenNotAllowed);
                }
                if due < started_at {
                    return Err(DecisionError::DueBeforeStart);
                }
                check_alarm_plan(alarms)
            }
            Decision::PlanAlarms { alarms } => {
                if consequences.opens_by_event.is_none() {
                    return Err(DecisionError::AlarmsWithoutDeadline);
                }
                check_alarm_plan(alarms)
            }
            Decision::ResumeDeadline { deadline, due } => {
                let Clocks::Resume(whom) = consequences.clocks else {
                    return Err(DecisionError::ResumeNotAllowed);
                };
                match self.get(*deadline) {
                    Some(paused) if matches!(paused.status, DeadlineStatus::Paused { by, .. } if by == whom) => {
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
                if !matches!(consequences.clocks, Clocks::Pause(_)) {
                    return Err(DecisionError::PauseNotAllowed);
                }
                if self.get(*deadline).is_some_and(Deadline::is_open) {
                    Ok(())
                } else {
                    Err(DecisionError::PausedNotOpen)
                }
            }
            Decision::RetargetDeadline {
                deadline,
                target_due,
                due,
                alarms,
                ..
            } => {
                if consequences.clocks != Clocks::Retarget {
                    return Err(DecisionError::RetargetNotAllowed);
                }
                retarget::check(self.get(*deadline), at, *target_due, *due)
                    .and_then(|()| check_alarm_plan(alarms))
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
            Clocks::Resume(whom) => self.resume_waiting(whom, at),
            // W1: an extended deadline is on track again and warns again.
            Clocks::Extend { deadline, due } => {
                if let Some(deadline) = self.get_mut(deadline) {
                    deadline.due = due;
                    deadline.extensions += 1;
                    deadline.raised.at_risk = false;
                }
            }
            Clocks::Untouched | Clocks::Pause(_) | Clocks::Retarget => {}
        }
        // Whose wait a recorded pause belongs to: the event's.
        let pausing = match consequences.clocks {
            Clocks::Pause(whom) => Some(whom),
            Clocks::Untouched
            | Clocks::Resume(_)
            | Clocks::CancelAll
            | Clocks::Retarget
            | Clocks::Extend { .. } => None,
        };
        for change in changes {
            match *change {
                Decision::OpenDeadline {
                    kind,
                    started_at,
                    due,
                    clock,
                    ref alarms,
                } => {
                    self.open(sequence, kind, started_at, due, clock, alarms.clone());
                }
                Decision::PauseDeadline { deadline } => {
                    if let Some(deadline) = self.get_mut(deadline) {
                        deadline.status = DeadlineStatus::Paused {
                            by: pausing.unwrap_or_default(),
                            since: at,
                            remaining_seconds: (deadline.due - at).num_seconds(),
                        };
                    }
                }
                Decision::RetargetDeadline {
                    deadline,
                    limit,
                    target_due,
                    due,
                    ref alarms,
                } => {
                    if let Some(deadline) = self.get_mut(deadline) {
                        retarget::apply(deadline, at, limit, target_due, due, alarms);
                    }
                }
                Decision::ResumeDeadline { .. }
                | Decision::PlanAlarms { .. }
                | Decision::ScheduleFollowUp { .. }
                | Decision::RetryFollowUp { .. } => {}
            }
        }
        if let Some((kind, due)) = consequences.opens_by_event {
            let alarms = changes.iter().find_map(|change| match change {
                Decision::PlanAlarms { alarms } => Some(alarms.clone()),
                _ => None,
            });
            let alarms = alarms.unwrap_or_default();
            self.open(sequence, kind, at, due, Counting::Calendar, alarms);
        }
        if let Some((deadline, level)) = consequences.raises {
            if let Some(deadline) = self.get_mut(deadline) {
                deadline.raised.raise(level);
            }
        }
        self.meet(at, consequences.meets_at_once);
        if let Some(whom) = pausing {
            *self.awaiting_mut(whom) = Some(at);
        }
        // Leaving the open stages ends every wait.
        let waiting = WaitingOn::ALL
            .iter()
            .any(|&whom| self.awaiting_since(whom).is_some());
        if !next_stage.is_open() && waiting {
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
        alarms: AlarmPlan,
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
            alarms,
            raised: RaisedAlarms::default(),
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
        self.awaiting_third_party_since = None;
    }

    /// Every paused deadline runs again with the time it had left; every wait ends.
    fn resume_all(&mut self, at: DateTime<Utc>) {
        for deadline in &mut self.deadlines {
            resume(deadline, at);
        }
        self.awaiting_customer_since = None;
        self.awaiting_third_party_since = None;
    }

    /// W5: the wait on `whom` ends: the deadlines it paused run again.
    fn resume_waiting(&mut self, whom: WaitingOn, at: DateTime<Utc>) {
        for deadline in &mut self.deadlines {
            if matches!(deadline.status, DeadlineStatus::Paused { by, .. } if by == whom) {
                resume(deadline, at);
            }
        }
        *self.awaiting_mut(whom) = None;
    }
}

/// W1: a recorded alarm plan warns no later than its due time.
fn check_alarm_plan(alarms: &AlarmPlan) -> Result<(), DecisionError> {
    if alarms.warn_before_seconds.is_some_and(|lead| lead < 0) {
        return Err(DecisionError::WarningAfterDue);
    }
    Ok(())
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
