//! The diff of two versions of a set of map files (two files, two maps
//! directories, two git revisions): files are paired by path, identical
//! bytes are skipped without parsing, the rest are parsed and diffed on
//! every core. An article whose file was renamed is paired by its id.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::article::{ArticleChanges, FieldChange, diff_article};
use crate::model::{Article, Motion};
use crate::store::{parse_article, parse_motion};

/// Two versions of one file; `None` where the file does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePair {
    pub path: String,
    pub old: Option<Vec<u8>>,
    pub new: Option<Vec<u8>>,
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Added,
    Removed,
    Changed,
    /// Renamed from `old_path` (and maybe changed).
    Renamed,
}

/// The changes to one article map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleDiff {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_path: Option<String>,
    pub id: String,
    pub status: FileStatus,
    #[serde(flatten)]
    pub changes: ArticleChanges,
}

/// A theme of the motion added, removed, or relabelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ThemeChange {
    Added {
        id: String,
        en: String,
    },
    Removed {
        id: String,
        en: String,
    },
    Renamed {
        id: String,
        fields: Vec<FieldChange>,
    },
}

/// The changes to the motion file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct MotionDiff {
    pub path: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<ThemeChange>,
}

/// A file that changed but could not be read as a map on one side; shown
/// with its error rather than hiding the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    pub path: String,
    pub error: String,
}

/// Everything that differs between two versions of a corpus.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct CorpusDiff {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub motion: Option<MotionDiff>,
    pub articles: Vec<ArticleDiff>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<Unreadable>,
}

impl CorpusDiff {
    pub fn is_empty(&self) -> bool {
        self.motion.is_none() && self.articles.is_empty() && self.unreadable.is_empty()
    }
}

enum Version {
    Absent,
    Article(Box<Article>),
    Motion(Motion),
}

fn read(path: &str, bytes: Option<&[u8]>) -> Result<Version, String> {
    let Some(bytes) = bytes else {
        return Ok(Version::Absent);
    };
    let p = Path::new(path);
    if String::from_utf8_lossy(&bytes[..bytes.len().min(64)])
        .trim_start()
        .starts_with("Motion")
    {
        return parse_motion(p, bytes)
            .map(|(m, _)| Version::Motion(m))
            .map_err(|d| format!("{}: {}", d.location(), d.message));
    }
    let (entry, _) = parse_article(p, bytes);
    match (entry.article, entry.error) {
        (Some(a), _) => Ok(Version::Article(Box::new(a))),
        (None, Some(d)) => Err(format!("{}: {}", d.location(), d.message)),
        (None, None) => Err(format!("{path}: does not parse")),
    }
}

/// One file's part of the diff.
enum Part {
    Article(ArticleDiff),
    /// Only one side has the article: kept aside to pair renames by id.
    Lone(ArticleDiff, Box<Article>, bool),
    Motion(MotionDiff),
    Unreadable(Unreadable),
    Same,
}

/// Diffs every pair of file versions; pairs with equal bytes cost nothing.
pub fn diff_files(pairs: &[FilePair]) -> CorpusDiff {
    let parts: Vec<Part> = pairs
        .par_iter()
        .filter(|p| p.old != p.new)
        .map(diff_pair)
        .collect();
    let mut out = CorpusDiff::default();
    let mut lone: Vec<(ArticleDiff, Box<Article>, bool)> = Vec::new();
    for part in parts {
        match part {
            Part::Article(d) => out.articles.push(d),
            Part::Lone(d, a, added) => lone.push((d, a, added)),
            Part::Motion(m) => out.motion = Some(m),
            Part::Unreadable(u) => out.unreadable.push(u),
            Part::Same => {}
        }
    }
    pair_renames(lone, &mut out.articles);
    out.articles.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// An added and a removed file holding the same article id are one article renamed.
fn pair_renames(lone: Vec<(ArticleDiff, Box<Article>, bool)>, out: &mut Vec<ArticleDiff>) {
    let mut removed: HashMap<String, (ArticleDiff, Box<Article>)> = HashMap::new();
    let mut added = Vec::new();
    for (d, a, is_added) in lone {
        if is_added {
            added.push((d, a));
        } else {
            removed.insert(d.id.clone(), (d, a));
        }
    }
    for (d, a) in added {
        match removed.remove(&d.id) {
            Some((old_d, old_a)) => out.push(ArticleDiff {
                path: d.path,
                old_path: Some(old_d.path),
                id: d.id,
                status: FileStatus::Renamed,
                changes: diff_article(&old_a, &a),
            }),
            None => out.push(d),
        }
    }
    out.extend(removed.into_values().map(|(d, _)| d));
}

fn diff_pair(p: &FilePair) -> Part {
    let versions = (
        read(&p.path, p.old.as_deref()),
        read(&p.path, p.new.as_deref()),
    );
    let (old, new) = match versions {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            return Part::Unreadable(Unreadable {
                path: p.path.clone(),
                error: e,
            });
        }
    };
    let article = |id: &str, status, changes| ArticleDiff {
        path: p.path.clone(),
        old_path: None,
        id: id.to_owned(),
        status,
        changes,
    };
    match (old, new) {
        (Version::Article(o), Version::Article(n)) if o.meta.id == n.meta.id => {
            let changes = diff_article(&o, &n);
            if changes.is_empty() {
                Part::Same
            } else {
                Part::Article(article(&n.meta.id, FileStatus::Changed, changes))
            }
        }
        (Version::Absent, Version::Article(n)) => {
            let d = article(&n.meta.id, FileStatus::Added, whole(&n, true));
            Part::Lone(d, n, true)
        }
        (Version::Article(o), Version::Absent) => {
            let d = article(&o.meta.id, FileStatus::Removed, whole(&o, false));
            Part::Lone(d, o, false)
        }
        (Version::Motion(o), Version::Motion(n)) => {
            let m = diff_motion(&p.path, Some(&o), Some(&n));
            if m.fields.is_empty() && m.themes.is_empty() {
                Part::Same
            } else {
                Part::Motion(m)
            }
        }
        (Version::Absent, Version::Motion(n)) => Part::Motion(diff_motion(&p.path, None, Some(&n))),
        (Version::Motion(o), Version::Absent) => Part::Motion(diff_motion(&p.path, Some(&o), None)),
        _ => Part::Unreadable(Unreadable {
            path: p.path.clone(),
            error: "the file holds a different map on each side (another article id, or motion and article)".into(),
        }),
    }
}

/// An article added or removed whole: every node, as added or removed.
fn whole(a: &Article, added: bool) -> ArticleChanges {
    let empty = Article {
        meta: crate::model::ArticleMeta {
            id: a.meta.id.clone(),
            ..Default::default()
        },
        nodes: vec![crate::model::Node::from(crate::model::NodeFields {
            id: a.node(a.root).id().into(),
            ..Default::default()
        })],
        root: 0,
    };
    let mut c = if added {
        diff_article(&empty, a)
    } else {
        diff_article(a, &empty)
    };
    // The thesis, matched by id with the placeholder, is all "changed" fields:
    // say it was added or removed like the other nodes.
    let thesis = a.node(a.root);
    c.nodes.retain(|n| n.id() != thesis.id());
    let place = super::article::Place {
        parent: None,
        position: 0,
    };
    let t = if added {
        super::article::NodeChange::Added {
            id: thesis.id().to_string(),
            at: place,
            claim_en: thesis.claim_en().to_string(),
        }
    } else {
        super::article::NodeChange::Removed {
            id: thesis.id().to_string(),
            from: place,
            claim_en: thesis.claim_en().to_string(),
        }
    };
    c.nodes.insert(0, t);
    c
}

/// The changes to the motion: question and themes (by id).
pub fn diff_motion(path: &str, old: Option<&Motion>, new: Option<&Motion>) -> MotionDiff {
    let empty = Motion::default();
    let (o, n) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    let mut fields = Vec::new();
    for (name, a, b) in [
        ("question_en", &o.question_en, &n.question_en),
        ("question_ar", &o.question_ar, &n.question_ar),
    ] {
        if a != b {
            fields.push(FieldChange {
                field: name,
                old: old.map(|_| a.to_string()),
                new: new.map(|_| b.to_string()),
            });
        }
    }
    let mut themes = Vec::new();
    for t in &n.themes {
        match o.theme(&t.id) {
            None => themes.push(ThemeChange::Added {
                id: t.id.to_string(),
                en: t.en.to_string(),
            }),
            Some(ot) if ot != t => {
                let mut fs = Vec::new();
                for (name, a, b) in [("en", &ot.en, &t.en), ("ar", &ot.ar, &t.ar)] {
                    if a != b {
                        fs.push(FieldChange {
                            field: name,
                            old: Some(a.to_string()),
                            new: Some(b.to_string()),
                        });
                    }
                }
                themes.push(ThemeChange::Renamed {
                    id: t.id.to_string(),
                    fields: fs,
                });
            }
            Some(_) => {}
        }
    }
    for t in &o.themes {
        if n.theme(&t.id).is_none() {
            themes.push(ThemeChange::Removed {
                id: t.id.to_string(),
                en: t.en.to_string(),
            });
        }
    }
    MotionDiff {
        path: path.to_owned(),
        fields,
        themes,
    }
}
