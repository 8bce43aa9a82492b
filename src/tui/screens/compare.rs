//! The compare screen's state and keys: two articles side by side, a
//! selection moving through one side's nodes theme by theme. Drawing is
//! `compare_view`'s.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::compare::{Comparison, Side, Verdict};
use crate::model::NodeRef;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::Overlay;
use crate::tui::overlays::ask::request_quit;
use crate::tui::overlays::export::Export;
use crate::tui::overlays::help::Help;
use crate::tui::screens::browse::jump_to;
use crate::tui::screens::compare_view;
use crate::tui::screens::overview::open_overview;
use crate::tui::widgets::list;

/// What the compare screen shows and where its selection is.
#[derive(Debug, Clone)]
pub struct CompareState {
    pub cmp: Comparison,
    /// The side the selection moves on.
    pub side: Side,
    /// Index into [`CompareState::items`].
    pub sel: usize,
    /// First body line shown.
    pub offset: usize,
    pub clashes_only: bool,
}

/// One selectable place: a row, and a node of the focused side on it (none
/// when that side says nothing on the theme).
pub type Item = (usize, Option<usize>);

impl CompareState {
    pub fn new(cmp: Comparison) -> CompareState {
        CompareState {
            cmp,
            side: Side::A,
            sel: 0,
            offset: 0,
            clashes_only: false,
        }
    }

    pub fn visible_rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.cmp
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !self.clashes_only || r.verdict == Verdict::Clash)
            .map(|(i, _)| i)
    }

    /// The selectable places on the focused side, top to bottom.
    pub fn items(&self) -> Vec<Item> {
        let mut out = Vec::new();
        for r in self.visible_rows() {
            let n = self.cmp.rows[r].side(self.side).entries.len();
            if n == 0 {
                out.push((r, None));
            }
            out.extend((0..n).map(|e| (r, Some(e))));
        }
        out
    }

    /// The item the selection is on, found without listing every item
    /// (the view asks for it each frame).
    pub fn selected_item(&self) -> Option<Item> {
        let mut left = self.sel;
        for r in self.visible_rows() {
            let n = self.cmp.rows[r].side(self.side).entries.len().max(1);
            if left < n {
                let has = !self.cmp.rows[r].side(self.side).entries.is_empty();
                return Some((r, has.then_some(left)));
            }
            left -= n;
        }
        None
    }

    /// Body lines each visible row takes: its heading, its longer side, its links.
    pub(crate) fn height(&self, r: usize) -> usize {
        let row = &self.cmp.rows[r];
        1 + row.a.entries.len().max(row.b.entries.len()).max(1) + row.links.len()
    }

    /// The body line an item is drawn on.
    fn line_of(&self, item: Item) -> usize {
        let mut line = 0;
        for r in self.visible_rows() {
            if r == item.0 {
                return line + 1 + item.1.unwrap_or(0);
            }
            line += self.height(r);
        }
        line
    }

    /// Moves the selection and scrolls so it stays in a body `height` lines tall.
    pub fn select(&mut self, by: isize, height: usize) {
        let items = self.items();
        if items.is_empty() {
            self.sel = 0;
            return;
        }
        self.sel = list::step(self.sel, by, items.len());
        let line = self.line_of(items[self.sel]);
        let h = height.max(1);
        self.offset = if line < self.offset + 1 {
            // Show the row's heading with its first node.
            line.saturating_sub(1 + items[self.sel].1.unwrap_or(0))
        } else {
            list::scroll_into_view(self.offset, line, h)
        };
    }

    /// Switches the focused side, staying on the same theme.
    pub fn switch_side(&mut self, height: usize) {
        let row = self.items().get(self.sel).map(|i| i.0);
        self.side = match self.side {
            Side::A => Side::B,
            Side::B => Side::A,
        };
        self.sel = self
            .items()
            .iter()
            .position(|i| Some(i.0) == row)
            .unwrap_or(0);
        self.select(0, height);
    }

    /// The map and node the selection is on.
    pub fn selected_node(&self) -> Option<(u32, u32)> {
        let (r, e) = self.selected_item()?;
        let entry = self.cmp.rows[r].side(self.side).entries.get(e?)?;
        let map = match self.side {
            Side::A => self.cmp.a,
            Side::B => self.cmp.b,
        };
        Some((map, entry.node))
    }
}

/// Lines the body has on a screen (for paging and keeping the selection in view).
pub fn body_height(screen: Rect) -> usize {
    screen.height.saturating_sub(7) as usize
}

/// Switches whether reported claims count, and says which now do.
pub fn toggle_reported(app: &mut App) {
    app.settings.voices = app.settings.voices.toggled();
    app.flash = Some(match app.settings.voices {
        crate::compare::Voices::Own => {
            "counting the authors' own claims; reported ones (‹voice›) are shown apart".into()
        }
        crate::compare::Voices::All => "counting reported claims (‹voice›) as the authors'".into(),
    });
}

/// Opens the compare screen on maps `a` and `b`; says why not if it cannot
/// (and returns false).
pub fn open_compare(app: &mut App, a: u32, b: u32) -> bool {
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

impl Layer for CompareState {
    fn mode(&self) -> Mode {
        Mode::Compare
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        let h = body_height(app.view.areas.screen);
        let s = self;
        match action {
            Action::Close => return Outcome::Close,
            Action::Quit => request_quit(app),
            Action::Help => return Outcome::Push(Overlay::Help(Help::at(app, Mode::Compare))),
            Action::Down => s.select(1, h),
            Action::Up => s.select(-1, h),
            Action::PageDown => s.select(h as isize, h),
            Action::PageUp => s.select(-(h as isize), h),
            Action::Top => s.select(isize::MIN / 2, h),
            Action::Bottom => s.select(isize::MAX / 2, h),
            Action::FocusNext | Action::FocusPrev => s.switch_side(h),
            Action::ClashesOnly => {
                s.clashes_only = !s.clashes_only;
                s.sel = 0;
                s.offset = 0;
                s.select(0, h);
            }
            Action::Swap => {
                let (a, b, side) = (s.cmp.a, s.cmp.b, s.side);
                if !open_compare(app, b, a) {
                    return Outcome::Stay;
                }
                if let crate::tui::screens::Screen::Compare(s, _) = &mut app.screen
                    && side == Side::A
                {
                    s.switch_side(h);
                }
                return Outcome::Close;
            }
            Action::NextArticle | Action::PrevArticle => {
                let (a, b) = (s.cmp.a, s.cmp.b);
                let others: Vec<u32> = app
                    .ws
                    .corpus
                    .articles()
                    .map(|(m, _)| m)
                    .filter(|&m| m != a)
                    .collect();
                let Some(i) = others.iter().position(|&m| m == b) else {
                    return Outcome::Stay;
                };
                let n = others.len();
                let j = if action == Action::NextArticle {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                if open_compare(app, a, others[j]) {
                    return Outcome::Close;
                }
            }
            Action::ToggleLanguage => {
                app.settings.lang = app.settings.lang.other();
            }
            Action::ToggleReported => {
                // The same pair, side, filter and place, counted anew.
                let (a, b, sel, side, clashes) = (s.cmp.a, s.cmp.b, s.sel, s.side, s.clashes_only);
                toggle_reported(app);
                if open_compare(app, a, b) {
                    if let crate::tui::screens::Screen::Compare(s, _) = &mut app.screen {
                        s.clashes_only = clashes;
                        if side == Side::B {
                            s.switch_side(h);
                        }
                        s.sel = 0;
                        s.select(sel as isize, h);
                    }
                    return Outcome::Close;
                }
            }
            Action::Accept => {
                if let Some((map, node)) = s.selected_node() {
                    jump_to(app, NodeRef { map, node });
                    return Outcome::Close;
                }
            }
            Action::Overview => {
                open_overview(app);
                return Outcome::Close;
            }
            Action::Export => {
                let ids = [s.cmp.a, s.cmp.b]
                    .iter()
                    .filter_map(|&m| app.ws.corpus.article(m).map(|a| a.meta.id.to_string()))
                    .collect();
                return Outcome::Push(Overlay::Export(Export::new(ids)));
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        compare_view::render(app, self, screen, buf);
        None
    }
}
