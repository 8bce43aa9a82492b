//! Drawing the browser: the article list, the tree, the detail or source
//! pane, and the status bar with the top layer's key hints (made from the
//! keymap, so they show the user's bindings).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::text::plural::count;
use crate::tui::app::{App, Focus, Lang};
use crate::tui::layer::Layer;
use crate::tui::overlays::Overlay;
use crate::tui::palette::{bearing_glyph, stance_glyph};
use crate::tui::screens::detail;
use crate::tui::screens::source;
use crate::tui::widgets::bidi_line::{
    cached_fields_line, fields_line, one_line, text_lines, two_lines,
};
use crate::tui::widgets::border::Border;
use crate::tui::widgets::hints;
use crate::tui::widgets::rows;
use crate::tui::widgets::selection;

pub fn render(app: &App, buf: &mut Buffer) {
    let a = app.view.areas;
    if a.list.width > 0 {
        render_list(app, a.list, buf);
    }
    if a.tree.width > 0 {
        render_tree(app, a.tree, buf);
    }
    if a.right.width > 0 {
        render_right(app, a.right, buf);
    }
    render_status(app, a.status, buf);
}

fn render_right(app: &App, right: ratatui::layout::Rect, buf: &mut Buffer) {
    if app.screen.browse().show_source && app.has_source() {
        let block = pane_block(app, Focus::Detail, source_title(app, right));
        let inner = block.inner(right);
        block.render(right, buf);
        source::render(app, inner, buf);
    } else {
        let block = pane_block(app, Focus::Detail, detail_title(app, right));
        let inner = block.inner(right);
        block.render(right, buf);
        detail::render(app, inner, buf);
    }
}

/// The source pane's title.
pub fn source_title(app: &App, area: Rect) -> Line<'static> {
    pane_title(app, &["Source"], area)
}

/// The detail pane's title: the node's address.
pub fn detail_title(app: &App, area: Rect) -> Line<'static> {
    let addr = app
        .current()
        .and_then(|r| app.ws.corpus.address(r))
        .unwrap_or_else(|| "Node".into());
    pane_title(app, &[&addr], area)
}

/// The article list's title: how many articles show, and the filter.
pub fn list_title(app: &App, shown: usize, area: Rect) -> Line<'static> {
    let filter = &app.screen.browse().filter;
    let n = if filter.is_empty() {
        count(shown, "article")
    } else {
        format!(
            "{} of {}",
            shown,
            count(app.ws.corpus.maps.len(), "article")
        )
    };
    let f = if filter.is_empty() {
        String::new()
    } else {
        format!("“{filter}”")
    };
    pane_title(app, &[&n, &f], area)
}

/// The tree pane's title: the article, how many rows show, the language.
pub fn tree_title(app: &App, a: &crate::model::Article, area: Rect) -> Line<'static> {
    let lang = if app.settings.lang == Lang::Ar {
        "AR"
    } else {
        "EN"
    };
    let count = app.tree().map_or(0, |t| t.rows.len());
    let shown = format!("{count} shown");
    pane_title(app, &[&a.meta.id, &shown, lang], area)
}

/// A pane title from separate fields (an id may be Arabic), each isolated.
fn pane_title(app: &App, fields: &[&str], area: Rect) -> Line<'static> {
    // Kept like any row: laying out an address anew cost 7% of a frame.
    let mut l = cached_fields_line(
        &app.view.layout_cache,
        fields,
        " · ",
        area.width.saturating_sub(4),
        app.settings.bidi,
        app.settings.palette.title,
    );
    l.spans.insert(0, Span::raw(" "));
    l.spans.push(Span::raw(" "));
    l
}

fn pane_block(app: &App, pane: Focus, title: Line<'static>) -> Border<'static> {
    let focused = app.screen.browse().focus == pane && !app.overlays.iter().any(Overlay::is_popup);
    let p = &app.settings.palette;
    Border::pane(focused, p.border_focus, p.border, title)
}

fn render_list(app: &App, area: Rect, buf: &mut Buffer) {
    let shown = crate::tui::screens::list_filter::visible(app);
    let block = pane_block(app, Focus::Articles, list_title(app, shown.len(), area));
    let inner = block.inner(area);
    block.render(area, buf);
    let p = &app.settings.palette;
    let width = inner.width.saturating_sub(1);
    let mut lines: Vec<Line> = Vec::new();
    if shown.is_empty() {
        lines.push(Line::styled(" no article matches", p.dim));
    }
    let offset = app.screen.browse().list_offset;
    for i in shown
        .into_iter()
        .filter(|&i| i >= offset)
        .take(inner.height as usize)
    {
        let item = list_item(app, i, width);
        if lines.len() + item.len() > inner.height as usize {
            break;
        }
        let sel = i == app.screen.browse().selected;
        for (k, l) in item.into_iter().enumerate() {
            lines.push(if k == 0 {
                selection::row(l, sel, inner.width, p)
            } else {
                selection::continued(l, sel, inner.width, p)
            });
        }
    }
    rows::render(&lines, 0, inner, buf);
}

/// One map's rows in the article list, `width` cells wide (the selection
/// gutter not counted): stance glyph and title on one or two rows, then
/// stance, date and outlet (each isolated: a date after an Arabic outlet
/// stays a date); a map that did not load says so and why.
pub fn list_item(app: &App, i: usize, width: u16) -> Vec<Line<'static>> {
    let p = &app.settings.palette;
    let Some(m) = app.ws.corpus.maps.get(i) else {
        return Vec::new();
    };
    // A map still loading is listed from the catalog's row until it comes.
    let pending = app.ws.arrival.as_ref().filter(|r| r.pending(i));
    let meta = m
        .article
        .as_ref()
        .map(|a| &a.meta)
        .or_else(|| pending?.meta(i));
    match meta {
        Some(meta) => {
            let s = meta.stance;
            let title = if app.settings.lang == Lang::Ar {
                &meta.title_original
            } else {
                &meta.title_en
            };
            let dirty = app.ws.history.is_dirty(i as u32);
            let lead = if dirty { 4 } else { 2 };
            let mut rows = two_lines(
                &app.view.layout_cache,
                title,
                width.saturating_sub(lead),
                app.settings.bidi,
                Style::new(),
            );
            for (k, l) in rows.iter_mut().enumerate() {
                if k == 0 {
                    if dirty {
                        l.spans.insert(0, Span::styled("+ ", p.warning));
                    }
                    l.spans.insert(
                        0,
                        Span::styled(
                            format!("{} ", stance_glyph(s)),
                            p.stance(s).add_modifier(Modifier::BOLD),
                        ),
                    );
                } else {
                    l.spans.insert(0, Span::raw(" ".repeat(lead as usize)));
                }
            }
            // An inferred lean says so: `ANTI (implicit)`.
            let implicit = if meta.stance_basis.is_explicit() {
                ""
            } else {
                " (implicit)"
            };
            let stance = format!("{}{implicit}", s.map_or("?", |s| s.name()).to_uppercase());
            let mut info = cached_fields_line(
                &app.view.layout_cache,
                // The date before the outlet: short, and what a narrow
                // list should not cut.
                &[
                    &stance,
                    meta.date.as_deref().unwrap_or(""),
                    meta.outlet.as_deref().unwrap_or(""),
                ],
                " · ",
                width.saturating_sub(2),
                app.settings.bidi,
                p.dim,
            );
            info.spans.insert(0, Span::raw("  "));
            rows.push(info);
            rows
        }
        None => {
            let name = m
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Still loading, a file whose head did not parse is not yet
            // known to be broken.
            let mark = match pending {
                Some(_) => Span::styled("… ", p.dim),
                None => Span::styled("✗ BROKEN  ", p.broken),
            };
            let first = Line::from(vec![mark, Span::raw(name)]);
            let msg = match (pending, &m.error) {
                (Some(_), _) => "loading…".to_owned(),
                (None, Some(d)) => format!("{}:{} {}", d.line, d.col, d.message),
                (None, None) => String::new(),
            };
            let mut second = one_line(
                &app.view.layout_cache,
                &msg,
                width.saturating_sub(2),
                app.settings.bidi,
                p.error,
            );
            second.spans.insert(0, Span::raw("  "));
            vec![first, second]
        }
    }
}

/// The article list's inner width less the selection gutter, as drawn.
pub fn list_item_width(app: &App) -> u16 {
    app.view.areas.list.width.saturating_sub(3)
}

fn render_tree(app: &App, area: Rect, buf: &mut Buffer) {
    let map = app.map();
    let Some(a) = app.ws.corpus.article(map) else {
        let block = pane_block(app, Focus::Tree, pane_title(app, &["Tree"], area));
        let inner = block.inner(area);
        block.render(area, buf);
        let lines = match app
            .ws
            .corpus
            .maps
            .get(app.screen.browse().selected)
            .and_then(|m| m.error.as_ref())
        {
            Some(d) => diagnostic_lines(app, d, inner.width),
            None if app
                .ws
                .arrival
                .as_ref()
                .is_some_and(|r| r.pending(map as usize)) =>
            {
                vec![Line::styled("loading…", app.settings.palette.dim)]
            }
            None => vec![Line::styled("no maps loaded", app.settings.palette.error)],
        };
        rows::render(&lines, 0, inner, buf);
        return;
    };
    let t = app.tree();
    let block = pane_block(app, Focus::Tree, tree_title(app, a, area));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(t) = t else { return };
    let cache = &app.ws.cache[app.screen.browse().selected];
    let lines: Vec<Line> = (t.offset..t.rows.len())
        .take(inner.height as usize)
        .map(|i| tree_row(app, a, t, cache, i, inner.width))
        .collect();
    rows::render(&lines, 0, inner, buf);
}

/// Row `i` of the tree `t` of article `a`, `width_all` cells wide (the
/// tree pane's inner width): indentation, expander, relation, bearing,
/// a problem mark, the speaker of a reported claim, then the claim cut to
/// the row. The look-ahead (`tui::ahead`) lays out rows not yet shown
/// through the same function, so it asks for exactly what a frame will.
pub fn tree_row(
    app: &App,
    a: &crate::model::Article,
    t: &crate::tui::screens::tree::TreeView,
    cache: &crate::tui::workspace::ArticleCache,
    i: usize,
    width_all: u16,
) -> Line<'static> {
    let p = &app.settings.palette;
    let Some(row) = t.rows.get(i) else {
        return Line::default();
    };
    let n = a.node(row.node);
    let mut spans = vec![Span::raw("  ".repeat(row.depth as usize))];
    let expander = if n.children().is_empty() {
        "  "
    } else if t.is_expanded(row.node) {
        "▾ "
    } else {
        "▸ "
    };
    spans.push(Span::styled(expander, p.dim));
    let rel = match n.relation {
        Some(crate::model::Relation::Supports) => "+ ",
        Some(crate::model::Relation::Opposes) => "− ",
        None => "",
    };
    spans.push(Span::styled(rel, p.key));
    let b = cache.bearings.of(row.node);
    spans.push(Span::styled(format!("{} ", bearing_glyph(b)), p.bearing(b)));
    if cache.problems.contains_key(&row.node) {
        spans.push(Span::styled("! ", p.error));
    }
    // A reported claim is someone else's: its speaker comes first.
    if let Some(v) = &n.voice() {
        // One cell of each row is the selection gutter.
        let used: usize = spans.iter().map(|s| s.width()).sum::<usize>() + 1;
        let room = (width_all as usize).saturating_sub(used) / 2;
        spans.extend(
            one_line(
                &app.view.layout_cache,
                &format!("‹{v}›"),
                room.min(28) as u16,
                app.settings.bidi,
                p.key,
            )
            .spans,
        );
        spans.push(Span::raw(" "));
    }
    // One cell of each row is the selection gutter.
    let used: usize = spans.iter().map(|s| s.width()).sum::<usize>() + 1;
    let claim = if app.settings.lang == Lang::Ar {
        n.claim_ar()
    } else {
        n.claim_en()
    };
    let width = (width_all as usize).saturating_sub(used) as u16;
    let style = if row.depth == 0 {
        p.title
    } else {
        Style::new()
    };
    spans.extend(
        one_line(
            &app.view.layout_cache,
            claim,
            width,
            app.settings.bidi,
            style,
        )
        .spans,
    );
    selection::row(Line::from(spans), i == t.cursor, width_all, p)
}

/// Why a map did not load, whole and wrapped (issue 14): the headline,
/// then its source line laid out like any other text (an Arabic line
/// shaped and right to left, where a caret under a column could not point
/// at the right letter), then the hint.
pub fn diagnostic_lines(app: &App, d: &crate::model::Diagnostic, width: u16) -> Vec<Line<'static>> {
    let p = &app.settings.palette;
    let cache = &app.view.layout_cache;
    let mode = app.settings.bidi;
    let mut out = text_lines(
        cache,
        &format!("{}: error: {}", d.location(), d.message),
        width,
        mode,
        p.error,
    );
    if let (Some(line), true) = (&d.snippet, d.line > 0) {
        out.push(Line::default());
        let at = match d.col {
            0 => format!("line {}:", d.line),
            c => format!("line {}, column {c}:", d.line),
        };
        out.push(Line::styled(at, p.dim));
        out.extend(text_lines(cache, line.trim(), width, mode, Style::new()));
    }
    if let Some(h) = &d.hint {
        out.push(Line::default());
        out.extend(text_lines(cache, &format!("hint: {h}"), width, mode, p.dim));
    }
    out
}

/// The layer whose hints the status bar shows: the topmost that has any
/// (a popup shows its keys in its own frame), else the screen.
fn hinted(app: &App) -> &dyn Layer {
    app.overlays
        .iter()
        .rev()
        .map(Overlay::layer)
        .find(|l| !l.hints().is_empty())
        .unwrap_or_else(|| app.screen.layer())
}

/// Draws the status line on the bottom row of `screen` and gives the rest
/// back, for the screens that are one body above it (overview, debate).
pub fn status_below(app: &App, screen: Rect, buf: &mut Buffer) -> Rect {
    let body = Rect {
        height: screen.height.saturating_sub(1),
        ..screen
    };
    let status = Rect {
        y: screen.y + body.height,
        height: screen.height - body.height,
        ..screen
    };
    render_status(app, status, buf);
    body
}

pub fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let p = &app.settings.palette;
    let mut spans: Vec<Span> = Vec::new();
    if let Some(f) = &app.flash {
        // A message may name an Arabic claim or id: laid out like any text.
        spans.push(Span::raw(" "));
        spans.extend(
            fields_line(
                &[f],
                "",
                area.width.saturating_sub(2),
                app.settings.bidi,
                p.warning,
            )
            .spans,
        );
    } else {
        match app.quote_selection() {
            Some(sel) => {
                spans.push(Span::styled(
                    format!(" quoting {} ", count(sel.word_count(), "word")),
                    p.selection,
                ));
                spans.push(Span::raw(" "));
            }
            None => spans.push(Span::raw(" ")),
        }
        // The maps still arriving, then the checks (`workspace::arrival`),
        // before the hints, which a narrow bar cuts.
        if let Some(r) = &app.ws.arrival {
            spans.push(Span::styled(format!("{} ", r.status()), p.warning));
        }
        let layer = hinted(app);
        let km = &app.settings.keymap;
        spans.extend(hints::status_spans(km, p, layer.mode(), layer.hints()));
    }
    let line = Line::from(spans);
    let used = line.width() as u16;
    // One row, cut at the edge: what `Paragraph` draws, at a fraction of
    // its cost (`rows`), on every frame.
    crate::tui::widgets::rows::render(&[line], 0, area, buf);
    let dirty = app.ws.history.dirty_maps().len();
    let bidi = app.settings.bidi.name();
    let right = match dirty {
        0 => format!(" bidi: {bidi} "),
        n => format!(" [+] {n} unsaved · bidi: {bidi} "),
    };
    let w = right.chars().count() as u16;
    if area.width >= used + w {
        let r = Rect {
            x: area.x + area.width - w,
            width: w,
            ..area
        };
        crate::tui::widgets::rows::render(&[Line::styled(right, p.dim)], 0, r, buf);
    }
}
