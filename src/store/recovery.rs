//! Unsaved edits survive a crash: the UI hands its edited, unsaved map texts
//! to `write` (from a panic hook, or every so often), and on the next start
//! `read` offers them back. One file per maps directory, keyed like the
//! backups by the canonical directory (see `backup::dir_key`).
//!
//! The file is pretty RON with strings written raw (`r#"…"#`), not escaped, so
//! that a person inspecting a recovery file reads the Arabic as Arabic: ron's
//! escaping turns every haraka into `\u{64e}`. Raw strings still round-trip
//! byte for byte.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::StoreError;
use super::backup::dir_key;
use super::save::save_atomic;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RecoveredFile {
    /// The map file's path, as the UI knows it.
    pub path: PathBuf,
    /// Its unsaved text.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Recovery {
    pub maps_dir: PathBuf,
    pub files: Vec<RecoveredFile>,
    /// Seconds since the Unix epoch.
    pub written: u64,
}

impl Recovery {
    /// A recovery stamped with the current time.
    pub fn new(maps_dir: PathBuf, files: Vec<RecoveredFile>) -> Recovery {
        Recovery {
            maps_dir,
            files,
            written: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        }
    }
}

/// Where the recovery file for a maps directory lives:
/// `state_dir/recovery/<dir_key of the maps dir>.ron`.
pub fn path_for(state_dir: &Path, maps_dir: &Path) -> PathBuf {
    state_dir
        .join("recovery")
        .join(format!("{}.ron", dir_key(maps_dir)))
}

/// The bytes to write (RON, pretty). Used by a panic hook, so it must not
/// panic: the one thing serialising can fail on is a path that is not UTF-8
/// (RON strings are); such paths are then written lossily, and the texts,
/// which are what matters, still exactly.
pub fn to_bytes(r: &Recovery) -> Vec<u8> {
    if let Ok(s) = pretty(r) {
        return s.into_bytes();
    }
    let lossy = |p: &Path| PathBuf::from(p.to_string_lossy().into_owned());
    let r = Recovery {
        maps_dir: lossy(&r.maps_dir),
        files: r
            .files
            .iter()
            .map(|f| RecoveredFile {
                path: lossy(&f.path),
                text: f.text.clone(),
            })
            .collect(),
        written: r.written,
    };
    // Cannot fail now that every string is UTF-8; an empty file (reported as
    // broken by `read`) beats a panic inside a panic hook all the same.
    pretty(&r).map(String::into_bytes).unwrap_or_default()
}

fn pretty(r: &Recovery) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .escape_strings(false);
    let mut s = ron::ser::to_string_pretty(r, config)?;
    s.push('\n');
    Ok(s)
}

/// Where this process should write its recovery for a maps directory: the
/// usual file when there is none, else a new file beside it
/// (`<key>.<seconds>-<pid>.ron`), because a recovery file that is there is
/// one nobody has restored yet — dismissed, kept, or another instance's —
/// and must never be overwritten (issue 20, item 5). Such files are offered
/// in turn, oldest first (see [`read`]).
pub fn place(state_dir: &Path, maps_dir: &Path) -> PathBuf {
    let main = path_for(state_dir, maps_dir);
    if fs::symlink_metadata(&main).is_err() {
        return main;
    }
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    main.with_file_name(format!(
        "{}.{secs:011}-{}.ron",
        dir_key(maps_dir),
        std::process::id()
    ))
}

/// The recovery files waiting for this maps directory, in the order they
/// are offered: the usual one, then those written beside it, oldest first.
pub fn pending(state_dir: &Path, maps_dir: &Path) -> Vec<PathBuf> {
    let main = path_for(state_dir, maps_dir);
    let prefix = format!("{}.", dir_key(maps_dir));
    let mut beside: Vec<PathBuf> = main
        .parent()
        .and_then(|d| fs::read_dir(d).ok())
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix(&prefix))
                .and_then(|rest| rest.strip_suffix(".ron"))
                .is_some_and(|mid| {
                    !mid.is_empty() && mid.bytes().all(|b| b.is_ascii_digit() || b == b'-')
                })
        })
        .collect();
    beside.sort();
    let mut out = Vec::with_capacity(beside.len() + 1);
    if main.exists() {
        out.push(main);
    }
    out.extend(beside);
    out
}

/// Atomically writes the recovery (creating directories) where [`place`]
/// says. Returns its path.
pub fn write(state_dir: &Path, r: &Recovery) -> Result<PathBuf, StoreError> {
    let path = place(state_dir, &r.maps_dir);
    write_at(&path, &to_bytes(r))?;
    Ok(path)
}

/// Writes recovery bytes at `path`, creating its directory.
pub fn write_at(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    }
    save_atomic(path, bytes)?;
    Ok(())
}

/// Writes recovery bytes at `path`, or, when that fails (an unwritable
/// state directory), in the system's temporary directory under a name of
/// their own. Returns where they went; `Err` holds both failures. A caller
/// dying with unsaved edits must say where they are (issue 20, item 5).
pub fn write_with_fallback(path: &Path, bytes: &[u8]) -> Result<PathBuf, String> {
    let first = match write_at(path, bytes) {
        Ok(()) => return Ok(path.to_path_buf()),
        Err(e) => e,
    };
    let name = path
        .file_stem()
        .map_or_else(|| "recovery".into(), |s| s.to_string_lossy().into_owned());
    let other =
        std::env::temp_dir().join(format!("mizan-recovery-{name}-{}.ron", std::process::id()));
    match write_at(&other, bytes) {
        Ok(()) => Ok(other),
        Err(second) => Err(format!("{first}; and {second}")),
    }
}

/// Reads the recovery offered first for this maps dir (see [`pending`]);
/// `Ok(None)` when there is none. A broken file is an `Err` naming the file
/// and what is wrong with it; the file is left alone for the person to
/// inspect.
pub fn read(state_dir: &Path, maps_dir: &Path) -> Result<Option<Recovery>, StoreError> {
    let Some(path) = pending(state_dir, maps_dir).into_iter().next() else {
        return Ok(None);
    };
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(&path, e)),
    };
    let broken = |why: String| {
        StoreError::Invalid(format!(
            "{}: the recovery file of unsaved edits is damaged ({why}); it was left in place",
            path.display()
        ))
    };
    let text = String::from_utf8(bytes).map_err(|e| broken(format!("not UTF-8: {e}")))?;
    ron::from_str(&text)
        .map(Some)
        .map_err(|e| broken(e.to_string()))
}

/// Removes the recovery file [`read`] gives (Ok when there was none).
pub fn discard(state_dir: &Path, maps_dir: &Path) -> Result<(), StoreError> {
    let Some(path) = pending(state_dir, maps_dir).into_iter().next() else {
        return Ok(());
    };
    match fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(&path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts a map really holds, and the ones that break naive writers.
    const HARD_TEXTS: &[&str] = &[
        "",
        "Article(\n    id: \"x\",\n    claim_ar: \"إِنَّ القُوَّاتِ الأَمْرِيكِيَّةَ يَجِبُ أَنْ تَنْسَحِبَ\",\n)\n",
        "quote \"inner\" and back\\slash and \\\" and \\n literally",
        "raw string ends \"# and \"## and ###\"",
        "ends with a backslash \\",
        "crlf\r\nand lone\rcr\tand tab",
        "nul \u{0} and bidi \u{202E}controls\u{202C} and zwj \u{200D} and tatweel ـــ",
        "\"",
        "#",
        "\u{FEFF}bom first",
    ];

    fn sample(maps_dir: &Path) -> Recovery {
        Recovery {
            maps_dir: maps_dir.to_path_buf(),
            files: HARD_TEXTS
                .iter()
                .enumerate()
                .map(|(i, t)| RecoveredFile {
                    path: maps_dir.join(format!("m{i}.ron")),
                    text: (*t).to_owned(),
                })
                .collect(),
            written: 1_709_210_096,
        }
    }

    fn parse(bytes: &[u8]) -> Recovery {
        ron::from_str(std::str::from_utf8(bytes).unwrap()).unwrap()
    }

    #[test]
    fn hard_texts_round_trip_exactly_and_stay_readable() {
        let r = sample(Path::new("maps"));
        let bytes = to_bytes(&r);
        assert_eq!(parse(&bytes), r);
        let s = String::from_utf8(bytes).unwrap();
        assert!(s.starts_with("Recovery("), "{s}");
        // Harakat written as themselves, not as \u{...} escapes.
        assert!(s.contains("إِنَّ القُوَّاتِ"), "{s}");
    }

    #[test]
    fn write_read_discard() {
        let tmp = tempfile::tempdir().unwrap();
        let state = tmp.path().join("state");
        let maps = tmp.path().join("maps");
        fs::create_dir(&maps).unwrap();
        assert_eq!(read(&state, &maps).unwrap(), None);

        let r = sample(&maps);
        let p = write(&state, &r).unwrap();
        assert_eq!(p, path_for(&state, &maps));
        assert_eq!(
            p.strip_prefix(&state).unwrap(),
            Path::new("recovery").join(format!("{}.ron", dir_key(&maps)))
        );
        assert_eq!(read(&state, &maps).unwrap(), Some(r.clone()));
        // The same directory by another spelling finds the same file.
        assert_eq!(
            read(&state, &maps.join("..").join("maps")).unwrap(),
            Some(r)
        );

        discard(&state, &maps).unwrap();
        assert_eq!(read(&state, &maps).unwrap(), None);
        discard(&state, &maps).unwrap();
    }

    #[test]
    fn broken_file_is_an_error_that_names_it_and_leaves_it() {
        let tmp = tempfile::tempdir().unwrap();
        let maps = tmp.path().join("maps");
        let p = path_for(tmp.path(), &maps);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        let junks: [&[u8]; 2] = [b"Recovery(maps_dir: \"maps\", files: [", b"\xff\xfe"];
        for junk in junks {
            fs::write(&p, junk).unwrap();
            let msg = read(tmp.path(), &maps).unwrap_err().to_string();
            assert!(msg.contains(&p.display().to_string()), "{msg}");
            assert!(msg.contains("damaged"), "{msg}");
            assert_eq!(fs::read(&p).unwrap(), junk);
        }
    }

    #[test]
    fn recovery_new_stamps_the_time() {
        let r = Recovery::new(PathBuf::from("maps"), Vec::new());
        assert!(r.written > 1_700_000_000);
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_paths_do_not_lose_the_texts() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let odd = PathBuf::from(OsStr::from_bytes(b"maps-\xff"));
        let mut r = sample(&odd);
        r.files[1].path = odd.join("a.ron");
        let back = parse(&to_bytes(&r));
        assert_eq!(back.maps_dir, PathBuf::from("maps-\u{FFFD}"));
        let texts = |r: &Recovery| r.files.iter().map(|f| f.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&back), texts(&r));
    }

    proptest! {
        #[test]
        fn any_text_round_trips(text in any::<String>(), path in "[a-z/]{0,12}\\.ron") {
            let r = Recovery {
                maps_dir: PathBuf::from("maps"),
                files: vec![RecoveredFile { path: PathBuf::from(path), text }],
                written: 7,
            };
            prop_assert_eq!(parse(&to_bytes(&r)), r);
        }

        #[test]
        fn quote_and_hash_heavy_text_round_trips(text in "[\"#\\\\ra\\n\u{64e}]{0,40}") {
            let r = Recovery {
                maps_dir: PathBuf::from("maps"),
                files: vec![RecoveredFile { path: PathBuf::from("x.ron"), text }],
                written: 7,
            };
            prop_assert_eq!(parse(&to_bytes(&r)), r);
        }
    }
}
