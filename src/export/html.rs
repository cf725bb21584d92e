//! An export as one self-contained HTML document (A5): the view's sections
//! with an inline style sheet, no script, image or font from anywhere,
//! every text escaped, and JSON documents embedded as
//! `<script type="application/json">` elements a program can take out.

use std::fmt::Write as _;

use super::view::{Block, EntryView, Section, View};

/// The style sheet, inline so that the file needs nothing else.
const STYLE: &str = "body{font-family:sans-serif;max-width:72em;margin:1em auto;padding:0 1em;line-height:1.4}\
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #999;padding:.2em .5em;text-align:left;vertical-align:top}\
.alert{font-weight:bold;color:#a00;border:2px solid #a00;padding:.5em}\
.entry{border-left:3px solid #ccc;margin:.5em 0;padding-left:.7em}.entry dl{margin:.2em 0 0 1em}\
dt{font-weight:bold;float:left;clear:left;margin-right:.5em}dd{margin:0;white-space:pre-wrap}code{font-size:90%}";

/// The view as an HTML document, with `documents` (an id and a JSON text
/// each) embedded as JSON script elements.
pub(super) fn render(view: &View, documents: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&view.title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&view.title));
    sections(&mut out, &view.sections, 2);
    for (id, json) in documents {
        let _ = writeln!(
            out,
            "<script type=\"application/json\" id=\"{}\">{}</script>",
            escape(id),
            script_safe(json)
        );
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The sections with headings of `level`, appended to `out`.
pub(super) fn sections(out: &mut String, sections: &[Section], level: u8) {
    for section in sections {
        let _ = writeln!(
            out,
            "<section>\n<h{level}>{}</h{level}>",
            escape(&section.heading)
        );
        for block in &section.blocks {
            self::block(out, block);
        }
        out.push_str("</section>\n");
    }
}

fn block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph { text, alert } => {
            let class = if *alert { " class=\"alert\"" } else { "" };
            let _ = writeln!(out, "<p{class}>{}</p>", escape(text));
        }
        Block::Facts(facts) => {
            out.push_str("<table>\n");
            for (label, value) in facts {
                let _ = writeln!(
                    out,
                    "<tr><th>{}</th><td>{}</td></tr>",
                    escape(label),
                    escape(value)
                );
            }
            out.push_str("</table>\n");
        }
        Block::Table { header, rows } => {
            out.push_str("<table>\n<tr>");
            for name in header {
                let _ = write!(out, "<th>{}</th>", escape(name));
            }
            out.push_str("</tr>\n");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    let _ = write!(out, "<td>{}</td>", escape(cell));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n");
        }
        Block::Entries(entries) => {
            for entry in entries {
                self::entry(out, entry);
            }
        }
    }
}

fn entry(out: &mut String, entry: &EntryView) {
    let _ = writeln!(
        out,
        "<div class=\"entry\" id=\"entry-{}\"><strong>#{} {}</strong> {} ({}) by {} <code>hash {}</code>",
        entry.sequence,
        entry.sequence,
        escape(&entry.event),
        escape(&entry.utc),
        escape(&entry.local),
        escape(&entry.actor),
        escape(&entry.hash)
    );
    if !entry.fields.is_empty() {
        out.push_str("<dl>");
        for (path, value) in &entry.fields {
            let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", escape(path), escape(value));
        }
        out.push_str("</dl>");
    }
    out.push_str("</div>\n");
}

/// `text` with `& < > " '` as character references: safe in an element
/// and in a quoted attribute.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON text that cannot end its script element: `<`, `>` and `&` only
/// occur in JSON inside strings, where `\u003c`, `\u003e` and `\u0026`
/// are the same characters.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
