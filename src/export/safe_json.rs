//! Pretty JSON that is safe to print in a terminal and still exact: every
//! control or bidi character in a string is written as a `\uXXXX` escape.
//! serde_json escapes only C0 controls; C1 controls (U+0080–U+009F, which
//! some terminals obey) and the bidi overrides would pass through raw, so
//! `cat export.json` could run an escape sequence from a crafted map. A JSON
//! reader gets the same string back either way (issue 20, item 3).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::text::sanitize::is_forbidden;

/// `serde_json::to_string_pretty` with the escaping above.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Safe(PrettyFormatter::new()));
    value.serialize(&mut ser)?;
    // serde_json writes only UTF-8 (the string escapes are ASCII).
    String::from_utf8(out).map_err(|e| serde_json::Error::io(io::Error::other(e)))
}

/// [`to_string_pretty`] written to `w` as it is made.
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(
    w: W,
    value: &T,
) -> Result<(), serde_json::Error> {
    let mut ser = serde_json::Serializer::with_formatter(w, Safe(PrettyFormatter::new()));
    value.serialize(&mut ser)
}

/// serde_json's pretty formatter, with string fragments escaped.
struct Safe<'a>(PrettyFormatter<'a>);

impl Formatter for Safe<'_> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in s.char_indices() {
            if is_forbidden(c) {
                w.write_all(&s.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&s.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Controls and bidi characters are escaped, and read back exactly; the
    // layout is serde_json's pretty one.
    #[test]
    fn escapes_what_serde_json_lets_through() {
        let v = serde_json::json!({"a": ["x\u{85}y\u{202E}z", "\u{1b}[2J", "عربي"]});
        let s = to_string_pretty(&v).unwrap();
        assert!(!s.chars().any(is_forbidden_but_newline), "{s:?}");
        assert!(s.contains("x\\u0085y\\u202ez"), "{s}");
        assert!(s.contains("عربي"));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
        let plain = serde_json::json!({"a": [1, "b"], "c": {}});
        assert_eq!(
            to_string_pretty(&plain).unwrap(),
            serde_json::to_string_pretty(&plain).unwrap()
        );
    }

    fn is_forbidden_but_newline(c: char) -> bool {
        c != '\n' && is_forbidden(c)
    }
}
