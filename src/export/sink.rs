//! Where an exporter's text goes: kept whole in a `String` (the TUI's `x`,
//! tests), or handed to a writer a piece at a time, so that exporting a
//! million nodes to a file never holds the whole document in memory (the
//! JSON export of 1M nodes used to peak at 2.59 GB, almost three times what
//! loading the corpus takes).

use std::io::{self, Write};

/// Pieces smaller than this are gathered before a write.
const CHUNK: usize = 1 << 16;

/// Renderers append to `buf` and call [`Sink::flush`] between articles.
pub struct Sink<'w> {
    pub buf: String,
    writer: Option<&'w mut dyn Write>,
}

impl<'w> Sink<'w> {
    /// Keeps everything in `buf`.
    pub fn string(capacity: usize) -> Sink<'static> {
        Sink {
            buf: String::with_capacity(capacity),
            writer: None,
        }
    }

    /// Passes the text on to `w` as it grows.
    pub fn writer(w: &'w mut dyn Write) -> Sink<'w> {
        Sink {
            buf: String::with_capacity(2 * CHUNK),
            writer: Some(w),
        }
    }

    /// Writes out what has gathered, once it is worth a write.
    pub fn flush(&mut self) -> io::Result<()> {
        if self.buf.len() >= CHUNK {
            self.drain()?;
        }
        Ok(())
    }

    /// Writes out everything left; call once at the end.
    pub fn finish(&mut self) -> io::Result<()> {
        self.drain()?;
        if let Some(w) = &mut self.writer {
            w.flush()?;
        }
        Ok(())
    }

    fn drain(&mut self) -> io::Result<()> {
        if let Some(w) = &mut self.writer {
            w.write_all(self.buf.as_bytes())?;
            self.buf.clear();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A writer sink passes on every byte, in order, however it was split.
    #[test]
    fn writer_gets_everything() {
        let mut out = Vec::new();
        let mut sink = Sink::writer(&mut out);
        let piece = "قال x ".repeat(1000);
        for _ in 0..40 {
            sink.buf.push_str(&piece);
            sink.flush().unwrap();
        }
        sink.finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), piece.repeat(40));
        let mut s = Sink::string(0);
        s.buf.push_str("abc");
        s.flush().unwrap();
        s.finish().unwrap();
        assert_eq!(s.buf, "abc");
    }
}
