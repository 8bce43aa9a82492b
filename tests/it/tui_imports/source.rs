//! Reading a Rust source for its imports: blanking comments and literals,
//! finding `use` statements (groups expanded), inline paths, inline and
//! declared modules, and every file of a tree by module path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module path under `tui` (`[]` is `tui/mod.rs`, `["screens", "browse"]`
/// is `tui/screens/browse.rs`).
pub type Module = Vec<String>;

/// Blanks comments, string and char literals (keeping line breaks and
/// lengths), so that neither a path in a doc comment nor a brace in a
/// string is read as code.
pub fn blank(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let keep = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(keep(c[i]));
                    i += 1;
                }
            }
        } else if c[i] == 'r' && matches!(c.get(i + 1), Some('"' | '#')) && !ident_before(&c, i) {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            while j < c.len()
                && !(c[j] == '"' && (0..hashes).all(|k| c.get(j + 1 + k) == Some(&'#')))
            {
                j += 1;
            }
            let end = (j + 1 + hashes).min(c.len());
            out.extend(c[i..end].iter().map(|&ch| keep(ch)));
            i = end;
        } else if c[i] == '"' {
            let mut j = i + 1;
            while j < c.len() && c[j] != '"' {
                j += if c[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(c.len());
            out.extend(c[i..end].iter().map(|&ch| keep(ch)));
            i = end;
        } else if c[i] == '\'' {
            // A char literal ('x', '\n', '\'', '\u{..}'), not a lifetime ('a).
            let end = if c.get(i + 1) == Some(&'\\') {
                (i + 3..c.len()).find(|&j| c[j] == '\'').map(|j| j + 1)
            } else if c.get(i + 2) == Some(&'\'') {
                Some(i + 3)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.extend(c[i..end].iter().map(|&ch| keep(ch)));
                    i = end;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

pub fn ident_before(c: &[char], i: usize) -> bool {
    i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_')
}

pub fn is_ident(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// A `use` statement: whether it is `pub` (any visibility), its tree, and
/// where it starts in the text.
pub struct Use {
    pub public: bool,
    pub tree: String,
    pub at: usize,
    /// Where the statement ends (its `;`).
    pub end: usize,
}

/// The `use` statements of a blanked text.
pub fn uses(text: &str) -> Vec<Use> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(off) = text[from..].find("use ") {
        let at = from + off;
        from = at + 4;
        if at > 0 && is_ident(b[at - 1] as char) {
            continue;
        }
        // What precedes it on its line decides whether it is a statement.
        let line_start = text[..at].rfind(['\n', ';', '{', '}']).map_or(0, |p| p + 1);
        let before = text[line_start..at].trim();
        let public = before.starts_with("pub");
        if !(before.is_empty() || public) {
            continue;
        }
        let Some(end) = text[from..].find(';') else {
            break;
        };
        out.push(Use {
            public,
            tree: text[from..from + end].to_string(),
            at,
            end: from + end,
        });
        from += end + 1;
    }
    out
}

/// Expands a use tree into (path, the name it binds): `a::{b, c::d as e}`
/// gives `a::b` bound as `b` and `a::c::d` bound as `e`; a glob binds `*`.
pub fn expand(tree: &str) -> Vec<(Vec<String>, String)> {
    let flat: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    expand_into(&flat, &[], &mut out);
    out
}

pub fn expand_into(tree: &str, prefix: &[String], out: &mut Vec<(Vec<String>, String)>) {
    let tree = tree.trim().trim_start_matches("::");
    if let Some(open) = tree.find('{') {
        let head: Vec<String> = split_path(&tree[..open]);
        let mut path = prefix.to_vec();
        path.extend(head);
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        for part in split_top(inner) {
            expand_into(part, &path, out);
        }
        return;
    }
    let (path, alias) = match tree.split_once(" as ") {
        Some((p, a)) => (p, Some(a.trim())),
        None => (tree, None),
    };
    let mut full = prefix.to_vec();
    full.extend(split_path(path));
    let Some(last) = full.last().cloned() else {
        return;
    };
    if last == "self" {
        full.pop();
    }
    let name = alias.map_or_else(|| full.last().cloned().unwrap_or_default(), str::to_string);
    out.push((full, name));
}

pub fn split_path(s: &str) -> Vec<String> {
    s.split("::")
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// Splits a group's contents at its top-level commas.
pub fn split_top(s: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0, 0, Vec::new());
    for (i, ch) in s.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// The inline modules of a blanked text (`mod tests { … }`): their name
/// and the byte range of their body.
pub fn inline_mods(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(off) = text[from..].find("mod ") {
        let at = from + off;
        from = at + 4;
        if at > 0 && is_ident(text.as_bytes()[at - 1] as char) {
            continue;
        }
        let rest = &text[from..];
        let name: String = rest
            .trim_start()
            .chars()
            .take_while(|&c| is_ident(c))
            .collect();
        let after = rest.trim_start()[name.len()..].trim_start();
        if name.is_empty() || !after.starts_with('{') {
            continue;
        }
        let open = from + (rest.len() - after.len());
        let mut depth = 0;
        let mut close = text.len();
        for (i, ch) in text[open..].char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push((name, open..close));
    }
    out
}

/// Maximal inline paths (`a::b::c`) in a blanked text, with where they start.
pub fn inline_paths(text: &str) -> Vec<(Vec<String>, usize)> {
    let c: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let starts = is_ident(c[i].1)
            && (i == 0 || !(is_ident(c[i - 1].1) || c[i - 1].1 == ':'))
            && !c[i].1.is_ascii_digit();
        if !starts {
            i += 1;
            continue;
        }
        let at = c[i].0;
        let mut segs = Vec::new();
        loop {
            let s = i;
            while i < c.len() && is_ident(c[i].1) {
                i += 1;
            }
            segs.push(c[s..i].iter().map(|&(_, ch)| ch).collect::<String>());
            if i + 2 < c.len() && c[i].1 == ':' && c[i + 1].1 == ':' && is_ident(c[i + 2].1) {
                i += 2;
            } else {
                break;
            }
        }
        if segs.len() > 1 {
            out.push((segs, at));
        }
    }
    out
}

/// Reads every `.rs` file under `root`, by module path.
pub fn read_tree(root: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("read src/tui") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(root).expect("under root").with_extension("");
                let mut m: Module = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if m.last().is_some_and(|l| l == "mod") {
                    m.pop();
                }
                out.insert(m, std::fs::read_to_string(&p).expect("read source"));
            }
        }
    }
    out
}

/// The child modules a file declares (`mod x;` or `pub mod x;`).
pub fn declared_mods(text: &str) -> BTreeSet<String> {
    text.split(';')
        .filter_map(|stmt| {
            let words: Vec<&str> = stmt.split_whitespace().collect();
            let at = words.iter().position(|w| *w == "mod")?;
            let name = words.get(at + 1)?;
            (at + 2 == words.len()).then(|| name.to_string())
        })
        .collect()
}
