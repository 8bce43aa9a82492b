//! Drawing: `view(&App, &mut Frame)` and the layout both it and the mouse
//! handling use. One `render_*` function per region; nothing here changes
//! state (the source pane's layout cache aside).

use std::cell::RefCell;

use crate::text::BidiMode;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::app::App;
use crate::tui::screens::browse::Focus;
use crate::tui::screens::panes::Panes;

/// Screen regions from the last layout, for paging and mouse hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub screen: Rect,
    pub list: Rect,
    pub tree: Rect,
    pub right: Rect,
    pub status: Rect,
}

/// The source pane's wrapped lines for one width, cached between frames.
#[derive(Debug, Clone, Default)]
pub struct SourceLayout {
    /// (map, text width, mode) the lines were laid out for; width is never 0,
    /// so the default key matches no real layout.
    pub key: (u32, u16, BidiMode),
    /// (byte offset where the visual line's paragraph starts, the line).
    pub lines: Vec<(usize, crate::text::VisualLine)>,
}

/// What the view keeps between frames: where things were drawn (for
/// paging and mouse hits) and laid-out text.
#[derive(Default)]
pub struct ViewCache {
    pub areas: Areas,
    pub layout_cache: RefCell<crate::tui::widgets::bidi_line::LayoutCache>,
    pub source_layout: RefCell<SourceLayout>,
}

/// Below this the browser cannot be drawn usefully.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

/// Splits the screen with the default panes and the list focused.
pub fn areas(screen: Rect) -> Areas {
    areas_for(screen, &Panes::default(), Focus::default())
}

/// Splits the screen for these pane settings and focus (see `panes`). The
/// loop and `update` store the result in `App::view.areas`, so update
/// (paging, mouse) and view agree on where things are. A hidden or folded
/// pane gets an empty rectangle.
pub fn areas_for(screen: Rect, panes: &Panes, focus: Focus) -> Areas {
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        return Areas {
            screen,
            ..Default::default()
        };
    }
    let [body, status] = screen.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let [lw, tw, rw] = panes.widths(body.width, focus);
    let list = Rect { width: lw, ..body };
    let tree = Rect {
        x: body.x + lw,
        width: tw,
        ..body
    };
    let right = Rect {
        x: body.x + lw + tw,
        width: rw,
        ..body
    };
    Areas {
        screen,
        list,
        tree,
        right,
        status,
    }
}

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
