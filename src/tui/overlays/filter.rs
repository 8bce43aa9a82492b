//! Filtering the article list by typing (`F`): the list keeps the articles
//! whose title (either language), id, outlet or stance holds every typed
//! word, Arabic normalised as search does. While typing, this overlay has
//! the keys and draws its input line at the foot of the list; Enter keeps
//! the filter, Esc drops it. The matching is `screens::list_filter`'s (the
//! list's drawing and keys use it too); the typed line is `filter_state`'s.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::action::Action;
use crate::tui::app::{App, Focus};
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::screens::list_filter::visible;
use crate::tui::screens::navigate::select_map;
use crate::tui::widgets::line_edit::LineEdit;
use crate::tui::workspace::quitting::request_quit;

use crate::tui::overlays::filter_state::ListFilter;
use crate::tui::widgets::text_field::input_line;

/// Opens the filter on the article list, with the filter in force.
pub fn open(app: &mut App) -> ListFilter {
    let b = app.screen.browse_mut();
    b.focus = Focus::Articles;
    b.panes.list_hidden = false;
    let text = b.filter.clone();
    ListFilter {
        line: LineEdit {
            cursor: text.len(),
            text,
        },
    }
}

impl ListFilter {
    /// Puts the typed filter in force and keeps the selection on a shown map.
    fn apply(&self, app: &mut App) {
        app.screen.browse_mut().filter = self.line.text.clone();
        let shown = visible(app);
        let sel = app.browse().selected;
        if !shown.contains(&sel)
            && let Some(&first) = shown.first()
        {
            app.screen.browse_mut().list_offset = first;
            select_map(app, first);
        }
    }
}

impl Layer for ListFilter {
    fn mode(&self) -> Mode {
        Mode::Search
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Quit => request_quit(app),
            Action::Accept => return Outcome::Close,
            Action::Close => {
                self.line = LineEdit::default();
                self.apply(app);
                return Outcome::Close;
            }
            Action::Down | Action::Up => {
                let shown = visible(app);
                let at = shown.iter().position(|&i| i == app.browse().selected);
                let next = match (at, action == Action::Down) {
                    (Some(k), true) => shown.get(k + 1),
                    (Some(k), false) => k.checked_sub(1).and_then(|k| shown.get(k)),
                    (None, _) => shown.first(),
                };
                if let Some(&n) = next {
                    select_map(app, n);
                }
            }
            Action::Edit(e) if self.line.apply(e) => self.apply(app),
            _ => {}
        }
        Outcome::Stay
    }

    fn typed(&mut self, app: &mut App, c: char) -> Option<Outcome> {
        self.line.insert(c);
        self.apply(app);
        Some(Outcome::Stay)
    }

    fn paste(&mut self, app: &mut App, text: &str) -> Outcome {
        if self.line.insert_str(text) {
            self.apply(app);
        }
        Outcome::Stay
    }

    /// The input line on the list's last inner row.
    fn render(&self, app: &App, _screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        let l = app.view.areas.list;
        if l.width < 3 || l.height < 3 {
            return None;
        }
        let row = Rect::new(l.x + 1, l.y + l.height - 2, l.width - 2, 1);
        buf.set_style(row, ratatui::style::Style::reset());
        for x in row.x..row.x + row.width {
            buf[(x, row.y)].set_symbol(" ");
        }
        input_line(
            "filter: ",
            &self.line,
            row,
            app.settings.bidi,
            app.settings.palette.key,
            buf,
        )
    }
}
