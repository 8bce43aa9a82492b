//! Saving an edited map: the one protocol every save of a map goes through
//! (the TUI's `C-s`, its "overwrite", and anything else that replaces a map
//! a person edited). Lock the file, check it still holds what the editor
//! read, back it up, replace it atomically — with the check and the rename
//! inside one critical section, so two programs saving the same map at once
//! cannot both pass the check and lose one's edit (issue 20, item 4).

use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::StoreError;
use super::regular;
use super::save::{dir_of, rename_into_place, resolve_links, sync_dir, write_atomic, write_temp};

/// What a map's file must hold for [`save_map`] to replace it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Nothing: the map is new, and an existing file is a conflict.
    Absent,
    /// The bytes the map was read from, by [`super::disk::content_hash`]; a
    /// file holding anything else (or gone) is a conflict.
    Hash(u64),
    /// Whatever is there: the person chose to overwrite.
    Anything,
}

impl Expect {
    /// What a map read with this hash expects (0: never read from a file).
    pub fn loaded(hash: u64) -> Expect {
        if hash == 0 {
            Expect::Absent
        } else {
            Expect::Hash(hash)
        }
    }
}

/// Where [`save_map`] keeps the version it replaces.
#[derive(Debug, Clone, Copy)]
pub enum Backup<'a> {
    /// In the backups of this state directory (see `backup`).
    In(&'a Path),
    /// Nowhere: the person chose to save without a backup.
    Skip,
}

/// How a [`save_map`] ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Written; the replaced version is in this backup, if one was kept.
    Written { backup: Option<PathBuf> },
    /// The file already held exactly these bytes; nothing was written.
    Unchanged,
    /// The file is not what the map was read from: someone else changed
    /// (or removed, or created) it. Nothing was written.
    Conflict,
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Keeping the old version failed, so nothing was written; the caller
    /// may offer to save with [`Backup::Skip`].
    #[error("could not keep a backup, so nothing was written: {0}")]
    Backup(StoreError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How long [`save_map`] waits for another program's save of the same file.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Saves an edited map's text to `path`: the one save protocol.
///
/// 1. Follows `path` through symlinks to the real file.
/// 2. Opens it (a regular file only) and takes an exclusive advisory lock;
///    if the path no longer names the locked file once the lock is held
///    (another save renamed a new file over it meanwhile), starts again.
/// 3. Reads it through the locked handle and compares it with `expect`: a
///    difference is [`Saved::Conflict`], and nothing is written.
/// 4. Backs up the old bytes (`backup`), writes the new text to a temporary
///    file with the old file's mode and owner, flushes it, and renames it
///    over the file — all while holding the lock, so a second save that
///    read the same version waits, then sees the change and gets a conflict.
///
/// A new map (`Expect::Absent`) is created without replacing anything: a
/// file that appears meanwhile is a conflict. Other programs that save
/// without taking the lock (an editor, git) are still caught by the hash
/// whenever they wrote before step 3.
pub fn save_map(
    path: &Path,
    contents: &[u8],
    expect: Expect,
    backup: Backup,
) -> Result<Saved, SaveError> {
    let target = resolve_links(path)?;
    let started = Instant::now();
    loop {
        if started.elapsed() > LOCK_WAIT {
            return Err(StoreError::Invalid(format!(
                "{}: the file kept being replaced while mizan tried to save it; nothing was written",
                target.display()
            ))
            .into());
        }
        let file = match regular::open_regular(&target) {
            Ok(f) => f,
            Err(e) if e.is_not_found() => match create_new(&target, contents, expect)? {
                Some(done) => return Ok(done),
                // Created by someone else meanwhile, and we may overwrite it.
                None => continue,
            },
            Err(e) => return Err(e.at(&target).into()),
        };
        lock(&file, &target, started)?;
        if !still_names(&target, &file) {
            continue;
        }
        let old =
            regular::read_open(&file, regular::max_file_bytes()).map_err(|e| e.at(&target))?;
        let matches = match expect {
            Expect::Absent => false,
            Expect::Hash(h) => super::disk::content_hash(&old) == h,
            Expect::Anything => true,
        };
        if !matches {
            return Ok(Saved::Conflict);
        }
        if old == contents {
            return Ok(Saved::Unchanged);
        }
        let kept = match backup {
            Backup::In(state) => Some(
                super::backup::backup_before_replace(&target, &old, state, super::backup::KEEP)
                    .map_err(SaveError::Backup)?,
            ),
            Backup::Skip => None,
        };
        let meta = file.metadata().map_err(|e| StoreError::io(&target, e))?;
        let tmp = write_temp(&target, contents, Some(&meta))?;
        rename_into_place(tmp, &target)?;
        // The lock goes with `file`, after the rename.
        drop(file);
        return Ok(Saved::Written { backup: kept });
    }
}

/// Creates `target` holding `contents` only if it still does not exist
/// (a finished temporary file moved in by a rename or hard link that
/// fails on an existing name). `Ok(None)`: it exists now and `expect` allows overwriting it.
fn create_new(target: &Path, contents: &[u8], expect: Expect) -> Result<Option<Saved>, SaveError> {
    if let Expect::Hash(_) = expect {
        // It was read from a file that is gone now.
        return Ok(Some(Saved::Conflict));
    }
    let tmp = write_temp(target, contents, None)?;
    // A rename that refuses an existing name (or a hard link where the file
    // system has no such rename); tempfile removes the temporary file when
    // it fails.
    match tmp.persist_noclobber(target).map_err(|e| e.error) {
        Ok(_) => {
            sync_dir(dir_of(target));
            Ok(Some(Saved::Written { backup: None }))
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => match expect {
            Expect::Anything => Ok(None),
            _ => Ok(Some(Saved::Conflict)),
        },
        // A file system without hard links: a plain atomic write, checked
        // for existence just before (the rest of the race is theirs).
        Err(_) => {
            if target.exists() && expect != Expect::Anything {
                return Ok(Some(Saved::Conflict));
            }
            write_atomic(target, contents)?;
            Ok(Some(Saved::Written { backup: None }))
        }
    }
}

/// Takes the exclusive lock, waiting up to [`LOCK_WAIT`] from `started`.
fn lock(file: &File, target: &Path, started: Instant) -> Result<(), StoreError> {
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Invalid(format!(
                    "{}: another program has held a lock on the file for {} seconds; \
                     nothing was written",
                    target.display(),
                    LOCK_WAIT.as_secs()
                )));
            }
            // A file system without locks: go on without (the hash check
            // still catches all but a simultaneous save).
            Err(fs::TryLockError::Error(e)) if e.kind() == ErrorKind::Unsupported => {
                return Ok(());
            }
            Err(fs::TryLockError::Error(e)) => return Err(StoreError::io(target, e)),
        }
    }
}

/// Whether `target` still names the open `file` (same device and inode).
fn still_names(target: &Path, file: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(target), file.metadata()) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (target, file);
        true
    }
}
