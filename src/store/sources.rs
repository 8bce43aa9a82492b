//! Source texts: the articles' full texts, read from a sources directory by
//! the file name each map names. Used by the quote check and the source pane.

use std::fs;
use std::path::Path;

use super::StoreError;
use crate::model::Corpus;
use crate::model::validate::Sources;

/// Reads the source texts the corpus names from `dir`. A missing file is left
/// out (validation reports it); an unreadable directory is an error.
pub fn load_sources(dir: &Path, corpus: &Corpus) -> Result<Sources, StoreError> {
    let meta = fs::metadata(dir).map_err(|e| StoreError::io(dir, e))?;
    if !meta.is_dir() {
        return Err(StoreError::Invalid(format!(
            "{}: not a directory",
            dir.display()
        )));
    }
    let mut out = Sources::new();
    for (_, a) in corpus.articles() {
        let Some(name) = a.meta.source.as_deref() else {
            continue;
        };
        // A source name is a file name, never a path: refuse `../x` and `a/b`.
        if name.contains(['/', '\\']) || name == ".." {
            continue;
        }
        if let Ok(text) = fs::read_to_string(dir.join(name)) {
            out.insert(name.to_owned(), text);
        }
    }
    Ok(out)
}
