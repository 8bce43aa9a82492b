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
    }
}
