//! Reading a file mizan did not write (a map, the motion, a source text, a
//! config, a JSON import) as untrusted input: only a regular file, and only
//! up to a size limit. A FIFO would block `open` or `read` forever, a device
//! like `/dev/zero` would be read until memory runs out, and a 2 GB file
//! would make every later pass over its text allocate gigabytes.
//!
//! The type is checked on the open file, not on the path before opening it,
//! so nothing can swap the file between the check and the read; the open
//! itself does not block (`O_NONBLOCK`), which is what makes a FIFO safe to
//! open at all.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use super::StoreError;

/// The largest file mizan reads by default: 64 MiB. The bundled maps are
/// under 100 KB, and a generated map of 50,000 nodes about 25 MB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 << 20;

/// The environment variable that sets the limit, in mebibytes.
pub const MAX_FILE_ENV: &str = "MIZAN_MAX_FILE_MB";

/// The size limit in bytes: `MIZAN_MAX_FILE_MB` when it holds a positive
/// number, else [`DEFAULT_MAX_FILE_BYTES`].
pub fn max_file_bytes() -> u64 {
    std::env::var(MAX_FILE_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&mb| mb > 0)
        .map_or(DEFAULT_MAX_FILE_BYTES, |mb| mb.saturating_mul(1 << 20))
}

/// Why an untrusted file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("not a regular file ({0}); mizan reads maps only from regular files")]
    NotRegular(&'static str),
    #[error(
        "the file is larger than {limit} bytes, the limit for one file \
         (set {MAX_FILE_ENV} to a number of MiB to raise it)"
    )]
    TooLarge { limit: u64 },
}

impl ReadError {
    /// Whether the file does not exist (callers often treat that apart).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == ErrorKind::NotFound)
    }

    /// The error as a store error naming the file.
    pub fn at(self, path: &Path) -> StoreError {
        match self {
            ReadError::Io(e) => StoreError::io(path, e),
            other => StoreError::Invalid(format!("{}: {other}", path.display())),
        }
    }
}

/// Opens `path` for reading without blocking on a FIFO, and checks on the
/// open file that it is a regular one. Symlinks are followed (a map may be a
/// link into another checkout); what they point to must be regular too.
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = opts.open(path)?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        return Err(ReadError::NotRegular(kind_name(&kind)));
    }
    Ok(file)
}

/// A name for a file type, for the error message.
fn kind_name(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "not a plain file"
    }
}

/// Reads a regular file whole, refusing one larger than `limit` bytes. The
/// length is checked on the open file first and the read is bounded too, so
/// a file that grows while being read cannot get past the limit.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    read_open(&file, limit)
}

/// [`read_limited`] with the configured limit ([`max_file_bytes`]).
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_limited(path, max_file_bytes())
}

/// [`read`] as UTF-8 text (invalid UTF-8 is an I/O error of kind
/// `InvalidData`, as `std::fs::read_to_string` gives).
pub fn read_to_string(path: &Path) -> Result<String, ReadError> {
    let bytes = read(path)?;
    String::from_utf8(bytes)
        .map_err(|e| ReadError::Io(std::io::Error::new(ErrorKind::InvalidData, e)))
}

/// Reads an already opened regular file, bounded by `limit`.
pub fn read_open(file: &File, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    read_open_into(file, limit, &mut bytes)?;
    Ok(bytes)
}

/// [`read`] into `bytes` (cleared first), so that a caller reading many
/// files can keep one buffer for all of them.
pub fn read_into(path: &Path, bytes: &mut Vec<u8>) -> Result<(), ReadError> {
    let file = open_regular(path)?;
    read_open_into(&file, max_file_bytes(), bytes)
}

fn read_open_into(mut file: &File, limit: u64, bytes: &mut Vec<u8>) -> Result<(), ReadError> {
    bytes.clear();
    let len = file.metadata()?.len();
    if len > limit {
        return Err(ReadError::TooLarge { limit });
    }
    bytes.reserve_exact(len as usize);
    Read::by_ref(&mut file).take(limit + 1).read_to_end(bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(())
}

/// Reads a stream (stdin) bounded by `limit`.
pub fn read_stream(stream: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    stream.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Issue 20, item 6: a FIFO is refused at once instead of blocking.
    #[cfg(unix)]
    #[test]
    fn fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let err = read(&fifo).unwrap_err();
        assert!(matches!(err, ReadError::NotRegular("a FIFO")), "{err}");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    // A symlink to a character device is refused on the open file.
    #[cfg(unix)]
    #[test]
    fn symlink_to_a_device_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.ron");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let err = read(&link).unwrap_err();
        assert!(matches!(err, ReadError::NotRegular("a device")), "{err}");
        let to_dir = dir.path().join("d.ron");
        std::fs::create_dir(&to_dir).unwrap();
        assert!(matches!(
            read(&to_dir).unwrap_err(),
            ReadError::NotRegular("a directory")
        ));
    }

    // Issue 20, item 10: a sparse file past the limit is refused by its
    // length, without reading (or allocating) it.
    #[test]
    fn large_file_is_refused_by_its_length() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.ron");
        let f = File::create(&big).unwrap();
        f.set_len(3 << 30).unwrap();
        let err = read(&big).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains(MAX_FILE_ENV), "{err}");
        std::fs::write(&big, b"0123456789").unwrap();
        assert!(matches!(
            read_limited(&big, 9),
            Err(ReadError::TooLarge { limit: 9 })
        ));
        assert_eq!(read_limited(&big, 10).unwrap(), b"0123456789");
        assert!(read(&dir.path().join("none")).unwrap_err().is_not_found());
        assert!(matches!(
            read_stream(&b"abc"[..], 2),
            Err(ReadError::TooLarge { .. })
        ));
    }
}
