//! The user's config: a partial RON file patched over the defaults. Every
//! field is optional; a bad file is reported with file:line:col and mizan
//! runs on the defaults rather than refusing to start.
//!
//! ```ron
//! Config(
//!     bidi: terminal,                 // mizan | terminal | off | auto
//!     sources: "/home/me/seeds",      // the articles' full texts
//!     colors: {"pro": "light-green", "selection": "#303848"},
//!     export_dir: "/home/me/exports",
//!     keys: [
//!         (mode: normal, key: "C-n", action: down),
//!         (mode: normal, key: "q"),   // no action: unbinds the key
//!     ],
//! )
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::tui::keymap::UserBinding;

/// How Arabic is displayed, as the user asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum BidiChoice {
    /// mizan shapes and reorders (for terminals that do neither)
    Mizan,
    /// leave shaping and reordering to the terminal (VTE, Konsole, mlterm)
    Terminal,
    /// logical order, unshaped (debugging, screen readers)
    Off,
    /// `terminal` where the environment names a terminal that reorders, else `mizan`
    Auto,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "Config")]
pub struct Config {
    #[serde(default)]
    pub bidi: Option<BidiChoice>,
    #[serde(default)]
    pub sources: Option<PathBuf>,
    #[serde(default)]
    pub colors: HashMap<String, String>,
    #[serde(default)]
    pub keys: Vec<UserBinding>,
    /// Where `x` writes exports [default: the working directory].
    #[serde(default)]
    pub export_dir: Option<PathBuf>,
}

/// Reads a config file. `Ok(None)` when it does not exist; `Err` carries a
/// message located as `file:line:col: what is wrong`.
pub fn load(path: &Path) -> Result<Option<Config>, String> {
    // A regular file of bounded size only: a FIFO here once hung mizan.
    let text = match crate::store::regular::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
    };
    parse(&text)
        .map(Some)
        .map_err(|(line, col, msg)| format!("{}:{line}:{col}: {msg}", path.display()))
}

/// Parses config text; errors are (line, column, message).
pub fn parse(text: &str) -> Result<Config, (usize, usize, String)> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<Config>(text)
        .map_err(|e| (e.span.start.line, e.span.start.col, e.code.to_string()))
}

/// Picks the display mode for `auto` from the environment, with the reason.
pub fn resolve_bidi(
    choice: BidiChoice,
    env: &dyn Fn(&str) -> Option<String>,
) -> (crate::text::BidiMode, String) {
    use crate::text::BidiMode;
    match choice {
        BidiChoice::Mizan => (
            BidiMode::Mizan,
            "chosen: mizan shapes and reorders Arabic".into(),
        ),
        BidiChoice::Terminal => (
            BidiMode::Terminal,
            "chosen: the terminal shapes and reorders".into(),
        ),
        BidiChoice::Off => (BidiMode::Off, "chosen: logical order, unshaped".into()),
        BidiChoice::Auto => {
            let known = [("KONSOLE_VERSION", "Konsole"), ("MLTERM", "mlterm")];
            for (var, name) in known {
                if env(var).is_some() {
                    return (
                        BidiMode::Terminal,
                        format!("auto: {name} reorders by itself (${var} is set)"),
                    );
                }
            }
            if env("TERM_PROGRAM").as_deref() == Some("iTerm.app") {
                return (
                    BidiMode::Terminal,
                    "auto: iTerm2 reorders by itself (TERM_PROGRAM=iTerm.app)".into(),
                );
            }
            (
                BidiMode::Mizan,
                "auto: no terminal known to reorder found; mizan shapes and reorders".into(),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The example config in the repository parses (it is what users copy).
    #[test]
    fn example_config_parses() {
        let text = include_str!("../../examples/config.ron");
        let c = parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(c.bidi, Some(BidiChoice::Auto));
        assert!(!c.keys.is_empty());
    }

    // A mistake is located by line and column.
    #[test]
    fn errors_are_located() {
        let (line, col, msg) = parse("Config(\n    bidi: sideways,\n)").unwrap_err();
        assert_eq!((line, col), (2, 11));
        assert!(msg.contains("sideways"), "{msg}");
        let (line, _, msg) = parse("Config(\n  colours: {},\n)").unwrap_err();
        assert_eq!(line, 2);
        assert!(msg.contains("colours"), "{msg}");
    }

    // A key that does not parse is located at its line too, and a binding
    // without an action (or `action: None`) unbinds its key.
    #[test]
    fn keys_are_checked_and_unbind() {
        let text = "Config(\n  keys: [\n    (mode: normal, key: \"C-\", action: up),\n  ],\n)";
        let (line, col, msg) = parse(text).unwrap_err();
        assert_eq!(line, 3, "{col}: {msg}");
        assert!(col > 1 && msg.contains("`C-` is not a key"), "{col}: {msg}");
        let text =
            "Config(keys: [(mode: normal, key: \"q\"), (mode: normal, key: \"x\", action: None)])";
        let c = parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(c.keys.iter().all(|b| b.action.is_none()), "{:?}", c.keys);
        // Text edits are named like every other action.
        let text = "Config(keys: [(mode: form, key: \"C-h\", action: delete_back)])";
        let c = parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        use crate::tui::action::{Action, TextEdit};
        assert_eq!(c.keys[0].action, Some(Action::Edit(TextEdit::DeleteBack)));
        assert_eq!(
            crate::tui::keymap::action_name(Action::Edit(TextEdit::DeleteWord)),
            "delete_word"
        );
    }

    // `auto` picks the terminal's own bidi only where the environment names one that does it.
    #[test]
    fn auto_bidi() {
        use crate::text::BidiMode;
        let none = |_: &str| None;
        assert_eq!(resolve_bidi(BidiChoice::Auto, &none).0, BidiMode::Mizan);
        let konsole = |k: &str| (k == "KONSOLE_VERSION").then(|| "230800".to_string());
        let (mode, why) = resolve_bidi(BidiChoice::Auto, &konsole);
        assert_eq!(mode, BidiMode::Terminal);
        assert!(why.contains("Konsole"));
    }
}
