//! The rules for ids, one place for every layer: an article id becomes a
//! file name (`<id>.ron`, and `<id>.md` when exported), so it must be a safe
//! file stem on every system; a node id is half of an `article/node`
//! address; theme ids and link targets are names printed in terminals and
//! other tools' syntax. None of them may hold a control or bidi character,
//! which could disguise text in a terminal (issue 20).
//!
//! The loader refuses a map whose article id breaks the rule (so export,
//! import and save never see one); `validate` reports the rest.

use crate::text::sanitize::is_forbidden;

/// The longest article id, in characters (all ASCII, so also in bytes).
pub const MAX_ARTICLE_ID_LEN: usize = 64;

/// Names Windows will not create as a file with any extension (`con.ron` is
/// the console there), compared case-insensitively.
const WINDOWS_DEVICES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Why `id` cannot be an article id (and so a file stem), in words a person
/// understands; `Ok` when it can. Allowed: 1 to 64 ASCII letters, digits,
/// `-` and `_`, not starting with `-`, not `motion` (the motion's file) and
/// not a Windows device name, in any case.
pub fn check_article_id(id: &str) -> Result<(), String> {
    const ALLOWED: &str = "use only ASCII letters, digits, '-' and '_'";
    if id.is_empty() {
        return Err(format!("the article id is empty: {ALLOWED}"));
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        let why = match c {
            c if is_forbidden(c) => format!("{c:?} is an invisible control character"),
            c if !c.is_ascii() => format!(
                "{c:?} is not ASCII; article ids are file names and must be written in \
                 Latin letters, e.g. a transliteration of the title"
            ),
            '/' | '\\' => format!("{c:?} would put the file in another folder"),
            '.' => "'.' is not allowed (a leading dot hides the file; `..` is the parent folder)"
                .to_owned(),
            c => format!("{c:?} is not allowed"),
        };
        return Err(format!("the article id `{}`: {why}: {ALLOWED}", shown(id)));
    }
    let len = id.len();
    if len > MAX_ARTICLE_ID_LEN {
        return Err(format!(
            "the article id is {len} characters long; at most {MAX_ARTICLE_ID_LEN} are allowed"
        ));
    }
    if id.starts_with('-') {
        return Err(format!(
            "the article id `{id}` starts with '-', which reads as an option on the command \
             line: start it with a letter or digit"
        ));
    }
    let lower = id.to_ascii_lowercase();
    if lower == "motion" {
        return Err(format!(
            "`{id}` is taken: motion.ron holds the motion and its themes, not an article"
        ));
    }
    if WINDOWS_DEVICES.contains(&lower.as_str()) {
        return Err(format!(
            "`{id}` is a device name on Windows, where `{id}.ron` cannot be a file: pick another id"
        ));
    }
    Ok(())
}

/// Why `id` cannot be a node id, if it cannot: empty, a `/` (which splits
/// an address), white space, or a control or bidi character.
pub fn node_id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        Some("is empty".into())
    } else if id.contains('/') {
        Some("contains `/`, which separates article and node in a link".into())
    } else if let Some(c) = id.chars().find(|&c| is_forbidden(c)) {
        Some(format!(
            "contains the invisible control character U+{:04X}",
            c as u32
        ))
    } else if id.chars().any(char::is_whitespace) {
        Some("contains white space".into())
    } else {
        None
    }
}

/// The first control or bidi character in a name (a theme id, a link
/// target), if any.
pub fn forbidden_char(name: &str) -> Option<char> {
    name.chars().find(|&c| is_forbidden(c))
}

/// An id as it may appear in a message: controls made visible, and cut
/// after 80 characters so that a huge id cannot flood a terminal.
pub fn shown(id: &str) -> String {
    crate::text::sanitize::visible_capped(id, 80).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The attacks of issue 20, item 1: paths in an article id.
    #[test]
    fn path_like_article_ids_are_refused() {
        for bad in [
            "/tmp/x",
            "sub/../../x",
            "..",
            ".hidden",
            "a\\b",
            "-rf",
            "",
            " x",
            "MOTION",
            "con",
            "x\u{202E}y",
            "\u{1b}]0;t\u{7}",
        ] {
            assert!(check_article_id(bad).is_err(), "{bad:?}");
        }
        assert!(check_article_id(&"a".repeat(65)).is_err());
        for good in ["walldorf-2024-time-to-act", "A1", "x_y", &"a".repeat(64)] {
            assert_eq!(check_article_id(good), Ok(()), "{good}");
        }
        let msg = check_article_id("\u{1b}[2J").unwrap_err();
        assert!(!msg.contains('\u{1b}'), "{msg}");
        assert!(msg.contains("control character"), "{msg}");
    }

    // Item 3: node ids with controls or bidi characters are refused.
    #[test]
    fn node_ids_refuse_controls() {
        assert_eq!(node_id_problem("r1"), None);
        assert_eq!(node_id_problem("حجة-1"), None);
        for bad in ["", "a/b", "a b", "a\u{1b}b", "a\u{202E}b", "a\u{2067}"] {
            assert!(node_id_problem(bad).is_some(), "{bad:?}");
        }
        assert_eq!(forbidden_char("isis"), None);
        assert_eq!(forbidden_char("a/\u{85}"), Some('\u{85}'));
    }
}
