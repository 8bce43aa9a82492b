//! The one keymap table. Dispatch, the `?` help, the status-bar hints and the
//! README's keys table are all made from [`DEFAULT`], so they cannot drift
//! apart; the config file patches it (see `config`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::tui::action::Action;
use crate::tui::key::{Key, KeyPress};

mod table;
pub use table::{DEFAULT, Row, UNBOUND};

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

    /// Checks the keymap made from `user` (issue 20, item 12) and returns
    /// warnings to show at start-up: a key the config binds twice in one
    /// mode (the last wins), and a mode the config leaves with no key that
    /// quits, which gets `C-c` back — a config must never lock the user in.
    pub fn lockout_fixed(&mut self, user: &[UserBinding]) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen: HashMap<(Mode, Key), Option<Action>> = HashMap::new();
        for b in user {
            if let Some(before) = seen.insert((b.mode, b.key), b.action) {
                out.push(format!(
                    "the config binds `{}` twice in {:?} mode (to {before:?} and to {:?}); \
                     the last one is used",
                    b.key, b.mode, b.action
                ));
            }
        }
        let mut quit_modes: Vec<Mode> = DEFAULT
            .iter()
            .filter(|r| r.action == Action::Quit)
            .map(|r| r.mode)
            .collect();
        quit_modes.dedup();
        for mode in quit_modes {
            let can_quit = self
                .map
                .iter()
                .any(|(&(m, _), &a)| m == mode && a == Action::Quit);
            let Ok(k) = Key::parse("C-c") else { continue };
            if can_quit {
                continue;
            }
            self.map.insert((mode, k), Action::Quit);
            self.rows.retain(|(m, key, ..)| !(*m == mode && *key == k));
            let row = DEFAULT
                .iter()
                .find(|r| r.mode == mode && r.action == Action::Quit);
            let (label, help) = row.map_or(("quit", "quit"), |r| (r.label, r.help));
            self.rows.push((mode, k, Action::Quit, label, help));
            out.push(format!(
                "the config leaves no key to quit in {mode:?} mode; C-c quits there as by default"
            ));
        }
        out
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
    use crate::tui::action::Action as A;
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
