//! How the reports are written out: plain-text tables with aligned columns,
//! CSV (RFC 4180), durations and percentages for people.

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use super::period::Period;

/// How a column's cells line up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// A table of text cells, written as plain text or as CSV.
#[derive(Clone, Debug)]
pub(super) struct Table {
    columns: Vec<(&'static str, Align)>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers.
    pub(super) fn new(columns: &[(&'static str, Align)]) -> Self {
        Self {
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Appends a row; missing cells are empty, extra cells are dropped.
    pub(super) fn push(&mut self, mut row: Vec<String>) {
        row.resize(self.columns.len(), String::new());
        self.rows.push(row);
    }

    /// Whether the table has no row.
    pub(super) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as aligned plain text: a header, a rule, the rows; two
    /// spaces between columns, no trailing spaces. Control characters in a
    /// cell are shown as spaces so that a row stays on one line.
    pub(super) fn write_text(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        let header: Vec<String> = self
            .columns
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect();
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| row.iter().map(|cell| one_line(cell)).collect())
            .collect();
        let mut widths: Vec<usize> = header.iter().map(|cell| width(cell)).collect();
        for row in &rows {
            for (slot, cell) in widths.iter_mut().zip(row) {
                *slot = (*slot).max(width(cell));
            }
        }
        let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
        for row in std::iter::once(&header)
            .chain(std::iter::once(&rule))
            .chain(&rows)
        {
            let mut line = String::new();
            for (index, ((cell, &w), (_, align))) in
                row.iter().zip(&widths).zip(&self.columns).enumerate()
            {
                if index > 0 {
                    line.push_str("  ");
                }
                let pad = " ".repeat(w.saturating_sub(width(cell)));
                match align {
                    Align::Left => {
                        line.push_str(cell);
                        line.push_str(&pad);
                    }
                    Align::Right => {
                        line.push_str(&pad);
                        line.push_str(cell);
                    }
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// The table as CSV (RFC 4180): a header line, one line per row, each
    /// ended by CRLF; a field with a comma, a double quote or a line break is
    /// quoted, its double quotes doubled.
    pub(super) fn to_csv(&self) -> String {
        let mut csv = String::new();
        let header = self.columns.iter().map(|(name, _)| *name);
        push_csv_line(&mut csv, header);
        for row in &self.rows {
            push_csv_line(&mut csv, row.iter().map(String::as_str));
        }
        csv
    }
}

fn push_csv_line<'a>(csv: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (index, field) in fields.enumerate() {
        if index > 0 {
            csv.push(',');
        }
        csv.push_str(&csv_field(field));
    }
    csv.push_str("\r\n");
}

/// One CSV field (RFC 4180 §2.6, §2.7): quoted when it holds a comma, a
/// double quote, CR or LF, with its double quotes doubled.
pub(super) fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// The text with control characters (line breaks, tabs) shown as spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The columns `text` takes in a terminal: two for the wide CJK and
/// full-width characters, one for the others.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(
                u32::from(c),
                0x1100..=0x115F
                    | 0x2E80..=0x303E
                    | 0x3041..=0x33FF
                    | 0x3400..=0x4DBF
                    | 0x4E00..=0x9FFF
                    | 0xA000..=0xA4CF
                    | 0xAC00..=0xD7A3
                    | 0xF900..=0xFAFF
                    | 0xFE30..=0xFE4F
                    | 0xFF00..=0xFF60
                    | 0xFFE0..=0xFFE6
            );
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// A duration in seconds for people: `45s`, `3m 05s`, `2h 00m`, `1d 04h 30m`.
pub(super) fn duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let total = seconds.unsigned_abs();
    let (days, hours, minutes, secs) = (
        total / 86_400,
        total % 86_400 / 3_600,
        total % 3_600 / 60,
        total % 60,
    );
    if days > 0 {
        format!("{sign}{days}d {hours:02}h {minutes:02}m")
    } else if hours > 0 {
        format!("{sign}{hours}h {minutes:02}m")
    } else if minutes > 0 {
        format!("{sign}{minutes}m {secs:02}s")
    } else {
        format!("{sign}{secs}s")
    }
}

/// `part / whole` with `decimals` decimals (0 to 3), rounded half up, by
/// integer arithmetic; `None` when `whole` is zero.
pub(super) fn decimal(part: u64, whole: u64, decimals: u32) -> Option<String> {
    if whole == 0 {
        return None;
    }
    let scale = 10_u128.pow(decimals.min(3));
    let (part, whole) = (u128::from(part), u128::from(whole));
    let scaled = (part * scale * 2 + whole) / (whole * 2);
    let (units, fraction) = (scaled / scale, scaled % scale);
    Some(if decimals == 0 {
        units.to_string()
    } else {
        format!(
            "{units}.{fraction:0width$}",
            width = decimals.min(3) as usize
        )
    })
}

/// A share of a whole: `part` of `whole` (S2 coverage).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ratio {
    /// How many have the property.
    pub part: u64,
    /// How many there are.
    pub whole: u64,
}

impl Ratio {
    /// `part / whole`, or `None` when the whole is zero.
    #[must_use]
    // Report counts stay far below 2^52, where a float holds them exactly.
    #[allow(clippy::cast_precision_loss)]
    pub fn fraction(&self) -> Option<f64> {
        (self.whole > 0).then(|| self.part as f64 / self.whole as f64)
    }

    /// The share in percent with one decimal, rounded half up: `"66.7"`;
    /// `None` when the whole is zero.
    #[must_use]
    pub fn percent(&self) -> Option<String> {
        decimal(self.part.saturating_mul(100), self.whole, 1)
    }
}

impl fmt::Display for Ratio {
    /// `66.7 % (2 of 3)`, or `- (0 of 0)` when the whole is zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.percent() {
            Some(percent) => write!(f, "{percent} % ({} of {})", self.part, self.whole),
            None => write!(f, "- (0 of 0)"),
        }
    }
}

/// The report's periods as text: `a/b` or `a/b, c/d`.
pub(super) fn periods(periods: &[Period]) -> String {
    if periods.is_empty() {
        return "(no period)".to_owned();
    }
    let mut text = String::new();
    for (index, period) in periods.iter().enumerate() {
        if index > 0 {
            text.push_str(", ");
        }
        let _ = write!(text, "{period}");
    }
    text
}
