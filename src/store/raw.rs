//! The on-disk shape of maps, as serde reads it: nested nodes, optional
//! fields defaulted. Lenient on purpose where a missing value is a semantic
//! finding (a missing stance is reported by validation with the rest of the
//! file still usable), strict on unknown fields so that typos are caught.

use serde::Deserialize;

use crate::model::{
    Article, ArticleMeta, Bearing, ClaimKind, Conflict, Genre, Link, Motion, Node, NodeFields,
    NodeIdx, Relation, Stance, StanceBasis, Theme, children_from_parents, share_text,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Motion")]
pub struct RawMotion {
    pub question_en: Box<str>,
    pub question_ar: Box<str>,
    #[serde(default)]
    pub themes: Vec<Theme>,
}

impl From<RawMotion> for Motion {
    fn from(r: RawMotion) -> Motion {
        Motion {
            question_en: r.question_en,
            question_ar: r.question_ar,
            themes: r.themes,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Article")]
pub struct RawArticle {
    pub id: Box<str>,
    #[serde(default)]
    pub title_en: Box<str>,
    #[serde(default)]
    pub title_original: Box<str>,
    #[serde(default)]
    pub author: Option<Box<str>>,
    #[serde(default)]
    pub outlet: Option<Box<str>>,
    #[serde(default)]
    pub date: Option<Box<str>>,
    #[serde(default)]
    pub date_inferred: bool,
    #[serde(default)]
    pub genre: Option<Genre>,
    #[serde(default)]
    pub language: Box<str>,
    #[serde(default)]
    pub source: Option<Box<str>>,
    #[serde(default)]
    pub stance: Option<Stance>,
    #[serde(default)]
    pub stance_basis: StanceBasis,
    #[serde(default)]
    pub rationale_en: Box<str>,
    #[serde(default)]
    pub rationale_ar: Box<str>,
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    pub thesis: RawNode,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Node")]
pub struct RawNode {
    pub id: Box<str>,
    #[serde(default)]
    pub claim_en: Box<str>,
    #[serde(default)]
    pub claim_ar: Box<str>,
    #[serde(default)]
    pub voice: Option<Box<str>>,
    #[serde(default)]
    pub kind: Option<ClaimKind>,
    #[serde(default)]
    pub relation: Option<Relation>,
    #[serde(default)]
    pub bearing: Option<Bearing>,
    #[serde(default)]
    pub quote: Option<Box<str>>,
    #[serde(default)]
    pub themes: Vec<Box<str>>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub note: Option<Box<str>>,
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    #[serde(default)]
    pub children: Vec<RawNode>,
}

impl RawArticle {
    /// Moves the nested tree into an arena in pre-order (so arena order is
    /// file order). Iterative: depth is bounded by the parser, but a walk
    /// should not depend on that.
    pub fn into_article(self) -> Article {
        let meta = ArticleMeta {
            id: self.id,
            title_en: self.title_en,
            title_original: self.title_original,
            author: self.author,
            outlet: self.outlet,
            date: self.date,
            date_inferred: self.date_inferred,
            genre: self.genre,
            language: self.language,
            source: self.source,
            stance: self.stance,
            stance_basis: self.stance_basis,
            rationale_en: self.rationale_en,
            rationale_ar: self.rationale_ar,
            conflicts: self.conflicts,
        };
        let mut nodes: Vec<Node> = Vec::new();
        // (raw node, parent index); children pushed reversed to keep pre-order.
        let mut stack: Vec<(RawNode, Option<NodeIdx>)> = vec![(self.thesis, None)];
        while let Some((raw, parent)) = stack.pop() {
            let idx = nodes.len() as NodeIdx;
            let RawNode {
                id,
                claim_en,
                claim_ar,
                voice,
                kind,
                relation,
                bearing,
                quote,
                themes,
                links,
                note,
                conflicts,
                children,
            } = raw;
            nodes.push(Node::from(NodeFields {
                id,
                claim_en,
                claim_ar,
                voice,
                kind,
                relation,
                bearing,
                quote,
                themes,
                links,
                note,
                conflicts,
                parent,
                children: Vec::new(),
            }));
            stack.extend(children.into_iter().rev().map(|c| (c, Some(idx))));
        }
        children_from_parents(&mut nodes);
        share_text(&mut nodes);
        Article {
            meta,
            nodes,
            root: 0,
        }
    }
}
