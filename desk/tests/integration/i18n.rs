//! The pages' words: every message in both languages, and every message id
//! the desk uses (made from the crate's names, written in the code, or in
//! a template) defined in both.

use std::collections::BTreeSet;
use std::path::Path;

use complaint_desk::pages::generated_message_ids;
use complaint_desk::pages::i18n::{Language, Tr, message_ids, syntax_errors};

#[test]
fn every_message_parses_in_both_languages() {
    for language in Language::ALL {
        assert_eq!(
            syntax_errors(language),
            Vec::<String>::new(),
            "{language:?}"
        );
    }
}

#[test]
fn both_languages_define_the_same_messages() {
    let english: BTreeSet<String> = message_ids(Language::English).into_iter().collect();
    let chinese: BTreeSet<String> = message_ids(Language::Chinese).into_iter().collect();
    let only_english: Vec<_> = english.difference(&chinese).collect();
    let only_chinese: Vec<_> = chinese.difference(&english).collect();
    assert!(only_english.is_empty(), "only in English: {only_english:?}");
    assert!(only_chinese.is_empty(), "only in Chinese: {only_chinese:?}");
    assert!(english.len() > 100, "{} messages", english.len());
}

/// Literals in the pages' code shaped like message ids that are not ones:
/// an HTML input type, a `Cache-Control` value and the prefix of the root
/// causes' ids.
const NOT_MESSAGES: [&str; 3] = ["datetime-local", "no-store", "root-cause"];

#[test]
fn every_message_id_in_use_exists_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used: BTreeSet<String> = generated_message_ids().into_iter().collect();
    let mut from_sources = 0;
    for entry in std::fs::read_dir(root.join("src/pages")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        // The unit tests' literals are data, not message ids.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for literal in string_literals(code) {
            if looks_like_id(&literal) && !NOT_MESSAGES.contains(&literal.as_str()) {
                used.insert(literal);
                from_sources += 1;
            }
        }
    }
    for entry in std::fs::read_dir(root.join("templates")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for call in text.split("tr.t(\"").skip(1) {
            used.insert(call.split('"').next().unwrap().to_owned());
            from_sources += 1;
        }
    }
    assert!(
        from_sources > 50,
        "{from_sources} ids read from the sources"
    );
    for language in Language::ALL {
        let tr = Tr::new(language);
        let missing: Vec<&String> = used.iter().filter(|id| !tr.has(id)).collect();
        assert!(missing.is_empty(), "missing in {language:?}: {missing:#?}");
    }
}

/// `a-b` or `a-b-c`: lower-case words joined by hyphens.
fn looks_like_id(text: &str) -> bool {
    text.contains('-')
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The contents of the plain `"…"` literals of Rust source (escapes kept).
fn string_literals(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            // A char literal such as '"' must not open a string.
            let mut lookahead = chars.clone();
            if let (Some(_), Some('\'')) = (lookahead.next(), lookahead.next()) {
                chars.next();
                chars.next();
            }
            continue;
        }
        if c != '"' {
            continue;
        }
        let mut literal = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => break,
                c => literal.push(c),
            }
        }
        out.push(literal);
    }
    out
}
