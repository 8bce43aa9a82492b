//! Drawing the browser: the article list, the tree, the detail or source
//! pane, and the status bar with the top layer's key hints (made from the
//! keymap, so they show the user's bindings).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};

use crate::tui::app::{App, Focus, Lang};
use crate::tui::layer::Layer;
use crate::tui::overlays::Overlay;
use crate::tui::overlays::quote;
use crate::tui::palette::{bearing_glyph, stance_glyph};
use crate::tui::screens::detail;
use crate::tui::screens::source;
use crate::tui::widgets::bidi_line::one_line;
use crate::tui::widgets::hints;

pub fn render(app: &App, buf: &mut Buffer) {
    let a = app.view.areas;
    render_list(app, a.list, buf);
    render_tree(app, a.tree, buf);
    if app.screen.browse().show_source && app.has_source() {
        let block = pane_block(app, Focus::Detail, " Source ".into());
        let inner = block.inner(a.right);
        block.render(a.right, buf);
        source::render(app, inner, buf);
    } else {
        let title = app
            .current()
            .and_then(|r| app.ws.corpus.address(r))
            .map_or(" Node ".into(), |addr| format!(" {addr} "));
        let block = pane_block(app, Focus::Detail, title);
        let inner = block.inner(a.right);
        block.render(a.right, buf);
        detail::render(app, inner, buf);
    }
    render_status(app, a.status, buf);
}

fn pane_block(app: &App, pane: Focus, title: String) -> Block<'static> {
    let focused = app.screen.browse().focus == pane && !app.overlays.iter().any(Overlay::is_popup);
    let (style, border) = if focused {
        (app.settings.palette.border_focus, BorderType::Thick)
    } else {
        (app.settings.palette.border, BorderType::Rounded)
    };
    Block::bordered()
        .border_type(border)
        .border_style(style)
        .title(Span::styled(title, app.settings.palette.title))
}

fn render_list(app: &App, area: Rect, buf: &mut Buffer) {
    let block = pane_block(
        app,
        Focus::Articles,
        format!(" Articles ({}) ", app.ws.corpus.maps.len()),
    );
    let inner = block.inner(area);
    block.render(area, buf);
    let p = &app.settings.palette;
    let mut lines: Vec<Line> = Vec::new();
    for (i, m) in app
        .ws
        .corpus
        .maps
        .iter()
        .enumerate()
        .skip(app.screen.browse().list_offset)
    {
        if lines.len() + 2 > inner.height as usize {
            break;
        }
        let (first, second) = match &m.article {
            Some(a) => {
                let s = a.meta.stance;
                // An inferred lean says so: `▼ ANTI (implicit)`.
                let implicit = if a.meta.stance_basis.is_explicit() {
                    ""
                } else {
                    " (implicit)"
                };
                let badge = format!(
                    "{} {:<7}{implicit} ",
                    stance_glyph(s),
                    s.map_or("?", |s| s.name()).to_uppercase()
                );
                let title = if app.settings.lang == Lang::Ar {
                    &a.meta.title_original
                } else {
                    &a.meta.title_en
                };
                let dirty = app.ws.history.is_dirty(i as u32);
                let badge_w = badge.chars().count() as u16;
                let tw = inner
                    .width
                    .saturating_sub(badge_w + if dirty { 2 } else { 0 });
                let mut l = one_line(
                    &app.view.layout_cache,
                    title,
                    tw,
                    app.settings.bidi,
                    Style::new(),
                );
                if dirty {
                    l.spans.insert(0, Span::styled("+ ", p.warning));
                }
                l.spans.insert(
                    0,
                    Span::styled(badge, p.stance(s).add_modifier(Modifier::BOLD)),
                );
                let info: Vec<&str> = [a.meta.outlet.as_deref(), a.meta.date.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                let mut second = one_line(
                    &app.view.layout_cache,
                    &info.join(" · "),
                    inner.width.saturating_sub(2),
                    app.settings.bidi,
                    p.dim,
                );
                second.spans.insert(0, Span::raw("  "));
                (l, second)
            }
            None => {
                let name = m
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let first = Line::from(vec![Span::styled("✗ BROKEN  ", p.broken), Span::raw(name)]);
                let msg = m.error.as_ref().map_or(String::new(), |d| {
                    format!("{}:{} {}", d.line, d.col, d.message)
                });
                let mut second = one_line(
                    &app.view.layout_cache,
                    &msg,
                    inner.width.saturating_sub(2),
                    app.settings.bidi,
                    p.error,
                );
                second.spans.insert(0, Span::raw("  "));
                (first, second)
            }
        };
        let sel = i == app.screen.browse().selected;
        for mut l in [first, second] {
            if sel {
                l = l.patch_style(p.selection);
                let w = l.width();
                l.spans.push(Span::styled(
                    " ".repeat((inner.width as usize).saturating_sub(w)),
                    p.selection,
                ));
            }
            lines.push(l);
        }
    }
    Paragraph::new(lines).render(inner, buf);
}

fn render_tree(app: &App, area: Rect, buf: &mut Buffer) {
    let map = app.map();
    let Some(a) = app.ws.corpus.article(map) else {
        let block = pane_block(app, Focus::Tree, " Tree ".into());
        let inner = block.inner(area);
        block.render(area, buf);
        let msg = app
            .ws
            .corpus
            .maps
            .get(app.screen.browse().selected)
            .and_then(|m| m.error.as_ref())
            .map_or_else(|| "no maps loaded".to_string(), |d| d.to_string());
        Paragraph::new(msg)
            .style(app.settings.palette.error)
            .render(inner, buf);
        return;
    };
    let lang = if app.settings.lang == Lang::Ar {
        "AR"
    } else {
        "EN"
    };
    let t = app.tree();
    let count = t.map_or(0, |t| t.rows.len());
    let title = format!(" {} · {count} shown · {lang} ", a.meta.id);
    let block = pane_block(app, Focus::Tree, title);
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(t) = t else { return };
    let p = &app.settings.palette;
    let cache = &app.ws.cache[app.screen.browse().selected];
    let mut lines = Vec::with_capacity(inner.height as usize);
    for (i, row) in t
        .rows
        .iter()
        .enumerate()
        .skip(t.offset)
        .take(inner.height as usize)
    {
        let n = a.node(row.node);
        let mut spans = vec![Span::raw("  ".repeat(row.depth as usize))];
        let expander = if n.children.is_empty() {
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
        if let Some(v) = &n.voice {
            let used: usize = spans.iter().map(|s| s.width()).sum();
            let room = (inner.width as usize).saturating_sub(used) / 2;
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
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let claim = if app.settings.lang == Lang::Ar {
            &n.claim_ar
        } else {
            &n.claim_en
        };
        let width = (inner.width as usize).saturating_sub(used) as u16;
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
        let mut line = Line::from(spans);
        if i == t.cursor {
            line = line.patch_style(p.selection);
            let w = line.width();
            line.spans.push(Span::styled(
                " ".repeat((inner.width as usize).saturating_sub(w)),
                p.selection,
            ));
        }
        lines.push(line);
    }
    Paragraph::new(lines).render(inner, buf);
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

pub fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let p = &app.settings.palette;
    let mut spans: Vec<Span> = Vec::new();
    if let Some(f) = &app.flash {
        spans.push(Span::styled(format!(" {f} "), p.warning));
    } else {
        match quote::selecting(app) {
            Some(sel) => {
                spans.push(Span::styled(
                    format!(" quoting {} words ", sel.word_count()),
                    p.selection,
                ));
                spans.push(Span::raw(" "));
            }
            None => spans.push(Span::raw(" ")),
        }
        let layer = hinted(app);
        let km = &app.settings.keymap;
        spans.extend(hints::status_spans(km, p, layer.mode(), layer.hints()));
    }
    let line = Line::from(spans);
    let used = line.width() as u16;
    Paragraph::new(line).render(area, buf);
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
        Paragraph::new(Span::styled(right, p.dim)).render(r, buf);
    }
}
