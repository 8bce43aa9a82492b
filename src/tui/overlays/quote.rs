//! Quoting from the source: select a passage of the article's text in the
//! source pane (keys or mouse) and make it the selected node's quote, or a
//! new child's. The passage is cut from the source itself, so the quote is
//! verbatim by construction.
//!
//! A selection runs from an anchor word to a cursor word (words as Unicode
//! segments them, which works for Arabic), in logical order whatever the
//! direction the text is drawn in.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;

use crate::model::edit::{Edit, NodeField};
use crate::tui::action::{Action, TextEdit};
use crate::tui::app::{App, Focus};
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::ask::request_quit;
use crate::tui::overlays::{Overlay, form};
use crate::tui::screens::browse::selection_moved;
use crate::tui::screens::source;
use crate::tui::widgets::list;
use crate::tui::workspace::editing;

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
            .get(app.browse().selected)?
            .source
            .as_ref()?
            .text
            .as_str(),
    )
}

/// The quote selection open over the browser, if any (it is drawn by the
/// source pane, which marks the passage).
pub fn selecting(app: &App) -> Option<&QuoteSelect> {
    app.overlays.iter().rev().find_map(|o| match o {
        Overlay::Quote(q) => Some(&**q),
        _ => None,
    })
}

fn selecting_mut(app: &mut App) -> Option<&mut QuoteSelect> {
    app.overlays.iter_mut().rev().find_map(|o| match o {
        Overlay::Quote(q) => Some(&mut **q),
        _ => None,
    })
}

/// Ends a quote selection (its byte offsets belong to the article shown).
pub fn stop(app: &mut App) {
    app.overlays.retain(|o| !matches!(o, Overlay::Quote(_)));
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
    if !app.browse().show_source {
        app.screen.browse_mut().show_source = true;
        selection_moved(app);
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
            let first = source::line_start(app, app.browse().source_scroll).unwrap_or(0);
            sel.anchor = sel.word_at(first);
            sel.cursor = sel.anchor;
        }
    }
    app.screen.browse_mut().focus = Focus::Detail;
    reveal_cursor(app, &sel);
    app.overlays.push(Overlay::Quote(Box::new(sel)));
}

impl Layer for QuoteSelect {
    fn mode(&self) -> Mode {
        Mode::Quote
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        let last = self.words.len().saturating_sub(1);
        match action {
            Action::Close => return Outcome::Close,
            Action::Quit => {
                request_quit(app);
                return Outcome::Stay;
            }
            Action::Edit(TextEdit::WordRight) | Action::Edit(TextEdit::CursorRight) => {
                self.cursor = (self.cursor + 1).min(last)
            }
            Action::Edit(TextEdit::WordLeft) | Action::Edit(TextEdit::CursorLeft) => {
                self.cursor = self.cursor.saturating_sub(1)
            }
            Action::Swap => std::mem::swap(&mut self.anchor, &mut self.cursor),
            Action::Down | Action::Up => {
                let by = if action == Action::Down { 1 } else { -1 };
                let at = self.words[self.cursor].start;
                if let Some(target) = source::line_offset(app, at, by) {
                    self.cursor = self.word_at(target);
                }
            }
            Action::Accept => {
                set_quote(app, self);
                return Outcome::Close;
            }
            Action::AddChild => {
                child_from_quote(app, self);
                return Outcome::Close;
            }
            _ => {}
        }
        reveal_cursor(app, self);
        Outcome::Stay
    }

    /// Nothing over the screen: the source pane marks the passage.
    fn render(&self, _app: &App, _screen: Rect, _buf: &mut Buffer) -> Option<(u16, u16)> {
        None
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Accept,
            Action::AddChild,
            Action::Edit(TextEdit::WordRight),
            Action::Down,
            Action::Swap,
            Action::Close,
        ]
    }
}

/// Keeps the cursor's line in view.
fn reveal_cursor(app: &mut App, sel: &QuoteSelect) {
    let at = sel.words.get(sel.cursor).map_or(0, |w| w.start);
    if let Some(line) = source::line_of(app, at) {
        let h = app.view.areas.right.height.saturating_sub(2).max(1) as usize;
        let b = app.screen.browse_mut();
        b.source_scroll = list::scroll_into_view(b.source_scroll, line, h);
    }
}

/// The selected passage, as it is in the source.
fn passage(app: &App, sel: &QuoteSelect) -> Option<String> {
    Some(source_text(app)?.get(sel.range())?.to_string())
}

/// Enter: the passage becomes the selected node's quote (one undo step).
fn set_quote(app: &mut App, sel: &QuoteSelect) {
    let (Some(text), Some(r)) = (passage(app, sel), app.current()) else {
        return;
    };
    let Some(a) = app.ws.corpus.article(r.map) else {
        return;
    };
    let name = format!("quote {} from the source", editing::node_name(a, r.node));
    let edit = Edit::Set {
        node: r.node,
        field: NodeField::Quote(Some(text.into())),
    };
    editing::apply(app, r.map, edit, name, r.node, r.node);
    app.screen.browse_mut().focus = Focus::Detail;
}

/// `a`: the node form for a new child of the selected node, quote filled in.
fn child_from_quote(app: &mut App, sel: &QuoteSelect) {
    let Some(text) = passage(app, sel) else {
        return;
    };
    form::open_node(app, form::Target::Child);
    if let Some(Overlay::Form(st)) = app.overlays.last_mut() {
        form::set_quote(&mut st.form, &text);
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
        if let Some(sel) = selecting_mut(app) {
            sel.anchor = sel.word_at(at);
            sel.cursor = sel.anchor;
        }
        return;
    }
    if selecting(app).is_none() {
        start(app);
        let from = app.browse().source_press.unwrap_or(at);
        if let Some(sel) = selecting_mut(app) {
            sel.anchor = sel.word_at(from);
        }
    }
    if let Some(sel) = selecting_mut(app) {
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
