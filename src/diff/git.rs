//! Reading map files out of git revisions through `git` itself (so every
//! repository git can read, with its config, works): which `*.ron` files a
//! revision has, and their bytes, fetched in one `git cat-file --batch`.
//! Only blobs that differ between the two revisions are read at all.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use super::corpus::FilePair;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git: {0}")]
    Spawn(#[from] std::io::Error),
    #[error("git {args}: {stderr}")]
    Failed { args: String, stderr: String },
    #[error("git cat-file: {0}")]
    Output(String),
}

/// Runs git in `dir` (`None`: the current directory) and returns its stdout.
pub fn git(dir: Option<&Path>, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let mut cmd = Command::new("git");
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let out = cmd.args(args).stdin(Stdio::null()).output()?;
    if !out.status.success() {
        return Err(GitError::Failed {
            args: args.join(" "),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        });
    }
    Ok(out.stdout)
}

/// Whether `rev` names a commit in the repository at `dir`.
pub fn is_revision(dir: Option<&Path>, rev: &str) -> bool {
    git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .is_ok()
}

/// The `*.ron` files of a revision under `pathspecs` (all when empty), as
/// (path relative to `dir`, blob id).
pub fn ron_files(
    dir: Option<&Path>,
    rev: &str,
    pathspecs: &[String],
) -> Result<Vec<(String, String)>, GitError> {
    let mut args = vec!["ls-tree", "-r", "-z", rev, "--"];
    args.extend(pathspecs.iter().map(String::as_str));
    let out = git(dir, &args)?;
    let mut files = Vec::new();
    for entry in out.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        // `<mode> blob <oid>\t<path>`
        let Some((head, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut words = head.split(' ');
        let (_mode, kind, oid) = (words.next(), words.next(), words.next());
        if kind == Some("blob")
            && path.ends_with(".ron")
            && let Some(oid) = oid
        {
            files.push((path.to_owned(), oid.to_owned()));
        }
    }
    Ok(files)
}

/// The contents of objects (blob ids or `rev:path`), in the order asked,
/// through one `git cat-file --batch`; `None` for one that does not exist.
pub fn read_blobs(dir: Option<&Path>, oids: &[String]) -> Result<Vec<Option<Vec<u8>>>, GitError> {
    if oids.is_empty() {
        return Ok(Vec::new());
    }
    let mut cmd = Command::new("git");
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| GitError::Output("no stdin".into()))?;
    let request: String = oids.iter().map(|o| format!("{o}\n")).collect();
    // Written from another thread: git answers while it reads, and a full
    // pipe either way would otherwise block both processes.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| GitError::Output("no stdout".into()))?;
    let mut reader = BufReader::with_capacity(1 << 20, stdout);
    let mut blobs = Vec::with_capacity(oids.len());
    let mut header = String::new();
    for oid in oids {
        header.clear();
        reader.read_line(&mut header)?;
        // `<oid> blob <size>`, or `<name> missing` / `<name> ambiguous`
        if header.trim_end().ends_with(" missing") || header.trim_end().ends_with(" ambiguous") {
            blobs.push(None);
            continue;
        }
        let size = header
            .split(' ')
            .nth(2)
            .and_then(|s| s.trim().parse::<usize>().ok())
            .ok_or_else(|| GitError::Output(format!("{oid}: {}", header.trim())))?;
        let mut blob = vec![0; size + 1];
        reader.read_exact(&mut blob)?;
        blob.pop(); // the newline after each blob
        blobs.push(Some(blob));
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(blobs)
}

/// The map files of two revisions paired by path; the bytes are read only
/// where the blob ids differ (equal blobs become equal empty pairs, which
/// the diff skips).
pub fn revision_pairs(
    dir: Option<&Path>,
    old: &str,
    new: &str,
    pathspecs: &[String],
) -> Result<Vec<FilePair>, GitError> {
    let old_files = ron_files(dir, old, pathspecs)?;
    let new_files = ron_files(dir, new, pathspecs)?;
    let mut by_path: std::collections::BTreeMap<String, (Option<String>, Option<String>)> =
        Default::default();
    for (p, o) in old_files {
        by_path.entry(p).or_default().0 = Some(o);
    }
    for (p, o) in new_files {
        by_path.entry(p).or_default().1 = Some(o);
    }
    by_path.retain(|_, (a, b)| a != b);
    let wanted: Vec<String> = by_path
        .values()
        .flat_map(|(a, b)| a.iter().chain(b.iter()).cloned())
        .collect();
    let mut blobs = read_blobs(dir, &wanted)?.into_iter();
    let mut pairs = Vec::with_capacity(by_path.len());
    for (path, (a, b)) in by_path {
        let old = a.and_then(|_| blobs.next().flatten());
        let new = b.and_then(|_| blobs.next().flatten());
        pairs.push(FilePair { path, old, new });
    }
    Ok(pairs)
}
