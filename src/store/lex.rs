//! One lexer for map text (RON), shared by the fast canonical parser
//! (`fast`) and the position locator (`locate`): where it is (byte, line,
//! column in characters, as ron counts), string literals with their
//! escapes, identifiers, punctuation, whitespace and comments.
//!
//! Two ways to read: the fast parser asks for exactly the next bytes
//! (`lit`, `spaces`, `word`, `string`) and gives up at the first surprise,
//! while the locator takes any text token by token (`next_token`), lenient
//! about everything but where things are.

use crate::model::corpus::Pos;

pub struct Lexer<'a> {
    s: &'a str,
    pub(super) b: &'a [u8],
    /// The next byte.
    pub(super) i: usize,
    line: u32,
    /// Where the current line starts.
    line_start: usize,
}

/// One token of [`Lexer::next_token`]: only what the locator looks at is
/// told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// An identifier (`Node`, `id`, `Supports`) and where it starts.
    Ident(&'a str, Pos),
    /// `(`, `[` or `{`.
    Open,
    /// `)`, `]` or `}`.
    Close,
    Colon,
    /// A string literal, skipped.
    Str,
    /// Any other byte (a comma, a digit, a stray character).
    Other,
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Lexer<'a> {
        Lexer {
            s: text,
            b: text.as_bytes(),
            i: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The 1-based line of the next byte.
    pub fn line(&self) -> u32 {
        self.line
    }

    /// Where the byte at `i` (on the current line) is; columns count
    /// characters, as ron's do.
    fn pos_at(&self, i: usize) -> Pos {
        Pos {
            line: self.line,
            col: self
                .s
                .get(self.line_start..i)
                .map_or(0, |t| t.chars().count()) as u32
                + 1,
        }
    }

    /// Notes a line break at byte `i`.
    fn newline(&mut self, i: usize) {
        self.line += 1;
        self.line_start = i + 1;
    }

    pub fn at_end(&self) -> bool {
        self.i == self.b.len()
    }

    // ---- Exact reading, for the fast parser ----

    /// Consumes `s` if it is next.
    pub fn lit(&mut self, s: &[u8]) -> Option<()> {
        if !self.b[self.i..].starts_with(s) {
            return None;
        }
        for (k, &c) in s.iter().enumerate() {
            if c == b'\n' {
                self.newline(self.i + k);
            }
        }
        self.i += s.len();
        Some(())
    }

    /// Consumes `n` spaces if they are next; otherwise nothing.
    pub fn spaces(&mut self, n: usize) -> bool {
        let ok = self
            .b
            .get(self.i..self.i + n)
            .is_some_and(|s| s.iter().all(|&c| c == b' '));
        if ok {
            self.i += n;
        }
        ok
    }

    /// The index of the name in `names` that is next, not followed by more
    /// identifier text.
    pub fn word(&mut self, names: &[&str]) -> Option<usize> {
        let rest = &self.b[self.i..];
        let (i, w) = names.iter().enumerate().find(|(_, w)| {
            rest.starts_with(w.as_bytes()) && !rest.get(w.len()).is_some_and(|&c| is_ident(c))
        })?;
        self.i += w.len();
        Some(i)
    }

    /// A string literal with only the escapes `canon::write_str` emits.
    /// Raw line breaks are declined (ron allows them, but then lines shift).
    pub fn string(&mut self) -> Option<Box<str>> {
        if self.b.get(self.i) != Some(&b'"') {
            return None;
        }
        let start = self.i + 1;
        let end = start + memchr::memchr3(b'"', b'\\', b'\n', &self.b[start..])?;
        // Both ends sit next to ASCII bytes, so they are char boundaries.
        let first = self.s.get(start..end)?;
        if self.b[end] == b'"' {
            self.i = end + 1;
            return Some(first.into());
        }
        let mut out: Vec<u8> = first.as_bytes().to_vec();
        let mut i = end;
        loop {
            match *self.b.get(i)? {
                b'"' => break,
                b'\n' | b'\r' => return None,
                b'\\' => {
                    let (c, len) = self.escape(i + 1)?;
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    i += 1 + len;
                }
                other => {
                    out.push(other);
                    i += 1;
                }
            }
        }
        self.i = i + 1;
        String::from_utf8(out).ok().map(Into::into)
    }

    /// The escape starting at `i` (after the backslash) and its length.
    fn escape(&self, i: usize) -> Option<(char, usize)> {
        Some(match *self.b.get(i)? {
            b'"' => ('"', 1),
            b'\\' => ('\\', 1),
            b'n' => ('\n', 1),
            b't' => ('\t', 1),
            b'r' => ('\r', 1),
            b'u' if self.b.get(i + 1) == Some(&b'{') => {
                let close = i + 2 + memchr::memchr(b'}', self.b.get(i + 2..i + 9)?)?;
                let hex = std::str::from_utf8(&self.b[i + 2..close]).ok()?;
                if hex.is_empty() || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                    return None;
                }
                (
                    char::from_u32(u32::from_str_radix(hex, 16).ok()?)?,
                    close - i + 1,
                )
            }
            _ => return None,
        })
    }

    // ---- Token by token, for the locator ----

    /// The next token after whitespace and comments; `None` at the end.
    /// Lenient: an unclosed string or comment runs to the end of the text.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        self.skip_blank();
        let c = *self.b.get(self.i)?;
        let at = self.i;
        self.i += 1;
        Some(match c {
            b'"' => {
                self.skip_string();
                Token::Str
            }
            b'(' | b'[' | b'{' => Token::Open,
            b')' | b']' | b'}' => Token::Close,
            b':' => Token::Colon,
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while self.b.get(self.i).is_some_and(|&c| is_ident(c)) {
                    self.i += 1;
                }
                Token::Ident(&self.s[at..self.i], self.pos_at(at))
            }
            _ => Token::Other,
        })
    }

    /// Skips spaces, line breaks and `//` and `/* */` comments.
    fn skip_blank(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'\n' => {
                    self.newline(self.i);
                    self.i += 1;
                }
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'/' if self.b.get(self.i + 1) == Some(&b'/') => {
                    self.i = memchr::memchr(b'\n', &self.b[self.i..])
                        .map_or(self.b.len(), |k| self.i + k);
                }
                b'/' if self.b.get(self.i + 1) == Some(&b'*') => {
                    self.i += 2;
                    while self.i < self.b.len()
                        && !(self.b[self.i] == b'*' && self.b.get(self.i + 1) == Some(&b'/'))
                    {
                        if self.b[self.i] == b'\n' {
                            self.newline(self.i);
                        }
                        self.i += 1;
                    }
                    self.i = (self.i + 2).min(self.b.len());
                }
                _ => return,
            }
        }
    }

    /// Skips the rest of a string literal whose `"` is consumed: any
    /// escape, raw line breaks (counted) and all.
    fn skip_string(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            self.i += 1;
            match c {
                b'"' => return,
                b'\\' => {
                    if self.b.get(self.i) == Some(&b'\n') {
                        self.newline(self.i);
                    }
                    self.i += 1;
                }
                b'\n' => self.newline(self.i - 1),
                _ => {}
            }
        }
        self.i = self.i.min(self.b.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<Token<'_>> {
        let mut lx = Lexer::new(text);
        std::iter::from_fn(|| lx.next_token()).collect()
    }

    // Strings (escaped quotes, line breaks) and comments hide what is in
    // them, and lines and columns (in characters) stay right after them.
    #[test]
    fn tokens_skip_strings_and_comments() {
        let text = "Node( // id: x\n  claim_ar: \"عربي \\\" id:\n\", /* Node(\n */ id: \"x\")";
        let t = tokens(text);
        assert_eq!(
            t,
            vec![
                Token::Ident("Node", Pos { line: 1, col: 1 }),
                Token::Open,
                Token::Ident("claim_ar", Pos { line: 2, col: 3 }),
                Token::Colon,
                Token::Str,
                Token::Other,
                Token::Ident("id", Pos { line: 4, col: 5 }),
                Token::Colon,
                Token::Str,
                Token::Close,
            ]
        );
    }

    // An unclosed string or comment ends the tokens without a panic.
    #[test]
    fn unclosed_ends_quietly() {
        assert_eq!(
            tokens("a \"b\\"),
            vec![Token::Ident("a", Pos { line: 1, col: 1 }), Token::Str]
        );
        assert_eq!(tokens("/* a"), vec![]);
        assert_eq!(tokens("\""), vec![Token::Str]);
    }

    // The exact readers: literals move the line, words stop at identifier
    // ends, strings decode the writer's escapes and refuse raw breaks.
    #[test]
    fn exact_reading() {
        let mut lx = Lexer::new("a,\nFor Forward \"x\\u{202E}\\n\" \"a\nb\"");
        assert!(lx.lit(b"a,\n").is_some());
        assert_eq!(lx.line(), 2);
        assert_eq!(lx.word(&["Against", "For"]), Some(1));
        assert!(lx.spaces(1));
        assert_eq!(lx.word(&["For"]), None);
        assert_eq!(lx.word(&["Forward"]), Some(0));
        assert!(lx.spaces(1));
        assert_eq!(lx.string().as_deref(), Some("x\u{202E}\n"));
        assert!(lx.spaces(1));
        assert_eq!(lx.string(), None);
    }
}
