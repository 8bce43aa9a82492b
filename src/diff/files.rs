//! The two sides of a diff read from disk: two map files, or two maps
//! directories whose `*.ron` files are paired by name.

use std::path::Path;

use super::corpus::FilePair;
use crate::store::StoreError;

/// Pairs two files, or the `*.ron` files of two directories by name.
pub fn path_pairs(old: &Path, new: &Path) -> Result<Vec<FilePair>, StoreError> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| StoreError::io(p, e));
    if old.is_dir() != new.is_dir() {
        return Err(StoreError::Invalid(format!(
            "{} and {}: compare two files or two directories",
            old.display(),
            new.display()
        )));
    }
    if !old.is_dir() {
        return Ok(vec![FilePair {
            path: new.display().to_string(),
            old: Some(read(old)?),
            new: Some(read(new)?),
        }]);
    }
    let names = |dir: &Path| -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).map_err(|e| StoreError::io(dir, e))? {
            let e = e.map_err(|e| StoreError::io(dir, e))?;
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ron") && e.path().is_file() {
                out.push(name);
            }
        }
        Ok(out)
    };
    let mut all = names(old)?;
    all.extend(names(new)?);
    all.sort();
    all.dedup();
    all.into_iter()
        .map(|name| {
            let (o, n) = (old.join(&name), new.join(&name));
            Ok(FilePair {
                old: if o.exists() { Some(read(&o)?) } else { None },
                new: if n.exists() { Some(read(&n)?) } else { None },
                path: n.display().to_string(),
            })
        })
        .collect()
}
