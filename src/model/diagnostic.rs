//! A finding about a map, located in its file, and its compiler-style
//! rendering (`path:line:col: error: message`, the line, a caret, a hint).
//! Made by `store` (parse errors) and `validate` (everything else).

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use super::NodeRef;
use super::corpus::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding, located in a file. `line`/`col` are 1-based; 0 means the
/// finding is about the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: u32,
    pub col: u32,
    pub severity: Severity,
    /// A stable short name for the kind of finding (`duplicate-id`, ...).
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The offending source line, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// The node the finding is about, for the UI.
    #[serde(skip)]
    pub node: Option<NodeRef>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: 0,
            col: 0,
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
            snippet: None,
            node: None,
        }
    }

    pub fn warning(
        path: impl Into<PathBuf>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, code, message)
        }
    }

    pub fn at(mut self, pos: Pos) -> Self {
        self.line = pos.line;
        self.col = pos.col;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Ties the finding to a node, so the UI can mark it.
    pub fn on(mut self, node: NodeRef) -> Self {
        self.node = Some(node);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The `path:line:col` prefix (line and column left out when unknown).
    pub fn location(&self) -> String {
        let p = self.path.display();
        match (self.line, self.col) {
            (0, _) => format!("{p}"),
            (l, 0) => format!("{p}:{l}"),
            (l, c) => format!("{p}:{l}:{c}"),
        }
    }
}

/// The most characters of a source line shown around the column, and of a
/// message: a finding in a 100 MB one-line file must not print 100 MB.
const SNIPPET_CHARS: usize = 160;
const MESSAGE_CHARS: usize = 1000;

/// The compiler-style rendering: headline, the offending line with a caret, hint.
///
/// The headline is mizan's own (`path:line:col: severity: message`, the
/// line editors and scripts parse); the excerpt under it is drawn by
/// annotate-snippets, on a window of the line around the column.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::sanitize::visible_capped;
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {sev}: {}",
            self.location(),
            visible_capped(&self.message, MESSAGE_CHARS)
        )?;
        let excerpt = self.excerpt();
        if !excerpt.is_empty() {
            write!(f, "\n{excerpt}")?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// The source line with its caret and the hint, as annotate-snippets
    /// draws them without a title; empty when there is neither.
    fn excerpt(&self) -> String {
        use crate::text::sanitize::visible_capped;
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_level(level.clone());
        if let (Some(line), true) = (&self.snippet, self.line > 0) {
            let (window, caret) = window(line, self.col);
            let snippet = Snippet::source(window).line_start(self.line as usize);
            // Without a caret the renderer would fold the unmarked line away.
            let snippet = match caret {
                Some(at) => snippet.annotation(AnnotationKind::Primary.span(at..at)),
                None => snippet.fold(false),
            };
            group = group.element(snippet);
        }
        if let Some(h) = &self.hint {
            let hint = visible_capped(h, MESSAGE_CHARS).into_owned();
            group = group.element(Level::HELP.with_name("hint").message(hint));
        }
        if group.is_empty() {
            return String::new();
        }
        // The window is already cut to `SNIPPET_CHARS`; the renderer must
        // not cut it again to a terminal's width.
        Renderer::plain()
            .term_width(usize::MAX / 2)
            .render(&[group])
    }
}

/// The part of `line` shown around 1-based column `col` (at most
/// `SNIPPET_CHARS` characters, `…` where cut, control characters made
/// visible) and the byte offset in it of the column, when there is one.
fn window(line: &str, col: u32) -> (String, Option<usize>) {
    use crate::text::sanitize::visible;
    let col = (col as usize).checked_sub(1);
    let from = col.unwrap_or(0).saturating_sub(SNIPPET_CHARS / 2);
    let shown: String = line.chars().skip(from).take(SNIPPET_CHARS).collect();
    let cut_before = if from > 0 { "…" } else { "" };
    let cut_after = if line.chars().nth(from + SNIPPET_CHARS).is_some() {
        "…"
    } else {
        ""
    };
    let caret = col.map(|c| {
        let before: String = shown.chars().take(c - from).collect();
        cut_before.len() + visible(&before).len()
    });
    (format!("{cut_before}{}{cut_after}", visible(&shown)), caret)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(line: &str, col: u32, hint: Option<&str>) -> String {
        let mut d = Diagnostic::error("maps/foo.ron", "parse", "unknown field `claim_arr`")
            .at(Pos { line: 12, col });
        d.snippet = Some(line.into());
        d.hint = hint.map(Into::into);
        d.to_string()
    }

    // The headline stays the `file:line:col: severity: message` that
    // editors and scripts read; annotate-snippets draws the excerpt under
    // it, with the caret under the column (counted in characters, Arabic
    // included) and the hint last.
    #[test]
    fn headline_then_excerpt_then_hint() {
        let shown = rendered(
            "        claim_ar: \"ادعاء.\", claim_arr: 1,",
            30,
            Some("the fields are `id`, `claim_en`"),
        );
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(
            lines[0],
            "maps/foo.ron:12:30: error: unknown field `claim_arr`"
        );
        assert_eq!(lines[2], "12 |         claim_ar: \"ادعاء.\", claim_arr: 1,");
        assert_eq!(lines[3], format!("   |{}^", " ".repeat(30)));
        assert_eq!(
            lines.last(),
            Some(&"   = hint: the fields are `id`, `claim_en`")
        );
    }

    // A finding without a column still shows its line, with no caret; one
    // without a line shows only the headline and the hint.
    #[test]
    fn no_column_shows_the_line_and_no_line_shows_none() {
        let shown = rendered("    id: \"x\",", 0, None);
        assert!(shown.contains("12 |     id: \"x\","), "{shown}");
        assert!(!shown.contains('^'), "{shown}");
        let mut d = Diagnostic::warning("m.ron", "x", "whole file").hint("look");
        d.snippet = Some("ignored".into());
        assert_eq!(d.to_string(), "m.ron: warning: whole file\n = hint: look");
    }

    // The 160-character window: a long line is cut around the column, with
    // `…` on each side that was cut, and never past 160 characters of it.
    #[test]
    fn the_window_is_at_most_160_characters() {
        let line: String = (0..3000)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        for (col, before, after) in [(3, false, true), (1500, true, true), (2990, true, false)] {
            let shown = rendered(&line, col, None);
            let source = shown.lines().nth(2).unwrap();
            let text = source.strip_prefix("12 | ").unwrap();
            let inner = text.trim_start_matches('…').trim_end_matches('…');
            assert!(
                inner.chars().count() <= 160,
                "{col}: {}",
                inner.chars().count()
            );
            assert_eq!(text.starts_with('…'), before, "{col}");
            assert_eq!(text.ends_with('…'), after, "{col}");
            assert!(line.contains(inner));
            // The caret is under the character at the column.
            let caret = shown.lines().nth(3).unwrap().chars().position(|c| c == '^');
            let at = caret.unwrap() - "12 | ".len();
            let want = line.chars().nth(col as usize - 1).unwrap();
            assert_eq!(text.chars().nth(at), Some(want), "{col}");
        }
    }

    // Issue 20, item 10: a finding in a huge one-line file prints a window
    // of the line, with the caret still under the column.
    #[test]
    fn long_lines_print_a_window() {
        let line = format!("{}X{}", "\u{0}".repeat(5000), "y".repeat(5000));
        let mut d =
            Diagnostic::error("m.ron", "parse", "unexpected `X`").at(Pos { line: 1, col: 5001 });
        d.snippet = Some(line);
        let shown = d.to_string();
        assert!(shown.len() < 1200, "{} bytes", shown.len());
        let lines: Vec<&str> = shown.lines().collect();
        let col_of = |l: &str, c: char| l.chars().position(|x| x == c).unwrap();
        assert_eq!(col_of(lines[3], '^'), col_of(lines[2], 'X'), "{shown}");
        assert!(!shown.contains('\u{0}'));
    }
}
