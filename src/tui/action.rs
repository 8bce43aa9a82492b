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
    /// Export the current article
    Export,
}
