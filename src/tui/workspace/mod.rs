//! The maps being worked on and everything that follows them: the corpus
//! and what is derived from it per article, the undo history, the cut
//! subtree, where backups and recovery go, and what the disk did. Editing
//! with undo, saving with conflict checks, reloading and recovery after a
//! crash live in the modules below, as do the editing keys (`edit_keys`),
//! quitting (`quitting`) and the search index (`search_engine`).

pub mod arrival;
pub mod conflicts;
pub mod edit_keys;
pub mod editing;
pub mod history;
pub mod quitting;
pub mod recovery_preview;
pub mod saving;
pub mod search_engine;

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::model::bearing::{self, Bearings};
use crate::model::edit::{Edit, EditError};
use crate::model::incoming::Incoming;
use crate::model::validate::Sources;
use crate::model::{Corpus, Diagnostic, MapEntry, Node, NodeIdx};
use crate::store::sources::quote_ranges;

/// How the session ends, once the person asked to quit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quit {
    /// Unsaved edits (a signal, an error) go to the recovery file.
    Keeping,
    /// The person chose to quit without saving: no recovery file.
    Discarding,
}

/// A subtree taken out with `X`, ready for `p` in any article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clip {
    /// The subtree's nodes in preorder; `parent` is an index into this list
    /// (`None` for the subtree's root), `children` are ignored.
    pub nodes: Vec<Node>,
    pub parents: Vec<Option<usize>>,
}

pub struct Workspace {
    /// Behind an `Arc` so the search index is built from it on another
    /// thread; edits go through `Arc::make_mut` (which copies only while a
    /// build still holds it).
    pub corpus: Arc<Corpus>,
    pub maps_dir: PathBuf,
    /// Per-article derived data, by map index.
    pub cache: Vec<ArticleCache>,
    /// Source texts by file name, for the quote check after each edit.
    pub sources: Option<Sources>,
    /// Undo, redo, and which maps have unsaved edits.
    pub history: history::History,
    /// The subtree `X` cut, for `p`.
    pub clipboard: Option<Clip>,
    /// The search index and worker, made on the first `/` (and again after
    /// an edit changed the text).
    pub search: Option<search_engine::Engine>,
    /// Where backups and the recovery file go (`None`: no home directory).
    pub state_dir: Option<PathBuf>,
    /// The `--sources` directory, whose files the article form offers.
    pub sources_dir: Option<PathBuf>,
    /// The recovery snapshot is older than the edits.
    pub recovery_stale: bool,
    /// Files the watcher saw change, waiting until no form, picker or
    /// question is open (a reload under an open node form would leave it
    /// pointing at another node).
    pub disk_changes: Vec<PathBuf>,
    /// Set once the session is to end.
    pub quit: Option<Quit>,
    /// Every node's incoming links ("linked from"), kept up to date map by
    /// map ([`Workspace::edit_map`], [`Workspace::put_map`]) so no frame
    /// waits on a rebuild over the corpus. While the maps arrive it is
    /// empty; the checks' thread builds it once all are in (`arrival`).
    pub incoming: Incoming,
    /// The maps still loading and the checks still running, while the
    /// browser is already open (`arrival`); `None` once all are in.
    pub arrival: Option<arrival::Arrival>,
}

impl Workspace {
    /// The maps as loaded, with their caches and the checks' findings.
    pub fn new(
        corpus: Corpus,
        maps_dir: PathBuf,
        sources: Option<Sources>,
        diagnostics: Vec<Diagnostic>,
    ) -> Workspace {
        let mut cache: Vec<ArticleCache> = corpus
            .maps
            .iter()
            .map(|m| ArticleCache::for_entry(m, sources.as_ref()))
            .collect();
        file_problems(&mut cache, &corpus, diagnostics);
        let incoming = Incoming::build(&corpus);
        Workspace {
            corpus: Arc::new(corpus),
            maps_dir,
            cache,
            sources,
            history: Default::default(),
            clipboard: None,
            search: None,
            state_dir: None,
            sources_dir: None,
            recovery_stale: false,
            disk_changes: Vec::new(),
            quit: None,
            incoming,
            arrival: None,
        }
    }

    /// A map's file name, for messages ("?" if there is no such map).
    pub fn file_name(&self, map: u32) -> String {
        self.corpus
            .maps
            .get(map as usize)
            .and_then(|m| m.path.file_name())
            .map_or_else(|| "?".into(), |f| f.to_string_lossy().into_owned())
    }

    /// The links into each node.
    pub fn incoming(&self) -> &Incoming {
        &self.incoming
    }

    /// Applies `edit` to map `map`'s article, keeping "linked from" in
    /// step ([`Incoming::apply`]), which costs the map, not the corpus.
    /// `None`: no such article.
    pub fn edit_map(&mut self, map: u32, edit: Edit) -> Option<Result<Edit, EditError>> {
        let article = Arc::make_mut(&mut self.corpus)
            .maps
            .get_mut(map as usize)?
            .article
            .as_mut()?;
        Some(self.incoming.apply(map, article, edit))
    }

    /// Puts `entry` in slot `map` (or after the last map, if `map` is the
    /// count), keeping "linked from" in step as [`Workspace::edit_map`] does.
    /// The article ids are not re-indexed here: the caller does that.
    pub fn put_map(&mut self, map: u32, entry: MapEntry) {
        let corpus = Arc::make_mut(&mut self.corpus);
        if let Some(old) = corpus.article(map) {
            self.incoming.forget(map, old);
        }
        if let Some(a) = &entry.article {
            self.incoming.learn(map, a);
        }
        match corpus.maps.get_mut(map as usize) {
            Some(slot) => *slot = entry,
            None => corpus.maps.push(entry),
        }
    }
}

/// An article's full text and where each node's quote sits in it.
#[derive(Debug, Clone, Default)]
pub struct SourceText {
    pub text: String,
    /// Byte ranges of quotes, by arena index (`None`: no quote, or not found).
    pub quotes: Vec<Option<Range<usize>>>,
}

/// Per-article derived data computed once at load.
#[derive(Debug, Clone, Default)]
pub struct ArticleCache {
    pub bearings: Bearings,
    pub source: Option<SourceText>,
    /// Diagnostics about this article's nodes, by arena index.
    pub problems: HashMap<NodeIdx, Vec<Diagnostic>>,
}

impl ArticleCache {
    /// What is derived from a map at load (problems are filled in after).
    pub fn for_entry(m: &MapEntry, sources: Option<&Sources>) -> ArticleCache {
        match &m.article {
            Some(a) => ArticleCache {
                bearings: bearing::derive(a),
                source: sources.and_then(|src| {
                    let text = src.get(a.meta.source.as_deref()?)?;
                    let quotes =
                        quote_ranges(text, a.nodes.iter().map(|n| n.quote().unwrap_or("")));
                    Some(SourceText {
                        text: text.clone(),
                        quotes,
                    })
                }),
                problems: HashMap::new(),
            },
            None => ArticleCache::default(),
        }
    }
}

/// Files each diagnostic under its article and node. A finding about the
/// article itself (no stance, a missing source file) goes on its thesis,
/// so the tree's marks and the save prompt count what `mizan check`
/// reports about the same file (issue 14).
pub fn file_problems(cache: &mut [ArticleCache], corpus: &Corpus, diags: Vec<Diagnostic>) {
    for d in diags {
        let at = match d.node {
            Some(r) => Some((r.map as usize, r.node)),
            None => corpus.maps.iter().enumerate().find_map(|(i, m)| {
                let same = m.path == d.path
                    || (m.path.file_name().is_some() && m.path.file_name() == d.path.file_name());
                Some((i, m.article.as_ref().filter(|_| same)?.root))
            }),
        };
        if let Some((map, node)) = at
            && let Some(c) = cache.get_mut(map)
        {
            c.problems.entry(node).or_default().push(d);
        }
    }
}

/// What the save prompt says about errors in the maps to save, counted per
/// file as `mizan check` counts them and naming only files that have any
/// ("4 errors in new.ron"); `None` when there are none.
pub fn errors_in(ws: &Workspace, maps: &[u32]) -> Option<String> {
    let per_file: Vec<(String, usize)> = maps
        .iter()
        .map(|&m| {
            let n = ws.cache.get(m as usize).map_or(0, |c| {
                c.problems
                    .values()
                    .flatten()
                    .filter(|d| d.is_error())
                    .count()
            });
            (ws.file_name(m), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let errors: usize = per_file.iter().map(|(_, n)| n).sum();
    let names: Vec<String> = per_file
        .iter()
        .map(|(name, n)| match per_file.len() {
            1 => name.clone(),
            _ => format!("{name} ({n})"),
        })
        .collect();
    (errors > 0).then(|| {
        format!(
            "{} in {} (marked ! in the tree).",
            crate::text::plural::count(errors, "error"),
            names.join(", ")
        )
    })
}
