//! One key type that parses and prints (`"j"`, `"C-o"`, `"S-Tab"`, `"g g"`):
//! the keymap table, the config file and the help all use it. The conversion
//! from crossterm's event lives here too, since `tui` is the only layer that
//! knows crossterm.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// One key press: a code and Ctrl/Alt (Shift is folded into the character,
/// and `S-Tab` is `BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyPress {
    pub code: Code,
    pub ctrl: bool,
    pub alt: bool,
}

/// A key or a two-key sequence such as `g g`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub first: KeyPress,
    pub second: Option<KeyPress>,
}

const NAMES: &[(&str, Code)] = &[
    ("Enter", Code::Enter),
    ("Esc", Code::Esc),
    ("Tab", Code::Tab),
    ("S-Tab", Code::BackTab),
    ("Backspace", Code::Backspace),
    ("Delete", Code::Delete),
    ("Up", Code::Up),
    ("Down", Code::Down),
    ("Left", Code::Left),
    ("Right", Code::Right),
    ("Home", Code::Home),
    ("End", Code::End),
    ("PageUp", Code::PageUp),
    ("PageDown", Code::PageDown),
    ("Space", Code::Char(' ')),
];

impl KeyPress {
    pub fn parse(s: &str) -> Result<KeyPress, String> {
        if let Some(&(_, code)) = NAMES.iter().find(|(n, _)| *n == s) {
            return Ok(KeyPress {
                code,
                ctrl: false,
                alt: false,
            });
        }
        let (ctrl, alt, rest) = if let Some(r) = s.strip_prefix("C-") {
            (true, false, r)
        } else if let Some(r) = s.strip_prefix("A-") {
            (false, true, r)
        } else {
            (false, false, s)
        };
        let code = if let Some(&(_, code)) = NAMES.iter().find(|(n, _)| *n == rest) {
            code
        } else if let Some(n) = rest.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
            Code::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Code::Char(c),
                _ => {
                    return Err(format!(
                        "`{s}` is not a key (try `j`, `C-o`, `S-Tab`, `Enter`, `g g`)"
                    ));
                }
            }
        };
        Ok(KeyPress { code, ctrl, alt })
    }

    /// From crossterm's event. `None` for keys mizan never binds.
    pub fn from_event(e: &KeyEvent) -> Option<KeyPress> {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        let alt = e.modifiers.contains(KeyModifiers::ALT);
        let code = match e.code {
            KeyCode::Char(c) => Code::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::Enter => Code::Enter,
            KeyCode::Esc => Code::Esc,
            KeyCode::Tab if e.modifiers.contains(KeyModifiers::SHIFT) => Code::BackTab,
            KeyCode::Tab => Code::Tab,
            KeyCode::BackTab => Code::BackTab,
            KeyCode::Backspace => Code::Backspace,
            KeyCode::Delete => Code::Delete,
            KeyCode::Up => Code::Up,
            KeyCode::Down => Code::Down,
            KeyCode::Left => Code::Left,
            KeyCode::Right => Code::Right,
            KeyCode::Home => Code::Home,
            KeyCode::End => Code::End,
            KeyCode::PageUp => Code::PageUp,
            KeyCode::PageDown => Code::PageDown,
            KeyCode::F(n) => Code::F(n),
            _ => return None,
        };
        Some(KeyPress { code, ctrl, alt })
    }
}

impl fmt::Display for KeyPress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("A-")?;
        }
        match self.code {
            Code::Char(' ') => f.write_str("Space"),
            Code::Char(c) => write!(f, "{c}"),
            Code::F(n) => write!(f, "F{n}"),
            code => {
                let name = NAMES
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

impl Key {
    pub fn parse(s: &str) -> Result<Key, String> {
        let parts: Vec<&str> = s.split(' ').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [one] => Ok(Key {
                first: KeyPress::parse(one)?,
                second: None,
            }),
            [a, b] => Ok(Key {
                first: KeyPress::parse(a)?,
                second: Some(KeyPress::parse(b)?),
            }),
            _ => Err(format!(
                "`{s}` is not a key: one key or two separated by a space"
            )),
        }
    }

    pub fn single(first: KeyPress) -> Key {
        Key {
            first,
            second: None,
        }
    }
}

/// Read from the config as a string (`"C-o"`, `"g g"`); one that does
/// not parse is an error there, located at its line and column.
impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        let s = String::deserialize(d)?;
        Key::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.second {
            Some(s) => write!(f, "{} {s}", self.first),
            None => write!(f, "{}", self.first),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Keys print back the way they were written, so help shows config syntax.
    #[test]
    fn parse_print_roundtrip() {
        for s in [
            "j", "G", "C-o", "A-Left", "S-Tab", "g g", "Space", "Enter", "?", "F1", "C-Space",
        ] {
            assert_eq!(Key::parse(s).unwrap().to_string(), s);
        }
        assert!(Key::parse("C-").is_err());
        assert!(Key::parse("a b c").is_err());
        assert!(Key::parse("Banana").is_err());
    }

    // Ctrl with a shifted letter still matches the binding written in lowercase.
    #[test]
    fn ctrl_letters_fold_case() {
        let e = KeyEvent::new(KeyCode::Char('O'), KeyModifiers::CONTROL);
        assert_eq!(
            KeyPress::from_event(&e),
            Some(KeyPress::parse("C-o").unwrap())
        );
    }
}
