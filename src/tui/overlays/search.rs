//! The `/` search overlay: a query line that edits like a shell line, and
//! ranked hits labelled with their article's stance badge, matched
//! characters highlighted (through the bidi reordering, for Arabic). The
//! matching runs on the search worker's thread; this module takes the
//! overlay's keys, sends the query and draws the hits. What it holds is
//! `search_state`'s; the index and worker are the workspace's
//! (`workspace::search_engine`).

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};

use crate::search::Hit;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::palette::stance_glyph;
use crate::tui::screens::navigate::jump_to;
use crate::tui::widgets::bidi_line::{fields_line, to_line};
use crate::tui::widgets::selection;
use crate::tui::widgets::text_field::input_line;
use crate::tui::workspace::quitting::request_quit;

use crate::tui::overlays::search_state::{SearchState, area, rows};
use crate::tui::workspace::search_engine::Engine;

impl SearchState {
    /// The effect that sends the query as it now is to the search worker.
    fn submission(&self) -> Effect {
        Effect::Search {
            query: self.line.text.clone(),
        }
    }
}

fn render(app: &App, s: &SearchState, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let p = &app.settings.palette;
    let area = area(screen);
    crate::tui::widgets::popup::clear(area, buf);
    let status = if let Some(arrival) = &app.ws.arrival {
        format!("waits until every map is in ({})", arrival.status())
    } else if let Some(pct) = s.indexing {
        format!("indexing… {pct}%")
    } else if s.query().trim().is_empty() {
        "type to search claims, quotes, notes, titles, themes · stance:pro theme:<id> article:<id>"
            .to_string()
    } else if !s.done {
        "searching…".to_string()
    } else if s.matched == 0 {
        "no matches".to_string()
    } else {
        let all = s.hits.iter().filter(|h| h.matches_all()).count();
        format!("{} matching nodes · {all} shown with every word", s.matched)
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(p.border_focus)
        .title(Span::styled(
            format!(
                " Search — {} opens, {} closes ",
                app.key(Mode::Search, Action::Accept),
                app.key(Mode::Search, Action::Close)
            ),
            p.title,
        ))
        .title_bottom(Span::styled(format!(" {status} "), p.dim));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 {
        return None;
    }
    let cursor = input_line(
        "/ ",
        &s.line,
        Rect::new(inner.x, inner.y, inner.width, 1),
        app.settings.bidi,
        p.key,
        buf,
    );
    let mut lines = vec![Line::default()];
    let width = inner.width;
    for (i, hit) in s
        .hits
        .iter()
        .enumerate()
        .skip(s.offset)
        .take(inner.height.saturating_sub(2) as usize)
    {
        lines.push(hit_line(app, hit, s.query(), width, i == s.selected));
    }
    let below = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    Paragraph::new(lines).render(below, buf);
    cursor
}

impl Layer for SearchState {
    fn mode(&self) -> Mode {
        Mode::Search
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        let rows = rows(app.view.areas.screen);
        let s = self;
        match action {
            Action::Close => return Outcome::Close,
            Action::Quit => request_quit(app),
            Action::Accept => {
                if let Some(hit) = s.hits.get(s.selected) {
                    jump_to(app, hit.node);
                    return Outcome::Close;
                }
            }
            Action::Down => s.select(1, rows),
            Action::Up => s.select(-1, rows),
            Action::PageDown => s.select(rows as isize, rows),
            Action::PageUp => s.select(-(rows as isize), rows),
            Action::Edit(e) if s.line.apply(e) => app.out.push(s.submission()),
            _ => {}
        }
        Outcome::Stay
    }

    fn typed(&mut self, app: &mut App, c: char) -> Option<Outcome> {
        self.line.insert(c);
        app.out.push(self.submission());
        Some(Outcome::Stay)
    }

    fn paste(&mut self, app: &mut App, text: &str) -> Outcome {
        self.line.insert_str(text);
        app.out.push(self.submission());
        Outcome::Stay
    }

    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        render(app, self, screen, buf)
    }
}

/// One hit: stance badge, address, the matched field with its matches marked.
fn hit_line(app: &App, hit: &Hit, query: &str, width: u16, selected: bool) -> Line<'static> {
    let p = &app.settings.palette;
    let stance = app
        .ws
        .corpus
        .article(hit.node.map)
        .and_then(|a| a.meta.stance);
    let address = app.ws.corpus.address(hit.node).unwrap_or_default();
    let mut spans = vec![Span::styled(
        format!("{} ", stance_glyph(stance)),
        p.stance(stance),
    )];
    // An address may hold an Arabic id: laid out and isolated, then padded.
    let mut addr = fields_line(&[&address], "", 40, app.settings.bidi, p.dim);
    let w = addr.width();
    addr.spans.push(Span::raw(" ".repeat(41 - w.min(40))));
    spans.extend(addr.spans);
    let used: usize = spans.iter().map(Span::width).sum();
    // Room for a "(without: …)" note on partial hits.
    let note = if hit.matches_all() { 0 } else { 24 };
    // One cell of the row is the selection gutter.
    let room = (width as usize).saturating_sub(used + note + 1) as u16;
    spans.extend(snippet(&hit.text, &hit.ranges, room, app.settings.bidi).spans);
    // A hit that lacks words of the query says which.
    let query = crate::search::Query::parse(query);
    let lacking: Vec<&str> = query
        .terms
        .iter()
        .zip(&hit.terms)
        .filter(|(_, m)| m.is_none())
        .map(|(t, _)| t.as_str())
        .collect();
    if !lacking.is_empty() {
        spans.push(Span::styled(
            format!("  (without: {})", lacking.join(", ")),
            p.dim,
        ));
    }
    selection::row(Line::from(spans), selected, width, p)
}

/// The part of `text` around its first match that fits `width`, the
/// matches in bold and underlined, `…` where text was left out.
fn snippet(text: &str, ranges: &[Range<usize>], width: u16, mode: text::BidiMode) -> Line<'static> {
    let first = ranges.first().map_or(0, |r| r.start);
    // Start a few words before the first match so it is seen in context.
    let start = text[..first]
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(3)
        .map_or(0, |(i, c)| i + c.len_utf8());
    let shown = text[start..].split('\n').next().unwrap_or("");
    let vl = text::truncated(shown, width.saturating_sub(1) as usize, mode);
    let rtl = vl.rtl;
    let hl = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let marked = |r: Range<usize>| {
        ranges
            .iter()
            .any(|m| m.start < r.end && r.start < m.end)
            .then_some(hl)
    };
    let mut line = to_line(&vl, false, width, Style::new(), start, &marked);
    // Text left out before the snippet sits at its logical start: the
    // right end of a right-to-left line.
    if start > 0 && rtl {
        line.spans.push(Span::raw("…"));
    } else if start > 0 {
        line.spans.insert(0, Span::raw("…"));
    }
    line
}

/// `Effect::Search`: sends the query to the worker (making the engine on
/// first use) for the search overlay on top to show. While the maps
/// arrive, the query waits in the overlay and [`pump`] sends it once they
/// are in.
pub fn submit(app: &mut App, query: String) {
    let Some(crate::tui::app::Overlay::Search(s)) = app.overlays.last_mut() else {
        return;
    };
    if app.ws.arrival.is_some() {
        s.pending = true;
        return;
    }
    let engine = app
        .ws
        .search
        .get_or_insert_with(|| Engine::new(&app.ws.corpus));
    s.indexing = engine.worker.progress();
    s.submitted = engine.worker.submit(query, &app.ws.corpus);
    s.done = false;
}

/// Takes the newest results for the search overlay (making the engine, whose
/// thread builds the index, if there is none). With `block`, waits for the
/// final batch (for tests). Returns whether a search or the index build is
/// still running, so the loop can poll again soon.
pub fn pump(app: &mut App, block: bool) -> bool {
    let Some(crate::tui::app::Overlay::Search(s)) = app.overlays.last_mut() else {
        return false;
    };
    // No index over a partial corpus: the loop comes back while maps arrive.
    if app.ws.arrival.is_some() {
        return false;
    }
    if std::mem::take(&mut s.pending) {
        let query = s.query().to_string();
        submit(app, query);
        return pump(app, block);
    }
    let engine = app
        .ws
        .search
        .get_or_insert_with(|| Engine::new(&app.ws.corpus));
    engine.catch_up(&app.ws.corpus);
    s.indexing = engine.worker.progress();
    loop {
        let batch = if block && !s.done {
            match engine.worker.receiver().recv() {
                Ok(b) if b.generation == s.submitted => Some(b),
                Ok(_) => continue,
                Err(_) => None,
            }
        } else {
            engine.worker.poll()
        };
        let Some(b) = batch else { break };
        if b.generation != s.submitted {
            continue;
        }
        if b.generation != s.shown {
            s.selected = 0;
            s.offset = 0;
        }
        s.shown = b.generation;
        s.hits = b.hits;
        s.matched = b.matched;
        s.done = b.done;
        s.selected = s.selected.min(s.hits.len().saturating_sub(1));
        if s.done || !block {
            break;
        }
    }
    if s.done {
        s.indexing = None;
    }
    !s.done || s.indexing.is_some()
}
