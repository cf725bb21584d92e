//! An export as plain text (A5): the view's sections one after another,
//! tables in aligned columns, each entry of the timeline with its fields
//! indented below it.

use std::fmt::Write as _;

use super::view::{Block, EntryView, Section, View};

/// The view as plain text.
pub(super) fn render(view: &View) -> String {
    let mut out = String::new();
    underline(&mut out, &view.title, '=');
    sections(&mut out, &view.sections);
    out
}

/// The sections as plain text, appended to `out`.
pub(super) fn sections(out: &mut String, sections: &[Section]) {
    for section in sections {
        out.push('\n');
        underline(out, &section.heading, '-');
        for block in &section.blocks {
            self::block(out, block);
        }
    }
}

fn underline(out: &mut String, title: &str, with: char) {
    let _ = writeln!(out, "{title}");
    let _ = writeln!(
        out,
        "{}",
        std::iter::repeat_n(with, title.chars().count()).collect::<String>()
    );
}

fn block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph { text, alert } => {
            let _ = writeln!(
                out,
                "{}{}",
                if *alert { "!! " } else { "" },
                indent(text, 0)
            );
        }
        Block::Facts(facts) => {
            let width = facts
                .iter()
                .map(|(label, _)| label.chars().count())
                .max()
                .unwrap_or(0);
            for (label, value) in facts {
                let _ = writeln!(out, "{label:<width$}  {}", indent(value, width + 2));
            }
        }
        Block::Table { header, rows } => table(out, header, rows),
        Block::Entries(entries) => {
            for entry in entries {
                self::entry(out, entry);
            }
        }
    }
}

fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|name| name.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        let text: Vec<String> = cells
            .zip(&widths)
            .map(|(cell, width)| format!("{:<width$}", one_line(cell)))
            .collect();
        let _ = writeln!(out, "{}", text.join("  ").trim_end());
    };
    line(out, &mut header.iter().copied());
    line(
        out,
        &mut widths
            .iter()
            .map(|width| "-".repeat(*width))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    );
    for row in rows {
        line(out, &mut row.iter().map(String::as_str));
    }
}

fn entry(out: &mut String, entry: &EntryView) {
    let _ = writeln!(
        out,
        "#{} {} ({})  {}  {}  hash {}",
        entry.sequence, entry.utc, entry.local, entry.actor, entry.event, entry.hash
    );
    for (path, value) in &entry.fields {
        let _ = writeln!(
            out,
            "    {path}: {}",
            indent(value, 6 + path.chars().count())
        );
    }
}

/// `text` with every line after the first indented by `by` spaces.
fn indent(text: &str, by: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(by)))
}

/// `text` on one line (a table cell): line breaks shown as `\n`.
fn one_line(text: &str) -> String {
    text.replace('\n', "\\n").replace('\r', "\\r")
}
