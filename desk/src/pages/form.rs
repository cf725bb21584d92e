//! Event forms from [`fields`]: the inputs a page shows
//! ([`widgets`]) and the [`Event`] a posted form makes ([`read`]), by the
//! same field paths, so that an error (the form's own or the crate's) is
//! shown next to the input it names.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use complaint_workflow::time::Zone;
use complaint_workflow::{ComplaintRecord, Event, EventKind};
use serde_json::{Map, Value};

use super::fields::{self, Input, Spec, join};
use super::i18n::Tr;

/// One input of a form, ready for a template.
#[derive(Clone, Debug)]
pub struct Widget {
    /// The HTML id (unique on the page).
    pub id: String,
    /// The form field's name: the path in the event's data.
    pub name: String,
    /// The label, in the viewer's language.
    pub label: String,
    /// `text`, `textarea`, `select`, `checkbox`, `datetime-local`,
    /// `number`, or `heading` (a group's or row's title, no input).
    pub control: &'static str,
    /// The value shown.
    pub value: String,
    /// The values of a `select`.
    pub options: Vec<Choice>,
    /// Whether the input must be filled.
    pub required: bool,
    /// The error about this input, if any.
    pub error: Option<String>,
    /// The help line, if any (the zone a time is read in).
    pub help: Option<String>,
}

/// A value of a `select`.
#[derive(Clone, Debug)]
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// The words shown.
    pub label: String,
    /// Whether it is selected.
    pub selected: bool,
}

/// What a form is drawn with: the viewer's words and zone, the time, the
/// complaint (for its remedy options and deadlines), and a refused post's
/// values and errors.
pub struct Drawing<'a> {
    /// The viewer's words.
    pub tr: Tr,
    /// The viewer's zone, in which times are entered.
    pub zone: Zone,
    /// Now.
    pub now: DateTime<Utc>,
    /// The complaint, for a form about one.
    pub record: Option<&'a ComplaintRecord>,
    /// The values of a refused post.
    pub values: &'a HashMap<String, String>,
    /// Its errors, by field path.
    pub errors: &'a HashMap<String, String>,
}

/// The inputs of `kind`'s form.
pub fn widgets(kind: EventKind, drawing: &Drawing<'_>) -> Vec<Widget> {
    let mut out = Vec::new();
    draw(fields::fields(kind), "", kind, drawing, &mut out);
    out
}

fn draw(
    specs: &[Spec],
    prefix: &str,
    kind: EventKind,
    drawing: &Drawing<'_>,
    out: &mut Vec<Widget>,
) {
    for spec in specs {
        match *spec {
            Spec::Field {
                name,
                input,
                required,
            } => out.push(field(&join(prefix, name), input, required, kind, drawing)),
            Spec::Group { name, fields, .. } => {
                let path = join(prefix, name);
                out.push(heading(
                    &path,
                    drawing.tr.t(&fields::label_id(&path)),
                    kind,
                    drawing,
                ));
                draw(fields, &path, kind, drawing, out);
            }
            Spec::List { name, rows, fields } => {
                let path = join(prefix, name);
                let label = drawing.tr.t(&fields::label_id(&path));
                out.push(heading(&path, label.clone(), kind, drawing));
                for row in 0..rows {
                    let row_path = format!("{path}[{row}]");
                    let title = format!("{label} {}", row + 1);
                    out.push(heading(&row_path, title, kind, drawing));
                    draw(fields, &row_path, kind, drawing, out);
                }
            }
        }
    }
}

fn heading(path: &str, label: String, kind: EventKind, drawing: &Drawing<'_>) -> Widget {
    Widget {
        id: html_id(kind, path),
        name: path.to_owned(),
        label,
        control: "heading",
        value: String::new(),
        options: Vec::new(),
        required: false,
        error: drawing.errors.get(path).cloned(),
        help: None,
    }
}

fn field(
    path: &str,
    input: Input,
    required: bool,
    kind: EventKind,
    drawing: &Drawing<'_>,
) -> Widget {
    let tr = drawing.tr;
    let posted = drawing.values.get(path).cloned();
    let mut widget = Widget {
        id: html_id(kind, path),
        name: path.to_owned(),
        label: tr.t(&fields::label_id(path)),
        control: "text",
        value: posted.clone().unwrap_or_default(),
        options: Vec::new(),
        // A row of a list may stay empty; the browser must not insist.
        required: required && !path.contains('['),
        error: drawing.errors.get(path).cloned(),
        help: None,
    };
    let selected = |value: &str| posted.as_deref() == Some(value);
    match input {
        Input::Text | Input::Zone => {}
        Input::LongText | Input::Lines => widget.control = "textarea",
        Input::Time | Input::TimeNow => {
            widget.control = "datetime-local";
            if posted.is_none() && input == Input::TimeNow {
                widget.value = local_input(drawing.zone, drawing.now);
            }
            widget.help = Some(tr.t1("form-time-zone", "zone", &drawing.zone.to_string()));
        }
        Input::Count => widget.control = "number",
        Input::Flag => {
            widget.control = "checkbox";
            widget.value = "true".to_owned();
        }
        Input::Choice(choices) => {
            widget.control = "select";
            widget.options = choices
                .values()
                .iter()
                .map(|value| Choice {
                    value: (*value).to_owned(),
                    label: tr.t(&choices.message_id(value)),
                    selected: selected(value),
                })
                .collect();
        }
        Input::RemedyOption => {
            widget.control = "select";
            let options = drawing
                .record
                .and_then(ComplaintRecord::proposal)
                .map(|p| p.options.as_slice())
                .unwrap_or_default();
            widget.options = (1_u32..)
                .zip(options)
                .map(|(number, option)| Choice {
                    value: number.to_string(),
                    label: format!("{number}. {}", option.description),
                    selected: selected(&number.to_string()),
                })
                .collect();
        }
        Input::Deadline => {
            widget.control = "select";
            let deadlines = drawing
                .record
                .map(ComplaintRecord::deadlines)
                .unwrap_or_default();
            widget.options = deadlines
                .iter()
                .filter(|d| {
                    !matches!(
                        d.status(),
                        complaint_workflow::deadline::DeadlineStatus::Met { .. }
                    )
                })
                .map(|d| {
                    let number = d.id().number().to_string();
                    Choice {
                        label: format!("#{number} {}", tr.t(&super::deadline_id(d.kind()))),
                        selected: selected(&number),
                        value: number,
                    }
                })
                .collect();
        }
    }
    if widget.control == "checkbox" {
        widget.options = vec![Choice {
            value: "true".to_owned(),
            label: String::new(),
            selected: posted.as_deref() == Some("true"),
        }];
    }
    widget
}

/// An HTML id for a field of a form: `uphold-investigation_due`,
/// `propose-options-0-description`.
fn html_id(kind: EventKind, path: &str) -> String {
    let mut id = String::from(kind.name());
    id.push('-');
    for c in path.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}

/// A time as a `datetime-local` input shows it, in `zone`.
pub fn local_input(zone: Zone, time: DateTime<Utc>) -> String {
    zone.to_local(time).format("%Y-%m-%dT%H:%M").to_string()
}

/// A problem with a posted form, before or from the crate's rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError {
    /// The field it is about, as a path (`None`: the form as a whole).
    pub field: Option<String>,
    /// The message id of what is wrong (`form-required`, …), or, for the
    /// crate's words, `None` and the words in [`detail`](Self::detail).
    pub message: Option<&'static str>,
    /// What the reader is shown when there is no message id.
    pub detail: String,
}

impl FormError {
    fn about(field: &str, message: &'static str) -> Self {
        Self {
            field: Some(field.to_owned()),
            message: Some(message),
            detail: String::new(),
        }
    }
}

/// The event a posted form makes: `kind`'s fields read from `pairs`, times
/// in `zone`; the event itself is checked by the crate afterwards.
///
/// # Errors
///
/// The fields that are missing or do not parse, each named by its path.
pub fn read(
    kind: EventKind,
    pairs: &[(String, String)],
    zone: Zone,
) -> Result<Event, Vec<FormError>> {
    let posted: HashMap<&str, &str> = pairs.iter().map(|(k, v)| (k.as_str(), v.trim())).collect();
    let mut errors = Vec::new();
    let mut data = object(fields::fields(kind), "", &posted, zone, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    fields::adjust(kind, &mut data);
    let event = serde_json::json!({"type": kind.name(), "data": data});
    serde_json::from_value(event).map_err(|e| {
        vec![FormError {
            field: None,
            message: None,
            detail: e.to_string(),
        }]
    })
}

/// The values of a posted form, by path, to show it again.
pub fn values(pairs: &[(String, String)]) -> HashMap<String, String> {
    pairs.iter().cloned().collect()
}

fn object(
    specs: &[Spec],
    prefix: &str,
    posted: &HashMap<&str, &str>,
    zone: Zone,
    errors: &mut Vec<FormError>,
) -> Value {
    let mut map = Map::new();
    for spec in specs {
        match *spec {
            Spec::Field {
                name,
                input,
                required,
            } => {
                let path = join(prefix, name);
                let raw = posted.get(path.as_str()).copied().unwrap_or("");
                if let Some(value) = value_of(&path, raw, input, required, zone, errors) {
                    map.insert(name.to_owned(), value);
                }
            }
            Spec::Group {
                name,
                optional,
                fields,
            } => {
                let path = join(prefix, name);
                if optional && !any_filled(fields, &path, posted) {
                    map.insert(name.to_owned(), Value::Null);
                } else {
                    map.insert(name.to_owned(), object(fields, &path, posted, zone, errors));
                }
            }
            Spec::List { name, rows, fields } => {
                let path = join(prefix, name);
                let items = (0..rows)
                    .map(|row| format!("{path}[{row}]"))
                    .filter(|row| any_filled(fields, row, posted))
                    .map(|row| object(fields, &row, posted, zone, errors))
                    .collect();
                map.insert(name.to_owned(), Value::Array(items));
            }
        }
    }
    Value::Object(map)
}

/// Whether any text or number input under `prefix` was filled (choices and
/// checkboxes always send something, so they do not count).
fn any_filled(specs: &[Spec], prefix: &str, posted: &HashMap<&str, &str>) -> bool {
    specs.iter().any(|spec| match *spec {
        Spec::Field { name, input, .. } => {
            !matches!(input, Input::Choice(_) | Input::Flag)
                && posted
                    .get(join(prefix, name).as_str())
                    .is_some_and(|v| !v.is_empty())
        }
        Spec::Group { name, fields, .. } => any_filled(fields, &join(prefix, name), posted),
        Spec::List { name, rows, fields } => {
            let path = join(prefix, name);
            (0..rows).any(|row| any_filled(fields, &format!("{path}[{row}]"), posted))
        }
    })
}

fn value_of(
    path: &str,
    raw: &str,
    input: Input,
    required: bool,
    zone: Zone,
    errors: &mut Vec<FormError>,
) -> Option<Value> {
    if input == Input::Flag {
        return Some(Value::Bool(raw == "true" || raw == "on"));
    }
    if raw.is_empty() {
        return match input {
            // An empty required text goes to the crate, whose rule names it.
            Input::Text | Input::LongText if required => Some(Value::String(String::new())),
            _ if required => {
                errors.push(FormError::about(path, "form-required"));
                None
            }
            Input::Lines => Some(Value::Array(Vec::new())),
            _ => None,
        };
    }
    match input {
        Input::Text | Input::LongText | Input::Choice(_) => Some(Value::String(raw.to_owned())),
        Input::Lines => Some(Value::Array(
            raw.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(|line| Value::String(line.to_owned()))
                .collect(),
        )),
        Input::Time | Input::TimeNow => match parse_time(raw, zone) {
            Some(time) => Some(Value::String(time.to_rfc3339())),
            None => {
                errors.push(FormError::about(path, "form-not-a-time"));
                None
            }
        },
        Input::Count | Input::RemedyOption | Input::Deadline => match raw.parse::<u64>() {
            Ok(number) => Some(Value::from(number)),
            Err(_) => {
                errors.push(FormError::about(path, "form-not-a-number"));
                None
            }
        },
        Input::Zone => match raw.parse::<Zone>() {
            Ok(_) => Some(Value::String(raw.to_owned())),
            Err(_) => {
                errors.push(FormError::about(path, "form-unknown-zone"));
                None
            }
        },
        Input::Flag => None,
    }
}

/// A time as a `datetime-local` input sends it (`2026-12-01T14:30`, read in
/// `zone`) or as RFC 3339.
pub fn parse_time(raw: &str, zone: Zone) -> Option<DateTime<Utc>> {
    if let Ok(time) = DateTime::parse_from_rfc3339(raw) {
        return Some(time.with_timezone(&Utc));
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(raw, format).ok())
        .and_then(|local| zone.resolve(local))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_proposal_keeps_the_filled_rows_and_their_compensation() {
        let form = pairs(&[
            ("options[0].description", "Repair again"),
            ("options[0].compensation.kind", "voucher"),
            ("options[1].description", "Repair and a voucher"),
            ("options[1].compensation.amount_minor", "20000"),
            ("options[1].compensation.currency", "CNY"),
            ("options[1].compensation.kind", "voucher"),
            ("options[2].compensation.kind", "refund"),
        ]);
        let Ok(Event::Propose(propose)) = read(EventKind::Propose, &form, Zone::Utc) else {
            panic!("not a proposal");
        };
        assert_eq!(propose.options.len(), 2);
        assert!(propose.options[0].compensation.is_none());
        assert_eq!(
            propose.options[1]
                .compensation
                .as_ref()
                .unwrap()
                .amount_minor,
            20000
        );
    }

    #[test]
    fn times_are_read_in_the_viewers_zone() {
        let shanghai = Zone::fixed(8 * 3600).unwrap();
        let time = parse_time("2026-12-01T14:30", shanghai).unwrap();
        assert_eq!(time.to_rfc3339(), "2026-12-01T06:30:00+00:00");
        assert_eq!(local_input(shanghai, time), "2026-12-01T14:30");
    }

    #[test]
    fn a_missing_time_and_a_bad_number_are_named() {
        let form = pairs(&[
            ("responsible_department", "repairs"),
            ("investigation_due", ""),
        ]);
        let errors = read(EventKind::Uphold, &form, Zone::Utc).unwrap_err();
        assert_eq!(
            errors,
            vec![FormError::about("investigation_due", "form-required")]
        );
        let errors = read(EventKind::Approve, &pairs(&[("option", "x")]), Zone::Utc).unwrap_err();
        assert_eq!(errors[0].field.as_deref(), Some("option"));
    }

    #[test]
    fn f3_text_goes_under_the_name_of_its_satisfaction() {
        let form = pairs(&[
            ("method", "phone"),
            ("outcome.satisfaction", "neutral"),
            ("outcome.text", "Call sooner"),
        ]);
        let Ok(Event::CompleteFollowUp(done)) = read(EventKind::CompleteFollowUp, &form, Zone::Utc)
        else {
            panic!("not a follow-up");
        };
        assert_eq!(done.outcome.text(), "Call sooner");
    }
}
