//! Noticing that the maps directory changed on disk: another editor saved a
//! map, `git checkout` swapped them, a file was deleted. The UI polls
//! [`Watcher::changed`] between frames and reloads (or warns about) those maps.
//!
//! Paths come back as `dir.join(file name)` with `dir` spelled as given, the
//! way the loader builds them, so the UI can look them up in its corpus; the
//! watching backend reports absolute (on macOS even canonical) paths instead.
//! A change reported here is a hint, not a proof: a `touch`, or mizan's own
//! save, reports too, so compare contents (`disk::hash_on_disk`) before
//! bothering anyone.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode, Watcher as _};

use super::StoreError;

pub struct Watcher {
    // Held only to keep watching: dropping it stops the backend's thread.
    _backend: notify::RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    tracker: Tracker,
}

impl Watcher {
    /// Watches `dir` (not recursive) for changes to `*.ron` files.
    pub fn new(dir: &Path) -> Result<Watcher, StoreError> {
        let (tx, events) = mpsc::channel();
        let mut backend = notify::recommended_watcher(tx).map_err(|e| watch_error(dir, e))?;
        backend
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(dir, e))?;
        // Listed after the watch starts, so a file created in between is
        // at worst reported once too often, never missed.
        let tracker = Tracker::new(dir);
        Ok(Watcher {
            _backend: backend,
            events,
            tracker,
        })
    }

    /// Paths of `*.ron` files changed, created or removed since the last call,
    /// without blocking; deduplicated and sorted; ignores mizan's own
    /// temporary files (`.NAME.tmp-PID-XXXXXX`, see `save.rs`) and other dot-files.
    ///
    /// When the backend lost events (its queue overflowed, or it reported an
    /// error), every `*.ron` that exists now or did at the last call is
    /// returned, so nothing goes unnoticed.
    pub fn changed(&self) -> Vec<PathBuf> {
        self.tracker.digest(self.events.try_iter())
    }

    /// The directory as given to [`Watcher::new`].
    pub fn dir(&self) -> &Path {
        &self.tracker.dir
    }
}

// By hand: the backend has no Debug, and a UI state that derives Debug may
// hold a Watcher.
impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("dir", &self.tracker.dir)
            .finish_non_exhaustive()
    }
}

fn watch_error(dir: &Path, e: notify::Error) -> StoreError {
    match e.kind {
        notify::ErrorKind::Io(io) => StoreError::io(dir, io),
        notify::ErrorKind::PathNotFound => StoreError::io(dir, std::io::ErrorKind::NotFound.into()),
        kind => StoreError::Invalid(format!(
            "{}: cannot watch for changes: {}",
            dir.display(),
            notify::Error::new(kind)
        )),
    }
}

/// Turns backend events into the loader's paths; apart from the backend so
/// that tests can feed it events.
struct Tracker {
    /// As given.
    dir: PathBuf,
    /// Spellings of `dir` itself, whose own events are not about a map.
    selves: Vec<PathBuf>,
    /// Map files that existed at the last call, so that after lost events a
    /// removed one is still reported.
    known: RefCell<BTreeSet<OsString>>,
}

impl Tracker {
    fn new(dir: &Path) -> Tracker {
        let selves = [std::path::absolute(dir), std::fs::canonicalize(dir)]
            .into_iter()
            .flatten()
            .collect();
        Tracker {
            dir: dir.to_path_buf(),
            selves,
            known: RefCell::new(list_maps(dir)),
        }
    }

    fn digest(&self, events: impl Iterator<Item = notify::Result<Event>>) -> Vec<PathBuf> {
        let mut names = BTreeSet::new();
        let mut lost = false;
        for ev in events {
            let Ok(ev) = ev else {
                lost = true;
                continue;
            };
            lost |= ev.need_rescan();
            if !is_change(&ev.kind) {
                continue;
            }
            for p in &ev.paths {
                if self.selves.contains(p) {
                    continue;
                }
                if let Some(name) = p.file_name().filter(|n| is_map_name(n)) {
                    names.insert(name.to_os_string());
                }
            }
        }
        let mut known = self.known.borrow_mut();
        if lost {
            names.extend(known.iter().cloned());
            names.extend(list_maps(&self.dir));
        }
        for name in &names {
            if self.dir.join(name).exists() {
                known.insert(name.clone());
            } else {
                known.remove(name);
            }
        }
        names.into_iter().map(|n| self.dir.join(n)).collect()
    }
}

/// Whether an event can mean different contents. Opening and reading a file
/// (the loader does, on every reload) must not count, or a reload would
/// report itself; closing after writing does.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// A map file as the loader sees one (`*.ron`), less dot-files: mizan's own
/// temporary files (`.x.ron.tmp-PID-XXXXXX`) and editors' swap and lock files.
fn is_map_name(name: &OsStr) -> bool {
    // Bytes rather than `str`: the loader reads non-UTF-8 names too.
    !name.as_encoded_bytes().starts_with(b".")
        && Path::new(name).extension().is_some_and(|e| e == "ron")
}

fn list_maps(dir: &Path) -> BTreeSet<OsString> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| is_map_name(n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind, RenameMode};
    use notify::event::{Flag, RemoveKind};
    use std::fs;
    use std::time::{Duration, Instant};

    fn ev(kind: EventKind, paths: &[&Path]) -> notify::Result<Event> {
        let mut e = Event::new(kind);
        for p in paths {
            e = e.add_path(p.to_path_buf());
        }
        Ok(e)
    }

    #[test]
    fn a_watcher_can_move_to_another_thread() {
        fn send<T: Send>() {}
        send::<Watcher>();
        let tmp = tempfile::tempdir().unwrap();
        let w = Watcher::new(tmp.path()).unwrap();
        assert!(format!("{w:?}").starts_with("Watcher { dir: "));
    }

    #[test]
    fn names_that_count() {
        for ok in ["a.ron", "motion.ron", "x.y.ron"] {
            assert!(is_map_name(OsStr::new(ok)), "{ok}");
        }
        for not in [
            ".a.ron.tmp-123",
            ".a.ron",
            ".ron",
            "a.ron~",
            "a.ron.swp",
            "a.RONX",
            "notes.txt",
        ] {
            assert!(!is_map_name(OsStr::new(not)), "{not}");
        }
    }

    #[test]
    fn events_map_to_the_loaders_paths() {
        let tmp = tempfile::tempdir().unwrap();
        // A directory whose own name looks like a map: its own events
        // (removed, renamed) must not pass for one.
        let abs = tmp.path().canonicalize().unwrap().join("maps.ron");
        fs::create_dir(&abs).unwrap();
        let given = tmp.path().join("maps.ron");
        let t = Tracker::new(&given);
        let got = t.digest(
            [
                ev(EventKind::Create(CreateKind::File), &[&abs.join("a.ron")]),
                ev(
                    EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                    &[&abs.join(".b.ron.tmp-7"), &abs.join("b.ron")],
                ),
                ev(
                    EventKind::Access(AccessKind::Open(AccessMode::Any)),
                    &[&abs.join("c.ron")],
                ),
                ev(
                    EventKind::Access(AccessKind::Close(AccessMode::Read)),
                    &[&abs.join("c.ron")],
                ),
                ev(
                    EventKind::Access(AccessKind::Close(AccessMode::Write)),
                    &[&abs.join("a.ron")],
                ),
                ev(EventKind::Remove(RemoveKind::Folder), &[&abs]),
            ]
            .into_iter(),
        );
        assert_eq!(got, vec![given.join("a.ron"), given.join("b.ron")]);
    }

    #[test]
    fn lost_events_report_every_map_old_and_new() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(d.join("gone.ron"), "").unwrap();
        fs::write(d.join("kept.ron"), "").unwrap();
        let t = Tracker::new(d);
        fs::remove_file(d.join("gone.ron")).unwrap();
        fs::write(d.join("new.ron"), "").unwrap();
        fs::write(d.join(".new.ron.tmp-1"), "").unwrap();
        let overflow = Ok(Event::new(EventKind::Other).set_flag(Flag::Rescan));
        let names = ["gone.ron", "kept.ron", "new.ron"];
        let all: Vec<PathBuf> = names.iter().map(|n| d.join(n)).collect();
        assert_eq!(t.digest([overflow].into_iter()), all);
        // An error from the backend counts as lost events too, and `gone`
        // is forgotten now that it was reported removed.
        let err = Err(notify::Error::generic("queue overflow"));
        assert_eq!(t.digest([err].into_iter()), all[1..].to_vec());
        assert!(t.digest(std::iter::empty()).is_empty());
    }

    /// `p` as a relative path from the working directory, the way a person
    /// gives `--maps maps`.
    #[cfg(unix)]
    fn relative(p: &Path) -> PathBuf {
        let cwd = std::env::current_dir().unwrap().canonicalize().unwrap();
        let p = p.canonicalize().unwrap();
        let mut r = PathBuf::new();
        for _ in cwd.components().skip(1) {
            r.push("..");
        }
        r.join(p.strip_prefix("/").unwrap())
    }
    #[cfg(not(unix))]
    fn relative(p: &Path) -> PathBuf {
        p.to_path_buf()
    }

    /// Polls until `want` has all shown up (or ~5 s passed); returns all seen.
    fn poll_until(w: &Watcher, want: &[PathBuf]) -> BTreeSet<PathBuf> {
        let mut seen = BTreeSet::new();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            seen.extend(w.changed());
            if want.iter().all(|p| seen.contains(p)) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        seen
    }

    #[test]
    fn real_writes_renames_and_removals_are_seen() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = relative(tmp.path());
        fs::write(dir.join("b.ron"), "old b").unwrap();
        fs::write(dir.join("c.ron"), "c").unwrap();
        let w = Watcher::new(&dir).unwrap();
        assert_eq!(w.dir(), dir);

        fs::write(dir.join("a.ron"), "a").unwrap();
        fs::write(dir.join("notes.txt"), "not a map").unwrap();
        // mizan's own atomic save: `.b.ron.tmp-PID` renamed over `b.ron`.
        super::super::save::save_atomic(&dir.join("b.ron"), b"new b").unwrap();
        let want = [dir.join("a.ron"), dir.join("b.ron")];
        let seen = poll_until(&w, &want);
        assert_eq!(seen, BTreeSet::from(want.clone()), "dir {}", dir.display());

        // Reading a map is not a change (a reload must not report itself).
        fs::read(dir.join("c.ron")).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let late = w.changed();
        assert!(!late.contains(&dir.join("c.ron")), "{late:?}");

        fs::remove_file(dir.join("c.ron")).unwrap();
        let seen = poll_until(&w, &[dir.join("c.ron")]);
        assert!(seen.contains(&dir.join("c.ron")), "{seen:?}");
        assert!(
            seen.iter()
                .all(|p| p.starts_with(&dir) && is_map_name(p.file_name().unwrap())),
            "{seen:?}"
        );
    }

    #[test]
    fn a_missing_directory_is_an_io_error() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = tmp.path().join("nope");
        match Watcher::new(&missing) {
            Err(StoreError::Io { path, source }) => {
                assert_eq!(path, missing);
                assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
            }
            Err(other) => panic!("{other}"),
            Ok(_) => panic!("watching a missing directory succeeded"),
        }
    }
}
