//! A derived binary cache of parsed maps, one entry per map file, in the
//! user's cache directory (`mizan cache path` prints it, `mizan cache clear`
//! empties it, `--no-cache` bypasses it). The RON files stay the only
//! source of truth: an entry is a copy of what parsing a file gave, used
//! only while the file is provably the one it was made from, and anything
//! wrong with an entry makes it a miss (the file is parsed and the entry
//! written again), never an error and never a wrong map.
//!
//! An entry is keyed by the file's absolute path (its name in the cache is a
//! hash of the path, and the path itself is stored and compared) and stamped
//! with the file's size, modification and change times (nanoseconds) and
//! inode, and the hash of its content. A read accepts the entry when the
//! stamp matches what `stat` says now. The change time cannot be set back by
//! a user (unlike the modification time), so an edit, a `git checkout` or a
//! copy over the file all change it. One case stat cannot decide: a file
//! modified within the clock's granularity of the entry being written (git
//! calls it "racily clean"); then the file is read and its content hash
//! compared, as it is always when [`Cache::verify_content`] is set.
//!
//! The entry itself is checked before use: a magic number, the format
//! version [`FORMAT`] (also part of the directory name), a checksum of the
//! payload, and a decoder that refuses anything that is not a well-formed
//! tree (`cache_codec`).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use xxhash_rust::xxh3::xxh3_64;

use super::cache_codec;
use crate::model::{Diagnostic, MapEntry};

/// The entry format; bump it whenever the model or the encoding changes.
pub const FORMAT: u32 = 1;

const MAGIC: &[u8; 8] = b"MIZANMAP";

/// A file modified this close to (or after) the moment its entry was
/// written may have changed without its stamp showing it.
const RACY: Duration = Duration::from_secs(2);

/// The cache of parsed maps under one directory.
#[derive(Debug, Clone)]
pub struct Cache {
    root: PathBuf,
    /// Compare every file's content hash, not only its stamp: reads each
    /// map file, so it is slower, but trusts nothing the file system says.
    pub verify_content: bool,
}

/// What `stat` says about a file, as the entry records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    pub size: u64,
    pub mtime: (i64, u32),
    pub ctime: (i64, u32),
    pub inode: u64,
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Stamp {
        let since = |t: std::io::Result<SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()))
        };
        #[cfg(unix)]
        let (ctime, inode) = {
            use std::os::unix::fs::MetadataExt;
            ((meta.ctime(), meta.ctime_nsec() as u32), meta.ino())
        };
        #[cfg(not(unix))]
        let (ctime, inode) = (since(meta.created()), 0);
        Stamp {
            size: meta.len(),
            mtime: since(meta.modified()),
            ctime,
            inode,
        }
    }

    fn modified(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH
            + Duration::new(self.mtime.0.max(0) as u64, self.mtime.1.min(999_999_999))
    }
}

impl Cache {
    /// The user's cache (`directories`' cache dir), if the platform has one.
    pub fn user() -> Option<Cache> {
        super::dirs::project_dirs().map(|p| Cache::at(p.cache_dir()))
    }

    /// A cache kept under `dir` (tests, or a cache dir of one's own).
    pub fn at(dir: &Path) -> Cache {
        Cache {
            root: dir.to_path_buf(),
            verify_content: false,
        }
    }

    /// The directory holding this format's entries.
    pub fn dir(&self) -> PathBuf {
        self.root.join(format!("maps-v{FORMAT}"))
    }

    /// Where the entry for a map file lives.
    pub fn entry_path(&self, source: &Path) -> PathBuf {
        let key = key_of(source);
        self.dir()
            .join(format!("{:016x}.bin", xxh3_64(key.as_bytes())))
    }

    /// Deletes every entry (of every format); returns how many files went.
    pub fn clear(&self) -> std::io::Result<usize> {
        let mut removed = 0;
        let dirs = match fs::read_dir(&self.root) {
            Ok(d) => d,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        for d in dirs {
            let d = d?;
            let name = d.file_name();
            let name = name.to_string_lossy();
            if d.file_type()?.is_dir() && (name.starts_with("maps-v") || name == "index") {
                removed += fs::read_dir(d.path())?.count();
                fs::remove_dir_all(d.path())?;
            }
        }
        Ok(removed)
    }

    /// The map as parsed before, if the entry exists, is sound and was made
    /// from the file as it is now.
    pub fn get(&self, source: &Path, stamp: &Stamp) -> Option<MapEntry> {
        self.lookup(source, stamp).map(|(entry, _)| entry)
    }

    /// [`Cache::get`], and whether the entry was racy (so is worth writing
    /// again now that the content has been compared: it will not be racy
    /// next time).
    fn lookup(&self, source: &Path, stamp: &Stamp) -> Option<(MapEntry, bool)> {
        let bytes = fs::read(self.entry_path(source)).ok()?;
        let e = Entry::parse(&bytes)?;
        if e.key != key_of(source) || e.stamp != *stamp {
            return None;
        }
        let racy = is_racy(stamp, e.written);
        if self.verify_content || racy {
            let now = fs::read(source).ok()?;
            if super::disk::content_hash(&now) != e.hash {
                return None;
            }
        }
        let (article, positions) = cache_codec::decode(e.payload)?;
        let entry = MapEntry {
            path: source.to_path_buf(),
            article: Some(article),
            error: None,
            positions,
            hash: e.hash,
        };
        Some((entry, racy))
    }

    /// Records a map that parsed without any note, from a file with this
    /// stamp (taken before the file was read, so that a change while it was
    /// read makes the entry stale rather than wrong). Best effort: a cache
    /// that cannot be written only costs time.
    pub fn put(&self, source: &Path, stamp: &Stamp, entry: &MapEntry) -> std::io::Result<()> {
        let Some(article) = &entry.article else {
            return Ok(());
        };
        // A map holding unresolved merge conflicts is never cached: the
        // codec does not carry them, and such a map is rare and short-lived.
        if !article.meta.conflicts.is_empty()
            || article.nodes.iter().any(|n| !n.conflicts().is_empty())
        {
            return Ok(());
        }
        let payload = cache_codec::encode(article, &entry.positions);
        let key = key_of(source);
        let written = now_ns();
        let mut out = Vec::with_capacity(payload.len() + key.len() + 96);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&stamp.size.to_le_bytes());
        for (s, ns) in [stamp.mtime, stamp.ctime] {
            out.extend_from_slice(&s.to_le_bytes());
            out.extend_from_slice(&ns.to_le_bytes());
        }
        out.extend_from_slice(&stamp.inode.to_le_bytes());
        out.extend_from_slice(&entry.hash.to_le_bytes());
        out.extend_from_slice(&written.to_le_bytes());
        out.extend_from_slice(&(key.len() as u64).to_le_bytes());
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&xxh3_64(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        let path = self.entry_path(source);
        let dir = self.dir();
        fs::create_dir_all(&dir)?;
        write_replacing(&path, &out)
    }

    /// Reads a map file through the cache: the entry when it is good, else
    /// the file, parsed by `read` (the loader's own reading, with all its
    /// checks), and the entry written for next time.
    pub fn read_through(
        &self,
        source: &Path,
        read: impl FnOnce(&Path) -> (MapEntry, Vec<Diagnostic>),
    ) -> (MapEntry, Vec<Diagnostic>) {
        // Only regular files within the size limit `read` enforces are
        // served from the cache, so a hit never lets past what a read refuses.
        let stamp = fs::metadata(source)
            .ok()
            .filter(|m| m.is_file() && m.len() <= super::regular::max_file_bytes())
            .map(|m| Stamp::of(&m));
        if let Some(s) = &stamp
            && let Some((hit, racy)) = self.lookup(source, s)
        {
            if racy && !is_racy(s, now_ns()) {
                let _ = self.put(source, s, &hit);
            }
            return (hit, Vec::new());
        }
        let (entry, notes) = read(source);
        if let Some(s) = &stamp
            && entry.error.is_none()
            && notes.is_empty()
        {
            let _ = self.put(source, s, &entry);
        }
        (entry, notes)
    }
}

/// The path an entry is keyed by: absolute, so that `maps/a.ron` read from
/// two working directories are two files.
fn key_of(source: &Path) -> String {
    std::path::absolute(source)
        .unwrap_or_else(|_| source.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

fn is_racy(stamp: &Stamp, written_ns: u64) -> bool {
    let written = SystemTime::UNIX_EPOCH + Duration::from_nanos(written_ns);
    stamp.modified() + RACY >= written
}

/// A parsed entry, borrowing its payload.
struct Entry<'a> {
    stamp: Stamp,
    hash: u64,
    written: u64,
    key: &'a str,
    payload: &'a [u8],
}

impl<'a> Entry<'a> {
    fn parse(b: &'a [u8]) -> Option<Entry<'a>> {
        let mut i = 0usize;
        let mut take = |n: usize| -> Option<&'a [u8]> {
            let s = b.get(i..i.checked_add(n)?)?;
            i += n;
            Some(s)
        };
        if take(8)? != MAGIC {
            return None;
        }
        let u32_ = |s: &[u8]| s.try_into().ok().map(u32::from_le_bytes);
        let u64_ = |s: &[u8]| s.try_into().ok().map(u64::from_le_bytes);
        if u32_(take(4)?)? != FORMAT {
            return None;
        }
        let size = u64_(take(8)?)?;
        let mtime = (u64_(take(8)?)? as i64, u32_(take(4)?)?);
        let ctime = (u64_(take(8)?)? as i64, u32_(take(4)?)?);
        let inode = u64_(take(8)?)?;
        let hash = u64_(take(8)?)?;
        let written = u64_(take(8)?)?;
        let klen = usize::try_from(u64_(take(8)?)?).ok()?;
        let key = std::str::from_utf8(take(klen)?).ok()?;
        let plen = usize::try_from(u64_(take(8)?)?).ok()?;
        let sum = u64_(take(8)?)?;
        let payload = take(plen)?;
        if take(1).is_some() || xxh3_64(payload) != sum {
            return None;
        }
        Some(Entry {
            stamp: Stamp {
                size,
                mtime,
                ctime,
                inode,
            },
            hash,
            written,
            key,
            payload,
        })
    }
}

static NEXT_TMP: AtomicU64 = AtomicU64::new(0);

/// Writes a temporary file and renames it over `path`, so that a reader
/// never sees half an entry. No fsync: a lost entry is only a miss.
pub(super) fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let n = NEXT_TMP.fetch_add(1, Ordering::Relaxed);
    let tmp = path.with_extension(format!("tmp-{}-{n}", std::process::id()));
    let result = fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
