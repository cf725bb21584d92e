//! What each event does to the deadlines (T1–T7) and to the follow-up
//! (F1–F7), written once, as two exhaustive `match`es over [`Event`].
//!
//! The record's folds read these tables three times: when an event is
//! applied (which decisions the policy must make), when a stored history is
//! replayed (whether a recorded decision is one its event can have) and when
//! an entry is folded into the deadlines and the follow-up. A new event does
//! not compile until both tables say what it does.

use chrono::{DateTime, Utc};

use super::event::{BodyDue, Complainant, Event};
use crate::policy::Policy;
use crate::time::{AlarmLevel, DeadlineId, DeadlineKind, TimeLimit, WaitingOn};

/// What one event does to the deadlines of its complaint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DeadlineConsequences {
    /// The unfinished deadlines of these kinds are met by the event.
    pub(crate) meets: &'static [DeadlineKind],
    /// What the event does to the running of every deadline.
    pub(crate) clocks: Clocks,
    /// The deadlines the event opens with a time limit of the policy: the
    /// due times are decided when the event is applied and recorded on its
    /// entry, so that replay never asks today's policy.
    pub(crate) opens_by_policy: Option<PolicyDeadlines>,
    /// A deadline the event opens from its own data (a due time the
    /// customer was promised), counted on the calendar clock.
    pub(crate) opens_by_event: Option<(DeadlineKind, DateTime<Utc>)>,
    /// Deadlines the event opens and meets at once.
    pub(crate) meets_at_once: &'static [DeadlineKind],
    /// W1: an alarm of one deadline the event raises.
    pub(crate) raises: Option<(DeadlineId, AlarmLevel)>,
    /// D2: a deadline the event opens with a time limit of its own data,
    /// counted on the policy's calendar when the event is applied and
    /// recorded on its entry (like the policy's).
    pub(crate) opens_by_own_limit: Option<OwnLimit>,
}

/// D2: a deadline an event opens with a time limit it carries itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct OwnLimit {
    /// The kind.
    pub(crate) kind: DeadlineKind,
    /// The limit the event gives.
    pub(crate) limit: TimeLimit,
    /// When its clock starts.
    pub(crate) from: DateTime<Utc>,
}

/// Deadlines an event opens with the policy's time limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PolicyDeadlines {
    /// The kinds; a kind the policy sets no limit for opens nothing.
    pub(crate) kinds: &'static [DeadlineKind],
    /// When their clocks start.
    pub(crate) from: DateTime<Utc>,
}

/// What an event does to the running of the deadlines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Clocks {
    /// They run on.
    Untouched,
    /// The complaint waits on the customer or a third party (W5): the open
    /// deadlines of the kinds the policy pauses for that wait stop (a
    /// recorded decision).
    Pause(WaitingOn),
    /// The wait ended (the customer or the third party replied): the
    /// deadlines that wait paused run again, business-clock ones due later by
    /// the working time the wait took (a recorded decision).
    Resume(WaitingOn),
    /// R7: a withdrawn or closed complaint needs nothing more; every
    /// unfinished deadline is cancelled (a miss before it stays a breach).
    CancelAll,
    /// W2: the complaint is reclassified: every unfinished deadline whose
    /// limit the policy's target rules choose, and that is not missed yet,
    /// is re-targeted to the limit the rules give for the new classification
    /// (a recorded decision).
    Retarget,
    /// T7: one deadline is due later.
    Extend {
        /// Which deadline.
        deadline: DeadlineId,
        /// Its new due time.
        due: DateTime<Utc>,
    },
}

/// The kinds the regulatory clocks and T1/T2 open at intake.
const AT_INTAKE: &[DeadlineKind] = &[
    DeadlineKind::FirstResponse,
    DeadlineKind::Judgment,
    DeadlineKind::FinalResponse,
    DeadlineKind::SummaryResolution,
    DeadlineKind::ProgressUpdate,
];

/// W4: the duty to keep the customer informed, opened again after each update.
const PROGRESS: &[DeadlineKind] = &[DeadlineKind::ProgressUpdate];

/// T3, T4, T6: the promises to talk to the customer, kept by talking to them.
const TALKED_TO: &[DeadlineKind] = &[
    DeadlineKind::CallbackPromised,
    DeadlineKind::FirstContact,
    DeadlineKind::TransferTracking,
];

/// W4: a progress update talks to the customer and is the update they were owed.
const UPDATED: &[DeadlineKind] = &[
    DeadlineKind::CallbackPromised,
    DeadlineKind::FirstContact,
    DeadlineKind::TransferTracking,
    DeadlineKind::ProgressUpdate,
];

impl DeadlineConsequences {
    const NONE: Self = Self {
        meets: &[],
        clocks: Clocks::Untouched,
        opens_by_policy: None,
        opens_by_event: None,
        meets_at_once: &[],
        raises: None,
        opens_by_own_limit: None,
    };

    const fn meets(kinds: &'static [DeadlineKind]) -> Self {
        Self {
            meets: kinds,
            ..Self::NONE
        }
    }

    const fn clocks(clocks: Clocks) -> Self {
        Self {
            clocks,
            ..Self::NONE
        }
    }

    /// Whether the event's decisions may open a deadline of `kind`: one of
    /// the policy's, or (D2) the one of the event's own limit.
    pub(crate) fn may_open_by_policy(&self, kind: DeadlineKind) -> bool {
        self.opens_by_policy
            .is_some_and(|opens| opens.kinds.contains(&kind))
            || self.opens_by_own_limit.is_some_and(|own| own.kind == kind)
    }
}

impl Event {
    /// What this event, applied at `at`, does to the deadlines (T1–T7).
    // One table, one arm per event, read top to bottom: split up, it would
    // no longer be the one place that says it.
    #[allow(clippy::too_many_lines)]
    pub(crate) fn deadline_consequences(&self, at: DateTime<Utc>) -> DeadlineConsequences {
        // A remedy executed, a dismissal replied or a fast-path resolution is
        // the final response; F7 opens the follow-up deadline from it (only
        // where the follow-up is scheduled, F5).
        const FOLLOW_UP: &[DeadlineKind] = &[DeadlineKind::FollowUp];
        let follow_up = Some(PolicyDeadlines {
            kinds: FOLLOW_UP,
            from: at,
        });
        match self {
            // T1, T2 and the regulatory clocks start when the complaint was
            // received; R1: accepting it answers the contact.
            Event::Accept(accept) => DeadlineConsequences {
                opens_by_policy: Some(PolicyDeadlines {
                    kinds: AT_INTAKE,
                    from: accept.received_at,
                }),
                meets_at_once: &[DeadlineKind::FirstResponse],
                ..DeadlineConsequences::NONE
            },
            // R2: upholding is the judgment, and the customer agreed a time
            // for the investigation.
            Event::Uphold(uphold) => DeadlineConsequences {
                meets: &[DeadlineKind::Judgment],
                opens_by_event: Some((DeadlineKind::Investigation, uphold.investigation_due)),
                ..DeadlineConsequences::NONE
            },
            // A dismissal or a fast-path resolution is the judgment and the final response.
            Event::Dismiss(_) | Event::ResolveOnFirstContact(_) => DeadlineConsequences {
                meets: &[
                    DeadlineKind::Judgment,
                    DeadlineKind::FinalResponse,
                    DeadlineKind::SummaryResolution,
                    DeadlineKind::ProgressUpdate,
                ],
                opens_by_policy: follow_up,
                ..DeadlineConsequences::NONE
            },
            Event::Investigate(_) => DeadlineConsequences::meets(&[DeadlineKind::Investigation]),
            // W4: the final response is the last word the customer waited for.
            Event::Execute(_) => DeadlineConsequences {
                meets: &[
                    DeadlineKind::FinalResponse,
                    DeadlineKind::SummaryResolution,
                    DeadlineKind::ProgressUpdate,
                ],
                opens_by_policy: follow_up,
                ..DeadlineConsequences::NONE
            },
            Event::CompleteFollowUp(_) | Event::GiveUpFollowUp(_) => {
                DeadlineConsequences::meets(&[DeadlineKind::FollowUp])
            }
            // T3, T4, T6: talking to the customer meets every promise to talk
            // to them; T3: and may promise a callback.
            Event::Contact(contact) => DeadlineConsequences {
                meets: TALKED_TO,
                opens_by_event: contact
                    .callback_due
                    .map(|due| (DeadlineKind::CallbackPromised, due)),
                ..DeadlineConsequences::NONE
            },
            // W4: telling the customer where the complaint stands keeps every
            // promise to talk to them, and the next update falls due.
            Event::ProgressUpdate(_) => DeadlineConsequences {
                meets: UPDATED,
                opens_by_policy: Some(PolicyDeadlines {
                    kinds: PROGRESS,
                    from: at,
                }),
                ..DeadlineConsequences::NONE
            },
            // R7, W4: a reopened complaint is open again: the customer is kept
            // informed again. D1: a disputed one too, as a reopen.
            Event::Reopen(_) | Event::Dispute(_) => DeadlineConsequences {
                opens_by_policy: Some(PolicyDeadlines {
                    kinds: PROGRESS,
                    from: at,
                }),
                ..DeadlineConsequences::NONE
            },
            // T4: a newly assigned owner contacts the customer within the policy's time.
            Event::Assign(_) => DeadlineConsequences {
                opens_by_policy: Some(PolicyDeadlines {
                    kinds: &[DeadlineKind::FirstContact],
                    from: at,
                }),
                ..DeadlineConsequences::NONE
            },
            // T6: the transfer is tracked until the customer is answered.
            Event::Transfer(transfer) => DeadlineConsequences {
                opens_by_event: Some((DeadlineKind::TransferTracking, transfer.tracking_due)),
                ..DeadlineConsequences::NONE
            },
            Event::AwaitCustomer(_) => {
                DeadlineConsequences::clocks(Clocks::Pause(WaitingOn::Customer))
            }
            Event::CustomerReplied(_) => {
                DeadlineConsequences::clocks(Clocks::Resume(WaitingOn::Customer))
            }
            // W5: a wait on a third party pauses what the policy says it pauses.
            Event::AwaitThirdParty(_) => {
                DeadlineConsequences::clocks(Clocks::Pause(WaitingOn::ThirdParty))
            }
            Event::ThirdPartyReplied(_) => {
                DeadlineConsequences::clocks(Clocks::Resume(WaitingOn::ThirdParty))
            }
            // D2: the external body's own deadline, from the referral's data.
            Event::Refer(refer) => match refer.body_due {
                BodyDue::At(due) => DeadlineConsequences {
                    opens_by_event: Some((DeadlineKind::Referral, due)),
                    ..DeadlineConsequences::NONE
                },
                BodyDue::Within(limit) => DeadlineConsequences {
                    opens_by_own_limit: Some(OwnLimit {
                        kind: DeadlineKind::Referral,
                        limit,
                        from: at,
                    }),
                    ..DeadlineConsequences::NONE
                },
            },
            // D2: the body's outcome is what its deadline waited for.
            Event::RecordReferralOutcome(_) => {
                DeadlineConsequences::meets(&[DeadlineKind::Referral])
            }
            Event::Withdraw(_) | Event::Close(_) => DeadlineConsequences::clocks(Clocks::CancelAll),
            // W2: the targets follow the new classification.
            Event::Reclassify(_) => DeadlineConsequences::clocks(Clocks::Retarget),
            Event::ExtendDeadline(extend) => DeadlineConsequences::clocks(Clocks::Extend {
                deadline: extend.deadline,
                due: extend.due,
            }),
            // W1: the alarm is raised; the deadline's next alarm moves on.
            Event::RaiseAlarm(raise) => DeadlineConsequences {
                raises: Some((raise.deadline, raise.level)),
                ..DeadlineConsequences::NONE
            },
            Event::Propose(_)
            | Event::ChooseRemedy(_)
            | Event::Approve(_)
            | Event::Decline(_)
            | Event::Review(_)
            | Event::AddNote(_)
            | Event::Escalate(_)
            | Event::RepeatContact(_)
            | Event::Handover(_)
            | Event::AttemptFollowUp(_)
            | Event::RescheduleFollowUp(_)
            | Event::PersonalDataErased(_)
            // A2: a redaction changes texts only: every deadline stays.
            | Event::Redact(_) => DeadlineConsequences::NONE,
        }
    }

    /// What this event does to the follow-up of the current round (F1–F7).
    pub(crate) fn follow_up_consequence(&self) -> FollowUpConsequence {
        match self {
            // F7, F5: a remedy executed or a dismissal replied schedules the follow-up.
            Event::Execute(_) | Event::Dismiss(_) | Event::ResolveOnFirstContact(_) => {
                FollowUpConsequence::Schedules
            }
            // F1: an attempt, by phone, e-mail, SMS...
            Event::AttemptFollowUp(attempt) => FollowUpConsequence::Attempt {
                reached: attempt.reached,
            },
            // F7: a time agreed with the customer.
            Event::RescheduleFollowUp(reschedule) => FollowUpConsequence::Agree {
                at: reschedule.at,
                customer_requested: reschedule.customer_requested,
            },
            // F2, F3: the follow-up record.
            Event::CompleteFollowUp(_) => FollowUpConsequence::Complete,
            // F5: every attempt was made without reaching the customer.
            Event::GiveUpFollowUp(_) => FollowUpConsequence::GiveUp,
            // R7: a reopened complaint starts a new round, with its own
            // follow-up; D1: a disputed one too.
            Event::Reopen(_) | Event::Dispute(_) => FollowUpConsequence::NewRound,
            Event::Accept(_)
            | Event::Uphold(_)
            | Event::Investigate(_)
            | Event::Propose(_)
            | Event::ChooseRemedy(_)
            | Event::Approve(_)
            | Event::Decline(_)
            | Event::Review(_)
            | Event::Close(_)
            | Event::Withdraw(_)
            | Event::AddNote(_)
            | Event::Contact(_)
            | Event::ProgressUpdate(_)
            | Event::Assign(_)
            | Event::Transfer(_)
            | Event::AwaitCustomer(_)
            | Event::CustomerReplied(_)
            | Event::AwaitThirdParty(_)
            | Event::ThirdPartyReplied(_)
            | Event::Reclassify(_)
            | Event::ExtendDeadline(_)
            | Event::RaiseAlarm(_)
            | Event::Escalate(_)
            | Event::RepeatContact(_)
            | Event::Handover(_)
            // D2: a referred complaint keeps its follow-up (F5).
            | Event::Refer(_)
            | Event::RecordReferralOutcome(_)
            | Event::PersonalDataErased(_)
            | Event::Redact(_) => FollowUpConsequence::Untouched,
        }
    }
}

/// What one event does to the follow-up of the current round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FollowUpConsequence {
    /// Nothing.
    Untouched,
    /// F7, F5: the follow-up is scheduled (where the complainant is followed
    /// up), with its slot outside the customer's quiet hours (a recorded
    /// decision).
    Schedules,
    /// F1: an attempt; F7: one that missed the customer gets a retry slot
    /// (a recorded decision) while attempts remain.
    Attempt {
        /// Whether it reached the customer.
        reached: bool,
    },
    /// F7: a time agreed with the customer replaces the proposed slot.
    Agree {
        /// The agreed time.
        at: DateTime<Utc>,
        /// Whether the customer asked for this very time.
        customer_requested: bool,
    },
    /// F2, F3: the follow-up is completed with the customer's answer.
    Complete,
    /// F5: the follow-up is given up after every attempt.
    GiveUp,
    /// R7: the complaint is reopened; the next round has its own follow-up.
    NewRound,
}

impl Complainant {
    /// F5: whether this complainant's handled complaint is followed up:
    /// every member's, and everyone's unless the policy says not.
    pub(crate) fn is_followed_up(&self, policy: &Policy) -> bool {
        self.member || policy.follow_up_non_members()
    }
}
