//! `update`: state × action → state and the effects to run, with no
//! terminal in sight. Keys, pastes and mouse events are turned into actions
//! here too (through the keymap), so a test can drive the whole UI with key
//! names. Whatever has the keys is a [`Layer`]: the top overlay, else the
//! screen; this module hands it the input and acts on its [`Outcome`].

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::key::{Code, KeyPress};
use crate::tui::keymap::{Lookup, Mode};
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::Overlay;
use crate::tui::screens::browse_state::BrowseScreen;
use crate::tui::screens::{Screen, browse, navigate};

pub use crate::tui::mouse::Mouse;

/// Which keymap table is active: the top layer's.
pub fn mode(app: &App) -> Mode {
    match app.overlays.last() {
        Some(o) => o.layer().mode(),
        None => app.screen.layer().mode(),
    }
}

/// Runs a screen that carries the browser (compare, overview, debate) with
/// the browser back in its place, and puts the screen back over it with
/// `put_back` unless it closed (or opened another screen).
fn run_carried<S: Layer>(
    app: &mut App,
    mut s: S,
    f: impl FnOnce(&mut dyn Layer, &mut App) -> Option<Outcome>,
    put_back: impl FnOnce(&mut Screen, S),
) {
    let outcome = f(&mut s, app);
    let closed = matches!(outcome, Some(Outcome::Close));
    if let Some(Outcome::Push(o)) = outcome {
        app.overlays.push(o);
    }
    if !closed && app.screen.is_browse() {
        put_back(&mut app.screen, s);
    }
}

/// Hands the layer with the keys to `f`, taken out of the app while it
/// runs (see `layer`), and puts it back unless it closed.
fn with_top(app: &mut App, f: impl FnOnce(&mut dyn Layer, &mut App) -> Option<Outcome>) {
    if let Some(mut top) = app.overlays.pop() {
        let at = app.overlays.len();
        let outcome = f(top.layer_mut(), app);
        match outcome {
            None | Some(Outcome::Stay) => app.overlays.insert(at.min(app.overlays.len()), top),
            Some(Outcome::Close) => {}
            Some(Outcome::Push(o)) => {
                app.overlays.insert(at.min(app.overlays.len()), top);
                app.overlays.push(o);
            }
        }
        return;
    }
    // A compare or overview screen leaves the browser it carries in its
    // place while it runs; it comes back over it unless it closed (or
    // opened another screen).
    match std::mem::take(&mut app.screen) {
        Screen::Browse(b) => {
            app.screen = Screen::Browse(b);
            let outcome = f(&mut BrowseScreen, app);
            if let Some(Outcome::Push(o)) = outcome {
                app.overlays.push(o);
            }
        }
        Screen::Compare(s, b) => {
            app.screen = Screen::Browse(b);
            run_carried(app, *s, f, Screen::to_compare);
        }
        Screen::Overview(s, b) => {
            app.screen = Screen::Browse(b);
            run_carried(app, *s, f, Screen::to_overview);
        }
        Screen::Debate(s, b) => {
            app.screen = Screen::Browse(b);
            run_carried(app, *s, f, Screen::to_debate);
        }
    }
}

/// The effects asked for so far, handed over.
fn effects(app: &mut App) -> Vec<Effect> {
    std::mem::take(&mut app.out)
}

/// Handles one key press: resolves it through the keymap (with a pending
/// first key of a sequence) and applies the action. Returns the effects
/// for the loop to run.
pub fn key(app: &mut App, press: KeyPress) -> Vec<Effect> {
    app.flash = None;
    let letter = match (press.code, press.ctrl, press.alt) {
        (Code::Char(c), false, false) => Some(c),
        _ => None,
    };
    // A question's answer letters come before any binding.
    if let (Some(c), Some(top)) = (letter, app.overlays.last())
        && top.layer().letters_first()
    {
        let mut taken = false;
        with_top(app, |l, app| {
            let outcome = l.typed(app, c);
            taken = outcome.is_some();
            outcome
        });
        if taken {
            return effects(app);
        }
    }
    let pending = app.pending.take();
    match app.settings.keymap.lookup(mode(app), pending, press) {
        Lookup::Action(a) => return update(app, a),
        Lookup::Pending => app.pending = Some(press),
        // An unbound printable key types, where there is text to type into.
        Lookup::None => {
            if let Some(c) = letter {
                with_top(app, |l, app| l.typed(app, c));
            }
        }
    }
    effects(app)
}

/// Pasted text (bracketed paste) goes into the text input on top, whole,
/// instead of being read as keys.
pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    with_top(app, |l, app| Some(l.paste(app, text)));
    effects(app)
}

/// Applies an action to whatever has the keys; returns the effects.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    // While the maps arrive, what spans them waits (`workspace::arrival`);
    // an overlay open meanwhile (help, a message) handles its own keys.
    if app.overlays.is_empty()
        && let Some(why) = crate::tui::arrivals::waits(app, action)
    {
        app.flash = Some(why);
        return effects(app);
    }
    with_top(app, |l, app| Some(l.handle(app, action)));
    navigate::relayout(app, app.view.areas.screen);
    effects(app)
}

/// Applies a mouse event: over a popup the wheel scrolls it; otherwise a
/// click selects the row under it and focuses its pane, the wheel scrolls
/// the pane under the pointer, a drag over the source selects a quote.
pub fn mouse(app: &mut App, m: Mouse) -> Vec<Effect> {
    if app.overlays.iter().any(Overlay::is_popup) {
        match m {
            Mouse::ScrollUp { .. } => return update(app, Action::Up),
            Mouse::ScrollDown { .. } => return update(app, Action::Down),
            Mouse::Click { .. } | Mouse::Drag { .. } => {}
        }
        return effects(app);
    }
    // A click or drag over the source selects a quote: an edit, which
    // waits while the maps arrive.
    let quoting = match m {
        Mouse::Drag { .. } => true,
        Mouse::Click { .. } => app.browse().show_source,
        _ => false,
    };
    if quoting && app.ws.arrival.is_some() {
        return effects(app);
    }
    browse::mouse(app, m);
    navigate::relayout(app, app.view.areas.screen);
    effects(app)
}
