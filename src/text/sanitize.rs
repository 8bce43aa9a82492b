//! Text from maps never reaches the terminal raw: control characters and the
//! invisible bidi controls are made visible instead of being interpreted.
//! (An ESC in a claim would otherwise be a terminal escape sequence, and a
//! U+202E would silently reverse what follows.)

use std::borrow::Cow;

/// Characters a map may not contain: C0 and C1 controls, DEL, the directional
/// marks (LRM, RLM, ALM) and the embedding/override/isolate controls.
pub fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{200E}' | '\u{200F}' | '\u{061C}'
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// False when no byte of `text` can start or end a forbidden character, so
/// the exact, per-character check can be skipped. Every forbidden character
/// is a byte below 0x20, 0x7F, or a sequence led by 0xC2 (U+0080–U+009F) or
/// 0xE2 (U+200E.., U+202A.., U+2066..), or U+061C whose last byte is 0x9C.
/// Checking bytes without branching lets the compiler vectorise it; text
/// runs to hundreds of megabytes in a large corpus.
pub fn may_hold_forbidden(text: &str) -> bool {
    text.as_bytes().chunks(64).any(|chunk| {
        chunk.iter().fold(false, |acc, &b| {
            acc | (b < 0x20) | (b == 0x7F) | (b == 0xC2) | (b == 0xE2) | (b == 0x9C)
        })
    })
}

/// Whether `text` holds a forbidden character: the byte pre-filter, then
/// the characters only where it found a suspect. Decoding every character
/// of every claim was a third of `compare`'s report.
pub fn has_forbidden(text: &str) -> bool {
    may_hold_forbidden(text) && text.chars().any(is_forbidden)
}

/// The text with every forbidden character replaced by a visible stand-in:
/// C0 controls by their Control Picture (ESC becomes `␛`), the rest by
/// `<U+XXXX>`. Borrowed when there is nothing to replace.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !has_forbidden(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\u{0}'..='\u{1F}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7F}' => out.push('\u{2421}'),
            c if is_forbidden(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`visible`], cut after `max` characters of the original (with `…` and
/// how many more there were): for a text echoed in a message, where a
/// 100 MB line of map text must not become 300 MB of terminal output.
pub fn visible_capped(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => visible(s),
        Some((cut, _)) => {
            let more = s[cut..].chars().count();
            Cow::Owned(format!("{}… ({more} more characters)", visible(&s[..cut])))
        }
    }
}

/// [`visible`] line by line: the line breaks stay, everything else that a
/// terminal would interpret is shown. For CLI output that prints map
/// content over several lines (a diagnostic with its source line).
pub fn visible_lines(s: &str) -> Cow<'_, str> {
    if !may_hold_forbidden(s) || !s.chars().any(|c| c != '\n' && is_forbidden(c)) {
        return Cow::Borrowed(s);
    }
    let lines: Vec<Cow<'_, str>> = s.split('\n').map(visible).collect();
    Cow::Owned(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The byte pre-filter never hides a forbidden character, alone or in
    // text, and the whole check agrees with the characters' for every one.
    #[test]
    fn prefilter_sees_every_forbidden_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("عربي{c}text");
            if is_forbidden(c) {
                assert!(may_hold_forbidden(&text), "{c:?}");
            }
            assert_eq!(has_forbidden(&text), is_forbidden(c), "{c:?}");
        }
        assert!(!may_hold_forbidden(
            "قالت الولايات (2020) [نص] هزيمة ISIS نهائياً."
        ));
    }

    // An escape sequence in map text is shown, never sent to the terminal.
    #[test]
    fn escapes_become_visible() {
        assert_eq!(visible("a\u{1b}[31mb"), "a\u{241b}[31mb");
        assert_eq!(visible("x\u{202E}y"), "x<U+202E>y");
        assert_eq!(visible("\u{85}"), "<U+0085>");
        assert!(matches!(visible("سلام (2020)"), Cow::Borrowed(_)));
    }

    // Issue 20, item 10: an echoed text is cut, and says by how much.
    #[test]
    fn capped_text_says_what_was_cut() {
        assert_eq!(visible_capped("abc", 3), "abc");
        assert_eq!(
            visible_capped("ab\u{0}d", 3),
            "ab\u{2400}… (1 more characters)"
        );
        let nul = "\u{0}".repeat(1000);
        assert!(visible_capped(&nul, 10).len() < 60);
        assert_eq!(visible_lines("a\u{1b}\nb\n"), "a\u{241b}\nb\n");
        assert!(matches!(visible_lines("a\nb"), Cow::Borrowed(_)));
    }

    // Joiners are legitimate in Arabic-script text and are not forbidden.
    #[test]
    fn joiners_allowed() {
        assert!(!is_forbidden('\u{200C}'));
        assert!(!is_forbidden('\u{200D}'));
        assert!(is_forbidden('\u{2067}'));
    }
}
