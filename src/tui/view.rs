//! Drawing: `view(&App, &mut Frame)` and the layout both it and the mouse
//! handling use. One `render_*` function per region; nothing here changes
//! state (the source pane's layout cache aside).

use std::cell::RefCell;

use crate::text::BidiMode;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Lang};
use crate::tui::keymap::Mode;
use crate::tui::overlays::Overlay;
use crate::tui::overlays::text;
use crate::tui::palette::{bearing_glyph, stance_glyph};
use crate::tui::screens::Screen;
use crate::tui::screens::detail;
use crate::tui::screens::source;
use crate::tui::widgets::bidi_line::one_line;

/// Screen regions from the last layout, for paging and mouse hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub screen: Rect,
    pub list: Rect,
    pub tree: Rect,
    pub right: Rect,
    pub status: Rect,
}

/// The source pane's wrapped lines for one width, cached between frames.
#[derive(Debug, Clone, Default)]
pub struct SourceLayout {
    /// (map, text width, mode) the lines were laid out for; width is never 0,
    /// so the default key matches no real layout.
    pub key: (u32, u16, BidiMode),
    /// (byte offset where the visual line's paragraph starts, the line).
    pub lines: Vec<(usize, crate::text::VisualLine)>,
}

/// What the view keeps between frames: where things were drawn (for
/// paging and mouse hits) and laid-out text.
#[derive(Default)]
pub struct ViewCache {
    pub areas: Areas,
    pub layout_cache: RefCell<crate::tui::widgets::bidi_line::LayoutCache>,
    pub source_layout: RefCell<SourceLayout>,
}

/// Below this the browser cannot be drawn usefully.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

/// Splits the screen. The loop stores the result in `App::areas` before
/// drawing, so update (paging, mouse) and view agree on where things are.
pub fn areas(screen: Rect) -> Areas {
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        return Areas {
            screen,
            ..Default::default()
        };
    }
    let [body, status] = screen.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    // The tree is where people read: it gets what the list and detail spare.
    let (list_w, right_pct) = match screen.width {
        140.. => (32, 38),
        100..140 => (26, 36),
        _ => (22, 34),
    };
    let [list, tree, right] = body.layout(&Layout::horizontal([
        Constraint::Length(list_w),
        Constraint::Fill(1),
        Constraint::Percentage(right_pct),
    ]));
    Areas {
        screen,
        list,
        tree,
        right,
        status,
    }
}

pub fn view(app: &App, frame: &mut Frame) {
    let buf = frame.buffer_mut();
    let a = app.view.areas;
    if a.list.width == 0 {
        render_too_small(app, a.screen, buf);
        return;
    }
    match &app.screen {
        Screen::Browse(_) => render_browse(app, buf),
        Screen::Compare(s, _) => crate::tui::screens::compare_view::render(app, s, a.screen, buf),
        Screen::Overview(s, _) => {
            let body = Rect {
                height: a.screen.height.saturating_sub(1),
                ..a.screen
            };
            crate::tui::screens::overview_view::render(app, s, body, buf);
            render_status(app, a.status, buf);
        }
    }
    let mut cursor = None;
    for o in &app.overlays {
        match o {
            Overlay::Ask(ask) => {
                crate::tui::overlays::ask::render(ask, &app.settings.palette, a.screen, buf)
            }
            Overlay::Form(f) => {
                cursor = crate::tui::widgets::form_view::render(
                    &f.form,
                    &app.settings.palette,
                    app.settings.bidi,
                    a.screen,
                    buf,
                )
            }
            Overlay::Choose(c) => {
                cursor = crate::tui::widgets::chooser::render(
                    &c.chooser,
                    &app.settings.palette,
                    app.settings.bidi,
                    a.screen,
                    buf,
                )
            }
            Overlay::Search(s) => crate::tui::overlays::search::render(app, s, a.screen, buf),
            Overlay::Picker(p) => text::picker(app, p, a.screen, buf),
            Overlay::Export { articles, selected } => {
                text::export(app, articles, *selected, a.screen, buf)
            }
            _ => text::text(app, o, a.screen, buf),
        }
    }
    // Only the top overlay's cursor shows.
    let top_has_cursor = matches!(
        app.overlays.last(),
        Some(Overlay::Form(_) | Overlay::Choose(_))
    );
    if let (true, Some((x, y))) = (top_has_cursor, cursor) {
        frame.set_cursor_position(ratatui::layout::Position { x, y });
    }
}

fn render_browse(app: &App, buf: &mut Buffer) {
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

fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let msg = format!("enlarge the terminal (at least {MIN_WIDTH}×{MIN_HEIGHT})");
    Paragraph::new(msg)
        .style(app.settings.palette.warning)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn pane_block(app: &App, pane: Focus, title: String) -> Block<'static> {
    let focused = app.screen.browse().focus == pane && app.overlays.is_empty();
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
                let badge = format!(
                    "{} {:<7} ",
                    stance_glyph(s),
                    s.map_or("?", |s| s.name()).to_uppercase()
                );
                let title = if app.settings.lang == Lang::Ar {
                    &a.meta.title_original
                } else {
                    &a.meta.title_en
                };
                let dirty = app.ws.history.is_dirty(i as u32);
                let tw = inner.width.saturating_sub(if dirty { 12 } else { 10 });
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

/// Key hints made from the keymap, so they show the user's bindings.
fn hint(app: &App, mode: Mode, action: Action, label: &str) -> Vec<Span<'static>> {
    match app.settings.keymap.keys_for(mode, action).first() {
        Some(k) => vec![
            Span::styled(k.to_string(), app.settings.palette.key),
            Span::styled(format!(" {label}  "), app.settings.palette.dim),
        ],
        None => vec![],
    }
}

fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let mut spans: Vec<Span> = Vec::new();
    if let Some(f) = &app.flash {
        spans.push(Span::styled(format!(" {f} "), app.settings.palette.warning));
    } else if let Some(sel) = &app.screen.browse().quote_select {
        spans.push(Span::styled(
            format!(" quoting {} words ", sel.word_count()),
            app.settings.palette.selection,
        ));
        spans.push(Span::raw(" "));
        for (a, l) in [
            (Action::Accept, "set as quote"),
            (Action::AddChild, "new child"),
            (Action::WordRight, "word"),
            (Action::Down, "line"),
            (Action::Swap, "other end"),
            (Action::Close, "stop"),
        ] {
            spans.extend(hint(app, Mode::Quote, a, l));
        }
    } else {
        spans.push(Span::raw(" "));
        let (mode, hints): (Mode, &[(Action, &str)]) = match app.screen {
            Screen::Overview(_, _) => (
                Mode::Overview,
                &[
                    (Action::Help, "help"),
                    (Action::Right, "theme"),
                    (Action::Down, "article"),
                    (Action::FocusNext, "cell/nodes"),
                    (Action::Accept, "open"),
                    (Action::Compare, "compare"),
                    (Action::Close, "back"),
                ],
            ),
            _ => (
                Mode::Normal,
                &[
                    (Action::Help, "help"),
                    (Action::Toggle, "open/fold"),
                    (Action::FocusNext, "pane"),
                    (Action::Search, "search"),
                    (Action::Compare, "compare"),
                    (Action::Overview, "overview"),
                    (Action::ToggleLanguage, "EN/AR"),
                    (Action::ToggleSource, "source"),
                    (Action::FollowLink, "link"),
                    (Action::JumpBack, "back"),
                    (Action::Quit, "quit"),
                ],
            ),
        };
        for &(a, l) in hints {
            spans.extend(hint(app, mode, a, l));
        }
    }
    let line = Line::from(spans);
    let used = line.width() as u16;
    Paragraph::new(line).render(area, buf);
    let dirty = app.ws.history.dirty_maps().len();
    let right = match dirty {
        0 => format!(" bidi: {} ", bidi_name(app)),
        n => format!(" [+] {n} unsaved · bidi: {} ", bidi_name(app)),
    };
    let w = right.chars().count() as u16;
    if area.width >= used + w {
        let r = Rect {
            x: area.x + area.width - w,
            width: w,
            ..area
        };
        Paragraph::new(Span::styled(right, app.settings.palette.dim)).render(r, buf);
    }
}

pub fn bidi_name(app: &App) -> &'static str {
    app.settings.bidi.name()
}
