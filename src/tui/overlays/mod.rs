//! What is drawn over a screen and takes the keys while it is open: help,
//! messages, questions, the search, the forms and the choosers, the export
//! chooser, and quote selection. They form one stack; the top one gets the
//! keys, drawing goes bottom-up. Each is a [`Layer`]; [`Overlay::layer`] is
//! the one place that tells them apart.

pub mod article_form;
pub mod ask;
pub mod choose;
pub mod export;
pub mod filter;
pub mod form;
pub mod help;
pub mod message;
pub mod quote;
pub mod search;

use crate::tui::layer::Layer;

/// Things drawn over the screen; the top one gets the keys.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help(help::Help),
    Search(Box<search::SearchState>),
    /// Choosing the format to export these articles in.
    Export(export::Export),
    Message(message::Message),
    /// A question with lettered answers (delete? quit unsaved? conflict?).
    Ask(Box<ask::Ask>),
    /// The node or article form.
    Form(Box<form::FormState>),
    /// Choosing from a fuzzy list: themes or a link target for the form
    /// below it, or the article to compare with.
    Choose(Box<choose::ChooseState>),
    /// A passage of the source being selected as a quote (`v`); drawn by
    /// the source pane, not over it.
    Quote(Box<quote::QuoteSelect>),
    /// Typing a filter for the article list (`F`); drawn in the list.
    Filter(filter::ListFilter),
}

impl Overlay {
    /// A message with a title.
    pub fn message(title: impl Into<String>, lines: Vec<String>) -> Overlay {
        Overlay::Message(message::Message {
            title: title.into(),
            lines,
            scroll: 0,
        })
    }

    pub fn layer(&self) -> &dyn Layer {
        match self {
            Overlay::Help(o) => o,
            Overlay::Search(o) => &**o,
            Overlay::Export(o) => o,
            Overlay::Message(o) => o,
            Overlay::Ask(o) => &**o,
            Overlay::Form(o) => &**o,
            Overlay::Choose(o) => &**o,
            Overlay::Quote(o) => &**o,
            Overlay::Filter(o) => o,
        }
    }

    pub fn layer_mut(&mut self) -> &mut dyn Layer {
        match self {
            Overlay::Help(o) => o,
            Overlay::Search(o) => &mut **o,
            Overlay::Export(o) => o,
            Overlay::Message(o) => o,
            Overlay::Ask(o) => &mut **o,
            Overlay::Form(o) => &mut **o,
            Overlay::Choose(o) => &mut **o,
            Overlay::Quote(o) => &mut **o,
            Overlay::Filter(o) => o,
        }
    }

    /// Whether it is a popup over the screen (every overlay but a quote
    /// selection and the list filter, which live in their panes): panes lose their focus
    /// mark and the mouse wheel scrolls the popup.
    pub fn is_popup(&self) -> bool {
        !matches!(self, Overlay::Quote(_) | Overlay::Filter(_))
    }
}
