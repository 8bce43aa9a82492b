//! The overlays drawn over any screen: the help (made from the keymap), a
//! message, the article picker and the export chooser. The search overlay
//! has its own module (`search_view`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::tui::app::{App, Lang, Overlay};
use crate::tui::keymap::Mode;
use crate::tui::palette::stance_glyph;
use crate::tui::view::bidi_name;
use crate::tui::widgets::bidi_line::one_line;

/// The export format chooser.
pub fn export(app: &App, articles: &[String], selected: usize, screen: Rect, buf: &mut Buffer) {
    let p = &app.settings.palette;
    let area = centered(screen, 50, 40);
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(p.border_focus)
        .title(Span::styled(" Export — Enter writes, Esc closes ", p.title));
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines = vec![
        Line::raw(articles.join(" + ")),
        Line::styled(format!("into {}", app.settings.export_dir.display()), p.dim),
        Line::default(),
    ];
    for (i, f) in crate::export::Format::ALL.iter().enumerate() {
        let what = match f {
            crate::export::Format::Argdown => "Argdown (argdown.org)",
            crate::export::Format::Dot => "Graphviz DOT",
            crate::export::Format::Json => "JSON (docs/json-schema.md)",
            crate::export::Format::Markdown => "Markdown report",
        };
        let mut l = Line::raw(format!("  {what:<28} .{}", f.extension()));
        if i == selected {
            l = l.patch_style(p.selection);
        }
        lines.push(l);
    }
    Paragraph::new(lines).render(inner, buf);
}

/// The article picker for a comparison: its query line and the matches.
pub fn picker(
    app: &App,
    pk: &crate::tui::screens::compare::PickerState,
    screen: Rect,
    buf: &mut Buffer,
) {
    let p = &app.settings.palette;
    let area = centered(screen, 60, 60);
    Clear.render(area, buf);
    let a_id = app.ws.corpus.article(pk.a).map_or("", |a| &*a.meta.id);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(p.border_focus)
        .title(Span::styled(
            format!(" Compare {a_id} with — Enter opens, Esc closes "),
            p.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let (before, after) = pk.line.text.split_at(pk.line.cursor);
    let mut lines = vec![
        Line::from(vec![
            Span::styled("> ", p.key),
            Span::raw(before.to_string()),
            Span::styled("▏", p.key),
            Span::raw(after.to_string()),
        ]),
        Line::default(),
    ];
    let room = inner.height.saturating_sub(2) as usize;
    let start = pk.selected.saturating_sub(room.saturating_sub(1));
    for (i, &m) in pk.matches.iter().enumerate().skip(start).take(room) {
        let Some(art) = app.ws.corpus.article(m) else {
            continue;
        };
        let st = art.meta.stance;
        let title = if app.settings.lang == Lang::Ar {
            &art.meta.title_original
        } else {
            &art.meta.title_en
        };
        let mut l = one_line(
            &app.view.layout_cache,
            title,
            inner.width.saturating_sub(12),
            app.settings.bidi,
            Style::new(),
        );
        l.spans.insert(
            0,
            Span::styled(
                format!("{} {:<8}", stance_glyph(st), st.map_or("?", |s| s.name())),
                p.stance(st),
            ),
        );
        if i == pk.selected {
            l = l.patch_style(p.selection);
        }
        lines.push(l);
    }
    if pk.matches.is_empty() {
        lines.push(Line::styled("  no article matches", p.dim));
    }
    Paragraph::new(lines).render(inner, buf);
}

pub fn centered(screen: Rect, w_pct: u16, h_pct: u16) -> Rect {
    let w = (screen.width * w_pct / 100).max(20).min(screen.width);
    let h = (screen.height * h_pct / 100).max(5).min(screen.height);
    Rect {
        x: screen.x + (screen.width - w) / 2,
        y: screen.y + (screen.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The help and message overlays.
pub fn text(app: &App, o: &Overlay, screen: Rect, buf: &mut Buffer) {
    let area = centered(screen, 80, 85);
    Clear.render(area, buf);
    let (title, lines, scroll): (String, Vec<Line>, usize) = match o {
        Overlay::Search(_)
        | Overlay::Picker(_)
        | Overlay::Export { .. }
        | Overlay::Ask(_)
        | Overlay::Form(_)
        | Overlay::Choose(_) => return,
        Overlay::Help { scroll } => (" Keys — Esc closes ".into(), help_lines(app), *scroll),
        Overlay::Message {
            title,
            lines,
            scroll,
        } => (
            format!(" {title} — Esc closes "),
            lines.iter().map(|l| Line::raw(l.clone())).collect(),
            *scroll,
        ),
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(app.settings.palette.border_focus)
        .title(Span::styled(title, app.settings.palette.title));
    let inner = block.inner(area);
    block.render(area, buf);
    let max = lines.len().saturating_sub(inner.height as usize);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll.min(max) as u16, 0))
        .render(inner, buf);
}

fn help_lines(app: &App) -> Vec<Line<'static>> {
    let p = &app.settings.palette;
    let mut out = vec![Line::styled("Browsing", p.title)];
    let rows = app.settings.keymap.help_lines(Mode::Normal);
    let kw = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    for (keys, help) in rows {
        out.push(Line::from(vec![
            Span::styled(format!("  {keys:<kw$}  "), p.key),
            Span::raw(help),
        ]));
    }
    out.push(Line::default());
    out.push(Line::styled("Searching", p.title));
    for (keys, help) in app.settings.keymap.help_lines(Mode::Search) {
        out.push(Line::from(vec![
            Span::styled(format!("  {keys:<kw$}  "), p.key),
            Span::raw(help),
        ]));
    }
    for (mode, title) in [
        (Mode::Form, "Editing a form"),
        (Mode::Quote, "Selecting a quote in the source (v)"),
        (Mode::Compare, "Comparing"),
        (Mode::Overview, "Overview"),
    ] {
        out.push(Line::default());
        out.push(Line::styled(title, p.title));
        for (keys, help) in app.settings.keymap.help_lines(mode) {
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<kw$}  "), p.key),
                Span::raw(help),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::styled("In this window", p.title));
    for (keys, help) in app.settings.keymap.help_lines(Mode::Overlay) {
        out.push(Line::from(vec![
            Span::styled(format!("  {keys:<kw$}  "), p.key),
            Span::raw(help),
        ]));
    }
    out.push(Line::default());
    out.push(Line::from(vec![
        Span::styled("Arabic display: ", p.title),
        Span::raw(format!("{} — {}", bidi_name(app), app.settings.bidi_reason)),
    ]));
    out.push(Line::raw(
        "  Terminals send Tab for C-i unless they speak the kitty keyboard protocol: use A-Right there.",
    ));
    out.push(Line::from(vec![
        Span::styled("Glyphs: ", p.title),
        Span::styled("▲ for/pro ", p.pro),
        Span::styled("▼ against/anti ", p.anti),
        Span::styled("◆ neither/mixed ", p.mixed),
        Span::raw("● neutral  + supports  − opposes  ! has a problem"),
    ]));
    out
}
