//! A form over the screen, as data: the form and what it is for (a new or
//! edited node, an article's details, a new article). How its keys and its
//! acceptance change the maps is `form`'s and `article_form`'s.

use crate::model::NodeIdx;
use crate::tui::widgets::form::Form;

/// Where a node form's node goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Child,
    Sibling,
    Edit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormFor {
    NewNode {
        map: u32,
        parent: NodeIdx,
        at: usize,
    },
    EditNode {
        map: u32,
        node: NodeIdx,
    },
    Article {
        map: u32,
    },
    NewArticle,
}

#[derive(Debug, Clone)]
pub struct FormState {
    pub form: Form,
    pub target: FormFor,
}

/// What accepting a form gives: done, or what is wrong (shown in the form).
pub type Accepted = Result<(), String>;

/// A typed text field's value, trimmed; `None` when empty.
pub fn opt(s: &str) -> Option<Box<str>> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.into())
}
