//! A new article's file name from the id a person typed (or an imported
//! file's name). The id becomes a
//! path, so anything that could climb out of the maps directory (`..`, `/`),
//! hide the file (a leading dot), read as a command-line option (a leading
//! `-`), or land on an existing file on a case-insensitive file system
//! (macOS, Windows) is refused with a message that says what to type instead.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::StoreError;

/// The longest article id, in characters (all ASCII, so also in bytes).
pub const MAX_ID_LEN: usize = crate::model::ids::MAX_ARTICLE_ID_LEN;

/// Checks an article id for use as a file name and returns `dir/<id>.ron`.
/// Refuses (`StoreError::Invalid` with a message a person understands): empty;
/// longer than 64; characters other than ASCII letters, digits, '-', '_'; a
/// leading '-'; `motion` (the motion's file); Windows device names; and a
/// clash with an existing file in `dir`, compared case-insensitively.
pub fn new_map_path(dir: &Path, id: &str) -> Result<PathBuf, StoreError> {
    check_id(id).map_err(StoreError::Invalid)?;
    let file = format!("{id}.ron");
    if let Some(existing) = clash(dir, &file)? {
        let msg = if existing == file {
            format!(
                "{} already exists: pick another id",
                dir.join(&existing).display()
            )
        } else {
            format!(
                "{} already exists, and on macOS and Windows `{file}` would be the same file: \
                 pick an id that differs in more than upper and lower case",
                dir.join(&existing).display()
            )
        };
        return Err(StoreError::Invalid(msg));
    }
    Ok(dir.join(file))
}

/// The checks of [`new_map_path`] that need no disk, for a UI to run as the
/// person types: the one rule for article ids (`model::ids`). `Err` holds
/// the message to show.
pub fn check_id(id: &str) -> Result<(), String> {
    crate::model::ids::check_article_id(id)
}

/// A map file name from outside (an import) checked by the same rule: a
/// `.ron` name whose stem is a valid article id, and which does not clash,
/// up to case, with another file already in `dir`. Returns `dir/<name>`.
pub fn map_file_path(dir: &Path, name: &str) -> Result<PathBuf, StoreError> {
    let shown = crate::model::ids::shown(name);
    let stem = name.strip_suffix(".ron").ok_or_else(|| {
        StoreError::Invalid(format!(
            "`{shown}` is not a map file name (it must end in .ron)"
        ))
    })?;
    check_id(stem).map_err(|why| {
        StoreError::Invalid(format!("`{shown}` is not a usable map file name: {why}"))
    })?;
    if let Some(existing) = clash(dir, name)?
        && existing != name
    {
        return Err(StoreError::Invalid(format!(
            "`{name}` and the existing {} differ only in upper and lower case, and are the \
             same file on macOS and Windows",
            dir.join(&existing).display()
        )));
    }
    Ok(dir.join(name))
}

/// The name of an entry in `dir` that is `file` up to case, if any. A
/// missing `dir` clashes with nothing (it will be created for the new file).
fn clash(dir: &Path, file: &str) -> Result<Option<String>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    // Full Unicode lowercase on the existing side: case-insensitive file
    // systems fold e.g. KELVIN SIGN to 'k', which would meet an ASCII id.
    let want = file.to_ascii_lowercase();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.to_lowercase() == want {
            return Ok(Some(name));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(dir: &Path, id: &str) -> String {
        match new_map_path(dir, id) {
            Err(StoreError::Invalid(msg)) => msg,
            other => panic!("{id:?} was not refused: {other:?}"),
        }
    }

    #[test]
    fn ok_ids_give_dir_slash_id_ron() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("alpha.ron"), "").unwrap();
        for id in [
            "beta",
            "saadi-2024-iraq_without",
            "A1",
            "x",
            &"a".repeat(64),
        ] {
            assert_eq!(
                new_map_path(tmp.path(), id).unwrap(),
                tmp.path().join(format!("{id}.ron"))
            );
        }
        // A directory that does not exist yet holds no clash.
        let missing = tmp.path().join("new");
        assert_eq!(new_map_path(&missing, "a").unwrap(), missing.join("a.ron"));
    }

    #[test]
    fn paths_and_hidden_names_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        assert!(refused(d, "../x").contains("'.' is not allowed"));
        assert!(refused(d, "a/b").contains("another folder"));
        assert!(refused(d, "a\\b").contains("another folder"));
        assert!(refused(d, ".hidden").contains("leading dot"));
        assert!(refused(d, "..").contains("parent folder"));
        assert!(refused(d, "a b").contains("' ' is not allowed"));
        assert!(refused(d, "a\nb").contains("control character"));
        assert!(refused(d, "").contains("empty"));
        assert!(refused(d, "-rf").contains("starts with '-'"));
        assert!(refused(d, &"a".repeat(65)).contains("65 characters"));
        assert!(refused(d, "CON").contains("device name"));
        assert!(refused(d, "lpt1").contains("device name"));
        // Nothing was created on the way.
        assert_eq!(fs::read_dir(d).unwrap().count(), 0);
    }

    #[test]
    fn motion_is_reserved_in_any_case() {
        let tmp = tempfile::tempdir().unwrap();
        for id in ["motion", "Motion", "MOTION"] {
            assert!(refused(tmp.path(), id).contains("motion.ron"), "{id}");
        }
        assert!(new_map_path(tmp.path(), "motions").is_ok());
    }

    #[test]
    fn arabic_is_refused_as_not_ascii() {
        let tmp = tempfile::tempdir().unwrap();
        let msg = refused(tmp.path(), "ميزان");
        assert!(msg.contains("not ASCII"), "{msg}");
        assert!(msg.contains("'م'"), "{msg}");
        // Latin look-alikes are not ASCII either.
        assert!(refused(tmp.path(), "caf\u{e9}").contains("not ASCII"));
    }

    #[test]
    fn clashes_are_found_up_to_case() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("alpha.ron"), "").unwrap();
        let msg = refused(tmp.path(), "Alpha");
        assert!(msg.contains("alpha.ron already exists"), "{msg}");
        assert!(msg.contains("upper and lower case"), "{msg}");
        let msg = refused(tmp.path(), "alpha");
        assert!(msg.contains("pick another id"), "{msg}");
        // Only the whole name counts.
        assert!(new_map_path(tmp.path(), "alph").is_ok());
        assert!(new_map_path(tmp.path(), "alpha-2").is_ok());
    }

    #[test]
    fn check_id_needs_no_disk() {
        assert_eq!(check_id("walldorf-2024-time-to-act"), Ok(()));
        assert!(check_id("a/b").is_err());
    }
}
