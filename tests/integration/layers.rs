//! The layers of `src/` in a straight line: every `crate::` path a module
//! names (in `use` lines and in code, comments and strings left out) leads to
//! its own layer or one below it. A layer is a top-level module of the crate;
//! the order is the one `CONTRIBUTING.md` and the crate docs give.
//!
//! An upward path is the start of an import cycle, so this test keeps the
//! folders free of cycles. (Cycles between two files of one folder are left to
//! review with `cargo modules dependencies --lib --acyclic` or an equivalent.)

use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom first; modules on one line are side by side (neither
/// imports the other). The namespaces at the top only re-export.
const LAYERS: &[&[&str]] = &[
    &["values"],
    &["time"],
    &["policy"],
    &["context"],
    &["lifecycle"],
    &["integrity"],
    &["record"],
    &["typed"],
    &[
        "audit", "contacts", "deadline", "diagram", "report", "shifts", "store",
    ],
    &["export"],
    &["error", "event", "followup", "guide"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The text of `source` without comments and string contents.
fn code_only(source: &str) -> String {
    let mut code = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        code.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                code.push_str("\"\"");
            }
            _ => code.push(c),
        }
    }
    code
}

/// The top-level modules the code names with `crate::…` paths.
fn named_modules(code: &str) -> Vec<String> {
    let mut modules = Vec::new();
    let mut rest = code;
    while let Some(start) = rest.find("crate::") {
        let after = &rest[start + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let before = rest[..start].chars().next_back();
        let is_path = !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if is_path && !name.is_empty() {
            modules.push(name);
        }
        rest = after;
    }
    modules
}

#[test]
fn layers_import_only_downwards() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut upward = Vec::new();
    let mut paths_seen = 0;
    for file in rust_files(&src) {
        let relative = file.strip_prefix(&src).expect("under src/");
        let first = relative
            .components()
            .next()
            .and_then(|part| part.as_os_str().to_str())
            .expect("a file name");
        let module = first.trim_end_matches(".rs");
        if module == "lib" {
            continue;
        }
        let own = layer_of(module)
            .unwrap_or_else(|| panic!("`{module}` is in no layer: add it to LAYERS"));
        let code = code_only(&fs::read_to_string(&file).expect("a readable source file"));
        for named in named_modules(&code) {
            paths_seen += 1;
            // Root items (`crate::Foo`) are re-exports of lower layers or the
            // README doc test; only module paths are checked.
            let Some(layer) = layer_of(&named) else {
                continue;
            };
            if layer > own {
                upward.push(format!("{} names crate::{named}", relative.display()));
            }
        }
    }
    assert!(paths_seen > 100, "only {paths_seen} crate paths found");
    assert!(
        upward.is_empty(),
        "imports from a lower layer up: {upward:#?}"
    );
}

/// The check sees an upward path when there is one.
#[test]
fn an_upward_path_is_found() {
    let code = code_only(
        "use crate::record::ComplaintRecord; // crate::report\nlet s = \"crate::typed\";",
    );
    assert_eq!(named_modules(&code), ["record"]);
}
