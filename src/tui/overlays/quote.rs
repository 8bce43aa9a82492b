//! Quoting from the source: select a passage of the article's text in the
//! source pane (keys or mouse) and make it the selected node's quote, or a
//! new child's. The passage is cut from the source itself, so the quote is
//! verbatim by construction.
//!
//! A selection runs from an anchor word to a cursor word (words as Unicode
//! segments them, which works for Arabic), in logical order whatever the
//! direction the text is drawn in.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::edit::{Edit, NodeField};
use crate::tui::action::Action;
use crate::tui::app::{App, Focus};
use crate::tui::screens::source;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSelect {
    /// Byte ranges of the source's words, in order.
    pub words: Vec<Range<usize>>,
    pub anchor: usize,
    pub cursor: usize,
}

impl QuoteSelect {
    /// The selected bytes of the source: first word's start to last word's end.
    pub fn range(&self) -> Range<usize> {
        let (a, b) = (self.anchor.min(self.cursor), self.anchor.max(self.cursor));
        match (self.words.get(a), self.words.get(b)) {
            (Some(x), Some(y)) => x.start..y.end,
            _ => 0..0,
        }
    }

    pub fn word_count(&self) -> usize {
        self.anchor.abs_diff(self.cursor) + 1
    }

    /// The word containing byte `at` (or the next one after it).
    fn word_at(&self, at: usize) -> usize {
        self.words
            .partition_point(|w| w.end <= at)
            .min(self.words.len().saturating_sub(1))
    }
}

fn source_text(app: &App) -> Option<&str> {
    Some(
        app.ws
            .cache
            .get(app.screen.browse().selected)?
            .source
            .as_ref()?
            .text
            .as_str(),
    )
}

/// `v`: starts a selection at the selected node's quote if it has one in the
/// text, else at the first word on screen. Shows the source if it is hidden.
pub fn start(app: &mut App) {
    let Some(text) = source_text(app) else {
        app.flash = Some("no source text to quote from (start with --sources DIR)".into());
        return;
    };
    let words: Vec<Range<usize>> = text
        .unicode_word_indices()
        .map(|(i, w)| i..i + w.len())
        .collect();
    if words.is_empty() {
        app.flash = Some("the source text has no words".into());
        return;
    }
    if !app.screen.browse().show_source {
        app.screen.browse_mut().show_source = true;
        crate::tui::update::selection_moved(app);
    }
    let quote = app.current().and_then(|r| {
        app.ws
            .cache
            .get(r.map as usize)?
            .source
            .as_ref()?
            .quotes
            .get(r.node as usize)?
            .clone()
    });
    let mut sel = QuoteSelect {
        words,
        anchor: 0,
        cursor: 0,
    };
    match quote {
        Some(q) => {
            sel.anchor = sel.word_at(q.start);
            // The last word that starts inside the quote (a quote may end
            // on punctuation, which is no word).
            sel.cursor = sel
                .words
                .partition_point(|w| w.start < q.end)
                .saturating_sub(1)
                .max(sel.anchor);
        }
        None => {
            let first = source::line_start(app, app.screen.browse().source_scroll).unwrap_or(0);
            sel.anchor = sel.word_at(first);
            sel.cursor = sel.anchor;
        }
    }
    app.screen.browse_mut().focus = Focus::Detail;
    app.screen.browse_mut().quote_select = Some(sel);
    reveal_cursor(app);
}

/// Keys while selecting (the keymap's `Mode::Quote`).
pub fn update(app: &mut App, action: Action) {
    let Some(sel) = app.screen.browse_mut().quote_select.as_mut() else {
        return;
    };
    let last = sel.words.len().saturating_sub(1);
    match action {
        Action::Close => {
            app.screen.browse_mut().quote_select = None;
            return;
        }
        Action::Quit => return crate::tui::workspace::editing::request_quit(app),
        Action::WordRight | Action::CursorRight => sel.cursor = (sel.cursor + 1).min(last),
        Action::WordLeft | Action::CursorLeft => sel.cursor = sel.cursor.saturating_sub(1),
        Action::Swap => std::mem::swap(&mut sel.anchor, &mut sel.cursor),
        Action::Down | Action::Up => {
            let by = if action == Action::Down { 1 } else { -1 };
            let at = sel.words[sel.cursor].start;
            if let Some(target) = source::line_offset(app, at, by) {
                let sel = app
                    .screen
                    .browse_mut()
                    .quote_select
                    .as_mut()
                    .expect("checked above");
                sel.cursor = sel.word_at(target);
            }
        }
        Action::Accept => return set_quote(app),
        Action::AddChild => return child_from_quote(app),
        _ => {}
    }
    reveal_cursor(app);
}

/// Keeps the cursor's line in view.
fn reveal_cursor(app: &mut App) {
    let Some(sel) = &app.screen.browse().quote_select else {
        return;
    };
    let at = sel.words.get(sel.cursor).map_or(0, |w| w.start);
    if let Some(line) = source::line_of(app, at) {
        let h = app.view.areas.right.height.saturating_sub(2).max(1) as usize;
        if line < app.screen.browse().source_scroll {
            app.screen.browse_mut().source_scroll = line;
        } else if line >= app.screen.browse().source_scroll + h {
            app.screen.browse_mut().source_scroll = line + 1 - h;
        }
    }
}

/// The selected passage, as it is in the source.
fn passage(app: &App) -> Option<String> {
    let sel = app.screen.browse().quote_select.as_ref()?;
    Some(source_text(app)?.get(sel.range())?.to_string())
}

/// Enter: the passage becomes the selected node's quote (one undo step).
fn set_quote(app: &mut App) {
    let (Some(text), Some(r)) = (passage(app), app.current()) else {
        return;
    };
    app.screen.browse_mut().quote_select = None;
    let Some(a) = app.ws.corpus.article(r.map) else {
        return;
    };
    let name = format!(
        "quote {} from the source",
        crate::tui::workspace::editing::node_name(a, r.node)
    );
    let edit = Edit::Set {
        node: r.node,
        field: NodeField::Quote(Some(text.into())),
    };
    crate::tui::workspace::editing::apply(app, r.map, edit, name, r.node, r.node);
    app.screen.browse_mut().focus = Focus::Detail;
}

/// `a`: the node form for a new child of the selected node, quote filled in.
fn child_from_quote(app: &mut App) {
    let Some(text) = passage(app) else { return };
    app.screen.browse_mut().quote_select = None;
    crate::tui::overlays::form::open_node(app, crate::tui::overlays::form::Target::Child);
    if let Some(crate::tui::app::Overlay::Form(st)) = app.overlays.last_mut() {
        crate::tui::overlays::form::set_quote(&mut st.form, &text);
    }
}

/// A mouse press (`extend`: a drag) in the source pane at a screen cell.
pub fn mouse(app: &mut App, x: u16, y: u16, extend: bool) {
    let Some(at) = source::offset_at(app, x, y) else {
        return;
    };
    if !extend {
        // A click only notes where a drag would start; an open selection
        // starts again there.
        app.screen.browse_mut().source_press = Some(at);
        if let Some(sel) = app.screen.browse_mut().quote_select.as_mut() {
            sel.anchor = sel.word_at(at);
            sel.cursor = sel.anchor;
        }
        return;
    }
    if app.screen.browse().quote_select.is_none() {
        start(app);
        let from = app.screen.browse().source_press.unwrap_or(at);
        if let Some(sel) = app.screen.browse_mut().quote_select.as_mut() {
            sel.anchor = sel.word_at(from);
        }
    }
    if let Some(sel) = app.screen.browse_mut().quote_select.as_mut() {
        sel.cursor = sel.word_at(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_runs_from_word_to_word_either_way() {
        let text = "قال الوزير إن الانسحاب سيكتمل.";
        let words: Vec<Range<usize>> = text
            .unicode_word_indices()
            .map(|(i, w)| i..i + w.len())
            .collect();
        let mut s = QuoteSelect {
            words,
            anchor: 1,
            cursor: 3,
        };
        assert_eq!(&text[s.range()], "الوزير إن الانسحاب");
        std::mem::swap(&mut s.anchor, &mut s.cursor);
        assert_eq!(&text[s.range()], "الوزير إن الانسحاب");
        assert_eq!(s.word_count(), 3);
        assert_eq!(s.word_at(0), 0);
        assert_eq!(s.word_at(text.len()), 4);
    }
}
