//! The debate screen's state and keys: the arguments for the motion and
//! against it, across all articles (clusters of `Agrees` links, ranked by
//! how many articles make them — `compare::debate`), one column each; the
//! selected argument opens into its nodes, each in its own article's words,
//! and the arguments that contradict it. Filters by theme (`t`) and year
//! (`y`) cycle through the values there are. `T` swaps the columns for the
//! timeline (`timeline_view`). Drawing is `debate_view`'s.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::compare::debate::{Debate, Filter, article_span};
use std::cell::Cell;

use crate::compare::timeline::Timeline;
use crate::model::{ClusterBearing, NodeRef};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::Overlay;
use crate::tui::overlays::ask::request_quit;
use crate::tui::overlays::help::Help;
use crate::tui::screens::browse::jump_to;
use crate::tui::screens::browse_view::render_status;
use crate::tui::screens::{debate_view, timeline_view};

/// The two columns.
pub const SIDES: [ClusterBearing; 2] = [ClusterBearing::For, ClusterBearing::Against];

#[derive(Debug, Clone)]
pub struct DebateState {
    pub debate: Debate,
    /// The motion's theme ids and the years articles are dated in, which
    /// the filters cycle through.
    pub themes: Vec<Box<str>>,
    pub years: Vec<i32>,
    pub filter: Filter,
    /// Each column's arguments under the filter, in rank order.
    pub lists: [Vec<u32>; 2],
    /// Which column has the keys (0 for, 1 against) and each one's selection.
    pub side: usize,
    pub sel: [usize; 2],
    /// Whether the selected argument's nodes have the keys, and which one.
    pub in_members: bool,
    pub member_sel: usize,
    /// Showing the timeline instead of the two columns (`T`).
    pub timeline: Option<Timeline>,
    /// The timeline's first shown line (`j`/`k` scroll it), and the last
    /// first line the latest frame allowed (its height decides, so the view
    /// writes it and the keys clamp against it).
    pub timeline_top: u16,
    pub timeline_max: Cell<u16>,
}

impl DebateState {
    pub fn new(app: &App) -> DebateState {
        let corpus = &app.ws.corpus;
        let themes = corpus
            .motion
            .iter()
            .flat_map(|m| m.themes.iter().map(|t| t.id.clone()))
            .collect();
        let mut years: Vec<i32> = corpus
            .articles()
            .filter_map(|(_, a)| Some(article_span(a)?.year))
            .collect();
        years.sort_unstable();
        years.dedup();
        let mut s = DebateState {
            debate: Debate::build(corpus),
            themes,
            years,
            filter: Filter::default(),
            lists: [Vec::new(), Vec::new()],
            side: 0,
            sel: [0, 0],
            in_members: false,
            member_sel: 0,
            timeline: None,
            timeline_top: 0,
            timeline_max: Cell::new(0),
        };
        s.refilter(app);
        s
    }

    fn refilter(&mut self, app: &App) {
        for (i, side) in SIDES.into_iter().enumerate() {
            self.lists[i] = self.debate.side(&app.ws.corpus, side, &self.filter);
            self.sel[i] = self.sel[i].min(self.lists[i].len().saturating_sub(1));
        }
        self.in_members = false;
        self.member_sel = 0;
    }

    /// The selected argument of the focused column.
    pub fn selected(&self) -> Option<u32> {
        self.lists[self.side].get(self.sel[self.side]).copied()
    }

    /// The node Enter opens: the selected member, else the argument's
    /// representative claim.
    fn target(&self) -> Option<NodeRef> {
        let c = self.selected()?;
        if self.in_members {
            return self.debate.members(c).get(self.member_sel).map(|m| m.node);
        }
        self.debate.info(c).map(|i| i.representative)
    }

    fn step(&mut self, by: isize) {
        if self.in_members {
            let n = self.selected().map_or(0, |c| self.debate.members(c).len());
            if n > 0 {
                self.member_sel = (self.member_sel as isize + by).clamp(0, n as isize - 1) as usize;
            }
            return;
        }
        let n = self.lists[self.side].len();
        if n > 0 {
            let s = &mut self.sel[self.side];
            *s = (*s as isize + by).clamp(0, n as isize - 1) as usize;
        }
    }

    /// The next value of a filter: none → the first → … → the last → none.
    fn cycle<T: Clone + PartialEq>(current: &Option<T>, values: &[T]) -> Option<T> {
        match current {
            None => values.first().cloned(),
            Some(v) => {
                let i = values.iter().position(|x| x == v)?;
                values.get(i + 1).cloned()
            }
        }
    }
}

pub fn open_debate(app: &mut App) {
    let s = DebateState::new(app);
    app.screen.to_debate(s);
}

/// The same screen, showing the timeline first.
pub fn open_timeline(app: &mut App) {
    let mut s = DebateState::new(app);
    s.timeline = Some(Timeline::build(&app.ws.corpus));
    app.screen.to_debate(s);
}

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
                self.refilter(app);
            }
            Action::CycleYear => {
                self.filter.year = Self::cycle(&self.filter.year, &self.years);
                self.refilter(app);
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
        let body = Rect {
            height: screen.height.saturating_sub(1),
            ..screen
        };
        match &self.timeline {
            Some(t) => {
                let max = timeline_view::render(app, t, self.timeline_top, body, buf);
                self.timeline_max.set(max);
            }
            None => debate_view::render(app, self, body, buf),
        }
        let status = Rect {
            y: screen.y + body.height,
            height: screen.height - body.height,
            ..screen
        };
        render_status(app, status, buf);
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
