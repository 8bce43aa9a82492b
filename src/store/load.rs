//! Reads a maps directory: the motion file and every article map. Each file
//! is parsed on its own (in parallel), and one broken file never stops the
//! others: it becomes a [`MapEntry`] carrying its diagnostic.

use std::cell::Cell;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use ron::extensions::Extensions;

use super::StoreError;
use super::cache::Cache;
use super::raw::{RawArticle, RawMotion};
use super::{fast, locate};
use crate::model::corpus::Pos;
use crate::model::{Article, Corpus, Diagnostic, MapEntry, Motion};

/// The deepest argument tree accepted. Real maps are under 10 levels; the
/// bound keeps a malicious or broken file from overflowing the parser's stack.
pub const MAX_DEPTH: usize = 100;

/// The motion file's name inside a maps directory.
pub const MOTION_FILE: &str = "motion.ron";

pub(super) fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        // ron counts about four levels per tree level (measured), and more
        // for lists inside a node; a little slack here, and `checked_depth`
        // makes the documented limit exact.
        .with_recursion_limit(4 * MAX_DEPTH + 16)
}

/// Loads every `*.ron` in `dir`. Fails only when the directory itself cannot
/// be read; problems with single files are reported in the corpus.
pub fn load_dir(dir: &Path) -> Result<Corpus, StoreError> {
    load_dir_with(dir, None)
}

/// [`load_dir`], reading map files through a cache of parsed maps when one
/// is given (see `store::cache`).
pub fn load_dir_with(dir: &Path, cache: Option<&Cache>) -> Result<Corpus, StoreError> {
    Ok(load_paths(dir, &map_paths(dir)?, cache))
}

/// The article map files of a maps directory, in name order.
pub fn map_paths(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let entries = fs::read_dir(dir).map_err(|e| StoreError::io(dir, e))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io(dir, e))?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "ron")
            && path.file_name() != Some(MOTION_FILE.as_ref())
        {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// The motion of `dir` and the given map files only (in the order given):
/// what a command that needs a few articles loads (`store::catalog` finds
/// their files).
pub fn load_paths(dir: &Path, paths: &[PathBuf], cache: Option<&Cache>) -> Corpus {
    let motion_path = dir.join(MOTION_FILE);
    let (motion, maps) = rayon::join(
        || read_motion(&motion_path),
        || {
            paths
                .par_iter()
                .map(|p| match cache {
                    Some(c) => c.read_through(p, read_article),
                    None => read_article(p),
                })
                .collect::<Vec<_>>()
        },
    );
    let mut load_diagnostics = Vec::new();
    let motion = match motion {
        Ok((m, notes)) => {
            load_diagnostics.extend(notes);
            Some(m)
        }
        Err(Some(d)) => {
            load_diagnostics.push(d);
            None
        }
        Err(None) => None,
    };
    let mut maps_out = Vec::with_capacity(maps.len());
    for (entry, notes) in maps {
        load_diagnostics.extend(notes);
        maps_out.push(entry);
    }
    let mut corpus = Corpus::new(motion, motion_path, maps_out);
    corpus.load_diagnostics = load_diagnostics;
    corpus
}

/// `Err(None)` when the file does not exist (validation reports it).
fn read_motion(path: &Path) -> Result<(Motion, Vec<Diagnostic>), Option<Diagnostic>> {
    let bytes = match super::regular::read(path) {
        Ok(b) => b,
        Err(e) if e.is_not_found() => return Err(None),
        Err(e) => return Err(Some(io_diagnostic(path, &e))),
    };
    parse_motion(path, &bytes).map_err(Some)
}

/// Parses a motion file's bytes.
pub fn parse_motion(path: &Path, bytes: &[u8]) -> Result<(Motion, Vec<Diagnostic>), Diagnostic> {
    let mut notes = Vec::new();
    let text = decode(path, bytes, &mut notes)?;
    let raw: RawMotion = ron_options()
        .from_str(text)
        .map_err(|e| parse_diagnostic(path, text, &e, "Motion"))?;
    Ok((raw.into(), notes))
}

pub(super) fn read_article(path: &Path) -> (MapEntry, Vec<Diagnostic>) {
    let mut bytes = READ_BUFFER.with(Cell::take);
    let out = match super::regular::read_into(path, &mut bytes) {
        Ok(()) => parse_article(path, &bytes),
        Err(e) => (failed(path, io_diagnostic(path, &e)), Vec::new()),
    };
    if bytes.capacity() <= READ_BUFFER_KEPT {
        READ_BUFFER.with(|b| b.set(bytes));
    }
    out
}

thread_local! {
    /// The buffer each loading thread reads map files into, kept from one
    /// file to the next: a buffer a file, freed after parsing, left holes
    /// the size of a file between the nodes kept (measured at a million
    /// nodes: ~30 bytes a node of the 600 issue 19 allows).
    static READ_BUFFER: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// A read buffer larger than this is dropped rather than kept.
const READ_BUFFER_KEPT: usize = 4 << 20;

fn failed(path: &Path, d: Diagnostic) -> MapEntry {
    MapEntry {
        path: path.to_path_buf(),
        article: None,
        error: Some(d),
        positions: Vec::new(),
        hash: 0,
    }
}

/// Parses an article map's bytes; a parse failure is an entry with `error`.
/// Also returns non-fatal notes (a byte-order mark).
pub fn parse_article(path: &Path, bytes: &[u8]) -> (MapEntry, Vec<Diagnostic>) {
    let (entry, notes) = parse_bytes(path, bytes);
    let mut entry = checked_id(path, bytes, entry);
    entry.hash = super::disk::content_hash(bytes);
    (entry, notes)
}

fn parse_bytes(path: &Path, bytes: &[u8]) -> (MapEntry, Vec<Diagnostic>) {
    let mut notes = Vec::new();
    let text = match decode(path, bytes, &mut notes) {
        Ok(t) => t,
        Err(d) => return (failed(path, d), notes),
    };
    if let Some((article, positions)) = fast::parse_article(text) {
        return (checked_depth(path, text, article, positions), notes);
    }
    match ron_article(text) {
        Ok(raw) => {
            let article = raw.into_article();
            let mut positions = locate::node_positions(text);
            positions.resize(article.nodes.len(), Pos::default());
            (checked_depth(path, text, article, positions), notes)
        }
        Err(e) => (
            failed(path, parse_diagnostic(path, text, &e, "Article")),
            notes,
        ),
    }
}

/// ron's deserialiser recurses a few frames per tree level, and frames are
/// large in debug builds: a tree near ron's recursion limit overflowed a
/// 2 MiB thread stack once a Node had a `conflicts` list too. Texts that
/// nest deeply are therefore parsed on a thread with a roomy stack (only
/// reserved, not used, by shallow parts); others where they are.
fn ron_article(text: &str) -> Result<RawArticle, ron::error::SpannedError> {
    const DEEP: usize = 48;
    const ROOMY_STACK: usize = 64 << 20;
    if nesting_bound(text) < DEEP {
        return ron_options().from_str(text);
    }
    std::thread::scope(|s| {
        let parse = || ron_options().from_str::<RawArticle>(text);
        match std::thread::Builder::new()
            .stack_size(ROOMY_STACK)
            .spawn_scoped(s, parse)
        {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: parse here, as before.
            Err(_) => ron_options().from_str(text),
        }
    })
}

/// The deepest nesting of `(` and `[`, brackets inside strings included:
/// an upper bound of what ron will recurse through, in one fast pass.
fn nesting_bound(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for &b in text.as_bytes() {
        match b {
            b'(' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// The parsed map, or an error at its `id` when the article id is not a
/// safe file stem (`model::ids`): the id names the map's exports and the
/// files of an import, so a map with `id: "/tmp/x"` must stop export,
/// import and save, not only be reported (issue 20, item 1).
fn checked_id(path: &Path, bytes: &[u8], entry: MapEntry) -> MapEntry {
    let Some(a) = &entry.article else {
        return entry;
    };
    let Err(why) = crate::model::ids::check_article_id(&a.meta.id) else {
        return entry;
    };
    // It parsed, so it is UTF-8 (after a byte-order mark, if any).
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let rest = l.trim_start();
            (rest.starts_with("id:") || rest.starts_with("id ")).then(|| (i, l.len() - rest.len()))
        })
        .map_or((1, 1), |(i, indent)| (i as u32 + 1, indent as u32 + 1));
    let mut d = Diagnostic::error(path, "bad-id", why)
        .at(Pos { line, col })
        .hint("the article id names the map's files (exports, imports), so the map is not loaded until it is fixed");
    d.snippet = locate::line_of(text, d.line).map(str::to_owned);
    failed(path, d)
}

/// The parsed map, or an error at the first node deeper than [`MAX_DEPTH`].
/// ron's own limit counts nesting of every kind (a field's list counts too),
/// so it guards the stack; this makes the documented limit exact.
fn checked_depth(path: &Path, text: &str, article: Article, positions: Vec<Pos>) -> MapEntry {
    let mut depth = vec![0usize; article.nodes.len()];
    for idx in article.preorder() {
        let d = article
            .node(idx)
            .parent()
            .map_or(1, |p| depth[p as usize] + 1);
        depth[idx as usize] = d;
        if d > MAX_DEPTH {
            let pos = positions.get(idx as usize).copied().unwrap_or_default();
            let mut diag = Diagnostic::error(
                path,
                "parse",
                format!("the tree is nested deeper than {MAX_DEPTH} levels"),
            )
            .at(pos)
            .hint("is a `)` missing, or the file generated wrongly?");
            diag.snippet = locate::line_of(text, diag.line).map(str::to_owned);
            return failed(path, diag);
        }
    }
    MapEntry {
        path: path.to_path_buf(),
        article: Some(article),
        error: None,
        positions,
        hash: 0,
    }
}

/// UTF-8 text without a byte-order mark (which is accepted, with a warning).
fn decode<'a>(
    path: &Path,
    bytes: &'a [u8],
    notes: &mut Vec<Diagnostic>,
) -> Result<&'a str, Diagnostic> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            notes.push(
                Diagnostic::warning(path, "bom", "the file starts with a UTF-8 byte-order mark")
                    .at(Pos { line: 1, col: 1 })
                    .hint("`mizan fmt` rewrites the file without it"),
            );
            rest
        }
        None => bytes,
    };
    // simdutf8: std's check was a quarter of the load time of 1M nodes.
    let text = simdutf8::compat::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // Safe: the prefix up to valid_up_to is valid UTF-8 by definition.
        let good = std::str::from_utf8(good).unwrap_or_default();
        let line = good.matches('\n').count() as u32 + 1;
        let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        Diagnostic::error(path, "utf8", "the file is not valid UTF-8 text")
            .at(Pos { line, col })
            .hint("maps must be saved as UTF-8; is this a map at all?")
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, "empty", "the file is empty")
            .at(Pos { line: 1, col: 1 })
            .hint("an article map starts with `Article(`; see maps/ for examples"));
    }
    Ok(text)
}

fn io_diagnostic(path: &Path, e: &super::regular::ReadError) -> Diagnostic {
    Diagnostic::error(path, "io", format!("cannot read the file: {e}"))
}

/// Turns ron's error into a located diagnostic in a curator's words.
fn parse_diagnostic(
    path: &Path,
    text: &str,
    e: &ron::error::SpannedError,
    what: &str,
) -> Diagnostic {
    use ron::Error as E;
    let (message, hint): (String, Option<String>) = match &e.code {
        E::Eof => (
            "the file ends too early".into(),
            Some("a closing `)` or `]` is probably missing; was the file cut off?".into()),
        ),
        E::ExpectedComma => ("expected a `,` between fields or items".into(), None),
        E::ExpectedArrayEnd => (
            "expected `]` to close this list".into(),
            Some("is a `,` missing before this?".into()),
        ),
        E::ExpectedStructLikeEnd => (
            "expected `)` to close this".into(),
            Some("is a `,` missing, or a `)` too many?".into()),
        ),
        E::ExpectedString | E::ExpectedStringEnd => {
            ("expected a text in double quotes".into(), None)
        }
        E::ExpectedNamedStructLike(name)
        | E::ExpectedDifferentStructName { expected: name, .. } => (
            format!("expected `{name}(`"),
            Some(format!("this file should hold one `{what}( ... )`")),
        ),
        E::ExpectedStructLike => ("expected `(`".into(), None),
        E::ExpectedIdentifier => (
            "expected a bare name here, not a text in quotes".into(),
            Some(
                "values like stance `Pro` and relation `Supports` are written without quotes"
                    .into(),
            ),
        ),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => (format!("`{found}` is not one of {}", list(expected)), None),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            format!(
                "unknown field `{found}`{}",
                outer
                    .as_ref()
                    .map(|o| format!(" in `{o}`"))
                    .unwrap_or_default()
            ),
            Some(format!("the fields are {}", list(expected))),
        ),
        E::MissingStructField { field, outer } => (
            format!(
                "the required field `{field}` is missing{}",
                outer
                    .as_ref()
                    .map(|o| format!(" from `{o}`"))
                    .unwrap_or_default()
            ),
            None,
        ),
        E::DuplicateStructField { field, .. } => {
            (format!("the field `{field}` is given twice"), None)
        }
        E::ExceededRecursionLimit => (
            format!("the tree is nested deeper than {MAX_DEPTH} levels"),
            Some("is a `)` missing, or the file generated wrongly?".into()),
        ),
        E::TrailingCharacters => (
            format!("unexpected text after the end of the `{what}( ... )`"),
            Some("a file holds exactly one map".into()),
        ),
        E::UnexpectedChar(c) => (
            format!("unexpected character `{}`", c.escape_default()),
            None,
        ),
        E::InvalidEscape(why) => (format!("bad escape in a text: {why}"), None),
        E::UnclosedBlockComment => ("a `/*` comment is never closed".into(), None),
        other => (lowercase_first(&other.to_string()), None),
    };
    let mut d = Diagnostic::error(path, "parse", message).at(Pos {
        line: e.span.start.line as u32,
        col: e.span.start.col as u32,
    });
    d.hint = hint;
    d.snippet = locate::line_of(text, d.line).map(str::to_owned);
    d
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}
