//! No import circle larger than two files inside `src/tui` (issue 17).
//!
//! The UI's files once imported each other in one circle of 34 (every
//! screen and overlay through `App`, and `App` through them), so nothing
//! could change alone. Now the states sit below the app and the handlers
//! above it; this test keeps it so, by reading the sources.
//!
//! How it counts, strictly: a file depends on another when it names a path
//! into it — in a `use` (any visibility, nested groups expanded) or inline
//! in code, starting at `crate::tui`, `super` or `self`, or (in a file that
//! declares modules) at one of its child modules. A path resolves to the
//! deepest file it reaches; when its next segment is a name that file only
//! re-exports (`pub use`), it follows the re-export to the defining file,
//! since that is the file depended on. `mod x;` declarations are not
//! edges; `super` inside an inline `mod tests` means the file itself.
//! Comments, strings and character literals are blanked first. Two files
//! that import each other (a form and its chooser) are allowed; a strongly
//! connected component of three or more fails the test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module path under `tui` (`[]` is `tui/mod.rs`, `["screens", "browse"]`
/// is `tui/screens/browse.rs`).
type Module = Vec<String>;

/// One source file, read for its imports.
struct File {
    /// Its text with comments and literals blanked.
    text: String,
    /// The names of the modules it declares (`mod x;`).
    children: BTreeSet<String>,
    /// What it re-exports: the exported name → the path it names.
    reexports: BTreeMap<String, Vec<String>>,
}

/// Blanks comments, string and char literals (keeping line breaks and
/// lengths), so that neither a path in a doc comment nor a brace in a
/// string is read as code.
fn blank(src: &str) -> String {
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
            // A char literal ('x', '\n', '\u{..}'), not a lifetime ('a).
            let end = if c.get(i + 1) == Some(&'\\') {
                (i + 2..c.len()).find(|&j| c[j] == '\'').map(|j| j + 1)
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

fn ident_before(c: &[char], i: usize) -> bool {
    i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_')
}

fn is_ident(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// A `use` statement: whether it is `pub` (any visibility), its tree, and
/// where it starts in the text.
struct Use {
    public: bool,
    tree: String,
    at: usize,
    /// Where the statement ends (its `;`).
    end: usize,
}

/// The `use` statements of a blanked text.
fn uses(text: &str) -> Vec<Use> {
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
fn expand(tree: &str) -> Vec<(Vec<String>, String)> {
    let flat: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    expand_into(&flat, &[], &mut out);
    out
}

fn expand_into(tree: &str, prefix: &[String], out: &mut Vec<(Vec<String>, String)>) {
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

fn split_path(s: &str) -> Vec<String> {
    s.split("::")
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// Splits a group's contents at its top-level commas.
fn split_top(s: &str) -> Vec<&str> {
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
fn inline_mods(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
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
fn inline_paths(text: &str) -> Vec<(Vec<String>, usize)> {
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
fn read_tree(root: &Path) -> BTreeMap<Module, String> {
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

/// The import graph of a set of files (module path → source text).
pub struct Graph {
    pub edges: BTreeMap<Module, BTreeSet<Module>>,
}

impl Graph {
    pub fn build(sources: &BTreeMap<Module, String>) -> Graph {
        let files: BTreeMap<Module, File> = sources
            .iter()
            .map(|(m, src)| {
                let text = blank(src);
                let children = declared_mods(&text);
                let mut reexports = BTreeMap::new();
                for u in uses(&text).into_iter().filter(|u| u.public) {
                    for (path, name) in expand(&u.tree) {
                        if name != "*" {
                            reexports.insert(name, path);
                        }
                    }
                }
                let f = File {
                    text,
                    children,
                    reexports,
                };
                (m.clone(), f)
            })
            .collect();
        let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
        for (m, f) in &files {
            let inner = inline_mods(&f.text);
            // The module a position in the file is in (inline mods nest).
            let context = |at: usize| {
                let mut ctx = m.clone();
                for (name, r) in &inner {
                    if r.contains(&at) {
                        ctx.push(name.clone());
                    }
                }
                ctx
            };
            let mut paths: Vec<(Vec<String>, usize)> = Vec::new();
            let stmts = uses(&f.text);
            for u in &stmts {
                paths.extend(expand(&u.tree).into_iter().map(|(p, _)| (p, u.at)));
            }
            // Paths in code; those inside a `use` were read whole above.
            paths.extend(
                inline_paths(&f.text)
                    .into_iter()
                    .filter(|(_, at)| !stmts.iter().any(|u| (u.at..u.end).contains(at))),
            );
            let to = edges.entry(m.clone()).or_default();
            for (p, at) in paths {
                if let Some(t) = resolve(&files, &context(at), &p, 0)
                    && &t != m
                {
                    to.insert(t);
                }
            }
        }
        Graph { edges }
    }

    /// The strongly connected components (Tarjan), largest first.
    pub fn components(&self) -> Vec<Vec<Module>> {
        let nodes: Vec<&Module> = self.edges.keys().collect();
        let index_of: BTreeMap<&Module, usize> =
            nodes.iter().enumerate().map(|(i, m)| (*m, i)).collect();
        let adj: Vec<Vec<usize>> = nodes
            .iter()
            .map(|m| {
                self.edges[*m]
                    .iter()
                    .filter_map(|t| index_of.get(t).copied())
                    .collect()
            })
            .collect();
        let mut t = Tarjan {
            adj: &adj,
            index: vec![None; adj.len()],
            low: vec![0; adj.len()],
            stack: Vec::new(),
            on: vec![false; adj.len()],
            next: 0,
            out: Vec::new(),
        };
        for v in 0..adj.len() {
            if t.index[v].is_none() {
                t.visit(v);
            }
        }
        let mut comps: Vec<Vec<Module>> = t
            .out
            .into_iter()
            .map(|c| {
                let mut c: Vec<Module> = c.into_iter().map(|i| nodes[i].clone()).collect();
                c.sort();
                c
            })
            .collect();
        comps.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        comps
    }
}

/// The child modules a file declares (`mod x;` or `pub mod x;`).
fn declared_mods(text: &str) -> BTreeSet<String> {
    text.split(';')
        .filter_map(|stmt| {
            let words: Vec<&str> = stmt.split_whitespace().collect();
            let at = words.iter().position(|w| *w == "mod")?;
            let name = words.get(at + 1)?;
            (at + 2 == words.len()).then(|| name.to_string())
        })
        .collect()
}

struct Tarjan<'a> {
    adj: &'a [Vec<usize>],
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    stack: Vec<usize>,
    on: Vec<bool>,
    next: usize,
    out: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    fn visit(&mut self, v: usize) {
        self.index[v] = Some(self.next);
        self.low[v] = self.next;
        self.next += 1;
        self.stack.push(v);
        self.on[v] = true;
        for &w in &self.adj[v] {
            match self.index[w] {
                None => {
                    self.visit(w);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(iw) if self.on[w] => self.low[v] = self.low[v].min(iw),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on[w] = false;
                comp.push(w);
                if w == v {
                    break;
                }
            }
            self.out.push(comp);
        }
    }
}

/// The file a path names, from module `ctx` (the deepest file it reaches,
/// through re-exports to the defining file); `None` outside `tui`.
fn resolve(
    files: &BTreeMap<Module, File>,
    ctx: &Module,
    path: &[String],
    depth: u32,
) -> Option<Module> {
    let first = path.first()?;
    // The file `ctx` is in (an inline module's file is its nearest file).
    let mut here = ctx.clone();
    while !files.contains_key(&here) && !here.is_empty() {
        here.pop();
    }
    let (mut base, rest): (Module, &[String]) = match first.as_str() {
        "crate" => {
            if path.get(1).map(String::as_str) != Some("tui") {
                return None;
            }
            (Vec::new(), &path[2..])
        }
        "super" => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            if ups > ctx.len() {
                return None;
            }
            (ctx[..ctx.len() - ups].to_vec(), &path[ups..])
        }
        "self" => (ctx.clone(), &path[1..]),
        name if files.get(&here).is_some_and(|f| f.children.contains(name)) => (here.clone(), path),
        _ => return None,
    };
    let mut rest = rest;
    while let Some(seg) = rest.first() {
        let mut next = base.clone();
        next.push(seg.clone());
        if !files.contains_key(&next) && !is_inline(files, &next) {
            break;
        }
        base = next;
        rest = &rest[1..];
    }
    while !files.contains_key(&base) && !base.is_empty() {
        base.pop();
    }
    // A name the file only re-exports: the file that defines it.
    if let (Some(name), Some(f)) = (rest.first(), files.get(&base))
        && let Some(target) = f.reexports.get(name)
        && depth < 8
        && let Some(t) = resolve(files, &base, target, depth + 1)
    {
        return Some(t);
    }
    Some(base)
}

/// Whether `m` is an inline module (`mod tests { … }`) of a known file.
fn is_inline(files: &BTreeMap<Module, File>, m: &Module) -> bool {
    let (Some(name), Some(parent)) = (m.last(), m.get(..m.len().saturating_sub(1))) else {
        return false;
    };
    files
        .get(parent)
        .is_some_and(|f| inline_mods(&f.text).iter().any(|(n, _)| n == name))
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "tui".into()
    } else {
        m.join("/")
    }
}

fn too_big(g: &Graph) -> Vec<String> {
    g.components()
        .into_iter()
        .filter(|c| c.len() > 2)
        .map(|c| {
            let inside: BTreeSet<&Module> = c.iter().collect();
            let lines: Vec<String> = c
                .iter()
                .map(|m| {
                    let to: Vec<String> = g.edges[m]
                        .iter()
                        .filter(|t| inside.contains(t))
                        .map(name)
                        .collect();
                    format!("  {} -> {}", name(m), to.join(" "))
                })
                .collect();
            format!("{} files:\n{}", c.len(), lines.join("\n"))
        })
        .collect()
}

#[test]
fn no_import_circle_over_two_files_in_tui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let g = Graph::build(&read_tree(&root));
    assert!(g.edges.len() > 50, "read {} files", g.edges.len());
    // The graph is really read: the app holds the overlays' states.
    let app = vec!["app".to_string()];
    let stack = vec!["overlays".to_string()];
    assert!(g.edges[&app].contains(&stack), "{:?}", g.edges[&app]);
    let big = too_big(&g);
    assert!(
        big.is_empty(),
        "import circles of more than two files in src/tui:\n{}",
        big.join("\n")
    );
    // The pairs that remain, for whoever measures (`-- --nocapture`).
    for c in g.components().into_iter().filter(|c| c.len() == 2) {
        eprintln!(
            "pair: {}",
            c.iter().map(name).collect::<Vec<_>>().join(" <-> ")
        );
    }
}

/// Sources for a synthetic tree, by module path.
fn tree(files: &[(&str, &str)]) -> BTreeMap<Module, String> {
    files
        .iter()
        .map(|(m, src)| {
            let m: Module = m
                .split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            (m, src.to_string())
        })
        .collect()
}

// A circle of three through a `use`, an inline `super` path and a nested
// group is found; one of two is allowed.
#[test]
fn a_circle_of_three_is_caught() {
    let src = tree(&[
        ("", "pub mod a; pub mod b; pub mod c;"),
        ("a", "use crate::tui::{b::{self, Thing}};\nfn f() {}"),
        ("b", "fn g() { super::c::h(); }"),
        ("c", "use crate::tui::a as first;\n"),
    ]);
    let big = too_big(&Graph::build(&src));
    assert_eq!(big.len(), 1, "{big:?}");
    assert!(big[0].starts_with("3 files"), "{big:?}");
    let pair = tree(&[
        ("", "pub mod a; pub mod b;"),
        ("a", "use super::b::X;"),
        ("b", "use super::a::Y;"),
    ]);
    assert!(too_big(&Graph::build(&pair)).is_empty());
}

// A re-export is followed to the file that defines the name, comments,
// strings and test modules' `super` are not edges, and a mod.rs reaches
// its children by bare paths.
#[test]
fn edges_follow_reexports_and_skip_comments() {
    let src = tree(&[
        ("", "pub mod hub; pub mod leaf; pub mod user; pub mod dir;"),
        ("hub", "pub use crate::tui::leaf::Thing;\npub fn own() {}"),
        (
            "leaf",
            "pub struct Thing;\n#[cfg(test)]\nmod tests { use super::*; }",
        ),
        (
            "user",
            "use crate::tui::hub::Thing;\n// crate::tui::dir::x\nconst S: &str = \"crate::tui::dir\";\nfn f() { let c = '{'; }",
        ),
        ("dir", "mod inner;\nfn f() { inner::g(); }"),
        ("dir/inner", "pub fn g() {}"),
    ]);
    let g = Graph::build(&src);
    let m = |s: &str| -> Module {
        s.split('/')
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    };
    assert_eq!(g.edges[&m("user")], BTreeSet::from([m("leaf")]));
    assert!(g.edges[&m("leaf")].is_empty(), "{:?}", g.edges[&m("leaf")]);
    assert_eq!(g.edges[&m("dir")], BTreeSet::from([m("dir/inner")]));
    assert!(g.edges[&m("")].is_empty(), "{:?}", g.edges[&m("")]);
}
