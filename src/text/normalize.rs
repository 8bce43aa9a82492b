//! Search keys: the normalisation applied to both a query and the text it is
//! matched against, so that spelling variants that readers treat as the same
//! word compare equal.
//!
//! Arabic: the alef forms (أ إ آ ٱ) become ا, ى becomes ي, ة becomes ه, harakat,
//! the superscript alef and tatweel are dropped, presentation forms are folded
//! back to their letters (NFKC for those blocks), Arabic-Indic digits become
//! ASCII digits. Latin is lower-cased. A comma between digits (`4,500`) is
//! dropped. Whitespace of any kind becomes one
//! ASCII space per character and invisible format characters are dropped.
//!
//! [`normalize_mapped`] also records where every normalised character came
//! from, so that a match found in normalised text can be highlighted on the
//! original characters. Display shaping lives elsewhere (`text::sanitize` and
//! the shaping code); this module only makes keys.

use std::ops::Range;

/// NFKC for the Arabic presentation-form blocks, as (first, last, letters):
/// every code point in first..=last folds to `letters`. Generated from
/// Unicode 14 data; the two- and three-letter ligatures of FC00–FDC7 (used in
/// Quranic typesetting, not in news text) and the spaced harakat forms
/// FE70–FE7F (dropped as marks instead) are left out.
const PRESENTATION: &[(u32, u32, &str)] = &[
    (0xFB50, 0xFB51, "\u{0671}"),
    (0xFB52, 0xFB55, "\u{067B}"),
    (0xFB56, 0xFB59, "\u{067E}"),
    (0xFB5A, 0xFB5D, "\u{0680}"),
    (0xFB5E, 0xFB61, "\u{067A}"),
    (0xFB62, 0xFB65, "\u{067F}"),
    (0xFB66, 0xFB69, "\u{0679}"),
    (0xFB6A, 0xFB6D, "\u{06A4}"),
    (0xFB6E, 0xFB71, "\u{06A6}"),
    (0xFB72, 0xFB75, "\u{0684}"),
    (0xFB76, 0xFB79, "\u{0683}"),
    (0xFB7A, 0xFB7D, "\u{0686}"),
    (0xFB7E, 0xFB81, "\u{0687}"),
    (0xFB82, 0xFB83, "\u{068D}"),
    (0xFB84, 0xFB85, "\u{068C}"),
    (0xFB86, 0xFB87, "\u{068E}"),
    (0xFB88, 0xFB89, "\u{0688}"),
    (0xFB8A, 0xFB8B, "\u{0698}"),
    (0xFB8C, 0xFB8D, "\u{0691}"),
    (0xFB8E, 0xFB91, "\u{06A9}"),
    (0xFB92, 0xFB95, "\u{06AF}"),
    (0xFB96, 0xFB99, "\u{06B3}"),
    (0xFB9A, 0xFB9D, "\u{06B1}"),
    (0xFB9E, 0xFB9F, "\u{06BA}"),
    (0xFBA0, 0xFBA3, "\u{06BB}"),
    (0xFBA4, 0xFBA5, "\u{06C0}"),
    (0xFBA6, 0xFBA9, "\u{06C1}"),
    (0xFBAA, 0xFBAD, "\u{06BE}"),
    (0xFBAE, 0xFBAF, "\u{06D2}"),
    (0xFBB0, 0xFBB1, "\u{06D3}"),
    (0xFBD3, 0xFBD6, "\u{06AD}"),
    (0xFBD7, 0xFBD8, "\u{06C7}"),
    (0xFBD9, 0xFBDA, "\u{06C6}"),
    (0xFBDB, 0xFBDC, "\u{06C8}"),
    (0xFBDE, 0xFBDF, "\u{06CB}"),
    (0xFBE0, 0xFBE1, "\u{06C5}"),
    (0xFBE2, 0xFBE3, "\u{06C9}"),
    (0xFBE4, 0xFBE7, "\u{06D0}"),
    (0xFBE8, 0xFBE9, "\u{0649}"),
    (0xFBFC, 0xFBFF, "\u{06CC}"),
    (0xFDF0, 0xFDF0, "\u{0635}\u{0644}\u{06D2}"),
    (0xFDF1, 0xFDF1, "\u{0642}\u{0644}\u{06D2}"),
    (0xFDF2, 0xFDF2, "\u{0627}\u{0644}\u{0644}\u{0647}"),
    (0xFDF3, 0xFDF3, "\u{0627}\u{0643}\u{0628}\u{0631}"),
    (0xFDF4, 0xFDF4, "\u{0645}\u{062D}\u{0645}\u{062F}"),
    (0xFDF5, 0xFDF5, "\u{0635}\u{0644}\u{0639}\u{0645}"),
    (0xFDF6, 0xFDF6, "\u{0631}\u{0633}\u{0648}\u{0644}"),
    (0xFDF7, 0xFDF7, "\u{0639}\u{0644}\u{064A}\u{0647}"),
    (0xFDF8, 0xFDF8, "\u{0648}\u{0633}\u{0644}\u{0645}"),
    (0xFDF9, 0xFDF9, "\u{0635}\u{0644}\u{0649}"),
    (0xFDFC, 0xFDFC, "\u{0631}\u{06CC}\u{0627}\u{0644}"),
    (0xFE71, 0xFE71, "\u{0640}\u{064B}"),
    (0xFE77, 0xFE77, "\u{0640}\u{064E}"),
    (0xFE79, 0xFE79, "\u{0640}\u{064F}"),
    (0xFE7B, 0xFE7B, "\u{0640}\u{0650}"),
    (0xFE7D, 0xFE7D, "\u{0640}\u{0651}"),
    (0xFE7F, 0xFE7F, "\u{0640}\u{0652}"),
    (0xFE80, 0xFE80, "\u{0621}"),
    (0xFE81, 0xFE82, "\u{0622}"),
    (0xFE83, 0xFE84, "\u{0623}"),
    (0xFE85, 0xFE86, "\u{0624}"),
    (0xFE87, 0xFE88, "\u{0625}"),
    (0xFE89, 0xFE8C, "\u{0626}"),
    (0xFE8D, 0xFE8E, "\u{0627}"),
    (0xFE8F, 0xFE92, "\u{0628}"),
    (0xFE93, 0xFE94, "\u{0629}"),
    (0xFE95, 0xFE98, "\u{062A}"),
    (0xFE99, 0xFE9C, "\u{062B}"),
    (0xFE9D, 0xFEA0, "\u{062C}"),
    (0xFEA1, 0xFEA4, "\u{062D}"),
    (0xFEA5, 0xFEA8, "\u{062E}"),
    (0xFEA9, 0xFEAA, "\u{062F}"),
    (0xFEAB, 0xFEAC, "\u{0630}"),
    (0xFEAD, 0xFEAE, "\u{0631}"),
    (0xFEAF, 0xFEB0, "\u{0632}"),
    (0xFEB1, 0xFEB4, "\u{0633}"),
    (0xFEB5, 0xFEB8, "\u{0634}"),
    (0xFEB9, 0xFEBC, "\u{0635}"),
    (0xFEBD, 0xFEC0, "\u{0636}"),
    (0xFEC1, 0xFEC4, "\u{0637}"),
    (0xFEC5, 0xFEC8, "\u{0638}"),
    (0xFEC9, 0xFECC, "\u{0639}"),
    (0xFECD, 0xFED0, "\u{063A}"),
    (0xFED1, 0xFED4, "\u{0641}"),
    (0xFED5, 0xFED8, "\u{0642}"),
    (0xFED9, 0xFEDC, "\u{0643}"),
    (0xFEDD, 0xFEE0, "\u{0644}"),
    (0xFEE1, 0xFEE4, "\u{0645}"),
    (0xFEE5, 0xFEE8, "\u{0646}"),
    (0xFEE9, 0xFEEC, "\u{0647}"),
    (0xFEED, 0xFEEE, "\u{0648}"),
    (0xFEEF, 0xFEF0, "\u{0649}"),
    (0xFEF1, 0xFEF4, "\u{064A}"),
    (0xFEF5, 0xFEF6, "\u{0644}\u{0622}"),
    (0xFEF7, 0xFEF8, "\u{0644}\u{0623}"),
    (0xFEF9, 0xFEFA, "\u{0644}\u{0625}"),
    (0xFEFB, 0xFEFC, "\u{0644}\u{0627}"),
];

/// Normalises `s` into a new string (see the module docs for the rules).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// Appends the normalisation of `s` to `out`, reusing its allocation.
pub fn normalize_into(s: &str, out: &mut String) {
    // Most characters are their own normalisation: runs of them are copied
    // whole, and only the others go through `fold` one by one.
    let mut run = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if unchanged(c) {
            continue;
        }
        out.push_str(&s[run..at]);
        run = at + c.len_utf8();
        if !digit_group_separator(c, out, chars.peek().map(|&(_, n)| n)) {
            fold(c, &mut |n| out.push(n));
        }
    }
    out.push_str(&s[run..]);
}

/// Whether `fold` gives `c` back unchanged and `c` is no digit-group comma:
/// lower-case Latin letters, digits, space and punctuation, and the Arabic
/// letters no rule touches.
fn unchanged(c: char) -> bool {
    match c as u32 {
        0x61..=0x7A | 0x30..=0x39 | 0x20 => true,
        0x21..=0x7E => c != ',' && !c.is_ascii_uppercase(),
        0x0621 | 0x0624 | 0x0626..=0x0628 | 0x062A..=0x063A | 0x0641..=0x0648 | 0x064A => true,
        _ => false,
    }
}

/// Whether `c` is a comma grouping the digits of a number (`4,500`,
/// `٤٬٥٠٠`): dropped, so that `4500` finds `4,500` and back.
fn digit_group_separator(c: char, before: &str, next: Option<char>) -> bool {
    matches!(c, ',' | '\u{066C}')
        && before.ends_with(|d: char| d.is_ascii_digit())
        && next.is_some_and(|n| {
            n.is_ascii_digit()
                || ('\u{0660}'..='\u{0669}').contains(&n)
                || ('\u{06F0}'..='\u{06F9}').contains(&n)
        })
}

/// A normalised text with, for each of its characters, the byte range of the
/// original characters it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    pub text: String,
    /// (byte offset in `text`, byte range in the original), in text order.
    /// A dropped mark is added to the range of the character before it, so a
    /// highlight never splits a letter from its harakat.
    spans: Vec<(usize, Range<usize>)>,
}

impl Normalized {
    /// The original byte range covering the normalised byte range `norm`
    /// (which must start and end on character boundaries of `text`).
    /// An empty or out-of-range input gives an empty range.
    pub fn original_range(&self, norm: Range<usize>) -> Range<usize> {
        let first = self.spans.partition_point(|(n, _)| *n < norm.start);
        let end = self.spans.partition_point(|(n, _)| *n < norm.end);
        match (
            self.spans.get(first),
            end.checked_sub(1).and_then(|i| self.spans.get(i)),
        ) {
            (Some((_, a)), Some((_, b))) if first < end => a.start..b.end.max(a.end),
            _ => 0..0,
        }
    }
}

/// Normalises `s` and remembers where each normalised character came from.
pub fn normalize_mapped(s: &str) -> Normalized {
    let mut text = String::with_capacity(s.len());
    let mut spans: Vec<(usize, Range<usize>)> = Vec::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let end = at + c.len_utf8();
        let before = spans.len();
        if !digit_group_separator(c, &text, chars.peek().map(|&(_, n)| n)) {
            fold(c, &mut |n| {
                spans.push((text.len(), at..end));
                text.push(n);
            });
        }
        if spans.len() == before {
            // Dropped: glue it to the characters made from the previous one.
            for (_, r) in spans.iter_mut().rev() {
                if r.end != at {
                    break;
                }
                r.end = end;
            }
        }
    }
    Normalized { text, spans }
}

/// Whether `c` counts as part of a word in normalised text (for word-start
/// bonuses and in-word fuzzy matching).
pub fn is_word_char(c: char) -> bool {
    // Search asks this for nearly every match it finds; the general Unicode
    // lookup is slow for Arabic, so the two scripts mizan mostly sees are
    // answered from their code point ranges.
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x0600..=0x06FF => matches!(c as u32,
            0x0620..=0x064A | 0x0660..=0x0669 | 0x066E..=0x06D3 | 0x06D5 | 0x06EE..=0x06FC | 0x06FF),
        _ => c.is_alphanumeric(),
    }
}

/// Emits the normalisation of one character (nothing, one or several chars).
fn fold(c: char, emit: &mut impl FnMut(char)) {
    if c.is_ascii() {
        emit(if c.is_ascii_control() || c == ' ' {
            ' '
        } else {
            c.to_ascii_lowercase()
        });
        return;
    }
    let cp = c as u32;
    match cp {
        // Honorific signs, harakat, superscript alef, tatweel, Quranic marks,
        // spaced harakat presentation forms.
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x0640 | 0x06D6..=0x06ED | 0xFE70..=0xFE7F => {
        }
        // Invisible format characters: soft hyphen, ALM, zero-width and bidi
        // controls, BOM.
        0x00AD | 0x061C | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFEFF => {}
        0x0622 | 0x0623 | 0x0625 | 0x0671..=0x0673 => emit('\u{0627}'),
        0x0629 => emit('\u{0647}'),
        0x0649 | 0x06CC => emit('\u{064A}'),
        0x06A9 => emit('\u{0643}'),
        0x0660..=0x0669 => emit(char::from(b'0' + (cp - 0x0660) as u8)),
        0x06F0..=0x06F9 => emit(char::from(b'0' + (cp - 0x06F0) as u8)),
        0xFB50..=0xFEFC => match presentation(cp) {
            // The table's letters are base letters, some of them alef forms:
            // one more pass folds those.
            Some(letters) => letters.chars().for_each(|l| fold(l, emit)),
            None => emit(c),
        },
        // Every other Arabic code point stays: none is a space, a control
        // or a capital (and the general lookups below are slow for them).
        0x0600..=0x06FF => emit(c),
        _ if c.is_whitespace() || c.is_control() => emit(' '),
        _ if c.is_uppercase() => c.to_lowercase().for_each(&mut *emit),
        _ => emit(c),
    }
}

fn presentation(cp: u32) -> Option<&'static str> {
    let i = PRESENTATION.partition_point(|&(_, last, _)| last < cp);
    PRESENTATION
        .get(i)
        .filter(|&&(first, _, _)| first <= cp)
        .map(|&(_, _, letters)| letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Protects the fast path: every character it copies is one `fold`
    /// gives back unchanged.
    #[test]
    fn unchanged_characters_fold_to_themselves() {
        for c in (0u32..0x0800)
            .filter_map(char::from_u32)
            .filter(|&c| unchanged(c))
        {
            let mut got = String::new();
            fold(c, &mut |n| got.push(n));
            assert_eq!(got, c.to_string(), "U+{:04X}", c as u32);
        }
        assert_eq!(normalize("4,500 and ٤٬٥٠٠, Sure"), "4500 and 4500, sure");
    }

    /// Protects the issue's own example: spelling variants of "the Islamic State".
    #[test]
    fn folds_alef_ta_marbuta_and_case() {
        assert_eq!(normalize("الدولة الإسلامية"), normalize("الدوله الاسلاميه"));
        assert_eq!(normalize("الدولة الإسلامية"), "الدوله الاسلاميه");
        assert_eq!(normalize("Iran IRAN"), "iran iran");
    }

    /// Protects each Arabic rule named in DESIGN.md, one letter at a time.
    #[test]
    fn every_arabic_rule() {
        for (from, to) in [
            ("أ", "ا"),
            ("إ", "ا"),
            ("آ", "ا"),
            ("ٱ", "ا"),
            ("ى", "ي"),
            ("ة", "ه"),
            ("مـــدينة", "مدينه"),      // tatweel
            ("إِنَّ", "ان"),               // kasra, shadda, fatha
            ("هٰذا", "هذا"),             // superscript alef
            ("\u{FEFB}", "لا"),          // lam-alef ligature
            ("\u{FE8D}\u{FE91}", "اب"), // isolated alef, initial beh
            ("\u{FDF2}", "الله"),
            ("٢٠٢٠", "2020"),
        ] {
            assert_eq!(normalize(from), to, "{from:?}");
        }
    }

    /// Protects matching a query with harakat against text without, and back.
    #[test]
    fn harakat_on_either_side_compare_equal() {
        assert_eq!(normalize("القُوَّاتُ الأَمْرِيكِيَّةُ"), normalize("القوات الامريكيه"));
    }

    /// Protects highlights: a normalised range maps back to whole original
    /// letters, harakat included, in a text that shrank when normalised.
    #[test]
    fn mapped_ranges_point_at_original_bytes() {
        let orig = "قالَ إنَّ الدولةَ";
        let n = normalize_mapped(orig);
        assert_eq!(n.text, "قال ان الدوله");
        let at = n.text.find("الدوله").unwrap_or(usize::MAX);
        let r = n.original_range(at..n.text.len());
        assert_eq!(&orig[r], "الدولةَ");
        let at = n.text.find("ان").unwrap_or(usize::MAX);
        assert_eq!(&orig[n.original_range(at..at + "ان".len())], "إنَّ");
    }

    /// Protects case folding that changes byte length (and so offsets).
    #[test]
    fn mapped_ranges_survive_length_changes() {
        let orig = "ẞig İran";
        let n = normalize_mapped(orig);
        let at = n.text.find("ran").unwrap_or(usize::MAX);
        assert_eq!(&orig[n.original_range(at..at + 3)], "ran");
        assert_eq!(n.original_range(5..5), 0..0);
    }

    /// Protects the fast word-character ranges against the Unicode tables.
    #[test]
    fn word_chars_agree_with_unicode_on_normalised_arabic() {
        for c in ('\u{0600}'..='\u{06FF}').chain('\0'..='\u{7F}') {
            let n = normalize(&c.to_string());
            for d in n.chars().filter(|d| *d != ' ') {
                assert_eq!(is_word_char(d), d.is_alphanumeric(), "{:04X}", d as u32);
            }
        }
    }

    /// Protects the issue's `4500` finds `4,500`: digit-grouping commas go,
    /// other commas stay, and a highlight still covers the comma.
    #[test]
    fn digit_group_commas_dropped() {
        assert_eq!(normalize("4,500 and 32,000"), "4500 and 32000");
        assert_eq!(normalize("٤٬٥٠٠"), "4500");
        assert_eq!(normalize("Iraq, 2020, 1,2"), "iraq, 2020, 12");
        assert_eq!(normalize("a, 5"), "a, 5");
        let orig = "more than 4,500 troops";
        let n = normalize_mapped(orig);
        let at = n.text.find("4500").unwrap_or(usize::MAX);
        assert_eq!(&orig[n.original_range(at..at + 4)], "4,500");
    }

    /// Protects the index's field separator: no newline survives normalising.
    #[test]
    fn whitespace_becomes_spaces() {
        assert_eq!(normalize("a\nb\u{00A0}c\td"), "a b c d");
        assert_eq!(normalize("a\u{200F}b\u{2067}c"), "abc");
    }
}
