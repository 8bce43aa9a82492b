//! The export chooser's state: which articles, which format is selected,
//! and the folder while it is typed. Its keys are `export`'s.

use crate::tui::widgets::line_edit::LineEdit;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The ids of the articles to export.
    pub articles: Vec<String>,
    /// Index into [`Format::ALL`](crate::export::Format::ALL).
    pub selected: usize,
    /// The folder being typed, while it is edited (Tab); `None`: choosing
    /// the format.
    pub folder: Option<LineEdit>,
}

impl Export {
    pub fn new(articles: Vec<String>) -> Export {
        Export {
            articles,
            selected: 0,
            folder: None,
        }
    }
}
