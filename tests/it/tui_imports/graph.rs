//! The import graph of a set of files and its strongly connected
//! components: each path a file names, resolved to the file it reaches
//! (through re-exports to the defining file).

use std::collections::{BTreeMap, BTreeSet};

use super::source::{Module, blank, declared_mods, expand, inline_mods, inline_paths, uses};

/// One source file, read for its imports.
struct File {
    /// Its text with comments and literals blanked.
    text: String,
    /// The names of the modules it declares (`mod x;`).
    children: BTreeSet<String>,
    /// What it re-exports: the exported name → the path it names.
    reexports: BTreeMap<String, Vec<String>>,
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
