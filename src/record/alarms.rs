//! W1, W3 on the record: its next alarm (what a store's `next_due_at`
//! index and the [`Agenda`](crate::deadline::Agenda) hold), the deadlines at
//! risk or breached at a given time, and what is owed at that time — the
//! alarms, escalation levels and follow-up give-ups a due-worker applies, each
//! as an event ([`Owed::event`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::lifecycle::{Escalate, EscalationStep, Event, GiveUpFollowUp, RaiseAlarm};
use crate::record::ComplaintRecord;
use crate::time::{Alarm, AlarmLevel, AlarmPoint, AlarmState, Deadline, DeadlineId, DeadlineKind};
use crate::values::Role;

/// Something a complaint is owed at a given time (W1, W3, F5): an event a
/// due-worker applies as its own actor.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "owed", rename_all = "snake_case")]
pub enum Owed {
    /// W1: a deadline's warning or due time has fallen and was not raised.
    Alarm {
        /// Which deadline.
        deadline: DeadlineId,
        /// What it is for.
        kind: DeadlineKind,
        /// Which alarm.
        level: AlarmLevel,
    },
    /// W3: a level of a deadline's escalation chain has fallen and the
    /// complaint is not yet at its role.
    Escalation {
        /// Which deadline.
        deadline: DeadlineId,
        /// What it is for.
        kind: DeadlineKind,
        /// The level, from 1.
        level: u8,
        /// The role the complaint goes to.
        to: Role,
    },
    /// F5: every follow-up attempt was made without reaching the customer.
    FollowUpGiveUp {
        /// How many attempts were made.
        attempts: u32,
    },
}

impl Owed {
    /// The event that pays what is owed, to apply as the due-worker's actor.
    #[must_use]
    pub fn event(&self) -> Event {
        match *self {
            Owed::Alarm {
                deadline, level, ..
            } => Event::RaiseAlarm(RaiseAlarm { deadline, level }),
            Owed::Escalation {
                deadline,
                kind,
                level,
                to,
            } => Event::Escalate(Escalate {
                to,
                owner: None,
                reason: format!(
                    "W3: level {level} of the escalation chain of deadline {deadline} ({kind})"
                ),
                step: Some(EscalationStep { deadline, level }),
            }),
            Owed::FollowUpGiveUp { attempts } => Event::GiveUpFollowUp(GiveUpFollowUp {
                note: format!("F5: {attempts} attempts were made without reaching the customer"),
            }),
        }
    }
}

impl ComplaintRecord {
    /// W1: the complaint's next alarm, the earliest not raised yet over its
    /// running deadlines: a warning, a due time or a level of an escalation
    /// chain. Its time is the value an application stores in the indexed
    /// `next_due_at` column; without warnings and chains it is the due time
    /// of [`next_deadline`](Self::next_deadline) until that deadline's
    /// breach is raised.
    #[must_use]
    pub fn next_alarm(&self) -> Option<Alarm> {
        self.pending_alarms()
            .min_by_key(|alarm| (alarm.at, alarm.deadline, alarm.point))
    }

    /// W1: each deadline at risk or breached at `now`, with where it stands.
    #[must_use]
    pub fn alarms(&self, now: DateTime<Utc>) -> Vec<(&Deadline, AlarmState)> {
        self.deadlines()
            .iter()
            .map(|deadline| (deadline, deadline.alarm_state(now)))
            .filter(|(_, state)| *state != AlarmState::OnTrack)
            .collect()
    }

    /// W1, W3, F5: what the complaint is owed at `now`, in the order to
    /// apply it: the alarms that have fallen and were not raised, the
    /// escalation levels that have fallen (one per role, lowest first, and
    /// only roles above the complaint's level: a level reached by hand
    /// counts), and the follow-up's give-up once its attempts are spent.
    #[must_use]
    pub fn owed(&self, now: DateTime<Utc>) -> Vec<Owed> {
        let mut fallen: Vec<Alarm> = self.pending_alarms().filter(|a| a.at <= now).collect();
        fallen.sort_by_key(|alarm| (alarm.at, alarm.deadline, alarm.point));
        let mut owed = Vec::new();
        // One escalation per role, the first level that owes it.
        let mut escalations: Vec<(Role, Owed)> = Vec::new();
        for alarm in fallen {
            match alarm.point {
                AlarmPoint::Warning | AlarmPoint::Due => owed.push(Owed::Alarm {
                    deadline: alarm.deadline,
                    kind: alarm.kind,
                    level: if alarm.point == AlarmPoint::Warning {
                        AlarmLevel::AtRisk
                    } else {
                        AlarmLevel::Breached
                    },
                }),
                AlarmPoint::Escalation { level, to } => {
                    if escalations.iter().all(|(seen, _)| *seen != to) {
                        let escalation = Owed::Escalation {
                            deadline: alarm.deadline,
                            kind: alarm.kind,
                            level,
                            to,
                        };
                        escalations.push((to, escalation));
                    }
                }
            }
        }
        escalations.sort_by_key(|(to, _)| *to);
        owed.extend(escalations.into_iter().map(|(_, escalation)| escalation));
        if let Some(follow_up) = self.follow_up() {
            let spent = follow_up.attempts() >= follow_up.max_attempts();
            let open = follow_up.done_at().is_none() && !follow_up.last_attempt_reached();
            let accepted = self
                .stage()
                .after(crate::EventKind::GiveUpFollowUp)
                .is_some();
            if spent && open && accepted {
                owed.push(Owed::FollowUpGiveUp {
                    attempts: follow_up.attempts(),
                });
            }
        }
        owed
    }

    /// Every alarm of a running deadline not raised yet; escalation levels
    /// only while the complaint is open, above its current level.
    fn pending_alarms(&self) -> impl Iterator<Item = Alarm> + '_ {
        let (level, open) = (self.escalation_level(), self.stage().is_open());
        self.deadlines()
            .iter()
            .flat_map(move |deadline| deadline.pending_alarms(level, open))
    }
}
