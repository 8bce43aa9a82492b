//! Light stemming for search, on normalised text (`text::normalize`): the
//! clitics and endings a reader drops or adds when recalling a word.
//!
//! Arabic follows Larkey's light10 as Lucene's ArabicStemmer does: strip one
//! prefix (و ف ب ك ل, ال and its compounds وال بال كال فال لل) and then
//! the endings ها ان ات ون ين يه ه ي ا (ة and ى are already ه and ي after
//! normalising; ا is the alef of tanween: «حاسمًا» → حاسما). English strips
//! one common ending (-s, -es, -ed, -ing, -al, -ation, ...).
//!
//! A stem here is always a contiguous piece of its word (only affixes are
//! cut, no letter is rewritten), which is why search never stores stems:
//! a word whose stem is S contains S, so a substring search for the query's
//! stem finds every candidate, and [`stem_form`] then checks that the word
//! around the occurrence really is S plus clitics. That costs no memory and
//! no index time, where an index of stems would stem every word of a million
//! nodes up front. The Snowball stemmers (crate `rust-stemmers`, Arabic
//! included) rewrite letters ("happy" → "happi"), which loses that property.

use std::ops::Range;

/// Arabic prefixes stripped from a query word, longest first.
const AR_PREFIXES: [&str; 11] = [
    "وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ك", "ل",
];

/// Arabic endings, in the order they are stripped (each at most once).
const AR_SUFFIXES: [&str; 12] = [
    "هما", "هم", "ها", "ان", "ات", "ون", "ين", "يه", "نا", "ه", "ي", "ا",
];

/// English endings stripped from a query word, longest first.
const EN_SUFFIXES: [&str; 19] = [
    "ations", "ation", "ments", "ment", "ness", "ings", "ing", "als", "ies", "ied", "ers", "ed",
    "er", "es", "ly", "al", "s", "e", "y",
];

/// Whether the word is written in Arabic letters (its first letter decides).
fn is_arabic(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| ('\u{0620}'..='\u{06FF}').contains(&c))
}

/// The light stem of one normalised word: a substring of it. Words too
/// short to lose anything, numbers and mixed tokens come back whole.
pub fn stem(word: &str) -> &str {
    &word[stem_range(word)]
}

/// Where [`stem`] lies in the word, in bytes.
pub fn stem_range(word: &str) -> Range<usize> {
    if is_arabic(word) {
        arabic(word)
    } else if word.bytes().all(|b| b.is_ascii_lowercase()) {
        english(word)
    } else {
        0..word.len()
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn arabic(word: &str) -> Range<usize> {
    let n = chars(word);
    // Lucene's length checks: a stem keeps at least two letters, three
    // after a one-letter prefix (so «بلد» keeps its ب).
    let start = AR_PREFIXES
        .iter()
        .find(|p| {
            let pl = chars(p);
            word.starts_with(**p) && n >= pl + if pl == 1 { 3 } else { 2 }
        })
        .map_or(0, |p| p.len());
    let mut w = &word[start..];
    for s in AR_SUFFIXES {
        if w.ends_with(s) && chars(w) >= chars(s) + 2 {
            w = &w[..w.len() - s.len()];
        }
    }
    start..start + w.len()
}

fn english(word: &str) -> Range<usize> {
    // ASCII only (checked by the caller), so bytes are letters.
    let cut = EN_SUFFIXES
        .iter()
        .find(|s| word.ends_with(**s) && word.len() >= s.len() + 3)
        .map_or(0, |s| s.len());
    0..word.len() - cut
}

/// Whether `word` is `stem` with clitics: `word[at..at + stem.len()]` is the
/// stem, and what precedes and follows it are a valid prefix and ending.
pub fn stem_form(word: &str, at: usize, stem: &str) -> bool {
    let (Some(before), Some(after)) = (word.get(..at), word.get(at + stem.len()..)) else {
        return false;
    };
    if is_arabic(stem) {
        arabic_prefix(before) && arabic_ending(after, 3)
    } else {
        before.is_empty() && english_ending(after)
    }
}

/// Where the word around `hay[at..at + stem.len()]` lies, when that word is
/// the stem with clitics ([`stem_form`]). Looks at most a few letters either
/// side, so the many occurrences of a short stem inside unrelated words
/// are turned down without walking those words.
pub fn stem_form_at(hay: &str, at: usize, stem: &str) -> Option<Range<usize>> {
    let word = |c: char| crate::text::normalize::is_word_char(c);
    let end = at + stem.len();
    // At most four letters of prefix (وبال), eight of endings.
    let mut start = at;
    for (n, (i, c)) in hay.get(..at)?.char_indices().rev().enumerate() {
        if !word(c) {
            break;
        }
        if n == 4 {
            return None;
        }
        start = i;
    }
    let mut stop = end;
    for (n, (i, c)) in hay.get(end..)?.char_indices().enumerate() {
        if !word(c) {
            break;
        }
        if n == 8 {
            return None;
        }
        stop = end + i + c.len_utf8();
    }
    stem_form(&hay[start..stop], at - start, stem).then_some(start..stop)
}

/// A conjunction (و ف), then a preposition (ب ك ل), then the article ال,
/// each optional; ل + ال is written لل.
fn arabic_prefix(p: &str) -> bool {
    let p = p
        .strip_prefix('و')
        .or_else(|| p.strip_prefix('ف'))
        .unwrap_or(p);
    if p.is_empty() || p == "ال" || p == "لل" {
        return true;
    }
    let p = ['ب', 'ك', 'ل']
        .iter()
        .find_map(|c| p.strip_prefix(*c))
        .unwrap_or(p);
    p.is_empty() || p == "ال"
}

/// Up to `depth` endings in a row («ميليش» + «ي» + «ات»).
fn arabic_ending(x: &str, depth: usize) -> bool {
    x.is_empty()
        || depth > 0
            && AR_SUFFIXES.iter().any(|s| {
                x.strip_prefix(s)
                    .is_some_and(|rest| arabic_ending(rest, depth - 1))
            })
}

fn english_ending(x: &str) -> bool {
    x.is_empty() || matches!(x, "d" | "s") || EN_SUFFIXES.contains(&x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    fn st(w: &str) -> String {
        stem(&normalize(w)).to_string()
    }

    /// Protects the examples: «للقصف» and «القصف» share a stem, as do
    /// «للميليشيات» and «الميليشيات».
    #[test]
    fn arabic_clitics_share_a_stem() {
        assert_eq!(st("للقصف"), "قصف");
        assert_eq!(st("القصف"), "قصف");
        assert_eq!(st("للميليشيات"), st("الميليشيات"));
        assert_eq!(st("والقوات"), "قو");
        assert_eq!(st("الموالية"), "موال");
        assert_eq!(st("حاسمًا"), "حاسم");
    }

    /// Protects short words: a one-letter prefix needs three letters after it.
    #[test]
    fn arabic_length_checks() {
        assert_eq!(st("بلد"), "بلد");
        assert_eq!(st("ال"), "ال");
        assert_eq!(st("مرة"), "مر");
    }

    /// Protects English: endings go, short words stay.
    #[test]
    fn english_endings() {
        for (w, s) in [
            ("troops", "troop"),
            ("remaining", "remain"),
            ("withdrawal", "withdraw"),
            ("withdrawals", "withdraw"),
            ("attacked", "attack"),
            ("policies", "polic"),
            ("policy", "polic"),
            ("us", "us"),
            ("iraq", "iraq"),
        ] {
            assert_eq!(stem(w), s, "{w}");
        }
        assert_eq!(stem("4500"), "4500");
    }

    /// Protects the substring property search relies on.
    #[test]
    fn a_stem_is_part_of_its_word() {
        for w in ["للقصف", "والميليشيات", "forces", "attacking", "سنوات", "x"]
        {
            let n = normalize(w);
            assert!(n.contains(stem(&n)), "{w}");
        }
    }

    /// Protects the check that a word found by its stem is that stem plus
    /// clitics, and not merely a word containing its letters.
    #[test]
    fn stem_forms() {
        let form = |w: &str, s: &str| {
            let w = normalize(w);
            w.find(s).is_some_and(|at| stem_form(&w, at, s))
        };
        assert!(form("للقصف", "قصف"));
        assert!(form("وبالقصف", "قصف"));
        assert!(form("الميليشيات", "ميليش"));
        assert!(form("مرات", "مر"));
        assert!(!form("امريكي", "مر"));
        assert!(!form("مرتين", "مر"));
        assert!(form("troops", "troop"));
        assert!(form("withdrawals", "withdraw"));
        assert!(!form("troopship", "troop"));
        assert!(!form("retroop", "troop"));
    }
}
