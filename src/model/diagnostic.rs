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
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::sanitize::{visible, visible_capped};
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
        if let (Some(line), true) = (&self.snippet, self.line > 0) {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            // A window of the line around the column, marked where cut.
            let col = (self.col as usize).saturating_sub(1);
            let from = col.saturating_sub(SNIPPET_CHARS / 2);
            let window: String = line.chars().skip(from).take(SNIPPET_CHARS).collect();
            let cut_before = if from > 0 { "…" } else { "" };
            let cut_after = if line.chars().nth(from + SNIPPET_CHARS).is_some() {
                "…"
            } else {
                ""
            };
            write!(
                f,
                "\n{pad} |\n{num} | {cut_before}{}{cut_after}",
                visible(&window)
            )?;
            if self.col > 0 {
                // The caret sits under the column, counted in characters.
                let before: String = window.chars().take(col - from).collect();
                let indent = unicode_width::UnicodeWidthStr::width(&*visible(&before))
                    + cut_before.chars().count();
                write!(f, "\n{pad} | {}^", " ".repeat(indent))?;
            }
        }
        if let Some(h) = &self.hint {
            write!(
                f,
                "\n{} = hint: {}",
                " ".repeat(self.line.to_string().len()),
                visible_capped(h, MESSAGE_CHARS)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
