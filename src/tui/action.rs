//! Everything a person can ask the UI to do. Keys map to these through the
//! keymap table; `update` matches them exhaustively. Serde names are what a
//! config file uses to rebind keys.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Quit mizan
    Quit,
    /// Show or hide the key help
    Help,
    /// Close the topmost overlay
    Close,
    /// Move down one row
    Down,
    /// Move up one row
    Up,
    /// Page down
    PageDown,
    /// Page up
    PageUp,
    /// Jump to the first row
    Top,
    /// Jump to the last row
    Bottom,
    /// Collapse the node, or go to its parent
    Left,
    /// Expand the node, or go to its first child
    Right,
    /// Expand or collapse the node; open the article; follow the link
    Toggle,
    /// Go to the parent node
    Parent,
    /// Next sibling node
    NextSibling,
    /// Previous sibling node
    PrevSibling,
    /// Expand every node of the tree
    ExpandAll,
    /// Collapse the tree to the thesis
    CollapseAll,
    /// Focus the next pane
    FocusNext,
    /// Focus the previous pane
    FocusPrev,
    /// Switch tree claims between English and Arabic
    ToggleLanguage,
    /// Show or hide the article's source text
    ToggleSource,
    /// Follow the selected link to the other article
    FollowLink,
    /// Go back in the jump list
    JumpBack,
    /// Go forward in the jump list
    JumpForward,
    /// Search all maps
    Search,
    /// Compare this article with another
    Compare,
    /// Overview of all articles by theme
    Overview,
    /// The debate: every argument for and against, across articles
    Debate,
    /// Next theme to show only the arguments on (then all themes again)
    CycleTheme,
    /// Next year to show only the arguments made in (then all years again)
    CycleYear,
    /// The timeline: articles on a time axis, themes by year
    Timeline,
    /// Export the current article
    Export,
    /// Open the selected search hit
    Accept,
    /// Swap the two compared articles
    Swap,
    /// Compare with the next article
    NextArticle,
    /// Compare with the previous article
    PrevArticle,
    /// Show only the themes where the two articles clash
    ClashesOnly,
    /// Count reported claims (‹voice›) as the author's, or only the author's own
    ToggleReported,
    /// Choose themes or add a link (in the node form)
    Pick,
    /// Add a child node
    AddChild,
    /// Add a sibling node
    AddSibling,
    /// Edit the selected node
    EditNode,
    /// Edit the article's title, stance and metadata
    EditArticle,
    /// Delete the selected node and its subtree
    DeleteNode,
    /// Move the node down among its siblings
    MoveDown,
    /// Move the node up among its siblings
    MoveUp,
    /// Make the node a child of its previous sibling
    Indent,
    /// Make the node a sibling of its parent
    Outdent,
    /// Cut the node and its subtree
    Cut,
    /// Paste the cut subtree under the selected node
    Paste,
    /// Undo the last edit
    Undo,
    /// Redo the last undone edit
    Redo,
    /// Save every map with unsaved edits
    Save,
    /// Create a new article map
    NewArticle,
    /// Open the map in $VISUAL / $EDITOR at the node
    OpenEditor,
    /// Select a passage of the source to quote
    SelectQuote,
    /// Resolve the node's merge conflict: take ours, theirs, or edit
    ResolveConflict,
    /// The node's history in git (`mizan log`)
    NodeHistory,
    /// Widen the focused pane
    WidenPane,
    /// Narrow the focused pane
    NarrowPane,
    /// Hide or show the article list
    ToggleList,
    /// Hide or show the detail pane
    ToggleDetail,
    /// Filter the article list by typing
    FilterList,
    /// Edit a line of text (a query, a form field). Untagged, so the
    /// config names these as it names every other action (`delete_word`).
    #[serde(untagged)]
    Edit(TextEdit),
}

/// Editing a one-line text input; the line editor matches these
/// exhaustively. Where there is no text, some mean a motion (a form's
/// choice field cycles with `cursor_left` / `cursor_right`; a quote
/// selection grows by words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEdit {
    /// Delete the character before the cursor
    DeleteBack,
    /// Delete the word before the cursor
    DeleteWord,
    /// Delete everything before the cursor
    DeleteToStart,
    /// Move the cursor one character left
    CursorLeft,
    /// Move the cursor one character right
    CursorRight,
    /// Move the cursor to the start of the line
    LineStart,
    /// Move the cursor to the end of the line
    LineEnd,
    /// Move the cursor one word left
    WordLeft,
    /// Move the cursor one word right
    WordRight,
    /// Delete the character under the cursor
    DeleteForward,
    /// Delete to the end of the line
    DeleteToEnd,
}

impl TextEdit {
    pub const ALL: &[TextEdit] = &[
        TextEdit::DeleteBack,
        TextEdit::DeleteWord,
        TextEdit::DeleteToStart,
        TextEdit::CursorLeft,
        TextEdit::CursorRight,
        TextEdit::LineStart,
        TextEdit::LineEnd,
        TextEdit::WordLeft,
        TextEdit::WordRight,
        TextEdit::DeleteForward,
        TextEdit::DeleteToEnd,
    ];
}

impl Action {
    /// Every action, in declaration order (the keymap test checks each is bound).
    pub const ALL: &[Action] = &[
        Action::Quit,
        Action::Help,
        Action::Close,
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::Left,
        Action::Right,
        Action::Toggle,
        Action::Parent,
        Action::NextSibling,
        Action::PrevSibling,
        Action::ExpandAll,
        Action::CollapseAll,
        Action::FocusNext,
        Action::FocusPrev,
        Action::ToggleLanguage,
        Action::ToggleSource,
        Action::FollowLink,
        Action::JumpBack,
        Action::JumpForward,
        Action::Search,
        Action::Compare,
        Action::Overview,
        Action::Export,
        Action::Accept,
        Action::Swap,
        Action::NextArticle,
        Action::PrevArticle,
        Action::ClashesOnly,
        Action::Pick,
        Action::AddChild,
        Action::AddSibling,
        Action::EditNode,
        Action::EditArticle,
        Action::DeleteNode,
        Action::MoveDown,
        Action::MoveUp,
        Action::Indent,
        Action::Outdent,
        Action::Cut,
        Action::Paste,
        Action::Undo,
        Action::Redo,
        Action::Save,
        Action::NewArticle,
        Action::OpenEditor,
        Action::SelectQuote,
        Action::ToggleReported,
        Action::ResolveConflict,
        Action::NodeHistory,
        Action::Debate,
        Action::CycleTheme,
        Action::CycleYear,
        Action::Timeline,
        Action::WidenPane,
        Action::NarrowPane,
        Action::ToggleList,
        Action::ToggleDetail,
        Action::FilterList,
        Action::Edit(TextEdit::DeleteBack),
        Action::Edit(TextEdit::DeleteWord),
        Action::Edit(TextEdit::DeleteToStart),
        Action::Edit(TextEdit::CursorLeft),
        Action::Edit(TextEdit::CursorRight),
        Action::Edit(TextEdit::LineStart),
        Action::Edit(TextEdit::LineEnd),
        Action::Edit(TextEdit::WordLeft),
        Action::Edit(TextEdit::WordRight),
        Action::Edit(TextEdit::DeleteForward),
        Action::Edit(TextEdit::DeleteToEnd),
    ];
}

#[cfg(test)]
mod tests {
    use super::{Action, TextEdit};

    /// An exhaustive match: adding a variant fails to compile until it is
    /// given a position here, and the test below then wants it in `ALL`.
    fn position(a: Action) -> usize {
        match a {
            Action::Quit => 0,
            Action::Help => 1,
            Action::Close => 2,
            Action::Down => 3,
            Action::Up => 4,
            Action::PageDown => 5,
            Action::PageUp => 6,
            Action::Top => 7,
            Action::Bottom => 8,
            Action::Left => 9,
            Action::Right => 10,
            Action::Toggle => 11,
            Action::Parent => 12,
            Action::NextSibling => 13,
            Action::PrevSibling => 14,
            Action::ExpandAll => 15,
            Action::CollapseAll => 16,
            Action::FocusNext => 17,
            Action::FocusPrev => 18,
            Action::ToggleLanguage => 19,
            Action::ToggleSource => 20,
            Action::FollowLink => 21,
            Action::JumpBack => 22,
            Action::JumpForward => 23,
            Action::Search => 24,
            Action::Compare => 25,
            Action::Overview => 26,
            Action::Export => 27,
            Action::Accept => 28,
            Action::Swap => 29,
            Action::NextArticle => 30,
            Action::PrevArticle => 31,
            Action::ClashesOnly => 32,
            Action::Pick => 33,
            Action::AddChild => 34,
            Action::AddSibling => 35,
            Action::EditNode => 36,
            Action::EditArticle => 37,
            Action::DeleteNode => 38,
            Action::MoveDown => 39,
            Action::MoveUp => 40,
            Action::Indent => 41,
            Action::Outdent => 42,
            Action::Cut => 43,
            Action::Paste => 44,
            Action::Undo => 45,
            Action::Redo => 46,
            Action::Save => 47,
            Action::NewArticle => 48,
            Action::OpenEditor => 49,
            Action::SelectQuote => 50,
            Action::ToggleReported => 51,
            Action::ResolveConflict => 52,
            Action::NodeHistory => 53,
            Action::Debate => 54,
            Action::CycleTheme => 55,
            Action::CycleYear => 56,
            Action::Timeline => 57,
            Action::WidenPane => 58,
            Action::NarrowPane => 59,
            Action::ToggleList => 60,
            Action::ToggleDetail => 61,
            Action::FilterList => 62,
            Action::Edit(e) => {
                63 + match e {
                    TextEdit::DeleteBack => 0,
                    TextEdit::DeleteWord => 1,
                    TextEdit::DeleteToStart => 2,
                    TextEdit::CursorLeft => 3,
                    TextEdit::CursorRight => 4,
                    TextEdit::LineStart => 5,
                    TextEdit::LineEnd => 6,
                    TextEdit::WordLeft => 7,
                    TextEdit::WordRight => 8,
                    TextEdit::DeleteForward => 9,
                    TextEdit::DeleteToEnd => 10,
                }
            }
        }
    }

    // `Action::ALL` lists every variant exactly once.
    #[test]
    fn all_is_complete() {
        for (i, &a) in Action::ALL.iter().enumerate() {
            assert_eq!(position(a), i, "{a:?}");
        }
        assert_eq!(
            Action::ALL.len(),
            position(Action::Edit(TextEdit::DeleteToEnd)) + 1
        );
    }
}
