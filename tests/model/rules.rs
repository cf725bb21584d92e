//! The model's data rules: what each event must carry (R1..R8, T3, T4, T6,
//! E6), written as plain predicates that collect every reason to refuse.

use chrono::{DateTime, Duration, Utc};
use complaint_workflow::{
    Event, Severity,
    event::{
        Accept, BodyDue, Close, Escalate, Execute, FollowUpOutcome, Handover, Propose, REDACTED,
        ResolveOnFirstContact, Review, Transfer, Uphold,
    },
    time::TimeLimit,
};

use super::deadlines::DISPUTE_WINDOW;
use super::followup::FollowUp;
use super::reference::{Limits, Model, Refusal};

/// T5: the categories the test policy's fast path takes.
pub const FAST_PATH_CATEGORIES: [&str; 2] = ["logistics_query", "minor_defect"];
/// T5: resolved within this many minutes of receipt.
pub const FAST_PATH_MINUTES: i64 = 5;
/// T5: the most severe complaint the fast path takes.
pub const FAST_PATH_MAX_SEVERITY: Severity = Severity::Medium;

impl Model {
    /// Every rule of its own that `event` breaks at `at`; empty when it passes.
    pub(crate) fn data_refusals(
        &self,
        event: &Event,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Vec<Refusal> {
        let mut out = Vec::new();
        match event {
            Event::Accept(_) => unreachable!("no stage accepts `accept`"),
            Event::Uphold(uphold) => self.uphold(uphold, at, &mut out),
            Event::Dismiss(dismiss) => self.text("reply", &dismiss.reply, &mut out),
            Event::Investigate(investigate) => {
                let findings = &investigate.findings;
                self.text("findings.description", &findings.description, &mut out);
                if findings.responsible_parties.is_empty() {
                    out.push(Refusal::Empty("findings.responsible_parties".into()));
                }
                for (i, party) in findings.responsible_parties.iter().enumerate() {
                    let field = format!("findings.responsible_parties[{i}]");
                    self.text(&format!("{field}.person"), &party.person, &mut out);
                    self.text(
                        &format!("{field}.department"),
                        party.department.as_str(),
                        &mut out,
                    );
                }
            }
            Event::Propose(propose) => self.propose(propose, &mut out),
            Event::ChooseRemedy(choice) => self.option(choice.option, &mut out),
            Event::Approve(approve) => self.option(approve.option, &mut out),
            Event::Decline(decline) => self.text("reason", &decline.reason, &mut out),
            Event::Execute(execute) => self.execute(execute, at, &mut out),
            Event::Review(review) => self.review(review, &mut out),
            Event::Reopen(reopen) => {
                self.text("reason", &reopen.reason, &mut out);
                // R7, F5: a new round never hides an outstanding follow-up.
                if let Some(follow_up) = self.follow_up.as_ref().filter(|f| !f.stage.is_done()) {
                    out.push(Refusal::FollowUpOutstanding(follow_up.stage));
                }
            }
            // D1: within the window from the final response; then as a reopen.
            Event::Dispute(dispute) => {
                self.window(at, &mut out);
                self.text("reason", &dispute.reason, &mut out);
                if let Some(follow_up) = self.follow_up.as_ref().filter(|f| !f.stage.is_done()) {
                    out.push(Refusal::FollowUpOutstanding(follow_up.stage));
                }
            }
            // D2: within the same window; the body, its reference and a
            // deadline ahead.
            Event::Refer(refer) => {
                self.window(at, &mut out);
                self.text("body", &refer.body, &mut out);
                self.text("reference", &refer.reference, &mut out);
                let due = match refer.body_due {
                    BodyDue::At(due) => due,
                    BodyDue::Within(TimeLimit::Hours(hours)) => at + Duration::hours(hours.into()),
                    BodyDue::Within(other) => panic!("the model counts hours only, not {other}"),
                };
                if due <= at {
                    out.push(Refusal::DeadlineNotAhead("body_due".into()));
                }
            }
            Event::RecordReferralOutcome(outcome) => self.text("note", &outcome.note, &mut out),
            Event::Withdraw(withdraw) => self.text("reason", &withdraw.reason, &mut out),
            Event::AddNote(note) => self.text("text", &note.text, &mut out),
            Event::Contact(contact) => {
                self.text("summary", &contact.summary, &mut out);
                if contact.callback_due.is_some_and(|due| due <= at) {
                    out.push(Refusal::DeadlineNotAhead("callback_due".into()));
                }
            }
            Event::Assign(assign) => self.text("owner", assign.owner.as_str(), &mut out),
            Event::Transfer(transfer) => self.transfer(transfer, at, &mut out),
            Event::AwaitCustomer(wait) => {
                self.text("reason", &wait.reason, &mut out);
                if let Some(since) = self.ledger.awaiting_since {
                    out.push(Refusal::AlreadyAwaitingCustomer(since));
                }
            }
            Event::CustomerReplied(reply) => {
                self.text("summary", &reply.summary, &mut out);
                if self.ledger.awaiting_since.is_none() {
                    out.push(Refusal::NotAwaitingCustomer);
                }
            }
            Event::ProgressUpdate(update) => self.text("summary", &update.summary, &mut out),
            // W5: a wait on a third party names who is awaited.
            Event::AwaitThirdParty(wait) => {
                self.text("party", &wait.party, &mut out);
                self.text("reason", &wait.reason, &mut out);
                if let Some(since) = self.ledger.awaiting_third_party_since {
                    out.push(Refusal::AlreadyAwaitingThirdParty(since));
                }
            }
            Event::ThirdPartyReplied(reply) => {
                self.text("summary", &reply.summary, &mut out);
                if self.ledger.awaiting_third_party_since.is_none() {
                    out.push(Refusal::NotAwaitingThirdParty);
                }
            }
            // W2: a reclassification names its category and reason, and changes something.
            Event::Reclassify(reclassify) => {
                self.text("category", reclassify.category.as_str(), &mut out);
                self.text("reason", &reclassify.reason, &mut out);
                if reclassify.severity == self.intake.severity
                    && reclassify.category == self.intake.category
                {
                    out.push(Refusal::ReclassifiedUnchanged);
                }
            }
            Event::ExtendDeadline(extend) => {
                self.text("reason", &extend.reason, &mut out);
                self.ledger.extension_refusals(extend, at, &mut out);
            }
            Event::RaiseAlarm(raise) => self.ledger.alarm_refusals(raise, at, &mut out),
            Event::Escalate(escalate) => self.escalate(escalate, &mut out),
            Event::RepeatContact(contact) => self.text("content", &contact.content, &mut out),
            Event::Handover(handover) => self.handover(handover, &mut out),
            Event::ResolveOnFirstContact(resolve) => self.resolve(resolve, actor, at, &mut out),
            Event::AttemptFollowUp(attempt) => {
                out.extend(FollowUp::refusals(self.follow_up.as_ref(), event, at));
                if let Some(note) = &attempt.note {
                    self.text("note", note, &mut out);
                }
            }
            Event::RescheduleFollowUp(_) => {
                out.extend(FollowUp::refusals(self.follow_up.as_ref(), event, at));
            }
            Event::CompleteFollowUp(complete) => {
                out.extend(FollowUp::refusals(self.follow_up.as_ref(), event, at));
                let (field, text) = match &complete.outcome {
                    FollowUpOutcome::Satisfied { suggestions } => {
                        ("outcome.suggestions", suggestions)
                    }
                    FollowUpOutcome::Neutral { to_improve }
                    | FollowUpOutcome::Dissatisfied { to_improve } => {
                        ("outcome.to_improve", to_improve)
                    }
                };
                self.text(field, text, &mut out);
            }
            Event::GiveUpFollowUp(give_up) => {
                out.extend(FollowUp::refusals(self.follow_up.as_ref(), event, at));
                self.text("note", &give_up.note, &mut out);
            }
            Event::Close(close) => self.close(close, &mut out),
            Event::PersonalDataErased(erased) => self.text("reason", &erased.reason, &mut out),
            // A2: a reason; the model names all personal text, always redactable.
            Event::Redact(redact) => self.text("reason", &redact.reason, &mut out),
        }
        // A follow-up event without a follow-up, or one its stage does not
        // take, is refused for that alone: its other rules read the follow-up.
        if let Some(first @ (Refusal::NoFollowUp | Refusal::FollowUpNotAllowed(_))) = out.first() {
            return vec![first.clone()];
        }
        out
    }

    /// D1, D2: a final response was given, and `at` is within the test
    /// policy's window from it.
    fn window(&self, at: DateTime<Utc>, out: &mut Vec<Refusal>) {
        match self.handled {
            None => out.push(Refusal::NoFinalResponse),
            Some(final_response) if at > final_response + Duration::hours(DISPUTE_WINDOW) => {
                out.push(Refusal::WindowClosed);
            }
            Some(_) => {}
        }
    }

    /// R2: the responsible department is named; the agreed time lies ahead.
    fn uphold(&self, uphold: &Uphold, at: DateTime<Utc>, out: &mut Vec<Refusal>) {
        self.text(
            "responsible_department",
            uphold.responsible_department.as_str(),
            out,
        );
        if uphold.investigation_due <= at {
            out.push(Refusal::DeadlineNotAhead("investigation_due".into()));
        }
    }

    /// R4, R8: one or more described options, within the policy; no
    /// compensation of nothing.
    fn propose(&self, propose: &Propose, out: &mut Vec<Refusal>) {
        if propose.options.is_empty() {
            out.push(Refusal::Empty("options".into()));
        }
        if propose.options.len() > self.limits.options {
            out.push(Refusal::TooManyOptions {
                found: propose.options.len(),
                limit: self.limits.options,
            });
        }
        for (i, option) in propose.options.iter().enumerate() {
            self.text(
                &format!("options[{i}].description"),
                &option.description,
                out,
            );
            if option
                .compensation
                .as_ref()
                .is_some_and(|c| c.amount_minor == 0)
            {
                out.push(Refusal::ZeroCompensation(u32::try_from(i).unwrap() + 1));
            }
        }
    }

    /// R4, R8: the option is one of the current proposal's, numbered from 1.
    fn option(&self, option: u32, out: &mut Vec<Refusal>) {
        if option == 0 || option as usize > self.options {
            out.push(Refusal::UnknownRemedyOption {
                option,
                available: self.options,
            });
        }
    }

    /// R5: signed, notified, signed and notified no later than now, signed no
    /// earlier than the approval, and every responsible person of the
    /// findings held to account.
    fn execute(&self, execute: &Execute, at: DateTime<Utc>, out: &mut Vec<Refusal>) {
        match &execute.signature {
            None => out.push(Refusal::MissingSignature),
            Some(signature) => {
                self.text("signature.reference", &signature.reference, out);
                if signature.signed_at > at {
                    out.push(Refusal::InFuture("signature.signed_at".into()));
                }
                // The customer accepts the approved remedy: not before its approval.
                if self
                    .approved_at
                    .is_some_and(|approved| signature.signed_at < approved)
                {
                    out.push(Refusal::TooEarly("signature.signed_at".into()));
                }
            }
        }
        if execute.notification.at > at {
            out.push(Refusal::InFuture("notification.at".into()));
        }
        if let Some(feedback) = &execute.feedback {
            self.text("feedback", feedback, out);
        }
        for (i, entry) in execute.accountability.iter().enumerate() {
            self.text(&format!("accountability[{i}].person"), &entry.person, out);
            self.text(&format!("accountability[{i}].rule"), &entry.rule, out);
            self.text(&format!("accountability[{i}].penalty"), &entry.penalty, out);
        }
        // A2: a redacted responsible person is not looked for, and a
        // redacted accountability entry stands for anyone.
        for person in self.responsible.iter().filter(|p| *p != REDACTED) {
            if !execute
                .accountability
                .iter()
                .any(|e| &e.person == person || e.person == REDACTED)
            {
                out.push(Refusal::AccountabilityMissing(person.clone()));
            }
        }
    }

    /// T6: the department and the reason given, the owner (if named) too;
    /// the tracking time lies ahead.
    fn transfer(&self, transfer: &Transfer, at: DateTime<Utc>, out: &mut Vec<Refusal>) {
        self.text("department", transfer.department.as_str(), out);
        if let Some(owner) = &transfer.owner {
            self.text("owner", owner.as_str(), out);
        }
        self.text("reason", &transfer.reason, out);
        if transfer.tracking_due <= at {
            out.push(Refusal::DeadlineNotAhead("tracking_due".into()));
        }
    }

    /// E1–E3: an escalation goes up, says why, and names a new owner or none.
    fn escalate(&self, escalate: &Escalate, out: &mut Vec<Refusal>) {
        self.text("reason", &escalate.reason, out);
        if let Some(owner) = &escalate.owner {
            self.text("owner", owner.as_str(), out);
        }
        if escalate.to <= self.escalation {
            out.push(Refusal::EscalationNotHigher {
                current: self.escalation,
                requested: escalate.to,
            });
        }
    }

    /// E5: a handover names the next colleague, who does not own it yet, and
    /// says where things stand.
    fn handover(&self, handover: &Handover, out: &mut Vec<Refusal>) {
        self.text("to", handover.to.as_str(), out);
        self.text("note", &handover.note, out);
        if self.owner.as_deref() == Some(handover.to.as_str()) {
            out.push(Refusal::AlreadyOwner(handover.to.to_string()));
        }
    }

    /// T5: the intake agent resolves a simple complaint (a fast-path
    /// category, not too severe) within minutes of receipt, with a described
    /// remedy the customer accepted.
    fn resolve(
        &self,
        resolve: &ResolveOnFirstContact,
        actor: &str,
        at: DateTime<Utc>,
        out: &mut Vec<Refusal>,
    ) {
        self.text("remedy.description", &resolve.remedy.description, out);
        if resolve
            .remedy
            .compensation
            .as_ref()
            .is_some_and(|c| c.amount_minor == 0)
        {
            out.push(Refusal::ZeroCompensation(1));
        }
        self.text("customer_acceptance", &resolve.customer_acceptance, out);
        if actor != self.intake.actor {
            out.push(Refusal::NotIntakeAgent);
        }
        let simple = FAST_PATH_CATEGORIES.contains(&self.intake.category.as_str())
            && self.intake.severity <= FAST_PATH_MAX_SEVERITY
            && at <= self.intake.received_at + Duration::minutes(FAST_PATH_MINUTES);
        if !simple {
            out.push(Refusal::NotSimple);
        }
    }

    /// F5, R7: closed only once the follow-up is done; a handled member's
    /// complaint always has one.
    fn close(&self, close: &Close, out: &mut Vec<Refusal>) {
        if let Some(note) = &close.note {
            self.text("note", note, out);
        }
        match &self.follow_up {
            Some(follow_up) if !follow_up.stage.is_done() => {
                out.push(Refusal::FollowUpOutstanding(follow_up.stage));
            }
            None if self.intake.member && self.handled.is_some() => {
                out.push(Refusal::MemberFollowUpMissing);
            }
            _ => {}
        }
    }

    /// R6: a summary; every improvement action spelled out (none is fine).
    fn review(&self, review: &Review, out: &mut Vec<Refusal>) {
        self.text("summary", &review.summary, out);
        for (i, action) in review.improvement_actions.iter().enumerate() {
            self.text(&format!("improvement_actions[{i}]"), action, out);
        }
    }

    /// A required text: something other than white space, within the
    /// policy's size in bytes.
    fn text(&self, field: &str, value: &str, out: &mut Vec<Refusal>) {
        if value.chars().all(char::is_whitespace) {
            out.push(Refusal::Empty(field.into()));
        } else if value.len() > self.limits.text_bytes {
            out.push(Refusal::TooLong(field.into()));
        }
    }
}

/// R1: the model's view of intake: complainant, content and category given,
/// within the policy's size, received no later than now.
pub fn predict_accept(accept: &Accept, at: DateTime<Utc>, limits: Limits) -> Vec<Refusal> {
    let model = Model::accepted(accept, "intake", at, limits);
    let mut out = Vec::new();
    model.text("complainant.id", accept.complainant.id.as_str(), &mut out);
    model.text("content", &accept.content, &mut out);
    model.text("category", accept.category.as_str(), &mut out);
    if accept.received_at > at {
        out.push(Refusal::InFuture("received_at".into()));
    }
    out
}
