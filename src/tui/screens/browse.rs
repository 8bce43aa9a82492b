//! The browser's state: which pane has the keys, which article and node are
//! selected, each article's tree view, how far each pane is scrolled, and
//! the jump list. The compare and overview screens carry it while open.

use std::collections::HashMap;

use crate::model::NodeRef;
use crate::tui::overlays::quote::QuoteSelect;
use crate::tui::screens::tree::TreeView;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Articles,
    Tree,
    Detail,
}

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
    /// A passage of the source being selected as a quote (`v`).
    pub quote_select: Option<QuoteSelect>,
    /// Where the last mouse press in the source pane was (a drag selects from there).
    pub source_press: Option<usize>,
}
