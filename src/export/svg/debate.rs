//! The debate picture: the balance of arguments for and against the motion
//! (one bar split by how many arguments each side has, and how many
//! article-arguments), then the strongest arguments of each side in two
//! columns — for at the left, against at the right — each a bar as long as
//! the number of articles making it, with its claim in English and Arabic
//! and its badges; `✗` marks a contested argument.

use ::svg::Document;

use super::{Align, bar, bearing_colour, heading, label, page};
use crate::compare::debate::{Badge, Debate};
use crate::model::{Bearing, ClusterBearing, Corpus};

const W: f32 = 1100.0;
/// Arguments drawn per side.
const SHOWN: usize = 12;
const ROW: f32 = 58.0;

pub fn draw(corpus: &Corpus) -> Document {
    let d = Debate::build(corpus);
    let pro = d.ranked(ClusterBearing::For);
    let con = d.ranked(ClusterBearing::Against);
    let rows = pro.len().min(SHOWN).max(con.len().min(SHOWN));
    let h = 200.0 + ROW * rows as f32;
    let (mut doc, mut y) = heading(page(W, h), corpus, "The debate", W);

    // The balance: arguments, and arguments weighted by their makers.
    let weight = |list: &[u32]| -> u32 {
        list.iter()
            .filter_map(|&c| d.info(c))
            .map(|i| i.makers)
            .sum()
    };
    for (name, a, b) in [
        ("arguments", pro.len() as u32, con.len() as u32),
        ("made by articles", weight(pro), weight(con)),
    ] {
        y += 26.0;
        let total = (a + b).max(1) as f32;
        let (x0, width) = (200.0, W - 400.0);
        let split = width * a as f32 / total;
        doc = doc
            .add(label(name, x0 - 10.0, y + 13.0, 12.0, Align::Right))
            .add(bar(
                x0,
                y,
                split,
                18.0,
                bearing_colour(Some(Bearing::For)),
                &format!("{a} for"),
            ))
            .add(bar(
                x0 + split,
                y,
                width - split,
                18.0,
                bearing_colour(Some(Bearing::Against)),
                &format!("{b} against"),
            ))
            .add(label(
                &format!("▲ {a} for"),
                x0 + width + 10.0,
                y + 13.0,
                12.0,
                Align::Left,
            ))
            .add(label(
                &format!("▼ {b} against"),
                x0 + width + 100.0,
                y + 13.0,
                12.0,
                Align::Left,
            ));
    }
    let split = d.ranked(ClusterBearing::Split).len();
    if split > 0 {
        y += 24.0;
        doc = doc.add(label(
            &format!("{split} argument(s) split: their members bear both ways (see mizan check)"),
            200.0,
            y + 12.0,
            11.0,
            Align::Left,
        ));
    }

    y += 44.0;
    let col_w = W / 2.0 - 24.0;
    let most = pro
        .iter()
        .chain(con)
        .filter_map(|&c| d.info(c))
        .map(|i| i.makers)
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    for (side, list, x0) in [
        (Bearing::For, pro, 16.0),
        (Bearing::Against, con, W / 2.0 + 8.0),
    ] {
        let title = match side {
            Bearing::For => "▲ For the motion",
            _ => "▼ Against the motion",
        };
        doc = doc.add(label(title, x0, y, 14.0, Align::Left));
        let mut ry = y + 12.0;
        for &c in list.iter().take(SHOWN) {
            doc = draw_argument(doc, corpus, &d, c, side, x0, ry, col_w, most);
            ry += ROW;
        }
    }
    doc
}

#[allow(clippy::too_many_arguments)]
fn draw_argument(
    doc: Document,
    corpus: &Corpus,
    d: &Debate,
    c: u32,
    side: Bearing,
    x0: f32,
    y: f32,
    w: f32,
    most: f32,
) -> Document {
    let Some(info) = d.info(c) else { return doc };
    let Some(a) = corpus.article(info.representative.map) else {
        return doc;
    };
    let node = a.node(info.representative.node);
    let len = (w - 40.0) * info.makers.max(1) as f32 / most;
    let badges: Vec<String> = d
        .articles(c)
        .into_iter()
        .filter_map(|(map, makes)| {
            let b = Badge::of(corpus.article(map)?).label();
            Some(if makes { b } else { format!("({b})") })
        })
        .collect();
    let tip = format!("#{} {}", c + 1, node.claim_en());
    let mark = if info.contested { "✗ " } else { "" };
    doc.add(bar(x0, y, len, 6.0, bearing_colour(Some(side)), &tip))
        .add(label(
            &format!("{mark}{}", super::cut(node.claim_en(), 78)),
            x0,
            y + 20.0,
            11.0,
            Align::Left,
        ))
        .add(label(
            &super::cut(node.claim_ar(), 80),
            x0 + w,
            y + 35.0,
            11.0,
            Align::Right,
        ))
        .add(label(&badges.join("  "), x0, y + 50.0, 10.0, Align::Left))
}
