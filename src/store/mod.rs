//! Files: reading maps directories with located diagnostics, the canonical
//! writer, atomic saves, and where maps, config and state live. Knows files,
//! not terminals.

pub mod background;
pub mod backup;
pub mod cache;
mod cache_codec;
pub mod canon;
pub mod catalog;
pub mod dirs;
pub mod disk;
mod fast;
mod lex;
pub mod load;
pub mod locate;
pub mod map_save;
pub mod names;
mod raw;
pub mod recovery;
pub mod regular;
pub mod restore;
pub mod save;
pub mod schema;
pub mod sources;
pub mod watch;

use std::path::{Path, PathBuf};

pub use load::{
    MOTION_FILE, load_dir, load_dir_with, load_paths, map_paths, parse_article, parse_motion,
};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(String),
}

impl StoreError {
    pub fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Fills in each diagnostic's offending line from its file, reading every
/// file once. Diagnostics without a line, or whose file is gone, are left as is.
pub fn attach_snippets(diags: &mut [crate::model::Diagnostic]) {
    let mut cache: std::collections::HashMap<PathBuf, Option<String>> = Default::default();
    for d in diags
        .iter_mut()
        .filter(|d| d.snippet.is_none() && d.line > 0)
    {
        let text = cache
            .entry(d.path.clone())
            .or_insert_with(|| regular::read_to_string(&d.path).ok());
        if let Some(t) = text {
            d.snippet = locate::line_of(t, d.line).map(str::to_owned);
        }
    }
}
