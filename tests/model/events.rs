//! The events of a step: its ingredients made into the event of the kind it
//! fires, at its time, against the model's current state.

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::{
    ActorId, Category, Channel, Department, Event, EventKind, Role, Severity,
    deadline::{AlarmLevel, DeadlineStatus},
    event::{
        Accountability, AddNote, Approve, Assign, AttemptFollowUp, AwaitCustomer, AwaitThirdParty,
        BodyDue, ChooseRemedy, Close, Compensation, CompensationKind, CompleteFollowUp, Contact,
        ContactMethod, Currency, CustomerNotification, CustomerReplied, CustomerSignature, Decline,
        Dismiss, Dispute, Escalate, Execute, ExtendDeadline, Findings, FollowUpOutcome,
        GiveUpFollowUp, Handover, Investigate, PersonalDataErased, ProgressUpdate, Propose,
        RaiseAlarm, Reclassify, RecordReferralOutcome, Redact, RedactionTarget, Refer,
        ReferralOutcome, RemedyOption, Reopen, RepeatContact, RescheduleFollowUp,
        ResolveOnFirstContact, Responsibility, ResponsibleParty, Review, ThirdPartyReplied,
        Transfer, Uphold, Withdraw,
    },
    time::TimeLimit,
};

use super::ingredients::{AccountabilityPlan, DeadlinePick, Ingredients, Terms};
use super::reference::Model;
use super::strategies::Intake;

/// The deadline numbered `number`, read as a stored history holds it (0 and
/// numbers past the last deadline are ids the crate must refuse).
fn deadline_id(number: u32) -> complaint_workflow::deadline::DeadlineId {
    serde_json::from_value(serde_json::json!(number)).expect("a deadline id is a JSON number")
}

impl Ingredients {
    /// The event of `kind` at `now`; an execution's accountability is drawn
    /// up against the model's current findings.
    pub fn event(&self, kind: EventKind, model: &Model, now: DateTime<Utc>) -> Event {
        let minutes = |m: i64| now + Duration::minutes(m);
        match kind {
            EventKind::Accept => Event::Accept(
                Intake {
                    role: Role::Agent,
                    complainant: "c-2".into(),
                    member: true,
                    content: self.text.clone(),
                    category: "repair".into(),
                    severity: Severity::Low,
                    received_minutes: -5,
                }
                .accept(now),
            ),
            EventKind::Uphold => Event::Uphold(Uphold {
                responsible_department: Department::new(self.text.as_str()),
                investigation_due: minutes(self.due_minutes),
            }),
            EventKind::Dismiss => Event::Dismiss(Dismiss {
                reply: self.text.clone(),
            }),
            EventKind::Investigate => Event::Investigate(Investigate {
                findings: Findings {
                    root_cause: self.root_cause,
                    description: self.text.clone(),
                    responsible_parties: self
                        .parties
                        .iter()
                        .map(|(person, department)| ResponsibleParty {
                            person: person.clone(),
                            department: Department::new(department.as_str()),
                            responsibility: Responsibility::Direct,
                        })
                        .collect(),
                },
            }),
            EventKind::Propose => Event::Propose(Propose {
                options: self
                    .options
                    .iter()
                    .map(|(description, amount)| remedy(description, *amount))
                    .collect(),
            }),
            EventKind::ChooseRemedy => Event::ChooseRemedy(ChooseRemedy {
                option: self.option,
            }),
            EventKind::Approve => Event::Approve(Approve {
                option: self.option,
            }),
            EventKind::Decline => Event::Decline(Decline {
                reason: self.text.clone(),
            }),
            EventKind::Execute => Event::Execute(Execute {
                accountability: self.accountability(&model.responsible),
                notification: CustomerNotification {
                    method: ContactMethod::Phone,
                    at: minutes(self.notified_minutes),
                },
                signature: self
                    .signature
                    .as_ref()
                    .map(|(reference, offset)| CustomerSignature {
                        reference: reference.clone(),
                        signed_at: minutes(*offset),
                    }),
                feedback: self.feedback.clone(),
            }),
            EventKind::Review => Event::Review(Review {
                summary: self.text.clone(),
                evaluation: self.evaluation,
                improvement_actions: self.improvements.clone(),
            }),
            EventKind::Reopen => Event::Reopen(Reopen {
                reason: self.text.clone(),
            }),
            EventKind::Dispute => Event::Dispute(Dispute {
                reason: self.text.clone(),
            }),
            // D2: the body's own time, or a limit in hours (the model counts no calendar).
            EventKind::Refer => Event::Refer(Refer {
                body: self.text.clone(),
                reference: self.colleague.clone(),
                body_due: if self.transfer_names_owner {
                    BodyDue::At(minutes(self.due_minutes))
                } else {
                    let hours = u32::try_from(self.due_minutes.max(0) / 60).unwrap();
                    BodyDue::Within(TimeLimit::Hours(hours))
                },
            }),
            EventKind::RecordReferralOutcome => {
                Event::RecordReferralOutcome(RecordReferralOutcome {
                    outcome: ReferralOutcome::ALL[usize::from(self.satisfaction) % 4],
                    note: self.text.clone(),
                })
            }
            EventKind::Withdraw => Event::Withdraw(Withdraw {
                reason: self.text.clone(),
            }),
            EventKind::AddNote => Event::AddNote(AddNote {
                text: self.text.clone(),
            }),
            EventKind::Contact => Event::Contact(Contact {
                method: ContactMethod::Phone,
                summary: self.text.clone(),
                callback_due: self.callback_minutes.map(minutes),
            }),
            EventKind::Assign => Event::Assign(Assign {
                owner: ActorId::new(self.colleague.as_str()),
            }),
            EventKind::Transfer => Event::Transfer(Transfer {
                department: Department::new(self.text.as_str()),
                owner: self
                    .transfer_names_owner
                    .then(|| ActorId::new(self.colleague.as_str())),
                reason: self.text.clone(),
                tracking_due: minutes(self.due_minutes),
            }),
            EventKind::AwaitCustomer => Event::AwaitCustomer(AwaitCustomer {
                reason: self.text.clone(),
            }),
            EventKind::CustomerReplied => Event::CustomerReplied(CustomerReplied {
                summary: self.text.clone(),
            }),
            EventKind::ProgressUpdate => Event::ProgressUpdate(ProgressUpdate {
                method: ContactMethod::Email,
                summary: self.text.clone(),
            }),
            EventKind::AwaitThirdParty => Event::AwaitThirdParty(AwaitThirdParty {
                party: self.text.clone(),
                reason: self.text.clone(),
            }),
            EventKind::ThirdPartyReplied => Event::ThirdPartyReplied(ThirdPartyReplied {
                summary: self.text.clone(),
            }),
            // W2: a severity `satisfaction` steps up (round the scale), and
            // the category kept or named from the text; both kept is refused.
            EventKind::Reclassify => {
                let current = Severity::ALL
                    .iter()
                    .position(|&s| s == model.intake.severity)
                    .unwrap_or(0);
                let severity =
                    Severity::ALL[(current + usize::from(self.satisfaction)) % Severity::ALL.len()];
                let category = if self.reached {
                    model.intake.category.clone()
                } else {
                    Category::new(self.text.as_str())
                };
                Event::Reclassify(Reclassify {
                    severity,
                    category,
                    reason: self.text.clone(),
                })
            }
            EventKind::RaiseAlarm => Event::RaiseAlarm(RaiseAlarm {
                deadline: deadline_id(self.pick_deadline(model)),
                // W1: the model's policy sets no warning; a breach is raised
                // only after its due time, once.
                level: if self.reached {
                    AlarmLevel::Breached
                } else {
                    AlarmLevel::AtRisk
                },
            }),
            EventKind::ExtendDeadline => {
                let number = self.pick_deadline(model);
                let current = model.ledger.get(number).map_or(now, |d| d.due);
                Event::ExtendDeadline(ExtendDeadline {
                    deadline: deadline_id(number),
                    due: current + Duration::minutes(self.extend_minutes),
                    reason: self.text.clone(),
                })
            }
            EventKind::Escalate => Event::Escalate(Escalate {
                to: self.escalate_to,
                owner: self
                    .transfer_names_owner
                    .then(|| ActorId::new(self.colleague.as_str())),
                reason: self.text.clone(),
                step: None,
            }),
            EventKind::RepeatContact => Event::RepeatContact(RepeatContact {
                channel: Channel::Phone,
                content: self.text.clone(),
            }),
            EventKind::Handover => Event::Handover(Handover {
                to: ActorId::new(self.colleague.as_str()),
                note: self.text.clone(),
            }),
            EventKind::ResolveOnFirstContact => {
                Event::ResolveOnFirstContact(ResolveOnFirstContact {
                    remedy: remedy(&self.remedy.0, self.remedy.1),
                    customer_acceptance: self.text.clone(),
                })
            }
            EventKind::AttemptFollowUp => Event::AttemptFollowUp(AttemptFollowUp {
                method: ContactMethod::Phone,
                reached: self.reached,
                note: self.feedback.clone(),
            }),
            EventKind::RescheduleFollowUp => Event::RescheduleFollowUp(RescheduleFollowUp {
                at: minutes(self.reschedule.0),
                customer_requested: self.reschedule.1,
            }),
            EventKind::CompleteFollowUp => Event::CompleteFollowUp(CompleteFollowUp {
                method: ContactMethod::Phone,
                outcome: match self.satisfaction {
                    0 => FollowUpOutcome::Satisfied {
                        suggestions: self.text.clone(),
                    },
                    1 => FollowUpOutcome::Neutral {
                        to_improve: self.text.clone(),
                    },
                    _ => FollowUpOutcome::Dissatisfied {
                        to_improve: self.text.clone(),
                    },
                },
            }),
            EventKind::GiveUpFollowUp => Event::GiveUpFollowUp(GiveUpFollowUp {
                note: self.text.clone(),
            }),
            EventKind::Close => Event::Close(Close {
                note: self.feedback.clone(),
            }),
            EventKind::PersonalDataErased => Event::PersonalDataErased(PersonalDataErased {
                reason: self.text.clone(),
            }),
            // A2: all personal text, which is redactable in every history.
            EventKind::Redact => Event::Redact(Redact {
                reason: self.text.clone(),
                target: RedactionTarget::AllPersonalText,
            }),
        }
    }

    /// The number of the deadline an extension or an alarm names: an open
    /// one when there is one and the pick asks for it, else any, none (0)
    /// or one past the last.
    fn pick_deadline(&self, model: &Model) -> u32 {
        let known = model.ledger.deadlines.len();
        let open: Vec<usize> = (1..=known)
            .filter(|&n| model.ledger.deadlines[n - 1].status == DeadlineStatus::Open)
            .collect();
        let number = match &self.deadline {
            DeadlinePick::Open(index) if !open.is_empty() => *index.get(&open),
            DeadlinePick::Open(index) | DeadlinePick::Existing(index) => {
                index.index(known.max(1)) + 1
            }
            DeadlinePick::Zero => 0,
            DeadlinePick::PastEnd => known + 1,
        };
        u32::try_from(number).unwrap()
    }

    fn accountability(&self, responsible: &[String]) -> Vec<Accountability> {
        let (people, terms): (Vec<String>, &Terms) = match &self.accountability {
            AccountabilityPlan::Everyone { extra, terms } => {
                (responsible.iter().chain(extra).cloned().collect(), terms)
            }
            AccountabilityPlan::AllButOne { left_out, terms } => {
                let mut people = responsible.to_vec();
                if !people.is_empty() {
                    let gone = people.remove(left_out.index(people.len()));
                    // A person named twice in the findings is left out entirely.
                    people.retain(|p| *p != gone);
                }
                (people, terms)
            }
            AccountabilityPlan::Random { people, terms } => (people.clone(), terms),
        };
        people
            .into_iter()
            .map(|person| Accountability {
                person,
                rule: terms.rule.clone(),
                penalty: terms.penalty.clone(),
            })
            .collect()
    }
}

/// A remedy option: a description and a compensation of `amount` fen, if any.
fn remedy(description: &str, amount: Option<u64>) -> RemedyOption {
    RemedyOption {
        description: description.to_owned(),
        compensation: amount.map(|amount_minor| Compensation {
            amount_minor,
            currency: Currency::new("CNY").unwrap(),
            kind: CompensationKind::Voucher,
        }),
    }
}
