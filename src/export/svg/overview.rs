//! The overview picture: the articles on the stance spectrum (anti at the
//! left, pro at the right), then the articles × themes matrix whose cells
//! say whether an article argues for, against or both ways on a theme,
//! with the counts; columns are numbered and named below in English and
//! Arabic, so long theme names need no rotated text.

use ::svg::Document;
use ::svg::node::element::{Circle, Line, Title};

use super::{Align, FAINT, bar, bearing_colour, heading, label, page, stance_colour};
use crate::compare::debate::Badge;
use crate::compare::{Mark, Overview};
use crate::model::{Bearing, Corpus, Stance};

const LEFT: f32 = 240.0;
const CELL: f32 = 40.0;
const ROW: f32 = 22.0;

pub fn draw(corpus: &Corpus) -> Document {
    let ov = Overview::build(corpus);
    let cols = ov.themes.len();
    let w = (LEFT + CELL * cols as f32 + 40.0).max(760.0);
    let rows = ov.articles.len();
    let h = 140.0 + 60.0 + ROW * (2.0 * rows as f32 + cols as f32 + 4.0);
    let (mut doc, mut y) = heading(page(w, h), corpus, "Overview", w);

    // The spectrum: −1 … +1 across the width.
    y += 30.0;
    let (sx0, sx1) = (LEFT, w - 40.0);
    let sx = |p: f32| sx0 + (p.clamp(-1.0, 1.0) + 1.0) / 2.0 * (sx1 - sx0);
    doc = doc
        .add(
            Line::new()
                .set("x1", sx0)
                .set("x2", sx1)
                .set("y1", y)
                .set("y2", y)
                .set("stroke", FAINT)
                .set("stroke-width", 2),
        )
        .add(label("▼ anti", sx0, y - 8.0, 11.0, Align::Left))
        .add(label(
            "◆ mixed / ● neutral",
            sx(0.0),
            y - 8.0,
            11.0,
            Align::Middle,
        ))
        .add(label("pro ▲", sx1, y - 8.0, 11.0, Align::Right))
        .add(label(
            "Stance spectrum",
            LEFT - 10.0,
            y + 4.0,
            12.0,
            Align::Right,
        ));
    for (k, &i) in ov.spectrum.iter().enumerate() {
        let Some(row) = ov.articles.get(i as usize) else {
            continue;
        };
        let Some(a) = corpus.article(row.map) else {
            continue;
        };
        let cx = sx(row.position);
        let ly = y + 18.0 + (k as f32) * 14.0;
        doc = doc
            .add(
                Circle::new()
                    .set("cx", cx)
                    .set("cy", y)
                    .set("r", 6)
                    .set("fill", stance_colour(row.stance))
                    .add(Title::new(
                        crate::text::sanitize::visible(&a.meta.title_en).into_owned(),
                    )),
            )
            .add(label(&Badge::of(a).label(), cx, ly, 10.0, Align::Middle));
    }
    y += 30.0 + 14.0 * rows as f32;

    // The matrix.
    for c in 0..cols {
        let cx = LEFT + CELL * c as f32 + CELL / 2.0;
        doc = doc.add(label(&(c + 1).to_string(), cx, y, 11.0, Align::Middle));
    }
    y += 8.0;
    for row in &ov.articles {
        let Some(a) = corpus.article(row.map) else {
            continue;
        };
        doc = doc.add(label(
            &format!("{} · {}", Badge::of(a).label(), super::cut(a.id(), 26)),
            LEFT - 8.0,
            y + 15.0,
            11.0,
            Align::Right,
        ));
        for (c, cell) in row.cells.iter().enumerate() {
            let cx = LEFT + CELL * c as f32;
            let t = cell.tally;
            let (fill, glyph) = match t.mark() {
                Mark::For => (bearing_colour(Some(Bearing::For)), "▲"),
                Mark::Against => (bearing_colour(Some(Bearing::Against)), "▼"),
                Mark::Both => (stance_colour(Some(Stance::Mixed)), "▲▼"),
                Mark::Neither => (bearing_colour(Some(Bearing::Neither)), "◆"),
                Mark::Empty => ("#f2f2f2", ""),
            };
            let tip = format!(
                "{} on {}: {} for, {} against, {} neither",
                a.id(),
                ov.themes[c],
                t.for_,
                t.against,
                t.neither
            );
            doc = doc.add(
                bar(cx + 1.0, y + 1.0, CELL - 2.0, ROW - 2.0, fill, &tip)
                    .set("fill-opacity", if t.is_empty() { 1.0 } else { 0.75 }),
            );
            if !glyph.is_empty() {
                doc = doc.add(label(glyph, cx + CELL / 2.0, y + 15.0, 11.0, Align::Middle));
            }
        }
        y += ROW;
    }

    // The column legend, English at the left and Arabic at the right.
    y += 16.0;
    for (c, id) in ov.themes.iter().enumerate() {
        let (en, ar) = corpus
            .motion
            .as_ref()
            .and_then(|m| m.theme(id))
            .map_or((id.to_string(), String::new()), |t| {
                (t.en.to_string(), t.ar.to_string())
            });
        doc = doc
            .add(label(
                &format!("{}. {en}", c + 1),
                LEFT,
                y + 12.0,
                11.0,
                Align::Left,
            ))
            .add(label(&ar, w - 20.0, y + 12.0, 11.0, Align::Right));
        y += ROW * 0.8;
    }
    doc
}
