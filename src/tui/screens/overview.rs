//! The overview screen's state and keys: every article's stance, and the
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
use crate::tui::overlays::ask::request_quit;
use crate::tui::overlays::choose::open_compare_picker;
use crate::tui::overlays::help::Help;
use crate::tui::screens::browse::{jump_to, select_map};
use crate::tui::screens::browse_view::render_status;
use crate::tui::screens::overview_view::{self, matrix_size};
use crate::tui::widgets::list;

#[derive(Debug, Clone)]
pub struct OverviewState {
    pub ov: Overview,
    /// Selected article (index into `ov.articles`) and theme column.
    pub row: usize,
    pub col: usize,
    /// First article row and theme column shown.
    pub row_offset: usize,
    pub col_offset: usize,
    /// Whether the node list below the matrix has the keys.
    pub in_nodes: bool,
    pub node_sel: usize,
}

impl OverviewState {
    pub fn new(ov: Overview, row: usize) -> OverviewState {
        OverviewState {
            row: row.min(ov.articles.len().saturating_sub(1)),
            ov,
            col: 0,
            row_offset: 0,
            col_offset: 0,
            in_nodes: false,
            node_sel: 0,
        }
    }

    /// The selected cell's nodes, as (map, node).
    pub fn nodes(&self) -> Vec<(u32, u32)> {
        let Some(a) = self.ov.articles.get(self.row) else {
            return vec![];
        };
        a.cells
            .get(self.col)
            .map_or(vec![], |c| c.nodes.iter().map(|&n| (a.map, n)).collect())
    }

    /// Moves the cell (or the node selection) and keeps it in view.
    pub fn step(&mut self, rows: isize, cols: isize, screen: Rect) {
        if self.in_nodes {
            let n = self.nodes().len();
            if n > 0 {
                self.node_sel = (self.node_sel as isize + rows).clamp(0, n as isize - 1) as usize;
            }
            return;
        }
        let nr = self.ov.articles.len();
        let nc = self.ov.themes.len();
        if nr == 0 || nc == 0 {
            return;
        }
        self.row = (self.row as isize + rows).clamp(0, nr as isize - 1) as usize;
        self.col = (self.col as isize + cols).clamp(0, nc as isize - 1) as usize;
        self.node_sel = 0;
        let (h, w) = matrix_size(screen);
        self.row_offset = list::scroll_into_view(self.row_offset, self.row, h);
        self.col_offset = list::scroll_into_view(self.col_offset, self.col, w);
    }
}

pub fn open_overview(app: &mut App) {
    let ov = Overview::build_with(&app.ws.corpus, app.settings.voices);
    let row = ov
        .articles
        .iter()
        .position(|a| a.map == app.map())
        .unwrap_or(0);
    app.screen.to_overview(OverviewState::new(ov, row));
}

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
            Action::Help => return Outcome::Push(Overlay::Help(Help::at(app, Mode::Overview))),
            Action::Down => s.step(1, 0, screen),
            Action::Up => s.step(-1, 0, screen),
            Action::Left => s.step(0, -1, screen),
            Action::Right => s.step(0, 1, screen),
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
        let body = Rect {
            height: screen.height.saturating_sub(1),
            ..screen
        };
        overview_view::render(app, self, body, buf);
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
            Action::Down,
            Action::FocusNext,
            Action::Accept,
            Action::Compare,
            Action::Close,
        ]
    }
}
