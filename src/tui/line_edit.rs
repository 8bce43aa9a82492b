//! A one-line text input that edits like a shell line (Ctrl-w, Ctrl-u,
//! Home, End), shared by the search overlay and the article picker.

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

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Applies an editing action; returns whether the text changed, or
    /// `None` when the action is not an edit.
    pub fn apply(&mut self, action: super::action::Action) -> Option<bool> {
        use super::action::Action as A;
        Some(match action {
            A::DeleteBack => self.backspace(),
            A::DeleteWord => self.delete_word(),
            A::DeleteToStart => self.delete_to_start(),
            A::CursorLeft => {
                self.left();
                false
            }
            A::CursorRight => {
                self.right();
                false
            }
            A::LineStart => {
                self.home();
                false
            }
            A::LineEnd => {
                self.end();
                false
            }
            _ => return None,
        })
    }
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
}
