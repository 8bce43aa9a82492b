//! Semantic checks over a loaded corpus, reported as compiler-style
//! [`Diagnostic`]s. Parse errors come from `store`; everything that needs the
//! whole tree or the whole corpus (ids, themes, links, bearings, quotes) is here.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use super::bearing;
use super::corpus::{MapEntry, Pos};
pub use super::diagnostic::{Diagnostic, Severity};
use super::{Article, Corpus, NodeIdx, NodeRef};
use rayon::prelude::*;

/// Source texts by file name, as given to [`validate`] for the quote check.
pub type Sources = HashMap<String, String>;

/// Runs every semantic check. `sources` (file name → text) enables the quote
/// check; `None` skips it. Diagnostics come back sorted by file and position.
pub fn validate(corpus: &Corpus, maps_dir: &Path, sources: Option<&Sources>) -> Vec<Diagnostic> {
    let mut out = validate_corpus_wide(corpus, maps_dir);
    let indexes: Vec<OnceLock<Option<HashMap<&str, NodeIdx>>>> = corpus
        .maps
        .par_iter()
        .map(|m| OnceLock::from(m.article.as_ref().map(id_index)))
        .collect();
    let ctx = Ctx {
        corpus,
        indexes,
        sources,
    };
    let per_map: Vec<Vec<Diagnostic>> = corpus
        .maps
        .par_iter()
        .enumerate()
        .map(|(i, m)| match &m.article {
            Some(a) => ctx.article(i as u32, m, a),
            None => Vec::new(),
        })
        .collect();
    out.extend(per_map.into_iter().flatten());
    out.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    out
}

/// The findings of [`validate`] that are not about one map's nodes: load
/// problems, the motion, parse errors and duplicate article ids. With
/// [`validate_maps`] over every map, the same set as [`validate`], unsorted.
pub fn validate_corpus_wide(corpus: &Corpus, maps_dir: &Path) -> Vec<Diagnostic> {
    let mut out = corpus.load_diagnostics.clone();
    let motion_failed = out
        .iter()
        .any(|d| d.path == corpus.motion_path && d.is_error());
    if corpus.motion.is_none() && !motion_failed {
        out.push(
            Diagnostic::error(
                maps_dir.join("motion.ron"),
                "no-motion",
                "no usable motion file",
            )
            .hint("every maps directory needs motion.ron: the question and the theme vocabulary"),
        );
    }
    if let Some(m) = &corpus.motion {
        let at = &corpus.motion_path;
        let top = Pos { line: 1, col: 1 };
        for (field, text) in [
            ("question_en", &m.question_en),
            ("question_ar", &m.question_ar),
        ] {
            check_chars(&mut out, at, top, field, text, false);
        }
        for t in &m.themes {
            for (field, text) in [
                ("theme id", &t.id),
                ("theme en", &t.en),
                ("theme ar", &t.ar),
            ] {
                check_chars(&mut out, at, top, field, text, false);
            }
        }
    }
    // Duplicate article ids: the first file keeps the id, later ones are errors.
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for m in &corpus.maps {
        if let Some(a) = &m.article {
            if let Some(first) = seen.get(&*a.meta.id) {
                out.push(duplicate_error(&m.path, &a.meta.id, first));
            } else {
                seen.insert(&a.meta.id, &m.path);
            }
        } else if let Some(e) = &m.error {
            out.push(e.clone());
        }
    }
    // Across articles: nodes that `Agrees` links make one argument must not
    // bear opposite ways (see `clusters`).
    out.extend(super::Clusters::build(corpus).split_warnings(corpus));
    out
}

fn duplicate_error(path: &Path, id: &str, first: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        "duplicate-article",
        format!("article id `{id}` is already used by {}", first.display()),
    )
    .at(Pos { line: 1, col: 1 })
    .hint("give each article map its own id")
}

/// What [`validate`] says of one map's article id when another map has it
/// first, found through the corpus's id index instead of a pass over every
/// map: a check of single maps after an edit ([`validate_maps`]) leaves
/// this corpus-wide finding out, and the edited map must not lose it.
pub fn duplicate_article(corpus: &Corpus, map: u32) -> Option<Diagnostic> {
    let m = corpus.maps.get(map as usize)?;
    let id = &m.article.as_ref()?.meta.id;
    let first = corpus.map_of(id)?;
    (first != map).then(|| duplicate_error(&m.path, id, &corpus.maps[first as usize].path))
}

/// The checks of single maps only, for the UI after an edit: what
/// [`validate`] reports about the nodes of `maps`, without the corpus-wide
/// findings (duplicate article ids, the motion, load problems). The other
/// maps' node ids are indexed only where a link points, so the cost follows
/// the edited maps, not the corpus.
pub fn validate_maps(corpus: &Corpus, sources: Option<&Sources>, maps: &[u32]) -> Vec<Diagnostic> {
    let ctx = Ctx {
        corpus,
        indexes: corpus.maps.iter().map(|_| OnceLock::new()).collect(),
        sources,
    };
    maps.par_iter()
        .filter_map(|&i| {
            let m = corpus.maps.get(i as usize)?;
            Some(ctx.article(i, m, m.article.as_ref()?))
        })
        .flatten()
        .collect()
}

fn id_index(a: &Article) -> HashMap<&str, NodeIdx> {
    let mut m = HashMap::with_capacity(a.nodes.len());
    for i in a.preorder() {
        m.entry(a.node(i).id()).or_insert(i);
    }
    m
}

struct Ctx<'a> {
    corpus: &'a Corpus,
    /// Node ids by map, made when first needed (all at once for a full run).
    indexes: Vec<OnceLock<Option<HashMap<&'a str, NodeIdx>>>>,
    sources: Option<&'a Sources>,
}

impl<'a> Ctx<'a> {
    fn index(&self, map: u32) -> Option<&HashMap<&'a str, NodeIdx>> {
        self.indexes
            .get(map as usize)?
            .get_or_init(|| self.corpus.article(map).map(id_index))
            .as_ref()
    }

    fn article(&self, map: u32, entry: &MapEntry, a: &Article) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let path = &entry.path;
        let top = Pos { line: 1, col: 1 };
        let meta = &a.meta;
        if meta.stance.is_none() {
            out.push(
                Diagnostic::error(
                    path,
                    "missing-stance",
                    format!("article `{}` has no stance", meta.id),
                )
                .at(top)
                .hint("add `stance: Pro` (or Anti, Mixed, Neutral) with its rationale"),
            );
        }
        // The loader refuses such a map; a map built in memory may hold one.
        if let Err(why) = super::ids::check_article_id(&meta.id) {
            out.push(Diagnostic::error(path, "bad-id", why).at(top));
        }
        for (field, text) in [
            ("title_en", &meta.title_en),
            ("title_original", &meta.title_original),
            ("rationale_en", &meta.rationale_en),
            ("rationale_ar", &meta.rationale_ar),
        ] {
            if text.trim().is_empty() {
                out.push(
                    Diagnostic::warning(path, "empty-field", format!("`{field}` is empty")).at(top),
                );
            }
            check_chars(&mut out, path, top, field, text, false);
        }
        for text in [&meta.author, &meta.outlet, &meta.date, &meta.source]
            .into_iter()
            .flatten()
        {
            check_chars(&mut out, path, top, "metadata", text, false);
        }
        if let Some(date) = &meta.date
            && let Err(why) = super::PartialDate::parse(date)
        {
            out.push(
                Diagnostic::error(path, "bad-date", format!("article date {why}"))
                    .at(top)
                    .hint(format!("write the date as {}", super::date::DATE_FORMS)),
            );
        }

        // The article's conflicts are written just above `thesis: Node(`,
        // one a line, so in the canonical layout they sit right above the
        // thesis's position; where that cannot be, the article's top.
        let n = meta.conflicts.len() as u32;
        let thesis = entry.pos(a.root);
        for (k, c) in meta.conflicts.iter().enumerate() {
            let at = match (thesis.line).checked_sub(n + 2) {
                Some(l) if l >= 1 => Pos {
                    line: l + k as u32,
                    col: 9,
                },
                _ => top,
            };
            out.push(super::conflict::diagnostic(path, at, "the article", c));
        }
        let source = self.source_text(path, meta, top, &mut out);
        let bearings = bearing::derive(a);
        let motion = self.corpus.motion.as_ref();
        // The id index keeps each id's first node in pre-order, so a node
        // that is not the one its id maps to repeats an earlier id.
        let ids = self.index(map);
        for idx in a.preorder() {
            let node = a.node(idx);
            let pos = entry.pos(idx);
            let here = NodeRef { map, node: idx };
            let d = |code, msg: String| Diagnostic::error(path, code, msg).at(pos).on(here);
            for c in node.conflicts() {
                let what = format!("node `{}`", node.id());
                out.push(super::conflict::diagnostic(path, pos, &what, c).on(here));
            }
            if ids.and_then(|ix| ix.get(node.id())) != Some(&idx) {
                out.push(
                    d(
                        "duplicate-id",
                        format!("node id `{}` is used twice in this article", node.id()),
                    )
                    .hint("node ids must be unique within an article"),
                );
            }
            if let Some(bad) = super::ids::node_id_problem(node.id()) {
                out.push(d(
                    "bad-id",
                    format!("node id `{}` {bad}", super::ids::shown(node.id())),
                ));
            }
            // Most nodes have no forbidden character anywhere: one look at
            // all their text instead of one a field (a tenth of a check at
            // 1M nodes). A newline, allowed in a note, sends the node to
            // the field-by-field check too.
            let all = node.all_text();
            let clean = !crate::text::sanitize::has_forbidden(all);
            for (field, text) in [("claim_en", node.claim_en()), ("claim_ar", node.claim_ar())] {
                if text.trim().is_empty() {
                    out.push(d(
                        "empty-claim",
                        format!("node `{}` has an empty `{field}`", node.id()),
                    ));
                }
                if !clean {
                    check_chars(&mut out, path, pos, field, text, false);
                }
            }
            if let Some(q) = &node.quote() {
                if !clean {
                    check_chars(&mut out, path, pos, "quote", q, false);
                }
                if q.trim().is_empty() {
                    out.push(
                        d(
                            "empty-quote",
                            format!("node `{}` has an empty quote", node.id()),
                        )
                        .hint(
                            "remove the `quote` field, or quote the passage that grounds the claim",
                        ),
                    );
                }
                if let Some(src) = &source
                    && !src.contains(&squash_space(q))
                {
                    out.push(
                        d(
                            "quote-not-found",
                            format!(
                                "the quote of node `{}` does not occur in the source text",
                                node.id()
                            ),
                        )
                        .hint("a quote must be verbatim; only runs of white space may differ"),
                    );
                }
            }
            if let Some(n) = node.note().filter(|_| !clean) {
                check_chars(&mut out, path, pos, "note", n, true);
            }
            for name in node.themes().chain(node.links().iter().map(|l| &*l.to)) {
                if let Some(c) = super::ids::forbidden_char(name) {
                    out.push(d(
                        "control-char",
                        format!(
                            "node `{}` names `{}`, which contains the invisible control character U+{:04X}",
                            super::ids::shown(node.id()),
                            super::ids::shown(name),
                            c as u32
                        ),
                    ));
                }
            }
            if let Some(v) = node.voice().filter(|_| !clean) {
                check_chars(&mut out, path, pos, "voice", v, false);
            }
            if let Some(m) = motion {
                for t in node.themes() {
                    if m.theme(t).is_none() {
                        out.push(
                            d(
                                "unknown-theme",
                                format!("node `{}` names unknown theme `{t}`", node.id()),
                            )
                            .hint("themes are declared in motion.ron"),
                        );
                    }
                }
            }
            match (node.parent(), node.relation) {
                (Some(_), None) => out.push(
                    d(
                        "missing-relation",
                        format!(
                            "node `{}` does not say how it relates to its parent",
                            node.id()
                        ),
                    )
                    .hint("add `relation: Supports` or `relation: Opposes`"),
                ),
                (None, Some(_)) => out.push(
                    Diagnostic::warning(
                        path,
                        "thesis-relation",
                        "the thesis has no parent; its `relation` is ignored",
                    )
                    .at(pos)
                    .on(here),
                ),
                _ => {}
            }
            self.check_bearing(&mut out, a, idx, &bearings, d);
            for (i, link) in node.links().iter().enumerate() {
                self.check_link(&mut out, link, d("dangling-link", String::new()));
                let warn = |code, msg: String| Diagnostic {
                    severity: Severity::Warning,
                    ..d(code, msg)
                };
                if link.target().is_some_and(|(aid, _)| aid == &*meta.id) {
                    out.push(
                        warn("link-same-article", format!("node `{}` links into its own article", node.id()))
                            .hint("links join arguments of different articles; the tree relates nodes within one"),
                    );
                }
                if node.links()[..i].iter().any(|l| l.to == link.to) {
                    out.push(warn(
                        "duplicate-link",
                        format!("node `{}` links to `{}` twice", node.id(), link.to),
                    ));
                }
            }
        }
        out.extend(super::attribution::check(self.corpus, map, entry, a));
        out
    }

    fn check_bearing(
        &self,
        out: &mut Vec<Diagnostic>,
        a: &Article,
        idx: NodeIdx,
        bearings: &bearing::Bearings,
        d: impl Fn(&'static str, String) -> Diagnostic,
    ) {
        let node = a.node(idx);
        let derived = bearings.derived[idx as usize];
        match (node.bearing, derived) {
            (None, None) if a.meta.stance.is_some() => {
                let top_of_mixed = node.parent() == Some(a.root)
                    && a.meta
                        .stance
                        .is_some_and(|s| s.thesis_bearing() == super::Bearing::Neither);
                let mut diag = d(
                    "missing-bearing",
                    format!(
                        "node `{}` has no bearing on the motion and the tree does not decide one",
                        node.id()
                    ),
                );
                diag.hint = Some(if top_of_mixed {
                    "the top-level reasons of a mixed or neutral article must state `bearing: For`, `Against` or `Neither`".into()
                } else {
                    "state `bearing: ...` here or on the nearest ancestor".into()
                });
                out.push(diag);
            }
            (Some(stated), Some(derived)) if stated != derived => {
                let why = if node.parent().is_some() {
                    "its relation to its parent gives"
                } else {
                    "the article's stance gives"
                };
                let mut diag = d(
                    "bearing-conflict",
                    format!(
                        "node `{}` states bearing {} but {why} {}",
                        node.id(),
                        stated.name(),
                        derived.name()
                    ),
                );
                diag.severity = Severity::Warning;
                out.push(diag.hint("check the node's relation, or drop the stated bearing"));
            }
            _ => {}
        }
    }

    fn check_link(&self, out: &mut Vec<Diagnostic>, link: &super::Link, template: Diagnostic) {
        let problem = match link.target() {
            None => Some(format!(
                "link target `{}` is not of the form article-id/node-id",
                link.to
            )),
            Some((aid, nid)) => match self.corpus.map_of(aid) {
                None => Some(format!("link to `{}`: no article has id `{aid}`", link.to)),
                Some(m) => match self.index(m) {
                    Some(ix) if ix.contains_key(nid) => None,
                    _ => Some(format!(
                        "link to `{}`: article `{aid}` has no node `{nid}`",
                        link.to
                    )),
                },
            },
        };
        if let Some(msg) = problem {
            out.push(Diagnostic {
                message: msg,
                ..template
            });
        }
    }

    /// The article's source text with white space squashed, when the quote
    /// check is on and the article names a source.
    fn source_text(
        &self,
        path: &Path,
        meta: &super::ArticleMeta,
        top: Pos,
        out: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let sources = self.sources?;
        let Some(name) = meta.source.as_deref() else {
            out.push(
                Diagnostic::warning(
                    path,
                    "no-source",
                    format!("article `{}` names no source text", meta.id),
                )
                .at(top)
                .hint("add `source: \"<file name>\"` so its quotes can be checked"),
            );
            return None;
        };
        match sources.get(name) {
            Some(text) => Some(squash_space(text)),
            None => {
                out.push(
                    Diagnostic::error(
                        path,
                        "source-missing",
                        format!("source text `{name}` is not in the sources directory"),
                    )
                    .at(top),
                );
                None
            }
        }
    }
}

/// Reports the first control or bidi-override character in a text field.
fn check_chars(
    out: &mut Vec<Diagnostic>,
    path: &Path,
    pos: Pos,
    field: &str,
    text: &str,
    newlines_ok: bool,
) {
    if !crate::text::sanitize::may_hold_forbidden(text) {
        return;
    }
    if let Some(c) = text
        .chars()
        .find(|&c| crate::text::sanitize::is_forbidden(c) && !(newlines_ok && c == '\n'))
    {
        out.push(
            Diagnostic::error(
                path,
                "control-char",
                format!(
                    "`{field}` contains the invisible control character U+{:04X}",
                    c as u32
                ),
            )
            .at(pos)
            .hint(
                "control and bidi-override characters can disguise text in a terminal; remove it",
            ),
        );
    }
}

/// Collapses every run of white space to one space and trims the ends: the
/// only difference a quote may have from its source.
pub fn squash_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
