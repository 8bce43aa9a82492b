//! A one-line text input that edits like a shell line (Ctrl-w, Ctrl-u,
//! Ctrl-k, Home, End, word motions), shared by the search overlay, the
//! pickers and the form's text fields. It knows logical order only: where
//! the cursor shows on screen (right-to-left text) is the views' business.

use crate::tui::action::TextEdit;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    pub text: String,
    /// Cursor position in `text`, a byte index on a character boundary.
    pub cursor: usize,
}

impl LineEdit {
    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Returns whether the text changed.
    pub fn backspace(&mut self) -> bool {
        match self.text[..self.cursor].chars().next_back() {
            Some(c) => {
                self.cursor -= c.len_utf8();
                self.text.remove(self.cursor);
                true
            }
            None => false,
        }
    }

    /// Ctrl-w: deletes the word before the cursor and the spaces after it.
    pub fn delete_word(&mut self) -> bool {
        let trimmed = self.text[..self.cursor].trim_end();
        let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let changed = start != self.cursor;
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
        changed
    }

    /// Ctrl-u: deletes everything before the cursor.
    pub fn delete_to_start(&mut self) -> bool {
        let changed = self.cursor > 0;
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
        changed
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    /// Moves left over any spaces, then over the word before them (the
    /// start of the previous word), like readline's M-b.
    pub fn word_left(&mut self) {
        let before = self.text[..self.cursor].trim_end();
        self.cursor = before
            .rfind(char::is_whitespace)
            .map_or(0, |i| i + ws_len(&before[i..]));
    }

    /// Moves right over any spaces, then over the word after them (the end
    /// of the next word), like readline's M-f.
    pub fn word_right(&mut self) {
        let after = &self.text[self.cursor..];
        let word = after.len() - after.trim_start().len();
        let rest = &after[word..];
        self.cursor += word + rest.find(char::is_whitespace).unwrap_or(rest.len());
    }

    /// Delete: the character under the cursor. Returns whether the text changed.
    pub fn delete_forward(&mut self) -> bool {
        match self.text[self.cursor..].chars().next() {
            Some(_) => {
                self.text.remove(self.cursor);
                true
            }
            None => false,
        }
    }

    /// Ctrl-k: deletes everything from the cursor on.
    pub fn delete_to_end(&mut self) -> bool {
        let changed = self.cursor < self.text.len();
        self.text.truncate(self.cursor);
        changed
    }

    /// Inserts pasted text at the cursor. The field is one line, so line
    /// breaks and tabs become spaces (a pasted paragraph keeps its word
    /// breaks) and other control characters, which would reach the
    /// terminal as escapes, are dropped. Returns whether the text changed.
    pub fn insert_str(&mut self, s: &str) -> bool {
        let mut clean = String::with_capacity(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                // CR LF is one line break: one space, not two.
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}' => {
                    clean.push(' ')
                }
                c if c.is_control() => {}
                c => clean.push(c),
            }
        }
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        !clean.is_empty()
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Applies an edit; returns whether the text changed.
    pub fn apply(&mut self, edit: TextEdit) -> bool {
        use TextEdit as E;
        match edit {
            E::DeleteBack => self.backspace(),
            E::DeleteWord => self.delete_word(),
            E::DeleteToStart => self.delete_to_start(),
            E::DeleteForward => self.delete_forward(),
            E::DeleteToEnd => self.delete_to_end(),
            E::CursorLeft => {
                self.left();
                false
            }
            E::CursorRight => {
                self.right();
                false
            }
            E::LineStart => {
                self.home();
                false
            }
            E::LineEnd => {
                self.end();
                false
            }
            E::WordLeft => {
                self.word_left();
                false
            }
            E::WordRight => {
                self.word_right();
                false
            }
        }
    }
}

/// Bytes of the whitespace character `s` starts with.
fn ws_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Editing keeps the cursor on character boundaries in Arabic text.
    #[test]
    fn arabic_editing() {
        let mut l = LineEdit::default();
        for c in "داعش ايران".chars() {
            l.insert(c);
        }
        l.left();
        l.backspace();
        assert_eq!(l.text, "داعش ايرن");
        l.end();
        assert!(l.delete_word());
        assert_eq!(l.text, "داعش ");
        l.home();
        assert!(!l.delete_to_start());
    }

    fn at(text: &str, cursor: usize) -> LineEdit {
        LineEdit {
            text: text.into(),
            cursor,
        }
    }

    // Word motions stop at word starts going left and word ends going
    // right, over Arabic letters (multi-byte) and runs of spaces alike.
    #[test]
    fn word_motions_in_arabic() {
        let s = "انسحاب  القوات الأمريكية";
        let mut l = at(s, s.len());
        l.word_left();
        assert_eq!(&s[l.cursor..], "الأمريكية");
        l.word_left();
        assert_eq!(&s[l.cursor..], "القوات الأمريكية");
        l.word_left();
        assert_eq!(l.cursor, 0);
        l.word_left();
        assert_eq!(l.cursor, 0);
        l.word_right();
        assert_eq!(&s[..l.cursor], "انسحاب");
        l.word_right();
        assert_eq!(&s[..l.cursor], "انسحاب  القوات");
        l.word_right();
        assert_eq!(l.cursor, s.len());
        l.word_right();
        assert_eq!(l.cursor, s.len());
    }

    // A multi-byte space (U+3000) between words is jumped over too,
    // and the cursor lands on a character boundary after it.
    #[test]
    fn word_left_over_wide_space() {
        let s = "داعش\u{3000}ايران";
        let mut l = at(s, s.len());
        l.word_left();
        assert_eq!(&s[l.cursor..], "ايران");
    }

    // Delete removes the whole (two-byte) character under the cursor; at
    // the end of the text it changes nothing.
    #[test]
    fn delete_forward_and_to_end() {
        let mut l = at("داعش", 0);
        assert!(l.delete_forward());
        assert_eq!(l.text, "اعش");
        assert_eq!(l.cursor, 0);
        l.end();
        assert!(!l.delete_forward());
        let mut l = at("انسحاب القوات", "انسحاب".len());
        assert!(l.delete_to_end());
        assert_eq!(l.text, "انسحاب");
        assert!(!l.delete_to_end());
    }

    // Paste flattens line breaks and tabs to spaces (CR LF to one) and
    // drops other controls such as ESC, so nothing reaches the terminal raw.
    #[test]
    fn paste_is_one_clean_line() {
        let mut l = at("[]", 1);
        assert!(l.insert_str("داعش\r\nفي\tالعراق\u{1b}[31m\n"));
        assert_eq!(l.text, "[داعش في العراق[31m ]");
        assert_eq!(&l.text[l.cursor..], "]");
        assert!(!l.insert_str("\u{7}"));
    }

    // The new actions go through `apply`, reporting whether text changed.
    #[test]
    fn apply_new_actions() {
        use crate::tui::action::TextEdit as E;
        let mut l = at("the motion", 0);
        assert!(!l.apply(E::WordRight));
        assert_eq!(l.cursor, 3);
        assert!(l.apply(E::DeleteForward));
        assert_eq!(l.text, "themotion");
        assert!(!l.apply(E::WordLeft));
        assert_eq!(l.cursor, 0);
        assert!(l.apply(E::DeleteToEnd));
        assert_eq!(l.text, "");
    }
}
