//! Where an export may be written (issue 20, items 1 and 2). An export only
//! ever writes a regular file: a symlink is written through to its target,
//! and a device, FIFO, socket or directory in the way is refused. The old
//! file is never read whole (`/dev/zero` has no end): it is compared by its
//! length and a bounded read, and it is replaced only when it is a previous
//! mizan export or the caller forces it — `-o README.md` must not eat a
//! README. File names made from article ids are checked to stay inside the
//! export directory.

use std::fs;
use std::io::{ErrorKind, Read};
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
    if let Some(file) = file {
        let len = file
            .metadata()
            .map_err(|e| StoreError::io(&target, e))?
            .len();
        let mut head = Vec::new();
        (&file)
            .take(HEAD.max(text.len() as u64 + 1))
            .read_to_end(&mut head)
            .map_err(|e| StoreError::io(&target, e))?;
        if len == text.len() as u64 && head == text {
            return Ok(Written::Unchanged);
        }
        if !force && !is_export(&head) {
            return Err(refused(
                &target,
                "it exists and is not a mizan export; pass --force to replace it".into(),
            ));
        }
    }
    save::write_atomic(&target, text)?;
    Ok(Written::Written)
}

/// Whether the first bytes of a file are those of a mizan export, in any
/// of the four formats.
pub fn is_export(head: &[u8]) -> bool {
    let head = String::from_utf8_lossy(head);
    head.starts_with(MARKDOWN_MARK)
        || head.starts_with("digraph mizan {")
        || head.starts_with("===\ntitle: ")
        || (head.trim_start().starts_with('{') && head.contains("\"schema\": \"mizan-maps\""))
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
