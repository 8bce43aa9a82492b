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

/// The text with every forbidden character replaced by a visible stand-in:
/// C0 controls by their Control Picture (ESC becomes `␛`), the rest by
/// `<U+XXXX>`. Borrowed when there is nothing to replace.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_forbidden) {
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

#[cfg(test)]
mod tests {
    use super::*;

    // An escape sequence in map text is shown, never sent to the terminal.
    #[test]
    fn escapes_become_visible() {
        assert_eq!(visible("a\u{1b}[31mb"), "a\u{241b}[31mb");
        assert_eq!(visible("x\u{202E}y"), "x<U+202E>y");
        assert_eq!(visible("\u{85}"), "<U+0085>");
        assert!(matches!(visible("سلام (2020)"), Cow::Borrowed(_)));
    }

    // Joiners are legitimate in Arabic-script text and are not forbidden.
    #[test]
    fn joiners_allowed() {
        assert!(!is_forbidden('\u{200C}'));
        assert!(!is_forbidden('\u{200D}'));
        assert!(is_forbidden('\u{2067}'));
    }
}
