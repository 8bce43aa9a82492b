//! The CLI's output: every line that carries map content goes through
//! [`Out::text`], which shows control and bidi characters instead of
//! sending them to the terminal (as the TUI does), while [`Out::exact`]
//! writes JSON, which escapes them itself. Write errors are values, not
//! panics (`println!` panics on a full disk or a closed pipe): `run` turns
//! a broken pipe into a quiet exit 0, as `grep | head` expects, and any
//! other write error into exit 2 with a message (issue 20, items 3 and 11).

use std::io::{self, BufWriter, StdoutLock, Write};

use mizan::text::sanitize::visible_lines;

/// Writing to stdout failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the output: {0}")]
pub struct WriteError(#[source] pub io::Error);

impl WriteError {
    pub fn is_broken_pipe(&self) -> bool {
        self.0.kind() == io::ErrorKind::BrokenPipe
    }
}

/// Buffered stdout.
pub struct Out(BufWriter<StdoutLock<'static>>);

impl Out {
    pub fn stdout() -> Out {
        Out(BufWriter::new(io::stdout().lock()))
    }

    /// Writes `s` and a line break, with controls made visible.
    pub fn text(&mut self, s: &str) -> Result<(), WriteError> {
        self.exact(&visible_lines(s))
    }

    /// Writes `s` and a line break as it is (JSON, text mizan made itself).
    pub fn exact(&mut self, s: &str) -> Result<(), WriteError> {
        self.0
            .write_all(s.as_bytes())
            .and_then(|()| self.0.write_all(b"\n"))
            .map_err(WriteError)
    }

    /// Writes `s` as it is, without adding a line break.
    pub fn raw(&mut self, s: &str) -> Result<(), WriteError> {
        self.0.write_all(s.as_bytes()).map_err(WriteError)
    }

    /// The buffered stdout itself, for a text written as it is made (an
    /// export, which escapes controls in its own syntax).
    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.0
    }

    /// Flushes; a write error found only now is still reported.
    pub fn finish(mut self) -> Result<(), WriteError> {
        self.0.flush().map_err(WriteError)
    }
}

/// A line on stderr with controls made visible; a failure to write it is
/// ignored (there is nowhere left to say so).
pub fn note(s: &str) {
    let mut err = io::stderr().lock();
    let _ = err
        .write_all(visible_lines(s).as_bytes())
        .and_then(|()| err.write_all(b"\n"));
}
