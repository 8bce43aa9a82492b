//! Where things are on screen and the text laid out between frames: the
//! regions of the last layout (paging and mouse hits read them) and the
//! caches the view fills. State, not drawing, so the screens and overlays
//! that read it do not import `view`, which draws them.

use std::cell::RefCell;

use ratatui::layout::{Constraint, Layout, Rect};

use crate::text::BidiMode;
use crate::tui::screens::browse_state::Focus;
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
    /// The thread laying out text ahead of time (`tui::ahead`), started
    /// on the first frame of the loop; `None` in tests and benches that
    /// do not ask for it.
    pub ahead: Option<crate::tui::widgets::layout_ahead::Worker>,
    pub ahead_tried: bool,
    /// What the last look-ahead was planned for.
    pub ahead_key: Option<u64>,
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
