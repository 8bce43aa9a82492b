//! The compare screen: article A on the left, B on the right, one block per
//! theme either touches, with each side's nodes and bearings, the verdict
//! marker, and the curated links between the two drawn on the rows they
//! join. The alignment and verdicts come from `compare`; this draws them and
//! moves a selection through one side's nodes.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};

use crate::compare::{Side, Verdict};
use crate::tui::action::Action;
use crate::tui::app::{App, Lang};
use crate::tui::keymap::Mode;
use crate::tui::palette::{bearing_glyph, stance_glyph};
use crate::tui::screens::compare_state::CompareState;
use crate::tui::widgets::bidi_line::{fields_line, one_line};
use crate::tui::widgets::hints;
use crate::tui::widgets::selection;

fn verdict_style(app: &App, v: Verdict) -> (&'static str, Style) {
    let p = &app.settings.palette;
    match v {
        Verdict::Agree => ("= agree", p.key),
        Verdict::Clash => ("≠ clash", p.error),
        Verdict::Mixed => ("≈ mixed", p.warning),
        Verdict::OnlyA => ("◀ only A", p.dim),
        Verdict::OnlyB => ("▶ only B", p.dim),
    }
}

pub fn render(app: &App, s: &CompareState, area: Rect, buf: &mut Buffer) {
    let p = &app.settings.palette;
    let [header, body, status] = area.layout(&Layout::vertical([
        Constraint::Length(4),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let c = s.counts_line(app);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(p.border_focus)
        .title(Span::styled(" Compare ", p.title))
        .title_bottom(c);
    let inner = block.inner(Rect {
        height: header.height + body.height,
        ..header
    });
    block.render(
        Rect {
            height: header.height + body.height,
            ..header
        },
        buf,
    );
    let [head_in, body_in] = inner.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
    ]));
    let [left, mid, right] = head_in.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(10),
        Constraint::Fill(1),
    ]));
    render_head(app, s.cmp.a, s.side == Side::A, left, buf);
    render_head(app, s.cmp.b, s.side == Side::B, right, buf);
    Paragraph::new(Line::styled(" theme ", p.dim)).render(mid, buf);
    render_body(app, s, body_in, buf);
    // Keys from the keymap; the clashes toggle says what it will show.
    let km = &app.settings.keymap;
    let mut spans = vec![Span::raw(" ")];
    spans.extend(hints::status_spans(
        km,
        p,
        Mode::Compare,
        &[
            Action::FocusNext,
            Action::Accept,
            Action::Swap,
            Action::PrevArticle,
            Action::NextArticle,
        ],
    ));
    if let Some(k) = km.key(Mode::Compare, Action::ClashesOnly) {
        let what = if s.clashes_only {
            " all themes  "
        } else {
            " clashes only  "
        };
        spans.push(Span::styled(k.to_string(), p.key));
        spans.push(Span::styled(what, p.dim));
    }
    spans.extend(hints::status_spans(km, p, Mode::Compare, &[Action::Close]));
    let hints = Line::from(spans);
    Paragraph::new(hints).render(status, buf);
}

impl CompareState {
    fn counts_line(&self, app: &App) -> Line<'static> {
        let c = self.cmp.counts();
        let mut spans = vec![Span::raw(" ")];
        for v in Verdict::ALL {
            let (label, style) = verdict_style(app, v);
            let n = match v {
                Verdict::Agree => c.agree,
                Verdict::Clash => c.clash,
                Verdict::Mixed => c.mixed,
                Verdict::OnlyA => c.only_a,
                Verdict::OnlyB => c.only_b,
            };
            spans.push(Span::styled(format!("{label} {n}"), style));
            spans.push(Span::raw("  "));
        }
        if self.clashes_only {
            spans.push(Span::styled(
                "(clashes only) ",
                app.settings.palette.warning,
            ));
        }
        if self.cmp.voices == crate::compare::Voices::All {
            spans.push(Span::styled(
                "(reported claims count) ",
                app.settings.palette.warning,
            ));
        }
        Line::from(spans)
    }
}

fn render_head(app: &App, map: u32, focused: bool, area: Rect, buf: &mut Buffer) {
    let p = &app.settings.palette;
    let Some(a) = app.ws.corpus.article(map) else {
        return;
    };
    let m = &a.meta;
    let title = if app.settings.lang == Lang::Ar {
        &m.title_original
    } else {
        &m.title_en
    };
    let badge = format!(
        "{} {} ",
        stance_glyph(m.stance),
        m.stance.map_or("?", |s| s.name()).to_uppercase()
    );
    let w = area.width.saturating_sub(badge.chars().count() as u16);
    let style = if focused {
        p.title.patch(p.border_focus)
    } else {
        p.title
    };
    let mut first = one_line(&app.view.layout_cache, title, w, app.settings.bidi, style);
    first
        .spans
        .insert(0, Span::styled(badge, p.stance(m.stance)));
    let second = fields_line(
        &[
            &m.id,
            m.outlet.as_deref().unwrap_or(""),
            m.date.as_deref().unwrap_or(""),
        ],
        " · ",
        area.width,
        app.settings.bidi,
        p.dim,
    );
    Paragraph::new(vec![first, second]).render(area, buf);
}

/// Draws only the body lines in the window: a row of a large comparison can
/// hold thousands of nodes, and laying out text that is not shown would
/// cost more than the whole frame budget.
fn render_body(app: &App, s: &CompareState, area: Rect, buf: &mut Buffer) {
    let p = &app.settings.palette;
    let half = area.width.saturating_sub(3) / 2;
    let selected = s.selected_item();
    let (from, to) = (s.offset, s.offset + area.height as usize);
    let mut lines: Vec<Line> = Vec::with_capacity(area.height as usize);
    let mut at = 0;
    for r in s.visible_rows() {
        let height = s.height(r);
        if at + height <= from {
            at += height;
            continue;
        }
        if at >= to {
            break;
        }
        let row = &s.cmp.rows[r];
        if at >= from {
            lines.push(row_head(app, row, area.width));
        }
        at += 1;
        for i in 0..row.a.entries.len().max(row.b.entries.len()).max(1) {
            if at >= to {
                break;
            }
            if at >= from {
                let mut spans = Vec::new();
                for side in [Side::A, Side::B] {
                    let is_sel = s.side == side
                        && (selected == Some((r, Some(i)))
                            || selected == Some((r, None)) && i == 0);
                    spans.extend(entry_cell(app, s, r, side, i, half, is_sel).spans);
                    if side == Side::A {
                        spans.push(Span::styled(" │ ", p.border));
                    }
                }
                lines.push(Line::from(spans));
            }
            at += 1;
        }
        for &li in &row.links {
            if at >= from && at < to {
                lines.push(link_line(app, s, li, area.width));
            }
            at += 1;
        }
    }
    if s.visible_rows().next().is_none() {
        lines.push(Line::styled(
            "  no themes to show (! shows all themes)",
            p.dim,
        ));
    }
    Paragraph::new(lines).render(area, buf);
}

/// A theme's heading: verdict marker, theme name, both sides' tallies.
fn row_head(app: &App, row: &crate::compare::Row, width: u16) -> Line<'static> {
    let p = &app.settings.palette;
    let (label, vstyle) = verdict_style(app, row.verdict);
    let theme = app
        .ws
        .corpus
        .motion
        .as_ref()
        .and_then(|m| m.theme(&row.theme))
        .map_or_else(
            || row.theme.to_string(),
            |t| {
                if app.settings.lang == Lang::Ar {
                    t.ar.to_string()
                } else {
                    t.en.to_string()
                }
            },
        );
    let (ta, tb) = (&row.a.tally, &row.b.tally);
    // Reported claims (‹voice›) are shown apart: counted or not, the
    // reader sees how many there are.
    let reported = |c: &crate::compare::Column| match c.reported.total() {
        0 => String::new(),
        n => format!(" ‹{n}›"),
    };
    let tallies = format!(
        "  A ▲{} ▼{} ◆{}{}  B ▲{} ▼{} ◆{}{}",
        ta.for_,
        ta.against,
        ta.neither,
        reported(&row.a),
        tb.for_,
        tb.against,
        tb.neither,
        reported(&row.b)
    );
    let mut head = vec![Span::styled(format!("{label:<9}"), vstyle)];
    head.extend(
        one_line(
            &app.view.layout_cache,
            &theme,
            width.saturating_sub(40),
            app.settings.bidi,
            p.title,
        )
        .spans,
    );
    head.push(Span::styled(tallies, p.dim));
    Line::from(head)
}

/// One side's `i`th node on row `r`, padded to `half` cells.
fn entry_cell(
    app: &App,
    s: &CompareState,
    r: usize,
    side: Side,
    i: usize,
    half: u16,
    selected: bool,
) -> Line<'static> {
    let p = &app.settings.palette;
    let col = s.cmp.rows[r].side(side);
    let map = match side {
        Side::A => s.cmp.a,
        Side::B => s.cmp.b,
    };
    let mut cell = match (col.entries.get(i), app.ws.corpus.article(map)) {
        (Some(e), Some(a)) => {
            let n = a.node(e.node);
            let claim = if app.settings.lang == Lang::Ar {
                n.claim_ar()
            } else {
                n.claim_en()
            };
            let mut spans = vec![Span::styled(
                format!("{} ", bearing_glyph(e.bearing)),
                p.bearing(e.bearing),
            )];
            // One cell is the selection gutter.
            let mut room = half.saturating_sub(3);
            if let Some(v) = &n.voice() {
                let speaker = one_line(
                    &app.view.layout_cache,
                    &format!("‹{v}›"),
                    room / 3,
                    app.settings.bidi,
                    p.key,
                );
                room = room.saturating_sub(speaker.width() as u16 + 1);
                spans.extend(speaker.spans);
                spans.push(Span::raw(" "));
            }
            let l = one_line(
                &app.view.layout_cache,
                claim,
                room,
                app.settings.bidi,
                Style::new(),
            );
            spans.extend(l.spans);
            Line::from(spans)
        }
        _ if i == 0 && col.entries.is_empty() => Line::styled(" (nothing on this theme)", p.dim),
        _ => Line::default(),
    };
    cell = selection::row(cell, selected, half, p);
    let w = cell.width();
    cell.spans
        .push(Span::raw(" ".repeat((half as usize).saturating_sub(w))));
    cell
}

/// A curated link between the two articles, drawn under the row it joins.
fn link_line(app: &App, s: &CompareState, li: u32, width: u16) -> Line<'static> {
    let Some(l) = s.cmp.links.get(li as usize) else {
        return Line::default();
    };
    let ((fs, fnode), (ts, tnode)) = l.ends();
    let end = |side: Side, node: u32| {
        let map = match side {
            Side::A => s.cmp.a,
            Side::B => s.cmp.b,
        };
        let id = app
            .ws
            .corpus
            .article(map)
            .map(|a| a.node(node).id().to_string())
            .unwrap_or_default();
        format!("{side:?}:{id}")
    };
    // Ids may be Arabic: each end is a field of its own.
    let (from, to) = (end(fs, fnode), end(ts, tnode));
    let mut l = fields_line(
        &[&from, l.kind.name(), &to],
        " ",
        width.saturating_sub(4),
        app.settings.bidi,
        app.settings.palette.key,
    );
    l.spans
        .insert(0, Span::styled("  ↳ ", app.settings.palette.key));
    l
}
