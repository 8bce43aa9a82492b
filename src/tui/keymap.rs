//! The one keymap table. Dispatch, the `?` help, the status-bar hints and the
//! README's keys table are all made from [`DEFAULT`], so they cannot drift
//! apart; the config file patches it (see `config`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::tui::action::Action;
use crate::tui::key::{Key, KeyPress};

/// Which key table is active: the browser, or an overlay on top of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Normal,
    Overlay,
    /// The search overlay: printable keys type into the query.
    Search,
    /// Two articles side by side.
    Compare,
    /// All articles: spectrum and themes matrix.
    Overview,
    /// The node or article form: printable keys type into the focused field.
    Form,
    /// Selecting a passage of the source to quote.
    Quote,
}

/// One row: in `mode`, `key` does `action`; `help` is what the help says.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub mode: Mode,
    pub key: &'static str,
    pub action: Action,
    pub help: &'static str,
}

const fn row(mode: Mode, key: &'static str, action: Action, help: &'static str) -> Row {
    Row {
        mode,
        key,
        action,
        help,
    }
}

use Action as A;
use Mode::{
    Compare as C, Form as F, Normal as N, Overlay as O, Overview as V, Quote as Q, Search as S,
};

/// The default bindings. Order is the order of the help.
pub const DEFAULT: &[Row] = &[
    row(N, "j", A::Down, "move down"),
    row(N, "Down", A::Down, "move down"),
    row(N, "k", A::Up, "move up"),
    row(N, "Up", A::Up, "move up"),
    row(N, "h", A::Left, "collapse, or go to the parent"),
    row(N, "Left", A::Left, "collapse, or go to the parent"),
    row(N, "l", A::Right, "expand, or go to the first child"),
    row(N, "Right", A::Right, "expand, or go to the first child"),
    row(
        N,
        "Enter",
        A::Toggle,
        "expand/collapse; open article; follow link",
    ),
    row(
        N,
        "Space",
        A::Toggle,
        "expand/collapse; open article; follow link",
    ),
    row(N, "g g", A::Top, "first row"),
    row(N, "Home", A::Top, "first row"),
    row(N, "G", A::Bottom, "last row"),
    row(N, "End", A::Bottom, "last row"),
    row(N, "C-d", A::PageDown, "page down"),
    row(N, "PageDown", A::PageDown, "page down"),
    row(N, "C-u", A::PageUp, "page up"),
    row(N, "PageUp", A::PageUp, "page up"),
    row(N, "Backspace", A::Parent, "go to the parent node"),
    row(N, "]", A::NextSibling, "next sibling"),
    row(N, "[", A::PrevSibling, "previous sibling"),
    row(N, "e", A::ExpandAll, "expand all"),
    row(N, "z", A::CollapseAll, "collapse all"),
    row(N, "Tab", A::FocusNext, "next pane"),
    row(N, "S-Tab", A::FocusPrev, "previous pane"),
    row(N, "L", A::ToggleLanguage, "claims in English / Arabic"),
    row(N, "S", A::ToggleSource, "show / hide the source text"),
    row(N, "f", A::FollowLink, "follow the selected link"),
    row(N, "C-o", A::JumpBack, "jump back"),
    row(N, "A-Left", A::JumpBack, "jump back"),
    row(N, "C-i", A::JumpForward, "jump forward"),
    row(N, "A-Right", A::JumpForward, "jump forward"),
    row(N, "/", A::Search, "search all maps"),
    row(N, "c", A::Compare, "compare with another article"),
    row(N, "o", A::Overview, "overview of all articles"),
    row(N, "x", A::Export, "export the article"),
    row(N, "a", A::AddChild, "add a child node"),
    row(N, "A", A::AddSibling, "add a sibling node"),
    row(N, "i", A::EditNode, "edit the node"),
    row(
        N,
        "I",
        A::EditArticle,
        "edit the article (title, stance, ...)",
    ),
    row(N, "d", A::DeleteNode, "delete the node (asks)"),
    row(N, "J", A::MoveDown, "move the node down"),
    row(N, "K", A::MoveUp, "move the node up"),
    row(N, ">", A::Indent, "indent: under the previous sibling"),
    row(N, "<", A::Outdent, "outdent: beside the parent"),
    row(N, "X", A::Cut, "cut the node and its subtree"),
    row(N, "p", A::Paste, "paste the cut subtree as a child"),
    row(N, "u", A::Undo, "undo"),
    row(N, "C-r", A::Redo, "redo"),
    row(N, "C-s", A::Save, "save the edited maps"),
    row(N, "N", A::NewArticle, "new article map"),
    row(N, "E", A::OpenEditor, "open the map in $EDITOR at the node"),
    row(
        N,
        "v",
        A::SelectQuote,
        "select a passage of the source to quote",
    ),
    row(N, "+", A::WidenPane, "widen the focused pane"),
    row(N, "-", A::NarrowPane, "narrow the focused pane"),
    row(N, "H", A::ToggleList, "hide / show the article list"),
    row(N, "D", A::ToggleDetail, "hide / show the detail pane"),
    row(N, "?", A::Help, "help"),
    row(N, "q", A::Quit, "quit"),
    row(N, "C-c", A::Quit, "quit"),
    row(O, "Esc", A::Close, "close"),
    row(O, "q", A::Close, "close"),
    row(O, "?", A::Close, "close"),
    row(O, "j", A::Down, "scroll down"),
    row(O, "Down", A::Down, "scroll down"),
    row(O, "k", A::Up, "scroll up"),
    row(O, "Up", A::Up, "scroll up"),
    row(O, "C-d", A::PageDown, "page down"),
    row(O, "PageDown", A::PageDown, "page down"),
    row(O, "C-u", A::PageUp, "page up"),
    row(O, "PageUp", A::PageUp, "page up"),
    row(O, "Enter", A::Accept, "choose"),
    row(O, "C-c", A::Quit, "quit"),
    row(S, "Esc", A::Close, "close the search"),
    row(S, "Enter", A::Accept, "open the selected hit"),
    row(S, "Down", A::Down, "next hit"),
    row(S, "C-n", A::Down, "next hit"),
    row(S, "Up", A::Up, "previous hit"),
    row(S, "C-p", A::Up, "previous hit"),
    row(S, "PageDown", A::PageDown, "page of hits down"),
    row(S, "PageUp", A::PageUp, "page of hits up"),
    row(S, "Backspace", A::DeleteBack, "delete a character"),
    row(S, "C-w", A::DeleteWord, "delete a word"),
    row(S, "C-u", A::DeleteToStart, "delete to the start"),
    row(S, "Left", A::CursorLeft, "cursor left"),
    row(S, "Right", A::CursorRight, "cursor right"),
    row(S, "Home", A::LineStart, "start of the line"),
    row(S, "C-a", A::LineStart, "start of the line"),
    row(S, "End", A::LineEnd, "end of the line"),
    row(S, "C-e", A::LineEnd, "end of the line"),
    row(S, "Tab", A::Toggle, "mark / unmark (theme picker)"),
    row(S, "C-c", A::Quit, "quit"),
    row(C, "j", A::Down, "next node"),
    row(C, "Down", A::Down, "next node"),
    row(C, "k", A::Up, "previous node"),
    row(C, "Up", A::Up, "previous node"),
    row(C, "C-d", A::PageDown, "page down"),
    row(C, "PageDown", A::PageDown, "page down"),
    row(C, "C-u", A::PageUp, "page up"),
    row(C, "PageUp", A::PageUp, "page up"),
    row(C, "g g", A::Top, "first theme"),
    row(C, "G", A::Bottom, "last theme"),
    row(C, "Tab", A::FocusNext, "other side"),
    row(C, "S-Tab", A::FocusPrev, "other side"),
    row(C, "h", A::FocusPrev, "left side"),
    row(C, "l", A::FocusNext, "right side"),
    row(C, "Enter", A::Accept, "open the node in its tree"),
    row(C, "s", A::Swap, "swap sides"),
    row(C, "]", A::NextArticle, "compare with the next article"),
    row(C, "[", A::PrevArticle, "compare with the previous article"),
    row(C, "!", A::ClashesOnly, "clashes only / all themes"),
    row(C, "L", A::ToggleLanguage, "claims in English / Arabic"),
    row(C, "o", A::Overview, "overview of all articles"),
    row(C, "x", A::Export, "export the two articles"),
    row(C, "?", A::Help, "help"),
    row(C, "Esc", A::Close, "back to browsing"),
    row(C, "q", A::Close, "back to browsing"),
    row(C, "C-c", A::Quit, "quit"),
    row(V, "j", A::Down, "next article"),
    row(V, "Down", A::Down, "next article"),
    row(V, "k", A::Up, "previous article"),
    row(V, "Up", A::Up, "previous article"),
    row(V, "h", A::Left, "previous theme"),
    row(V, "Left", A::Left, "previous theme"),
    row(V, "l", A::Right, "next theme"),
    row(V, "Right", A::Right, "next theme"),
    row(V, "Tab", A::FocusNext, "cell / its nodes"),
    row(V, "S-Tab", A::FocusPrev, "cell / its nodes"),
    row(V, "Enter", A::Accept, "open the node in its tree"),
    row(V, "c", A::Compare, "compare the article with another"),
    row(V, "L", A::ToggleLanguage, "claims in English / Arabic"),
    row(V, "?", A::Help, "help"),
    row(V, "Esc", A::Close, "back to browsing"),
    row(V, "q", A::Close, "back to browsing"),
    row(V, "C-c", A::Quit, "quit"),
    row(Q, "w", A::WordRight, "extend by a word"),
    row(Q, "Right", A::WordRight, "extend by a word"),
    row(Q, "b", A::WordLeft, "back by a word"),
    row(Q, "Left", A::WordLeft, "back by a word"),
    row(Q, "j", A::Down, "extend to the next line"),
    row(Q, "Down", A::Down, "extend to the next line"),
    row(Q, "k", A::Up, "back to the previous line"),
    row(Q, "Up", A::Up, "back to the previous line"),
    row(Q, "o", A::Swap, "move the other end"),
    row(Q, "Enter", A::Accept, "make it the node's quote"),
    row(Q, "a", A::AddChild, "add a child node with this quote"),
    row(Q, "Esc", A::Close, "stop selecting"),
    row(Q, "C-c", A::Quit, "quit"),
    row(F, "Enter", A::Accept, "confirm the form"),
    row(F, "Esc", A::Close, "cancel the form"),
    row(F, "Tab", A::FocusNext, "next field"),
    row(F, "Down", A::FocusNext, "next field"),
    row(F, "S-Tab", A::FocusPrev, "previous field"),
    row(F, "Up", A::FocusPrev, "previous field"),
    row(F, "Left", A::CursorLeft, "cursor left; previous choice"),
    row(F, "Right", A::CursorRight, "cursor right; next choice"),
    row(F, "C-Left", A::WordLeft, "word left"),
    row(F, "A-b", A::WordLeft, "word left"),
    row(F, "C-Right", A::WordRight, "word right"),
    row(F, "A-f", A::WordRight, "word right"),
    row(F, "Home", A::LineStart, "start of the field"),
    row(F, "C-a", A::LineStart, "start of the field"),
    row(F, "End", A::LineEnd, "end of the field"),
    row(F, "C-e", A::LineEnd, "end of the field"),
    row(
        F,
        "Backspace",
        A::DeleteBack,
        "delete before the cursor; remove the last theme or link",
    ),
    row(F, "Delete", A::DeleteForward, "delete under the cursor"),
    row(F, "C-d", A::DeleteForward, "delete under the cursor"),
    row(F, "C-w", A::DeleteWord, "delete a word"),
    row(F, "C-u", A::DeleteToStart, "delete to the start"),
    row(F, "C-k", A::DeleteToEnd, "delete to the end"),
    row(F, "C-p", A::Pick, "choose themes / add a link"),
    row(F, "F1", A::Help, "help"),
];

/// Actions deliberately left without a default key.
pub const UNBOUND: &[Action] = &[];

/// A user binding from the config file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserBinding {
    pub mode: Mode,
    pub key: String,
    pub action: Action,
}

/// What dispatch consults: the table, with the user's bindings over it.
#[derive(Debug, Clone)]
pub struct Keymap {
    map: HashMap<(Mode, Key), Action>,
    /// Help rows after patching: (mode, key, action, help).
    pub rows: Vec<(Mode, Key, Action, &'static str)>,
}

/// What a key press means given what was pressed before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// The first key of a sequence: wait for the next one.
    Pending,
    None,
}

impl Keymap {
    /// The default table. A bad row is a programming error caught by the tests.
    pub fn default_map() -> Keymap {
        let mut km = Keymap {
            map: HashMap::new(),
            rows: Vec::new(),
        };
        for r in DEFAULT {
            if let Ok(k) = Key::parse(r.key) {
                km.map.insert((r.mode, k), r.action);
                km.rows.push((r.mode, k, r.action, r.help));
            }
        }
        km
    }

    /// The defaults patched with user bindings; returns what could not be used.
    pub fn with_user(user: &[UserBinding]) -> (Keymap, Vec<String>) {
        let mut km = Keymap::default_map();
        let mut problems = Vec::new();
        for b in user {
            match Key::parse(&b.key) {
                Ok(k) => {
                    km.map.insert((b.mode, k), b.action);
                    let help = DEFAULT
                        .iter()
                        .find(|r| r.action == b.action)
                        .map_or("", |r| r.help);
                    km.rows
                        .retain(|(m, key, _, _)| !(*m == b.mode && *key == k));
                    km.rows.push((b.mode, k, b.action, help));
                }
                Err(e) => problems.push(e),
            }
        }
        (km, problems)
    }

    pub fn lookup(&self, mode: Mode, pending: Option<KeyPress>, press: KeyPress) -> Lookup {
        if let Some(first) = pending {
            let seq = Key {
                first,
                second: Some(press),
            };
            return match self.map.get(&(mode, seq)) {
                Some(&a) => Lookup::Action(a),
                None => Lookup::None,
            };
        }
        if let Some(&a) = self.map.get(&(mode, Key::single(press))) {
            return Lookup::Action(a);
        }
        let starts = self
            .map
            .keys()
            .any(|(m, k)| *m == mode && k.first == press && k.second.is_some());
        if starts {
            Lookup::Pending
        } else {
            Lookup::None
        }
    }

    /// Keys bound to an action in a mode, as the help prints them.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<Key> {
        self.rows
            .iter()
            .filter(|(m, _, a, _)| *m == mode && *a == action)
            .map(|(_, k, _, _)| *k)
            .collect()
    }

    /// Help lines for a mode: one per action, its keys joined, in table order.
    pub fn help_lines(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut out: Vec<(Action, String, &'static str)> = Vec::new();
        for (m, k, a, h) in &self.rows {
            if *m != mode {
                continue;
            }
            match out.iter_mut().find(|(act, _, _)| act == a) {
                Some(entry) => {
                    entry.1.push_str(", ");
                    entry.1.push_str(&k.to_string());
                }
                None => out.push((*a, k.to_string(), h)),
            }
        }
        out.into_iter().map(|(_, keys, h)| (keys, h)).collect()
    }
}

/// The keys table for the README, in Markdown (a test keeps the README in step).
pub fn markdown_table() -> String {
    let km = Keymap::default_map();
    let mut s = String::from("| keys | does |\n|---|---|\n");
    for (keys, help) in km.help_lines(Mode::Normal) {
        let keys = keys.replace('|', "\\|");
        s.push_str(&format!("| `{}` | {help} |\n", keys.replace(", ", "`, `")));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    // Every row parses and no mode binds one key twice.
    #[test]
    fn table_is_consistent() {
        let mut seen = HashSet::new();
        for r in DEFAULT {
            let k = Key::parse(r.key).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                seen.insert((r.mode, k)),
                "duplicate key {} in {:?}",
                r.key,
                r.mode
            );
        }
    }

    // Every action a person can take is bound, or deliberately unbound.
    #[test]
    fn every_action_bound() {
        let all = Action::ALL.iter().copied();
        for a in all {
            assert!(
                DEFAULT.iter().any(|r| r.action == a) || UNBOUND.contains(&a),
                "{a:?} has no key"
            );
        }
    }

    // A two-key sequence waits after its first key and fires on the second.
    #[test]
    fn sequences() {
        let km = Keymap::default_map();
        let g = KeyPress::parse("g").unwrap();
        assert_eq!(km.lookup(Mode::Normal, None, g), Lookup::Pending);
        assert_eq!(km.lookup(Mode::Normal, Some(g), g), Lookup::Action(A::Top));
        let x = KeyPress::parse("w").unwrap();
        assert_eq!(km.lookup(Mode::Normal, Some(g), x), Lookup::None);
    }

    // A user binding replaces the default for that key and shows in the help.
    #[test]
    fn user_bindings_patch() {
        let user = [UserBinding {
            mode: Mode::Normal,
            key: "j".into(),
            action: A::Up,
        }];
        let (km, problems) = Keymap::with_user(&user);
        assert!(problems.is_empty());
        let j = KeyPress::parse("j").unwrap();
        assert_eq!(km.lookup(Mode::Normal, None, j), Lookup::Action(A::Up));
        assert!(
            km.keys_for(Mode::Normal, A::Up)
                .contains(&Key::parse("j").unwrap())
        );
        assert!(
            !km.keys_for(Mode::Normal, A::Down)
                .contains(&Key::parse("j").unwrap())
        );
    }
}
