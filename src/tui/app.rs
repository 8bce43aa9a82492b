//! The UI's whole state, in the parts that change together: the workspace
//! (the maps and what follows them), the screen (which carries its own
//! state, the browser's included), the overlays over it, the settings, and
//! what the view keeps between frames. `update` changes it in response to
//! actions and hands back the effects for the loop to run; `view` draws it.
//! Neither touches the terminal, so both are tested without one.
//!
//! It holds only state (the screens' and overlays' `*_state` types, the
//! workspace, the view caches): the handlers import it, never the other
//! way round, so src/tui has no import circle (`tests/it/tui_imports.rs`).

use crate::model::NodeRef;
use crate::text::BidiMode;
use crate::tui::effect::Effect;
use crate::tui::key::KeyPress;
use crate::tui::keymap::Keymap;
use crate::tui::layout::ViewCache;
use crate::tui::overlays::quote_state::QuoteSelect;
use crate::tui::palette::Palette;
use crate::tui::screens::browse_state::Browse;
use crate::tui::screens::tree::TreeView;
use crate::tui::workspace::Workspace;

pub use crate::tui::overlays::Overlay;
pub use crate::tui::screens::Screen;
pub use crate::tui::screens::browse_state::{Focus, Lang};

/// How the person set the UI up: keys, colours, Arabic display, where
/// exports go, and which language claims are shown in.
pub struct Settings {
    pub keymap: Keymap,
    pub palette: Palette,
    pub bidi: BidiMode,
    /// Why this bidi mode (for the help overlay when `auto` chose it).
    pub bidi_reason: String,
    /// Where `x` writes exports.
    pub export_dir: std::path::PathBuf,
    /// The claim language of trees, lists and the compare screen (`L`).
    pub lang: Lang,
    /// Whether compare and the overview count reported claims (nodes with
    /// a voice) or, by default, only the authors' own.
    pub voices: crate::compare::Voices,
}

pub struct App {
    /// The maps, their caches, undo history, clipboard and disk state.
    pub ws: Workspace,
    /// What fills the terminal under the overlays.
    pub screen: Screen,
    /// Drawn over the screen, bottom first; the last one gets the keys.
    pub overlays: Vec<Overlay>,
    pub settings: Settings,
    /// Layout and laid-out text kept between frames.
    pub view: ViewCache,
    /// A one-line message in the status bar until the next key.
    pub flash: Option<String>,
    /// The first key of a sequence (`g g`), waiting for the second.
    pub pending: Option<KeyPress>,
    /// Effects asked for while handling the current action; `update`
    /// hands them back (see `effects`).
    pub out: Vec<Effect>,
}

/// What the UI is built from.
pub struct Setup {
    pub ws: Workspace,
    pub settings: Settings,
}

impl App {
    pub fn new(s: Setup) -> App {
        let mut app = App {
            ws: s.ws,
            screen: Screen::default(),
            overlays: Vec::new(),
            settings: s.settings,
            view: ViewCache::default(),
            flash: None,
            pending: None,
            out: Vec::new(),
        };
        app.ensure_tree();
        app
    }

    /// The browser's state (under the compare and overview screens too).
    pub fn browse(&self) -> &Browse {
        self.screen.browse()
    }

    /// The selected map's index as the corpus counts maps.
    pub fn map(&self) -> u32 {
        self.browse().selected as u32
    }

    /// Creates the selected article's tree view on first visit.
    pub fn ensure_tree(&mut self) {
        let map = self.map();
        if let Some(a) = self.ws.corpus.article(map) {
            self.screen
                .browse_mut()
                .trees
                .entry(map)
                .or_insert_with(|| TreeView::new(a));
        }
    }

    pub fn tree(&self) -> Option<&TreeView> {
        self.browse().trees.get(&self.map())
    }

    /// The selected node, if the selected map parsed.
    pub fn current(&self) -> Option<NodeRef> {
        let node = self.tree()?.current()?;
        Some(NodeRef {
            map: self.map(),
            node,
        })
    }

    /// A key's name for a message or a title, from the keymap (so a
    /// rebound key is named as bound): `app.key(Mode::Normal, Action::Save)`.
    pub fn key(
        &self,
        mode: crate::tui::keymap::Mode,
        action: crate::tui::action::Action,
    ) -> String {
        self.settings.keymap.name(mode, action)
    }

    pub fn has_source(&self) -> bool {
        self.ws
            .cache
            .get(self.browse().selected)
            .is_some_and(|c| c.source.is_some())
    }

    /// The quote selection, while one is open (it is an overlay, but the
    /// source pane and the status bar draw it).
    pub fn quote_selection(&self) -> Option<&QuoteSelect> {
        self.overlays.iter().rev().find_map(|o| match o {
            Overlay::Quote(s) => Some(&**s),
            _ => None,
        })
    }

    pub fn quote_selection_mut(&mut self) -> Option<&mut QuoteSelect> {
        self.overlays.iter_mut().rev().find_map(|o| match o {
            Overlay::Quote(s) => Some(&mut **s),
            _ => None,
        })
    }

    /// Drops the quote selection (its byte offsets belong to one source).
    pub fn stop_quote_selection(&mut self) {
        self.overlays.retain(|o| !matches!(o, Overlay::Quote(_)));
    }
}
