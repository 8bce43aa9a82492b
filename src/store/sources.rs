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
    load_named(
        dir,
        corpus
            .articles()
            .filter_map(|(_, a)| a.meta.source.as_deref()),
    )
}

/// The source texts of these file names in `dir` (as `load_sources` reads
/// them), for a browser that knows the articles' fields before their trees.
pub fn load_named<'n>(
    dir: &Path,
    names: impl IntoIterator<Item = &'n str>,
) -> Result<Sources, StoreError> {
    let meta = fs::metadata(dir).map_err(|e| StoreError::io(dir, e))?;
    if !meta.is_dir() {
        return Err(StoreError::Invalid(format!(
            "{}: not a directory",
            dir.display()
        )));
    }
    let mut out = Sources::new();
    for name in names {
        // A source name is a file name, never a path: refuse `../x` and `a/b`.
        if name.contains(['/', '\\']) || name == ".." {
            continue;
        }
        if let Ok(text) = super::regular::read_to_string(&dir.join(name)) {
            out.insert(name.to_owned(), text);
        }
    }
    Ok(out)
}

/// Where each quote occurs in `text`, as a byte range of the original text,
/// matching as the quote check does (runs of white space are equal). `None`
/// for a quote that does not occur.
pub fn quote_ranges<'q>(
    text: &str,
    quotes: impl IntoIterator<Item = &'q str>,
) -> Vec<Option<std::ops::Range<usize>>> {
    // The squashed text, and for each of its bytes the original offset of the
    // character that byte belongs to.
    let mut squashed = String::with_capacity(text.len());
    let mut origin: Vec<usize> = Vec::with_capacity(text.len());
    let mut in_space = true;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                squashed.push(' ');
                origin.push(i);
            }
            in_space = true;
        } else {
            let start = squashed.len();
            squashed.push(c);
            origin.extend(std::iter::repeat_n(i, squashed.len() - start));
            in_space = false;
        }
    }
    quotes
        .into_iter()
        .map(|q| {
            let q = crate::model::validate::squash_space(q);
            if q.is_empty() {
                return None;
            }
            let at = squashed.find(&q)?;
            let end = at + q.len();
            // The end maps to just past the last character's original bytes.
            let last = origin[end - 1];
            let last_len = text[last..].chars().next().map_or(1, char::len_utf8);
            Some(origin[at]..last + last_len)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // A quote that differs only in white space maps to the original bytes.
    #[test]
    fn quote_ranges_map_back() {
        let text = "أولا،  من ناحية\nالفوائد، لم تعد";
        let r = quote_ranges(text, ["من ناحية الفوائد،", "غير موجود"]);
        let range = r[0].clone().unwrap();
        assert_eq!(&text[range], "من ناحية\nالفوائد،");
        assert_eq!(r[1], None);
    }
}
