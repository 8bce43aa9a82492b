//! What is drawn over a screen and takes the keys while it is open: help,
//! messages, questions, the search, the forms and the choosers, the export
//! chooser, and quote selection. They form one stack; the top one gets the
//! keys, drawing goes bottom-up. Each overlay's state lives in its
//! `*_state` file, which imports no handler, so the app can hold the stack;
//! its keys and drawing (its `Layer`) live in the file named after it, and
//! `layer` is the one place that tells them apart.

pub mod article_form;
pub mod ask;
pub mod ask_state;
pub mod choose;
pub mod choose_state;
pub mod export;
pub mod export_state;
pub mod filter;
pub mod filter_state;
pub mod form;
pub mod form_state;
pub mod help;
pub mod help_state;
pub mod message;
pub mod message_state;
pub mod quote;
pub mod quote_state;
pub mod search;
pub mod search_state;

use ask_state::Ask;
use choose_state::ChooseState;
use export_state::Export;
use filter_state::ListFilter;
use form_state::FormState;
use help_state::Help;
use message_state::Message;
use quote_state::QuoteSelect;
use search_state::SearchState;

/// Things drawn over the screen; the top one gets the keys.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help(Help),
    Search(Box<SearchState>),
    /// Choosing the format to export these articles in.
    Export(Export),
    Message(Message),
    /// A question with lettered answers (delete? quit unsaved? conflict?).
    Ask(Box<Ask>),
    /// The node or article form.
    Form(Box<FormState>),
    /// Choosing from a fuzzy list: themes or a link target for the form
    /// below it, or the article to compare with.
    Choose(Box<ChooseState>),
    /// A passage of the source being selected as a quote (`v`); drawn by
    /// the source pane, not over it.
    Quote(Box<QuoteSelect>),
    /// Typing a filter for the article list (`F`); drawn in the list.
    Filter(ListFilter),
}

impl Overlay {
    /// A message with a title.
    pub fn message(title: impl Into<String>, lines: Vec<String>) -> Overlay {
        Overlay::Message(Message {
            title: title.into(),
            lines,
            scroll: 0,
        })
    }

    /// Whether it is a popup over the screen (every overlay but a quote
    /// selection and the list filter, which live in their panes): panes lose their focus
    /// mark and the mouse wheel scrolls the popup.
    pub fn is_popup(&self) -> bool {
        !matches!(self, Overlay::Quote(_) | Overlay::Filter(_))
    }
}
