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

/// The one list of an event's personal texts, over a shared or a
/// mutable borrow (`mut`): `$texts` receives each text with its path.
macro_rules! each_text {
    ($event:expr, $texts:ident $(, $m:tt)?) => {
        match $event {
            Event::Accept(e) => $texts.field("content", & $($m)? e.content),
            Event::Uphold(_)
            | Event::Assign(_)
            | Event::ChooseRemedy(_)
            | Event::Approve(_)
            | Event::RaiseAlarm(_)
            | Event::RescheduleFollowUp(_) => {}
            Event::Dismiss(e) => $texts.field("reply", & $($m)? e.reply),
            Event::Investigate(e) => {
                $texts.field("findings/description", & $($m)? e.findings.description);
                for (index, party) in (& $($m)? e.findings.responsible_parties).into_iter().enumerate() {
                    $texts.field(
                        &format!("findings/responsible_parties/{index}/person"),
                        & $($m)? party.person,
                    );
                }
            }
            Event::Propose(e) => {
                for (index, option) in (& $($m)? e.options).into_iter().enumerate() {
                    $texts.option(&format!("options/{index}"), option);
                }
            }
            Event::Decline(e) => $texts.field("reason", & $($m)? e.reason),
            Event::Execute(e) => {
                for (index, party) in (& $($m)? e.accountability).into_iter().enumerate() {
                    $texts.field(&format!("accountability/{index}/person"), & $($m)? party.person);
                    $texts.field(&format!("accountability/{index}/penalty"), & $($m)? party.penalty);
                }
                if let Some(feedback) = & $($m)? e.feedback {
                    $texts.field("feedback", feedback);
                }
            }
            Event::Review(e) => {
                $texts.field("summary", & $($m)? e.summary);
                for (index, action) in (& $($m)? e.improvement_actions).into_iter().enumerate() {
                    $texts.field(&format!("improvement_actions/{index}"), action);
                }
            }
            Event::Reopen(e) => $texts.field("reason", & $($m)? e.reason),
            Event::Dispute(e) => $texts.field("reason", & $($m)? e.reason),
            // A2: a redaction's reason explains it and is kept (`Redact`).
            Event::Refer(_) | Event::Redact(_) => {}
            Event::RecordReferralOutcome(e) => $texts.field("note", & $($m)? e.note),
            Event::Withdraw(e) => $texts.field("reason", & $($m)? e.reason),
            Event::Close(e) => {
                if let Some(note) = & $($m)? e.note {
                    $texts.field("note", note);
                }
            }
            Event::PersonalDataErased(e) => $texts.field("reason", & $($m)? e.reason),
            Event::AddNote(e) => $texts.field("text", & $($m)? e.text),
            Event::Escalate(e) => $texts.field("reason", & $($m)? e.reason),
            Event::RepeatContact(e) => $texts.field("content", & $($m)? e.content),
            Event::Handover(e) => $texts.field("note", & $($m)? e.note),
            Event::ResolveOnFirstContact(e) => {
                $texts.option("remedy", & $($m)? e.remedy);
                $texts.field("customer_acceptance", & $($m)? e.customer_acceptance);
            }
            Event::AttemptFollowUp(e) => {
                if let Some(note) = & $($m)? e.note {
                    $texts.field("note", note);
                }
            }
            Event::CompleteFollowUp(e) => match & $($m)? e.outcome {
                FollowUpOutcome::Satisfied { suggestions } => {
                    $texts.field("outcome/suggestions", suggestions);
                }
                FollowUpOutcome::Neutral { to_improve }
                | FollowUpOutcome::Dissatisfied { to_improve } => {
                    $texts.field("outcome/to_improve", to_improve);
                }
            },
            Event::GiveUpFollowUp(e) => $texts.field("note", & $($m)? e.note),
            Event::Contact(e) => $texts.field("summary", & $($m)? e.summary),
            Event::Transfer(e) => $texts.field("reason", & $($m)? e.reason),
            Event::AwaitCustomer(e) => $texts.field("reason", & $($m)? e.reason),
            Event::CustomerReplied(e) => $texts.field("summary", & $($m)? e.summary),
            Event::ProgressUpdate(e) => $texts.field("summary", & $($m)? e.summary),
            Event::AwaitThirdParty(e) => $texts.field("reason", & $($m)? e.reason),
            Event::ThirdPartyReplied(e) => $texts.field("summary", & $($m)? e.summary),
            Event::ExtendDeadline(e) => $texts.field("reason", & $($m)? e.reason),
            Event::Reclassify(e) => $texts.field("reason", & $($m)? e.reason),
        }
    };
}

/// The personal texts of `event`, each with its JSON pointer inside the
/// stored entry (`/event/data/…`, RFC 6901), in the order the entry's seal
/// lists them.
pub(crate) fn personal_texts(event: &Event) -> Vec<(String, &str)> {
    // Most events have one or two personal texts; a review or an execution a few.
    let mut texts = Texts(Vec::with_capacity(4));
    each_text!(event, texts);
    texts.0
}

/// Calls `visit` with each personal text of `event` and its JSON pointer,
/// in [`personal_texts`]' order, writing the pointers into `pointer` rather
/// than a `String` each: verifying a seal (A1) reads an entry's texts this
/// way.
pub(crate) fn each_personal_text<'e>(
    event: &'e Event,
    pointer: &mut String,
    visit: impl FnMut(&str, &'e str),
) {
    let mut texts = Visit { pointer, visit };
    each_text!(event, texts);
}

/// A2: the path of the customer's answer to what should improve (F3): the
/// improvement data of S2, a personal text that no redaction names, so
/// that every report is the same after a redaction.
const KEPT_FOR_REPORTS: &str = "/event/data/outcome/to_improve";

/// A2: whether a redaction may name the personal text at `path`.
pub(crate) fn redactable(path: &str) -> bool {
    path != KEPT_FOR_REPORTS
}

/// A2: replaces the personal text of `event` at `path` with
/// [`REDACTED`](crate::lifecycle::REDACTED); returns the text it had, or
/// `None` when the event has no such text or it is not
/// [`redactable`].
pub(crate) fn redact_text(event: &mut Event, path: &str) -> Option<String> {
    if !redactable(path) {
        return None;
    }
    let mut texts = TextsMut(Vec::new());
    each_text!(event, texts, mut);
    let (_, text) = texts.0.into_iter().find(|(at, _)| at == path)?;
    Some(std::mem::replace(
        text,
        crate::lifecycle::REDACTED.to_owned(),
    ))
}

struct TextsMut<'e>(Vec<(String, &'e mut String)>);

impl<'e> TextsMut<'e> {
    fn field(&mut self, path: &str, text: &'e mut String) {
        self.0.push((format!("/event/data/{path}"), text));
    }

    fn option(&mut self, path: &str, option: &'e mut RemedyOption) {
        self.field(&format!("{path}/description"), &mut option.description);
    }
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

struct Visit<'p, F> {
    pointer: &'p mut String,
    visit: F,
}

impl<'e, F: FnMut(&str, &'e str)> Visit<'_, F> {
    fn field(&mut self, path: &str, text: &'e str) {
        self.pointer.clear();
        self.pointer.push_str("/event/data/");
        self.pointer.push_str(path);
        (self.visit)(self.pointer.as_str(), text);
    }

    fn option(&mut self, path: &str, option: &'e RemedyOption) {
        self.field(&format!("{path}/description"), &option.description);
    }
}
