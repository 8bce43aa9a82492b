//! From laid-out text (`text::layout`, visual order) to ratatui lines, with
//! highlights given as logical byte ranges mapped through each glyph.
//! Right-to-left lines are right-aligned by padding with the line's own
//! measured width: ratatui's alignment measures an unshaped `لا` as one cell
//! where the terminal draws two.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
use std::rc::Rc;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::text::{self, BidiMode, VisualLine};

/// One visual line as a ratatui line, padded on the left to `width` cells
/// when it is right-to-left and `align` asks for it. `offset` is added to glyph ranges before
/// `highlight` sees them (for text laid out a paragraph at a time).
pub fn to_line(
    vl: &VisualLine,
    align: bool,
    width: u16,
    base: Style,
    offset: usize,
    highlight: &dyn Fn(Range<usize>) -> Option<Style>,
) -> Line<'static> {
    let runs = vl.runs(|g| highlight(g.logical.start + offset..g.logical.end + offset));
    let mut spans: Vec<Span<'static>> = Vec::with_capacity(runs.len() + 1);
    spans.extend(padding(vl, align, width));
    spans.extend(
        runs.into_iter()
            .map(|(s, h)| Span::styled(s, h.map_or(base, |h| base.patch(h)))),
    );
    Line::from(spans)
}

/// The spaces that right-align a right-to-left line in `width` cells,
/// when `align` asks for it.
fn padding(vl: &VisualLine, align: bool, width: u16) -> Option<Span<'static>> {
    let pad = (width as usize).saturating_sub(vl.width);
    (align && vl.rtl && pad > 0).then(|| Span::raw(" ".repeat(pad)))
}

/// Laid-out paragraphs kept between frames. Shaping and reordering cost tens
/// of microseconds a paragraph, and a frame shows a hundred or more, while
/// most rows are the same from one frame to the next. Keyed by a hash of the
/// text (not its address, which an edit may reuse for other text).
#[derive(Default)]
pub struct LayoutCache {
    map: HashMap<Key, Rc<Laid>>,
    /// The entries before `map` last filled up: still found (and moved
    /// back) until `map` fills up again, so that starting over never
    /// drops the rows on screen or those laid out ahead.
    old: HashMap<Key, Rc<Laid>>,
    /// While the look-ahead runs (`tui::ahead`): what missed, to be laid
    /// out on another thread, instead of being laid out here.
    asks: Option<Vec<Ask>>,
    /// Texts laid out here, on a miss (not by the look-ahead's thread).
    laid_out: usize,
}

/// A text's lines as laid out, and the text of each as drawn, left to
/// right. A row with nothing highlighted in it (nearly every row) is then
/// one string copied; joined glyph by glyph on every frame, a copy of two
/// or three bytes each, it was a tenth of a frame at 200×60.
#[derive(Debug, Default)]
pub struct Laid {
    lines: Vec<VisualLine>,
    drawn: Vec<String>,
}

impl Laid {
    pub fn new(lines: Vec<VisualLine>) -> Laid {
        let drawn = lines.iter().map(VisualLine::text).collect();
        Laid { lines, drawn }
    }
}

impl std::ops::Deref for Laid {
    type Target = [VisualLine];

    fn deref(&self) -> &[VisualLine] {
        &self.lines
    }
}

/// A laid-out text's key: the hash of its text, the width, the mode, how.
pub type Key = (u64, u16, BidiMode, Kind);

/// How a text was laid out: the same text is kept once per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Wrapped into lines.
    Wrapped,
    /// One row, `…` where it goes on.
    Truncated,
    /// Separate fields on one row, each isolated (`fields_line`).
    Fields,
}

/// Entries of one generation (many screens' worth); with the previous
/// generation kept too, at most as many as one cache of 50,000 held before
/// (a laid-out row is a few kB: glyph by glyph).
const CACHE_LIMIT: usize = 25_000;

/// A text to lay out ahead of time, on another thread: what a frame would
/// have laid out had it been drawn (`LayoutCache::begin_ahead`).
#[derive(Debug, Clone)]
pub struct Ask {
    pub key: Key,
    what: What,
}

#[derive(Debug, Clone)]
enum What {
    Text(String),
    Fields(Vec<String>, String),
}

impl Ask {
    /// Lays the text out as the cache would have on a miss.
    pub fn lay_out(&self) -> Laid {
        let (_, width, mode, kind) = self.key;
        Laid::new(match (&self.what, kind) {
            (What::Text(s), Kind::Truncated) => vec![text::truncated(s, width as usize, mode)],
            (What::Text(s), _) => text::layout(s, width as usize, mode),
            (What::Fields(f, sep), _) => {
                let f: Vec<&str> = f.iter().map(String::as_str).collect();
                vec![text::compose::isolated(&f, sep, width as usize, mode)]
            }
        })
    }
}

impl LayoutCache {
    /// `truncated`: one row with `…` (lists, the tree); else wrapped lines.
    fn get(&mut self, s: &str, width: u16, mode: BidiMode, truncated: bool) -> Rc<Laid> {
        let mut h = DefaultHasher::new();
        s.hash(&mut h);
        let kind = if truncated {
            Kind::Truncated
        } else {
            Kind::Wrapped
        };
        self.get_or((h.finish(), width, mode, kind), || What::Text(s.to_owned()))
    }

    /// `fields` isolated on one row (see [`fields_line`]).
    fn fields(&mut self, fields: &[&str], sep: &str, width: u16, mode: BidiMode) -> Rc<Laid> {
        let mut h = DefaultHasher::new();
        // Hashing the slice hashes each field with its length, so
        // ["ab", "c"] and ["a", "bc"] differ.
        (fields, sep).hash(&mut h);
        self.get_or((h.finish(), width, mode, Kind::Fields), || {
            What::Fields(
                fields.iter().map(|f| (*f).to_owned()).collect(),
                sep.to_owned(),
            )
        })
    }

    fn get_or(&mut self, key: Key, what: impl FnOnce() -> What) -> Rc<Laid> {
        if let Some(v) = self.map.get(&key) {
            return Rc::clone(v);
        }
        if let Some(v) = self.old.remove(&key) {
            return self.keep(key, v);
        }
        let ask = Ask { key, what: what() };
        if let Some(asks) = &mut self.asks {
            asks.push(ask);
            return Rc::new(Laid::default());
        }
        self.laid_out += 1;
        let v = ask.lay_out();
        self.put(key, v)
    }

    /// How many texts a frame had to lay out itself so far.
    pub fn laid_out(&self) -> usize {
        self.laid_out
    }

    /// Keeps text laid out elsewhere (by the look-ahead's thread).
    pub fn put(&mut self, key: Key, laid: Laid) -> Rc<Laid> {
        self.keep(key, Rc::new(laid))
    }

    fn keep(&mut self, key: Key, v: Rc<Laid>) -> Rc<Laid> {
        if self.map.len() >= CACHE_LIMIT {
            self.old = std::mem::take(&mut self.map);
        }
        self.map.insert(key, Rc::clone(&v));
        v
    }

    pub fn contains(&self, key: &Key) -> bool {
        self.map.contains_key(key) || self.old.contains_key(key)
    }

    /// Whether the look-ahead is planning (between `begin_ahead` and
    /// `end_ahead`).
    pub fn planning(&self) -> bool {
        self.asks.is_some()
    }

    /// From now until [`LayoutCache::end_ahead`], a miss is noted instead
    /// of laid out (and the text drawn is empty): the look-ahead runs the
    /// drawing code over rows not yet shown to learn what they will need.
    pub fn begin_ahead(&mut self) {
        self.asks = Some(Vec::new());
    }

    /// What missed since [`LayoutCache::begin_ahead`], each text once.
    pub fn end_ahead(&mut self) -> Vec<Ask> {
        let mut asks = self.asks.take().unwrap_or_default();
        let mut seen = std::collections::HashSet::new();
        asks.retain(|a| seen.insert(a.key));
        asks
    }
}

/// A laid-out line from the cache as [`to_line`] makes it, unhighlighted;
/// while the look-ahead plans (`tui::ahead`), only as wide as that, in
/// spaces: the plan wants to know which texts are missing, and making the
/// strings of every row it runs through took half of its time and crowded
/// the frame after it out of the processor's caches. (Its width is the
/// glyphs' cells, which `Line::width` can exceed by a cell for an unshaped
/// lam-alef: a plan may then ask for a row at a width no frame uses.)
fn cached_line(
    cache: &RefCell<LayoutCache>,
    laid: &Laid,
    i: usize,
    align: bool,
    width: u16,
    style: Style,
) -> Line<'static> {
    let vl = &laid.lines[i];
    if !cache.borrow().planning() {
        let mut spans = Vec::with_capacity(2);
        spans.extend(padding(vl, align, width));
        if !laid.drawn[i].is_empty() {
            spans.push(Span::styled(laid.drawn[i].clone(), style));
        }
        return Line::from(spans);
    }
    const SPACES: &str = "                                                                ";
    let cells = if align && vl.rtl {
        vl.width.max(width as usize)
    } else {
        vl.width
    };
    let mut spans = Vec::with_capacity(cells / SPACES.len() + 1);
    for k in (0..cells).step_by(SPACES.len()) {
        spans.push(Span::raw(&SPACES[..(cells - k).min(SPACES.len())]));
    }
    Line::from(spans)
}

/// A block of text (paragraphs separated by `\n`) as lines `width` wide.
pub fn text_lines(
    cache: &RefCell<LayoutCache>,
    s: &str,
    width: u16,
    mode: BidiMode,
    style: Style,
) -> Vec<Line<'static>> {
    s.split('\n')
        .flat_map(|para| {
            let vls = cache.borrow_mut().get(para, width, mode, false);
            if vls.is_empty() {
                vec![Line::default()]
            } else {
                (0..vls.len())
                    .map(|i| cached_line(cache, &vls, i, true, width, style))
                    .collect()
            }
        })
        .collect()
}

/// The start of `s` on one row of `width` cells, `…` where it goes on.
/// Not right-aligned: rows of a list or tree read from their left edge.
pub fn one_line(
    cache: &RefCell<LayoutCache>,
    s: &str,
    width: u16,
    mode: BidiMode,
    style: Style,
) -> Line<'static> {
    let first = s.split('\n').next().unwrap_or("");
    let vls = cache.borrow_mut().get(first, width, mode, true);
    // Rows are not right-aligned, whatever their direction.
    match vls.is_empty() {
        true => Line::default(),
        false => cached_line(cache, &vls, 0, false, width, style),
    }
}

/// Separate fields (outlet, date, an id) on one row, each isolated so that
/// a date after Arabic is not reversed (`text::compose`), `…` where the row
/// runs out. Not right-aligned, like every row.
pub fn fields_line(
    fields: &[&str],
    sep: &str,
    width: u16,
    mode: BidiMode,
    style: Style,
) -> Line<'static> {
    let vl = text::compose::isolated(fields, sep, width as usize, mode);
    to_line(&vl, false, width, style, 0, &|_| None)
}

/// [`fields_line`] through the layout cache, for rows drawn on every frame
/// (the article list's stance · date · outlet, pane titles).
pub fn cached_fields_line(
    cache: &RefCell<LayoutCache>,
    fields: &[&str],
    sep: &str,
    width: u16,
    mode: BidiMode,
    style: Style,
) -> Line<'static> {
    let vls = cache.borrow_mut().fields(fields, sep, width, mode);
    match vls.is_empty() {
        true => Line::default(),
        false => cached_line(cache, &vls, 0, false, width, style),
    }
}

/// A title on at most two rows of `width` cells: wrapped, the second row
/// cut with `…` when the title goes on. Not right-aligned, like every row.
pub fn two_lines(
    cache: &RefCell<LayoutCache>,
    s: &str,
    width: u16,
    mode: BidiMode,
    style: Style,
) -> Vec<Line<'static>> {
    let first = s.split('\n').next().unwrap_or("");
    let vls = cache.borrow_mut().get(first, width, mode, false);
    match vls.len() {
        0 => vec![Line::default()],
        1 | 2 => (0..vls.len())
            .map(|i| cached_line(cache, &vls, i, false, width, style))
            .collect(),
        _ => {
            let end = vls[0]
                .glyphs
                .iter()
                .map(|g| g.logical.end)
                .max()
                .unwrap_or(0);
            let top = cached_line(cache, &vls, 0, false, width, style);
            match first.get(end..) {
                Some(rest) => vec![top, one_line(cache, rest.trim_start(), width, mode, style)],
                None => vec![one_line(cache, first, width, mode, style)],
            }
        }
    }
}

/// Separate fields, isolated, on one row when they fit in `width`, else one
/// field a paragraph (each wrapped): metadata that must not be cut.
pub fn fields_lines(
    cache: &RefCell<LayoutCache>,
    fields: &[&str],
    sep: &str,
    width: u16,
    mode: BidiMode,
    style: Style,
) -> Vec<Line<'static>> {
    let kept: Vec<&str> = fields.iter().copied().filter(|f| !f.is_empty()).collect();
    let whole: usize = kept.iter().map(|f| text::display_width(f)).sum::<usize>()
        + text::display_width(sep) * kept.len().saturating_sub(1);
    if whole <= width as usize {
        return vec![cached_fields_line(cache, &kept, sep, width, mode, style)];
    }
    kept.iter()
        .flat_map(|f| text_lines(cache, f, width, mode, style))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    // A row from the cache is the line `to_line` makes unhighlighted, span
    // for span: right-to-left rows padded when aligned, empty ones empty,
    // wrapped and cut ones alike.
    #[test]
    fn cached_rows_are_to_lines_rows() {
        let texts = [
            "",
            "plain English that wraps at the narrow widths below",
            "هزيمة ISIS نهائيا، (2020) لا إِنَّ",
            "‏mixed ﻻ and ltr",
        ];
        let style = Style::new().fg(Color::Cyan);
        let cache = RefCell::new(LayoutCache::default());
        for s in texts {
            for width in [1u16, 7, 20, 80] {
                for mode in [BidiMode::Mizan, BidiMode::Terminal, BidiMode::Off] {
                    let want: Vec<Line> = text::layout(s, width as usize, mode)
                        .iter()
                        .map(|vl| to_line(vl, true, width, style, 0, &|_| None))
                        .collect();
                    let got = text_lines(&cache, s, width, mode, style);
                    let want = if want.is_empty() {
                        vec![Line::default()]
                    } else {
                        want
                    };
                    assert_eq!(got, want, "{s:?} at {width} in {mode}");
                    let vl = text::truncated(s, width as usize, mode);
                    let want = to_line(&vl, false, width, style, 0, &|_| None);
                    assert_eq!(one_line(&cache, s, width, mode, style), want);
                }
            }
        }
    }
}
