//! Editing the maps from the browser: the actions that change an article,
//! undo and redo across the session, and which maps have unsaved edits.

use super::action::Action;
use super::app::App;

/// Runs an editing action in the browser.
pub fn act(app: &mut App, action: Action) {
    let _ = action;
    app.flash = Some("editing is not built yet".into());
}
