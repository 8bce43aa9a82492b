//! The overview screen: every article on a stance spectrum (anti … mixed …
//! pro), and the articles × themes matrix whose cells say whether an article
//! argues for (▲), against (▼), both (▲▼) or neither way (◆) on a theme, with
//! counts. The selected cell's nodes are listed below; Enter opens one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::compare::Mark;
use crate::text;
use crate::text::plural::count;
use crate::tui::action::Action;
use crate::tui::app::{App, Lang};
use crate::tui::keymap::Mode;
use crate::tui::palette::{bearing_glyph, stance_glyph};
use crate::tui::screens::overview_state::OverviewState;
use crate::tui::widgets::bidi_line::{fields_line, one_line};
use crate::tui::widgets::border::Border;
use crate::tui::widgets::selection;

/// Cells a matrix column takes.
const CELL: u16 = 8;
/// Cells the article column takes.
const NAME: u16 = 28;

/// Rows of articles and columns of themes the matrix has room for.
pub(crate) fn matrix_size(screen: Rect) -> (usize, usize) {
    let [_, matrix, _] = split(screen);
    let rows = matrix.height.saturating_sub(3) as usize;
    let cols = (matrix.width.saturating_sub(NAME + 2) / CELL) as usize;
    (rows.max(1), cols.max(1))
}

fn split(screen: Rect) -> [Rect; 3] {
    screen.layout(&Layout::vertical([
        Constraint::Length(5),
        Constraint::Fill(2),
        Constraint::Fill(1),
    ]))
}

pub fn render(app: &App, s: &OverviewState, screen: Rect, buf: &mut Buffer) {
    let [spectrum, matrix, nodes] = split(screen);
    render_spectrum(app, s, spectrum, buf);
    render_matrix(app, s, matrix, buf);
    render_nodes(app, s, nodes, buf);
}

fn block(app: &App, title: &str, focused: bool) -> Border<'static> {
    let p = &app.settings.palette;
    let title = Span::styled(format!(" {title} "), p.title);
    Border::pane(focused, p.border_focus, p.border, title)
}

/// The spectrum: each article's badge placed by its position; with more
/// articles than fit, a histogram of how many sit at each place.
fn render_spectrum(app: &App, s: &OverviewState, area: Rect, buf: &mut Buffer) {
    let p = &app.settings.palette;
    let b = block(app, "Stance spectrum", false);
    let inner = b.inner(area);
    b.render(area, buf);
    let w = inner.width.saturating_sub(12) as usize;
    if w < 4 || inner.height < 3 {
        return;
    }
    let x_of = |pos: f32| (((pos.clamp(-1.0, 1.0) + 1.0) / 2.0) * (w - 1) as f32).round() as usize;
    let mut marks = vec![' '; w];
    let mut counts = vec![0usize; w];
    for a in &s.ov.articles {
        let x = x_of(a.position);
        counts[x] += 1;
        marks[x] = stance_glyph(a.stance).chars().next().unwrap_or('?');
    }
    let sel_x = s.ov.articles.get(s.row).map(|a| x_of(a.position));
    let row1: String = if s.ov.articles.len() <= w / 2 {
        marks.iter().collect()
    } else {
        let max = counts.iter().copied().max().unwrap_or(1).max(1);
        let bars = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
        counts
            .iter()
            .map(|&c| {
                if c == 0 {
                    ' '
                } else {
                    bars[(c * 7).div_ceil(max).min(7)]
                }
            })
            .collect()
    };
    // The selected article: its mark in the selection style, and its id
    // under it after an arrow — not a stance glyph, which would read as
    // "for the motion" (issue 14).
    let mut top = vec![Span::raw("      ")];
    match sel_x {
        Some(x) => {
            let chars: Vec<char> = row1.chars().collect();
            top.push(Span::styled(chars[..x].iter().collect::<String>(), p.title));
            top.push(Span::styled(
                chars[x].to_string(),
                p.title.patch(p.selection),
            ));
            top.push(Span::styled(
                chars[x + 1..].iter().collect::<String>(),
                p.title,
            ));
        }
        None => top.push(Span::styled(row1, p.title)),
    }
    let mut pointer = vec![Span::raw("      ")];
    if let (Some(x), Some(a)) = (sel_x, s.ov.articles.get(s.row)) {
        let id = app.ws.corpus.article(a.map).map_or("", |art| &*art.meta.id);
        let label = format!("↑ {id}");
        let lw = text::display_width(&label);
        // Beside the arrow, or to its left when it is near the right end.
        let start = if x + lw <= w {
            x
        } else {
            x.saturating_sub(lw - 1)
        };
        pointer.push(Span::raw(" ".repeat(start)));
        let label = if start == x {
            label
        } else {
            format!("{id} ↑")
        };
        pointer.push(Span::styled(label, p.selection));
    }
    let scale = format!("{}{}{}", "─".repeat(w / 2), "┼", "─".repeat(w - w / 2 - 1));
    let lines = vec![
        Line::from(top),
        Line::from(vec![
            Span::styled(" anti ", p.anti),
            Span::styled(scale, p.dim),
            Span::styled(" pro", p.pro),
        ]),
        Line::from(pointer),
    ];
    Paragraph::new(lines).render(inner, buf);
}

fn cell_text(app: &App, c: &crate::compare::Cell) -> (String, Style) {
    let p = &app.settings.palette;
    let t = &c.tally;
    match t.mark() {
        Mark::For => (format!("▲{}", t.for_), p.pro),
        Mark::Against => (format!("▼{}", t.against), p.anti),
        Mark::Both => (format!("▲{}▼{}", t.for_, t.against), p.mixed),
        Mark::Neither => (format!("◆{}", t.neither), p.neutral),
        Mark::Empty => ("·".into(), p.dim),
    }
}

fn render_matrix(app: &App, s: &OverviewState, area: Rect, buf: &mut Buffer) {
    let p = &app.settings.palette;
    let b = block(app, "Articles × themes", !s.in_nodes);
    let inner = b.inner(area);
    b.render(area, buf);
    let (h, w) = matrix_size(app.view.areas.screen);
    let cols: Vec<usize> = (s.col_offset..s.ov.themes.len()).take(w).collect();
    let label = |i: usize| -> String {
        let id = &s.ov.themes[i];
        let t = app.ws.corpus.motion.as_ref().and_then(|m| m.theme(id));
        let l = match (t, app.settings.lang) {
            (Some(t), Lang::En) => t.en.to_string(),
            _ => id.to_string(),
        };
        // Cut with an ellipsis, so a cut label does not pass for a whole one.
        let room = CELL as usize - 1;
        if l.chars().count() > room {
            l.chars().take(room - 1).chain(['…']).collect()
        } else {
            l
        }
    };
    let mut head = vec![Span::raw(" ".repeat(NAME as usize))];
    for &c in &cols {
        let st = if c == s.col { p.key } else { p.dim };
        head.push(Span::styled(
            format!("{:<w$}", label(c), w = CELL as usize),
            st,
        ));
    }
    let mut lines = vec![Line::from(head)];
    let theme_name = s.ov.themes.get(s.col).map(|id| {
        app.ws
            .corpus
            .motion
            .as_ref()
            .and_then(|m| m.theme(id))
            .map_or_else(
                || (id.to_string(), String::new()),
                |t| (t.en.to_string(), t.ar.to_string()),
            )
    });
    let (en, ar) = theme_name.unwrap_or_default();
    let mut named = fields_line(
        &[&en, &ar],
        " · ",
        inner.width.saturating_sub(NAME),
        app.settings.bidi,
        p.title,
    );
    named.spans.insert(0, Span::raw(" ".repeat(NAME as usize)));
    lines.push(named);
    for (i, a) in s.ov.articles.iter().enumerate().skip(s.row_offset).take(h) {
        let Some(art) = app.ws.corpus.article(a.map) else {
            continue;
        };
        let title = if app.settings.lang == Lang::Ar {
            &art.meta.title_original
        } else {
            &art.meta.id
        };
        let mut name = one_line(
            &app.view.layout_cache,
            title,
            NAME - 4,
            app.settings.bidi,
            Style::new(),
        );
        name.spans.insert(
            0,
            Span::styled(format!("{} ", stance_glyph(a.stance)), p.stance(a.stance)),
        );
        // The selected article's row: the gutter mark and its name in bold;
        // the selected cell alone has the selection style.
        name.spans.insert(
            0,
            if i == s.row {
                Span::styled(selection::MARK, p.key)
            } else {
                Span::raw(" ")
            },
        );
        let nw = name.width();
        name.spans
            .push(Span::raw(" ".repeat((NAME as usize).saturating_sub(nw))));
        if i == s.row {
            for sp in &mut name.spans {
                sp.style = sp.style.patch(p.title);
            }
        }
        let mut spans = name.spans;
        for &c in &cols {
            let (text, mut st) = a
                .cells
                .get(c)
                .map_or(("".into(), Style::new()), |cell| cell_text(app, cell));
            if i == s.row && c == s.col {
                st = st.patch(p.selection);
            }
            spans.push(Span::styled(format!("{text:<w$}", w = CELL as usize), st));
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(inner, buf);
}

fn render_nodes(app: &App, s: &OverviewState, area: Rect, buf: &mut Buffer) {
    let p = &app.settings.palette;
    let nodes = s.nodes();
    let b = block(
        app,
        &format!(
            "{} in this cell — {}, then {} opens",
            count(nodes.len(), "node"),
            app.key(Mode::Overview, Action::FocusNext),
            app.key(Mode::Overview, Action::Accept)
        ),
        s.in_nodes,
    );
    let inner = b.inner(area);
    b.render(area, buf);
    let h = inner.height as usize;
    let start = if s.in_nodes {
        s.node_sel.saturating_sub(h.saturating_sub(1))
    } else {
        0
    };
    let mut lines = Vec::new();
    for (i, &(map, n)) in nodes.iter().enumerate().skip(start).take(h) {
        let Some(a) = app.ws.corpus.article(map) else {
            continue;
        };
        let node = a.node(n);
        let bearing = app
            .ws
            .cache
            .get(map as usize)
            .and_then(|c| c.bearings.of(n));
        let claim = if app.settings.lang == Lang::Ar {
            node.claim_ar()
        } else {
            node.claim_en()
        };
        let mut spans = vec![Span::styled(
            format!("{} ", bearing_glyph(bearing)),
            p.bearing(bearing),
        )];
        // One cell is the selection gutter.
        let mut room = inner.width.saturating_sub(3);
        // A reported claim names its speaker (counted or not, see `r`),
        // laid out apart so an Arabic name does not turn an English claim.
        if let Some(v) = &node.voice() {
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
        spans.extend(
            one_line(
                &app.view.layout_cache,
                claim,
                room,
                app.settings.bidi,
                Style::new(),
            )
            .spans,
        );
        lines.push(selection::row(
            Line::from(spans),
            s.in_nodes && i == s.node_sel,
            inner.width,
            p,
        ));
    }
    Paragraph::new(lines).render(inner, buf);
}
