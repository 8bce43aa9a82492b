//! Previous versions of a map, kept before it is overwritten, so that a bad
//! edit (or a bad merge from another editor) can be undone after mizan quits.
//!
//! Each map file gets its own folder under the state directory:
//! `backups/<file name>-<dir_key of its directory>/`. The key tells apart two
//! maps directories that hold files of the same name (a checkout and a copy of
//! it, say); it hashes the canonical path so that `maps`, `./maps` and
//! `/home/x/maps` share one folder. Backup names sort by time:
//! `<UTC YYYYMMDDTHHMMSS>.<millis>-<seq>.ron`.

use std::borrow::Cow;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::StoreError;
use super::save::save_atomic;

/// How many backups of one file to keep by default.
pub const KEEP: usize = 10;

/// Copies what `path` holds now (if it exists) into the backups folder for
/// that file under `state_dir`, then deletes the oldest so at most `keep`
/// remain. Returns the backup's path (None when `path` did not exist).
///
/// When the newest backup already holds these bytes no copy is made and its
/// path is returned: saving twice without a change in between must not push
/// a real older version out of the rotation. `keep` is at least 1, so the
/// returned path always exists. Deleting old backups is best effort (a file
/// that cannot be removed stays; the next call tries again), because the
/// backup itself succeeded and a caller must not refuse to save over that.
pub fn backup(path: &Path, state_dir: &Path, keep: usize) -> Result<Option<PathBuf>, StoreError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    store(path, &bytes, state_dir, keep, false).map(Some)
}

/// [`backup`] for a save that has just read `path` (it holds `bytes`) and
/// is about to rename a new file over it: the backup may then be a hard
/// link to the old file, which costs nothing where a copy of a big map
/// with its fsync was most of a save's time (BENCHMARKS.md). Only for that
/// case: a file written in place after a link would change its backup too.
pub fn backup_before_replace(
    path: &Path,
    bytes: &[u8],
    state_dir: &Path,
    keep: usize,
) -> Result<PathBuf, StoreError> {
    store(path, bytes, state_dir, keep, true)
}

fn store(
    path: &Path,
    bytes: &[u8],
    state_dir: &Path,
    keep: usize,
    may_link: bool,
) -> Result<PathBuf, StoreError> {
    let dir = folder(path, state_dir)
        .ok_or_else(|| StoreError::Invalid(format!("{}: not a file path", path.display())))?;
    fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
    let existing = entries(&dir).map_err(|e| StoreError::io(&dir, e))?;
    if let Some((_, newest)) = existing.first()
        && same_file_or_bytes(path, newest, bytes)
    {
        let newest = newest.clone();
        rotate(existing, keep);
        return Ok(newest);
    }
    let key = next_key(existing.first().map(|(k, _)| k), Key::now());
    let dest = dir.join(key.file_name());
    // After a link, the save's rename leaves the old inode to the backup
    // alone. Across file systems a link fails: copy then.
    if !(may_link && fs::hard_link(path, &dest).is_ok()) {
        save_atomic(&dest, bytes)?;
    }
    let mut all = existing;
    all.insert(0, (key, dest.clone()));
    rotate(all, keep);
    Ok(dest)
}

/// Whether the newest backup already holds `bytes`: the same inode (a hard
/// link made by the last backup, with the file not replaced since), or
/// equal contents.
fn same_file_or_bytes(path: &Path, backup: &Path, bytes: &[u8]) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (fs::metadata(path), fs::metadata(backup))
            && a.dev() == b.dev()
            && a.ino() == b.ino()
        {
            return true;
        }
    }
    fs::metadata(backup).is_ok_and(|m| m.len() == bytes.len() as u64)
        && fs::read(backup).is_ok_and(|b| b == bytes)
}

/// The backups of `path`, newest first. Empty when there are none or the
/// folder cannot be read (a listing for a menu; nothing to report).
pub fn list(path: &Path, state_dir: &Path) -> Vec<PathBuf> {
    folder(path, state_dir)
        .and_then(|d| entries(&d).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|(_, p)| p)
        .collect()
}

/// The folder that holds the backups of `path` (None when `path` names no
/// file, e.g. `/` or `..`).
pub fn folder(path: &Path, state_dir: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(
        state_dir
            .join("backups")
            .join(format!("{}-{}", name.to_string_lossy(), dir_key(parent))),
    )
}

/// 16 hex digits naming a directory, the same in every run and every build of
/// mizan (std's `DefaultHasher` is not promised to be): FNV-1a 64 of the
/// canonical path. Falls back to the absolute path when the directory does not
/// exist (it cannot be canonicalized then).
pub fn dir_key(dir: &Path) -> String {
    let canonical = fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf());
    format!("{:016x}", fnv1a64(&path_bytes(&canonical)))
}

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(unix)]
fn path_bytes(p: &Path) -> Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    Cow::Borrowed(p.as_os_str().as_bytes())
}

// Windows paths are UTF-16; lossy UTF-8 is stable for every path a person can
// type, which is all a folder name needs.
#[cfg(not(unix))]
fn path_bytes(p: &Path) -> Cow<'_, [u8]> {
    match p.to_string_lossy() {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }
}

/// Where a backup sorts: the UTC time stamp (fixed width, so text order is
/// time order) and a sequence number for backups within one millisecond.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    stamp: String,
    seq: u32,
}

impl Key {
    fn now() -> Key {
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Key {
            stamp: utc_stamp(since.as_secs(), since.subsec_millis()),
            seq: 0,
        }
    }

    fn file_name(&self) -> String {
        format!("{}-{:04}.ron", self.stamp, self.seq)
    }

    /// Reads a backup's file name back; None for anything mizan did not name
    /// (its own temporary files start with a dot and end otherwise).
    fn parse(name: &str) -> Option<Key> {
        let (stamp, seq) = name.strip_suffix(".ron")?.rsplit_once('-')?;
        let b = stamp.as_bytes();
        let shape_ok = b.len() == 19
            && b.iter().enumerate().all(|(i, &c)| match i {
                8 => c == b'T',
                15 => c == b'.',
                _ => c.is_ascii_digit(),
            });
        if !shape_ok || seq.is_empty() || !seq.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(Key {
            stamp: stamp.to_owned(),
            seq: seq.parse().ok()?,
        })
    }
}

/// The key for a new backup: now, unless the newest backup is from this very
/// millisecond or from the "future" (the clock was set back). Then it goes
/// right after the newest, so names stay in the order the backups were made
/// and rotation never deletes the one just written.
fn next_key(newest: Option<&Key>, now: Key) -> Key {
    match newest {
        Some(n) if n.stamp >= now.stamp => Key {
            stamp: n.stamp.clone(),
            seq: n.seq + 1,
        },
        _ => now,
    }
}

/// The backups in `dir`, newest first; an empty list when `dir` does not exist.
fn entries(dir: &Path) -> std::io::Result<Vec<(Key, PathBuf)>> {
    let read = match fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for entry in read {
        let entry = entry?;
        let name = entry.file_name();
        if let Some(key) = name.to_str().and_then(Key::parse) {
            out.push((key, entry.path()));
        }
    }
    out.sort_by(|a, b| b.0.cmp(&a.0));
    Ok(out)
}

/// Deletes all but the `keep` newest of `newest_first` (at least one stays).
fn rotate(newest_first: Vec<(Key, PathBuf)>, keep: usize) {
    for (_, p) in newest_first.into_iter().skip(keep.max(1)) {
        let _ = fs::remove_file(p);
    }
}

/// `YYYYMMDDTHHMMSS.mmm` in UTC.
fn utc_stamp(secs: u64, millis: u32) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}.{millis:03}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01, counting in
/// 400-year eras (146,097 days each) that start on 1 March, so the leap day
/// falls at the end of a year and needs no special case.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468; // days from 0000-03-01 to 1970-01-01
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // day of era, 0..=146096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of the March-based year
    let mp = (5 * doy + 2) / 153; // month, March = 0
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_published_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn dir_key_is_the_same_for_every_spelling_of_a_directory() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(dir_key(Path::new(".")), dir_key(&cwd));
        assert_eq!(dir_key(Path::new("src/..")), dir_key(&cwd));
        assert_eq!(dir_key(&cwd).len(), 16);
        assert_ne!(dir_key(Path::new("src")), dir_key(&cwd));
    }

    #[test]
    fn utc_stamps() {
        assert_eq!(utc_stamp(0, 0), "19700101T000000.000");
        assert_eq!(utc_stamp(951_782_400, 7), "20000229T000000.007");
        assert_eq!(utc_stamp(1_709_210_096, 123), "20240229T123456.123");
        assert_eq!(utc_stamp(4_102_444_799, 999), "20991231T235959.999");
    }

    #[test]
    fn keys_parse_back_and_ignore_other_files() {
        let k = Key {
            stamp: "20240229T123456.123".into(),
            seq: 7,
        };
        assert_eq!(Key::parse(&k.file_name()), Some(k));
        for other in [
            ".20240229T123456.123-0007.ron.tmp-99",
            "20240229T123456.123-0007.txt",
            "20240229T123456.123.ron",
            "2024022XT123456.123-0007.ron",
            "notes.ron",
        ] {
            assert_eq!(Key::parse(other), None, "{other}");
        }
    }

    #[test]
    fn next_key_never_sorts_before_the_newest() {
        let at = |stamp: &str, seq| Key {
            stamp: stamp.into(),
            seq,
        };
        let now = at("20240229T123456.123", 0);
        assert_eq!(next_key(None, now.clone()), now);
        let older = at("20240229T123456.122", 4);
        assert_eq!(next_key(Some(&older), now.clone()), now);
        // Same millisecond, and a clock that was set back.
        let same = at("20240229T123456.123", 2);
        assert_eq!(
            next_key(Some(&same), now.clone()),
            at("20240229T123456.123", 3)
        );
        let future = at("20250101T000000.000", 0);
        assert_eq!(
            next_key(Some(&future), now.clone()),
            at("20250101T000000.000", 1)
        );
    }

    #[test]
    fn missing_file_makes_no_backup() {
        let tmp = tempfile::tempdir().unwrap();
        let state = tmp.path().join("state");
        let map = tmp.path().join("maps").join("x.ron");
        assert_eq!(backup(&map, &state, KEEP).unwrap(), None);
        assert!(list(&map, &state).is_empty());
        assert!(!state.exists());
    }

    #[test]
    fn backups_rotate_newest_first_with_the_old_contents() {
        let tmp = tempfile::tempdir().unwrap();
        let state = tmp.path().join("state");
        let maps = tmp.path().join("maps");
        fs::create_dir(&maps).unwrap();
        let map = maps.join("x.ron");
        let version = |i: usize| format!("Article(id: \"x\", n: {i}, ar: \"مِيزَان\")\n");
        fs::write(&map, version(0)).unwrap();
        let mut made = Vec::new();
        // Fast enough that several fall in one millisecond: names must differ.
        for i in 0..15 {
            let b = backup(&map, &state, 3).unwrap().expect("the file exists");
            assert_eq!(fs::read_to_string(&b).unwrap(), version(i));
            made.push(b);
            fs::write(&map, version(i + 1)).unwrap();
        }
        let mut distinct = made.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), made.len(), "two backups shared a name");

        let kept = list(&map, &state);
        assert_eq!(kept.len(), 3);
        assert_eq!(kept, made[12..].iter().rev().cloned().collect::<Vec<_>>());
        let texts: Vec<String> = kept
            .iter()
            .map(|p| fs::read_to_string(p).unwrap())
            .collect();
        assert_eq!(texts, [version(14), version(13), version(12)]);
        // Only backups in the folder: no temporary files left behind.
        let dir = folder(&map, &state).unwrap();
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 3);
    }

    #[test]
    fn unchanged_file_is_not_backed_up_twice() {
        let tmp = tempfile::tempdir().unwrap();
        let state = tmp.path().join("state");
        let map = tmp.path().join("x.ron");
        fs::write(&map, "one").unwrap();
        let first = backup(&map, &state, KEEP).unwrap();
        let second = backup(&map, &state, KEEP).unwrap();
        assert_eq!(first, second);
        assert_eq!(list(&map, &state).len(), 1);
        fs::write(&map, "two").unwrap();
        let third = backup(&map, &state, KEEP).unwrap().unwrap();
        assert_eq!(list(&map, &state), vec![third, first.unwrap()]);
    }

    #[test]
    fn same_file_name_in_two_directories_does_not_mix() {
        let tmp = tempfile::tempdir().unwrap();
        let state = tmp.path().join("state");
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("x.ron"), "from a").unwrap();
        fs::write(b.join("x.ron"), "from b").unwrap();
        backup(&a.join("x.ron"), &state, KEEP).unwrap();
        backup(&b.join("x.ron"), &state, KEEP).unwrap();
        let la = list(&a.join("x.ron"), &state);
        let lb = list(&b.join("x.ron"), &state);
        assert_eq!((la.len(), lb.len()), (1, 1));
        assert_ne!(la[0].parent(), lb[0].parent());
        assert_eq!(fs::read_to_string(&la[0]).unwrap(), "from a");
        assert_eq!(fs::read_to_string(&lb[0]).unwrap(), "from b");
        let name = la[0].parent().unwrap().file_name().unwrap();
        assert_eq!(name.to_string_lossy(), format!("x.ron-{}", dir_key(&a)));
    }

    #[test]
    fn keep_zero_still_keeps_the_new_backup() {
        let tmp = tempfile::tempdir().unwrap();
        let map = tmp.path().join("x.ron");
        fs::write(&map, "v1").unwrap();
        backup(&map, tmp.path(), 0).unwrap();
        fs::write(&map, "v2").unwrap();
        let b = backup(&map, tmp.path(), 0).unwrap().unwrap();
        assert_eq!(list(&map, tmp.path()), vec![b.clone()]);
        assert_eq!(fs::read_to_string(b).unwrap(), "v2");
    }
}
