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

/// The compiler-style rendering: headline, the offending line with a caret, hint.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {sev}: {}", self.location(), self.message)?;
        if let (Some(line), true) = (&self.snippet, self.line > 0) {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            let shown: String = crate::text::sanitize::visible(line).into_owned();
            write!(f, "\n{pad} |\n{num} | {shown}")?;
            if self.col > 0 {
                // The caret sits under the column, counted in characters.
                let before: String = line.chars().take(self.col as usize - 1).collect();
                let indent = unicode_width::UnicodeWidthStr::width(
                    &*crate::text::sanitize::visible(&before),
                );
                write!(f, "\n{pad} | {}^", " ".repeat(indent))?;
            }
        }
        if let Some(h) = &self.hint {
            write!(
                f,
                "\n{} = hint: {h}",
                " ".repeat(self.line.to_string().len())
            )?;
        }
        Ok(())
    }
}
