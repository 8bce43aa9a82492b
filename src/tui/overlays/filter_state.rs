//! The article list's filter while it is typed (`F`): its input line.
//! How typing changes the list is `filter`'s.

use crate::tui::widgets::line_edit::LineEdit;

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub line: LineEdit,
}
