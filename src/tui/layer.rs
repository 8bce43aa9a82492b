//! One trait for everything that takes keys and draws: the screens and the
//! overlays over them. `update` hands the top layer its action, typed text
//! or paste and acts on the [`Outcome`]; `view` draws the screen, then each
//! overlay bottom-up. The keymap mode and the status-bar hints come from
//! the same place, so the four questions (which keys, what they do, what is
//! drawn, what the hints say) are answered once per layer.
//!
//! The screens' and overlays' states (the `Screen` and `Overlay` enums)
//! sit below this trait, the handlers above it: the trait is handed the
//! app, which holds those states, so the states never import a handler.
//!
//! A layer is handed the rest of the app while it handles input: an
//! overlay is taken off the stack, a compare or overview screen out of the
//! screen (leaving the browser it carries in its place), and put back if it
//! stays. The browser is the exception: editing, forms, saving and the
//! other screens all read and move its selection, so its state stays in
//! the app and its layer works on it there.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::overlays::Overlay;
use crate::tui::screens::Screen;
use crate::tui::screens::browse_state::BrowseScreen;

/// What a layer wants after handling something.
#[derive(Debug)]
pub enum Outcome {
    /// Stay open, where it was (overlays it opened stay above it).
    Stay,
    /// Close: the overlay is dropped; a compare or overview screen gives
    /// way to the browser (or to whatever screen it opened).
    Close,
    /// Stay, with this overlay opened over it.
    Push(Overlay),
}

/// A screen or an overlay.
pub trait Layer {
    /// Which keymap table is active while this layer has the keys.
    fn mode(&self) -> Mode;

    /// An action the keymap resolved.
    fn handle(&mut self, app: &mut App, action: Action) -> Outcome;

    /// Whether plain letters go to [`Layer::typed`] before the keymap (a
    /// question's answer letters).
    fn letters_first(&self) -> bool {
        false
    }

    /// A printable character no binding took (or any, with `letters_first`).
    /// Returns `None` when the layer does not take typed text.
    fn typed(&mut self, _app: &mut App, _c: char) -> Option<Outcome> {
        None
    }

    /// Pasted text (bracketed paste), whole.
    fn paste(&mut self, app: &mut App, _text: &str) -> Outcome {
        app.flash = Some(format!(
            "paste goes into a form or the search ({} edits a node)",
            app.key(Mode::Normal, Action::EditNode)
        ));
        Outcome::Stay
    }

    /// Draws the layer over `screen`; returns where the terminal cursor
    /// goes, if it shows one.
    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)>;

    /// The actions the status bar offers while this layer is on top (keys
    /// and labels come from the keymap). Empty: the layer below's hints
    /// stay (a popup shows its own keys in its frame).
    fn hints(&self) -> &'static [Action] {
        &[]
    }
}

// Which layer each screen and overlay is. Here, beside the trait, rather
// than with the `Screen` and `Overlay` enums: the enums are state the app
// holds, and the trait is handed the app, so the enums cannot know it.

impl Screen {
    /// The screen as a layer, for drawing, its mode and its hints.
    pub fn layer(&self) -> &dyn Layer {
        match self {
            Screen::Browse(_) => &BrowseScreen,
            Screen::Compare(s, _) => &**s,
            Screen::Overview(s, _) => &**s,
            Screen::Debate(s, _) => &**s,
        }
    }
}

impl Overlay {
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
}
