//! `mizan import json`: a JSON export back into canonical RON map files.
//!
//! The document is checked whole before anything is written (schema name and
//! version, parent indices, relation/bearing/stance names, safe file names),
//! and a target file whose bytes differ from what would be written is a
//! conflict: nothing is written unless the caller forces it, so an import can
//! never silently overwrite a curator's changes.

use std::fs;
use std::path::{Path, PathBuf};

use super::json::{Doc, JsonArticle, SCHEMA, VERSION};
use crate::model::ids;
use crate::model::{
    Article, ArticleMeta, Bearing, ClaimKind, Genre, Link, LinkKind, Motion, Node, NodeFields,
    NodeIdx, Relation, Stance, StanceBasis, Theme,
};
use crate::store::load::MAX_DEPTH;
use crate::store::{MOTION_FILE, StoreError, canon, names, regular, save};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not a mizan JSON export: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Invalid(String),
    #[error(
        "{} file(s) differ from the import and were left alone: {}",
        .0.len(),
        .0.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    Conflict(Vec<PathBuf>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What happened to each file of an import.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub written: Vec<PathBuf>,
    pub unchanged: Vec<PathBuf>,
}

/// The files an import would write: (file name, canonical text).
pub fn plan(json: &str) -> Result<Vec<(String, String)>, ImportError> {
    let doc: Doc = serde_json::from_str(json)?;
    if doc.schema != SCHEMA {
        return Err(invalid(format!(
            "schema is `{}`, expected `{SCHEMA}`",
            doc.schema
        )));
    }
    let doc = migrate(doc)?;
    let mut files = Vec::with_capacity(doc.articles.len() + 1);
    if let Some(m) = doc.motion {
        let motion = Motion {
            question_en: m.question_en.into(),
            question_ar: m.question_ar.into(),
            themes: m
                .themes
                .into_iter()
                .map(|t| Theme {
                    id: t.id.into(),
                    en: t.en.into(),
                    ar: t.ar.into(),
                })
                .collect(),
        };
        files.push((MOTION_FILE.to_owned(), canon::motion_to_string(&motion)));
    }
    for ja in doc.articles {
        check_file_name(&ja.file)?;
        if files.iter().any(|(f, _)| f.eq_ignore_ascii_case(&ja.file)) {
            return Err(invalid(format!(
                "two articles use the file `{}` (up to case)",
                ja.file
            )));
        }
        let file = ja.file.clone();
        let article = to_article(ja)?;
        check_article(&article)?;
        files.push((file, canon::article_to_string(&article)));
    }
    Ok(files)
}

/// Imports a JSON export into `dir`. Files already holding the same bytes
/// are left untouched; differing ones are a [`ImportError::Conflict`] unless
/// `force`.
pub fn import(json: &str, dir: &Path, force: bool) -> Result<Report, ImportError> {
    let files = plan(json)?;
    let mut report = Report::default();
    let mut conflicts = Vec::new();
    let mut to_write = Vec::new();
    for (name, text) in files {
        // The same rules as a new article's file, against what is in `dir`
        // (the motion's name is the one fixed name allowed).
        let path = if name == MOTION_FILE {
            dir.join(&name)
        } else {
            names::map_file_path(dir, &name)?
        };
        match regular::read(&path) {
            Ok(old) if old == text.as_bytes() => report.unchanged.push(path),
            Ok(_) if !force => conflicts.push(path),
            Ok(_) => to_write.push((path, text)),
            Err(e) if e.is_not_found() => to_write.push((path, text)),
            Err(e) => return Err(e.at(&path).into()),
        }
    }
    if !conflicts.is_empty() {
        return Err(ImportError::Conflict(conflicts));
    }
    if !to_write.is_empty() {
        fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    }
    for (path, text) in to_write {
        save::save_atomic(&path, text.as_bytes())?;
        report.written.push(path);
    }
    Ok(report)
}

/// Brings a document of an older schema version to [`VERSION`].
///
/// Version 1 is version 2 without `voice`, `kind`, `genre` and
/// `stance_basis`: every v1 node is in the author's voice and unclassified,
/// every stance explicit, so the upgrade only relabels the document. A v1
/// document that carries a v2 field is refused rather than read as v2, since
/// no mizan wrote one and its version is then not to be trusted.
pub fn migrate(mut doc: Doc) -> Result<Doc, ImportError> {
    match doc.version {
        VERSION => Ok(doc),
        1 => {
            for a in &doc.articles {
                let node_field = a.nodes.iter().find_map(|n| {
                    n.voice
                        .as_ref()
                        .map(|_| "voice")
                        .or(n.kind.as_ref().map(|_| "kind"))
                        .map(|f| (f, &n.id))
                });
                let field = a
                    .genre
                    .as_ref()
                    .map(|_| ("genre", &a.id))
                    .or(a.stance_basis.as_ref().map(|_| ("stance_basis", &a.id)))
                    .or(node_field);
                if let Some((f, id)) = field {
                    return Err(invalid(format!(
                        "article `{}`: `{f}` (on `{id}`) is a version 2 field, \
                         but the document says version 1",
                        a.id
                    )));
                }
            }
            doc.version = VERSION;
            Ok(doc)
        }
        v => Err(invalid(format!(
            "schema version {v} is not supported (this mizan reads versions 1 to {VERSION})"
        ))),
    }
}

fn invalid(msg: String) -> ImportError {
    ImportError::Invalid(msg)
}

/// A file name must stay inside the target directory and be a map: a
/// `.ron` name whose stem is a valid article id (issue 20, item 15: no
/// `MOTION.ron`, `-rf.ron`, ` .ron` or bidi controls), and the loader's
/// limits hold before anything is written (item 7).
fn check_file_name(name: &str) -> Result<(), ImportError> {
    let stem = name.strip_suffix(".ron").unwrap_or(name);
    match (name.ends_with(".ron"), ids::check_article_id(stem)) {
        (true, Ok(())) => Ok(()),
        (_, Err(why)) if name.ends_with(".ron") => Err(invalid(format!(
            "`{}` is not a usable map file name: {why}",
            ids::shown(name)
        ))),
        _ => Err(invalid(format!(
            "`{}` is not a usable map file name (a `.ron` name without directories)",
            ids::shown(name)
        ))),
    }
}

/// What the loader refuses, refused before writing: an invalid article id
/// and a tree deeper than the loader reads. (What the loader accepts and
/// `check` reports, such as a bad node id, is imported as it is, so that
/// export → import stays exact.)
fn check_article(a: &Article) -> Result<(), ImportError> {
    let at = |what: String| invalid(format!("article `{}`: {what}", ids::shown(a.id())));
    ids::check_article_id(a.id()).map_err(invalid)?;
    let mut depth = vec![0usize; a.nodes.len()];
    for (i, n) in a.nodes.iter().enumerate() {
        // Parents come before children (checked by `to_article`).
        depth[i] = n.parent().map_or(1, |p| depth[p as usize] + 1);
        if depth[i] > MAX_DEPTH {
            return Err(at(format!(
                "the tree is nested deeper than {MAX_DEPTH} levels, which mizan does not load"
            )));
        }
    }
    Ok(())
}

fn to_article(ja: JsonArticle) -> Result<Article, ImportError> {
    let id = ja.id;
    let at = |what: String| invalid(format!("article `{id}`: {what}"));
    let stance = match ja.stance.as_deref() {
        None => None,
        Some(s) => Some(Stance::parse(s).ok_or_else(|| at(format!("unknown stance `{s}`")))?),
    };
    let genre = match ja.genre.as_deref() {
        None => None,
        Some(g) => Some(Genre::parse(g).ok_or_else(|| at(format!("unknown genre `{g}`")))?),
    };
    let stance_basis = match ja.stance_basis.as_deref() {
        None => StanceBasis::Explicit,
        Some(b) => {
            StanceBasis::parse(b).ok_or_else(|| at(format!("unknown stance basis `{b}`")))?
        }
    };
    if ja.nodes.is_empty() {
        return Err(at("has no nodes (the thesis is nodes[0])".into()));
    }
    let mut nodes: Vec<Node> = Vec::with_capacity(ja.nodes.len());
    for (i, jn) in ja.nodes.into_iter().enumerate() {
        let parent = match (i, jn.parent) {
            (0, None) => None,
            (0, Some(_)) => return Err(at("the thesis (nodes[0]) has a parent".into())),
            (_, Some(p)) if p < i => Some(p as NodeIdx),
            (_, p) => {
                return Err(at(format!(
                    "node `{}` needs a parent index before its own ({i}), found {p:?}",
                    jn.id
                )));
            }
        };
        let relation = match jn.relation.as_deref() {
            None => None,
            Some("supports") => Some(Relation::Supports),
            Some("opposes") => Some(Relation::Opposes),
            Some(r) => return Err(at(format!("unknown relation `{r}`"))),
        };
        let bearing = match jn.bearing.as_deref() {
            None => None,
            Some("for") => Some(Bearing::For),
            Some("against") => Some(Bearing::Against),
            Some("neither") => Some(Bearing::Neither),
            Some(b) => return Err(at(format!("unknown bearing `{b}`"))),
        };
        let kind = match jn.kind.as_deref() {
            None => None,
            Some(k) => {
                Some(ClaimKind::parse(k).ok_or_else(|| at(format!("unknown claim kind `{k}`")))?)
            }
        };
        let mut links = Vec::with_capacity(jn.links.len());
        for l in jn.links {
            let kind = match l.kind.as_str() {
                "agrees" => LinkKind::Agrees,
                "contradicts" => LinkKind::Contradicts,
                "rebuts" => LinkKind::Rebuts,
                k => return Err(at(format!("unknown link kind `{k}`"))),
            };
            links.push(Link {
                kind,
                to: l.to.into(),
            });
        }
        if let Some(p) = parent {
            nodes[p as usize].children_mut().push(i as NodeIdx);
        }
        nodes.push(Node::from(NodeFields {
            id: jn.id.into(),
            claim_en: jn.claim_en.into(),
            claim_ar: jn.claim_ar.into(),
            voice: jn.voice.map(Into::into),
            kind,
            relation,
            bearing,
            quote: jn.quote.map(Into::into),
            themes: jn.themes.into_iter().map(Into::into).collect(),
            links,
            note: jn.note.map(Into::into),
            conflicts: Vec::new(),
            parent,
            children: Vec::new(),
        }));
    }
    let boxed = |s: Option<String>| s.map(Into::into);
    Ok(Article {
        meta: ArticleMeta {
            id: id.clone().into(),
            title_en: ja.title_en.into(),
            title_original: ja.title_original.into(),
            author: boxed(ja.author),
            outlet: boxed(ja.outlet),
            date: boxed(ja.date),
            date_inferred: ja.date_inferred,
            genre,
            language: ja.language.into(),
            source: boxed(ja.source),
            stance,
            stance_basis,
            rationale_en: ja.rationale_en.into(),
            conflicts: Vec::new(),
            rationale_ar: ja.rationale_ar.into(),
        },
        nodes,
        root: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Paths that would escape the target directory are refused.
    #[test]
    fn refuses_unsafe_file_names() {
        for bad in [
            "../x.ron",
            "a/b.ron",
            ".hidden.ron",
            "x.txt",
            "motion.ron",
            "MOTION.ron",
            "-rf.ron",
            " .ron",
            "a\u{202E}b.ron",
        ] {
            assert!(check_file_name(bad).is_err(), "{bad}");
        }
        assert!(check_file_name("000_abc.ron").is_ok());
    }

    // A document of a newer schema version is refused, not misread.
    #[test]
    fn refuses_other_versions() {
        let doc = r#"{"schema":"mizan-maps","version":3,"articles":[]}"#;
        assert!(matches!(plan(doc), Err(ImportError::Invalid(m)) if m.contains("version 3")));
    }

    fn v1_doc(node_extra: &str) -> String {
        format!(
            r#"{{"schema":"mizan-maps","version":1,"articles":[{{"file":"a.ron","id":"a",
            "title_en":"T","title_original":"ت","language":"ar","stance":"anti",
            "rationale_en":"r","rationale_ar":"ر","nodes":[{{"id":"thesis",
            "claim_en":"c","claim_ar":"ع"{node_extra}}}]}}]}}"#
        )
    }

    // A version 1 export (before voice, kind, genre, stance basis) still
    // imports, as the author's own unclassified claims with an explicit stance.
    #[test]
    fn migrates_version_1() {
        let files = plan(&v1_doc("")).unwrap();
        let text = &files[0].1;
        assert!(text.contains("stance: Anti,\n"), "{text}");
        for field in ["voice", "kind", "genre", "stance_basis"] {
            assert!(!text.contains(field), "{field} in {text}");
        }
    }

    // A version 1 document carrying a version 2 field is refused, naming it.
    #[test]
    fn version_1_with_new_fields_is_refused() {
        let err = plan(&v1_doc(r#","voice":"US officials""#)).unwrap_err();
        assert!(
            matches!(&err, ImportError::Invalid(m) if m.contains("`voice`")),
            "{err}"
        );
    }

    // Unknown names of the new fields are refused with the name.
    #[test]
    fn refuses_unknown_claim_kind() {
        let doc = v1_doc(r#","kind":"rumour""#).replace(r#""version":1"#, r#""version":2"#);
        let err = plan(&doc).unwrap_err();
        assert!(
            err.to_string().contains("unknown claim kind `rumour`"),
            "{err}"
        );
    }
}
