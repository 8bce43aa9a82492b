//! Opening the compare, overview and debate screens over the browser. The
//! browser's keys, the overview, the compare screen itself and the compare
//! chooser all open them, so the openings sit below all of those (which
//! would otherwise import each other in a circle).

use crate::compare::timeline::Timeline;
use crate::compare::{Comparison, Overview};
use crate::tui::app::App;
use crate::tui::screens::compare_state::{CompareState, body_height};
use crate::tui::screens::debate_state::DebateState;
use crate::tui::screens::overview_state::OverviewState;

/// Opens the compare screen on maps `a` and `b`; says why not if it cannot
/// (and returns false).
pub fn compare(app: &mut App, a: u32, b: u32) -> bool {
    match Comparison::build_with(&app.ws.corpus, a, b, app.settings.voices) {
        Ok(cmp) => {
            let mut s = CompareState::new(cmp);
            s.select(0, body_height(app.view.areas.screen));
            app.screen.to_compare(s);
            true
        }
        Err(e) => {
            app.flash = Some(e.to_string());
            false
        }
    }
}

/// Opens the overview, on the selected article's row.
pub fn overview(app: &mut App) {
    let ov = Overview::build_with(&app.ws.corpus, app.settings.voices);
    let row = ov
        .articles
        .iter()
        .position(|a| a.map == app.map())
        .unwrap_or(0);
    app.screen.to_overview(OverviewState::new(ov, row));
}

/// Opens the debate screen.
pub fn debate(app: &mut App) {
    let s = DebateState::new(&app.ws.corpus);
    app.screen.to_debate(s);
}

/// The same screen, showing the timeline first.
pub fn timeline(app: &mut App) {
    let mut s = DebateState::new(&app.ws.corpus);
    s.timeline = Some(Timeline::build(&app.ws.corpus));
    app.screen.to_debate(s);
}
