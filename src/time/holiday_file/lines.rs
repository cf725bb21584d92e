//! The content lines of an iCalendar text, each with the line it begins on:
//! unfolding (RFC 5545 §3.1) here, the grammar of one content line (name,
//! parameters, quoted values, TEXT unescaping) from the icalendar crate.

use icalendar::parser::Property;

use super::CalendarFileError;

/// One unfolded content line and the 1-based line of the text it begins on.
#[derive(Debug)]
pub(super) struct ContentLine {
    /// Where the line begins in the text.
    pub(super) line: usize,
    /// The line, unfolded, without its line break.
    pub(super) text: String,
}

/// What a content line says: a component opens or closes, or a property.
#[derive(Debug)]
pub(super) enum Content {
    /// `BEGIN:NAME`, the name in upper case.
    Begin(String),
    /// `END:NAME`, the name in upper case.
    End(String),
    /// Any other content line.
    Property(ContentProperty),
}

/// A property: its name in upper case, its parameters, its value (TEXT
/// values unescaped as RFC 5545 §3.3.11 says; lists such as `CATEGORIES`
/// left escaped).
#[derive(Debug)]
pub(super) struct ContentProperty {
    pub(super) name: String,
    parameters: Vec<(String, Option<String>)>,
    pub(super) value: String,
}

impl ContentProperty {
    /// The value of the parameter `name` (upper case), if given.
    pub(super) fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .and_then(|(_, value)| value.as_deref())
    }
}

/// The content lines of `text`: a line that begins with a space or a tab
/// continues the one before it (the space or tab removed); blank lines are
/// skipped; `\r\n` and `\n` both end a line; a byte-order mark at the start
/// is dropped.
///
/// # Errors
///
/// [`CalendarFileError::MalformedLine`] for a continuation with no line before it.
pub(super) fn content_lines(text: &str) -> Result<Vec<ContentLine>, CalendarFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<ContentLine> = Vec::new();
    let mut current: Option<ContentLine> = None;
    for (index, raw) in text.split('\n').enumerate() {
        let number = index + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = raw.strip_prefix([' ', '\t']) {
            match current.as_mut() {
                Some(open) => open.text.push_str(rest),
                None => return Err(CalendarFileError::MalformedLine { line: number }),
            }
            continue;
        }
        lines.extend(current.take());
        if !raw.is_empty() {
            current = Some(ContentLine {
                line: number,
                text: raw.to_owned(),
            });
        }
    }
    lines.extend(current);
    Ok(lines)
}

impl ContentLine {
    /// What the line says.
    ///
    /// # Errors
    ///
    /// [`CalendarFileError::MalformedLine`] unless the line is
    /// `NAME *(;PARAMETER) :VALUE` as RFC 5545 §3.1 writes it.
    pub(super) fn content(&self) -> Result<Content, CalendarFileError> {
        let malformed = CalendarFileError::MalformedLine { line: self.line };
        let Some((head, value)) = self.text.split_once(':') else {
            return Err(malformed);
        };
        if head.eq_ignore_ascii_case("BEGIN") {
            return Ok(Content::Begin(value.trim().to_ascii_uppercase()));
        }
        if head.eq_ignore_ascii_case("END") {
            return Ok(Content::End(value.trim().to_ascii_uppercase()));
        }
        let parsed = Property::try_from(self.text.as_str()).map_err(|_| malformed.clone())?;
        // The parser reads the longest name it can and may stop there
        // ("NAME" of "NAME BAD:value"); a line is taken only when the name it
        // read is all of the line before the parameters or the value.
        let name_end = head.find(';').unwrap_or(head.len());
        let name = head.get(..name_end).ok_or_else(|| malformed.clone())?;
        if !parsed.name.as_str().eq_ignore_ascii_case(name) || name.is_empty() {
            return Err(malformed);
        }
        // Nor is a line taken whose parameters or value the parser passed
        // over: `NAME;:value` has a `;` but no parameter, and a line the
        // parser read as a property without a value must have none.
        let dropped_parameters = (head != name && parsed.params.is_empty())
            || parsed
                .params
                .iter()
                .any(|parameter| parameter.key.as_str().trim().is_empty());
        let dropped_value = parsed.val.as_str().is_empty() && !value.is_empty();
        if dropped_parameters || dropped_value {
            return Err(malformed);
        }
        Ok(Content::Property(ContentProperty {
            name: name.to_ascii_uppercase(),
            parameters: parsed
                .params
                .iter()
                .map(|parameter| {
                    (
                        parameter.key.as_str().to_ascii_uppercase(),
                        parameter
                            .val
                            .as_ref()
                            .map(|value| value.as_str().to_owned()),
                    )
                })
                .collect(),
            value: parsed.val.as_str().to_owned(),
        }))
    }
}

/// The items of a list value (`CATEGORIES:A,B\,C` is `A` and `B,C`), each
/// unescaped and trimmed.
pub(super) fn list_items(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            item.push(match c {
                'n' | 'N' => '\n',
                other => other,
            });
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ',' {
            items.push(item.trim().to_owned());
            item.clear();
        } else {
            item.push(c);
        }
    }
    items.push(item.trim().to_owned());
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, String)> {
        content_lines(text)
            .map(|lines| lines.into_iter().map(|l| (l.line, l.text)).collect())
            .unwrap_or_default()
    }

    /// W7: a folded line is one content line named by the line it begins
    /// on; blank lines count in the numbering but give no content line.
    #[test]
    fn w7_unfolding_keeps_the_line_a_content_line_begins_on() {
        let text = "BEGIN:VCALENDAR\r\nSUMMARY:春节\r\n  休\r\n\r\nX:1\n\tb\nEND:VCALENDAR";
        assert_eq!(
            lines(text),
            vec![
                (1, "BEGIN:VCALENDAR".to_owned()),
                (2, "SUMMARY:春节 休".to_owned()),
                (5, "X:1b".to_owned()),
                (7, "END:VCALENDAR".to_owned()),
            ]
        );
        assert_eq!(
            content_lines("\n and more").map(|_| ()),
            Err(CalendarFileError::MalformedLine { line: 2 })
        );
    }

    fn property(text: &str) -> Result<(String, Option<String>, String), CalendarFileError> {
        let line = ContentLine {
            line: 4,
            text: text.to_owned(),
        };
        match line.content()? {
            Content::Property(p) => Ok((
                p.name.clone(),
                p.parameter("VALUE").map(str::to_owned),
                p.value,
            )),
            Content::Begin(name) => Ok(("BEGIN".to_owned(), None, name)),
            Content::End(name) => Ok(("END".to_owned(), None, name)),
        }
    }

    /// W7: names in any case, parameters (quoted ones too), TEXT values
    /// unescaped; a line that is not `NAME;PARAMETERS:VALUE` is refused.
    #[test]
    fn w7_content_lines_are_read_or_refused_with_their_line() {
        let read = |text: &str, name: &str, value_parameter: Option<&str>, value: &str| {
            assert_eq!(
                property(text),
                Ok((
                    name.to_owned(),
                    value_parameter.map(str::to_owned),
                    value.to_owned()
                )),
                "{text}"
            );
        };
        read(
            "dtstart;value=date:20260101",
            "DTSTART",
            Some("date"),
            "20260101",
        );
        read(
            "DTSTART;TZID=\"Asia/Shanghai:x\";VALUE=DATE:20260101",
            "DTSTART",
            Some("DATE"),
            "20260101",
        );
        read("SUMMARY:元旦\\, 新年 休", "SUMMARY", None, "元旦, 新年 休");
        read("X-EMPTY:", "X-EMPTY", None, "");
        read("begin:vevent", "BEGIN", None, "VEVENT");
        for bad in [
            "NO COLON",
            "NAME BAD:value",
            ":value",
            "FOO;:bar",
            ";X=1:v",
            "BEGIN;X=1:VEVENT",
        ] {
            assert_eq!(
                property(bad),
                Err(CalendarFileError::MalformedLine { line: 4 }),
                "{bad}"
            );
        }
    }

    /// W7: list values split on unescaped commas only.
    #[test]
    fn w7_list_items_split_on_unescaped_commas() {
        assert_eq!(list_items("HOLIDAY, B\\,C"), vec!["HOLIDAY", "B,C"]);
        assert_eq!(list_items("A\\,HOLIDAY"), vec!["A,HOLIDAY"]);
    }
}
