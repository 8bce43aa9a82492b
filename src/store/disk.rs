//! What is on disk now, compared with what a map was read from: a save must
//! not silently overwrite a file that another editor (or `git checkout`)
//! changed since mizan loaded it.

use std::hash::Hasher;
use std::path::Path;

/// A hash of a file's bytes. Only compared within one run of mizan (std's
/// hasher is not promised to be stable across Rust versions, and need not be).
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    // Tell an empty file from "never read" (0).
    h.finish() | 1
}

/// The hash of what `path` holds now; `None` when it does not exist.
pub fn hash_on_disk(path: &Path) -> std::io::Result<Option<u64>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(content_hash(&bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_tell_contents_apart() {
        assert_eq!(content_hash(b"abc"), content_hash(b"abc"));
        assert_ne!(content_hash(b"abc"), content_hash(b"abd"));
        assert_ne!(content_hash(b""), 0);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.ron");
        assert_eq!(hash_on_disk(&p).unwrap(), None);
        std::fs::write(&p, "x").unwrap();
        assert_eq!(hash_on_disk(&p).unwrap(), Some(content_hash(b"x")));
    }
}
