//! What fills the terminal under the overlays: the browser (article list,
//! tree, detail or source), the compare, overview and debate screens. Each
//! screen's state lives in its `*_state` file, which imports no handler,
//! so the app can hold it; its keys live in the file named after it, its
//! drawing in `*_view`. The browser's moves that others share are
//! `navigate`'s; opening the other screens is `open`'s.
//!
//! The browser's state travels with the screen: in `Screen::Browse` it is
//! the screen; the compare and overview screens carry it to give back when
//! they close, so the browser is as it was left.

pub mod browse;
pub mod browse_state;
pub mod browse_view;
pub mod compare;
pub mod compare_state;
pub mod compare_view;
pub mod debate;
pub mod debate_state;
pub mod debate_view;
pub(crate) mod detail;
pub mod list_filter;
pub mod navigate;
pub mod open;
pub mod overview;
pub mod overview_state;
pub mod overview_view;
pub mod panes;
pub(crate) mod source;
pub mod timeline_view;
pub mod tree;

use browse_state::Browse;
use compare_state::CompareState;
use debate_state::DebateState;
use overview_state::OverviewState;

/// What fills the screen under the overlays.
#[derive(Debug, Clone)]
pub enum Screen {
    Browse(Box<Browse>),
    /// Two articles side by side, and the browser to go back to.
    Compare(Box<CompareState>, Box<Browse>),
    /// Every article by theme, and the browser to go back to.
    Overview(Box<OverviewState>, Box<Browse>),
    /// The arguments for and against across articles, and the browser.
    Debate(Box<DebateState>, Box<Browse>),
}

impl Default for Screen {
    fn default() -> Screen {
        Screen::Browse(Box::default())
    }
}

impl Screen {
    /// The browser's state, wherever it is carried.
    pub fn browse(&self) -> &Browse {
        match self {
            Screen::Browse(b)
            | Screen::Compare(_, b)
            | Screen::Overview(_, b)
            | Screen::Debate(_, b) => b,
        }
    }

    pub fn browse_mut(&mut self) -> &mut Browse {
        match self {
            Screen::Browse(b)
            | Screen::Compare(_, b)
            | Screen::Overview(_, b)
            | Screen::Debate(_, b) => b,
        }
    }

    /// Whether the browser is what is shown.
    pub fn is_browse(&self) -> bool {
        matches!(self, Screen::Browse(_))
    }

    /// Takes the browser's state out, leaving an empty browser.
    fn take_browse(&mut self) -> Box<Browse> {
        match std::mem::take(self) {
            Screen::Browse(b)
            | Screen::Compare(_, b)
            | Screen::Overview(_, b)
            | Screen::Debate(_, b) => b,
        }
    }

    /// Back to the browser, as it was left.
    pub fn to_browse(&mut self) {
        let b = self.take_browse();
        *self = Screen::Browse(b);
    }

    pub fn to_compare(&mut self, s: CompareState) {
        let b = self.take_browse();
        *self = Screen::Compare(Box::new(s), b);
    }

    pub fn to_overview(&mut self, s: OverviewState) {
        let b = self.take_browse();
        *self = Screen::Overview(Box::new(s), b);
    }

    pub fn to_debate(&mut self, s: DebateState) {
        let b = self.take_browse();
        *self = Screen::Debate(Box::new(s), b);
    }
}
