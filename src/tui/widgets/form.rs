//! A form: labelled fields (text, a choice among options, a list filled
//! through a picker), one of them focused. Pure state, no terminal: keys
//! arrive as `Action`s (the keymap's `Mode::Form` rows) and typed
//! characters, and what the caller must do comes back as a [`FormEvent`].
//! What a form means (a node, an article) is the caller's; drawing is
//! `form_view`'s.

use crate::tui::action::{Action, TextEdit};
use crate::tui::widgets::line_edit::LineEdit;

/// What a field holds and how it edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Text(LineEdit),
    /// One of `options`; Left/Right (CursorLeft/CursorRight) and Space cycle.
    Choice {
        options: Vec<String>,
        selected: usize,
    },
    /// Items chosen through a picker (themes, links), shown as a list.
    /// Backspace removes the last; Pick, Space or a typed character asks the
    /// caller to open the picker.
    List(Vec<String>),
}

/// The most characters typing or pasting puts in a text field (issue 20,
/// item 8): far more than any claim or quote needs, few enough that every
/// frame can lay the whole field out. Ids, which become file names and
/// addresses, hold at most 64.
pub const TEXT_MAX_CHARS: usize = 10_000;
pub const ID_MAX_CHARS: usize = 64;

/// One labelled field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: FieldValue,
    /// A short grey hint beside or under the label ("required", "Arabic").
    pub hint: String,
    /// The most characters typing or pasting may bring the text to.
    pub max_chars: usize,
}

impl Field {
    /// A text field with the cursor at the end of `value`; an `id` field
    /// holds at most [`ID_MAX_CHARS`], any other [`TEXT_MAX_CHARS`].
    pub fn text(label: &'static str, value: &str, hint: impl Into<String>) -> Field {
        Field {
            label,
            value: FieldValue::Text(LineEdit {
                text: value.to_owned(),
                cursor: value.len(),
            }),
            hint: hint.into(),
            max_chars: if label == "id" {
                ID_MAX_CHARS
            } else {
                TEXT_MAX_CHARS
            },
        }
    }

    /// A choice among `options`, `selected` clamped to them.
    pub fn choice<S: Into<String>>(
        label: &'static str,
        options: impl IntoIterator<Item = S>,
        selected: usize,
        hint: impl Into<String>,
    ) -> Field {
        let options: Vec<String> = options.into_iter().map(Into::into).collect();
        let selected = selected.min(options.len().saturating_sub(1));
        Field {
            label,
            value: FieldValue::Choice { options, selected },
            hint: hint.into(),
            max_chars: 0,
        }
    }

    /// A list of picked items.
    pub fn list(label: &'static str, items: Vec<String>, hint: impl Into<String>) -> Field {
        Field {
            label,
            value: FieldValue::List(items),
            hint: hint.into(),
            max_chars: 0,
        }
    }
}

/// The message for a field that is full.
fn full(label: &str, max: usize) -> String {
    format!("`{label}` holds at most {max} characters")
}

/// A form's fields named by an enum of the form (`NodeInput::ClaimEn`)
/// instead of by their place: each key gives its field's label, and the
/// field is found by label, so a form can add, reorder or leave out fields
/// (a new article's thesis) without renumbering anything.
pub trait FieldKey: Copy {
    fn label(self) -> &'static str;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A problem shown at the bottom in the warning style, set by the caller
    /// ("id `x` is taken"); cleared by the next edit.
    pub error: Option<String>,
}

/// What the caller should do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormEvent {
    None,
    /// Enter: check the values and close, or set `error`.
    Accept,
    /// Esc: close without changing anything.
    Cancel,
    /// Open the picker for field `field`, `query` typed so far ("" from
    /// Pick or Space). Its result goes back through [`Form::list_mut`].
    Pick {
        field: usize,
        query: String,
    },
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            fields,
            focus: 0,
            error: None,
        }
    }

    /// Handles a key's action; actions that mean nothing to the focused
    /// field are ignored.
    pub fn handle(&mut self, action: Action) -> FormEvent {
        match action {
            Action::Accept => return FormEvent::Accept,
            Action::Close => return FormEvent::Cancel,
            Action::FocusNext => self.move_focus(1),
            Action::FocusPrev => self.move_focus(-1),
            _ => {}
        }
        let focus = self.focus;
        let Some(field) = self.fields.get_mut(focus) else {
            return FormEvent::None;
        };
        let changed = match &mut field.value {
            FieldValue::Text(line) => match action {
                Action::Edit(e) => line.apply(e),
                _ => false,
            },
            FieldValue::Choice { options, selected } => match action {
                Action::Edit(TextEdit::CursorRight) => cycle(selected, options.len(), 1),
                Action::Edit(TextEdit::CursorLeft) => cycle(selected, options.len(), -1),
                Action::Edit(TextEdit::LineStart) => set(selected, 0),
                Action::Edit(TextEdit::LineEnd) => set(selected, options.len().saturating_sub(1)),
                _ => false,
            },
            FieldValue::List(items) => match action {
                Action::Edit(TextEdit::DeleteBack) => items.pop().is_some(),
                Action::Pick => {
                    return FormEvent::Pick {
                        field: focus,
                        query: String::new(),
                    };
                }
                _ => false,
            },
        };
        if changed {
            self.error = None;
        }
        FormEvent::None
    }

    /// A printable character typed into the focused field. On a choice, a
    /// space steps to the next option and a letter to the first option
    /// starting with it (the next such one when the current does); on a
    /// list, it opens the picker with the character as its query.
    pub fn type_char(&mut self, c: char) -> FormEvent {
        let focus = self.focus;
        let Some(field) = self.fields.get_mut(focus) else {
            return FormEvent::None;
        };
        let changed = match &mut field.value {
            FieldValue::Text(line) if line.text.chars().count() >= field.max_chars => {
                self.error = Some(full(field.label, field.max_chars));
                return FormEvent::None;
            }
            FieldValue::Text(line) => {
                line.insert(c);
                true
            }
            FieldValue::Choice { options, selected } if c == ' ' => {
                cycle(selected, options.len(), 1)
            }
            FieldValue::Choice { options, selected } => {
                let starts = |o: &String| {
                    o.chars()
                        .next()
                        .is_some_and(|f| f.to_lowercase().eq(c.to_lowercase()))
                };
                let n = options.len();
                let from = if options.get(*selected).is_some_and(starts) {
                    *selected + 1
                } else {
                    0
                };
                let found = (0..n)
                    .map(|k| (from + k) % n)
                    .find(|&i| starts(&options[i]));
                found.is_some_and(|i| set(selected, i))
            }
            FieldValue::List(_) => {
                let query = if c == ' ' {
                    String::new()
                } else {
                    c.to_string()
                };
                return FormEvent::Pick {
                    field: focus,
                    query,
                };
            }
        };
        if changed {
            self.error = None;
        }
        FormEvent::None
    }

    /// Pasted text into the focused field, if it is a text field (see
    /// [`LineEdit::insert_str`]), cut to what the field may still hold,
    /// with a message saying so.
    pub fn paste(&mut self, s: &str) {
        let Some(Field {
            value: FieldValue::Text(line),
            label,
            max_chars,
            ..
        }) = self.fields.get_mut(self.focus)
        else {
            return;
        };
        let room = max_chars.saturating_sub(line.text.chars().count());
        let cut = s.char_indices().nth(room).map(|(i, _)| i);
        let changed = line.insert_str(&s[..cut.unwrap_or(s.len())]);
        self.error = match cut {
            Some(_) => Some(format!("the paste was cut: {}", full(label, *max_chars))),
            None if changed => None,
            None => self.error.take(),
        };
    }

    /// Where the field `key` names is, if the form has it.
    pub fn index_of(&self, key: impl FieldKey) -> Option<usize> {
        self.fields.iter().position(|f| f.label == key.label())
    }

    /// The key (one of `all`) of field `i`.
    pub fn key_at<K: FieldKey>(&self, i: usize, all: &[K]) -> Option<K> {
        let label = self.fields.get(i)?.label;
        all.iter().copied().find(|k| k.label() == label)
    }

    /// Whether the focused field is the one `key` names.
    pub fn on(&self, key: impl FieldKey) -> bool {
        self.index_of(key) == Some(self.focus)
    }

    /// Puts the focus on the field `key` names, if the form has it.
    pub fn focus_on(&mut self, key: impl FieldKey) {
        if let Some(i) = self.index_of(key) {
            self.focus = i;
        }
    }

    /// [`text`](Self::text) of the field `key` names; "" when absent.
    pub fn text_of(&self, key: impl FieldKey) -> &str {
        self.index_of(key).map_or("", |i| self.text(i))
    }

    /// [`choice`](Self::choice) of the field `key` names; `None` when absent.
    pub fn choice_of(&self, key: impl FieldKey) -> Option<usize> {
        self.index_of(key).map(|i| self.choice(i))
    }

    /// [`list`](Self::list) of the field `key` names; empty when absent.
    pub fn list_of(&self, key: impl FieldKey) -> &[String] {
        self.index_of(key).map_or(&[], |i| self.list(i))
    }

    /// Replaces the text of the text field `key` names, cursor at its end.
    pub fn set_text(&mut self, key: impl FieldKey, text: &str) {
        let i = self.index_of(key);
        if let Some(FieldValue::Text(line)) =
            i.and_then(|i| self.fields.get_mut(i)).map(|f| &mut f.value)
        {
            line.text = text.to_string();
            line.cursor = line.text.len();
        }
    }

    /// The text of field `i`; "" when it is not a text field.
    pub fn text(&self, i: usize) -> &str {
        match self.fields.get(i).map(|f| &f.value) {
            Some(FieldValue::Text(line)) => &line.text,
            _ => "",
        }
    }

    /// The selected option's index in field `i`; 0 when it is not a choice.
    pub fn choice(&self, i: usize) -> usize {
        match self.fields.get(i).map(|f| &f.value) {
            Some(FieldValue::Choice { selected, .. }) => *selected,
            _ => 0,
        }
    }

    /// The items of field `i`; empty when it is not a list.
    pub fn list(&self, i: usize) -> &[String] {
        match self.fields.get(i).map(|f| &f.value) {
            Some(FieldValue::List(items)) => items,
            _ => &[],
        }
    }

    /// The items of list field `i`, to put a picker's result in. Taking
    /// them clears `error`: the caller is about to edit.
    pub fn list_mut(&mut self, i: usize) -> Option<&mut Vec<String>> {
        match self.fields.get_mut(i).map(|f| &mut f.value) {
            Some(FieldValue::List(items)) => {
                self.error = None;
                Some(items)
            }
            _ => None,
        }
    }

    fn move_focus(&mut self, by: isize) {
        let n = self.fields.len();
        if n > 0 {
            self.focus = (self.focus as isize + by).rem_euclid(n as isize) as usize;
        }
    }
}

/// Steps `selected` by `by` among `n` options, wrapping; returns whether it moved.
fn cycle(selected: &mut usize, n: usize, by: isize) -> bool {
    if n == 0 {
        return false;
    }
    set(
        selected,
        (*selected as isize + by).rem_euclid(n as isize) as usize,
    )
}

fn set(selected: &mut usize, to: usize) -> bool {
    let moved = *selected != to;
    *selected = to;
    moved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node_form() -> Form {
        Form::new(
            "Edit node",
            vec![
                Field::text("Id", "talks", "required"),
                Field::text("Claim (Arabic)", "انسحاب القوات", "Arabic"),
                Field::choice("Relation", ["Supports", "Opposes"], 0, ""),
                Field::choice("Bearing", ["For", "Against", "Neither", "—"], 0, ""),
                Field::list("Themes", vec!["isis".into(), "iran".into()], ""),
            ],
        )
    }

    // Tab and S-Tab go round the fields in both directions.
    #[test]
    fn focus_wraps() {
        let mut f = node_form();
        f.handle(Action::FocusPrev);
        assert_eq!(f.focus, 4);
        f.handle(Action::FocusNext);
        assert_eq!(f.focus, 0);
        f.handle(Action::FocusNext);
        assert_eq!(f.focus, 1);
        assert_eq!(f.handle(Action::Accept), FormEvent::Accept);
        assert_eq!(f.handle(Action::Close), FormEvent::Cancel);
    }

    // Editing keys act on the focused text field only, Arabic included.
    #[test]
    fn text_editing() {
        let mut f = node_form();
        f.focus = 1;
        f.handle(Action::Edit(TextEdit::WordLeft));
        f.handle(Action::Edit(TextEdit::DeleteWord));
        assert_eq!(f.text(1), "القوات");
        f.handle(Action::Edit(TextEdit::LineEnd));
        f.type_char(' ');
        f.type_char('ب');
        assert_eq!(f.text(1), "القوات ب");
        f.handle(Action::Edit(TextEdit::LineStart));
        f.paste("كل\nال");
        assert_eq!(f.text(1), "كل الالقوات ب");
        assert_eq!(f.text(0), "talks");
    }

    // Left/Right and Space cycle a choice with wrap-around; a letter jumps
    // to the option it starts, then to the next one starting with it.
    #[test]
    fn choice_cycles_and_jumps() {
        let mut f = node_form();
        f.focus = 3;
        f.handle(Action::Edit(TextEdit::CursorLeft));
        assert_eq!(f.choice(3), 3);
        f.handle(Action::Edit(TextEdit::CursorRight));
        assert_eq!(f.choice(3), 0);
        f.type_char(' ');
        assert_eq!(f.choice(3), 1);
        f.type_char('n');
        assert_eq!(f.choice(3), 2);
        f.type_char('F');
        assert_eq!(f.choice(3), 0);
        f.type_char('z');
        assert_eq!(f.choice(3), 0);
        assert_eq!(f.text(3), "");

        let mut g = Form::new(
            "",
            vec![Field::choice("Stance", ["Anti", "Pro", "Against"], 1, "")],
        );
        g.type_char('a');
        assert_eq!(g.choice(0), 0, "first option with the letter");
        g.type_char('a');
        assert_eq!(g.choice(0), 2, "then the next one");
        g.type_char('a');
        assert_eq!(g.choice(0), 0, "and round again");
    }

    // A list asks for the picker on Pick, Space or a letter, and loses its
    // last item on Backspace.
    #[test]
    fn list_asks_for_the_picker() {
        let mut f = node_form();
        f.focus = 4;
        let pick = |q: &str| FormEvent::Pick {
            field: 4,
            query: q.into(),
        };
        assert_eq!(f.handle(Action::Pick), pick(""));
        assert_eq!(f.type_char(' '), pick(""));
        assert_eq!(f.type_char('d'), pick("d"));
        f.handle(Action::Edit(TextEdit::DeleteBack));
        assert_eq!(f.list(4), ["isis"]);
        if let Some(items) = f.list_mut(4) {
            items.push("saudi".into());
        }
        assert_eq!(f.list(4), ["isis", "saudi"]);
        assert!(f.list_mut(0).is_none());
        assert_eq!(f.list(0), [] as [String; 0]);
    }

    // Pick on a text field does nothing (C-p is not a text edit there).
    #[test]
    fn pick_elsewhere_is_ignored() {
        let mut f = node_form();
        assert_eq!(f.handle(Action::Pick), FormEvent::None);
        assert_eq!(f.text(0), "talks");
    }

    // The caller's error stays through moves and goes with the next edit.
    #[test]
    fn error_cleared_by_an_edit() {
        let mut f = node_form();
        f.error = Some("id `talks` is taken".into());
        f.handle(Action::FocusNext);
        f.handle(Action::Edit(TextEdit::CursorLeft));
        f.handle(Action::Edit(TextEdit::LineStart));
        assert!(f.error.is_some(), "moving is not editing");
        f.type_char('x');
        assert_eq!(f.error, None);
        f.error = Some("again".into());
        f.focus = 2;
        f.handle(Action::Edit(TextEdit::CursorRight));
        assert_eq!(f.error, None, "changing a choice is an edit");
    }

    // A form without fields takes every key without panicking.
    #[test]
    fn empty_form() {
        let mut f = Form::new("Nothing", Vec::new());
        for a in Action::ALL {
            f.handle(*a);
        }
        assert_eq!(f.type_char('x'), FormEvent::None);
        f.paste("x");
        assert_eq!(f.focus, 0);
    }
}
