//! Drawing a [`Chooser`]: its query line with the cursor, the matching
//! items (marks in multi mode), the selected one highlighted, labels in
//! Arabic laid out right-to-left.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use crate::text::{self, BidiMode};
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::palette::Palette;
use crate::tui::widgets::bidi_line::to_line;
use crate::tui::widgets::chooser::Chooser;
use crate::tui::widgets::list::scroll_into_view;
use crate::tui::widgets::popup;
use crate::tui::widgets::selection;
use crate::tui::widgets::text_field::input_line;

/// Where the chooser goes on a screen.
pub fn area(screen: Rect) -> Rect {
    let w = ((u32::from(screen.width) * 8 / 10) as u16)
        .max(30)
        .min(screen.width);
    let h = ((u32::from(screen.height) * 7 / 10) as u16)
        .max(8)
        .min(screen.height);
    popup::centered(screen, w, h)
}

/// Rows of items the chooser shows on a screen: its height less the
/// borders, the query line and the blank line under it.
pub fn rows(screen: Rect) -> usize {
    area(screen).height.saturating_sub(4) as usize
}

/// Draws the chooser over `screen`; returns where the terminal cursor goes
/// (in the query), or `None`.
pub fn render(
    c: &Chooser,
    palette: &Palette,
    bidi: BidiMode,
    km: &Keymap,
    screen: Rect,
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    let p = palette;
    let area = area(screen);
    crate::tui::widgets::popup::clear(area, buf);
    let key = |a| km.name(Mode::Search, a);
    let keys = if c.multi {
        format!(
            "{} marks · {} done · {} cancels",
            key(Action::Toggle),
            key(Action::Accept),
            key(Action::Close)
        )
    } else {
        format!(
            "{} chooses · {} cancels",
            key(Action::Accept),
            key(Action::Close)
        )
    };
    let mut status = format!(" {}/{}", c.filtered.len(), c.len());
    if c.multi {
        status.push_str(&format!(" · {} marked", c.marked.len()));
    }
    if c.waiting.is_some() {
        status.push_str(" · matching…");
    }
    if let Some(percent) = c.indexing {
        status.push_str(&format!(" · indexing {percent}%…"));
    }
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(p.border_focus)
        .title(Span::styled(format!(" {} ", c.title), p.title))
        .title_bottom(Line::from(vec![
            Span::styled(status, p.dim),
            Span::raw(format!(" · {keys} ")),
        ]));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width == 0 || inner.height == 0 {
        return None;
    }

    let cursor = input_line(
        "> ",
        &c.line,
        Rect::new(inner.x, inner.y, inner.width, 1),
        bidi,
        p.key,
        buf,
    );

    let rows = inner.height.saturating_sub(2) as usize;
    if c.filtered.is_empty() && rows > 0 {
        let y = inner.y + 2;
        Line::styled("  nothing matches", p.dim).render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
    let offset = scroll_into_view(c.offset, c.selected, rows);
    for (k, &i) in c.filtered.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + 2 + (k - offset) as u16;
        let rect = Rect::new(inner.x, y, inner.width, 1);
        let line = item_line(c, i, p, bidi, inner.width.saturating_sub(1));
        selection::row(line, k == c.selected, inner.width, p).render(rect, buf);
    }
    cursor
}

/// One item's row: its mark in multi mode, then its label's first line.
fn item_line(c: &Chooser, i: usize, p: &Palette, bidi: BidiMode, width: u16) -> Line<'static> {
    let mark = match (c.multi, c.marked.contains(&i)) {
        (false, _) => "  ",
        (true, true) => "[x] ",
        (true, false) => "[ ] ",
    };
    let room = width.saturating_sub(mark.len() as u16);
    let label = c.label(i);
    let label = label.split('\n').next().unwrap_or("");
    // Labels are composed of fields (`id — English — Arabic`, `badge —
    // title`): each is laid out on its own, so an Arabic field does not
    // reorder its neighbours (issue 14).
    let fields: Vec<&str> = label.split(" — ").collect();
    let vl = text::compose::isolated(&fields, " — ", room as usize, bidi);
    let mut line = to_line(&vl, false, room, Style::new(), 0, &|_| None);
    let mark_style = if c.marked.contains(&i) { p.key } else { p.dim };
    line.spans.insert(0, Span::styled(mark, mark_style));
    line
}
