//! The source pane: the article's full text, right-to-left, every quoted
//! passage marked and the selected node's quote highlighted, with a gutter
//! that shows which lines no node quotes — what the map leaves out.

use std::cell::Ref;
use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::app::{App, SourceLayout};
use super::bidi_line::to_line;
use crate::text as layout;

/// Width of the gutter left of the text.
const GUTTER: u16 = 2;

/// The text width the source pane has inside its border and gutter.
fn text_width(app: &App) -> u16 {
    app.areas.right.width.saturating_sub(2 + GUTTER).max(1)
}

/// The cached layout for the current article and pane width, made if stale.
fn lines(app: &App) -> Ref<'_, SourceLayout> {
    let width = text_width(app);
    let key = (app.map(), width, app.bidi);
    if app.source_layout.borrow().key != key {
        let mut out = Vec::new();
        if let Some(src) = app.cache.get(app.selected).and_then(|c| c.source.as_ref()) {
            let mut start = 0;
            for para in src.text.split('\n') {
                let vls = layout::layout(para, width as usize, app.bidi);
                if vls.is_empty() {
                    out.push((start, layout::VisualLine::default()));
                }
                out.extend(vls.into_iter().map(|vl| (start, vl)));
                start += para.len() + 1;
            }
        }
        *app.source_layout.borrow_mut() = SourceLayout { key, lines: out };
    }
    app.source_layout.borrow()
}

pub fn line_count(app: &App) -> usize {
    lines(app).lines.len()
}

/// The visual line where the selected node's quote begins.
pub fn quote_line(app: &App) -> Option<usize> {
    let r = app.current()?;
    let range = app
        .cache
        .get(r.map as usize)?
        .source
        .as_ref()?
        .quotes
        .get(r.node as usize)?
        .clone()?;
    let l = lines(app);
    l.lines.iter().position(|(start, vl)| {
        vl.glyphs
            .iter()
            .any(|g| overlaps(&(g.logical.start + start..g.logical.end + start), &range))
    })
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(src) = app.cache.get(app.selected).and_then(|c| c.source.as_ref()) else {
        Paragraph::new("no source text")
            .style(app.palette.dim)
            .render(area, buf);
        return;
    };
    let current = app
        .current()
        .and_then(|r| src.quotes.get(r.node as usize).cloned().flatten());
    let quoted: Vec<&Range<usize>> = src.quotes.iter().flatten().collect();
    let p = &app.palette;
    let highlight = |r: Range<usize>| {
        if current.as_ref().is_some_and(|c| overlaps(c, &r)) {
            Some(p.quoted_current)
        } else if quoted.iter().any(|q| overlaps(q, &r)) {
            Some(p.quoted)
        } else {
            None
        }
    };
    let l = lines(app);
    let height = area.height as usize;
    let shown: Vec<Line> = l
        .lines
        .iter()
        .skip(app.source_scroll)
        .take(height)
        .map(|(start, vl)| {
            let any = vl.glyphs.iter().any(|g| {
                let r = g.logical.start + start..g.logical.end + start;
                quoted.iter().any(|q| overlaps(q, &r))
            });
            // The gutter shows at a glance which lines the map quotes.
            let gutter = if vl.glyphs.is_empty() {
                Span::raw("  ")
            } else if any {
                Span::styled("▌ ", p.key)
            } else {
                Span::styled("· ", p.dim)
            };
            let text_w = area.width.saturating_sub(GUTTER);
            let mut line = to_line(
                vl,
                true,
                text_w,
                ratatui::style::Style::new(),
                *start,
                &highlight,
            );
            line.spans.insert(0, gutter);
            line
        })
        .collect();
    Paragraph::new(shown).render(area, buf);
}
