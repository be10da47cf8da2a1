//! The domain's modules are a stack of layers: a module may use modules of its own layer or
//! of a layer below, never one above, and no two top-level modules may use each other, even
//! through others (no cycle). This test reads every `.rs` file under `src/`, finds each
//! `crate::<module>` path (in `use` statements and in code, `$crate::` in macros, and
//! `super::` paths resolved to the module they name), and fails on an edge to a higher layer or
//! a cycle between top-level modules.
//!
//! Test code (`#[cfg(test)]` modules, inline or in their own file) is left out: a test may use
//! a higher layer's data (the demo roster) without the library depending on it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first, and their modules in reading order.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "base",
        &[
            "text",
            "number",
            "date",
            "error",
            "limits",
            "tagged",
            "levels",
            "model",
            "field_merge",
            "roster",
            "table",
            "listing",
            "document",
            "legacy_font",
            "encoding",
            "inflate",
        ],
    ),
    ("directive", &["directive"]),
    ("reports", &["report", "tables", "progress", "chart", "compare", "training", "monitor"]),
    ("exchange", &["snapshot", "envelope", "roster_import"]),
    ("edits", &["bulk"]),
    ("demo", &["fixtures", "demo", "demo_plan"]),
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| mods.contains(&module))
}

/// Source with comments, string and char literals blanked out (same length, line breaks kept,
/// so positions still give line numbers).
fn strip(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_char(i.checked_sub(1).map(|j| b[j])) {
            // Raw string r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let rest: String = b[j + 1..].iter().collect();
            let end = rest.find(&close).map_or(b.len(), |k| j + 1 + rest[..k].chars().count() + close.len());
            for &x in &b[i..end] {
                out.push(blank(x));
            }
            i = end;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{300}'), else a lifetime ('a).
            let end = if next == Some('\\') {
                b[i + 2..].iter().position(|&x| x == '\'').map(|k| i + 2 + k + 1)
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 3)
            } else {
                None
            };
            match end {
                Some(end) => {
                    for _ in i..end {
                        out.push(' ');
                    }
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// `#[cfg(test)]` (or `cfg(all(test, …))`) items: the names of test modules declared
/// `mod name;` (their files are left out) and the source with inline test modules blanked.
fn drop_tests(code: &str) -> (String, Vec<String>) {
    let mut out: Vec<char> = code.chars().collect();
    let mut files = Vec::new();
    let mut from = 0;
    let text: String = out.iter().collect();
    while let Some(k) = text[from..].find("#[cfg(") {
        let start = from + k;
        let attr_end = match text[start..].find(']') {
            Some(e) => start + e + 1,
            None => break,
        };
        from = attr_end;
        let attr = &text[start..attr_end];
        let is_test = attr.split(|c: char| !ident_char(Some(c))).any(|w| w == "test") && !attr.contains("not(test");
        if !is_test {
            continue;
        }
        let rest = text[attr_end..].trim_start();
        let rest = rest.strip_prefix("pub(crate) ").or_else(|| rest.strip_prefix("pub ")).unwrap_or(rest);
        let Some(after_mod) = rest.strip_prefix("mod ") else { continue };
        let name: String = after_mod.chars().take_while(|c| ident_char(Some(*c))).collect();
        let after_name = after_mod[name.len()..].trim_start();
        if after_name.starts_with(';') {
            files.push(name);
        } else if after_name.starts_with('{') {
            // Blank the block (byte offsets: the stripped text keeps char widths, so map via chars).
            let open = text.len() - after_name.len();
            let end = closing_brace(&text, open).map_or(text.len(), |e| e + 1);
            let (cs, ce) = (text[..start].chars().count(), text[..end].chars().count());
            for ch in &mut out[cs..ce] {
                if *ch != '\n' {
                    *ch = ' ';
                }
            }
            from = end;
        }
    }
    (out.into_iter().collect(), files)
}

/// Inline modules (`mod wire { … }`): byte range of each body and its name.
fn inline_modules(code: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = code[from..].find("mod ") {
        let start = from + k;
        from = start + 4;
        if start > 0 && ident_char(code[..start].chars().next_back()) {
            continue;
        }
        let name: String = code[from..].chars().take_while(|c| ident_char(Some(*c))).collect();
        let after = code[from + name.len()..].trim_start();
        if name.is_empty() || !after.starts_with('{') {
            continue;
        }
        let open = code.len() - after.len();
        if let Some(close) = closing_brace(code, open) {
            out.push((open, close, name));
        }
    }
    out
}

/// Byte offset of the `}` that closes the `{` at `open` (comments and literals already
/// blanked).
fn closing_brace(code: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (j, ch) in code[open..].char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + j);
                }
            }
            _ => {}
        }
    }
    None
}

/// The top-level modules `code` (of the module at `path`) refers to, with line numbers.
fn references(code: &str, path: &[String]) -> Vec<(String, usize)> {
    let mut refs = Vec::new();
    let inline = inline_modules(code);
    let mut i = 0;
    while i < code.len() {
        let at_word = i == 0 || !ident_char(code[..i].chars().next_back());
        let line = || code[..i].matches('\n').count() + 1;
        if at_word && (code[i..].starts_with("crate::") || code[i..].starts_with("super::")) {
            let mut base: Vec<String> = path.to_vec();
            base.extend(inline.iter().filter(|(a, b, _)| *a < i && i < *b).map(|(_, _, name)| name.clone()));
            let mut j = i;
            if code[j..].starts_with("crate::") {
                base.clear();
                j += "crate::".len();
            } else {
                while code[j..].starts_with("super::") {
                    base.pop();
                    j += "super::".len();
                }
            }
            let rest = code[j..].trim_start();
            if let Some(first) = base.first() {
                refs.push((first.clone(), line()));
            } else if let Some(group) = rest.strip_prefix('{') {
                // crate::{a::X, b} at the root: the first word of each top-level item.
                let mut depth = 0;
                let mut item_start = true;
                for (k, ch) in group.char_indices() {
                    match ch {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => item_start = true,
                        c if item_start && ident_char(Some(c)) => {
                            let word: String = group[k..].chars().take_while(|c| ident_char(Some(*c))).collect();
                            refs.push((word, line()));
                            item_start = false;
                        }
                        _ => {}
                    }
                }
            } else {
                let word: String = rest.chars().take_while(|c| ident_char(Some(*c))).collect();
                if !word.is_empty() {
                    refs.push((word, line()));
                }
            }
            i = j;
        } else {
            i += 1;
        }
        while i < code.len() && !code.is_char_boundary(i) {
            i += 1;
        }
    }
    refs
}

/// Module path of a file under `src/`: `directive/score.rs` → `[directive, score]`,
/// `snapshot/mod.rs` → `[snapshot]`, `lib.rs` → `[]`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Every edge between different top-level modules of the library code under `src`:
/// (from, to) → where ("file:line").
fn edges(src: &Path) -> BTreeMap<(String, String), Vec<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    // Files of test modules: `#[cfg(test)] mod tests;` in `x.rs` or `x/mod.rs` is `x/tests.rs`
    // (or `x/tests/mod.rs`), with everything under it.
    let mut test_dirs = BTreeSet::new();
    let mut texts = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(src).unwrap().to_path_buf();
        let (code, test_mods) = drop_tests(&strip(&std::fs::read_to_string(f).unwrap()));
        let path = module_path(&rel);
        for m in test_mods {
            let mut p: PathBuf = path.iter().collect();
            p.push(m);
            test_dirs.insert(p);
        }
        texts.insert(rel, (path, code));
    }
    let mut out: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (rel, (path, code)) in &texts {
        let as_module: PathBuf = path.iter().collect();
        if test_dirs.iter().any(|t| as_module.starts_with(t)) || path.is_empty() {
            continue;
        }
        let from = &path[0];
        for (to, line) in references(code, path) {
            if &to != from {
                out.entry((from.clone(), to)).or_default().push(format!("{}:{line}", rel.display()));
            }
        }
    }
    out
}

/// The top-level modules `lib.rs` declares.
fn declared(src: &Path) -> BTreeSet<String> {
    let lib = strip(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    lib.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub(crate) ").or_else(|| l.strip_prefix("pub ")).unwrap_or(l);
            l.strip_prefix("mod ").map(|m| m.trim_end_matches(';').trim().to_string())
        })
        .collect()
}

/// A cycle in the graph, if any (as the list of modules around it).
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|x| x == m).unwrap();
                    let mut c = stack[from..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(m, graph, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, graph, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

/// What is wrong with the edges: unknown modules, edges upwards, a cycle.
fn problems(edges: &BTreeMap<(String, String), Vec<String>>, modules: &BTreeSet<String>) -> Vec<String> {
    let mut problems = Vec::new();
    let in_table: BTreeSet<String> = LAYERS.iter().flat_map(|(_, m)| m.iter().map(|s| s.to_string())).collect();
    for m in modules.difference(&in_table) {
        problems.push(format!("module `{m}` has no layer in LAYERS"));
    }
    for m in in_table.difference(modules) {
        problems.push(format!("LAYERS names `{m}`, which lib.rs does not declare"));
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for ((from, to), at) in edges {
        if !modules.contains(to) {
            continue; // `crate::foo` where foo is an item of lib.rs, not a module
        }
        graph.entry(from.clone()).or_default().insert(to.clone());
        if let (Some(a), Some(b)) = (rank(from), rank(to)) {
            if b > a {
                problems.push(format!(
                    "`{from}` ({}) uses `{to}` ({}), a higher layer, at {}",
                    LAYERS[a].0,
                    LAYERS[b].0,
                    at.join(", ")
                ));
            }
        }
    }
    if let Some(c) = cycle(&graph) {
        let at: Vec<String> =
            c.windows(2).map(|w| format!("{} → {}: {}", w[0], w[1], edges[&(w[0].clone(), w[1].clone())][0])).collect();
        problems.push(format!("cycle {} ({})", c.join(" → "), at.join("; ")));
    }
    problems
}

#[test]
fn the_domain_is_a_stack_of_layers_without_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = declared(&src);
    assert!(modules.len() >= 20, "lib.rs declares {modules:?}");
    let edges = edges(&src);
    assert!(edges.contains_key(&("report".to_string(), "directive".to_string())), "the reader finds edges: {edges:?}");
    let problems = problems(&edges, &modules);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reader_finds_paths_and_skips_comments_strings_and_tests() {
    let code = strip(
        r##"
use crate::{number::x, date};
use super::directive::Date; // crate::demo in a comment
/* crate::snapshot */ let s = "crate::fixtures"; let c = '"'; fn f<'a>(x: &'a str) {}
let r = r#"crate::envelope"#;
pub(crate) use $crate::tagged::code_index;
fn g() { super::super::levels::Scale::ALL; }
mod wire { use super::{Baseline, Figure}; use super::super::model::Id; }
#[cfg(test)]
mod tests {
    use crate::demo::hoang_su_phi;
}
#[cfg(all(test, not(target_arch = "wasm32")))]
mod schema;
"##,
    );
    let (code, files) = drop_tests(&code);
    assert_eq!(files, ["schema"]);
    let found: Vec<String> = references(&code, &["report".into()]).into_iter().map(|(m, _)| m).collect();
    assert_eq!(found, ["number", "date", "directive", "tagged", "levels", "report", "model"]);
    let inner: Vec<String> =
        references(&code, &["training".into(), "data".into()]).into_iter().map(|(m, _)| m).collect();
    assert_eq!(inner, ["number", "date", "training", "tagged", "levels", "training", "training"]);
}

#[test]
fn upward_edges_and_cycles_are_refused() {
    let modules: BTreeSet<String> = LAYERS.iter().flat_map(|(_, m)| m.iter().map(|s| s.to_string())).collect();
    let edge = |a: &str, b: &str| ((a.to_string(), b.to_string()), vec![format!("src/{a}.rs:1")]);
    let ok: BTreeMap<_, _> = [edge("report", "directive"), edge("chart", "report"), edge("demo", "fixtures")].into();
    assert_eq!(problems(&ok, &modules), Vec::<String>::new());
    let up: BTreeMap<_, _> = [edge("training", "snapshot")].into();
    assert_eq!(problems(&up, &modules).len(), 1);
    assert!(problems(&up, &modules)[0].contains("higher layer"));
    let round: BTreeMap<_, _> = [edge("chart", "report"), edge("report", "tables"), edge("tables", "chart")].into();
    let p = problems(&round, &modules);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("cycle "), "{p:?}");
    let mut fewer = modules.clone();
    fewer.remove("fixtures");
    assert!(problems(&ok, &fewer).iter().any(|p| p.contains("`fixtures`")));
}
