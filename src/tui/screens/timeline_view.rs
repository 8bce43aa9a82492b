//! The timeline, drawn in the debate screen (`T`): a year axis, one bar per
//! dated article over every column its date covers — a whole year for
//! `2024`, a month for `2021-07` — solid for a printed date and dotted for
//! an inferred one, in the stance's colour and glyph; under it one row per
//! theme with the lean (▲ ▼ ◆) of each article that argues it, over that
//! article's span. Undated articles are listed last. Rows past the screen's
//! height are not shown (the CLI's `mizan timeline` prints them all).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::compare::Lean;
use crate::compare::date_span::{date_of_day, year_start};
use crate::compare::debate::Badge;
use crate::compare::timeline::Timeline;
use crate::model::Bearing;
use crate::tui::app::{App, Lang};
use crate::tui::palette::stance_glyph;
use crate::tui::widgets::bidi_line::one_line;

/// Cells the label column takes.
const LABEL: u16 = 26;

/// Draws the timeline from line `top` on (clamped) and returns the largest
/// first line that still fills the area, for the keys to scroll within.
pub fn render(app: &App, t: &Timeline, top: u16, area: Rect, buf: &mut Buffer) -> u16 {
    let p = &app.settings.palette;
    let corpus = &app.ws.corpus;
    let mut lines: Vec<Line> = vec![Line::styled(
        format!(
            " Timeline: {} dated articles (━ printed date, ┄ inferred; 2024 spans the year)",
            t.entries.len()
        ),
        p.title,
    )];
    let w = area.width.saturating_sub(LABEL + 1) as usize;
    let Some((first, last)) = t.range() else {
        lines.push(Line::styled(" no article has a readable date", p.dim));
        return scrolled(app, lines, top, area, buf);
    };
    if w < 8 {
        return scrolled(app, lines, top, area, buf);
    }
    let (y0, y1) = (
        date_of_day(first).year() as i32,
        date_of_day(last).year() as i32,
    );
    let (a0, a1) = (year_start(y0), year_start(y1 + 1));
    let col = |day: i32| -> usize {
        (((day - a0) as i64 * w as i64) / (a1 - a0).max(1) as i64).clamp(0, w as i64 - 1) as usize
    };
    let pad = |s: String| format!("{s:<width$}", width = LABEL as usize);

    // The axis: each year's label where it starts.
    let mut axis = vec![' '; w];
    for y in y0..=y1 {
        let c = col(year_start(y));
        for (k, ch) in format!("|{y}").chars().enumerate() {
            if c + k < w {
                axis[c + k] = ch;
            }
        }
    }
    lines.push(Line::from(vec![
        Span::raw(pad(String::new())),
        Span::styled(axis.into_iter().collect::<String>(), p.dim),
    ]));

    for e in &t.entries {
        let Some(a) = corpus.article(e.map) else {
            continue;
        };
        // The date says the year, so the badge goes without it.
        let label = format!(
            " {}{} {}{}",
            stance_glyph(e.stance),
            Badge::of(a).name,
            e.span,
            if e.inferred { "?" } else { "" }
        );
        let (c0, c1) = (col(e.span.first), col(e.span.last));
        let fill = if e.inferred { "┄" } else { "━" };
        let mut spans = vec![
            Span::raw(pad(cut(&label, LABEL as usize - 1))),
            Span::raw(" ".repeat(c0)),
        ];
        spans.push(Span::styled(
            format!("{}{}", stance_glyph(e.stance), fill.repeat(c1 - c0)),
            p.stance(e.stance),
        ));
        lines.push(Line::from(spans));
    }
    for u in &t.undated {
        if let Some(a) = corpus.article(u.map) {
            lines.push(Line::styled(
                format!(" {} · no readable date", Badge::of(a).label()),
                p.dim,
            ));
        }
    }

    lines.push(Line::styled(
        " Themes: when argued, which way (▲ for, ▼ against, ◆ split or neither)",
        p.title,
    ));
    for track in &t.themes {
        let name = corpus
            .motion
            .as_ref()
            .and_then(|m| m.theme(&track.theme))
            .map_or_else(
                || track.theme.to_string(),
                |th| {
                    if app.settings.lang == Lang::Ar {
                        th.ar.to_string()
                    } else {
                        th.en.to_string()
                    }
                },
            );
        let mut label = one_line(
            &app.view.layout_cache,
            &name,
            LABEL - 2,
            app.settings.bidi,
            Style::new(),
        );
        label.spans.insert(0, Span::raw(" "));
        let lw = label.width();
        label
            .spans
            .push(Span::raw(" ".repeat((LABEL as usize).saturating_sub(lw))));
        let mut row: Vec<Option<Bearing>> = vec![None; w];
        let mut used = vec![false; w];
        for pt in &track.points {
            let Some(e) = t.entries.get(pt.entry as usize) else {
                continue;
            };
            let b = match pt.tally.lean() {
                Some(Lean::For) => Bearing::For,
                Some(Lean::Against) => Bearing::Against,
                _ => Bearing::Neither,
            };
            for c in col(e.span.first)..=col(e.span.last) {
                // Two articles on the same days: a disagreement shows as ◆.
                row[c] = match (used[c], row[c]) {
                    (true, Some(prev)) if prev != b => Some(Bearing::Neither),
                    _ => Some(b),
                };
                used[c] = true;
            }
        }
        let mut spans = label.spans;
        for b in row {
            spans.push(match b {
                Some(b) => Span::styled(bearing_mark(b), p.bearing(Some(b))),
                None => Span::raw(" "),
            });
        }
        lines.push(Line::from(spans));
    }
    scrolled(app, lines, top, area, buf)
}

/// The lines from `top` on, with "lines a–b of n · j/k scroll" in the last
/// row's right end when they do not all fit.
fn scrolled(app: &App, lines: Vec<Line>, top: u16, area: Rect, buf: &mut Buffer) -> u16 {
    let n = lines.len();
    let max = n.saturating_sub(area.height as usize) as u16;
    let top = top.min(max);
    Paragraph::new(lines).scroll((top, 0)).render(area, buf);
    if max > 0 && area.height > 0 {
        let last = (top as usize + area.height as usize).min(n);
        let note = format!(" lines {}–{last} of {n} · j/k scroll ", top + 1);
        let width = note.chars().count() as u16;
        if width < area.width {
            buf.set_string(
                area.right() - width,
                area.bottom() - 1,
                note,
                app.settings.palette.dim,
            );
        }
    }
    max
}

fn bearing_mark(b: Bearing) -> &'static str {
    match b {
        Bearing::For => "▲",
        Bearing::Against => "▼",
        Bearing::Neither => "◆",
    }
}

fn cut(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
