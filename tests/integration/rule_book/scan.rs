//! The scan of the workspace's `src/` and `tests/` behind `docs/rules.md`'s
//! generated parts: which items and tests cite which rule IDs, with `std` only.
//!
//! Every `.rs` file under `src/` and `tests/` of the core and of each other
//! member the root `Cargo.toml` lists (the store crates, the desk) is read
//! (directories, not a list of files, sorted) with a small lexer that sets
//! strings, char literals and comments apart; items are followed by their
//! braces.
//!
//! - A comment cites an ID written as a word: `R1`, not the `R1` in a longer
//!   number nor in `PR1`. A range cites every ID in it: `R1..R8`, `R1..=R8`,
//!   `T1–T7` (en or em dash), `E1-E3`.
//! - A comment belongs to the item it precedes (a doc comment, or a `//`
//!   comment with no blank line before the item), else to the item it is in
//!   (a comment in a function body belongs to the function); `//!` belongs
//!   to its module. Items are named by module path in `src/`
//!   (`record::ComplaintRecord::accept`; an enum's variants and a struct's
//!   fields under it, the entries of a macro call in the macro's module; in
//!   another member, after its crate's name:
//!   `complaint_workflow_sqlite::due::claim_due`) and by file in `tests/`
//!   (`tests/integration/rules.rs::r1_...`, `stores/sqlite/tests/faults.rs::...`).
//! - A test is a function with `#[test]`; the `_`-separated words of its
//!   name cite too (`r4_r6_...`). A file of a `compile_fail` directory is a
//!   case of the compile-fail test, listed by its path. Items under
//!   `#[cfg(test)]` in `src/` enforce nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{BUILT, PLANNED};

pub(super) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A line of source: its code with the contents of string and char literals
/// left out, and its comment with its kind (`/` for `///`, `!` for `//!`,
/// ' ' for the others).
#[derive(Default)]
struct Line {
    code: String,
    comment: Option<(char, String)>,
}

/// Splits `source` into [`Line`]s; strings and block comments may span lines.
fn lex(source: &str) -> Vec<Line> {
    #[derive(Clone, Copy)]
    enum State {
        Code,
        Str,
        Raw(usize),
        Block,
    }
    let mut state = State::Code;
    let mut lines = Vec::new();
    for text in source.lines() {
        let chars: Vec<char> = text.chars().collect();
        let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
        let after_word =
            |i: usize| i > 0 && (at(i - 1).is_ascii_alphanumeric() || at(i - 1) == '_');
        let (mut line, mut block, mut i) = (Line::default(), String::new(), 0);
        while i < chars.len() {
            let c = at(i);
            let hashes = (i + 1..chars.len()).take_while(|&k| at(k) == '#').count();
            match state {
                State::Str if c == '\\' => i += 1,
                State::Str if c == '"' => (state, line.code) = (State::Code, line.code + "\""),
                State::Raw(n) if c == '"' && (1..=n).all(|k| at(i + k) == '#') => {
                    (state, i, line.code) = (State::Code, i + n, line.code + "\"");
                }
                State::Block if c == '*' && at(i + 1) == '/' => (state, i) = (State::Code, i + 1),
                State::Block => block.push(c),
                State::Str | State::Raw(_) => {}
                State::Code if c == '/' && at(i + 1) == '/' => {
                    let kind = if at(i + 3) != '/' && "/!".contains(at(i + 2)) {
                        at(i + 2)
                    } else {
                        ' '
                    };
                    let text = chars
                        .get(i + if kind == ' ' { 2 } else { 3 }..)
                        .unwrap_or_default();
                    line.comment = Some((kind, text.iter().collect()));
                    break;
                }
                State::Code if c == '/' && at(i + 1) == '*' => (state, i) = (State::Block, i + 1),
                State::Code if c == 'r' && !after_word(i) && at(i + 1 + hashes) == '"' => {
                    (state, i, line.code) = (State::Raw(hashes), i + 1 + hashes, line.code + "\"");
                }
                State::Code if c == '"' => (state, line.code) = (State::Str, line.code + "\""),
                State::Code if c == '\'' && at(i + 1) == '\\' => {
                    i = (i + 3..chars.len()).find(|&k| at(k) == '\'').unwrap_or(i);
                }
                State::Code if c == '\'' && at(i + 2) == '\'' => i += 2,
                State::Code => line.code.push(c),
            }
            i += 1;
        }
        if !block.trim().is_empty() && line.comment.is_none() {
            line.comment = Some((' ', block));
        }
        lines.push(line);
    }
    lines
}

/// The rule IDs `text` cites, ranges expanded.
pub(super) fn cites(text: &str) -> BTreeSet<String> {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let word = |i: usize| at(i).is_ascii_alphanumeric() || at(i) == '_';
    let letters: String = BUILT
        .iter()
        .chain(&PLANNED)
        .map(|&(family, _)| family)
        .collect();
    // The number written from `digits`, and where it ends.
    let number = |digits: usize| -> Option<(u32, usize)> {
        let end = (digits..=chars.len()).find(|&k| !at(k).is_ascii_digit())?;
        let value: String = chars.get(digits..end)?.iter().collect();
        // Rule numbers never start with 0: `E0277` is a compiler error code.
        (!word(end) && !value.starts_with('0')).then_some((value.parse().ok()?, end))
    };
    let mut found = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        let family = at(i);
        // An ISO week date (`2026-W48`) names a week, not a rule.
        let week_date = family == 'W' && i >= 2 && at(i - 1) == '-' && at(i - 2).is_ascii_digit();
        let start = letters.contains(family) && (i == 0 || !word(i - 1)) && !week_date;
        let Some((first, end)) = start.then(|| number(i + 1)).flatten() else {
            i += 1;
            continue;
        };
        let separator = ["..=", "..", "–", "—", "-"]
            .into_iter()
            .find(|sep| sep.chars().enumerate().all(|(k, c)| at(end + k) == c))
            .map_or(0, |sep| sep.chars().count());
        let from = end + separator + usize::from(at(end + separator) == family);
        let last = (separator > 0).then(|| number(from)).flatten();
        let (last, end) = last
            .filter(|&(last, _)| last > first)
            .unwrap_or((first, end));
        found.extend((first..=last).map(|n| format!("{family}{n}")));
        i = end;
    }
    found
}

/// An item of the scan and the IDs it cites.
#[derive(Default)]
pub(super) struct Item {
    pub(super) test: bool,
    cfg_test: bool,
    pub(super) ids: BTreeSet<String>,
}

/// A brace block: `scope` prefixes the items declared in it, `owner` takes
/// the comments that precede no item; `members` when its lines are enum
/// variants, fields or a macro's entries.
#[derive(Clone, Default)]
struct Block {
    scope: String,
    owner: String,
    module: bool,
    members: bool,
    cfg_test: bool,
}

/// The item a line of code declares, and whether the block it opens is a
/// macro's (items in it are named in the outer scope).
fn declares(code: &str) -> Option<(String, bool)> {
    let qualifier = |word: &&str| {
        ["pub", "async", "unsafe", "extern", "\"\"", "default"].contains(word)
            || word.starts_with("pub(")
            || *word == "const" && code.contains("const fn")
    };
    let code = code.replacen("impl<", "impl <", 1);
    let mut words = code.split_whitespace().skip_while(qualifier);
    let keyword = words.next()?;
    let rest = words.collect::<Vec<_>>().join(" ");
    let ident = |text: &str, also: &str| -> String {
        let text = text.trim_start_matches('&');
        text.chars()
            .take_while(|c| c.is_alphanumeric() || "_$".contains(*c) || also.contains(*c))
            .collect()
    };
    let name = match keyword {
        "fn" | "struct" | "enum" | "union" | "trait" | "mod" | "type" | "const" => ident(&rest, ""),
        "static" => ident(rest.trim_start_matches("mut "), ""),
        "macro_rules!" => return Some((format!("{}!", ident(&rest, "")), true)),
        "impl" => {
            // `impl<T> Trait<T> for Type<T>`: the type, generics left out.
            let mut depth = 0;
            let plain: String = (rest.chars())
                .filter(|&c| {
                    depth += i32::from(c == '<') - i32::from(c == '>');
                    depth == 0 && c != '>'
                })
                .collect();
            let target = plain
                .rsplit(" for ")
                .next()?
                .trim_start()
                .trim_start_matches("dyn ");
            ident(target, ":").rsplit("::").next()?.to_owned()
        }
        call if call.len() > 1 && call.ends_with('!') => return Some((call.to_owned(), true)),
        _ => return None,
    };
    (!name.is_empty()).then_some((name, false))
}

fn add(items: &mut BTreeMap<String, Item>, name: &str, ids: &mut BTreeSet<String>) {
    if !ids.is_empty() {
        items.entry(name.to_owned()).or_default().ids.append(ids);
    }
}

/// The items of one file (`path` from the crate root) and their IDs, into `items`.
pub(super) fn scan_file(path: &str, source: &str, items: &mut BTreeMap<String, Item>) {
    let base = match source_module(path) {
        Some((krate, "lib" | "main")) => krate,
        Some((krate, module)) => {
            let module = module.trim_end_matches("/mod").replace('/', "::");
            if krate == "crate" {
                module
            } else {
                format!("{krate}::{module}")
            }
        }
        None => path.to_owned(),
    };
    let mut stack = vec![Block {
        scope: base.clone(),
        owner: base.clone(),
        module: true,
        ..Block::default()
    }];
    let (mut pending, mut attributes, mut opens) = (BTreeSet::new(), String::new(), None);
    for line in lex(source) {
        let block = stack.last().cloned().unwrap_or_default();
        let mut comment = line
            .comment
            .as_ref()
            .map(|(_, text)| cites(text))
            .unwrap_or_default();
        let code = line.code.trim();
        let in_attribute = attributes.matches('[').count() > attributes.matches(']').count();
        if matches!(line.comment, Some(('!', _))) {
            let module = stack
                .iter()
                .rev()
                .find(|block| block.module)
                .map_or(&base, |block| &block.owner);
            add(items, module, &mut comment);
        } else if code.is_empty() && line.comment.is_none() {
            add(items, &block.owner, &mut pending);
            attributes.clear();
        } else if code.is_empty() || in_attribute || code.starts_with('#') {
            pending.append(&mut comment);
            attributes.push_str(code);
        } else {
            let test = attributes.contains("#[test]") || attributes.contains("::test]");
            let cfg_test = block.cfg_test || attributes.contains("#[cfg(test)]");
            attributes.clear();
            // A field's visibility: `pub`, `pub(crate)`, `pub(super)`, ...
            let field = match code.strip_prefix("pub(") {
                Some(rest) => rest.split_once(") ").map_or(code, |(_, field)| field),
                None => code.strip_prefix("pub ").unwrap_or(code),
            };
            let name: String = field
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let member = (block.members
                && field.starts_with(|c: char| c.is_alphabetic() || c == '_'))
            .then_some((name, None));
            let declared = declares(code).map(|(name, in_macro)| (name, Some(in_macro)));
            let target = match declared.or(member) {
                Some((name, in_macro)) => {
                    let path = format!("{}::{name}", block.scope);
                    let item = items.entry(path.clone()).or_default();
                    (item.test, item.cfg_test) = (item.test || test, item.cfg_test || cfg_test);
                    if test {
                        item.ids
                            .extend(name.split('_').flat_map(|word| cites(&word.to_uppercase())));
                    }
                    let has = |keyword: &str| code.split_whitespace().any(|word| word == keyword);
                    opens = Some(Block {
                        scope: if in_macro == Some(true) {
                            block.scope.clone()
                        } else {
                            path.clone()
                        },
                        owner: path.clone(),
                        module: has("mod"),
                        members: in_macro != Some(false) && !has("macro_rules!")
                            || ["enum", "struct", "union"].into_iter().any(has),
                        cfg_test,
                    });
                    path
                }
                None => block.owner.clone(),
            };
            pending.append(&mut comment);
            add(items, &target, &mut pending);
            if code.ends_with(';') && !code.contains('{') {
                opens = None;
            }
            for c in code.chars() {
                if c == '{' {
                    let inner = stack.last().cloned().unwrap_or_default();
                    stack.push(opens.take().unwrap_or(Block {
                        module: false,
                        members: false,
                        ..inner
                    }));
                } else if c == '}' && stack.len() > 1 {
                    stack.pop();
                }
            }
        }
    }
    add(items, &base, &mut pending);
}

/// The workspace members other than the core, from the root `Cargo.toml`'s
/// `members = [...]` line: each one's folder and crate name (`-` as `_`).
fn members() -> &'static [(String, String)] {
    static MEMBERS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    MEMBERS.get_or_init(read_members)
}

fn read_members() -> Vec<(String, String)> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml"))
        .unwrap_or_else(|error| panic!("cannot read Cargo.toml: {error}"));
    let line = manifest
        .lines()
        .find(|line| line.starts_with("members = ["))
        .expect("the workspace's `members = [...]` line in Cargo.toml");
    let folders = line
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|&folder| folder != ".");
    folders
        .map(|folder| {
            let own = std::fs::read_to_string(root().join(folder).join("Cargo.toml"))
                .unwrap_or_else(|error| panic!("cannot read {folder}/Cargo.toml: {error}"));
            let name = own
                .lines()
                .find_map(|line| line.strip_prefix("name = \""))
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_else(|| panic!("{folder}/Cargo.toml has no `name = \"...\"`"));
            (folder.to_owned(), name.replace('-', "_"))
        })
        .collect()
}

/// The crate and module path (without `.rs`) of a file under a `src/`
/// folder: `crate` for the core's, the member's crate name for the others'.
fn source_module(path: &str) -> Option<(String, &str)> {
    if let Some(rest) = path.strip_prefix("src/") {
        return Some(("crate".to_owned(), rest.trim_end_matches(".rs")));
    }
    members().iter().find_map(|(folder, name)| {
        let rest = path.strip_prefix(&format!("{folder}/src/"))?;
        Some((name.clone(), rest.trim_end_matches(".rs")))
    })
}

/// Whether an item of the scan is a file of a `tests/` folder, or in one.
fn in_tests(name: &str) -> bool {
    name.starts_with("tests/") || name.contains("/tests/")
}

/// Every `.rs` file under `dir`, as a path from the crate root with `/`.
fn rust_files(dir: &Path, out: &mut Vec<String>) {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            let relative = path
                .strip_prefix(root())
                .expect("a path under the crate root");
            let parts: Vec<_> = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy())
                .collect();
            out.push(parts.join("/"));
        }
    }
}

/// The scan of `src/` and `tests/`: the items that cite IDs, and every ID
/// written anywhere (in code and strings too) with where it is.
pub(super) struct Scan {
    items: BTreeMap<String, Item>,
    pub(super) written: Vec<(String, String)>,
}

pub(super) fn scan() -> Scan {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("tests"), &mut files);
    for (folder, _) in members() {
        for part in ["src", "tests"] {
            let dir = root().join(folder).join(part);
            if dir.is_dir() {
                rust_files(&dir, &mut files);
            }
        }
    }
    files.sort();
    let (mut items, mut written) = (BTreeMap::new(), Vec::new());
    for file in files {
        let source = std::fs::read_to_string(root().join(&file))
            .unwrap_or_else(|error| panic!("{file}: {error}"));
        for (number, line) in source.lines().enumerate() {
            let place = format!("{file}:{}", number + 1);
            written.extend(cites(line).into_iter().map(|id| (id, place.clone())));
        }
        if in_tests(&file) && file.contains("/compile_fail/") {
            let comments = lex(&source).into_iter().filter_map(|line| line.comment);
            let ids = comments.flat_map(|(_, text)| cites(&text)).collect();
            items.insert(
                file,
                Item {
                    test: true,
                    cfg_test: false,
                    ids,
                },
            );
        } else {
            scan_file(&file, &source, &mut items);
        }
    }
    // The names of the tests cite too.
    for (name, _) in items.iter().filter(|(_, item)| item.test) {
        let words = name.rsplit("::").next().unwrap_or_default().split('_');
        let ids = words.flat_map(|word| cites(&word.to_uppercase()));
        written.extend(ids.map(|id| (id, name.clone())));
    }
    Scan { items, written }
}

impl Scan {
    /// The items of `src/` that cite `id` (with `tests`, the tests).
    pub(super) fn citing(&self, id: &str, tests: bool) -> Vec<&str> {
        let cites = |(name, item): &(&String, &Item)| {
            let enforces = !in_tests(name) && !item.test && !item.cfg_test;
            item.ids.contains(id) && if tests { item.test } else { enforces }
        };
        self.items
            .iter()
            .filter(cites)
            .map(|(name, _)| name.as_str())
            .collect()
    }
}
