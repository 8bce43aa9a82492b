//! The UI's whole state. `update` changes it in response to actions, `view`
//! draws it; neither touches the terminal, so both are tested without one.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use ratatui::layout::Rect;

use crate::model::bearing::{self, Bearings};
use crate::model::validate::Sources;
use crate::model::{Corpus, Diagnostic, MapEntry, NodeIdx, NodeRef};
use crate::store::sources::quote_ranges;
use crate::text::BidiMode;
use crate::tui::keymap::Keymap;
use crate::tui::palette::Palette;
use crate::tui::screens::tree::TreeView;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Articles,
    Tree,
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ar,
}

impl Lang {
    /// The other claim language (what `L` switches to).
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Ar,
            Lang::Ar => Lang::En,
        }
    }
}

/// Things drawn over the browser; the top one gets the keys.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Search(Box<crate::tui::overlays::search::SearchState>),
    /// Choosing the article to compare with.
    Picker(Box<crate::tui::screens::compare::PickerState>),
    /// Choosing the format to export these articles in.
    Export {
        articles: Vec<String>,
        selected: usize,
    },
    Message {
        title: String,
        lines: Vec<String>,
        scroll: usize,
    },
    /// A question with lettered answers (delete? quit unsaved? conflict?).
    Ask(Box<crate::tui::overlays::ask::Ask>),
    /// The node or article form.
    Form(Box<crate::tui::overlays::form::FormState>),
    /// Choosing themes or a link target for the form below it.
    Choose(Box<crate::tui::overlays::choose::ChooseState>),
}

/// What fills the screen under the overlays.
#[derive(Debug, Clone)]
pub enum Screen {
    Browse,
    Compare(Box<crate::tui::screens::compare_view::CompareState>),
    Overview(Box<crate::tui::screens::overview_view::OverviewState>),
}

/// Screen regions from the last layout, for paging and mouse hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub screen: Rect,
    pub list: Rect,
    pub tree: Rect,
    pub right: Rect,
    pub status: Rect,
}

/// An article's full text and where each node's quote sits in it.
#[derive(Debug, Clone, Default)]
pub struct SourceText {
    pub text: String,
    /// Byte ranges of quotes, by arena index (`None`: no quote, or not found).
    pub quotes: Vec<Option<Range<usize>>>,
}

/// The source pane's wrapped lines for one width, cached between frames.
#[derive(Debug, Clone, Default)]
pub struct SourceLayout {
    /// (map, text width, mode) the lines were laid out for; width is never 0,
    /// so the default key matches no real layout.
    pub key: (u32, u16, BidiMode),
    /// (byte offset where the visual line's paragraph starts, the line).
    pub lines: Vec<(usize, crate::text::VisualLine)>,
}

/// Per-article derived data computed once at load.
#[derive(Debug, Clone, Default)]
pub struct ArticleCache {
    pub bearings: Bearings,
    pub source: Option<SourceText>,
    /// Diagnostics about this article's nodes, by arena index.
    pub problems: HashMap<NodeIdx, Vec<Diagnostic>>,
}

pub struct App {
    pub corpus: Corpus,
    pub maps_dir: PathBuf,
    pub cache: Vec<ArticleCache>,
    pub keymap: Keymap,
    pub palette: Palette,
    pub bidi: BidiMode,
    /// Why this bidi mode (for the help overlay when `auto` chose it).
    pub bidi_reason: String,
    pub lang: Lang,
    pub focus: Focus,
    pub show_source: bool,
    /// Selected map (index into `corpus.maps`).
    pub selected: usize,
    pub list_offset: usize,
    pub trees: HashMap<u32, TreeView>,
    pub detail_scroll: usize,
    pub link_sel: usize,
    pub source_scroll: usize,
    pub jumps_back: Vec<NodeRef>,
    pub jumps_forward: Vec<NodeRef>,
    pub overlays: Vec<Overlay>,
    pub pending: Option<crate::tui::key::KeyPress>,
    pub should_quit: bool,
    /// A one-line message in the status bar until the next key.
    pub flash: Option<String>,
    pub areas: Areas,
    pub source_layout: RefCell<SourceLayout>,
    /// The search index and worker, made on the first `/`.
    pub search: Option<crate::tui::overlays::search::Engine>,
    pub screen: Screen,
    /// What `update` asked for, for the loop to run (see `effects`).
    pub effects: Vec<crate::tui::effects::Effect>,
    /// Where `x` writes exports.
    pub export_dir: PathBuf,
    /// Laid-out text kept between frames.
    pub layout_cache: RefCell<crate::tui::widgets::bidi_line::LayoutCache>,
    /// Source texts by file name, for the quote check after each edit.
    pub sources: Option<Sources>,
    /// Undo, redo, and which maps have unsaved edits.
    pub history: crate::tui::workspace::history::History,
    /// The subtree `X` cut, for `p`.
    pub clipboard: Option<crate::tui::workspace::editing::Clip>,
    /// Where backups and the recovery file go (`None`: no home directory).
    pub state_dir: Option<PathBuf>,
    /// The recovery snapshot is older than the edits.
    pub recovery_stale: bool,
    /// The person chose to quit without saving: write no recovery file.
    pub discard_on_quit: bool,
    /// A passage of the source being selected as a quote (`v`).
    pub quote_select: Option<crate::tui::overlays::quote::QuoteSelect>,
    /// Where the last mouse press in the source pane was (a drag selects from there).
    pub source_press: Option<usize>,
    /// Files the watcher saw change, waiting until no form, picker or
    /// question is open (a reload under an open node form would leave it
    /// pointing at another node).
    pub disk_changes: Vec<PathBuf>,
}

/// What the UI is built from.
pub struct Setup {
    pub corpus: Corpus,
    pub maps_dir: PathBuf,
    pub sources: Option<Sources>,
    pub diagnostics: Vec<Diagnostic>,
    pub keymap: Keymap,
    pub palette: Palette,
    pub bidi: BidiMode,
    pub bidi_reason: String,
}

impl ArticleCache {
    /// What is derived from a map at load (problems are filled in after).
    pub fn for_entry(m: &MapEntry, sources: Option<&Sources>) -> ArticleCache {
        match &m.article {
            Some(a) => ArticleCache {
                bearings: bearing::derive(a),
                source: sources.and_then(|src| {
                    let text = src.get(a.meta.source.as_deref()?)?;
                    let quotes = quote_ranges(
                        text,
                        a.nodes.iter().map(|n| n.quote.as_deref().unwrap_or("")),
                    );
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

/// Files each diagnostic about a node under its article and node.
pub fn file_problems(cache: &mut [ArticleCache], diags: Vec<Diagnostic>) {
    for d in diags {
        if let Some(r) = d.node
            && let Some(c) = cache.get_mut(r.map as usize)
        {
            c.problems.entry(r.node).or_default().push(d);
        }
    }
}

impl App {
    pub fn new(s: Setup) -> App {
        let mut cache: Vec<ArticleCache> = s
            .corpus
            .maps
            .iter()
            .map(|m| ArticleCache::for_entry(m, s.sources.as_ref()))
            .collect();
        file_problems(&mut cache, s.diagnostics);
        let mut app = App {
            corpus: s.corpus,
            maps_dir: s.maps_dir,
            cache,
            keymap: s.keymap,
            palette: s.palette,
            bidi: s.bidi,
            bidi_reason: s.bidi_reason,
            lang: Lang::En,
            focus: Focus::Articles,
            show_source: false,
            selected: 0,
            list_offset: 0,
            trees: HashMap::new(),
            detail_scroll: 0,
            link_sel: 0,
            source_scroll: 0,
            jumps_back: Vec::new(),
            jumps_forward: Vec::new(),
            overlays: Vec::new(),
            pending: None,
            should_quit: false,
            flash: None,
            areas: Areas::default(),
            source_layout: RefCell::new(SourceLayout::default()),
            search: None,
            layout_cache: RefCell::default(),
            screen: Screen::Browse,
            effects: Vec::new(),
            export_dir: PathBuf::from("."),
            sources: s.sources,
            history: Default::default(),
            clipboard: None,
            state_dir: None,
            recovery_stale: false,
            discard_on_quit: false,
            quote_select: None,
            source_press: None,
            disk_changes: Vec::new(),
        };
        app.ensure_tree();
        app
    }

    /// The selected map's index as the corpus counts maps.
    pub fn map(&self) -> u32 {
        self.selected as u32
    }

    /// Creates the selected article's tree view on first visit.
    pub fn ensure_tree(&mut self) {
        let map = self.map();
        if let Some(a) = self.corpus.article(map) {
            self.trees.entry(map).or_insert_with(|| TreeView::new(a));
        }
    }

    pub fn tree(&self) -> Option<&TreeView> {
        self.trees.get(&self.map())
    }

    /// The selected node, if the selected map parsed.
    pub fn current(&self) -> Option<NodeRef> {
        let node = self.tree()?.current()?;
        Some(NodeRef {
            map: self.map(),
            node,
        })
    }

    pub fn has_source(&self) -> bool {
        self.cache
            .get(self.selected)
            .is_some_and(|c| c.source.is_some())
    }
}
