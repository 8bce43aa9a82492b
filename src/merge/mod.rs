//! Three-way merge of map files by node id, for `mizan merge` (git's merge
//! driver): [`merge_texts`] takes the base, ours and theirs as text and gives
//! the merged canonical text and its number of conflicts, or says why the
//! files cannot be merged structurally (then the caller falls back to git's
//! line merge). Articles merge node by node (`article`), the motion theme by
//! theme (`motion`), sibling order in `order`; `resolve` turns "take ours /
//! take theirs" on a conflict left in a map into the map's new content.

mod article;
mod motion;
mod order;
pub mod resolve;

use std::path::Path;

pub use article::{ArticleMerge, MergeError, merge_article};
pub use motion::merge_motion;

use crate::model::{Article, Motion};
use crate::store::{canon, parse_article, parse_motion};

/// A merged file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMerge {
    /// The canonical text of the result.
    pub text: String,
    /// Conflicts written into it (0: a clean merge).
    pub conflicts: usize,
}

/// What one version of a map file holds.
enum Parsed {
    Article(Box<Article>),
    Motion(Motion),
}

/// Merges three versions of one map file (an article or the motion). An
/// empty `base` means both sides added the file. `Err` says, in a curator's
/// words, why the merge cannot be made by node id (a side does not parse,
/// the sides are different kinds of file, the motion conflicts).
pub fn merge_texts(base: &[u8], ours: &[u8], theirs: &[u8]) -> Result<TextMerge, String> {
    // The three sides parse on both cores: parsing is most of the work.
    let (base, (ours, theirs)) = rayon::join(
        || {
            if base.iter().all(u8::is_ascii_whitespace) {
                Ok(None)
            } else {
                parse("base", base).map(Some)
            }
        },
        || rayon::join(|| parse("ours", ours), || parse("theirs", theirs)),
    );
    let (base, ours, theirs) = (base?, ours?, theirs?);
    match (base, ours, theirs) {
        (b, Parsed::Article(o), Parsed::Article(t)) => {
            let b = match b {
                None => None,
                Some(Parsed::Article(b)) => Some(b),
                Some(Parsed::Motion(_)) => {
                    return Err("the base is a motion, the sides articles".into());
                }
            };
            let m = merge_article(b.as_deref(), &o, &t).map_err(|e| e.to_string())?;
            Ok(TextMerge {
                text: canon::article_to_string(&m.article),
                conflicts: m.conflicts,
            })
        }
        (b, Parsed::Motion(o), Parsed::Motion(t)) => {
            let b = match b {
                None => None,
                Some(Parsed::Motion(b)) => Some(b),
                Some(Parsed::Article(_)) => {
                    return Err("the base is an article, the sides motions".into());
                }
            };
            let m = merge_motion(b.as_ref(), &o, &t)?;
            Ok(TextMerge {
                text: canon::motion_to_string(&m),
                conflicts: 0,
            })
        }
        _ => Err("one side is an article map, the other the motion".into()),
    }
}

/// Parses one side, telling an article from the motion by its first word.
fn parse(side: &str, bytes: &[u8]) -> Result<Parsed, String> {
    let path = Path::new(side);
    let text = String::from_utf8_lossy(bytes);
    if text.trim_start().starts_with("Motion") {
        return parse_motion(path, bytes)
            .map(|(m, _)| Parsed::Motion(m))
            .map_err(|d| d.to_string());
    }
    let (entry, _) = parse_article(path, bytes);
    match (entry.article, entry.error) {
        (Some(a), _) => Ok(Parsed::Article(Box::new(a))),
        (None, Some(d)) => Err(format!("{}: {}", d.location(), d.message)),
        (None, None) => Err(format!("{side}: does not parse")),
    }
}

#[cfg(test)]
mod tests;
