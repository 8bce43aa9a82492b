//! The source pane: the article's full text, right-to-left, every quoted
//! passage marked and the selected node's quote highlighted, with a gutter
//! that shows which lines no node quotes — what the map leaves out.

use std::cell::Ref;
use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::text as layout;
use crate::tui::app::App;
use crate::tui::layout::SourceLayout;
use crate::tui::widgets::bidi_line::to_line;

/// Width of the gutter left of the text.
const GUTTER: u16 = 2;

/// The text width the source pane has inside its border and gutter.
fn text_width(app: &App) -> u16 {
    app.view.areas.right.width.saturating_sub(2 + GUTTER).max(1)
}

/// The cached layout for the current article and pane width, made if stale.
fn lines(app: &App) -> Ref<'_, SourceLayout> {
    let width = text_width(app);
    let key = (app.map(), width, app.settings.bidi);
    if app.view.source_layout.borrow().key != key {
        let mut out = Vec::new();
        if let Some(src) = app
            .ws
            .cache
            .get(app.screen.browse().selected)
            .and_then(|c| c.source.as_ref())
        {
            let mut start = 0;
            for para in src.text.split('\n') {
                let vls = layout::layout(para, width as usize, app.settings.bidi);
                if vls.is_empty() {
                    out.push((start, layout::VisualLine::default()));
                }
                out.extend(vls.into_iter().map(|vl| (start, vl)));
                start += para.len() + 1;
            }
        }
        *app.view.source_layout.borrow_mut() = SourceLayout { key, lines: out };
    }
    app.view.source_layout.borrow()
}

pub fn line_count(app: &App) -> usize {
    lines(app).lines.len()
}

/// The visual line where the selected node's quote begins.
pub fn quote_line(app: &App) -> Option<usize> {
    let r = app.current()?;
    let range = app
        .ws
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

/// The first source byte a visual line shows (its lowest, whatever the
/// direction it is drawn in).
fn first_byte(start: usize, vl: &layout::VisualLine) -> Option<usize> {
    vl.glyphs.iter().map(|g| g.logical.start + start).min()
}

/// The source byte where visual line `line` begins.
pub fn line_start(app: &App, line: usize) -> Option<usize> {
    let l = lines(app);
    let (start, vl) = l.lines.get(line)?;
    first_byte(*start, vl).or(Some(*start))
}

/// The visual line that shows source byte `at`.
pub fn line_of(app: &App, at: usize) -> Option<usize> {
    let l = lines(app);
    l.lines.iter().position(|(start, vl)| {
        vl.glyphs
            .iter()
            .any(|g| (g.logical.start + start..g.logical.end + start).contains(&at))
    })
}

/// The first byte of the line `by` lines away from the one showing `at`
/// (skipping empty lines), for moving a selection up and down.
pub fn line_offset(app: &App, at: usize, by: isize) -> Option<usize> {
    let here = line_of(app, at)?;
    let l = lines(app);
    let mut i = here as isize;
    loop {
        i += by.signum();
        let (start, vl) = l.lines.get(usize::try_from(i).ok()?)?;
        if let Some(b) = first_byte(*start, vl) {
            return Some(b);
        }
    }
}

/// The source byte under a screen cell of the source pane, if any: the same
/// geometry `render` draws with (border, gutter, right-aligned RTL lines).
pub fn offset_at(app: &App, x: u16, y: u16) -> Option<usize> {
    let area = app.view.areas.right;
    let (left, top) = (area.x + 1 + GUTTER, area.y + 1);
    if x < left || y < top || y + 1 >= area.y + area.height {
        return None;
    }
    let l = lines(app);
    let (start, vl) = l
        .lines
        .get(app.screen.browse().source_scroll + (y - top) as usize)?;
    let width = text_width(app) as usize;
    let mut col = if vl.rtl {
        width.saturating_sub(vl.width)
    } else {
        0
    };
    let x = (x - left) as usize;
    let mut nearest = None;
    for g in &vl.glyphs {
        if x < col + g.width.max(1) {
            return Some(g.logical.start + start);
        }
        col += g.width;
        nearest = Some(g.logical.start + start);
    }
    // Past the end of a short line: its last glyph.
    nearest
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(src) = app
        .ws
        .cache
        .get(app.screen.browse().selected)
        .and_then(|c| c.source.as_ref())
    else {
        Paragraph::new("no source text")
            .style(app.settings.palette.dim)
            .render(area, buf);
        return;
    };
    let current = app
        .current()
        .and_then(|r| src.quotes.get(r.node as usize).cloned().flatten());
    let quoted: Vec<&Range<usize>> = src.quotes.iter().flatten().collect();
    let p = &app.settings.palette;
    let selecting = app.quote_selection().map(|s| s.range());
    let highlight = |r: Range<usize>| {
        if selecting.as_ref().is_some_and(|s| overlaps(s, &r)) {
            Some(p.selection)
        } else if current.as_ref().is_some_and(|c| overlaps(c, &r)) {
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
        .skip(app.screen.browse().source_scroll)
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
