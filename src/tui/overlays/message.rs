//! A message over the screen (config problems, a failed save or export, a
//! map that does not load): a title and lines, scrolled with the keys of
//! the keymap's overlay table. The help overlay scrolls and draws the same
//! way, through [`scroll`] and [`render_scrolled`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{BorderType, Paragraph, Widget, Wrap};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::widgets::border::Border;
use crate::tui::widgets::popup;
use crate::tui::widgets::rows;
use crate::tui::workspace::quitting::request_quit;

use crate::tui::overlays::message_state::Message;

/// The keys of a scrolled text: close, quit, move a row or a page.
pub fn scroll(app: &mut App, scroll: &mut usize, action: Action) -> Outcome {
    let page = app.view.areas.screen.height.saturating_sub(4).max(1) as usize;
    match action {
        Action::Close => return Outcome::Close,
        Action::Quit => request_quit(app),
        Action::Down => *scroll += 1,
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::PageDown => *scroll += page,
        Action::PageUp => *scroll = scroll.saturating_sub(page),
        _ => {}
    }
    Outcome::Stay
}

/// Lines in a large centred frame, wrapped, scrolled (never past the end).
/// `widest` is the width of the widest line (`Line::width`).
pub fn render_scrolled(
    app: &App,
    title: String,
    lines: &[Line<'static>],
    widest: usize,
    scroll: usize,
    screen: Rect,
    buf: &mut Buffer,
) {
    let area = popup::centered_pct(screen, 80, 85);
    popup::clear(area, buf);
    let p = &app.settings.palette;
    // `Border`, not `Block`: the same cells, without restyling every cell
    // of the popup first (the help is most of the screen).
    let mut border = Border {
        kind: BorderType::Double,
        style: p.border_focus,
        title: Span::styled(title, p.title).into(),
        footer: Line::default(),
    };
    let height = area.height.saturating_sub(2) as usize;
    let max = lines.len().saturating_sub(height);
    // Say that there is more, and how to see it (issue 14).
    if max > 0 {
        let first = scroll.min(max);
        border.footer = Line::from(Span::styled(
            format!(
                " lines {}–{} of {} · {}/{} scroll ",
                first + 1,
                first + height,
                lines.len(),
                app.key(Mode::Overlay, Action::Down),
                app.key(Mode::Overlay, Action::Up),
            ),
            p.dim,
        ));
    }
    let inner = border.inner(area);
    border.render(area, buf);
    // Lines that fit need no wrapping: drawn row for row, the help at
    // 200×60 took half the time `Paragraph` took to wrap all of it anew.
    let fits = widest <= inner.width as usize && lines.iter().all(|l| l.alignment.is_none());
    if fits {
        rows::render(lines, scroll.min(max), inner, buf);
    } else {
        Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(max) as u16, 0))
            .render(inner, buf);
    }
}

impl Layer for Message {
    fn mode(&self) -> Mode {
        Mode::Overlay
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        scroll(app, &mut self.scroll, action)
    }

    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        let title = format!(
            " {} — {} closes ",
            self.title,
            app.key(Mode::Overlay, Action::Close)
        );
        let lines: Vec<Line> = self.lines.iter().map(|l| Line::raw(l.clone())).collect();
        let widest = lines.iter().map(Line::width).max().unwrap_or(0);
        render_scrolled(app, title, &lines, widest, self.scroll, screen, buf);
        None
    }
}
