//! Restoring a recovery: which of its entries may come back as unsaved
//! edits, and what happens to the others. An entry is restored only when
//! its file is directly inside the maps directory being opened (a crafted
//! or stale recovery must not make a later save write elsewhere — issue 20,
//! item 14) and its text parses; every other entry is kept in a file of its
//! own beside the recovery, never dropped with the rest (item 5).

use std::fs;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::recovery::{self, RecoveredFile, Recovery};
use crate::model::MapEntry;

/// A recovery sorted into what comes back and what does not.
#[derive(Debug, Default)]
pub struct Sorted {
    /// Entries that parse and belong to the maps directory.
    pub restore: Vec<MapEntry>,
    /// The rest, each with the reason, in words for a person.
    pub refused: Vec<(RecoveredFile, String)>,
}

/// Sorts the entries of `r` for restoring into `maps_dir`.
pub fn sort(r: &Recovery, maps_dir: &Path) -> Sorted {
    let mut out = Sorted::default();
    let home = fs::canonicalize(maps_dir).ok();
    for f in &r.files {
        if let Err(why) = inside(&f.path, home.as_deref()) {
            out.refused.push((f.clone(), why));
            continue;
        }
        let (entry, _) = super::parse_article(&f.path, f.text.as_bytes());
        match (&entry.article, &entry.error) {
            (Some(_), _) => out.restore.push(entry),
            (None, Some(d)) => out
                .refused
                .push((f.clone(), format!("it does not parse: {d}"))),
            (None, None) => out.refused.push((f.clone(), "it does not parse".into())),
        }
    }
    out
}

/// Whether `path` names a map file directly inside the (canonical) maps
/// directory `home`.
fn inside(path: &Path, home: Option<&Path>) -> Result<(), String> {
    let outside = || {
        format!(
            "its file {} is not in the maps directory being opened",
            path.display()
        )
    };
    let home = home.ok_or_else(outside)?;
    let name = path.file_name().ok_or_else(outside)?;
    let is_map = Path::new(name).extension().is_some_and(|e| e == "ron")
        && name != super::MOTION_FILE
        && path
            .components()
            .next_back()
            .is_some_and(|c| matches!(c, std::path::Component::Normal(_)));
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match fs::canonicalize(parent) {
        Ok(p) if is_map && p == home => Ok(()),
        _ => Err(outside()),
    }
}

/// Ends a restore: the recovery just offered is removed, and the entries
/// that were not restored (if any) are written to a file of their own
/// beside it, `<key>-kept-<seconds>.ron`, which is not offered again.
/// Returns that file's path when there is one.
pub fn finish(
    state_dir: &Path,
    r: &Recovery,
    refused: &[(RecoveredFile, String)],
) -> Result<Option<PathBuf>, StoreError> {
    let kept = if refused.is_empty() {
        None
    } else {
        let rest = Recovery {
            maps_dir: r.maps_dir.clone(),
            files: refused.iter().map(|(f, _)| f.clone()).collect(),
            written: r.written,
        };
        let main = recovery::path_for(state_dir, &r.maps_dir);
        let stem = main
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let path = main.with_file_name(format!("{stem}-kept-{secs}-{}.ron", std::process::id()));
        recovery::write_at(&path, &recovery::to_bytes(&rest))?;
        Some(path)
    };
    recovery::discard(state_dir, &r.maps_dir)?;
    Ok(kept)
}
