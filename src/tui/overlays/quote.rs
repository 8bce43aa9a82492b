//! Quoting from the source: select a passage of the article's text in the
//! source pane (keys or mouse) and make it the selected node's quote, or a
//! new child's. The passage is cut from the source itself, so the quote is
//! verbatim by construction.
//!
//! A selection runs from an anchor word to a cursor word (words as Unicode
//! segments them, which works for Arabic), in logical order whatever the
//! direction the text is drawn in.
//!
//! `/` finds a passage: what is typed is looked for in the source (Arabic
//! normalised, Latin case-folded, as search does) from the cursor on, and
//! Enter starts the selection at the match, so a passage in the middle of
//! a long article is a few keys away, not a walk word by word.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;

use crate::model::edit::{Edit, NodeField};
use crate::text::normalize::{normalize, normalize_mapped};
use crate::tui::action::{Action, TextEdit};
use crate::tui::app::{App, Focus};
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::{Overlay, form};
use crate::tui::screens::navigate::selection_moved;
use crate::tui::screens::source;
use crate::tui::widgets::line_edit::LineEdit;
use crate::tui::widgets::list;
use crate::tui::widgets::text_field::input_line;
use crate::tui::workspace::editing;
use crate::tui::workspace::quitting::request_quit;

use crate::tui::overlays::form_state::Target;
use crate::tui::overlays::quote_state::QuoteSelect;

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

/// The selection being made, if any.
pub fn selecting(app: &App) -> Option<&QuoteSelect> {
    app.quote_selection()
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
        find: None,
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

impl QuoteSelect {
    /// Keys while the passage to find is typed: Enter jumps to it (the
    /// next match after the cursor, else the first), Esc stops finding.
    fn finding(&mut self, app: &mut App, action: Action) -> Outcome {
        let Some(line) = &mut self.find else {
            return Outcome::Stay;
        };
        match action {
            Action::Quit => request_quit(app),
            Action::Close => self.find = None,
            Action::Edit(e) => {
                line.apply(e);
            }
            Action::Accept => {
                let query = line.text.clone();
                self.find = None;
                let from = self.words.get(self.cursor).map_or(0, |w| w.end);
                match source_text(app).and_then(|t| find_in(t, &query, from)) {
                    Some(at) => {
                        self.anchor = self.word_at(at.start);
                        self.cursor = self
                            .words
                            .partition_point(|w| w.start < at.end)
                            .saturating_sub(1)
                            .max(self.anchor);
                        reveal_cursor(app, self);
                    }
                    None => app.flash = Some(format!("“{query}” is not in the source")),
                }
            }
            _ => {}
        }
        Outcome::Stay
    }
}

/// Where `query` occurs in `text` (Arabic normalised, Latin case-folded),
/// first after byte `from`, else from the start.
fn find_in(text: &str, query: &str, from: usize) -> Option<Range<usize>> {
    let q = normalize(query.trim());
    if q.is_empty() {
        return None;
    }
    let n = normalize_mapped(text);
    let hits: Vec<usize> = n.text.match_indices(q.as_str()).map(|(i, _)| i).collect();
    let range = |i: usize| n.original_range(i..i + q.len());
    hits.iter()
        .map(|&i| range(i))
        .find(|r| r.start >= from)
        .or_else(|| hits.first().map(|&i| range(i)))
}

impl Layer for QuoteSelect {
    fn mode(&self) -> Mode {
        // Typing what to find: printable keys type, as in the search line.
        if self.find.is_some() {
            Mode::Search
        } else {
            Mode::Quote
        }
    }

    fn typed(&mut self, _app: &mut App, c: char) -> Option<Outcome> {
        self.find.as_mut()?.insert(c);
        Some(Outcome::Stay)
    }

    fn paste(&mut self, _app: &mut App, text: &str) -> Outcome {
        if let Some(line) = &mut self.find {
            line.insert_str(text);
        }
        Outcome::Stay
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        if self.find.is_some() {
            return self.finding(app, action);
        }
        let last = self.words.len().saturating_sub(1);
        match action {
            Action::Search => {
                self.find = Some(LineEdit::default());
                return Outcome::Stay;
            }
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

    /// Nothing over the screen (the source pane marks the passage) but,
    /// while finding, the input line on the source pane's last row.
    fn render(&self, app: &App, _screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        let line = self.find.as_ref()?;
        let r = app.view.areas.right;
        if r.width < 3 || r.height < 3 {
            return None;
        }
        let row = Rect::new(r.x + 1, r.y + r.height - 2, r.width - 2, 1);
        buf.set_style(row, ratatui::style::Style::reset());
        for x in row.x..row.x + row.width {
            buf[(x, row.y)].set_symbol(" ");
        }
        input_line(
            "find: ",
            line,
            row,
            app.settings.bidi,
            app.settings.palette.key,
            buf,
        )
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Accept,
            Action::AddChild,
            Action::Edit(TextEdit::WordRight),
            Action::Down,
            Action::Search,
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
    form::open_node(app, Target::Child);
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
        if let Some(sel) = app.quote_selection_mut() {
            sel.anchor = sel.word_at(at);
            sel.cursor = sel.anchor;
        }
        return;
    }
    if selecting(app).is_none() {
        start(app);
        let from = app.browse().source_press.unwrap_or(at);
        if let Some(sel) = app.quote_selection_mut() {
            sel.anchor = sel.word_at(from);
        }
    }
    if let Some(sel) = app.quote_selection_mut() {
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
            find: None,
        };
        assert_eq!(&text[s.range()], "الوزير إن الانسحاب");
        std::mem::swap(&mut s.anchor, &mut s.cursor);
        assert_eq!(&text[s.range()], "الوزير إن الانسحاب");
        assert_eq!(s.word_count(), 3);
        assert_eq!(s.word_at(0), 0);
        assert_eq!(s.word_at(text.len()), 4);
    }
}
