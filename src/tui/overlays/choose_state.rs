//! A chooser over the screen, as data: the fuzzy list and what its choice
//! is for (themes, a link target and kind, a voice, the article to compare
//! with, a source file). Where the choice goes is `choose`'s.

use crate::tui::widgets::chooser::Chooser;

/// Which kind of a node form's list fields a picker fills (the form knows
/// which field is which; the picker only what to offer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListField {
    Themes,
    Voice,
    /// Links (any other list field).
    Links,
}

/// What a chooser is choosing, and so where its choice goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChooseFor {
    /// Themes for the list field of the form below.
    Themes {
        field: usize,
    },
    /// A link's target for the form below, then its kind.
    LinkTarget {
        field: usize,
    },
    LinkKind {
        field: usize,
        to: String,
    },
    /// Who says the claim, for the form below: a speaker already used in
    /// the article, the author (empty), or a new name typed.
    Voice {
        field: usize,
    },
    /// The article to compare map `a` with (`c`).
    Compare {
        a: u32,
    },
    /// The source file for the article form below.
    Source,
}

#[derive(Debug, Clone)]
pub struct ChooseState {
    pub chooser: Chooser,
    pub purpose: ChooseFor,
}
