//! Exports of the maps to other tools' formats — Argdown, Graphviz DOT, JSON,
//! Markdown — and the import of the JSON form back into canonical RON.
//!
//! Every exporter renders a [`Selection`] (the motion and some articles, in
//! corpus order) to a `String`; nothing here prints. Writing files is left to
//! [`write_file`] (atomic, regular files only, see [`target`]) so the CLI and
//! the TUI share it.
//! Exporters read only `model`; import also uses `store::canon`, because the
//! canonical writer is what makes export → import byte-identical.
//! Two exports are not documents of a selection: [`csv`] writes tidy tables
//! for analysis (nodes, links) and [`svg`] draws pictures of the corpus
//! (timeline, overview, debate) from `compare`'s analyses.

pub mod argdown;
pub mod csv;
pub mod dot;
pub mod import;
pub mod json;
pub mod markdown;
pub mod safe_json;
mod sink;
pub mod svg;
pub mod target;
#[cfg(test)]
mod voiced;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::model::{Article, Corpus, Motion};
use crate::store::StoreError;

/// The formats `mizan export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Argdown,
    Dot,
    Json,
    Markdown,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Argdown, Format::Dot, Format::Json, Format::Markdown];

    pub fn name(self) -> &'static str {
        match self {
            Format::Argdown => "argdown",
            Format::Dot => "dot",
            Format::Json => "json",
            Format::Markdown => "markdown",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Argdown => "argdown",
            Format::Dot => "dot",
            Format::Json => "json",
            Format::Markdown => "md",
        }
    }
}

/// The article ids of a corpus, for a hint after an unknown one (escaped:
/// they come from map files and end up on a terminal).
fn known_ids(corpus: &Corpus) -> String {
    let ids: Vec<String> = corpus
        .articles()
        .map(|(_, a)| crate::text::sanitize::visible(a.id()).into_owned())
        .collect();
    if ids.is_empty() {
        "(none)".into()
    } else {
        ids.join(", ")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("no article with id `{id}`\nhint: articles are: {known}")]
    UnknownArticle { id: String, known: String },
    #[error("{}: the map is not loaded (it does not parse, or its id is not a usable file name), so it cannot be exported (see `mizan check`)", .0.display())]
    Broken(PathBuf),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// The place to write is refused (a device, a file that is not an
    /// export, a name that would leave the directory).
    #[error("{0}")]
    Target(String),
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
    #[error("csv: {0}")]
    Csv(#[from] ::csv::Error),
}

/// What an export covers: the motion and some articles, in corpus order.
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    pub motion: Option<&'a Motion>,
    pub articles: Vec<&'a Article>,
    /// File name of each article's map (e.g. `a1.ron`), parallel to `articles`;
    /// the JSON export records it so that import writes the same file.
    pub files: Vec<String>,
}

impl<'a> Selection<'a> {
    /// The articles with these ids (all articles, possibly none, when `ids`
    /// is empty). An
    /// unknown id is an error; so is a map that does not parse when all are
    /// asked for, since leaving it out silently would lose it.
    pub fn new(corpus: &'a Corpus, ids: &[String]) -> Result<Selection<'a>, ExportError> {
        let mut picked: Vec<u32> = Vec::new();
        if ids.is_empty() {
            for (i, entry) in corpus.maps.iter().enumerate() {
                if entry.article.is_none() {
                    return Err(ExportError::Broken(entry.path.clone()));
                }
                picked.push(i as u32);
            }
        } else {
            for id in ids {
                let map = corpus
                    .map_of(id)
                    .ok_or_else(|| ExportError::UnknownArticle {
                        id: crate::text::sanitize::visible(id).into_owned(),
                        known: known_ids(corpus),
                    })?;
                picked.push(map);
            }
            picked.sort_unstable();
            picked.dedup();
        }
        let mut sel = Selection {
            motion: corpus.motion.as_ref(),
            articles: Vec::with_capacity(picked.len()),
            files: Vec::with_capacity(picked.len()),
        };
        for map in picked {
            let entry = &corpus.maps[map as usize];
            if let Some(a) = &entry.article {
                sel.articles.push(a);
                sel.files.push(file_name(&entry.path, a));
            }
        }
        Ok(sel)
    }

    /// The same selection narrowed to one of its articles.
    pub fn only(&self, i: usize) -> Selection<'a> {
        Selection {
            motion: self.motion,
            articles: vec![self.articles[i]],
            files: vec![self.files[i].clone()],
        }
    }

    /// Whether an article with this id is part of the export.
    pub fn contains(&self, article_id: &str) -> bool {
        self.articles.iter().any(|a| a.id() == article_id)
    }

    /// Whether a link target `article-id/node-id` is a node of this export,
    /// so the link can become an edge; otherwise exporters keep it as a
    /// note, because an edge to a missing node would invent one. Walks the
    /// selection: exporters ask [`Targets`] instead, once per link.
    pub fn resolves(&self, to: &str) -> bool {
        Targets::of(self).resolves(to)
    }
}

/// Every node of a selection by its address, so that resolving a link is a
/// hash look-up: a walk of every article per link made Argdown and DOT
/// export quadratic (12.8 s at 1M nodes, against 0.69 s at 100k).
pub struct Targets<'a>(HashSet<(&'a str, &'a str)>);

impl<'a> Targets<'a> {
    pub fn of(sel: &Selection<'a>) -> Targets<'a> {
        let mut set = HashSet::new();
        for a in &sel.articles {
            let a: &'a Article = a;
            set.extend(a.preorder().map(|i| (a.id(), a.node(i).id())));
        }
        Targets(set)
    }

    /// See [`Selection::resolves`].
    pub fn resolves(&self, to: &str) -> bool {
        to.split_once('/')
            .is_some_and(|pair| self.0.contains(&pair))
    }
}

fn file_name(path: &Path, a: &Article) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| format!("{}.ron", a.id()))
}

/// Renders a selection in one format as one document.
pub fn render(sel: &Selection, format: Format) -> Result<String, ExportError> {
    Ok(match format {
        Format::Argdown => argdown::render(sel),
        Format::Dot => dot::render(sel),
        Format::Json => json::render(sel)?,
        Format::Markdown => markdown::render(sel),
    })
}

/// The file stem for exporting this selection: the article's id when there
/// is one article (the loader guarantees it is a safe stem; `target` checks
/// again), `mizan-<n>-articles` otherwise.
pub fn default_stem(sel: &Selection) -> String {
    match sel.articles.as_slice() {
        [one] => one.id().to_owned(),
        many => format!("mizan-{}-articles", many.len()),
    }
}

/// Exports a selection to `dir/<default stem>.<ext>` and returns the path
/// written — what the TUI's `x` key calls. The file is replaced only when
/// it is a previous export (see [`target`]); the path always stays in `dir`.
pub fn export_to_dir(sel: &Selection, format: Format, dir: &Path) -> Result<PathBuf, ExportError> {
    let path = target::file_in(dir, &default_stem(sel), format)?;
    write_file(sel, format, &path, false)?;
    Ok(path)
}

/// Renders a selection and writes it to `path` by the rules of [`target`]
/// (`force`: replace a file that is not a previous export).
pub fn write_file(
    sel: &Selection,
    format: Format,
    path: &Path,
    force: bool,
) -> Result<target::Written, ExportError> {
    // Rendered as it is written, so the document is never whole in memory;
    // an error of the renderer itself (not of the file) is kept to return.
    let mut failed = None;
    let written = target::write_export_with(path, force, &mut |w| {
        render_to(sel, format, w).map_err(|e| match e {
            ExportError::Write(io) => io,
            other => {
                let said = std::io::Error::other(other.to_string());
                failed = Some(other);
                said
            }
        })
    });
    match failed {
        Some(e) => Err(e),
        None => written,
    }
}

/// Renders a selection to a writer a piece at a time, so that the whole
/// document is never in memory (put a `BufWriter` around a file or stdout).
pub fn render_to(
    sel: &Selection,
    format: Format,
    w: &mut dyn std::io::Write,
) -> Result<(), ExportError> {
    match format {
        Format::Argdown => argdown::render_to(sel, w)?,
        Format::Dot => dot::render_to(sel, w)?,
        Format::Json => json::render_to(sel, w)?,
        Format::Markdown => markdown::render_to(sel, w)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        let (motion, arts) = crate::synthetic::generate(60, 30, 11);
        crate::model::Corpus::of_articles(Some(motion), arts)
    }

    // The index resolves exactly the links a walk of the selection does,
    // for a part of the corpus (links out of it stay unresolved).
    #[test]
    fn targets_resolve_as_a_walk_does() {
        let corpus = corpus();
        let ids: Vec<String> = corpus
            .articles()
            .step_by(2)
            .map(|(_, a)| a.id().to_owned())
            .collect();
        let sel = Selection::new(&corpus, &ids).unwrap();
        let targets = Targets::of(&sel);
        let walk = |to: &str| {
            to.split_once('/').is_some_and(|(aid, nid)| {
                sel.articles
                    .iter()
                    .any(|a| a.id() == aid && a.find(nid).is_some())
            })
        };
        let (mut yes, mut no) = (0, 0);
        for (_, a) in corpus.articles() {
            for n in &a.nodes {
                for l in n.links() {
                    let r = targets.resolves(&l.to);
                    assert_eq!(r, walk(&l.to), "{}", l.to);
                    if r { yes += 1 } else { no += 1 }
                }
            }
        }
        assert!(yes > 0 && no > 0, "both cases occur ({yes}, {no})");
        assert!(!targets.resolves("no-slash"));
    }

    // Every format written to a writer, piece by piece, is the document
    // rendered whole.
    #[test]
    fn streamed_exports_equal_whole_ones() {
        let corpus = corpus();
        let sel = Selection::new(&corpus, &[]).unwrap();
        for format in Format::ALL {
            let whole = render(&sel, format).unwrap();
            assert!(whole.len() > 1 << 17, "several pieces");
            let mut out = Vec::new();
            render_to(&sel, format, &mut out).unwrap();
            assert!(out == whole.as_bytes(), "{}", format.name());
        }
    }
}
