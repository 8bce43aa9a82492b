//! What must hold for a map file whatever its bytes, since maps are shared
//! untrusted input (issue 20): reading it never panics; a file that does
//! not load is refused with a located error; one that loads is written back
//! canonically, and that text loads again to the same text (`fmt` is
//! idempotent); checking and exporting it never panic, and nothing they
//! print carries a control or bidi character to a terminal.
//!
//! One function per property set, shared by the seeded mutation test
//! (`tests/fuzz_maps.rs`, part of `cargo test`) and the `cargo fuzz`
//! target under `tests/fuzz/` for long runs; it lives in the library
//! because the fuzz target can only call the public API, and at the top
//! because it drives every layer (store, check, export).

use std::path::Path;

use crate::export::{self, Format, Selection};
use crate::model::{Corpus, validate};
use crate::text::sanitize::is_forbidden;

/// Checks a map file's bytes against the properties above; `Err` says
/// which one failed. `deep` also validates and exports a map that loads
/// (slower; a test runs it on some of its cases).
pub fn check_map_bytes(bytes: &[u8], deep: bool) -> Result<(), String> {
    let path = Path::new("fuzz.ron");
    let (entry, notes) = crate::store::parse_article(path, bytes);
    for d in notes.iter().chain(entry.error.iter()) {
        if d.is_error() && (d.line == 0 || d.col == 0) {
            return Err(format!("an error without a place: {d:?}"));
        }
        printable(&d.to_string(), "a diagnostic")?;
    }
    let Some(article) = &entry.article else {
        return match entry.error {
            Some(_) => Ok(()),
            None => Err("neither a map nor an error".into()),
        };
    };
    let canon = crate::store::canon::article_to_string(article);
    let (again, _) = crate::store::parse_article(path, canon.as_bytes());
    let Some(again) = again.article else {
        return Err(format!(
            "the canonical text does not load: {:?}",
            again.error.map(|d| d.to_string())
        ));
    };
    if crate::store::canon::article_to_string(&again) != canon {
        return Err("the canonical text is not stable (fmt is not idempotent)".into());
    }
    if !deep {
        return Ok(());
    }
    let corpus = Corpus::new(None, "motion.ron".into(), vec![entry]);
    for d in validate::validate(&corpus, Path::new("."), None) {
        printable(&d.to_string(), "a check finding")?;
    }
    let sel = Selection::new(&corpus, &[]).map_err(|e| format!("selection: {e}"))?;
    for format in Format::ALL {
        let text = export::render(&sel, format).map_err(|e| format!("{format:?}: {e}"))?;
        printable(&text, format.name())?;
    }
    Ok(())
}

/// Checks a JSON import's bytes: planning the import never panics, and
/// every map file it would write loads again (import applies the loader's
/// limits before writing anything — issue 20, item 7).
pub fn check_import_bytes(bytes: &[u8]) -> Result<(), String> {
    let Ok(json) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let Ok(files) = crate::export::import::plan(json) else {
        return Ok(());
    };
    for (name, text) in files {
        if name == crate::store::MOTION_FILE {
            continue;
        }
        let (entry, _) = crate::store::parse_article(Path::new(&name), text.as_bytes());
        if let Some(d) = entry.error {
            return Err(format!(
                "import would write {name}, which does not load: {d}"
            ));
        }
    }
    Ok(())
}

/// `Err` when `text` holds a control or bidi character other than a line
/// break or a tab.
fn printable(text: &str, what: &str) -> Result<(), String> {
    match text
        .chars()
        .find(|&c| c != '\n' && c != '\t' && is_forbidden(c))
    {
        Some(c) => Err(format!(
            "{what} carries U+{:04X} to the terminal: {text:?}",
            c as u32
        )),
        None => Ok(()),
    }
}
