//! The facts of a complaint, read from its history: what was found,
//! proposed, approved, executed, reviewed; who owns it; its deadlines and
//! follow-up. The record keeps the position of the entries that hold the
//! current facts, never a second copy.

use chrono::{DateTime, Utc};

use crate::lifecycle::Complainant;
use crate::lifecycle::FollowUpStatus;
use crate::lifecycle::StageKind;
use crate::lifecycle::rules::ComplaintFacts;
use crate::lifecycle::{
    Accept, Approve, CompleteFollowUp, Dismiss, Event, EventKind, Execute, Findings, Propose,
    Reclassify, RemedyOption, ResolveOnFirstContact, Review, Uphold, Withdraw,
};
use crate::policy::{Policy, TargetFacts};
use crate::record::{ComplaintRecord, Entry};
use crate::time::{Breach, Deadline, DeadlineId, WaitingOn};
use crate::values::{Actor, Role};
use crate::values::{ActorId, Category, Channel, Department, Severity};

/// R2: the judgment of a complaint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict<'a> {
    /// Upheld, with the responsible department and the agreed investigation time.
    Upheld(&'a Uphold),
    /// Dismissed, with the reply given.
    Dismissed(&'a Dismiss),
}

/// R4: the approved remedy and who approved it, when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Approval<'a> {
    /// The option's number in the proposal, from 1.
    pub option_number: u32,
    /// The approved option.
    pub option: &'a RemedyOption,
    /// The supervisor who approved it.
    pub approver: &'a Actor,
    /// When.
    pub approved_at: DateTime<Utc>,
}

impl ComplaintRecord {
    /// The registration form the complaint was accepted with (R1).
    #[must_use]
    pub fn intake(&self) -> &Accept {
        &self.intake
    }

    /// Who complains.
    #[must_use]
    pub fn complainant(&self) -> &Complainant {
        &self.intake.complainant
    }

    /// When the complaint reached the company.
    #[must_use]
    pub fn received_at(&self) -> DateTime<Utc> {
        self.intake.received_at
    }

    /// How the complaint reached the company.
    #[must_use]
    pub fn channel(&self) -> Channel {
        self.intake.channel
    }

    /// The subject classification: the intake's, until a reclassification
    /// (W2) names another.
    #[must_use]
    pub fn category(&self) -> &Category {
        self.reclassification()
            .map_or(&self.intake.category, |reclassify| &reclassify.category)
    }

    /// How serious the complaint is: the intake's severity, until a
    /// reclassification (W2) names another.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.reclassification()
            .map_or(self.intake.severity, |reclassify| reclassify.severity)
    }

    /// W2: the last reclassification of the complaint, if it was reclassified.
    #[must_use]
    pub fn reclassification(&self) -> Option<&Reclassify> {
        let Event::Reclassify(reclassify) = self.event_at(self.classification)? else {
            return None;
        };
        Some(reclassify)
    }

    /// W2: the facts the policy's target rules are evaluated on now: the
    /// current classification, the intake's channel and complainant.
    pub(crate) fn target_facts(&self) -> TargetFacts {
        TargetFacts {
            severity: self.severity(),
            category: self.category().clone(),
            channel: self.intake.channel,
            member: self.intake.complainant.member,
        }
    }

    fn event_at(&self, index: Option<usize>) -> Option<&Event> {
        self.entries.get(index?).map(Entry::event)
    }

    fn entry_at(&self, index: Option<usize>) -> Option<&Entry> {
        self.entries.get(index?)
    }

    /// The judgment of the current handling round (R2), if judged.
    #[must_use]
    pub fn judgment(&self) -> Option<Verdict<'_>> {
        let event = self.event_at(self.current.judgment)?;
        if let Event::Uphold(uphold) = event {
            Some(Verdict::Upheld(uphold))
        } else if let Event::Dismiss(dismiss) = event {
            Some(Verdict::Dismissed(dismiss))
        } else {
            None
        }
    }

    /// The responsible department, once upheld (R2).
    #[must_use]
    pub fn responsible_department(&self) -> Option<&Department> {
        match self.judgment()? {
            Verdict::Upheld(uphold) => Some(&uphold.responsible_department),
            Verdict::Dismissed(_) => None,
        }
    }

    /// The findings of the investigation (R3).
    #[must_use]
    pub fn findings(&self) -> Option<&Findings> {
        let Event::Investigate(investigate) = self.event_at(self.current.findings)? else {
            return None;
        };
        Some(&investigate.findings)
    }

    /// The current proposal (R4); cleared when the customer declines the approved remedy.
    #[must_use]
    pub fn proposal(&self) -> Option<&Propose> {
        let Event::Propose(propose) = self.event_at(self.current.proposal)? else {
            return None;
        };
        Some(propose)
    }

    /// The option the customer prefers, by number (R8).
    #[must_use]
    pub fn customer_choice(&self) -> Option<u32> {
        let Event::ChooseRemedy(choice) = self.event_at(self.current.choice)? else {
            return None;
        };
        Some(choice.option)
    }

    /// The approved remedy and its approver (R4).
    #[must_use]
    pub fn approval(&self) -> Option<Approval<'_>> {
        let entry = self.entry_at(self.current.approval)?;
        let Event::Approve(Approve { option }) = entry.event() else {
            return None;
        };
        let index = usize::try_from(*option).ok()?.checked_sub(1)?;
        Some(Approval {
            option_number: *option,
            option: self.proposal()?.options.get(index)?,
            approver: entry.actor(),
            approved_at: entry.at(),
        })
    }

    /// The execution of the remedy (R5).
    #[must_use]
    pub fn execution(&self) -> Option<&Execute> {
        let Event::Execute(execute) = self.event_at(self.current.execution)? else {
            return None;
        };
        Some(execute)
    }

    /// The withdrawal, if the customer withdrew.
    #[must_use]
    pub fn withdrawal(&self) -> Option<&Withdraw> {
        let Event::Withdraw(withdraw) = self.event_at(self.current.withdrawal)? else {
            return None;
        };
        Some(withdraw)
    }

    /// The review (R6).
    #[must_use]
    pub fn review(&self) -> Option<&Review> {
        let Event::Review(review) = self.event_at(self.current.review)? else {
            return None;
        };
        Some(review)
    }

    /// Every note (E6), oldest first, with the entry that holds it.
    pub fn notes(&self) -> impl Iterator<Item = (&Entry, &str)> + '_ {
        self.entries.iter().filter_map(|entry| {
            let Event::AddNote(note) = entry.event() else {
                return None;
            };
            Some((entry, note.text.as_str()))
        })
    }

    /// T4, T6, E3, E5: who owns the complaint: the agent who accepted it
    /// until an assignment, transfer, escalation or handover names another;
    /// `None` after a transfer or escalation that names no person (the
    /// department or the role's queue owns it).
    #[must_use]
    pub fn owner(&self) -> Option<&ActorId> {
        let Some(index) = self.owner else {
            return Some(&self.intake_actor.id);
        };
        match self.event_at(Some(index))? {
            Event::Assign(assign) => Some(&assign.owner),
            Event::Transfer(transfer) => transfer.owner.as_ref(),
            Event::Escalate(escalate) => escalate.owner.as_ref(),
            Event::Handover(handover) => Some(&handover.to),
            // Only the four events above set the owner (`commit`).
            Event::Accept(_)
            | Event::Uphold(_)
            | Event::Dismiss(_)
            | Event::Investigate(_)
            | Event::Propose(_)
            | Event::ChooseRemedy(_)
            | Event::Approve(_)
            | Event::Decline(_)
            | Event::Execute(_)
            | Event::RaiseAlarm(_)
            | Event::Review(_)
            | Event::Reopen(_)
            | Event::Dispute(_)
            | Event::Refer(_)
            | Event::RecordReferralOutcome(_)
            | Event::Close(_)
            | Event::Withdraw(_)
            | Event::AddNote(_)
            | Event::Contact(_)
            | Event::AwaitCustomer(_)
            | Event::CustomerReplied(_)
            | Event::ProgressUpdate(_)
            | Event::AwaitThirdParty(_)
            | Event::ThirdPartyReplied(_)
            | Event::Reclassify(_)
            | Event::ExtendDeadline(_)
            | Event::RepeatContact(_)
            | Event::ResolveOnFirstContact(_)
            | Event::AttemptFollowUp(_)
            | Event::RescheduleFollowUp(_)
            | Event::CompleteFollowUp(_)
            | Event::GiveUpFollowUp(_)
            | Event::PersonalDataErased(_)
            | Event::Redact(_) => None,
        }
    }

    /// E3: the role the complaint is escalated to; [`Role::Agent`] until escalated.
    #[must_use]
    pub fn escalation_level(&self) -> Role {
        if let Some(Event::Escalate(escalate)) = self.event_at(self.escalation) {
            escalate.to
        } else {
            Role::Agent
        }
    }

    /// E4: how many times the customer contacted the company about this
    /// complaint, the first contact included.
    #[must_use]
    pub fn contact_count(&self) -> u32 {
        self.repeat_contacts.saturating_add(1)
    }

    /// E4: the severity raised by one level for every
    /// [`Policy::repeat_contacts_per_priority_step`] repeat contacts, up to critical.
    #[must_use]
    pub fn priority(&self, policy: &Policy) -> Severity {
        let step = policy.repeat_contacts_per_priority_step();
        let raised = self.repeat_contacts.checked_div(step).unwrap_or(0);
        let base = Severity::ALL
            .iter()
            .position(|&severity| severity == self.severity())
            .unwrap_or(0);
        let index = base.saturating_add(usize::try_from(raised).unwrap_or(usize::MAX));
        Severity::ALL
            .get(index)
            .copied()
            .unwrap_or(Severity::Critical)
    }

    /// The follow-up of the current handling round, once scheduled (F7).
    #[must_use]
    pub fn follow_up(&self) -> Option<FollowUpStatus> {
        self.follow_up
    }

    /// F2, F3: the completed follow-up record of the current round.
    #[must_use]
    pub fn follow_up_record(&self) -> Option<&CompleteFollowUp> {
        let Event::CompleteFollowUp(complete) = self.event_at(self.follow_up?.completion)? else {
            return None;
        };
        Some(complete)
    }

    /// T5: the resolution on the first contact, if the complaint took the fast path.
    #[must_use]
    pub fn fast_resolution(&self) -> Option<&ResolveOnFirstContact> {
        let Event::ResolveOnFirstContact(resolve) = self.event_at(self.current.execution)? else {
            return None;
        };
        Some(resolve)
    }

    /// When the current handling round was handled: the remedy executed, the
    /// resolution on the first contact, or the dismissal replied (what
    /// schedules the follow-up). `None` while it is not handled.
    #[must_use]
    pub fn handled_at(&self) -> Option<DateTime<Utc>> {
        if let Some(entry) = self.entry_at(self.current.execution) {
            return Some(entry.at());
        }
        let judgment = self.entry_at(self.current.judgment)?;
        matches!(judgment.event(), Event::Dismiss(_)).then(|| judgment.at())
    }

    /// The agent who accepted the complaint.
    #[must_use]
    pub fn intake_actor(&self) -> &Actor {
        &self.intake_actor
    }

    /// Every deadline of the complaint, in the order they were opened.
    #[must_use]
    pub fn deadlines(&self) -> &[Deadline] {
        self.ledger.deadlines()
    }

    /// One deadline by its number.
    #[must_use]
    pub fn deadline(&self, id: DeadlineId) -> Option<&Deadline> {
        self.ledger.get(id)
    }

    /// The open deadline due first (paused ones wait): its due time is the
    /// value an application stores in an indexed `next_due_at` column.
    #[must_use]
    pub fn next_deadline(&self) -> Option<&Deadline> {
        self.ledger.next()
    }

    /// T7: every deadline missed as of `now`, met late, cancelled late or
    /// still open past due. A later transition never drops a miss.
    #[must_use]
    pub fn breaches(&self, now: DateTime<Utc>) -> Vec<Breach> {
        self.ledger.breaches(now).collect()
    }

    /// Since when the complaint waits on the customer, if it does.
    #[must_use]
    pub fn awaiting_customer_since(&self) -> Option<DateTime<Utc>> {
        self.ledger.awaiting_since(WaitingOn::Customer)
    }

    /// W5: since when the complaint waits on a third party, if it does.
    #[must_use]
    pub fn awaiting_third_party_since(&self) -> Option<DateTime<Utc>> {
        self.ledger.awaiting_since(WaitingOn::ThirdParty)
    }

    /// How many times the complaint was reopened (R7).
    #[must_use]
    pub fn reopen_count(&self) -> usize {
        self.entries
            .iter()
            .filter(|entry| entry.event().kind() == EventKind::Reopen)
            .count()
    }
}

/// The record is what the rules check an event against, through the narrow
/// view they define.
impl ComplaintFacts for ComplaintRecord {
    fn redactable(&self, sequence: u64, path: &str) -> bool {
        usize::try_from(sequence)
            .ok()
            .and_then(|sequence| sequence.checked_sub(1))
            .and_then(|index| self.entries.get(index))
            .and_then(Entry::seal)
            .is_some_and(|seal| {
                crate::integrity::redactable(path)
                    && seal.texts().iter().any(|text| text.path() == path)
            })
    }

    fn stage(&self) -> StageKind {
        self.stage()
    }

    fn last_entry_at(&self) -> DateTime<Utc> {
        self.last_entry_at()
    }

    fn complainant(&self) -> &Complainant {
        self.complainant()
    }

    fn received_at(&self) -> DateTime<Utc> {
        self.received_at()
    }

    fn category(&self) -> &Category {
        self.category()
    }

    fn severity(&self) -> Severity {
        self.severity()
    }

    fn intake_actor(&self) -> &Actor {
        self.intake_actor()
    }

    fn findings(&self) -> Option<&Findings> {
        self.findings()
    }

    fn proposal(&self) -> Option<&Propose> {
        self.proposal()
    }

    fn approved_at(&self) -> Option<DateTime<Utc>> {
        self.approval().map(|approval| approval.approved_at)
    }

    fn owner(&self) -> Option<&ActorId> {
        self.owner()
    }

    fn escalation_level(&self) -> Role {
        self.escalation_level()
    }

    fn awaiting_since(&self, whom: WaitingOn) -> Option<DateTime<Utc>> {
        self.ledger.awaiting_since(whom)
    }

    fn deadline(&self, id: DeadlineId) -> Option<&Deadline> {
        self.deadline(id)
    }

    fn follow_up(&self) -> Option<FollowUpStatus> {
        self.follow_up()
    }

    fn handled_at(&self) -> Option<DateTime<Utc>> {
        self.handled_at()
    }
}
