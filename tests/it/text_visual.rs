//! The display pipeline's contract, as DESIGN.md's "Arabic in a terminal"
//! states it: the code points sent to the terminal, left to right. Every
//! expectation is worked out by hand from the Unicode tables (presentation
//! forms, bidi classes, mirroring pairs), not copied from the output; the
//! comment beside each says how.

use mizan::text::{BidiMode, VisualLine, display_width, is_rtl, layout, truncated};
use proptest::prelude::*;

/// The code points of a string, for readable failures.
fn cps(s: &str) -> Vec<String> {
    s.chars().map(|c| format!("{:04X}", c as u32)).collect()
}

fn one_line(paragraph: &str) -> VisualLine {
    let mut lines = layout(paragraph, 200, BidiMode::Mizan);
    assert_eq!(lines.len(), 1, "{paragraph}");
    lines.remove(0)
}

fn assert_visual(paragraph: &str, expected: &str) {
    let line = one_line(paragraph);
    assert_eq!(cps(&line.text()), cps(expected), "{paragraph}");
    assert_eq!(line.width, display_width(expected));
}

/// Visual positions of the glyphs that stand for bytes of `logical`.
fn lit(line: &VisualLine, logical: std::ops::Range<usize>) -> Vec<usize> {
    (0..line.glyphs.len())
        .filter(|&k| line.glyphs[k].overlaps(&logical))
        .collect()
}

// lam + alef is the isolated lam-alef ligature U+FEFB, one cell, standing
// for both letters.
#[test]
fn lam_alef_is_one_cell() {
    let line = one_line("لا");
    assert_eq!(line.text(), "\u{FEFB}");
    assert_eq!(line.width, 1);
    assert_eq!(line.glyphs.len(), 1);
    assert_eq!(line.glyphs[0].logical, 0..4);
    assert!(line.rtl);
}

// إنَّ is alef-hamza-below, noon, shadda, fatha. Alef joins nothing after
// it, so both letters are isolated (U+FE87, U+FEE5). Reversed by glyph, the
// noon comes first on screen and carries both marks in its cell.
#[test]
fn harakat_stay_on_their_letter() {
    let line = one_line("\u{0625}\u{0646}\u{0651}\u{064E}");
    assert_eq!(line.glyphs.len(), 2);
    assert_eq!(line.glyphs[0].text, "\u{FEE5}\u{0651}\u{064E}");
    assert_eq!(line.glyphs[0].width, 1);
    assert_eq!(line.glyphs[0].logical, 2..8);
    assert_eq!(line.glyphs[1].text, "\u{FE87}");
    assert_eq!(line.width, 2);
}

// قالت: qaf initial FED7 + alef final FE8E, then lam initial FEDF + teh
// final FE96 (alef breaks the join). الولايات: alef FE8D, lam initial FEDF
// + waw final FEEE, lam-alef isolated FEFB, yeh initial FEF3 + alef final
// FE8E, teh isolated FE95. The whole line is at level 1 except the digits
// (level 2), so it is reversed, the digits read 2020 and the brackets,
// resolved to the paragraph's direction, are mirrored: (2020) at the left.
#[test]
fn year_in_brackets_reads_left_to_right() {
    assert_visual(
        "قالت الولايات (2020)",
        "(2020) \u{FE95}\u{FE8E}\u{FEF3}\u{FEFB}\u{FEEE}\u{FEDF}\u{FE8D} \
         \u{FE96}\u{FEDF}\u{FE8E}\u{FED7}",
    );
}

// هزيمة: heh initial FEEB + zain final FEB0; yeh initial FEF3, meem medial
// FEE4, teh marbuta final FE94. نهائياً: noon initial FEE7, heh medial FEEC,
// alef final FE8E; yeh-hamza initial FE8B, yeh medial FEF4, alef final
// FE8E with its fathatan. ISIS is level 2 inside the level-1 line, so it
// keeps its order; the final full stop resolves to R and ends up leftmost.
#[test]
fn latin_word_keeps_its_order_and_stop_goes_left() {
    let p = "هزيمة ISIS نهائيا\u{064B}.";
    assert_visual(
        p,
        ".\u{FE8E}\u{064B}\u{FEF4}\u{FE8B}\u{FE8E}\u{FEEC}\u{FEE7} ISIS \
         \u{FE94}\u{FEE4}\u{FEF3}\u{FEB0}\u{FEEB}",
    );
}

// All of «نص» [أ] resolves to level 1: the guillemets and the square
// brackets are mirrored pairs, so after reversal each pair still opens on
// its own side. Noon initial FEE7 + sad final FEBA; alef-hamza isolated FE83.
#[test]
fn guillemets_and_square_brackets_mirror() {
    assert_visual("«نص» [أ]", "[\u{FE83}] «\u{FEBA}\u{FEE7}»");
}

// An LTR paragraph with an Arabic name: the name is one RTL run (meem
// initial FEE3, hah medial FEA4, meem medial FEE4, dal final FEAA) reversed
// in place, the brackets are at level 0 and stay as they are.
#[test]
fn english_line_with_arabic_name() {
    let line = one_line("Minister محمد said (today).");
    assert!(!line.rtl);
    assert_eq!(
        cps(&line.text()),
        cps("Minister \u{FEAA}\u{FEE4}\u{FEA4}\u{FEE3} said (today).")
    );
}

// An ESC is shown as its Control Picture; an RLO is shown as <U+202E>,
// drawn as it is (not mirrored to >U+202E<) and obeyed by nothing: the
// Latin after it stays to the left of the Arabic as plain bidi puts it.
#[test]
fn forbidden_characters_are_shown_not_obeyed() {
    let line = one_line("a\u{1b}[31mb");
    assert_eq!(line.text(), "a\u{241B}[31mb");
    assert_eq!(line.glyphs[1].logical, 1..2);

    let line = one_line("نص\u{202E}abc");
    assert!(line.rtl);
    assert_eq!(cps(&line.text()), cps("abc<U+202E>\u{FEBA}\u{FEE7}"));
    let stand_in = line.glyphs.iter().find(|g| g.text.starts_with('<'));
    assert_eq!(stand_in.map(|g| g.logical.clone()), Some(4..7));
    // An RLM alone does not make a paragraph right-to-left.
    assert!(!is_rtl("\u{200F}abc"));
}

// A search hit or a quote is a logical byte range; after reordering it
// must light the glyphs that show it, wherever they went.
#[test]
fn logical_ranges_map_through_reordering() {
    let p = "هزيمة ISIS نهائيا\u{064B}.";
    let line = one_line(p);
    let isis = p.find("ISIS").unwrap_or_default();
    // Visual order: stop, 6 glyphs of the last word, space, ISIS, ...
    assert_eq!(lit(&line, isis..isis + 4), vec![8, 9, 10, 11]);
    let texts: Vec<&str> = [8, 9, 10, 11]
        .iter()
        .map(|&k| line.glyphs[k].text.as_str())
        .collect();
    assert_eq!(texts, ["I", "S", "I", "S"]);
    // The last word, logically after ISIS, is drawn left of it.
    let word = p.find('ن').unwrap_or_default();
    assert_eq!(lit(&line, word..p.len() - 1), vec![1, 2, 3, 4, 5, 6]);
    // The alef alone of a lam-alef lights the ligature.
    let line = one_line("لا");
    assert_eq!(lit(&line, 2..4), vec![0]);
}

const SENTENCE: &str = "بدأت المفاوضات في كانون الثاني، وبعد عدة توقفات، أفادت التقارير أنها \
     توصلت الآن إلى خطة تقضي بسحب جميع القوات باستثناء مجموعة صغيرة على مراحل حتى عام 2026.";

// Wrapped at 30 cells, the lines plus the spaces dropped at the breaks
// take the same cells as the unwrapped line; the first line holds the
// start: its rightmost cells are بدأت reversed (teh isolated FE95,
// alef-hamza FE83, dal final FEAA, beh initial FE91), and the year with its
// stop (resolved to R) is at the left of the last line.
#[test]
fn wrapped_sentence_adds_up_and_starts_on_the_first_line() {
    let whole = one_line(SENTENCE);
    let lines = layout(SENTENCE, 30, BidiMode::Mizan);
    assert!(lines.len() > 3);
    assert!(lines.iter().all(|l| l.width <= 30 && l.rtl));
    let breaks = lines.len() - 1;
    let sum: usize = lines.iter().map(|l| l.width).sum();
    assert_eq!(sum + breaks, whole.width);
    assert!(
        lines[0]
            .text()
            .ends_with("\u{FE95}\u{FE83}\u{FEAA}\u{FE91}")
    );
    let first = lines[0].glyphs.last().map(|g| g.logical.start);
    assert_eq!(first, Some(0));
    let last = lines.last().map(VisualLine::text).unwrap_or_default();
    assert!(last.starts_with(".2026 "), "{last}");
}

// Terminal mode: the terminal shapes and reorders, so cells go out in
// logical order, unshaped, but still sanitised, wrapped and flagged RTL.
#[test]
fn terminal_and_off_modes_keep_logical_order() {
    let lines = layout("قالت (2020)\u{1b}", 80, BidiMode::Terminal);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].text(), "قالت (2020)\u{241B}");
    assert!(lines[0].rtl);
    let lines = layout("قالت (2020)", 80, BidiMode::Off);
    assert_eq!(lines[0].text(), "قالت (2020)");
    assert!(!lines[0].rtl);
    // Unshaped لا is drawn in two cells, whatever unicode-width says.
    assert_eq!(layout("لا", 80, BidiMode::Terminal)[0].width, 2);
}

// Degenerate input: width 0 has no lines; an empty paragraph one empty line.
#[test]
fn edges_do_not_panic() {
    assert!(layout("قالت", 0, BidiMode::Mizan).is_empty());
    let empty = layout("", 10, BidiMode::Mizan);
    assert_eq!(empty.len(), 1);
    assert!(empty[0].glyphs.is_empty() && !empty[0].rtl);
    // A harakah with no letter sits on a dotted circle (U+25CC) instead of
    // being dropped by ratatui; beh alone is isolated U+FE8F.
    let line = one_line("\u{064E}ب");
    assert_eq!(line.text(), "\u{FE8F}\u{25CC}\u{064E}");
    // ZWJ keeps lam in its initial form (U+FEDF) and stays in its cell.
    let line = one_line("ل\u{200D}");
    assert_eq!(line.text(), "\u{FEDF}\u{200D}");
    assert_eq!(line.width, 1);
    assert_eq!(line.glyphs[0].logical, 0..5);
    // One-cell column: every glyph on its own line.
    assert_eq!(layout("ابc", 1, BidiMode::Mizan).len(), 3);
}

// One row per list item: at 10 cells, قالت (4) and الولايات (7) do not
// both fit in 9, so the row is قالت reversed (teh final FE96, lam initial
// FEDF, alef final FE8E, qaf initial FED7) with the ellipsis on its left,
// where the RTL line continues; in an LTR line it goes on the right.
#[test]
fn truncated_rows_end_in_an_ellipsis() {
    let row = truncated("قالت الولايات (2020)", 10, BidiMode::Mizan);
    assert_eq!(row.text(), "…\u{FE96}\u{FEDF}\u{FE8E}\u{FED7}");
    assert_eq!(row.width, 5);
    assert_eq!(row.glyphs[0].logical, 8..8);
    let row = truncated("US forces should leave", 12, BidiMode::Mizan);
    assert_eq!(row.text(), "US forces…");
    let row = truncated("US forces", 12, BidiMode::Mizan);
    assert_eq!(row.text(), "US forces");
    assert_eq!(truncated("x", 0, BidiMode::Mizan), VisualLine::default());
}

// Every paragraph of the seed articles (the bundled corpus) lays out in
// narrow and wide columns within the width, and without dropping a
// byte other than break spaces.
#[test]
fn seed_articles_lay_out() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return; // the seeds sit beside the repository in CI and here
    };
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for paragraph in text
            .lines()
            .filter(|l| l.chars().any(|c| ('ء'..='ي').contains(&c)))
        {
            for width in [23, 80] {
                let lines = layout(paragraph, width, BidiMode::Mizan);
                let rtl = is_rtl(paragraph);
                assert!(lines.iter().all(|l| l.width <= width && l.rtl == rtl));
                let mut covered = vec![false; paragraph.len()];
                for g in lines.iter().flat_map(|l| &l.glyphs) {
                    covered[g.logical.clone()].fill(true);
                }
                let bytes = paragraph.bytes().zip(covered);
                assert!(bytes.clone().any(|(_, c)| c));
                assert!(
                    bytes.into_iter().all(|(b, c)| c || b == b' '),
                    "{paragraph}"
                );
            }
        }
    }
}

// The Allah ligature stays off: ﷲ is one cell by Unicode but wide in fonts.
#[test]
fn no_allah_ligature() {
    assert!(!one_line("الله").text().contains('\u{FDF2}'));
}

fn paragraph() -> impl Strategy<Value = String> {
    let pool: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإئؤةىلا \u{64B}\u{64E}\u{651}\u{652}\
        \u{670}\u{640}\u{200D}\u{200C}\u{A0}aZ09.,()[]«»<>-\u{1b}\u{7}\u{202E}\u{2067}\u{200F}\
        中🦀\u{301}\u{2029}\u{FEFF}"
        .chars()
        .collect();
    proptest::collection::vec(proptest::sample::select(pool), 0..60)
        .prop_map(|cs| cs.into_iter().collect())
}

/// The cells ratatui's own buffer advances by when it draws `s`.
fn ratatui_cells(s: &str) -> usize {
    let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 400, 1));
    let (x, _) = buf.set_stringn(0, 0, s, 400, ratatui::style::Style::default());
    usize::from(x)
}

// display_width is ratatui's measure, not a guess at it: the awkward cases
// (unshaped lam-alef, marks, wide, halfwidth sound marks, controls, ZWJ).
#[test]
fn display_width_is_what_ratatui_draws() {
    for s in [
        "",
        "لا",
        "\u{FEFB}",
        "إنَّ",
        "中🦀",
        "ｶﾞ",
        "aﾞ",
        "a\u{7}b",
        "\u{200D}ب",
        "e\u{301}",
    ] {
        assert_eq!(display_width(s), ratatui_cells(s), "{s:?}");
    }
}

fn is_mark(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(0)
        && unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM
}

fn mode() -> impl Strategy<Value = BidiMode> {
    prop_oneof![
        Just(BidiMode::Mizan),
        Just(BidiMode::Terminal),
        Just(BidiMode::Off)
    ]
}

proptest! {
    // Every byte of the paragraph is on exactly one glyph (glyphs split
    // from one wide stand-in share its range), except breaking spaces at
    // line ends; no line is wider than the column; no glyph starts with a
    // combining mark; the line widths are the glyphs' widths.
    #[test]
    fn every_byte_once_and_lines_fit(p in paragraph(), width in 0usize..40, mode in mode()) {
        let lines = layout(&p, width, mode);
        if width == 0 {
            prop_assert!(lines.is_empty());
            return Ok(());
        }
        let mut ranges = Vec::new();
        for line in &lines {
            prop_assert_eq!(line.width, line.glyphs.iter().map(|g| g.width).sum::<usize>());
            if width >= 2 {
                prop_assert!(line.width <= width, "{} > {}", line.width, width);
            }
            for g in &line.glyphs {
                prop_assert_eq!(g.width, display_width(&g.text));
                prop_assert!(!g.text.chars().next().is_some_and(is_mark));
                ranges.push(g.logical.clone());
            }
        }
        ranges.sort_by_key(|r| (r.start, r.end));
        ranges.dedup();
        let mut at = 0;
        for r in &ranges {
            prop_assert!(r.start >= at, "overlap at {:?}", r);
            prop_assert!(p[at..r.start].chars().all(|c| c == ' '), "gap {}..{}", at, r.start);
            at = r.end;
        }
        prop_assert!(p[at..].chars().all(|c| c == ' '));
    }

    // Drawn through ratatui, one span per glyph, every line fits its
    // column and no harakah is lost: ratatui drops zero-width graphemes at
    // a span's start, so this fails if a glyph ever begins with a mark.
    #[test]
    fn ratatui_draws_every_mark(p in paragraph(), width in 2usize..40) {
        for line in layout(&p, width, BidiMode::Mizan) {
            let spans: Vec<ratatui::text::Span> =
                line.glyphs.iter().map(|g| ratatui::text::Span::raw(g.text.as_str())).collect();
            let area = ratatui::layout::Rect::new(0, 0, width as u16, 1);
            let mut buf = ratatui::buffer::Buffer::empty(area);
            let (end, _) = buf.set_line(0, 0, &ratatui::text::Line::from(spans), width as u16);
            prop_assert_eq!(usize::from(end), line.width);
            let drawn: String = (0..end).map(|x| buf[(x, 0)].symbol()).collect();
            let marks = |s: &str| s.chars().filter(|&c| is_mark(c)).count();
            prop_assert_eq!(marks(&drawn), marks(&line.text()), "{:?}", line.text());
        }
    }

    // A truncated row always fits its column.
    #[test]
    fn truncated_rows_fit(p in paragraph(), width in 2usize..40, mode in mode()) {
        prop_assert!(truncated(&p, width, mode).width <= width);
    }

    // The same for any text the pipeline may meet.
    #[test]
    fn display_width_matches_ratatui(p in paragraph()) {
        prop_assert_eq!(display_width(&p), ratatui_cells(&p));
    }

    // In the modes that leave order to the terminal, reading the lines top
    // to bottom gives back the sanitised paragraph, less break spaces.
    #[test]
    fn logical_modes_read_in_order(p in paragraph(), width in 1usize..40) {
        let lines = layout(&p, width, BidiMode::Terminal);
        let drawn: String = lines.iter().map(VisualLine::text).collect();
        let shown: String = mizan::text::sanitize::visible(&p).chars().filter(|&c| c != ' ').collect();
        prop_assert_eq!(drawn.replace([' ', '\u{25CC}'], ""), shown);
    }
}
