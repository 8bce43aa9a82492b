//! The timeline picture: a year axis, one bar per dated article over the
//! days its date covers (a year-long bar for `2024`, a month for `2021-07`,
//! a thin mark for a full date; hatched outline when inferred), labelled
//! with its badge and its original title; below, one row per theme with a
//! mark per article that argues it, coloured and labelled by its lean.

use ::svg::Document;
use ::svg::node::element::{Line, Rectangle};

use super::{Align, FAINT, INK, bar, bearing_colour, heading, label, page, stance_colour};
use crate::compare::Lean;
use crate::compare::date_span::{date_of_day, year_start};
use crate::compare::debate::Badge;
use crate::compare::timeline::Timeline;
use crate::model::{Bearing, Corpus};

const W: f32 = 1000.0;
const LEFT: f32 = 230.0;
const RIGHT: f32 = 250.0;
const ROW: f32 = 22.0;

pub fn draw(corpus: &Corpus) -> Document {
    let t = Timeline::build(corpus);
    let rows = t.entries.len() + t.themes.len() + t.undated.len();
    let h = 120.0 + ROW * (rows as f32 + 3.0);
    let (mut doc, mut y) = heading(page(W, h), corpus, "Timeline", W);
    let Some((first, last)) = t.range() else {
        return doc.add(label(
            "No article has a readable date (YYYY, YYYY-MM or YYYY-MM-DD).",
            16.0,
            y + 20.0,
            13.0,
            Align::Left,
        ));
    };
    let (y0, y1) = (
        date_of_day(first).year() as i32,
        date_of_day(last).year() as i32,
    );
    let (a0, a1) = (year_start(y0), year_start(y1 + 1));
    let span = (W - LEFT - RIGHT) / (a1 - a0).max(1) as f32;
    let x = |day: i32| LEFT + (day - a0) as f32 * span;

    y += 20.0;
    let axis_top = y;
    let bottom = h - 16.0;
    for year in y0..=y1 + 1 {
        let xx = x(year_start(year));
        doc = doc.add(
            Line::new()
                .set("x1", xx)
                .set("x2", xx)
                .set("y1", axis_top)
                .set("y2", bottom)
                .set("stroke", FAINT)
                .set("stroke-width", 1),
        );
        if year <= y1 {
            doc = doc.add(label(
                &year.to_string(),
                xx + 3.0,
                axis_top + 12.0,
                11.0,
                Align::Left,
            ));
        }
    }
    y += 22.0;
    for e in &t.entries {
        let Some(a) = corpus.article(e.map) else {
            continue;
        };
        let (bx, bw) = (x(e.span.first), (e.span.days() as f32 * span).max(3.0));
        let tip = format!(
            "{} — {} ({}{})",
            a.meta.title_en,
            e.span,
            e.span.precision.name(),
            if e.inferred { ", inferred" } else { "" }
        );
        let mut r: Rectangle = bar(bx, y, bw, ROW - 8.0, stance_colour(e.stance), &tip)
            .set("fill-opacity", if e.inferred { 0.45 } else { 0.9 });
        if e.inferred {
            r = r
                .set("stroke", INK)
                .set("stroke-dasharray", "3 2")
                .set("stroke-width", 1);
        }
        let badge = Badge::of(a).label();
        let date = format!("{}{}", e.span, if e.inferred { "?" } else { "" });
        doc = doc
            .add(r)
            .add(label(
                &format!("{badge} · {date}"),
                LEFT - 8.0,
                y + 11.0,
                12.0,
                Align::Right,
            ))
            .add(label(
                &super::cut(&a.meta.title_original, 34),
                W - 8.0,
                y + 11.0,
                12.0,
                Align::Right,
            ));
        y += ROW;
    }
    for u in &t.undated {
        if let Some(a) = corpus.article(u.map) {
            let text = format!("{} · no readable date", Badge::of(a).label());
            doc = doc.add(label(&text, LEFT - 8.0, y + 11.0, 12.0, Align::Right));
            y += ROW;
        }
    }
    y += ROW * 0.5;
    doc = doc.add(label(
        "Themes: when argued, which way (▲ for, ▼ against, ◆ split or neither)",
        16.0,
        y + 6.0,
        12.0,
        Align::Left,
    ));
    y += ROW;
    for track in &t.themes {
        let (en, ar) = corpus
            .motion
            .as_ref()
            .and_then(|m| m.theme(&track.theme))
            .map_or((track.theme.to_string(), String::new()), |th| {
                (th.en.to_string(), th.ar.to_string())
            });
        doc = doc
            .add(label(
                &super::cut(&en, 34),
                LEFT - 8.0,
                y + 11.0,
                11.0,
                Align::Right,
            ))
            .add(label(&ar, W - 8.0, y + 11.0, 11.0, Align::Right));
        for p in &track.points {
            let Some(e) = t.entries.get(p.entry as usize) else {
                continue;
            };
            let (b, glyph) = match p.tally.lean() {
                Some(Lean::For) => (Some(Bearing::For), "▲"),
                Some(Lean::Against) => (Some(Bearing::Against), "▼"),
                _ => (Some(Bearing::Neither), "◆"),
            };
            let (bx, bw) = (x(e.span.first), (e.span.days() as f32 * span).max(3.0));
            let tip = format!(
                "{}: {} for, {} against, {} neither",
                e.span, p.tally.for_, p.tally.against, p.tally.neither
            );
            doc = doc
                .add(
                    bar(bx, y + 2.0, bw, ROW - 10.0, bearing_colour(b), &tip)
                        .set("fill-opacity", 0.6),
                )
                .add(label(glyph, bx + bw / 2.0, y + 11.0, 10.0, Align::Middle));
        }
        y += ROW;
    }
    doc
}
