//! Saving without ever leaving a half-written file: write a temporary file in
//! the same directory, flush it to disk, rename it over the target (atomic on
//! POSIX), then flush the directory so the rename itself survives a crash.
//!
//! A path that is a symlink is written through: the new file replaces the
//! link's target, in the target's directory, and the link stays a link. The
//! replaced file's permissions (and, where allowed, its owner) carry over.
//!
//! Saving an edited map (lock, conflict check, backup, then this) is
//! `map_save`'s.

use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::StoreError;
use super::regular;

/// Atomically replaces `path` with `contents`. Does nothing (and returns
/// `false`) when the file already holds exactly these bytes. The old file is
/// compared by its length first and read only when the length matches, and
/// only when it is a regular file.
pub fn save_atomic(path: &Path, contents: &[u8]) -> Result<bool, StoreError> {
    if holds(path, contents) {
        return Ok(false);
    }
    write_atomic(path, contents)?;
    Ok(true)
}

/// Whether `path` is a regular file holding exactly `contents`.
fn holds(path: &Path, contents: &[u8]) -> bool {
    let Ok(file) = regular::open_regular(path) else {
        return false;
    };
    let same_len = file
        .metadata()
        .is_ok_and(|m| m.len() == contents.len() as u64);
    same_len && regular::read_open(&file, contents.len() as u64).is_ok_and(|old| old == contents)
}

/// [`save_atomic`] without the check that the file already holds these
/// bytes, for a caller that has just read it.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    write_atomic_with(path, &mut |w| w.write_all(contents))
}

/// [`write_atomic`] of what `fill` writes, for a text made as it is written
/// (an export of a large corpus) rather than held whole in memory first.
pub fn write_atomic_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let target = resolve_links(path)?;
    let old = match fs::metadata(&target) {
        Ok(m) if !m.is_file() => {
            return Err(StoreError::Invalid(format!(
                "{}: not a regular file; mizan replaces only regular files",
                target.display()
            )));
        }
        Ok(m) => Some(m),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(StoreError::io(&target, e)),
    };
    let tmp = write_temp_with(&target, fill, old.as_ref())?;
    rename_into_place(tmp, &target)
}

/// Follows `path` through symlinks to the file they finally name (which
/// need not exist yet). A relative link is read against its own directory.
pub fn resolve_links(path: &Path) -> Result<PathBuf, StoreError> {
    let mut at = path.to_path_buf();
    // The same bound as the kernel's (ELOOP at 40).
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&at).map_err(|e| StoreError::io(&at, e))?;
                at = match at.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            Ok(_) => return Ok(at),
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(at),
            Err(e) => return Err(StoreError::io(&at, e)),
        }
    }
    Err(StoreError::Invalid(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

pub(super) fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes `contents` to a new temporary file beside `target` (never an
/// existing file or link of that name: created exclusively), with the old
/// file's permissions and owner when there is one, flushed to disk. The
/// file is removed if it is dropped before [`rename_into_place`].
pub(super) fn write_temp(
    target: &Path,
    contents: &[u8],
    old: Option<&fs::Metadata>,
) -> Result<NamedTempFile, StoreError> {
    write_temp_with(target, &mut |w| w.write_all(contents), old)
}

/// [`write_temp`] of what `fill` writes (through a buffer).
///
/// tempfile makes the name (`.NAME.tmp-PID-` and random letters: a dot-file,
/// which the watcher ignores, unique per call even when the signal watchdog
/// and the loop write the recovery file at once) and removes the file on
/// every early return.
fn write_temp_with(
    target: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    old: Option<&fs::Metadata>,
) -> Result<NamedTempFile, StoreError> {
    let dir = dir_of(target);
    let name = target
        .file_name()
        .ok_or_else(|| StoreError::Invalid(format!("{}: not a file path", target.display())))?;
    let prefix = format!(".{}.tmp-{}-", name.to_string_lossy(), std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(6);
    // A new file gets what `File::create` would give it (0666 less the
    // umask), not tempfile's private 0600; a replaced one gets its old mode.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| StoreError::io(&dir.join(&prefix), e))?;
    let mut write = |file: &mut File| -> std::io::Result<()> {
        if let Some(old) = old {
            keep_mode_and_owner(file, old)?;
        }
        let mut w = std::io::BufWriter::new(&mut *file);
        fill(&mut w)?;
        w.flush()?;
        drop(w);
        file.sync_all()
    };
    if let Err(e) = write(tmp.as_file_mut()) {
        return Err(StoreError::io(tmp.path(), e));
    }
    Ok(tmp)
}

/// Gives the new file the replaced file's permissions, and its owner and
/// group where this user may (as root, or a group the user is in); a save
/// must not turn a private 0600 map into a world-readable one.
fn keep_mode_and_owner(file: &File, old: &fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Best effort: only root may give a file away. The mode is set after,
        // since chown may clear set-id bits.
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    file.set_permissions(old.permissions())
}

/// Renames `tmp` over `target` and flushes the directory; `tmp` is removed
/// if the rename fails.
pub(super) fn rename_into_place(tmp: NamedTempFile, target: &Path) -> Result<(), StoreError> {
    tmp.persist(target)
        .map_err(|e| StoreError::io(target, e.error))?;
    sync_dir(dir_of(target));
    Ok(())
}

/// Best effort: some file systems do not allow opening a directory.
pub(super) fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A new file gets the mode `File::create` gives (the umask decides), not
    // tempfile's private 0600, and the directory holds only the new file.
    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_usual_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        File::create(dir.path().join("plain")).unwrap();
        write_atomic(&dir.path().join("saved"), b"x").unwrap();
        let mode = |n: &str| {
            fs::metadata(dir.path().join(n))
                .unwrap()
                .permissions()
                .mode()
        };
        assert_eq!(mode("saved"), mode("plain"));
        assert_eq!(fs::read(dir.path().join("saved")).unwrap(), b"x");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    // A write that fails half way leaves the old file as it was and no
    // temporary file behind.
    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        fs::write(&path, b"old").unwrap();
        let err = write_atomic_with(&path, &mut |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
