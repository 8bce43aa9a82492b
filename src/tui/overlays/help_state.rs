//! The `?` help's state: how far it is scrolled, and its text once made.
//! What it shows and how it scrolls are `help`'s.

use std::cell::OnceCell;

use ratatui::text::Line;

use crate::tui::keymap::Mode;

#[derive(Debug, Clone, Default)]
pub struct Help {
    pub scroll: usize,
    /// Made from the keymap the first time the help is drawn, then kept:
    /// nothing can rebind a key while the help is open, and building its
    /// ~150 lines anew was two fifths of each help frame at 200×60.
    pub text: OnceCell<HelpText>,
}

/// The help's lines, the line each mode's section starts on, and the width
/// of the widest line.
#[derive(Debug, Clone)]
pub struct HelpText {
    pub lines: Vec<Line<'static>>,
    pub sections: Vec<(Mode, usize)>,
    pub widest: usize,
}
