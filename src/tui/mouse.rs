//! A mouse event, in screen cells: what the loop makes of crossterm's and
//! `update::mouse` takes. Its own file so the browser's mouse handling can
//! name it without importing `update`, which sits above the browser.

/// A mouse event, in screen cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    Click {
        x: u16,
        y: u16,
    },
    /// Moved with the left button held.
    Drag {
        x: u16,
        y: u16,
    },
    ScrollUp {
        x: u16,
        y: u16,
    },
    ScrollDown {
        x: u16,
        y: u16,
    },
}
