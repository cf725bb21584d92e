//! The model's deadlines (T1–T7): which event opens, meets, pauses, resumes,
//! extends or cancels which deadline, under a test policy whose limits are
//! all elapsed hours or minutes, so that the model needs no calendar.
//!
//! The model predicts extensions from this ledger alone and is compared with
//! the crate's `deadlines()` after every step.

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::{
    Channel, DeadlineKind, DeadlineStatus, Event, ExtendDeadline, ExtensionLimit, Policy, TimeLimit,
};

use super::reference::{Limits, Refusal};

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

/// The policy the model assumes: the values above and the size `limits`.
pub fn policy(limits: Limits) -> Policy {
    let hours = |h: i64| TimeLimit::Hours(u32::try_from(h).unwrap());
    let minutes = |m: i64| TimeLimit::Minutes(u32::try_from(m).unwrap());
    Policy::builder()
        .first_response(Channel::Phone, minutes(FIRST_RESPONSE_PHONE))
        .first_response(Channel::Online, minutes(FIRST_RESPONSE_ONLINE))
        .judgment(hours(JUDGMENT))
        .final_response(hours(FINAL_RESPONSE))
        .first_contact(Some(hours(FIRST_CONTACT)))
        .paused_while_awaiting_customer(PAUSABLE)
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
}

/// The model's deadlines and whether the complaint waits on the customer.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    pub deadlines: Vec<Deadline>,
    pub awaiting_since: Option<DateTime<Utc>>,
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

    /// Why an extension is refused: the deadline exists, runs, moves later,
    /// has extensions left and stays within reach of its original due time.
    pub fn extension_refusals(&self, extend: &ExtendDeadline, out: &mut Vec<Refusal>) {
        let number = extend.deadline.0;
        let Some(deadline) = self.get(number) else {
            out.push(Refusal::UnknownDeadline(number));
            return;
        };
        if deadline.status != DeadlineStatus::Open {
            out.push(Refusal::DeadlineNotOpen(number));
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

    /// The deadlines after an accepted `event` at `at`; `still_open`: the
    /// complaint's next stage is an open one.
    pub fn commit(&mut self, event: &Event, at: DateTime<Utc>, still_open: bool) {
        use DeadlineKind as K;
        match event {
            Event::Uphold(uphold) => {
                self.meet(at, &[K::Judgment]);
                self.open(K::Investigation, at, uphold.investigation_due);
            }
            Event::Dismiss(_) => {
                self.meet(at, &[K::Judgment, K::FinalResponse, K::SummaryResolution])
            }
            Event::Investigate(_) => self.meet(at, &[K::Investigation]),
            Event::Execute(_) => self.meet(at, &[K::FinalResponse, K::SummaryResolution]),
            // T3, T4, T6: talking to the customer keeps every promise to talk to them.
            Event::Contact(contact) => {
                self.meet(
                    at,
                    &[K::CallbackPromised, K::FirstContact, K::TransferTracking],
                );
                if let Some(due) = contact.callback_due {
                    self.open(K::CallbackPromised, at, due);
                }
            }
            Event::Assign(_) => self.open(K::FirstContact, at, at + Duration::hours(FIRST_CONTACT)),
            Event::Transfer(transfer) => self.open(K::TransferTracking, at, transfer.tracking_due),
            Event::Withdraw(_) => {
                for deadline in self.deadlines.iter_mut().filter(|d| unfinished(d)) {
                    deadline.status = DeadlineStatus::Cancelled { at };
                }
                self.awaiting_since = None;
            }
            Event::AwaitCustomer(_) => {
                for deadline in &mut self.deadlines {
                    if deadline.status == DeadlineStatus::Open && PAUSABLE.contains(&deadline.kind)
                    {
                        deadline.status = DeadlineStatus::Paused {
                            since: at,
                            remaining_seconds: (deadline.due - at).num_seconds(),
                        };
                    }
                }
                self.awaiting_since = Some(at);
            }
            Event::CustomerReplied(_) => self.resume(at),
            Event::ExtendDeadline(extend) => {
                let index = usize::try_from(extend.deadline.0 - 1).unwrap();
                let deadline = &mut self.deadlines[index];
                deadline.due = extend.due;
                deadline.extensions += 1;
            }
            _ => {}
        }
        // A complaint that leaves the open stages waits on nobody.
        if !still_open && self.awaiting_since.is_some() {
            self.resume(at);
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
        });
    }

    fn meet(&mut self, at: DateTime<Utc>, kinds: &[DeadlineKind]) {
        for deadline in self.deadlines.iter_mut().filter(|d| unfinished(d)) {
            if kinds.contains(&deadline.kind) {
                deadline.status = DeadlineStatus::Met { at };
            }
        }
    }

    /// Paused deadlines run again with the time they had left.
    fn resume(&mut self, at: DateTime<Utc>) {
        for deadline in &mut self.deadlines {
            if let DeadlineStatus::Paused {
                remaining_seconds, ..
            } = deadline.status
            {
                deadline.due = at + Duration::seconds(remaining_seconds);
                deadline.status = DeadlineStatus::Open;
            }
        }
        self.awaiting_since = None;
    }
}

fn unfinished(deadline: &Deadline) -> bool {
    matches!(
        deadline.status,
        DeadlineStatus::Open | DeadlineStatus::Paused { .. }
    )
}
