//! Bar charts as SVG, drawn on the server for the report pages: no script,
//! no chart library. Each chart is an `<svg role="img">` named by its
//! `<title>`, with every number in a `<desc>` (what a screen reader reads)
//! and written beside its bar; every label is escaped.
//!
//! ```
//! use complaint_desk::pages::charts::BarChart;
//!
//! let svg = BarChart::new("chart_outcomes", "Outcomes")
//!     .bar("upheld", 3)
//!     .bar("<dismissed>", 1)
//!     .svg("nothing to show");
//! assert!(svg.starts_with("<svg "));
//! assert!(svg.contains("role=\"img\""));
//! assert!(svg.contains("<title id=\"chart_outcomes_title\">Outcomes</title>"));
//! assert!(svg.contains("&lt;dismissed&gt;: 1"));
//! assert!(!svg.contains("<dismissed>"));
//! ```

use std::fmt::Write as _;

/// The drawing's width, in SVG units (the chart scales to its box).
const WIDTH: u64 = 480;
/// The column of the labels, right-aligned against the bars.
const LABEL_WIDTH: u64 = 170;
/// Room after the longest bar for its number.
const VALUE_WIDTH: u64 = 60;
/// The height of one row.
const ROW: u64 = 26;
/// The height of one bar.
const BAR: u64 = 18;
/// The margin above and below the rows.
const MARGIN: u64 = 6;
/// Labels longer than this many columns are cut, with an ellipsis (the
/// `<desc>` and the table beside the chart keep them whole).
const LABEL_COLUMNS: usize = 22;
/// The bars' colour: the desk's blue.
const BAR_FILL: &str = "#1f3a5f";
/// The text's colour.
const TEXT_FILL: &str = "#1d2330";

/// One bar: what it counts and how many.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    /// What the bar counts, as shown (plain text; escaped when drawn).
    pub label: String,
    /// The count.
    pub value: u64,
}

/// A horizontal bar chart, one row per bar, in the order given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarChart {
    id: String,
    title: String,
    bars: Vec<Bar>,
}

impl BarChart {
    /// An empty chart; `id` makes the ids of its `<title>` and `<desc>`
    /// (unique on the page; letters, digits and `_`), `title` names it.
    pub fn new(id: &str, title: impl Into<String>) -> Self {
        Self {
            id: id
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect(),
            title: title.into(),
            bars: Vec::new(),
        }
    }

    /// The chart with one bar more, at the end.
    #[must_use]
    pub fn bar(mut self, label: impl Into<String>, value: u64) -> Self {
        self.bars.push(Bar {
            label: label.into(),
            value,
        });
        self
    }

    /// The bars, in order.
    pub fn bars(&self) -> &[Bar] {
        &self.bars
    }

    /// The chart as an `<svg>` element; a chart without bars shows `empty`.
    pub fn svg(&self, empty: &str) -> String {
        let rows = u64::try_from(self.bars.len()).unwrap_or(u64::MAX).max(1);
        let height = rows.saturating_mul(ROW).saturating_add(2 * MARGIN);
        let id = &self.id;
        let mut svg = String::new();
        let _ = write!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" \
             aria-labelledby=\"{id}_title {id}_desc\" viewBox=\"0 0 {WIDTH} {height}\" \
             width=\"{WIDTH}\" height=\"{height}\">\
             <title id=\"{id}_title\">{title}</title><desc id=\"{id}_desc\">{desc}</desc>",
            title = escape(&self.title),
            desc = escape(&self.description(empty)),
        );
        if self.bars.is_empty() {
            let _ = write!(
                svg,
                "<text x=\"0\" y=\"{y}\" font-size=\"13\" fill=\"{TEXT_FILL}\">{text}</text>",
                y = MARGIN + ROW / 2 + 4,
                text = escape(empty),
            );
        }
        let most = self.bars.iter().map(|bar| bar.value).max().unwrap_or(0);
        let room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        for (row, bar) in (0_u64..).zip(&self.bars) {
            let top = MARGIN + row * ROW;
            let middle = top + ROW / 2 + 4;
            let length = scaled(bar.value, most, room);
            let _ = write!(
                svg,
                "<g><text x=\"{label_x}\" y=\"{middle}\" text-anchor=\"end\" font-size=\"13\" \
                 fill=\"{TEXT_FILL}\">{label}</text>\
                 <rect x=\"{LABEL_WIDTH}\" y=\"{bar_y}\" width=\"{length}\" height=\"{BAR}\" \
                 fill=\"{BAR_FILL}\"></rect>\
                 <text x=\"{value_x}\" y=\"{middle}\" font-size=\"13\" fill=\"{TEXT_FILL}\">{value}</text></g>",
                label_x = LABEL_WIDTH - 8,
                label = escape(&cut(&bar.label)),
                bar_y = top + (ROW - BAR) / 2,
                value_x = LABEL_WIDTH + length + 6,
                value = bar.value,
            );
        }
        svg.push_str("</svg>");
        svg
    }

    /// Every bar's label and number, in words for a screen reader:
    /// `upheld: 3; dismissed: 1`.
    fn description(&self, empty: &str) -> String {
        if self.bars.is_empty() {
            return empty.to_owned();
        }
        self.bars
            .iter()
            .map(|bar| format!("{}: {}", bar.label, bar.value))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// `value`'s bar length out of `room` when the longest bar is `most`; a
/// bar that counts something is at least one unit long.
fn scaled(value: u64, most: u64, room: u64) -> u64 {
    if most == 0 || value == 0 {
        return 0;
    }
    let length = u128::from(value) * u128::from(room) / u128::from(most);
    u64::try_from(length).unwrap_or(room).clamp(1, room)
}

/// A label cut to [`LABEL_COLUMNS`] columns (the wide CJK characters count
/// two), with an ellipsis when cut.
fn cut(label: &str) -> String {
    let mut columns = 0;
    let mut out = String::new();
    for c in label.chars() {
        let width = if c.is_ascii() { 1 } else { 2 };
        if columns + width > LABEL_COLUMNS {
            out.push('…');
            return out;
        }
        columns += width;
        out.push(c);
    }
    out
}

/// Text for SVG (XML): the five characters with a meaning escaped;
/// control characters other than tab and line breaks, which XML forbids,
/// dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_and_the_title_are_escaped_and_every_number_is_written() {
        let svg = BarChart::new("chart_x", "a <b> & \"c\"")
            .bar("<script>alert('x')</script>", 7)
            .bar("plain", 0)
            .svg("none");
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;: 7"));
        assert!(
            svg.contains("<title id=\"chart_x_title\">a &lt;b&gt; &amp; &quot;c&quot;</title>")
        );
        assert!(svg.contains(">7</text>"));
        assert!(svg.contains(">0</text>"));
        assert_eq!(svg.matches("<rect ").count(), 2);
    }

    #[test]
    fn the_longest_bar_fills_the_room_and_the_others_are_in_proportion() {
        let room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        assert_eq!(scaled(10, 10, room), room);
        assert_eq!(scaled(5, 10, room), room / 2);
        assert_eq!(scaled(1, 1_000_000, room), 1, "a bar that counts shows");
        assert_eq!(scaled(0, 10, room), 0);
        assert_eq!(scaled(0, 0, room), 0);
    }

    #[test]
    fn an_empty_chart_says_so_and_an_id_keeps_only_safe_characters() {
        let svg = BarChart::new("a\" onload=\"x", "T").svg("nothing <here>");
        assert!(svg.contains("id=\"aonloadx_title\""), "{svg}");
        assert!(svg.contains(">nothing &lt;here&gt;</text>"));
        assert!(!svg.contains("<rect"));
    }

    #[test]
    fn long_labels_are_cut_counting_wide_characters_twice() {
        assert_eq!(cut("short"), "short");
        let long = "a".repeat(30);
        assert_eq!(cut(&long), format!("{}…", "a".repeat(LABEL_COLUMNS)));
        let chinese = "投诉".repeat(10);
        assert_eq!(cut(&chinese).chars().count(), LABEL_COLUMNS / 2 + 1);
    }
}
