//! The one keymap table. Dispatch, the `?` help, the status-bar hints and the
//! README's keys table are all made from [`DEFAULT`], so they cannot drift
//! apart; the config file patches it (see `config`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::tui::action::{Action, TextEdit};
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

/// One row: in `mode`, `key` does `action`; `label` is what footers and
/// status-bar hints call it, `help` what the `?` help says.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub mode: Mode,
    pub key: &'static str,
    pub action: Action,
    pub label: &'static str,
    pub help: &'static str,
}

const fn row(
    mode: Mode,
    key: &'static str,
    action: Action,
    label: &'static str,
    help: &'static str,
) -> Row {
    Row {
        mode,
        key,
        action,
        label,
        help,
    }
}

use Action as A;
use Mode::{
    Compare as C, Form as F, Normal as N, Overlay as O, Overview as V, Quote as Q, Search as S,
};
use TextEdit as E;

/// The default bindings. Order is the order of the help.
pub const DEFAULT: &[Row] = &[
    row(N, "j", A::Down, "down", "move down"),
    row(N, "Down", A::Down, "down", "move down"),
    row(N, "k", A::Up, "up", "move up"),
    row(N, "Up", A::Up, "up", "move up"),
    row(N, "h", A::Left, "fold", "collapse, or go to the parent"),
    row(N, "Left", A::Left, "fold", "collapse, or go to the parent"),
    row(
        N,
        "l",
        A::Right,
        "unfold",
        "expand, or go to the first child",
    ),
    row(
        N,
        "Right",
        A::Right,
        "unfold",
        "expand, or go to the first child",
    ),
    row(
        N,
        "Enter",
        A::Toggle,
        "open/fold",
        "expand/collapse; open article; follow link",
    ),
    row(
        N,
        "Space",
        A::Toggle,
        "open/fold",
        "expand/collapse; open article; follow link",
    ),
    row(N, "g g", A::Top, "top", "first row"),
    row(N, "Home", A::Top, "top", "first row"),
    row(N, "G", A::Bottom, "bottom", "last row"),
    row(N, "End", A::Bottom, "bottom", "last row"),
    row(N, "C-d", A::PageDown, "page down", "page down"),
    row(N, "PageDown", A::PageDown, "page down", "page down"),
    row(N, "C-u", A::PageUp, "page up", "page up"),
    row(N, "PageUp", A::PageUp, "page up", "page up"),
    row(N, "Backspace", A::Parent, "parent", "go to the parent node"),
    row(N, "]", A::NextSibling, "next sibling", "next sibling"),
    row(
        N,
        "[",
        A::PrevSibling,
        "previous sibling",
        "previous sibling",
    ),
    row(N, "e", A::ExpandAll, "expand all", "expand all"),
    row(N, "z", A::CollapseAll, "collapse all", "collapse all"),
    row(N, "Tab", A::FocusNext, "pane", "next pane"),
    row(N, "S-Tab", A::FocusPrev, "pane back", "previous pane"),
    row(
        N,
        "L",
        A::ToggleLanguage,
        "EN/AR",
        "claims in English / Arabic",
    ),
    row(
        N,
        "S",
        A::ToggleSource,
        "source",
        "show / hide the source text",
    ),
    row(N, "f", A::FollowLink, "link", "follow the selected link"),
    row(N, "C-o", A::JumpBack, "back", "jump back"),
    row(N, "A-Left", A::JumpBack, "back", "jump back"),
    row(N, "C-i", A::JumpForward, "forward", "jump forward"),
    row(N, "A-Right", A::JumpForward, "forward", "jump forward"),
    row(N, "/", A::Search, "search", "search all maps"),
    row(
        N,
        "c",
        A::Compare,
        "compare",
        "compare with another article",
    ),
    row(N, "o", A::Overview, "overview", "overview of all articles"),
    row(N, "x", A::Export, "export", "export the article"),
    row(N, "a", A::AddChild, "add child", "add a child node"),
    row(N, "A", A::AddSibling, "add sibling", "add a sibling node"),
    row(N, "i", A::EditNode, "edit", "edit the node"),
    row(
        N,
        "I",
        A::EditArticle,
        "edit article",
        "edit the article (title, stance, ...)",
    ),
    row(N, "d", A::DeleteNode, "delete", "delete the node (asks)"),
    row(N, "J", A::MoveDown, "move down", "move the node down"),
    row(N, "K", A::MoveUp, "move up", "move the node up"),
    row(
        N,
        ">",
        A::Indent,
        "indent",
        "indent: under the previous sibling",
    ),
    row(N, "<", A::Outdent, "outdent", "outdent: beside the parent"),
    row(N, "X", A::Cut, "cut", "cut the node and its subtree"),
    row(
        N,
        "p",
        A::Paste,
        "paste",
        "paste the cut subtree as a child",
    ),
    row(N, "u", A::Undo, "undo", "undo"),
    row(N, "C-r", A::Redo, "redo", "redo"),
    row(N, "C-s", A::Save, "save", "save the edited maps"),
    row(N, "N", A::NewArticle, "new article", "new article map"),
    row(
        N,
        "E",
        A::OpenEditor,
        "$EDITOR",
        "open the map in $EDITOR at the node",
    ),
    row(
        N,
        "v",
        A::SelectQuote,
        "quote",
        "select a passage of the source to quote",
    ),
    row(N, "+", A::WidenPane, "wider", "widen the focused pane"),
    row(N, "-", A::NarrowPane, "narrower", "narrow the focused pane"),
    row(
        N,
        "H",
        A::ToggleList,
        "list",
        "hide / show the article list",
    ),
    row(
        N,
        "D",
        A::ToggleDetail,
        "detail",
        "hide / show the detail pane",
    ),
    row(N, "?", A::Help, "help", "help"),
    row(N, "q", A::Quit, "quit", "quit"),
    row(N, "C-c", A::Quit, "quit", "quit"),
    row(O, "Esc", A::Close, "close", "close"),
    row(O, "q", A::Close, "close", "close"),
    row(O, "?", A::Close, "close", "close"),
    row(O, "j", A::Down, "down", "scroll down"),
    row(O, "Down", A::Down, "down", "scroll down"),
    row(O, "k", A::Up, "up", "scroll up"),
    row(O, "Up", A::Up, "up", "scroll up"),
    row(O, "C-d", A::PageDown, "page down", "page down"),
    row(O, "PageDown", A::PageDown, "page down", "page down"),
    row(O, "C-u", A::PageUp, "page up", "page up"),
    row(O, "PageUp", A::PageUp, "page up", "page up"),
    row(O, "Enter", A::Accept, "choose", "choose"),
    row(O, "C-c", A::Quit, "quit", "quit"),
    row(S, "Esc", A::Close, "close", "close the search"),
    row(S, "Enter", A::Accept, "open", "open the selected hit"),
    row(S, "Down", A::Down, "down", "next hit"),
    row(S, "C-n", A::Down, "down", "next hit"),
    row(S, "Up", A::Up, "up", "previous hit"),
    row(S, "C-p", A::Up, "up", "previous hit"),
    row(S, "PageDown", A::PageDown, "page down", "page of hits down"),
    row(S, "PageUp", A::PageUp, "page up", "page of hits up"),
    row(
        S,
        "Backspace",
        A::Edit(E::DeleteBack),
        "delete",
        "delete a character",
    ),
    row(
        S,
        "C-w",
        A::Edit(E::DeleteWord),
        "delete word",
        "delete a word",
    ),
    row(
        S,
        "C-u",
        A::Edit(E::DeleteToStart),
        "delete to start",
        "delete to the start",
    ),
    row(S, "Left", A::Edit(E::CursorLeft), "left", "cursor left"),
    row(S, "Right", A::Edit(E::CursorRight), "right", "cursor right"),
    row(
        S,
        "Home",
        A::Edit(E::LineStart),
        "start",
        "start of the line",
    ),
    row(
        S,
        "C-a",
        A::Edit(E::LineStart),
        "start",
        "start of the line",
    ),
    row(S, "End", A::Edit(E::LineEnd), "end", "end of the line"),
    row(S, "C-e", A::Edit(E::LineEnd), "end", "end of the line"),
    row(S, "Tab", A::Toggle, "mark", "mark / unmark (theme picker)"),
    row(S, "C-c", A::Quit, "quit", "quit"),
    row(C, "j", A::Down, "next node", "next node"),
    row(C, "Down", A::Down, "next node", "next node"),
    row(C, "k", A::Up, "previous node", "previous node"),
    row(C, "Up", A::Up, "previous node", "previous node"),
    row(C, "C-d", A::PageDown, "page down", "page down"),
    row(C, "PageDown", A::PageDown, "page down", "page down"),
    row(C, "C-u", A::PageUp, "page up", "page up"),
    row(C, "PageUp", A::PageUp, "page up", "page up"),
    row(C, "g g", A::Top, "top", "first theme"),
    row(C, "G", A::Bottom, "bottom", "last theme"),
    row(C, "Tab", A::FocusNext, "side", "other side"),
    row(C, "S-Tab", A::FocusPrev, "side", "other side"),
    row(C, "h", A::FocusPrev, "side", "left side"),
    row(C, "l", A::FocusNext, "side", "right side"),
    row(C, "Enter", A::Accept, "open", "open the node in its tree"),
    row(C, "s", A::Swap, "swap", "swap sides"),
    row(
        C,
        "]",
        A::NextArticle,
        "other article",
        "compare with the next article",
    ),
    row(
        C,
        "[",
        A::PrevArticle,
        "other article",
        "compare with the previous article",
    ),
    row(
        C,
        "!",
        A::ClashesOnly,
        "clashes only",
        "clashes only / all themes",
    ),
    row(
        C,
        "L",
        A::ToggleLanguage,
        "EN/AR",
        "claims in English / Arabic",
    ),
    row(C, "o", A::Overview, "overview", "overview of all articles"),
    row(C, "x", A::Export, "export", "export the two articles"),
    row(C, "?", A::Help, "help", "help"),
    row(C, "Esc", A::Close, "back", "back to browsing"),
    row(C, "q", A::Close, "back", "back to browsing"),
    row(C, "C-c", A::Quit, "quit", "quit"),
    row(V, "j", A::Down, "article", "next article"),
    row(V, "Down", A::Down, "article", "next article"),
    row(V, "k", A::Up, "article back", "previous article"),
    row(V, "Up", A::Up, "article back", "previous article"),
    row(V, "h", A::Left, "theme back", "previous theme"),
    row(V, "Left", A::Left, "theme back", "previous theme"),
    row(V, "l", A::Right, "theme", "next theme"),
    row(V, "Right", A::Right, "theme", "next theme"),
    row(V, "Tab", A::FocusNext, "cell/nodes", "cell / its nodes"),
    row(V, "S-Tab", A::FocusPrev, "cell/nodes", "cell / its nodes"),
    row(V, "Enter", A::Accept, "open", "open the node in its tree"),
    row(
        V,
        "c",
        A::Compare,
        "compare",
        "compare the article with another",
    ),
    row(
        V,
        "L",
        A::ToggleLanguage,
        "EN/AR",
        "claims in English / Arabic",
    ),
    row(V, "?", A::Help, "help", "help"),
    row(V, "Esc", A::Close, "back", "back to browsing"),
    row(V, "q", A::Close, "back", "back to browsing"),
    row(V, "C-c", A::Quit, "quit", "quit"),
    row(Q, "w", A::Edit(E::WordRight), "word", "extend by a word"),
    row(
        Q,
        "Right",
        A::Edit(E::WordRight),
        "word",
        "extend by a word",
    ),
    row(Q, "b", A::Edit(E::WordLeft), "word back", "back by a word"),
    row(
        Q,
        "Left",
        A::Edit(E::WordLeft),
        "word back",
        "back by a word",
    ),
    row(Q, "j", A::Down, "line", "extend to the next line"),
    row(Q, "Down", A::Down, "line", "extend to the next line"),
    row(Q, "k", A::Up, "line back", "back to the previous line"),
    row(Q, "Up", A::Up, "line back", "back to the previous line"),
    row(Q, "o", A::Swap, "other end", "move the other end"),
    row(
        Q,
        "Enter",
        A::Accept,
        "set as quote",
        "make it the node's quote",
    ),
    row(
        Q,
        "a",
        A::AddChild,
        "new child",
        "add a child node with this quote",
    ),
    row(Q, "Esc", A::Close, "stop", "stop selecting"),
    row(Q, "C-c", A::Quit, "quit", "quit"),
    row(F, "Enter", A::Accept, "confirm", "confirm the form"),
    row(F, "Esc", A::Close, "cancel", "cancel the form"),
    row(F, "Tab", A::FocusNext, "next field", "next field"),
    row(F, "Down", A::FocusNext, "next field", "next field"),
    row(F, "S-Tab", A::FocusPrev, "previous field", "previous field"),
    row(F, "Up", A::FocusPrev, "previous field", "previous field"),
    row(
        F,
        "Left",
        A::Edit(E::CursorLeft),
        "left",
        "cursor left; previous choice",
    ),
    row(
        F,
        "Right",
        A::Edit(E::CursorRight),
        "right",
        "cursor right; next choice",
    ),
    row(F, "C-Left", A::Edit(E::WordLeft), "word left", "word left"),
    row(F, "A-b", A::Edit(E::WordLeft), "word left", "word left"),
    row(
        F,
        "C-Right",
        A::Edit(E::WordRight),
        "word right",
        "word right",
    ),
    row(F, "A-f", A::Edit(E::WordRight), "word right", "word right"),
    row(
        F,
        "Home",
        A::Edit(E::LineStart),
        "start",
        "start of the field",
    ),
    row(
        F,
        "C-a",
        A::Edit(E::LineStart),
        "start",
        "start of the field",
    ),
    row(F, "End", A::Edit(E::LineEnd), "end", "end of the field"),
    row(F, "C-e", A::Edit(E::LineEnd), "end", "end of the field"),
    row(
        F,
        "Backspace",
        A::Edit(E::DeleteBack),
        "delete",
        "delete before the cursor; remove the last theme or link",
    ),
    row(
        F,
        "Delete",
        A::Edit(E::DeleteForward),
        "delete forward",
        "delete under the cursor",
    ),
    row(
        F,
        "C-d",
        A::Edit(E::DeleteForward),
        "delete forward",
        "delete under the cursor",
    ),
    row(
        F,
        "C-w",
        A::Edit(E::DeleteWord),
        "delete word",
        "delete a word",
    ),
    row(
        F,
        "C-u",
        A::Edit(E::DeleteToStart),
        "delete to start",
        "delete to the start",
    ),
    row(
        F,
        "C-k",
        A::Edit(E::DeleteToEnd),
        "delete to end",
        "delete to the end",
    ),
    row(F, "C-p", A::Pick, "pick", "choose themes / add a link"),
    row(F, "F1", A::Help, "help", "help"),
];

/// Actions deliberately left without a default key.
pub const UNBOUND: &[Action] = &[];

/// A user binding from the config file. Without an action (or with
/// `action: None`) it unbinds the key. A key that does not parse fails the
/// config at its line and column.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserBinding {
    pub mode: Mode,
    pub key: Key,
    #[serde(default)]
    pub action: Option<Action>,
}

/// One row after the user's patch: (mode, key, action, label, help).
pub type Bound = (Mode, Key, Action, &'static str, &'static str);

/// What dispatch consults: the table, with the user's bindings over it.
#[derive(Debug, Clone)]
pub struct Keymap {
    map: HashMap<(Mode, Key), Action>,
    /// The rows after patching, in table order (user rows last).
    pub rows: Vec<Bound>,
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
                km.rows.push((r.mode, k, r.action, r.label, r.help));
            }
        }
        km
    }

    /// The defaults patched with user bindings (a binding without an
    /// action unbinds its key).
    pub fn with_user(user: &[UserBinding]) -> Keymap {
        let mut km = Keymap::default_map();
        for b in user {
            km.rows
                .retain(|(m, key, ..)| !(*m == b.mode && *key == b.key));
            match b.action {
                Some(action) => {
                    km.map.insert((b.mode, b.key), action);
                    let row = DEFAULT
                        .iter()
                        .find(|r| r.mode == b.mode && r.action == action)
                        .or_else(|| DEFAULT.iter().find(|r| r.action == action));
                    let (label, help) = row.map_or(("", ""), |r| (r.label, r.help));
                    km.rows.push((b.mode, b.key, action, label, help));
                }
                None => {
                    km.map.remove(&(b.mode, b.key));
                }
            }
        }
        km
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
            .filter(|(m, _, a, ..)| *m == mode && *a == action)
            .map(|(_, k, ..)| *k)
            .collect()
    }

    /// The first key bound to an action in a mode, for prose and titles
    /// ("Enter opens"); `None` when it is unbound there.
    pub fn key(&self, mode: Mode, action: Action) -> Option<Key> {
        self.keys_for(mode, action).into_iter().next()
    }

    /// The key's name for a sentence: "`C-s` saves them" — or, unbound,
    /// the action's own name in the config's spelling, so the sentence
    /// still says what to bind.
    pub fn name(&self, mode: Mode, action: Action) -> String {
        match self.key(mode, action) {
            Some(k) => k.to_string(),
            None => format!("({})", action_name(action)),
        }
    }

    /// The action's short label in a mode (footers and the status bar).
    pub fn label(&self, mode: Mode, action: Action) -> &'static str {
        self.rows
            .iter()
            .find(|(m, _, a, ..)| *m == mode && *a == action)
            .map_or("", |r| r.3)
    }

    /// Help lines for a mode: one per action, its keys joined, in table order.
    pub fn help_lines(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut out: Vec<(Action, String, &'static str)> = Vec::new();
        for (m, k, a, _, h) in &self.rows {
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

/// An action as the config file spells it (`delete_node`).
pub fn action_name(action: Action) -> String {
    ron::to_string(&action).unwrap_or_default()
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

    // A binding without an action unbinds the key: it does nothing, and
    // the help no longer lists it.
    #[test]
    fn user_unbinds() {
        let q = Key::parse("q").unwrap();
        let km = Keymap::with_user(&[UserBinding {
            mode: Mode::Normal,
            key: q,
            action: None,
        }]);
        assert_eq!(km.lookup(Mode::Normal, None, q.first), Lookup::None);
        assert!(!km.keys_for(Mode::Normal, A::Quit).contains(&q));
        assert_eq!(km.name(Mode::Normal, A::Quit), "C-c");
        let km = Keymap::with_user(&[UserBinding {
            mode: Mode::Normal,
            key: Key::parse("C-s").unwrap(),
            action: None,
        }]);
        assert_eq!(km.name(Mode::Normal, A::Save), "(save)");
    }

    // A user binding replaces the default for that key and shows in the help.
    #[test]
    fn user_bindings_patch() {
        let user = [UserBinding {
            mode: Mode::Normal,
            key: Key::parse("j").unwrap(),
            action: Some(A::Up),
        }];
        let km = Keymap::with_user(&user);
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
