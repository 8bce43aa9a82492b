//! The overview screen's keys (its state is `overview_state`'s): every article's stance, and the
//! articles × themes matrix with a selected cell whose nodes can be opened.
//! Drawing is `overview_view`'s.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::compare::Overview;
use crate::model::NodeRef;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::Overlay;
use crate::tui::overlays::choose::open_compare_picker;
use crate::tui::overlays::help;
use crate::tui::screens::browse_view::status_below;
use crate::tui::screens::navigate::{jump_to, select_map};
use crate::tui::screens::overview_view::{self, matrix_size};
use crate::tui::workspace::quitting::request_quit;

pub use crate::tui::screens::open::overview as open_overview;
use crate::tui::screens::overview_state::OverviewState;

impl Layer for OverviewState {
    fn mode(&self) -> Mode {
        Mode::Overview
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        let screen = app.view.areas.screen;
        let s = self;
        match action {
            Action::Close => return Outcome::Close,
            Action::Quit => request_quit(app),
            Action::Help => return Outcome::Push(Overlay::Help(help::at(app, Mode::Overview))),
            Action::Down => s.step(1, 0, matrix_size(screen)),
            Action::Up => s.step(-1, 0, matrix_size(screen)),
            Action::Left => s.step(0, -1, matrix_size(screen)),
            Action::Right => s.step(0, 1, matrix_size(screen)),
            Action::FocusNext | Action::FocusPrev => {
                s.in_nodes = !s.in_nodes && !s.nodes().is_empty();
            }
            Action::Accept => {
                let nodes = s.nodes();
                let pick = if s.in_nodes { s.node_sel } else { 0 };
                if let Some(&(map, node)) = nodes.get(pick) {
                    jump_to(app, NodeRef { map, node });
                    return Outcome::Close;
                }
            }
            Action::Compare => {
                if let Some(map) = s.ov.articles.get(s.row).map(|a| a.map) {
                    select_map(app, map as usize);
                    open_compare_picker(app);
                    return Outcome::Close;
                }
            }
            Action::ToggleLanguage => {
                app.settings.lang = app.settings.lang.other();
            }
            Action::ToggleReported => {
                crate::tui::screens::compare::toggle_reported(app);
                s.ov = Overview::build_with(&app.ws.corpus, app.settings.voices);
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        let body = status_below(app, screen, buf);
        overview_view::render(app, self, body, buf);
        None
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Help,
            Action::Right,
            Action::Down,
            Action::FocusNext,
            Action::Accept,
            Action::Compare,
            Action::Close,
        ]
    }
}
