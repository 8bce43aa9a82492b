//! Drawing: `view(&App, &mut Frame)` draws the screen, then each overlay
//! bottom-up, each through its layer. It sits on top, beside `update`:
//! nothing below imports it. The regions it and the mouse handling share
//! are `layout`'s (re-exported here); nothing here changes state.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::app::App;
pub use crate::tui::layout::{
    Areas, MIN_HEIGHT, MIN_WIDTH, SourceLayout, ViewCache, areas, areas_for,
};

pub fn view(app: &App, frame: &mut Frame) {
    let buf = frame.buffer_mut();
    let a = app.view.areas;
    if a.status.width == 0 {
        render_too_small(app, a.screen, buf);
        return;
    }
    app.screen.layer().render(app, a.screen, buf);
    // Bottom-up; only the top overlay's cursor shows.
    let mut cursor = None;
    for o in &app.overlays {
        cursor = o.layer().render(app, a.screen, buf);
    }
    debug_assert!(
        crate::tui::widgets::rows::widths_hold(buf),
        "a wide glyph drawn over a cell whose width was stated (rows::put_cell)"
    );
    if let Some((x, y)) = cursor {
        frame.set_cursor_position(ratatui::layout::Position { x, y });
    }
}

fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let msg = format!("enlarge the terminal (at least {MIN_WIDTH}×{MIN_HEIGHT})");
    Paragraph::new(msg)
        .style(app.settings.palette.warning)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
