//! The fields of every event's form, in one place: [`fields`] says, for each
//! [`EventKind`], which inputs its form has, named by the paths the crate's
//! field errors use (`findings.responsible_parties[0].person`), so that an
//! error lands next to the input it names. [`form`](super::form) renders and
//! reads them; nothing else in the desk knows an event's fields.

use complaint_workflow::EventKind;

/// One input, a group of inputs (an object), or a list of groups (an array
/// of objects, shown as a few numbered rows; empty rows are left out).
#[derive(Clone, Copy, Debug)]
pub enum Spec {
    /// An input.
    Field {
        /// The path in the event's data.
        name: &'static str,
        /// What it takes.
        input: Input,
        /// Whether the form sends it even when empty (so that the crate's
        /// rule names it); an empty optional field is left out.
        required: bool,
    },
    /// An object.
    Group {
        /// The path of the object.
        name: &'static str,
        /// An optional object is left out (`null`) when all its inputs are empty.
        optional: bool,
        /// Its fields.
        fields: &'static [Spec],
    },
    /// An array of objects.
    List {
        /// The path of the array.
        name: &'static str,
        /// How many rows the form shows.
        rows: usize,
        /// The fields of one row.
        fields: &'static [Spec],
    },
}

/// What an input takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// One text per line (an array of strings).
    Lines,
    /// A time, in the viewer's zone (`datetime-local`).
    Time,
    /// A time, in the viewer's zone, filled in with now.
    TimeNow,
    /// A whole number, zero or more.
    Count,
    /// A checkbox.
    Flag,
    /// One of fixed values.
    Choice(Choices),
    /// A time zone name (`Asia/Shanghai`, `+08:00`, `UTC`).
    Zone,
    /// One of the complaint's remedy options, by number.
    RemedyOption,
    /// One of the complaint's deadlines that are not met, by number.
    Deadline,
}

/// The fixed value lists of [`Input::Choice`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choices {
    /// `Channel`.
    Channel,
    /// `Severity`.
    Severity,
    /// `ContactMethod`.
    ContactMethod,
    /// `RootCause`.
    RootCause,
    /// `Responsibility`.
    Responsibility,
    /// `CompensationKind`.
    CompensationKind,
    /// `Evaluation`.
    Evaluation,
    /// `Satisfaction`.
    Satisfaction,
    /// `Role`.
    Role,
    /// `AlarmLevel` (W1).
    AlarmLevel,
    /// `ReferralOutcome` (D2).
    ReferralOutcome,
    /// `RedactionTarget` (A2): the desk redacts all personal text; a
    /// redaction of single texts is the crate's to apply.
    RedactionTarget,
}

impl Choices {
    /// Every list.
    pub const ALL: [Choices; 12] = [
        Choices::Channel,
        Choices::Severity,
        Choices::ContactMethod,
        Choices::RootCause,
        Choices::Responsibility,
        Choices::CompensationKind,
        Choices::Evaluation,
        Choices::Satisfaction,
        Choices::Role,
        Choices::AlarmLevel,
        Choices::ReferralOutcome,
        Choices::RedactionTarget,
    ];

    /// The values, as the stored format spells them.
    pub const fn values(self) -> &'static [&'static str] {
        match self {
            Choices::Channel => &[
                "phone",
                "online",
                "email",
                "sms",
                "in_person",
                "letter",
                "other",
            ],
            Choices::Severity => &["low", "medium", "high", "critical"],
            Choices::ContactMethod => &["phone", "email", "sms", "letter", "in_person", "other"],
            Choices::RootCause => &[
                "quality",
                "service",
                "logistics",
                "billing",
                "policy",
                "other",
            ],
            Choices::Responsibility => &["direct", "department_head"],
            Choices::CompensationKind => &[
                "refund",
                "cash",
                "voucher",
                "discount",
                "replacement",
                "repair",
                "other",
            ],
            Choices::Evaluation => &["effective", "partly_effective", "ineffective"],
            Choices::Satisfaction => &["satisfied", "neutral", "dissatisfied"],
            Choices::Role => &["agent", "team_lead", "supervisor"],
            Choices::AlarmLevel => &["at_risk", "breached"],
            Choices::ReferralOutcome => &["upheld_by_body", "not_upheld", "settled", "withdrawn"],
            Choices::RedactionTarget => &["all_personal_text"],
        }
    }

    /// The prefix of the values' message ids (`channel` → `channel-phone`).
    pub const fn prefix(self) -> &'static str {
        match self {
            Choices::Channel => "channel",
            Choices::Severity => "severity",
            Choices::ContactMethod => "method",
            Choices::RootCause => "root-cause",
            Choices::Responsibility => "responsibility",
            Choices::CompensationKind => "compensation",
            Choices::Evaluation => "evaluation",
            Choices::Satisfaction => "satisfaction",
            Choices::Role => "role",
            Choices::AlarmLevel => "alarm",
            Choices::ReferralOutcome => "outcome",
            Choices::RedactionTarget => "redaction",
        }
    }

    /// The message id of one value.
    pub fn message_id(self, value: &str) -> String {
        format!("{}-{}", self.prefix(), value.replace('_', "-"))
    }
}

const fn text(name: &'static str) -> Spec {
    Spec::Field {
        name,
        input: Input::Text,
        required: true,
    }
}

const fn long(name: &'static str) -> Spec {
    Spec::Field {
        name,
        input: Input::LongText,
        required: true,
    }
}

const fn optional(name: &'static str, input: Input) -> Spec {
    Spec::Field {
        name,
        input,
        required: false,
    }
}

const fn required(name: &'static str, input: Input) -> Spec {
    Spec::Field {
        name,
        input,
        required: true,
    }
}

const fn choice(name: &'static str, choices: Choices) -> Spec {
    required(name, Input::Choice(choices))
}

const COMPENSATION: Spec = Spec::Group {
    name: "compensation",
    optional: true,
    fields: &[
        required("amount_minor", Input::Count),
        required("currency", Input::Text),
        choice("kind", Choices::CompensationKind),
    ],
};

/// R1 (intake) and every event's form fields.
pub const fn fields(kind: EventKind) -> &'static [Spec] {
    match kind {
        EventKind::Accept => {
            const {
                &[
                    Spec::Group {
                        name: "complainant",
                        optional: false,
                        fields: &[
                            text("id"),
                            optional("member", Input::Flag),
                            optional("zone", Input::Zone),
                        ],
                    },
                    required("received_at", Input::TimeNow),
                    choice("channel", Choices::Channel),
                    long("content"),
                    text("category"),
                    choice("severity", Choices::Severity),
                ]
            }
        }
        EventKind::Uphold => {
            const {
                &[
                    text("responsible_department"),
                    required("investigation_due", Input::Time),
                ]
            }
        }
        EventKind::Dismiss => const { &[long("reply")] },
        EventKind::Investigate => {
            const {
                &[Spec::Group {
                    name: "findings",
                    optional: false,
                    fields: &[
                        choice("root_cause", Choices::RootCause),
                        long("description"),
                        Spec::List {
                            name: "responsible_parties",
                            rows: 2,
                            fields: &[
                                text("person"),
                                text("department"),
                                choice("responsibility", Choices::Responsibility),
                            ],
                        },
                    ],
                }]
            }
        }
        EventKind::Propose => {
            const {
                &[Spec::List {
                    name: "options",
                    rows: 3,
                    fields: &[long("description"), COMPENSATION],
                }]
            }
        }
        EventKind::ChooseRemedy | EventKind::Approve => {
            const { &[required("option", Input::RemedyOption)] }
        }
        EventKind::Decline
        | EventKind::Reopen
        | EventKind::Withdraw
        | EventKind::AwaitCustomer
        | EventKind::PersonalDataErased => const { &[long("reason")] },
        // A2: the desk redacts every personal text of the complaint.
        EventKind::Redact => {
            const { &[long("reason"), choice("target", Choices::RedactionTarget)] }
        }
        EventKind::Execute => {
            const {
                &[
                    Spec::List {
                        name: "accountability",
                        rows: 2,
                        fields: &[text("person"), text("rule"), text("penalty")],
                    },
                    Spec::Group {
                        name: "notification",
                        optional: false,
                        fields: &[
                            choice("method", Choices::ContactMethod),
                            required("at", Input::TimeNow),
                        ],
                    },
                    Spec::Group {
                        name: "signature",
                        optional: true,
                        fields: &[text("reference"), required("signed_at", Input::Time)],
                    },
                    optional("feedback", Input::LongText),
                ]
            }
        }
        EventKind::Review => {
            const {
                &[
                    long("summary"),
                    choice("evaluation", Choices::Evaluation),
                    optional("improvement_actions", Input::Lines),
                ]
            }
        }
        EventKind::AddNote => const { &[long("text")] },
        EventKind::Contact => {
            const {
                &[
                    choice("method", Choices::ContactMethod),
                    long("summary"),
                    optional("callback_due", Input::Time),
                ]
            }
        }
        EventKind::Assign => const { &[text("owner")] },
        EventKind::Transfer => {
            const {
                &[
                    text("department"),
                    optional("owner", Input::Text),
                    long("reason"),
                    required("tracking_due", Input::Time),
                ]
            }
        }
        EventKind::CustomerReplied | EventKind::ThirdPartyReplied => const { &[long("summary")] },
        EventKind::ProgressUpdate => {
            const { &[choice("method", Choices::ContactMethod), long("summary")] }
        }
        EventKind::AwaitThirdParty => const { &[text("party"), long("reason")] },
        // W2: the whole new classification, and why.
        EventKind::Reclassify => {
            const {
                &[
                    choice("severity", Choices::Severity),
                    text("category"),
                    long("reason"),
                ]
            }
        }
        EventKind::ExtendDeadline => {
            const {
                &[
                    required("deadline", Input::Deadline),
                    required("due", Input::Time),
                    long("reason"),
                ]
            }
        }
        // D1: what the customer disputes.
        EventKind::Dispute => const { &[long("reason")] },
        // D2: the body, its reference and its own deadline (a time it set).
        EventKind::Refer => {
            const {
                &[
                    text("body"),
                    text("reference"),
                    Spec::Group {
                        name: "body_due",
                        optional: false,
                        fields: &[required("at", Input::Time)],
                    },
                ]
            }
        }
        EventKind::RecordReferralOutcome => {
            const { &[choice("outcome", Choices::ReferralOutcome), long("note")] }
        }
        EventKind::RaiseAlarm => {
            const {
                &[
                    required("deadline", Input::Deadline),
                    choice("level", Choices::AlarmLevel),
                ]
            }
        }
        EventKind::Escalate => {
            const {
                &[
                    choice("to", Choices::Role),
                    optional("owner", Input::Text),
                    long("reason"),
                ]
            }
        }
        EventKind::RepeatContact => {
            const { &[choice("channel", Choices::Channel), long("content")] }
        }
        EventKind::Handover => const { &[text("to"), long("note")] },
        EventKind::ResolveOnFirstContact => {
            const {
                &[
                    Spec::Group {
                        name: "remedy",
                        optional: false,
                        fields: &[long("description"), COMPENSATION],
                    },
                    long("customer_acceptance"),
                ]
            }
        }
        EventKind::AttemptFollowUp => {
            const {
                &[
                    choice("method", Choices::ContactMethod),
                    optional("reached", Input::Flag),
                    optional("note", Input::LongText),
                ]
            }
        }
        EventKind::RescheduleFollowUp => {
            const {
                &[
                    required("at", Input::Time),
                    optional("customer_requested", Input::Flag),
                ]
            }
        }
        EventKind::CompleteFollowUp => {
            const {
                &[
                    choice("method", Choices::ContactMethod),
                    Spec::Group {
                        name: "outcome",
                        optional: false,
                        fields: &[
                            choice("satisfaction", Choices::Satisfaction),
                            long(OUTCOME_TEXT),
                        ],
                    },
                ]
            }
        }
        EventKind::GiveUpFollowUp => const { &[long("note")] },
        EventKind::Close => const { &[optional("note", Input::LongText)] },
    }
}

/// F3: the follow-up's one text input; the event names it `suggestions` for
/// a satisfied customer and `to_improve` otherwise ([`adjust`]).
const OUTCOME_TEXT: &str = "text";

/// The event's data as the crate reads it, from the data as the form has
/// it: F3's text goes under the name its satisfaction gives it.
pub fn adjust(kind: EventKind, data: &mut serde_json::Value) {
    if kind != EventKind::CompleteFollowUp {
        return;
    }
    let Some(outcome) = data.get_mut("outcome").and_then(|o| o.as_object_mut()) else {
        return;
    };
    let satisfied = outcome.get("satisfaction").and_then(|s| s.as_str()) == Some("satisfied");
    if let Some(text) = outcome.remove(OUTCOME_TEXT) {
        let name = if satisfied {
            "suggestions"
        } else {
            "to_improve"
        };
        outcome.insert(name.to_owned(), text);
    }
}

/// The form's input for a field the crate's error names: the crate's path,
/// but F3's text by either of its names.
pub fn input_of(field: &str) -> &str {
    match field {
        "outcome.suggestions" | "outcome.to_improve" => "outcome.text",
        other => other,
    }
}

/// The message id of a field's label: its path without row numbers
/// (`options[0].description` → `field-options-description`).
pub fn label_id(path: &str) -> String {
    let mut bare = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if in_index => {}
            '.' | '_' => bare.push('-'),
            c => bare.push(c),
        }
    }
    format!("field-{bare}")
}

/// Every message id the forms use: each field's label, each choice's
/// values, each event's name.
pub fn message_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for kind in EventKind::ALL {
        collect(fields(kind), "", &mut ids);
    }
    for choices in Choices::ALL {
        for value in choices.values() {
            ids.push(choices.message_id(value));
        }
    }
    ids.sort();
    ids.dedup();
    ids
}

fn collect(specs: &[Spec], prefix: &str, ids: &mut Vec<String>) {
    for spec in specs {
        match *spec {
            Spec::Field { name, .. } => ids.push(label_id(&join(prefix, name))),
            Spec::Group { name, fields, .. } | Spec::List { name, fields, .. } => {
                let path = join(prefix, name);
                ids.push(label_id(&path));
                collect(fields, &path, ids);
            }
        }
    }
}

/// `prefix.name`, or `name` at the top.
pub fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use complaint_workflow::event::{
        CompensationKind, ContactMethod, Evaluation, RedactionTarget, Responsibility, RootCause,
        Satisfaction,
    };
    use complaint_workflow::{Channel, Role, Severity};
    use serde::de::DeserializeOwned;

    fn all_parse<T: DeserializeOwned>(choices: Choices) {
        for value in choices.values() {
            let parsed = serde_json::from_value::<T>(serde_json::json!(value));
            assert!(parsed.is_ok(), "{value} is not a {choices:?}");
        }
    }

    #[test]
    fn every_choice_is_a_value_of_its_type() {
        all_parse::<Channel>(Choices::Channel);
        all_parse::<Severity>(Choices::Severity);
        all_parse::<ContactMethod>(Choices::ContactMethod);
        all_parse::<RootCause>(Choices::RootCause);
        all_parse::<Responsibility>(Choices::Responsibility);
        all_parse::<CompensationKind>(Choices::CompensationKind);
        all_parse::<Evaluation>(Choices::Evaluation);
        all_parse::<Satisfaction>(Choices::Satisfaction);
        all_parse::<Role>(Choices::Role);
        all_parse::<RedactionTarget>(Choices::RedactionTarget);
        // The lists that the crate also lists are complete.
        assert_eq!(Choices::Channel.values().len(), Channel::ALL.len());
        assert_eq!(Choices::Severity.values().len(), Severity::ALL.len());
        assert_eq!(Choices::RootCause.values().len(), RootCause::ALL.len());
        assert_eq!(Choices::Role.values().len(), Role::ALL.len());
    }

    #[test]
    fn labels_drop_row_numbers() {
        assert_eq!(
            label_id("options[0].description"),
            "field-options-description"
        );
        assert_eq!(
            label_id("findings.responsible_parties[1].person"),
            "field-findings-responsible-parties-person"
        );
        assert_eq!(label_id("reason"), "field-reason");
    }
}
