//! The model's deadlines (T1–T7): which event opens, meets, pauses, resumes,
//! extends or cancels which deadline, under a test policy whose limits are
//! all elapsed hours or minutes, so that the model needs no calendar.
//!
//! The model predicts extensions from this ledger alone and is compared with
//! the crate's `deadlines()` after every step.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use complaint_workflow::{
    Category, Channel, Event, Policy, Role, Severity,
    deadline::{AlarmLevel, DeadlineKind, DeadlineStatus, WaitingOn},
    event::{BodyDue, ExtendDeadline, RaiseAlarm},
    policy::{EscalationRule, ExtensionLimit, FastPath},
    time::{QuietHours, TimeLimit},
};

use super::followup::{AGREED_TOLERANCE, MAX_ATTEMPTS, QUIET_FROM, QUIET_UNTIL, RETRY_AFTER};
use super::reference::{Limits, Refusal};
use super::rules::{FAST_PATH_CATEGORIES, FAST_PATH_MAX_SEVERITY, FAST_PATH_MINUTES};

/// T1, T2: first response by phone (minutes).
const FIRST_RESPONSE_PHONE: i64 = 3;
/// T2: first response online (minutes).
const FIRST_RESPONSE_ONLINE: i64 = 5;
/// Judgment, from receipt (hours).
const JUDGMENT: i64 = 72;
/// Final response, from receipt (hours).
const FINAL_RESPONSE: i64 = 480;
/// T4: first contact after an assignment (hours).
const FIRST_CONTACT: i64 = 168;
/// F7: the follow-up after the remedy or the dismissal (hours).
const FOLLOW_UP: i64 = 72;
/// D1, D2: the window for a dispute or a referral, from the final response
/// (hours): thirty days, so that random histories reach its end.
pub const DISPUTE_WINDOW: i64 = 720;
/// How often one deadline may be extended.
pub const MAX_EXTENSIONS: u32 = 1;
/// How far past its original due time (hours).
pub const BEYOND_ORIGINAL: i64 = 240;
/// The deadlines that stop while the complaint waits on the customer.
const PAUSABLE: [DeadlineKind; 3] = [
    DeadlineKind::Judgment,
    DeadlineKind::Investigation,
    DeadlineKind::FinalResponse,
];
/// W5: the deadlines that stop while the complaint waits on a third party.
const PAUSABLE_BY_THIRD_PARTY: [DeadlineKind; 2] =
    [DeadlineKind::Investigation, DeadlineKind::FirstContact];

/// The policy the model assumes: the values above, those of the follow-up
/// and the fast path, E1's escalation of high severity to a team lead, and
/// the size `limits`. Every limit counts elapsed time, and the calendar is
/// the default one on UTC.
pub fn policy(limits: Limits) -> Policy {
    let hours = |h: i64| TimeLimit::Hours(u32::try_from(h).unwrap());
    let minutes = |m: i64| TimeLimit::Minutes(u32::try_from(m).unwrap());
    let at = |h: u32| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    Policy::builder()
        .follow_up(hours(FOLLOW_UP))
        .follow_up_non_members(false)
        .follow_up_attempts(MAX_ATTEMPTS)
        .follow_up_retry_after(hours(RETRY_AFTER))
        .agreed_time_tolerance(minutes(AGREED_TOLERANCE))
        .quiet_hours(QuietHours::new(at(QUIET_FROM), at(QUIET_UNTIL)))
        .escalation(Some(EscalationRule {
            at_or_above: Severity::High,
            to: Role::TeamLead,
        }))
        .fast_path(Some(FastPath {
            categories: FAST_PATH_CATEGORIES
                .into_iter()
                .map(Category::new)
                .collect(),
            within: minutes(FAST_PATH_MINUTES),
            max_severity: FAST_PATH_MAX_SEVERITY,
        }))
        .first_response(Channel::Phone, minutes(FIRST_RESPONSE_PHONE))
        .first_response(Channel::Online, minutes(FIRST_RESPONSE_ONLINE))
        .judgment(hours(JUDGMENT))
        .final_response(hours(FINAL_RESPONSE))
        .first_contact(Some(hours(FIRST_CONTACT)))
        .dispute_window(hours(DISPUTE_WINDOW))
        .paused_while_awaiting_customer(PAUSABLE)
        .paused_while_awaiting_third_party(PAUSABLE_BY_THIRD_PARTY)
        .extensions(ExtensionLimit {
            max_count: MAX_EXTENSIONS,
            max_beyond_original: Some(hours(BEYOND_ORIGINAL)),
        })
        .max_text_bytes(limits.text_bytes)
        .max_remedy_options(limits.options)
        .build()
        .unwrap()
}

/// One deadline, as the model sees it; its id is its place in the ledger, from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub started_at: DateTime<Utc>,
    pub due: DateTime<Utc>,
    pub original_due: DateTime<Utc>,
    pub extensions: u32,
    pub status: DeadlineStatus,
    /// W1: whether its breach alarm was raised.
    pub breach_raised: bool,
}

/// The model's deadlines and whether the complaint waits on the customer.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    pub deadlines: Vec<Deadline>,
    pub awaiting_since: Option<DateTime<Utc>>,
    /// W5: since when the complaint waits on a third party.
    pub awaiting_third_party_since: Option<DateTime<Utc>>,
}

impl Ledger {
    /// R1, T1, T2: acceptance opens the first response (met at once) and the
    /// regulatory clocks, counted from the time the complaint was received.
    pub fn accepted(channel: Channel, received_at: DateTime<Utc>, at: DateTime<Utc>) -> Self {
        let mut ledger = Self::default();
        let first_response = match channel {
            Channel::Phone => Some(FIRST_RESPONSE_PHONE),
            Channel::Online => Some(FIRST_RESPONSE_ONLINE),
            _ => None,
        };
        if let Some(minutes) = first_response {
            ledger.open(
                DeadlineKind::FirstResponse,
                received_at,
                received_at + Duration::minutes(minutes),
            );
        }
        ledger.open(
            DeadlineKind::Judgment,
            received_at,
            received_at + Duration::hours(JUDGMENT),
        );
        ledger.open(
            DeadlineKind::FinalResponse,
            received_at,
            received_at + Duration::hours(FINAL_RESPONSE),
        );
        ledger.meet(at, &[DeadlineKind::FirstResponse]);
        ledger
    }

    pub fn get(&self, number: u32) -> Option<&Deadline> {
        self.deadlines
            .get(usize::try_from(number).ok()?.checked_sub(1)?)
    }

    /// Why an extension at `at` is refused: the deadline exists, runs, is not
    /// missed yet (T7: a miss stays a miss), moves later, has extensions left
    /// and stays within reach of its original due time.
    pub fn extension_refusals(
        &self,
        extend: &ExtendDeadline,
        at: DateTime<Utc>,
        out: &mut Vec<Refusal>,
    ) {
        let number = extend.deadline.number();
        let Some(deadline) = self.get(number) else {
            out.push(Refusal::UnknownDeadline(number));
            return;
        };
        if deadline.status != DeadlineStatus::Open {
            out.push(Refusal::DeadlineNotOpen(number));
        } else if at > deadline.due {
            out.push(Refusal::DeadlineAlreadyMissed(number));
        }
        if extend.due <= deadline.due {
            out.push(Refusal::ExtensionNotLater(number));
        }
        if deadline.extensions >= MAX_EXTENSIONS {
            out.push(Refusal::TooManyExtensions(number));
        }
        if extend.due > deadline.original_due + Duration::hours(BEYOND_ORIGINAL) {
            out.push(Refusal::ExtensionTooFar(number));
        }
    }

    /// W1: why raising an alarm at `at` is refused: the deadline exists and
    /// runs; the model's policy sets no warning, so an at-risk alarm never
    /// falls; a breach alarm falls at the due time, once.
    pub fn alarm_refusals(&self, raise: &RaiseAlarm, at: DateTime<Utc>, out: &mut Vec<Refusal>) {
        let number = raise.deadline.number();
        let Some(deadline) = self.get(number) else {
            out.push(Refusal::UnknownDeadline(number));
            return;
        };
        if deadline.status != DeadlineStatus::Open {
            out.push(Refusal::DeadlineNotOpen(number));
            return;
        }
        match raise.level {
            AlarmLevel::AtRisk => out.push(Refusal::NoWarning(number)),
            AlarmLevel::Breached => {
                if at < deadline.due {
                    out.push(Refusal::AlarmNotYet(number));
                }
                if deadline.breach_raised {
                    out.push(Refusal::AlarmAlreadyRaised(number));
                }
            }
        }
    }

    /// The deadlines after an accepted `event` at `at`; `still_open`: the
    /// complaint's next stage is an open one; `member`: the complainant is
    /// a member, whose complaint is followed up. First what the event meets,
    /// cancels, resumes or extends; then what the policy opens or pauses;
    /// then what the event's own data opens.
    pub fn commit(&mut self, event: &Event, at: DateTime<Utc>, still_open: bool, member: bool) {
        use DeadlineKind as K;
        match event {
            Event::Uphold(_) => self.meet(at, &[K::Judgment]),
            // A dismissal or a fast-path resolution is the judgment and the final response.
            Event::Dismiss(_) | Event::ResolveOnFirstContact(_) => {
                self.meet(at, &[K::Judgment, K::FinalResponse, K::SummaryResolution])
            }
            Event::Investigate(_) => self.meet(at, &[K::Investigation]),
            Event::Execute(_) => self.meet(at, &[K::FinalResponse, K::SummaryResolution]),
            Event::CompleteFollowUp(_) | Event::GiveUpFollowUp(_) => {
                self.meet(at, &[K::FollowUp]);
            }
            // D2: the body's outcome is what its deadline waited for.
            Event::RecordReferralOutcome(_) => self.meet(at, &[K::Referral]),
            // T3, T4, T6: talking to the customer keeps every promise to talk to them.
            Event::Contact(_) | Event::ProgressUpdate(_) => self.meet(
                at,
                &[K::CallbackPromised, K::FirstContact, K::TransferTracking],
            ),
            // R7: a withdrawn or closed complaint needs nothing more.
            Event::Withdraw(_) | Event::Close(_) => {
                for deadline in self.deadlines.iter_mut().filter(|d| unfinished(d)) {
                    run_again(deadline, at);
                    deadline.status = DeadlineStatus::Cancelled { at };
                }
                self.awaiting_since = None;
                self.awaiting_third_party_since = None;
            }
            Event::CustomerReplied(_) => self.resume(at, WaitingOn::Customer),
            Event::ThirdPartyReplied(_) => self.resume(at, WaitingOn::ThirdParty),
            Event::ExtendDeadline(extend) => {
                let index = usize::try_from(extend.deadline.number() - 1).unwrap();
                let deadline = &mut self.deadlines[index];
                deadline.due = extend.due;
                deadline.extensions += 1;
            }
            Event::RaiseAlarm(raise) => {
                let index = usize::try_from(raise.deadline.number() - 1).unwrap();
                if raise.level == AlarmLevel::Breached {
                    self.deadlines[index].breach_raised = true;
                }
            }
            _ => {}
        }
        match event {
            Event::Assign(_) => self.open(K::FirstContact, at, at + Duration::hours(FIRST_CONTACT)),
            // F7: the follow-up is due within the policy's time.
            Event::Execute(_) | Event::Dismiss(_) | Event::ResolveOnFirstContact(_) if member => {
                self.open(K::FollowUp, at, at + Duration::hours(FOLLOW_UP));
            }
            Event::AwaitCustomer(_) => self.pause(at, WaitingOn::Customer, &PAUSABLE),
            Event::AwaitThirdParty(_) => {
                self.pause(at, WaitingOn::ThirdParty, &PAUSABLE_BY_THIRD_PARTY);
            }
            _ => {}
        }
        match event {
            Event::Uphold(uphold) => self.open(K::Investigation, at, uphold.investigation_due),
            Event::Contact(contact) => {
                if let Some(due) = contact.callback_due {
                    self.open(K::CallbackPromised, at, due);
                }
            }
            Event::Transfer(transfer) => self.open(K::TransferTracking, at, transfer.tracking_due),
            // D2: the external body's own deadline, from the referral.
            Event::Refer(refer) => {
                let due = match refer.body_due {
                    BodyDue::At(due) => due,
                    BodyDue::Within(TimeLimit::Hours(hours)) => at + Duration::hours(hours.into()),
                    BodyDue::Within(other) => panic!("the model counts hours only, not {other}"),
                };
                self.open(K::Referral, at, due);
            }
            Event::AwaitCustomer(_) => self.awaiting_since = Some(at),
            Event::AwaitThirdParty(_) => self.awaiting_third_party_since = Some(at),
            _ => {}
        }
        // A complaint that leaves the open stages waits on nobody.
        let waiting = self.awaiting_since.is_some() || self.awaiting_third_party_since.is_some();
        if !still_open && waiting {
            self.resume(at, WaitingOn::Customer);
            self.resume(at, WaitingOn::ThirdParty);
        }
    }

    fn open(&mut self, kind: DeadlineKind, started_at: DateTime<Utc>, due: DateTime<Utc>) {
        self.deadlines.push(Deadline {
            kind,
            started_at,
            due,
            original_due: due,
            extensions: 0,
            status: DeadlineStatus::Open,
            breach_raised: false,
        });
    }

    fn meet(&mut self, at: DateTime<Utc>, kinds: &[DeadlineKind]) {
        for deadline in self.deadlines.iter_mut().filter(|d| unfinished(d)) {
            if kinds.contains(&deadline.kind) {
                run_again(deadline, at);
                deadline.status = DeadlineStatus::Met { at };
            }
        }
    }

    /// The open deadlines of `kinds` stop while the complaint waits on `whom`.
    fn pause(&mut self, at: DateTime<Utc>, whom: WaitingOn, kinds: &[DeadlineKind]) {
        for deadline in &mut self.deadlines {
            if deadline.status == DeadlineStatus::Open && kinds.contains(&deadline.kind) {
                deadline.status = DeadlineStatus::Paused {
                    by: whom,
                    since: at,
                    remaining_seconds: (deadline.due - at).num_seconds(),
                };
            }
        }
    }

    /// The wait on `whom` ends: the deadlines it paused run again with the
    /// time they had left.
    fn resume(&mut self, at: DateTime<Utc>, whom: WaitingOn) {
        for deadline in &mut self.deadlines {
            if matches!(deadline.status, DeadlineStatus::Paused { by, .. } if by == whom) {
                run_again(deadline, at);
            }
        }
        match whom {
            WaitingOn::Customer => self.awaiting_since = None,
            WaitingOn::ThirdParty => self.awaiting_third_party_since = None,
        }
    }
}

/// A paused deadline runs again at `at` with the time it had left: the wait
/// on the customer never counts against it, also when it is met or
/// cancelled while paused.
fn run_again(deadline: &mut Deadline, at: DateTime<Utc>) {
    if let DeadlineStatus::Paused {
        remaining_seconds, ..
    } = deadline.status
    {
        deadline.due = at + Duration::seconds(remaining_seconds);
        deadline.status = DeadlineStatus::Open;
    }
}

fn unfinished(deadline: &Deadline) -> bool {
    matches!(
        deadline.status,
        DeadlineStatus::Open | DeadlineStatus::Paused { .. }
    )
}
