//! Where things live: which maps directory to use, and the per-user config,
//! data and state directories (from the `directories` crate).

use std::fs;
use std::path::{Path, PathBuf};

use super::StoreError;

include!(concat!(env!("OUT_DIR"), "/embedded_maps.rs"));

/// How the maps directory was chosen, for `--help` and the UI to tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapsOrigin {
    /// Given with `--maps`.
    Flag,
    /// `./maps` in the working directory.
    WorkingDir,
    /// The user's data directory (seeded from the bundled maps if it was empty).
    DataDir { seeded: bool },
}

pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "mizan")
}

/// The user's data directory for maps, if the platform has one.
pub fn data_maps_dir() -> Option<PathBuf> {
    project_dirs().map(|p| p.data_dir().join("maps"))
}

/// The default config file path.
pub fn config_file() -> Option<PathBuf> {
    project_dirs().map(|p| p.config_dir().join("config.ron"))
}

/// Where the UI writes exports unless the config names a folder: the
/// user's documents folder's `mizan` (`~/Documents/mizan`), else the data
/// directory's `exports` (`~/.local/share/mizan/exports`). Never the
/// working directory, which is often the clone of the maps.
pub fn export_dir() -> Option<PathBuf> {
    directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(|d| d.join("mizan")))
        .or_else(|| project_dirs().map(|p| p.data_dir().join("exports")))
}

/// The state directory (backups, recovery files).
pub fn state_dir() -> Option<PathBuf> {
    project_dirs().map(|p| p.state_dir().unwrap_or(p.data_local_dir()).to_path_buf())
}

/// Picks the maps directory: the flag, else `./maps`, else the data directory,
/// which is seeded with the bundled maps when it does not exist yet.
pub fn resolve_maps_dir(flag: Option<&Path>) -> Result<(PathBuf, MapsOrigin), StoreError> {
    if let Some(p) = flag {
        return Ok((p.to_path_buf(), MapsOrigin::Flag));
    }
    let local = PathBuf::from("maps");
    if local.is_dir() {
        return Ok((local, MapsOrigin::WorkingDir));
    }
    let dir = data_maps_dir().ok_or_else(|| {
        StoreError::Invalid("no ./maps here and no home directory to keep maps in".into())
    })?;
    let seeded = seed(&dir)?;
    Ok((dir, MapsOrigin::DataDir { seeded }))
}

/// Writes the bundled maps into `dir` if it does not exist. Returns whether it did.
pub fn seed(dir: &Path) -> Result<bool, StoreError> {
    if dir.exists() {
        return Ok(false);
    }
    fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    for (name, text) in EMBEDDED {
        super::save::save_atomic(&dir.join(name), text.as_bytes())?;
    }
    Ok(true)
}
