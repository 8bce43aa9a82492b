//! The detail pane: everything about the selected node — claims in both
//! languages, who says it when it is not the author (its voice), the
//! verbatim quote, relation, bearing and kind of claim, themes, links and
//! the links into it from other articles ("linked from"), note, and any
//! problem `check` found — and, on the thesis, the article itself (genre,
//! and whether its stance is explicit or an inferred lean).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::app::{App, Focus};
use crate::tui::keymap::Mode;
use crate::tui::palette::{bearing_glyph, stance_glyph};
use crate::tui::widgets::bidi_line::{fields_line, fields_lines, text_lines};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = lines(app, area.width);
    let max = lines.len().saturating_sub(area.height as usize);
    let scroll = app.screen.browse().detail_scroll.min(max);
    // Scrolled as `Paragraph::scroll` would (a u16 of rows).
    crate::tui::widgets::rows::render(&lines, scroll as u16 as usize, area, buf);
}

/// A map that did not load: what that means and what to do, so the pane
/// is never empty (the diagnostic itself is in the tree pane).
fn broken_map(app: &App, width: u16) -> Vec<Line<'static>> {
    let Some(d) = app
        .ws
        .corpus
        .maps
        .get(app.browse().selected)
        .and_then(|m| m.error.as_ref())
    else {
        return vec![];
    };
    let p = &app.settings.palette;
    let file = d
        .path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = format!(
        "{file} does not load, so it is left out of search, compare and the overview; \
         the other maps are not affected.\n\n\
         {} opens it in $EDITOR at line {}; when it parses again it comes back.\n\n\
         `mizan check` lists every problem in the maps.",
        app.key(
            crate::tui::keymap::Mode::Normal,
            crate::tui::action::Action::OpenEditor
        ),
        d.line.max(1)
    );
    let mut out = vec![Line::styled("Map does not load", p.error)];
    out.extend(text_lines(
        &app.view.layout_cache,
        &text,
        width,
        app.settings.bidi,
        Style::new(),
    ));
    out
}

/// The pane's content, laid out for `width` cells.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let Some(r) = app.current() else {
        return broken_map(app, width);
    };
    let Some(a) = app.ws.corpus.article(r.map) else {
        return vec![];
    };
    let p = &app.settings.palette;
    let n = a.node(r.node);
    let cache = &app.ws.cache[r.map as usize];
    let mode = app.settings.bidi;
    let mut out: Vec<Line<'static>> = Vec::new();
    let heading = |out: &mut Vec<Line<'static>>, s: &str| {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(s.to_string(), p.dim));
    };

    if n.parent().is_none() {
        let m = &a.meta;
        out.extend(text_lines(
            &app.view.layout_cache,
            &m.title_en,
            width,
            mode,
            p.title,
        ));
        out.extend(text_lines(
            &app.view.layout_cache,
            &m.title_original,
            width,
            mode,
            p.title,
        ));
        let date = match (&m.date, m.date_inferred) {
            (Some(d), true) => format!("{d} (date inferred)"),
            (Some(d), false) => d.to_string(),
            (None, _) => String::new(),
        };
        let genre = m.genre.map_or("", |g| g.name());
        out.extend(fields_lines(
            &app.view.layout_cache,
            &[
                m.author.as_deref().unwrap_or(""),
                m.outlet.as_deref().unwrap_or(""),
                &date,
                genre,
            ],
            " · ",
            width,
            mode,
            p.dim,
        ));
        heading(&mut out, "Stance");
        out.push(Line::from(Span::styled(
            format!(
                "{} {}{}",
                stance_glyph(m.stance),
                m.stance.map_or("missing", |s| s.name()),
                if m.stance_basis.is_explicit() {
                    ""
                } else {
                    " (implicit: a lean read from the framing)"
                }
            ),
            p.stance(m.stance),
        )));
        out.extend(text_lines(
            &app.view.layout_cache,
            &m.rationale_en,
            width,
            mode,
            Style::new(),
        ));
        out.extend(text_lines(
            &app.view.layout_cache,
            &m.rationale_ar,
            width,
            mode,
            Style::new(),
        ));
        heading(&mut out, "Thesis");
    } else {
        heading(&mut out, "Claim");
    }
    out.extend(text_lines(
        &app.view.layout_cache,
        n.claim_en(),
        width,
        mode,
        Style::new(),
    ));
    out.extend(text_lines(
        &app.view.layout_cache,
        n.claim_ar(),
        width,
        mode,
        Style::new(),
    ));

    if let Some(v) = &n.voice() {
        heading(&mut out, "Reported claim, said by");
        out.extend(text_lines(
            &app.view.layout_cache,
            &format!("‹{v}›"),
            width,
            mode,
            p.key,
        ));
    }

    if let Some(q) = &n.quote() {
        heading(&mut out, "Quote");
        out.extend(text_lines(&app.view.layout_cache, q, width, mode, p.key));
    }

    let b = cache.bearings.of(r.node);
    let how = match (b, n.bearing) {
        (None, _) => "",
        (Some(_), Some(_)) => " (stated)",
        (Some(_), None) => " (derived)",
    };
    let rel = n
        .relation
        .map(|rl| format!("{} its parent · ", rl.name()))
        .unwrap_or_default();
    let kind = n
        .kind
        .map(|k| format!(" · {}", k.name()))
        .unwrap_or_default();
    let bearing = format!(
        "{rel}{} {} the motion{how}{kind}",
        bearing_glyph(b),
        b.map_or("no bearing on", |b| b.name())
    );
    heading(&mut out, "Bearing");
    out.extend(text_lines(
        &app.view.layout_cache,
        &bearing,
        width,
        mode,
        p.bearing(b),
    ));

    if !n.themes().is_empty() {
        heading(&mut out, "Themes");
        for t in n.themes() {
            let label = app
                .ws
                .corpus
                .motion
                .as_ref()
                .and_then(|m| m.theme(t))
                .map_or_else(
                    || (format!("#{t} (unknown)"), String::new()),
                    |th| (format!("#{}", th.en), th.ar.to_string()),
                );
            out.extend(fields_lines(
                &app.view.layout_cache,
                &[&label.0, &label.1],
                " · ",
                width,
                mode,
                Style::new(),
            ));
        }
    }

    if !n.links().is_empty() {
        heading(
            &mut out,
            &format!(
                "Links ({} or {} follows)",
                app.key(Mode::Normal, Action::FollowLink),
                app.key(Mode::Normal, Action::Toggle)
            ),
        );
        for (i, l) in n.links().iter().enumerate() {
            let sel = i == app.screen.browse().link_sel;
            let marker = if sel { "› " } else { "  " };
            let target = app.ws.corpus.resolve(&l.to);
            let claim = target
                .and_then(|t| {
                    app.ws
                        .corpus
                        .article(t.map)
                        .map(|ta| ta.node(t.node).claim_en().to_string())
                })
                .unwrap_or_else(|| "(missing)".into());
            let style = if sel && app.screen.browse().focus == Focus::Detail {
                p.selection
            } else {
                Style::new()
            };
            let mut head = Line::from(vec![
                Span::styled(marker, p.key),
                Span::styled(format!("{} ", l.kind.name()), p.key),
            ]);
            let used = head.width() as u16;
            head.spans.extend(
                fields_line(
                    &[l.to.as_ref()],
                    "",
                    width.saturating_sub(used),
                    mode,
                    style,
                )
                .spans,
            );
            out.push(head);
            out.extend(
                text_lines(
                    &app.view.layout_cache,
                    &claim,
                    width.saturating_sub(2),
                    mode,
                    p.dim,
                )
                .into_iter()
                .map(|mut l| {
                    l.spans.insert(0, Span::raw("  "));
                    l
                }),
            );
        }
    }

    // The links into a node come from every map: none are shown until
    // all have loaded (`workspace::arrival`), rather than some.
    let incoming = match app.ws.arrival {
        Some(_) => &[],
        None => app.ws.incoming().to(&app.ws.corpus, r),
    };
    if !incoming.is_empty() {
        heading(&mut out, "Linked from");
        for l in incoming {
            let Some(src) = app.ws.corpus.article(l.from.map) else {
                continue;
            };
            let from = src.node(l.from.node);
            out.push(Line::from(vec![
                Span::styled(format!("  {} by ", l.kind.name()), p.key),
                Span::raw(format!("{}/{}", src.id(), from.id())),
            ]));
            out.extend(
                text_lines(
                    &app.view.layout_cache,
                    from.claim_en(),
                    width.saturating_sub(2),
                    mode,
                    p.dim,
                )
                .into_iter()
                .map(|mut l| {
                    l.spans.insert(0, Span::raw("  "));
                    l
                }),
            );
        }
    }

    if let Some(note) = &n.note() {
        heading(&mut out, "Note");
        out.extend(text_lines(
            &app.view.layout_cache,
            note,
            width,
            mode,
            Style::new(),
        ));
    }

    if let Some(problems) = cache.problems.get(&r.node) {
        heading(&mut out, "Problems");
        for d in problems {
            let style = if d.is_error() { p.error } else { p.warning };
            out.extend(text_lines(
                &app.view.layout_cache,
                &format!("{}: {}", d.code, d.message),
                width,
                mode,
                style,
            ));
        }
    }
    out
}
