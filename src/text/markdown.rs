//! Escaping text for Markdown, shared by the export report and the
//! comparison report: Markdown's inline syntax (and `|`, which would end a
//! table cell) is backslash-escaped, and line breaks become spaces so a
//! claim cannot end its list item or table row.

pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            // A control or bidi character is shown, never passed on to a
            // terminal that `cat`s the report (issue 20, item 3).
            c if super::sanitize::is_forbidden(c) => {
                let mut buf = [0u8; 4];
                let shown = super::sanitize::visible(c.encode_utf8(&mut buf)).into_owned();
                escape_into(out, &shown);
            }
            c => out.push(c),
        }
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    // Markup characters are escaped and a line break cannot end the item.
    #[test]
    fn escapes() {
        assert_eq!(
            super::escape("a*b|c\n#d [x](y)"),
            "a\\*b\\|c \\#d \\[x\\](y)"
        );
        assert_eq!(super::escape("a\u{1b}]0;x\u{7}"), "a\u{241b}\\]0;x\u{2407}");
        assert_eq!(super::escape("\u{202E}"), "\\<U+202E\\>");
    }
}
