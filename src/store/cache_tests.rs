//! The cache serves what parsing the file now would give, or nothing.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::*;
use crate::model::Corpus;
use crate::store::{canon, load_dir, load_dir_with};

/// Sets a file's modification time (an hour ago by default), so that its
/// cache entry is not "racy" and stat alone decides.
fn age(path: &Path, when: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

fn hour_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

/// A maps directory of `n` generated articles, all aged.
fn corpus_dir(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::synthetic::write_corpus(dir.path(), n, 12, 5).unwrap();
    for e in fs::read_dir(dir.path()).unwrap() {
        age(&e.unwrap().path(), hour_ago());
    }
    dir
}

fn same(a: &Corpus, b: &Corpus) {
    assert_eq!(a.maps.len(), b.maps.len());
    for (x, y) in a.maps.iter().zip(&b.maps) {
        assert_eq!(x.path, y.path);
        assert_eq!(x.article, y.article);
        assert_eq!(x.positions, y.positions);
        assert_eq!(x.hash, y.hash);
        assert_eq!(x.error.is_some(), y.error.is_some());
    }
}

// A load through the cache gives what a plain load gives, the first time
// (entries written) and the second (entries read).
#[test]
fn cached_load_equals_plain_load() {
    let maps = corpus_dir(6);
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = Cache::at(cache_dir.path());
    let plain = load_dir(maps.path()).unwrap();
    let first = load_dir_with(maps.path(), Some(&cache)).unwrap();
    same(&plain, &first);
    assert_eq!(fs::read_dir(cache.dir()).unwrap().count(), 6);
    let second = load_dir_with(maps.path(), Some(&cache)).unwrap();
    same(&plain, &second);
}

// An entry is what a later load serves: an entry recorded for the file's
// present stamp is used as it is (which is why stamps must be right).
#[test]
fn a_good_entry_is_served() {
    let maps = corpus_dir(2);
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = Cache::at(cache_dir.path());
    let plain = load_dir(maps.path()).unwrap();
    let path = &plain.maps[0].path;
    let stamp = Stamp::of(&fs::metadata(path).unwrap());
    let mut other = plain.maps[1].clone();
    other.hash = plain.maps[0].hash;
    cache.put(path, &stamp, &other).unwrap();
    let got = cache.get(path, &stamp).unwrap();
    assert_eq!(got.article, other.article);
    assert_eq!(got.path, *path);
}

// A file changed after its entry was written is never served from the
// entry, even with the same size and the old modification time put back
// (the change time and the content hash still tell), and even when the
// change comes within the clock's granularity (the racy case).
#[test]
fn stale_entries_are_never_served() {
    let maps = corpus_dir(3);
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = Cache::at(cache_dir.path());
    load_dir_with(maps.path(), Some(&cache)).unwrap();
    let corpus = load_dir(maps.path()).unwrap();
    let path = corpus.maps[1].path.clone();
    let old_mtime = fs::metadata(&path).unwrap().modified().unwrap();
    // Same length, one letter of a claim different, old mtime restored.
    let text = fs::read_to_string(&path).unwrap();
    let at = text.find("claim_en: \"").unwrap() + "claim_en: \"".len();
    let mut changed = text.clone();
    let swap = if text.as_bytes()[at] == b'Q' {
        "Z"
    } else {
        "Q"
    };
    changed.replace_range(at..at + 1, swap);
    assert_eq!(changed.len(), text.len());
    assert_ne!(changed, text);
    fs::write(&path, &changed).unwrap();
    age(&path, old_mtime);
    let again = load_dir_with(maps.path(), Some(&cache)).unwrap();
    same(&load_dir(maps.path()).unwrap(), &again);
    assert_ne!(again.maps[1].article, corpus.maps[1].article);
    // And a change right now, racy: content compared.
    let a = again.maps[1].article.as_ref().unwrap();
    let mut edited = a.clone();
    edited.meta.title_en = "Edited just now".into();
    fs::write(&path, canon::article_to_string(&edited)).unwrap();
    let third = load_dir_with(maps.path(), Some(&cache)).unwrap();
    assert_eq!(third.maps[1].article.as_ref(), Some(&edited));
}

// A damaged entry (a flipped byte anywhere, a cut, garbage, another file's
// entry under this name) is ignored, the file parsed, and the entry
// written again.
#[test]
fn corrupt_entries_are_ignored_and_rebuilt() {
    let maps = corpus_dir(2);
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = Cache::at(cache_dir.path());
    let plain = load_dir(maps.path()).unwrap();
    load_dir_with(maps.path(), Some(&cache)).unwrap();
    let entry = cache.entry_path(&plain.maps[0].path);
    let good = fs::read(&entry).unwrap();
    let other = fs::read(cache.entry_path(&plain.maps[1].path)).unwrap();
    let mut damaged: Vec<Vec<u8>> = Vec::new();
    for at in (0..good.len()).step_by(good.len() / 97 + 1) {
        let mut b = good.clone();
        b[at] ^= 0x20;
        damaged.push(b);
    }
    damaged.push(good[..good.len() / 2].to_vec());
    damaged.push(b"not an entry".to_vec());
    damaged.push(Vec::new());
    damaged.push(other);
    for bad in damaged {
        fs::write(&entry, &bad).unwrap();
        let c = load_dir_with(maps.path(), Some(&cache)).unwrap();
        same(&plain, &c);
        assert_eq!(fs::read(&entry).unwrap().len(), good.len(), "rewritten");
    }
}

// Maps that did not parse, or parsed with a note, are not cached; clearing
// removes every entry.
#[test]
fn only_clean_maps_are_cached_and_clear_empties() {
    let maps = corpus_dir(2);
    fs::write(maps.path().join("broken.ron"), "Article(id: ").unwrap();
    let bom = maps.path().join("zz-bom.ron");
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend(fs::read(maps.path().join("gen-000000.ron")).unwrap());
    fs::write(&bom, text).unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = Cache::at(cache_dir.path());
    let first = load_dir_with(maps.path(), Some(&cache)).unwrap();
    assert_eq!(fs::read_dir(cache.dir()).unwrap().count(), 2);
    let second = load_dir_with(maps.path(), Some(&cache)).unwrap();
    assert_eq!(first.load_diagnostics.len(), second.load_diagnostics.len());
    assert!(second.maps.iter().any(|m| m.error.is_some()));
    assert_eq!(cache.clear().unwrap(), 2);
    assert!(!cache.dir().exists());
    assert_eq!(cache.clear().unwrap(), 0);
}

// A map holding unresolved merge conflicts is read from its file every time,
// so `check` always sees its conflicts (the cache's codec does not carry them).
#[test]
fn maps_with_conflicts_are_never_cached() {
    let maps = corpus_dir(2);
    let mut files: Vec<_> = fs::read_dir(maps.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "motion.ron"))
        .collect();
    files.sort();
    let plain = load_dir(maps.path()).unwrap();
    let entry = plain.maps.iter().find(|m| m.path == files[0]).unwrap();
    let mut article = entry.article.clone().unwrap();
    article.nodes[0]
        .conflicts_mut()
        .push(crate::model::Conflict::new(
            "claim_en",
            Some("ours"),
            Some("theirs"),
        ));
    fs::write(&files[0], canon::article_to_string(&article)).unwrap();
    age(&files[0], hour_ago());
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = Cache::at(cache_dir.path());
    let plain = load_dir(maps.path()).unwrap();
    for _ in 0..2 {
        let through = load_dir_with(maps.path(), Some(&cache)).unwrap();
        same(&plain, &through);
        let got = through.maps.iter().find(|m| m.path == files[0]).unwrap();
        assert_eq!(got.article.as_ref().unwrap().nodes[0].conflicts().len(), 1);
    }
    assert_eq!(fs::read_dir(cache.dir()).unwrap().count(), 1);
}
