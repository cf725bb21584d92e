//! `docs/rules.md`, the rule book, against the code: every rule has a
//! section; the parts between `<!-- generated: enforced-by ID -->` and
//! `<!-- end generated -->` list the items of `src/` that cite the rule and
//! the tests that do (how they are found: [`scan`]); every built rule has
//! both; every rule ID written in `src/` or `tests/` is one the book
//! defines. To write the generated parts again (the hand-written text is
//! kept): `UPDATE_DOCS=1 cargo test --test integration rule_book`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use scan::{Scan, cites, root, scan, scan_file};

mod scan;

/// The rule families the crate builds, with their number of rules.
pub(super) const BUILT: [(char, u32); 7] = [
    ('R', 8),
    ('F', 7),
    ('T', 7),
    ('E', 6),
    ('S', 4),
    ('W', 7),
    ('D', 2),
];
/// The families of the rule book that are planned, not built yet.
pub(super) const PLANNED: [(char, u32); 1] = [('A', 5)];
const START: &str = "<!-- generated: enforced-by ";
const END: &str = "<!-- end generated -->";

fn ids(families: &[(char, u32)]) -> Vec<String> {
    let each = |&(family, count): &(char, u32)| (1..=count).map(move |n| format!("{family}{n}"));
    families.iter().flat_map(each).collect()
}

fn all_ids() -> Vec<String> {
    ids(&BUILT).into_iter().chain(ids(&PLANNED)).collect()
}

impl Scan {
    /// The generated part of `id`'s section, between the markers.
    fn render(&self, id: &str) -> String {
        let (enforcing, proving) = (self.citing(id, false), self.citing(id, true));
        if enforcing.is_empty() && proving.is_empty() {
            return format!("Nothing in `src/` or `tests/` cites {id} yet.\n");
        }
        let mut out = String::new();
        for (title, names) in [("Enforced by", enforcing), ("Proved by", proving)] {
            let _ = writeln!(out, "{}{title}:\n", if out.is_empty() { "" } else { "\n" });
            if names.is_empty() {
                out.push_str("- nothing yet\n");
            }
            for name in names {
                let _ = writeln!(out, "- `{name}`");
            }
        }
        out
    }

    /// `document` with every generated part rendered again.
    fn regenerate(&self, document: &str) -> Result<String, String> {
        let (mut out, mut rest) = (String::new(), document);
        // Markers count at the start of a line only.
        while let Some(start) = rest.find(&format!("\n{START}")) {
            let (before, marker) = rest.split_at(start + 1);
            let (id, _) = marker[START.len()..]
                .split_once(" -->")
                .ok_or("a start marker without ` -->`")?;
            let end = marker
                .find(&format!("\n{END}"))
                .map(|end| end + 1)
                .ok_or(format!("the part of {id} has no end marker"))?;
            if marker[START.len()..end].contains(START) {
                return Err(format!("the part of {id} ends after the next part starts"));
            }
            let _ = write!(out, "{before}{START}{id} -->\n\n{}\n{END}", self.render(id));
            rest = &marker[end + END.len()..];
        }
        Ok(out + rest)
    }
}

fn docs_path() -> PathBuf {
    root().join("docs/rules.md")
}

fn read_docs() -> String {
    let path = docs_path();
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// The document's `### ID — title` headings: ID to title.
fn sections(document: &str) -> BTreeMap<String, String> {
    let heading = |line: &str| {
        let (id, title) = line.strip_prefix("### ")?.split_once(" — ")?;
        let id_like = id.len() > 1 && id.chars().skip(1).all(|c| c.is_ascii_digit());
        id_like.then(|| (id.to_owned(), title.to_owned()))
    };
    document.lines().filter_map(heading).collect()
}

/// `docs/rules.md`'s generated parts are what the code gives; with
/// `UPDATE_DOCS=1`, the test writes them first (the rest of the file is
/// kept as it is).
#[test]
fn the_rule_book_is_generated_from_the_code() {
    let scan = scan();
    let expected = scan
        .regenerate(&read_docs())
        .unwrap_or_else(|error| panic!("docs/rules.md: {error}"));
    let path = docs_path();
    if std::env::var_os("UPDATE_DOCS").is_some_and(|value| value == "1") {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = read_docs();
    let part = |id: &String| format!("{START}{id} -->\n\n{}\n{END}", scan.render(id));
    let stale: Vec<String> = all_ids()
        .into_iter()
        .filter(|id| !actual.contains(&part(id)))
        .collect();
    assert!(
        actual == expected,
        "docs/rules.md is stale (the parts of {stale:?}): write it again with UPDATE_DOCS=1"
    );
}

/// Every rule has one section and one generated part; every built rule is
/// cited by an item of `src/` and by a test.
#[test]
fn every_built_rule_has_a_section_an_item_and_a_test() {
    let document = read_docs();
    let (sections, scan) = (sections(&document), scan());
    assert_eq!(
        document.matches(START).count(),
        all_ids().len(),
        "one part per rule"
    );
    for id in all_ids() {
        assert!(
            sections.contains_key(&id),
            "docs/rules.md has no `### {id} — ...` section"
        );
        let marker = format!("{START}{id} -->");
        assert_eq!(
            document.matches(&marker).count(),
            1,
            "docs/rules.md needs `{marker}` once"
        );
    }
    for id in ids(&BUILT) {
        assert!(
            !scan.citing(&id, false).is_empty(),
            "no item of src/ cites {id}"
        );
        assert!(!scan.citing(&id, true).is_empty(), "no test cites {id}");
    }
}

/// The planned rules' headings say so, and only theirs.
#[test]
fn planned_rules_have_sections_marked_planned() {
    let sections = sections(&read_docs());
    for id in all_ids() {
        let title = sections
            .get(&id)
            .unwrap_or_else(|| panic!("docs/rules.md has no section {id}"));
        let planned = ids(&PLANNED).contains(&id);
        assert_eq!(
            title.ends_with("(planned)"),
            planned,
            "the heading of {id}: {title}"
        );
    }
}

/// Every ID written in `src/` or `tests/` is a section of the book (a typo
/// such as `R9` fails here), and the book has no other section.
#[test]
fn every_cited_rule_is_in_the_rule_book() {
    let defined: BTreeSet<String> = all_ids().into_iter().collect();
    let sections: BTreeSet<String> = sections(&read_docs()).into_keys().collect();
    assert_eq!(sections, defined, "the sections of docs/rules.md");
    let own = file!().replace('\\', "/");
    let unknown: Vec<String> = scan()
        .written
        .into_iter()
        // This file's own examples write IDs that do not exist.
        .filter(|(id, place)| !defined.contains(id) && !place.starts_with(&own))
        .map(|(id, place)| format!("{id} in {place}"))
        .collect();
    assert!(
        unknown.is_empty(),
        "rule IDs the book does not define: {unknown:#?}"
    );
}

/// The scan's rules on a sample: words, ranges, literals, and the item each
/// comment belongs to.
#[test]
fn the_scan_matches_words_ranges_and_items() {
    let cited = |text: &str| cites(text).into_iter().collect::<Vec<_>>().join(" ");
    assert_eq!(cited("R1, PR1, R10, R1a, T5's"), "R1 R10 T5");
    // An ISO week date names a week, not a rule.
    assert_eq!(cited("2026-W48, W1-W2"), "W1 W2");
    let ranges = "R1..R3; T1–T2, E1..=E2, F6-F7, S1—S2, A1-2, R3..R1, R1–T2";
    assert_eq!(cited(ranges), "A1 A2 E1 E2 F6 F7 R1 R2 R3 S1 S2 T1 T2");
    let source = r##"//! S1: the module.
const TEXT: &str = "// R9 {"; const RAW: &str = r#"{ "R9" "#; const QUOTE: char = '{';

/// R2: the type.
#[derive(Debug)]
pub enum Outer {
    /// R3: a variant.
    Variant { field: u8 },
}

impl<T> From<T> for Outer {
    /// R4.
    fn from(_: T) -> Self {
        // R5: in the body.
        let _ = [0; 2];
        Outer::Variant { field: 0 }
    }
}

#[test]
fn r6_proves() {}
"##;
    let mut items = BTreeMap::new();
    scan_file("src/lifecycle/mod.rs", source, &mut items);
    let cited: Vec<String> = items
        .iter()
        .filter(|(_, item)| !item.ids.is_empty())
        .map(|(name, item)| {
            format!(
                "{name}{} {:?}",
                if item.test { " (test)" } else { "" },
                item.ids
            )
        })
        .collect();
    let expected = [
        r#"lifecycle {"S1"}"#,
        r#"lifecycle::Outer {"R2"}"#,
        r#"lifecycle::Outer::Variant {"R3"}"#,
        r#"lifecycle::Outer::from {"R4", "R5"}"#,
        r#"lifecycle::r6_proves (test) {"R6"}"#,
    ];
    assert_eq!(cited, expected);
}
