//! Pictures of the whole corpus as SVG: the timeline, the overview (stance
//! spectrum and articles × themes matrix) and the debate's balance of
//! arguments for and against. Built with the `svg` crate's element types,
//! never by pasting strings, so every text is escaped by one function.
//!
//! Unlike the other exporters these read `compare` (the overview, the
//! debate, the timeline): a picture of the corpus is a picture of those
//! analyses, and computing them again here would let the two disagree.
//!
//! # Text
//!
//! Map text is sanitised first ([`visible`]: no control characters, which
//! XML forbids, and no bidi overrides). Every label says its direction —
//! `direction="rtl"` for a right-to-left paragraph (by its first strong
//! character, as the terminal does) or `ltr`, with `unicode-bidi="embed"`
//! — and is left in logical order, unshaped: a browser or librsvg shapes
//! and reorders Arabic itself, unlike a terminal. A label is anchored at
//! its visual left or right edge whatever its direction (`text-anchor`
//! counts from where the text *starts*, the right end of Arabic).
//! Meaning never rests on colour alone: bars carry the stance glyphs.

mod debate;
mod overview;
mod timeline;

use ::svg::Document;
use ::svg::node::element::{Rectangle, Text, Title};

use crate::model::{Bearing, Corpus, Stance};
use crate::text::is_rtl;
use crate::text::sanitize::visible;

/// The picture `mizan export --format svg --view` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Timeline,
    Overview,
    Debate,
}

impl View {
    pub const ALL: [View; 3] = [View::Timeline, View::Overview, View::Debate];

    pub fn name(self) -> &'static str {
        match self {
            View::Timeline => "timeline",
            View::Overview => "overview",
            View::Debate => "debate",
        }
    }
}

/// Draws one view of the corpus as an SVG document.
pub fn render(corpus: &Corpus, view: View) -> String {
    let doc = match view {
        View::Timeline => timeline::draw(corpus),
        View::Overview => overview::draw(corpus),
        View::Debate => debate::draw(corpus),
    };
    let mut out = doc.to_string();
    out.push('\n');
    out
}

/// The comment every picture carries, so that a later export recognises
/// the file as its own (`export::target`).
pub const MARK: &str = "written by mizan export";

const FONT: &str = "DejaVu Sans, Noto Sans, Noto Sans Arabic, Arial, sans-serif";
const INK: &str = "#222222";
const FAINT: &str = "#bbbbbb";

/// Colours by what they say about the motion (with glyphs beside them).
fn bearing_colour(b: Option<Bearing>) -> &'static str {
    match b {
        Some(Bearing::For) => "#1b7837",
        Some(Bearing::Against) => "#b2182b",
        Some(Bearing::Neither) => "#7f7f7f",
        None => "#bbbbbb",
    }
}

fn stance_colour(s: Option<Stance>) -> &'static str {
    match s {
        Some(Stance::Pro) => bearing_colour(Some(Bearing::For)),
        Some(Stance::Anti) => bearing_colour(Some(Bearing::Against)),
        Some(Stance::Mixed) => "#762a83",
        Some(Stance::Neutral) | None => "#7f7f7f",
    }
}

/// Which visual edge of a label sits at its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
    Middle,
}

/// A label of map text at (`x`, `y`) with its direction stated.
fn label(text: &str, x: f32, y: f32, size: f32, align: Align) -> Text {
    let shown = visible(text).into_owned();
    let rtl = is_rtl(&shown);
    // `start` is the left edge of left-to-right text and the right edge of
    // right-to-left text.
    let anchor = match (align, rtl) {
        (Align::Middle, _) => "middle",
        (Align::Left, false) | (Align::Right, true) => "start",
        (Align::Left, true) | (Align::Right, false) => "end",
    };
    Text::new(shown)
        .set("x", x)
        .set("y", y)
        .set("font-size", size)
        .set("fill", INK)
        .set("text-anchor", anchor)
        .set("direction", if rtl { "rtl" } else { "ltr" })
        .set("unicode-bidi", "embed")
}

/// A filled box with a tooltip.
fn bar(x: f32, y: f32, w: f32, h: f32, fill: &str, tip: &str) -> Rectangle {
    Rectangle::new()
        .set("x", x)
        .set("y", y)
        .set("width", w.max(1.0))
        .set("height", h)
        .set("fill", fill)
        .add(Title::new(visible(tip).into_owned()))
}

/// A document of `w` × `h` pixels on a white ground.
fn page(w: f32, h: f32) -> Document {
    Document::new()
        .set("width", w)
        .set("height", h)
        .set("viewBox", (0, 0, w, h))
        .set("font-family", FONT)
        .add(::svg::node::Comment::new(MARK))
        .add(
            Rectangle::new()
                .set("width", w)
                .set("height", h)
                .set("fill", "#ffffff"),
        )
}

/// The motion in both languages as the picture's heading; returns the
/// y below it.
fn heading(mut doc: Document, corpus: &Corpus, title: &str, w: f32) -> (Document, f32) {
    doc = doc.add(label(title, 16.0, 26.0, 18.0, Align::Left));
    if let Some(m) = &corpus.motion {
        doc = doc
            .add(label(&m.question_en, 16.0, 48.0, 13.0, Align::Left))
            .add(label(&m.question_ar, w - 16.0, 48.0, 13.0, Align::Right));
    }
    (doc, 64.0)
}

/// Cuts a text to `max` characters, with an ellipsis.
fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests;
