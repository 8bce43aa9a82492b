//! From a paragraph to glyphs in logical order: sanitising (forbidden
//! characters become visible stand-ins), Arabic shaping with ar-reshaper,
//! and grouping into grapheme clusters that each remember the bytes of the
//! original paragraph they stand for. Wrapping and reordering live in
//! `wrap` and `bidi`.
//!
//! ar-reshaper returns a string and no map back to its input, so the map is
//! rebuilt by walking input and output side by side. That walk relies on
//! what ar-reshaper 1.5 does with `delete_harakat = false`: one output
//! character per input letter, harakat kept after their letter, the second
//! letter of a lam-alef ligature dropped. Anything else it meets makes the
//! walk give up and the paragraph is shown unshaped rather than mislabelled.

use std::ops::Range;
use std::sync::LazyLock;

use ar_reshaper::prelude::LigatureNames;
use ar_reshaper::{ArabicReshaper, ReshaperConfig};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

use super::layout::Glyph;
use super::sanitize;
use super::wrap::display_width;

/// A glyph in logical order, before wrapping and reordering.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub glyph: Glyph,
    /// The glyph shows a forbidden character's stand-in (`␛`, `<U+202E>`):
    /// drawn as it is, never mirrored, a neutral to the bidi algorithm.
    pub verbatim: bool,
}

/// Stands for a stand-in inside the reshaper's input: not a letter and not
/// a haraka, so it maps one to one and breaks joining as a symbol would.
const PLACEHOLDER: char = '\u{FFFC}';
/// ZWJ goes to the reshaper as a tatweel, which joins on both sides as ZWJ
/// should; ar-reshaper's own ZWJ handling removes characters mid-string
/// and would shift every harakah and ligature after it.
const TATWEEL: char = '\u{0640}';
const ZWJ: char = '\u{200D}';
const LAM: char = '\u{0644}';
/// Carries a combining mark that has no letter to sit on (the Unicode
/// convention), so the mark is drawn rather than dropped.
const DOTTED_CIRCLE: char = '\u{25CC}';

/// Shaping as DESIGN.md asks: harakat kept (ar-reshaper deletes them by
/// default), the Allah ligature off (ﷲ is one cell by Unicode but drawn
/// wide by fonts), the lam-alef ligatures on.
static RESHAPER: LazyLock<ArabicReshaper> = LazyLock::new(|| {
    let mut config = ReshaperConfig {
        delete_harakat: false,
        ..ReshaperConfig::default()
    };
    config.update_ligature(LigatureNames::ARABIC_LIGATURE_ALLAH, false);
    ArabicReshaper::new(config)
});

/// The characters ar-reshaper 1.5 treats as harakat (its `HARAKAT_RE`):
/// they are not letters to it and follow the letter before them.
fn is_harakah(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}'
        | '\u{08D4}'..='\u{08ED}' | '\u{08E3}'..='\u{08FF}')
}

/// The four lam-alef ligatures in their isolated and final forms.
fn is_lam_alef(c: char) -> bool {
    matches!(c, '\u{FEF5}'..='\u{FEFC}')
}

fn is_alef(c: char) -> bool {
    matches!(c, '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0627}')
}

/// One character of the paragraph, with its stand-in if it is forbidden.
struct Unit {
    c: char,
    stand_in: Option<String>,
    logical: Range<usize>,
}

/// What is drawn for one unit: a slice of the shared buffer, empty for
/// the alef of a lam-alef.
struct Drawn {
    text: Range<usize>,
    logical: Range<usize>,
    verbatim: bool,
}

/// The paragraph as glyphs in logical order, shaped when `shape` is set.
pub(crate) fn pieces(paragraph: &str, shape: bool) -> Vec<Piece> {
    let units = units(paragraph);
    let mut buf = String::with_capacity(paragraph.len() * 2);
    let shaped = shape.then(|| shaped(&units, &mut buf)).flatten();
    let drawn = shaped.unwrap_or_else(|| {
        buf.clear();
        unshaped(&units, &mut buf)
    });
    group(&buf, drawn)
}

fn units(paragraph: &str) -> Vec<Unit> {
    paragraph
        .char_indices()
        .map(|(i, c)| Unit {
            c,
            stand_in: sanitize::is_forbidden(c)
                .then(|| sanitize::visible(c.encode_utf8(&mut [0; 4])).into_owned()),
            logical: i..i + c.len_utf8(),
        })
        .collect()
}

fn unshaped(units: &[Unit], buf: &mut String) -> Vec<Drawn> {
    units
        .iter()
        .map(|u| {
            let start = buf.len();
            match &u.stand_in {
                Some(s) => buf.push_str(s),
                None => buf.push(u.c),
            }
            Drawn {
                text: start..buf.len(),
                logical: u.logical.clone(),
                verbatim: u.stand_in.is_some(),
            }
        })
        .collect()
}

/// Shapes the whole paragraph at once (joining crosses no line ends yet)
/// and maps the result back onto the units; `None` if there is nothing to
/// shape or the output is not what the walk expects.
fn shaped(units: &[Unit], buf: &mut String) -> Option<Vec<Drawn>> {
    // ar-reshaper underflows (panics in debug builds) on a harakah with no
    // letter before it, so a leading harakah gets a placeholder to follow.
    let lead = units
        .first()
        .is_some_and(|u| u.stand_in.is_none() && is_harakah(u.c));
    let mut input = String::with_capacity(units.len() * 2 + 3);
    if lead {
        input.push(PLACEHOLDER);
    }
    for u in units {
        input.push(match (&u.stand_in, u.c) {
            (Some(_), _) => PLACEHOLDER,
            (None, ZWJ) => TATWEEL,
            (None, c) => c,
        });
    }
    if !RESHAPER.need_reshape(&input) {
        return None; // no Arabic letter: the unshaped text is the answer
    }
    let output = RESHAPER.reshape(&input);
    let mut out = output.chars();
    if lead && out.next() != Some(PLACEHOLDER) {
        return None;
    }

    let mut drawn = Vec::with_capacity(units.len());
    let mut alef_swallowed = false;
    for u in units {
        let start = buf.len();
        if let Some(s) = &u.stand_in {
            if out.next()? != PLACEHOLDER {
                return None;
            }
            buf.push_str(s);
        } else if is_harakah(u.c) {
            if out.next()? != u.c {
                return None;
            }
            buf.push(u.c);
        } else if alef_swallowed {
            // The alef drawn inside the ligature before it.
            if !is_alef(u.c) {
                return None;
            }
            alef_swallowed = false;
        } else {
            let o = out.next()?;
            if u.c == ZWJ {
                // Zero-width, so it stays in the cell of the letter before.
                if o != TATWEEL {
                    return None;
                }
                buf.push(ZWJ);
            } else {
                buf.push(o);
                alef_swallowed = u.c == LAM && is_lam_alef(o);
            }
        }
        drawn.push(Drawn {
            text: start..buf.len(),
            logical: u.logical.clone(),
            verbatim: u.stand_in.is_some(),
        });
    }
    (out.next().is_none() && !alef_swallowed).then_some(drawn)
}

/// Groups drawn units into glyphs: one grapheme cluster of the drawn text
/// each, a stand-in always a glyph of its own, a zero-width character on
/// the glyph before it (only the first glyph can start with one), and a
/// mark with nothing visible to sit on put on a dotted circle.
fn group(buf: &str, drawn: Vec<Drawn>) -> Vec<Piece> {
    let mut boundary = vec![false; buf.len() + 1];
    for (i, _) in buf.grapheme_indices(true) {
        boundary[i] = true;
    }
    let mut pieces: Vec<Piece> = Vec::with_capacity(drawn.len());
    let mut prev_verbatim = false;
    for d in drawn {
        let text = &buf[d.text.clone()];
        let first = text.chars().next();
        let attach = match (pieces.last_mut(), first) {
            (None, _) => None,
            // Nothing drawn (the alef of a lam-alef) or a zero-width
            // character joins the glyph before.
            (Some(last), None) => Some(last),
            (Some(last), Some(c)) if c.width() == Some(0) => Some(last),
            (Some(last), Some(_)) => {
                (!d.verbatim && !prev_verbatim && !boundary[d.text.start]).then_some(last)
            }
        };
        if let Some(last) = attach {
            last.glyph.text.push_str(text);
            last.glyph.logical.end = d.logical.end;
            continue;
        }
        pieces.push(piece(text.to_owned(), d.logical.clone(), d.verbatim));
        prev_verbatim = d.verbatim;
    }
    for p in &mut pieces {
        if p.glyph.text.chars().any(is_mark) {
            give_marks_a_base(&mut p.glyph.text);
        }
        p.glyph.width = display_width(&p.glyph.text);
    }
    pieces
}

/// Puts a dotted circle before every zero-width grapheme holding a mark
/// (a harakah at the paragraph's start, after a ZWJ or a BOM there): ratatui
/// drops zero-width graphemes, and the mark would vanish with it.
fn give_marks_a_base(text: &mut String) {
    let bare: Vec<usize> = text
        .grapheme_indices(true)
        .filter(|(_, g)| display_width(g) == 0 && g.chars().any(is_mark))
        .map(|(i, _)| i)
        .collect();
    for i in bare.into_iter().rev() {
        text.insert(i, DOTTED_CIRCLE);
    }
}

/// A combining mark: it draws on the character before it.
fn is_mark(c: char) -> bool {
    c.width() == Some(0) && unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM
}

fn piece(text: String, logical: Range<usize>, verbatim: bool) -> Piece {
    Piece {
        glyph: Glyph {
            text,
            logical,
            width: 0,
        },
        verbatim,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Shaped and mapped back, or with no Arabic letter to shape.
    fn walks(paragraph: &str) -> bool {
        shaped(&units(paragraph), &mut String::new()).is_some() || !RESHAPER.need_reshape(paragraph)
    }

    // The map back to logical bytes must hold for real text, or mizan
    // silently falls back to unshaped letters: every line of the seeds.
    #[test]
    fn seed_articles_shape_without_fallback() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return; // the seeds are beside the repository only in CI and here
        };
        for entry in entries.flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for line in text.lines() {
                assert!(walks(line), "{line}");
            }
        }
    }

    // Lam-alef with marks between and after, ZWJ, a stand-in in a word,
    // and a leading harakah (which ar-reshaper alone would panic on).
    #[test]
    fn awkward_input_still_maps() {
        for p in [
            "\u{0644}\u{064E}\u{0627}\u{064B}",
            "\u{0644}\u{200D}\u{0627}",
            "\u{0628}\u{1b}\u{0628}",
            "\u{064E}",
            "\u{0644}\u{0644}\u{0627}\u{0644}",
            "\u{0644}",
        ] {
            assert!(walks(p), "{p:?}");
        }
        // The ligature's glyph covers the lam, its fatha, the alef and the
        // alef's fathatan: bytes 0..8.
        let pieces = pieces("\u{0644}\u{064E}\u{0627}\u{064B}", true);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].glyph.text, "\u{FEFB}\u{064E}\u{064B}");
        assert_eq!(pieces[0].glyph.logical, 0..8);
    }

    proptest! {
        // Any mix of Arabic letters, harakat, joiners and other text maps.
        #[test]
        fn arabic_always_maps(p in "[\u{0621}-\u{064A}\u{064B}-\u{0652}\u{0670}\u{0640}\u{200D}\u{200C} a1(\u{1b}]{0,40}") {
            prop_assert!(walks(&p));
        }
    }
}
