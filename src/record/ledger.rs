//! The deadlines of one complaint: which event opens, meets, pauses, resumes,
//! extends or cancels which deadline (T1–T7), as a fold over the history.
//!
//! Due times that come from the policy are computed once, when an event is
//! applied, and recorded on the entry ([`Effect`]); everything else
//! follows from the events. Replaying a history therefore gives the same
//! deadlines under any later policy.

use chrono::{DateTime, TimeDelta, Utc};

use crate::lifecycle::Effect;
use crate::lifecycle::TransitionError;
use crate::lifecycle::{Event, StageKind};
use crate::policy::Policy;
use crate::time::{Breach, Deadline, DeadlineId, DeadlineKind, DeadlineStatus};
use crate::time::{Clock, TimeLimit};

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
        let index = usize::try_from(id.0).ok()?.checked_sub(1)?;
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
    /// with their due times, and the deadlines it pauses.
    pub(crate) fn plan(
        &self,
        event: &Event,
        at: DateTime<Utc>,
        policy: &Policy,
    ) -> Result<Vec<Effect>, TransitionError> {
        let open =
            |kind, limit: TimeLimit, start: DateTime<Utc>| -> Result<Effect, TransitionError> {
                Ok(Effect::OpenDeadline {
                    kind,
                    started_at: start,
                    due: limit
                        .due(start, policy.calendar())
                        .map_err(|source| TransitionError::Calendar { kind, source })?,
                    clock: limit.clock(),
                })
            };
        let mut changes = Vec::new();
        match event {
            // T1, T2 and the regulatory clocks start when the complaint was received.
            Event::Accept(accept) => {
                let start = accept.received_at;
                let limits = [
                    (
                        DeadlineKind::FirstResponse,
                        policy.first_response(accept.channel),
                    ),
                    (DeadlineKind::Judgment, policy.judgment()),
                    (DeadlineKind::FinalResponse, policy.final_response()),
                    (DeadlineKind::SummaryResolution, policy.summary_resolution()),
                ];
                for (kind, limit) in limits {
                    if let Some(limit) = limit {
                        changes.push(open(kind, limit, start)?);
                    }
                }
            }
            // T4: a newly assigned owner contacts the customer within the policy's time.
            Event::Assign(_) => {
                if let Some(limit) = policy.first_contact() {
                    changes.push(open(DeadlineKind::FirstContact, limit, at)?);
                }
            }
            // A business-clock deadline waits for the working time the wait
            // took; the others for the elapsed time (derived on replay).
            Event::CustomerReplied(_) => {
                for deadline in &self.deadlines {
                    let DeadlineStatus::Paused { since, .. } = deadline.status else {
                        continue;
                    };
                    if deadline.clock != Clock::Business {
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
                    changes.push(Effect::ResumeDeadline {
                        deadline: deadline.id,
                        due,
                    });
                }
            }
            Event::AwaitCustomer(_) => {
                for deadline in &self.deadlines {
                    if deadline.is_open() && policy.pauses_while_awaiting_customer(deadline.kind) {
                        changes.push(Effect::PauseDeadline {
                            deadline: deadline.id,
                        });
                    }
                }
            }
            _ => {}
        }
        Ok(changes)
    }

    /// On replay: a recorded deadline effect is one `event` can have.
    pub(crate) fn check_recorded(
        &self,
        event: &Event,
        effect: &Effect,
    ) -> Result<(), &'static str> {
        match effect {
            Effect::OpenDeadline {
                kind,
                started_at,
                due,
                ..
            } => {
                let opens = match event {
                    Event::Accept(_) => matches!(
                        kind,
                        DeadlineKind::FirstResponse
                            | DeadlineKind::Judgment
                            | DeadlineKind::FinalResponse
                            | DeadlineKind::SummaryResolution
                    ),
                    Event::Assign(_) => *kind == DeadlineKind::FirstContact,
                    Event::Execute(_) | Event::Dismiss(_) | Event::ResolveOnFirstContact(_) => {
                        *kind == DeadlineKind::FollowUp
                    }
                    _ => false,
                };
                if !opens {
                    return Err("the event does not open a deadline of this kind");
                }
                if due < started_at {
                    return Err("a deadline is due before it starts");
                }
                Ok(())
            }
            Effect::ResumeDeadline { deadline, due } => {
                if !matches!(event, Event::CustomerReplied(_)) {
                    return Err("only the customer's reply resumes deadlines");
                }
                match self.get(*deadline) {
                    Some(paused) if matches!(paused.status, DeadlineStatus::Paused { .. }) => {
                        if *due < paused.due {
                            Err("a resumed deadline is due before it was")
                        } else {
                            Ok(())
                        }
                    }
                    _ => Err("the resumed deadline is not paused"),
                }
            }
            Effect::PauseDeadline { deadline } => {
                if !matches!(event, Event::AwaitCustomer(_)) {
                    return Err("only awaiting the customer pauses deadlines");
                }
                if self.get(*deadline).is_some_and(Deadline::is_open) {
                    Ok(())
                } else {
                    Err("the paused deadline is not open")
                }
            }
            _ => Ok(()),
        }
    }

    /// Folds one entry into the deadlines: first what the event meets, cancels
    /// or resumes, then what it opens or pauses.
    pub(crate) fn apply(
        &mut self,
        sequence: u64,
        at: DateTime<Utc>,
        event: &Event,
        changes: &[Effect],
        next_stage: StageKind,
    ) {
        // Recorded resumptions first: the event's own resume then leaves them be.
        for change in changes {
            if let Effect::ResumeDeadline { deadline, due } = *change {
                if let Some(deadline) = self.get_mut(deadline) {
                    deadline.due = due;
                    deadline.status = DeadlineStatus::Open;
                }
            }
        }
        self.finish_by(event, at);
        for change in changes {
            match *change {
                Effect::OpenDeadline {
                    kind,
                    started_at,
                    due,
                    clock,
                } => {
                    self.open(sequence, kind, started_at, due, clock);
                }
                Effect::PauseDeadline { deadline } => {
                    if let Some(deadline) = self.get_mut(deadline) {
                        deadline.status = DeadlineStatus::Paused {
                            since: at,
                            remaining_seconds: (deadline.due - at).num_seconds(),
                        };
                    }
                }
                _ => {}
            }
        }
        // Deadlines the event itself sets, from its own data.
        match event {
            // R1 with T1/T2: the complaint is answered when it is accepted.
            Event::Accept(_) => self.meet(at, &[DeadlineKind::FirstResponse]),
            // R2: the investigation time agreed with the customer.
            Event::Uphold(uphold) => {
                self.open(
                    sequence,
                    DeadlineKind::Investigation,
                    at,
                    uphold.investigation_due,
                    Clock::Calendar,
                );
            }
            // T3: a callback promised on this contact.
            Event::Contact(contact) => {
                if let Some(due) = contact.callback_due {
                    self.open(
                        sequence,
                        DeadlineKind::CallbackPromised,
                        at,
                        due,
                        Clock::Calendar,
                    );
                }
            }
            // T6: the transfer is tracked until the customer is answered.
            Event::Transfer(transfer) => {
                self.open(
                    sequence,
                    DeadlineKind::TransferTracking,
                    at,
                    transfer.tracking_due,
                    Clock::Calendar,
                );
            }
            Event::AwaitCustomer(_) => self.awaiting_customer_since = Some(at),
            _ => {}
        }
        // Leaving the open stages ends any wait on the customer.
        if !next_stage.is_open() && self.awaiting_customer_since.is_some() {
            self.resume_all(at);
        }
    }

    /// What an event meets, cancels, resumes or extends.
    fn finish_by(&mut self, event: &Event, at: DateTime<Utc>) {
        match event {
            Event::Uphold(_) => self.meet(at, &[DeadlineKind::Judgment]),
            // A dismissal or a fast-path resolution is the judgment and the final response.
            Event::Dismiss(_) | Event::ResolveOnFirstContact(_) => self.meet(
                at,
                &[
                    DeadlineKind::Judgment,
                    DeadlineKind::FinalResponse,
                    DeadlineKind::SummaryResolution,
                ],
            ),
            Event::Investigate(_) => self.meet(at, &[DeadlineKind::Investigation]),
            Event::Execute(_) => self.meet(
                at,
                &[DeadlineKind::FinalResponse, DeadlineKind::SummaryResolution],
            ),
            Event::CompleteFollowUp(_) | Event::GiveUpFollowUp(_) => {
                self.meet(at, &[DeadlineKind::FollowUp]);
            }
            // T3, T4, T6: talking to the customer meets every promise to talk to them.
            Event::Contact(_) => self.meet(
                at,
                &[
                    DeadlineKind::CallbackPromised,
                    DeadlineKind::FirstContact,
                    DeadlineKind::TransferTracking,
                ],
            ),
            // R7: a withdrawn or closed complaint needs nothing more; a miss
            // before it stays a breach.
            Event::Withdraw(_) | Event::Close(_) => self.cancel_all(at),
            Event::CustomerReplied(_) => self.resume_all(at),
            Event::ExtendDeadline(extend) => {
                if let Some(deadline) = self.get_mut(extend.deadline) {
                    deadline.due = extend.due;
                    deadline.extensions += 1;
                }
            }
            _ => {}
        }
    }

    fn open(
        &mut self,
        sequence: u64,
        kind: DeadlineKind,
        started_at: DateTime<Utc>,
        due: DateTime<Utc>,
        clock: Clock,
    ) {
        let number = u32::try_from(self.deadlines.len() + 1).unwrap_or(u32::MAX);
        self.deadlines.push(Deadline {
            id: DeadlineId(number),
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
        let index = usize::try_from(id.0).ok()?.checked_sub(1)?;
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
