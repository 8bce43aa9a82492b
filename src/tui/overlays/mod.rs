//! What is drawn over a screen and takes the keys while it is open: help,
//! messages, questions, the search, the forms and the choosers, the export
//! chooser, and quote selection. The top one gets the keys.

pub mod ask;
pub mod choose;
pub mod form;
pub mod quote;
pub mod search;
pub mod text;

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
