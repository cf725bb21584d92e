//! Which parts of an event are personal text (A2): the free text people
//! write (the complaint's content, notes, findings, replies, reasons, the
//! customer's feedback, the names of people held accountable), as opposed
//! to ids, names of departments and bodies, times, amounts and choices.
//!
//! Each personal text enters the hash chain as a salted commitment
//! (`audit::seal`), so that a redaction can remove the text and keep the
//! proof. The list is one exhaustive `match`: a new event must say which of
//! its fields are personal text.

use crate::lifecycle::Event;
use crate::lifecycle::event::{FollowUpOutcome, RemedyOption};

/// The personal texts of `event`, each with its JSON pointer inside the
/// stored entry (`/event/data/…`, RFC 6901), in the order the entry's seal
/// lists them.
pub(crate) fn personal_texts(event: &Event) -> Vec<(String, &str)> {
    // Most events have one or two personal texts; a review or an execution a few.
    let mut texts = Texts(Vec::with_capacity(4));
    match event {
        Event::Accept(e) => texts.field("content", &e.content),
        Event::Uphold(_)
        | Event::Assign(_)
        | Event::ChooseRemedy(_)
        | Event::Approve(_)
        | Event::RaiseAlarm(_)
        | Event::Refer(_)
        | Event::RescheduleFollowUp(_) => {}
        Event::Dismiss(e) => texts.field("reply", &e.reply),
        Event::Investigate(e) => {
            texts.field("findings/description", &e.findings.description);
            for (index, party) in e.findings.responsible_parties.iter().enumerate() {
                texts.field(
                    &format!("findings/responsible_parties/{index}/person"),
                    &party.person,
                );
            }
        }
        Event::Propose(e) => {
            for (index, option) in e.options.iter().enumerate() {
                texts.option(&format!("options/{index}"), option);
            }
        }
        Event::Decline(e) => texts.field("reason", &e.reason),
        Event::Execute(e) => {
            for (index, party) in e.accountability.iter().enumerate() {
                texts.field(&format!("accountability/{index}/person"), &party.person);
                texts.field(&format!("accountability/{index}/penalty"), &party.penalty);
            }
            if let Some(feedback) = &e.feedback {
                texts.field("feedback", feedback);
            }
        }
        Event::Review(e) => {
            texts.field("summary", &e.summary);
            for (index, action) in e.improvement_actions.iter().enumerate() {
                texts.field(&format!("improvement_actions/{index}"), action);
            }
        }
        Event::Reopen(e) => texts.field("reason", &e.reason),
        Event::Dispute(e) => texts.field("reason", &e.reason),
        Event::RecordReferralOutcome(e) => texts.field("note", &e.note),
        Event::Withdraw(e) => texts.field("reason", &e.reason),
        Event::Close(e) => {
            if let Some(note) = &e.note {
                texts.field("note", note);
            }
        }
        Event::PersonalDataErased(e) => texts.field("reason", &e.reason),
        Event::AddNote(e) => texts.field("text", &e.text),
        Event::Escalate(e) => texts.field("reason", &e.reason),
        Event::RepeatContact(e) => texts.field("content", &e.content),
        Event::Handover(e) => texts.field("note", &e.note),
        Event::ResolveOnFirstContact(e) => {
            texts.option("remedy", &e.remedy);
            texts.field("customer_acceptance", &e.customer_acceptance);
        }
        Event::AttemptFollowUp(e) => {
            if let Some(note) = &e.note {
                texts.field("note", note);
            }
        }
        Event::CompleteFollowUp(e) => match &e.outcome {
            FollowUpOutcome::Satisfied { suggestions } => {
                texts.field("outcome/suggestions", suggestions);
            }
            FollowUpOutcome::Neutral { to_improve }
            | FollowUpOutcome::Dissatisfied { to_improve } => {
                texts.field("outcome/to_improve", to_improve);
            }
        },
        Event::GiveUpFollowUp(e) => texts.field("note", &e.note),
        Event::Contact(e) => texts.field("summary", &e.summary),
        Event::Transfer(e) => texts.field("reason", &e.reason),
        Event::AwaitCustomer(e) => texts.field("reason", &e.reason),
        Event::CustomerReplied(e) => texts.field("summary", &e.summary),
        Event::ProgressUpdate(e) => texts.field("summary", &e.summary),
        Event::AwaitThirdParty(e) => texts.field("reason", &e.reason),
        Event::ThirdPartyReplied(e) => texts.field("summary", &e.summary),
        Event::ExtendDeadline(e) => texts.field("reason", &e.reason),
        Event::Reclassify(e) => texts.field("reason", &e.reason),
    }
    texts.0
}

struct Texts<'e>(Vec<(String, &'e str)>);

impl<'e> Texts<'e> {
    fn field(&mut self, path: &str, text: &'e str) {
        const DATA: &str = "/event/data/";
        let mut pointer = String::with_capacity(DATA.len() + path.len());
        pointer.push_str(DATA);
        pointer.push_str(path);
        self.0.push((pointer, text));
    }

    fn option(&mut self, path: &str, option: &'e RemedyOption) {
        self.field(&format!("{path}/description"), &option.description);
    }
}
