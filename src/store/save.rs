//! Saving without ever leaving a half-written file: write a temporary file in
//! the same directory, flush it to disk, rename it over the target (atomic on
//! POSIX), then flush the directory so the rename itself survives a crash.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use super::StoreError;

/// Atomically replaces `path` with `contents`. Does nothing (and returns
/// `false`) when the file already holds exactly these bytes.
pub fn save_atomic(path: &Path, contents: &[u8]) -> Result<bool, StoreError> {
    if fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    write_atomic(path, contents)?;
    Ok(true)
}

/// Temp-file names differ per call, not only per process: the signal
/// watchdog and the loop may both write the recovery file at once.
static NEXT_TMP: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// [`save_atomic`] without the check that the file already holds these
/// bytes, for a caller that has just read it.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    write_atomic_with(path, &mut |f| f.write_all(contents))
}

/// [`write_atomic`] of what `fill` writes, for a text made as it is written
/// (an export of a large corpus) rather than held whole in memory first.
pub fn write_atomic_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| StoreError::Invalid(format!("{}: not a file path", path.display())))?;
    let n = NEXT_TMP.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(
        ".{}.tmp-{}{}",
        name.to_string_lossy(),
        std::process::id(),
        if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        }
    ));
    let mut write = || -> std::io::Result<()> {
        let mut f = std::io::BufWriter::new(File::create(&tmp)?);
        fill(&mut f)?;
        let f = f.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        Ok(())
    };
    if let Err(e) = write() {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::io(&tmp, e));
    }
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::io(path, e));
    }
    // Best effort: some file systems do not allow opening a directory.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
