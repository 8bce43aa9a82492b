//! The debate screen's keys: the arguments for the motion and
//! against it, across all articles (clusters of `Agrees` links, ranked by
//! how many articles make them — `compare::debate`), one column each; the
//! selected argument opens into its nodes, each in its own article's words,
//! and the arguments that contradict it. Filters by theme (`t`) and year
//! (`y`) cycle through the values there are. `T` swaps the columns for the
//! timeline (`timeline_view`). Drawing is `debate_view`'s.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::compare::timeline::Timeline;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::Overlay;
use crate::tui::overlays::help_state::Help;
use crate::tui::screens::browse_view::status_below;
use crate::tui::screens::navigate::jump_to;
use crate::tui::screens::{debate_view, timeline_view};
use crate::tui::workspace::quitting::request_quit;

pub use crate::tui::screens::debate_state::DebateState;
pub use crate::tui::screens::open::{debate as open_debate, timeline as open_timeline};

impl Layer for DebateState {
    fn mode(&self) -> Mode {
        Mode::Debate
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        // The timeline scrolls with the line keys; it has no selection, so
        // the column keys wait for `T`.
        if self.timeline.is_some() && matches!(action, Action::Down | Action::Up) {
            let max = self.timeline_max.get();
            let top = self.timeline_top.min(max);
            self.timeline_top = if action == Action::Down {
                (top + 1).min(max)
            } else {
                top.saturating_sub(1)
            };
            return Outcome::Stay;
        }
        let moves = matches!(
            action,
            Action::Down
                | Action::Up
                | Action::Left
                | Action::Right
                | Action::FocusNext
                | Action::FocusPrev
                | Action::Accept
                | Action::CycleTheme
                | Action::CycleYear
        );
        if moves && self.timeline.is_some() {
            return Outcome::Stay;
        }
        match action {
            Action::Close => return Outcome::Close,
            Action::Quit => request_quit(app),
            Action::Help => return Outcome::Push(Overlay::Help(Help::default())),
            Action::Down => self.step(1),
            Action::Up => self.step(-1),
            Action::Left | Action::Right => {
                self.side = usize::from(action == Action::Right);
                self.in_members = false;
                self.member_sel = 0;
            }
            Action::FocusNext | Action::FocusPrev => {
                self.in_members = !self.in_members && self.selected().is_some();
                self.member_sel = 0;
            }
            Action::Accept => {
                if let Some(node) = self.target() {
                    jump_to(app, node);
                    return Outcome::Close;
                }
            }
            Action::CycleTheme => {
                self.filter.theme = Self::cycle(&self.filter.theme, &self.themes);
                self.refilter(&app.ws.corpus);
            }
            Action::CycleYear => {
                self.filter.year = Self::cycle(&self.filter.year, &self.years);
                self.refilter(&app.ws.corpus);
            }
            Action::ToggleLanguage => {
                app.settings.lang = app.settings.lang.other();
            }
            Action::Timeline => {
                self.timeline = match self.timeline {
                    Some(_) => None,
                    None => Some(Timeline::build(&app.ws.corpus)),
                };
                self.timeline_top = 0;
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        let body = status_below(app, screen, buf);
        match &self.timeline {
            Some(t) => {
                let max = timeline_view::render(app, t, self.timeline_top, body, buf);
                self.timeline_max.set(max);
            }
            None => debate_view::render(app, self, body, buf),
        }
        None
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Help,
            Action::Right,
            Action::FocusNext,
            Action::Accept,
            Action::CycleTheme,
            Action::CycleYear,
            Action::Timeline,
            Action::Close,
        ]
    }
}
