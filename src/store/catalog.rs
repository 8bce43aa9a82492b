//! The catalog of a maps directory: each map file with its article's
//! descriptive fields (id, titles, stance, date, ...) but not its tree, read
//! from the head of each file. It answers "which file holds article X" so
//! that a command about a few articles (`compare A B`, `export --article`,
//! `search article:X`) reads only their files, and it is what a browser can
//! list before any tree has loaded.
//!
//! A canonical file's head is read by `fast::parse_head` from its first
//! bytes; any other file is parsed whole (through the cache when there is
//! one). With a cache, the catalog itself is kept as one entry per maps
//! directory, and a file's row is reused while its stamp (size, times,
//! inode) is unchanged, so listing 20,000 maps costs a `stat` each.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use super::cache::{Cache, FORMAT, Stamp};
use super::cache_codec::{Reader, Writer, decode_with, encode_with, get_meta, put_meta};
use super::load::{map_paths, read_article};
use super::{StoreError, fast};
use crate::model::ArticleMeta;

/// How much of a file the head scan reads first; a head longer than this
/// (very long rationales) is read whole.
const HEAD: usize = 8 * 1024;

const MAGIC: &[u8; 8] = b"MIZANCAT";

/// One map file of the directory.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub path: PathBuf,
    /// The article's fields; `None` when the file does not parse (loading
    /// it reports why).
    pub meta: Option<ArticleMeta>,
    stamp: Stamp,
}

/// Every map file of a directory, in file-name order (the corpus's order).
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub headers: Vec<Header>,
}

impl Catalog {
    /// Lists `dir` and reads each file's head, reusing the cached rows of
    /// files that have not changed and saving the catalog again when any did.
    pub fn scan(dir: &Path, cache: Option<&Cache>) -> Result<Catalog, StoreError> {
        let paths = map_paths(dir)?;
        let old = cache.and_then(|c| read_index(c, dir)).unwrap_or_default();
        let mut changed = old.len() != paths.len();
        let headers: Vec<Header> = paths
            .into_par_iter()
            .map(|path| {
                let stamp = fs::metadata(&path)
                    .ok()
                    .filter(fs::Metadata::is_file)
                    .map(|m| Stamp::of(&m))
                    .unwrap_or_default();
                let name = file_name(&path);
                let known = old
                    .binary_search_by(|(n, _, _)| n.as_str().cmp(&name))
                    .ok()
                    .map(|i| &old[i])
                    .filter(|(_, s, _)| *s == stamp && stamp != Stamp::default());
                let meta = match known {
                    Some((_, _, meta)) => meta.clone(),
                    None => scan_file(&path, cache),
                };
                (known.is_none(), Header { path, meta, stamp })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|(new, h)| {
                changed |= new;
                h
            })
            .collect();
        let catalog = Catalog { headers };
        if changed && let Some(c) = cache {
            let _ = write_index(c, dir, &catalog);
        }
        Ok(catalog)
    }

    /// The file of the article with this id: the first in file-name order,
    /// as in `Corpus::map_of` (a duplicate id is a diagnostic of `check`).
    pub fn file_of(&self, id: &str) -> Option<&Path> {
        self.headers
            .iter()
            .find(|h| h.meta.as_ref().is_some_and(|m| &*m.id == id))
            .map(|h| h.path.as_path())
    }

    /// The ids of every article that parses, for "no article X" messages.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.headers
            .iter()
            .filter_map(|h| h.meta.as_ref().map(|m| &*m.id))
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The article fields of one file: from its head when that is canonical,
/// else from parsing the whole file.
pub fn scan_file(path: &Path, cache: Option<&Cache>) -> Option<ArticleMeta> {
    if let Some(meta) = read_head(path) {
        return Some(meta);
    }
    let (entry, _) = match cache {
        Some(c) => c.read_through(path, read_article),
        None => read_article(path),
    };
    entry.article.map(|a| a.meta)
}

fn read_head(path: &Path) -> Option<ArticleMeta> {
    let mut f = fs::File::open(path).ok()?;
    let mut buf = Vec::with_capacity(HEAD);
    (&mut f).take(HEAD as u64).read_to_end(&mut buf).ok()?;
    let text = match std::str::from_utf8(&buf) {
        Ok(t) => t,
        // The head may end inside a character.
        Err(e) => std::str::from_utf8(&buf[..e.valid_up_to()]).ok()?,
    };
    fast::parse_head(text)
}

/// The catalog's entry: one per maps directory (by its absolute path).
fn index_path(cache: &Cache, dir: &Path) -> PathBuf {
    let key = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    cache.dir().join(format!(
        "catalog-{:016x}.bin",
        xxh3_64(key.to_string_lossy().as_bytes())
    ))
}

type Row = (String, Stamp, Option<ArticleMeta>);

/// The cached rows, sorted by file name; `None` if missing or damaged.
fn read_index(cache: &Cache, dir: &Path) -> Option<Vec<Row>> {
    let bytes = fs::read(index_path(cache, dir)).ok()?;
    let rest = bytes.strip_prefix(MAGIC)?;
    let (version, rest) = rest.split_first_chunk::<4>()?;
    let (sum, payload) = rest.split_first_chunk::<8>()?;
    if u32::from_le_bytes(*version) != FORMAT || u64::from_le_bytes(*sum) != xxh3_64(payload) {
        return None;
    }
    let rows = decode_with(payload, |r| {
        (0..r.len()?)
            .map(|_| {
                let name = r.str()?.into_string();
                let stamp = get_stamp(r)?;
                let meta = if r.flag()? { Some(get_meta(r)?) } else { None };
                Some((name, stamp, meta))
            })
            .collect::<Option<Vec<Row>>>()
    })?;
    rows.is_sorted_by(|a, b| a.0 < b.0).then_some(rows)
}

fn write_index(cache: &Cache, dir: &Path, catalog: &Catalog) -> std::io::Result<()> {
    let payload = encode_with(|w| {
        w.num(catalog.headers.len() as u64);
        for h in &catalog.headers {
            w.str(&file_name(&h.path));
            put_stamp(w, &h.stamp);
            w.byte(h.meta.is_some() as u8);
            if let Some(m) = &h.meta {
                put_meta(w, m);
            }
        }
    });
    let mut out = Vec::with_capacity(payload.len() + 20);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&xxh3_64(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    fs::create_dir_all(cache.dir())?;
    super::cache::write_replacing(&index_path(cache, dir), &out)
}

fn put_stamp(w: &mut Writer, s: &Stamp) {
    w.num(s.size);
    for (secs, ns) in [s.mtime, s.ctime] {
        w.num(secs as u64);
        w.num(ns as u64);
    }
    w.num(s.inode);
}

fn get_stamp(r: &mut Reader) -> Option<Stamp> {
    let size = r.num()?;
    let mut times = [(0i64, 0u32); 2];
    for t in &mut times {
        *t = (r.num()? as i64, u32::try_from(r.num()?).ok()?);
    }
    Some(Stamp {
        size,
        mtime: times[0],
        ctime: times[1],
        inode: r.num()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load_dir;

    // The catalog lists what a full load finds, with the same fields; the
    // cached catalog agrees, and a changed, added or broken file shows.
    #[test]
    fn lists_what_a_load_finds() {
        let maps = tempfile::tempdir().unwrap();
        crate::synthetic::write_corpus(maps.path(), 5, 10, 2).unwrap();
        // A valid map in a layout the head scan declines.
        let odd = fs::read_to_string(maps.path().join("gen-000001.ron"))
            .unwrap()
            .replace("    id: \"gen-000001\",\n", "    id:\"odd\",\n");
        fs::write(maps.path().join("gen-000001.ron"), odd).unwrap();
        fs::write(maps.path().join("broken.ron"), "Article(").unwrap();
        let cache_dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(cache_dir.path());
        let check = |cat: &Catalog| {
            let corpus = load_dir(maps.path()).unwrap();
            assert_eq!(cat.headers.len(), corpus.maps.len());
            for (h, m) in cat.headers.iter().zip(&corpus.maps) {
                assert_eq!(h.path, m.path);
                assert_eq!(h.meta.as_ref(), m.article.as_ref().map(|a| &a.meta));
            }
        };
        let plain = Catalog::scan(maps.path(), None).unwrap();
        check(&plain);
        assert_eq!(
            plain.file_of("odd"),
            Some(maps.path().join("gen-000001.ron").as_path())
        );
        assert_eq!(plain.file_of("gen-000001"), None);
        let first = Catalog::scan(maps.path(), Some(&cache)).unwrap();
        check(&first);
        assert!(index_path(&cache, maps.path()).exists());
        let second = Catalog::scan(maps.path(), Some(&cache)).unwrap();
        check(&second);
        // Change one file's title, add one, damage the index: still right.
        let p = maps.path().join("gen-000003.ron");
        let text = fs::read_to_string(&p).unwrap();
        let at = text.find("title_en: \"").unwrap() + 11;
        fs::write(&p, format!("{}Changed {}", &text[..at], &text[at..])).unwrap();
        crate::synthetic::write_corpus(maps.path(), 7, 10, 2).unwrap();
        check(&Catalog::scan(maps.path(), Some(&cache)).unwrap());
        let idx = index_path(&cache, maps.path());
        let mut bytes = fs::read(&idx).unwrap();
        let last = bytes.len() - 3;
        bytes[last] ^= 1;
        fs::write(&idx, bytes).unwrap();
        check(&Catalog::scan(maps.path(), Some(&cache)).unwrap());
    }

    // A head cut anywhere before `thesis:` is declined, not misread.
    #[test]
    fn cut_heads_are_declined() {
        let (_, arts) = crate::synthetic::generate(1, 3, 9);
        let text = crate::store::canon::article_to_string(&arts[0]);
        let end = text.find("    thesis: ").unwrap() + "    thesis: ".len();
        assert_eq!(fast::parse_head(&text[..end]), Some(arts[0].meta.clone()));
        for cut in 0..end {
            if text.is_char_boundary(cut) {
                assert_eq!(fast::parse_head(&text[..cut]), None, "cut at {cut}");
            }
        }
    }
}
