//! Ending the session: at once when every edit is saved, else after asking
//! (save and quit, quit without saving, cancel). Every screen and overlay
//! quits through here, so it sits below all of them.

use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::overlays::Overlay;
use crate::tui::overlays::ask_state::{Answer, Ask};
use crate::tui::workspace::Quit;
use crate::tui::workspace::editing;

/// Quit, asking first when edits are unsaved.
pub fn request_quit(app: &mut App) {
    let dirty = app.ws.history.dirty_maps();
    if dirty.is_empty() {
        app.out.push(Effect::Quit(Quit::Keeping));
        return;
    }
    let names: Vec<String> = dirty
        .iter()
        .map(|&m| editing::map_file_name(app, m))
        .collect();
    let ask = Ask::new(
        "Unsaved edits",
        vec![format!("Unsaved edits in {}.", names.join(", "))],
    )
    .choice(
        's',
        "save and quit",
        Answer::Run(Effect::Save {
            then_quit: true,
            force: false,
        }),
    )
    .choice(
        'd',
        "quit without saving (the edits are lost)",
        Answer::QuitDiscarding,
    )
    .choice('c', "cancel", Answer::Cancel);
    app.overlays.push(Overlay::Ask(Box::new(ask)));
}
