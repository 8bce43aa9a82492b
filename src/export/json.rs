//! The JSON form of the maps: schema `mizan-maps`, version [`VERSION`],
//! documented in `docs/json-schema.md` with a JSON Schema beside it
//! (`docs/mizan-maps.schema.json`). Field order is fixed by these structs;
//! optional fields are left out when empty, exactly as the canonical RON
//! leaves them out, so export → import round-trips byte for byte.
//!
//! A tree is a flat list of nodes in pre-order, each naming its parent by
//! index, rather than nested objects: nesting would hit JSON parsers' depth
//! limits (serde_json's is 128) on deep trees and is awkward for `jq`.

use serde::{Deserialize, Serialize};

use super::{ExportError, Selection};
use crate::model::{Article, Motion};

/// The schema name written in every document.
pub const SCHEMA: &str = "mizan-maps";
/// The schema version this build writes. Version 2 added a node's `voice`
/// and `kind` and an article's `genre` and `stance_basis`; version 1
/// documents are still read (see `import::migrate`).
pub const VERSION: u32 = 2;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doc {
    pub schema: String,
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motion: Option<JsonMotion>,
    pub articles: Vec<JsonArticle>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonMotion {
    pub question_en: String,
    pub question_ar: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<JsonTheme>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonTheme {
    pub id: String,
    pub en: String,
    pub ar: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonArticle {
    /// The map's file name in the maps directory.
    pub file: String,
    pub id: String,
    pub title_en: String,
    pub title_original: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub date_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<String>,
    /// `implicit` when the stance is an inferred lean; absent when explicit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance_basis: Option<String>,
    pub rationale_en: String,
    pub rationale_ar: String,
    /// Pre-order; `nodes[0]` is the thesis.
    pub nodes: Vec<JsonNode>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonNode {
    pub id: String,
    /// Index of the parent in `nodes`; absent on the thesis only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<usize>,
    pub claim_en: String,
    pub claim_ar: String,
    /// Who asserts the claim when it is not the author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bearing: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<JsonLink>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonLink {
    pub kind: String,
    pub to: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn opt(s: &Option<Box<str>>) -> Option<String> {
    s.as_deref().map(str::to_owned)
}

impl From<&Motion> for JsonMotion {
    fn from(m: &Motion) -> JsonMotion {
        JsonMotion {
            question_en: m.question_en.to_string(),
            question_ar: m.question_ar.to_string(),
            themes: m
                .themes
                .iter()
                .map(|t| JsonTheme {
                    id: t.id.to_string(),
                    en: t.en.to_string(),
                    ar: t.ar.to_string(),
                })
                .collect(),
        }
    }
}

fn article(a: &Article, file: &str) -> JsonArticle {
    let m = &a.meta;
    // Pre-order walk; `pos[arena index]` is the node's index in the list.
    let mut pos = vec![usize::MAX; a.nodes.len()];
    let mut nodes = Vec::with_capacity(a.nodes.len());
    for idx in a.preorder() {
        pos[idx as usize] = nodes.len();
        let n = a.node(idx);
        nodes.push(JsonNode {
            id: n.id().to_string(),
            parent: n.parent().map(|p| pos[p as usize]),
            claim_en: n.claim_en().to_string(),
            claim_ar: n.claim_ar().to_string(),
            voice: n.voice().map(str::to_owned),
            kind: n.kind.map(|k| k.name().to_owned()),
            relation: n.relation.map(|r| r.name().to_owned()),
            bearing: n.bearing.map(|b| b.name().to_owned()),
            quote: n.quote().map(str::to_owned),
            themes: n.themes().map(|t| t.to_string()).collect(),
            links: n
                .links()
                .iter()
                .map(|l| JsonLink {
                    kind: l.kind.name().to_owned(),
                    to: l.to.to_string(),
                })
                .collect(),
            note: n.note().map(str::to_owned),
        });
    }
    JsonArticle {
        file: file.to_owned(),
        id: m.id.to_string(),
        title_en: m.title_en.to_string(),
        title_original: m.title_original.to_string(),
        author: opt(&m.author),
        outlet: opt(&m.outlet),
        date: opt(&m.date),
        date_inferred: m.date_inferred,
        genre: m.genre.map(|g| g.name().to_owned()),
        language: m.language.to_string(),
        source: opt(&m.source),
        stance: m.stance.map(|s| s.name().to_owned()),
        stance_basis: (!m.stance_basis.is_explicit()).then(|| m.stance_basis.name().to_owned()),
        rationale_en: m.rationale_en.to_string(),
        rationale_ar: m.rationale_ar.to_string(),
        nodes,
    }
}

/// The document for a selection, as a value (for tests and validators).
pub fn document(sel: &Selection) -> Doc {
    Doc {
        schema: SCHEMA.to_owned(),
        version: VERSION,
        motion: sel.motion.map(JsonMotion::from),
        articles: sel
            .articles
            .iter()
            .zip(&sel.files)
            .map(|(a, f)| article(a, f))
            .collect(),
    }
}

/// Pretty JSON (two-space indent), non-ASCII written as is, with a final
/// newline.
pub fn render(sel: &Selection) -> Result<String, ExportError> {
    let mut s = super::safe_json::to_string_pretty(&Streamed(sel))?;
    s.push('\n');
    Ok(s)
}

/// [`render`] written to `w` as it is made: one article's document at a
/// time, never the whole (at 1M nodes the whole `Doc` and its text were two
/// more copies of the corpus, 2.59 GB at peak). Put a `BufWriter` around a
/// file or stdout.
pub fn render_to(sel: &Selection, w: &mut dyn std::io::Write) -> Result<(), ExportError> {
    super::safe_json::to_writer_pretty(&mut *w, &Streamed(sel))?;
    w.write_all(b"\n").map_err(serde_json::Error::io)?;
    w.flush().map_err(serde_json::Error::io)?;
    Ok(())
}

/// Serialises exactly as [`document`]'s `Doc` does, field for field, but
/// builds each article's `JsonArticle` only while it is being written.
struct Streamed<'s, 'a>(&'s Selection<'a>);

struct StreamedArticles<'s, 'a>(&'s Selection<'a>);

impl Serialize for Streamed<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let sel = self.0;
        let mut doc = s.serialize_struct("Doc", 4)?;
        doc.serialize_field("schema", SCHEMA)?;
        doc.serialize_field("version", &VERSION)?;
        match sel.motion {
            Some(m) => doc.serialize_field("motion", &JsonMotion::from(m))?,
            None => doc.skip_field("motion")?,
        }
        doc.serialize_field("articles", &StreamedArticles(sel))?;
        doc.end()
    }
}

impl Serialize for StreamedArticles<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let sel = self.0;
        let mut seq = s.serialize_seq(Some(sel.articles.len()))?;
        for (a, f) in sel.articles.iter().zip(&sel.files) {
            seq.serialize_element(&article(a, f))?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, Link, LinkKind, Node, NodeFields, Stance, Theme};

    // The streamed document is byte for byte the document built whole,
    // with and without a motion.
    #[test]
    fn streamed_equals_whole() {
        let node = |id: &str, parent| {
            Node::from(NodeFields {
                id: id.into(),
                claim_en: "a \"claim\"".into(),
                claim_ar: "ادعاء".into(),
                themes: vec!["t".into()],
                links: vec![Link {
                    kind: LinkKind::Agrees,
                    to: "b/n".into(),
                }],
                parent,
                children: if parent.is_none() { vec![1] } else { vec![] },
                ..Default::default()
            })
        };
        let a = Article {
            meta: ArticleMeta {
                id: "a".into(),
                stance: Some(Stance::Pro),
                ..Default::default()
            },
            nodes: vec![node("t", None), node("n", Some(0))],
            root: 0,
        };
        let m = Motion {
            question_en: "q".into(),
            question_ar: "س".into(),
            themes: vec![Theme {
                id: "t".into(),
                en: "T".into(),
                ar: "ت".into(),
            }],
        };
        for motion in [Some(&m), None] {
            let sel = Selection {
                motion,
                articles: vec![&a, &a],
                files: vec!["a.ron".into(), "b.ron".into()],
            };
            let whole = super::super::safe_json::to_string_pretty(&document(&sel)).unwrap() + "\n";
            assert_eq!(render(&sel).unwrap(), whole);
            let mut out = Vec::new();
            render_to(&sel, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), whole);
        }
    }
}
