//! Where an export may be written (issue 20, items 1 and 2). An export only
//! ever writes a regular file: a symlink is written through to its target,
//! and a device, FIFO, socket or directory in the way is refused. The old
//! file is never read whole (`/dev/zero` has no end): it is compared by its
//! length and a bounded read, and it is replaced only when it is a previous
//! mizan export or the caller forces it — `-o README.md` must not eat a
//! README. File names made from article ids are checked to stay inside the
//! export directory.

use std::fs;
use std::io::{self, ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::{ExportError, Format};
use crate::store::{StoreError, regular, save};

/// How much of an existing file is read to tell whether it is an export.
const HEAD: u64 = 64 << 10;

/// The first line of a Markdown export, so that a later export recognises
/// the file as its own (Markdown has no other mark of its writer).
pub const MARKDOWN_MARK: &str = "<!-- written by mizan export -->";

/// What writing an export did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The file was created or replaced.
    Written,
    /// The file already held exactly this export.
    Unchanged,
}

/// Writes `text` to `path` by the rules above; `force` allows replacing a
/// regular file that is not a previous export.
pub fn write_export(path: &Path, text: &[u8], force: bool) -> Result<Written, ExportError> {
    write_export_with(path, force, &mut |w| w.write_all(text))
}

/// [`write_export`] of what `fill` writes, for a document made as it is
/// written: a million-node export goes to the file a piece at a time and is
/// never whole in memory. It is compared with the old file while it is
/// written, so an export that did not change is still told apart (and the
/// old file, its mtime and its links are left alone).
pub fn write_export_with(
    path: &Path,
    force: bool,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<Written, ExportError> {
    let target = save::resolve_links(path)?;
    let file = match regular::open_regular(&target) {
        Ok(f) => Some(f),
        Err(e) if e.is_not_found() => None,
        Err(regular::ReadError::NotRegular(what)) => {
            return Err(refused(
                &target,
                format!("it is {what}, not a regular file"),
            ));
        }
        Err(e) => return Err(e.at(&target).into()),
    };
    let Some(file) = file else {
        save::write_atomic_with(&target, fill)?;
        return Ok(Written::Written);
    };
    let len = file
        .metadata()
        .map_err(|e| StoreError::io(&target, e))?
        .len();
    let mut head = Vec::new();
    (&file)
        .take(HEAD)
        .read_to_end(&mut head)
        .map_err(|e| StoreError::io(&target, e))?;
    if !force && !is_export(&head) {
        return Err(refused(
            &target,
            "it exists and is not a mizan export; pass --force to replace it".into(),
        ));
    }
    // The old file is read back in step with the new text (from the start:
    // `head` was only for recognising it), never whole.
    (&file)
        .seek(SeekFrom::Start(0))
        .map_err(|e| StoreError::io(&target, e))?;
    let mut same = Same::new(&file, len);
    let mut unchanged = false;
    let outcome = save::write_atomic_with(&target, &mut |w| {
        let mut tee = Tee {
            out: w,
            same: &mut same,
        };
        fill(&mut tee)?;
        if tee.same.finish() {
            // Nothing to replace: stop before the rename (the temporary file
            // is removed on this error) and report the file unchanged.
            unchanged = true;
            return Err(io::Error::other("unchanged"));
        }
        Ok(())
    });
    match outcome {
        _ if unchanged => Ok(Written::Unchanged),
        Ok(()) => Ok(Written::Written),
        Err(e) => Err(e.into()),
    }
}

/// Whether the bytes written so far are those of the old file.
struct Same<'f> {
    old: io::BufReader<&'f fs::File>,
    /// Old bytes not yet matched; `None` once a difference is seen.
    left: Option<u64>,
    chunk: Vec<u8>,
}

impl<'f> Same<'f> {
    fn new(old: &'f fs::File, len: u64) -> Same<'f> {
        Same {
            old: io::BufReader::with_capacity(1 << 16, old),
            left: Some(len),
            chunk: Vec::new(),
        }
    }

    fn check(&mut self, new: &[u8]) {
        let Some(left) = self.left else { return };
        if new.len() as u64 > left {
            self.left = None;
            return;
        }
        self.chunk.resize(new.len(), 0);
        let read = self.old.read_exact(&mut self.chunk);
        self.left = match read {
            Ok(()) if self.chunk == new => Some(left - new.len() as u64),
            _ => None,
        };
    }

    /// True when the new text was the old file, byte for byte, to its end.
    fn finish(&self) -> bool {
        self.left == Some(0)
    }
}

/// Passes writes on and compares them with the old file.
struct Tee<'a, 'f> {
    out: &'a mut dyn Write,
    same: &'a mut Same<'f>,
}

impl Write for Tee<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.same.check(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Whether the first bytes of a file are those of a mizan export, in any
/// of the formats (CSV tables by their header, SVG by its comment).
pub fn is_export(head: &[u8]) -> bool {
    let head = String::from_utf8_lossy(head);
    head.starts_with(MARKDOWN_MARK)
        || head.starts_with("digraph mizan {")
        || head.starts_with("===\ntitle: ")
        || (head.trim_start().starts_with('{') && head.contains("\"schema\": \"mizan-maps\""))
        || head.starts_with(super::csv::NODE_HEADER)
        || head.starts_with(super::csv::LINK_HEADER)
        || (head.starts_with("<svg") && head.contains(super::svg::MARK))
}

fn refused(path: &Path, why: String) -> ExportError {
    ExportError::Target(format!("{}: not written: {why}", path.display()))
}

/// `dir/<stem>.<ext>` for an export file named after an article id, after
/// checking that the id is a valid file stem and that the joined path stays
/// directly inside `dir`.
pub fn file_in(dir: &Path, stem: &str, format: Format) -> Result<PathBuf, ExportError> {
    crate::model::ids::check_article_id(stem).map_err(ExportError::Target)?;
    let name = format!("{stem}.{}", format.extension());
    let path = dir.join(&name);
    let inside = path.parent() == Some(dir) && path.file_name() == Some(name.as_ref());
    if !inside {
        return Err(ExportError::Target(format!(
            "`{}` would be written outside {}",
            crate::model::ids::shown(&name),
            dir.display()
        )));
    }
    Ok(path)
}

/// Makes the export directory (and its parents) if it does not exist; a
/// path in the way that is not a directory is an error.
pub fn make_dir(dir: &Path) -> Result<(), ExportError> {
    match fs::create_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(ExportError::Target(format!(
            "{}: not a directory",
            dir.display()
        ))),
        Err(e) => Err(StoreError::io(dir, e).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A streamed export, written in pieces as a renderer writes it.
    fn pieces(text: &str, size: usize) -> impl FnMut(&mut dyn Write) -> io::Result<()> + '_ {
        move |w| {
            for piece in text.as_bytes().chunks(size) {
                w.write_all(piece)?;
            }
            Ok(())
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    // The same document streamed again is told apart as unchanged, however
    // it is split, and leaves neither a new file nor a temporary one.
    #[test]
    fn a_streamed_export_that_did_not_change_is_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("all.md");
        let doc = format!("{MARKDOWN_MARK}\n{}", "# قال\n".repeat(30_000));
        assert_eq!(
            write_export_with(&path, false, &mut pieces(&doc, 7000)).unwrap(),
            Written::Written
        );
        let ino = std::os::unix::fs::MetadataExt::ino(&fs::metadata(&path).unwrap());
        for size in [1, 4096, 1 << 20] {
            assert_eq!(
                write_export_with(&path, false, &mut pieces(&doc, size)).unwrap(),
                Written::Unchanged,
                "split into {size}-byte pieces"
            );
        }
        let after = fs::metadata(&path).unwrap();
        assert_eq!(std::os::unix::fs::MetadataExt::ino(&after), ino);
        assert_eq!(names(tmp.path()), ["all.md"]);
    }

    // A change anywhere — a byte in the middle, one more or one less at the
    // end — is written, and the file then holds exactly the new document.
    #[test]
    fn a_streamed_export_that_changed_is_written_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("all.md");
        let doc = format!("{MARKDOWN_MARK}\n{}", "line\n".repeat(50_000));
        let mut middle = doc.clone().into_bytes();
        middle[doc.len() / 2] = b'X';
        let middle = String::from_utf8(middle).unwrap();
        let longer = format!("{doc}x");
        let shorter = doc[..doc.len() - 1].to_string();
        write_export(&path, doc.as_bytes(), false).unwrap();
        for new in [&middle, &longer, &shorter, &doc] {
            assert_eq!(
                write_export_with(&path, false, &mut pieces(new, 5000)).unwrap(),
                Written::Written
            );
            assert_eq!(fs::read_to_string(&path).unwrap(), *new);
            assert_eq!(names(tmp.path()), ["all.md"]);
        }
    }

    // A file that is not an export is refused before anything is rendered,
    // and is left as it was.
    #[test]
    fn a_file_that_is_not_an_export_is_refused_without_rendering() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("README.md");
        fs::write(&path, "# my notes\n").unwrap();
        let mut rendered = false;
        let err = write_export_with(&path, false, &mut |w| {
            rendered = true;
            w.write_all(b"x")
        })
        .unwrap_err();
        assert!(err.to_string().contains("--force"), "{err}");
        assert!(!rendered);
        assert_eq!(fs::read_to_string(&path).unwrap(), "# my notes\n");
    }

    // A renderer that fails leaves the old export in place and no temporary file.
    #[test]
    fn a_failed_render_keeps_the_old_export() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("all.md");
        let doc = format!("{MARKDOWN_MARK}\nold\n");
        write_export(&path, doc.as_bytes(), false).unwrap();
        let err = write_export_with(&path, false, &mut |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("renderer broke"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), doc);
        assert_eq!(names(tmp.path()), ["all.md"]);
    }
}
