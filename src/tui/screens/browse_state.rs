//! The browser's state: which pane has the keys, which article and node are
//! selected, each article's tree view, how far each pane is scrolled, and
//! the jump list (the compare, overview and debate screens carry it while
//! open). Plain data, below every handler: how keys move it is `browse`'s
//! and `navigate`'s.

use std::collections::HashMap;

use crate::model::NodeRef;
use crate::tui::screens::panes::Panes;

pub use crate::tui::screens::panes::Focus;
use crate::tui::screens::tree::TreeView;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
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

#[derive(Debug, Clone, Default)]
pub struct Browse {
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
    /// Where the last mouse press in the source pane was (a drag selects from there).
    pub source_press: Option<usize>,
    /// How the width is shared between the panes, and which are hidden.
    pub panes: Panes,
    /// The article list's filter (`F`); empty: every map.
    pub filter: String,
}

/// The browser as a layer. Its state stays in the app while it handles
/// keys (see `layer`), so this carries nothing.
pub struct BrowseScreen;
