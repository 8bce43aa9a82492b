//! The value types of a map. The on-disk shape (nested nodes) is in
//! `store::raw`; here a tree is an arena so nodes can be addressed by index.

use serde::{Deserialize, Serialize};

use super::{Bearing, Node};

/// The question all articles are weighed against, and the shared theme vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Motion {
    pub question_en: Box<str>,
    pub question_ar: Box<str>,
    pub themes: Vec<Theme>,
}

impl Motion {
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| &*t.id == id)
    }
}

/// A topic an argument speaks to; shared by all articles so comparisons line up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: Box<str>,
    pub en: Box<str>,
    pub ar: Box<str>,
}

/// An article's overall position on the motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    Pro,
    Anti,
    Mixed,
    Neutral,
}

impl Stance {
    pub const ALL: [Stance; 4] = [Stance::Pro, Stance::Anti, Stance::Mixed, Stance::Neutral];

    pub fn name(self) -> &'static str {
        match self {
            Stance::Pro => "pro",
            Stance::Anti => "anti",
            Stance::Mixed => "mixed",
            Stance::Neutral => "neutral",
        }
    }

    /// The bearing the thesis of an article with this stance has on the motion.
    pub fn thesis_bearing(self) -> Bearing {
        match self {
            Stance::Pro => Bearing::For,
            Stance::Anti => Bearing::Against,
            Stance::Mixed | Stance::Neutral => Bearing::Neither,
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|st| st.name() == s)
    }
}

/// How a node relates to its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Relation {
    Supports,
    Opposes,
}

impl Relation {
    pub fn name(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::Opposes => "opposes",
        }
    }
}

/// What a cross-article link says about its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LinkKind {
    Agrees,
    Contradicts,
    Rebuts,
}

impl LinkKind {
    pub fn name(self) -> &'static str {
        match self {
            LinkKind::Agrees => "agrees",
            LinkKind::Contradicts => "contradicts",
            LinkKind::Rebuts => "rebuts",
        }
    }
}

/// What sort of claim a node makes; unclassified when a node names none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClaimKind {
    /// Something that is or was the case.
    Fact,
    /// Something that will or may happen.
    Prediction,
    /// A judgement of worth: good, bad, wise, a failure.
    Evaluation,
    /// What should be done.
    Proposal,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 4] = [
        ClaimKind::Fact,
        ClaimKind::Prediction,
        ClaimKind::Evaluation,
        ClaimKind::Proposal,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Fact => "fact",
            ClaimKind::Prediction => "prediction",
            ClaimKind::Evaluation => "evaluation",
            ClaimKind::Proposal => "proposal",
        }
    }

    /// Reads a lower-case [`name`](Self::name) or the RON variant name.
    pub fn parse(s: &str) -> Option<ClaimKind> {
        ClaimKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s))
    }
}

/// What sort of text an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Genre {
    /// The author argues a position.
    Opinion,
    /// A report of events and of what others say.
    News,
    /// Weighs causes, interests and likely outcomes.
    Analysis,
    /// Lays out background for a general reader.
    Explainer,
    /// Questions and a speaker's answers.
    Interview,
}

impl Genre {
    pub const ALL: [Genre; 5] = [
        Genre::Opinion,
        Genre::News,
        Genre::Analysis,
        Genre::Explainer,
        Genre::Interview,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Genre::Opinion => "opinion",
            Genre::News => "news",
            Genre::Analysis => "analysis",
            Genre::Explainer => "explainer",
            Genre::Interview => "interview",
        }
    }

    /// Reads a lower-case [`name`](Self::name) or the RON variant name.
    pub fn parse(s: &str) -> Option<Genre> {
        Genre::ALL
            .into_iter()
            .find(|g| g.name().eq_ignore_ascii_case(s))
    }
}

/// Whether an article's stance is stated by its author or inferred by the
/// curator from its framing; an inferred lean is shown as such.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StanceBasis {
    /// The author says where they stand.
    #[default]
    Explicit,
    /// A lean the curator reads from selection and framing.
    Implicit,
}

impl StanceBasis {
    pub const ALL: [StanceBasis; 2] = [StanceBasis::Explicit, StanceBasis::Implicit];

    pub fn name(self) -> &'static str {
        match self {
            StanceBasis::Explicit => "explicit",
            StanceBasis::Implicit => "implicit",
        }
    }

    /// Reads a lower-case [`name`](Self::name) or the RON variant name.
    pub fn parse(s: &str) -> Option<StanceBasis> {
        StanceBasis::ALL
            .into_iter()
            .find(|b| b.name().eq_ignore_ascii_case(s))
    }

    pub fn is_explicit(self) -> bool {
        self == StanceBasis::Explicit
    }
}

/// A link from a node to a node of another article, addressed `article-id/node-id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub kind: LinkKind,
    pub to: Box<str>,
}

impl Link {
    /// Splits the target into (article id, node id); `None` when it has no `/`.
    pub fn target(&self) -> Option<(&str, &str)> {
        self.to.split_once('/')
    }
}

/// Index of a node in its article's arena. Stable for the life of the article:
/// deleting a node detaches it rather than shifting the others.
pub type NodeIdx = u32;

/// Descriptive fields of an article, everything but the tree.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleMeta {
    pub id: Box<str>,
    pub title_en: Box<str>,
    pub title_original: Box<str>,
    pub author: Option<Box<str>>,
    pub outlet: Option<Box<str>>,
    pub date: Option<Box<str>>,
    /// True when the date is not printed in the text but inferred from it.
    pub date_inferred: bool,
    pub genre: Option<Genre>,
    pub language: Box<str>,
    /// File name of the article's full text in the sources directory.
    pub source: Option<Box<str>>,
    pub stance: Option<Stance>,
    /// Whether the stance is the author's stated one or an inferred lean.
    pub stance_basis: StanceBasis,
    pub rationale_en: Box<str>,
    pub rationale_ar: Box<str>,
    /// Unresolved merge conflicts on the metadata (written before `thesis`).
    pub conflicts: Vec<super::Conflict>,
}

/// One article's map: metadata and the argument tree rooted at its thesis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub meta: ArticleMeta,
    /// The arena. `nodes[root]` is the thesis; detached nodes (after a delete)
    /// stay in the arena but are unreachable from the root.
    pub nodes: Vec<Node>,
    pub root: NodeIdx,
}

impl Article {
    pub fn id(&self) -> &str {
        &self.meta.id
    }

    pub fn node(&self, idx: NodeIdx) -> &Node {
        &self.nodes[idx as usize]
    }

    pub fn node_mut(&mut self, idx: NodeIdx) -> &mut Node {
        &mut self.nodes[idx as usize]
    }

    /// Reachable nodes in pre-order (the order they are written on disk).
    pub fn preorder(&self) -> Preorder<'_> {
        self.preorder_from(self.root)
    }

    /// A node and everything below it, in pre-order.
    pub fn preorder_from(&self, node: NodeIdx) -> Preorder<'_> {
        Preorder {
            article: self,
            stack: vec![node],
        }
    }

    /// Number of nodes reachable from the root.
    pub fn len(&self) -> usize {
        self.preorder().count()
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// The reachable node with this id.
    pub fn find(&self, id: &str) -> Option<NodeIdx> {
        self.preorder().find(|&i| self.node(i).id() == id)
    }

    /// Depth of a node (the thesis is 0).
    pub fn depth(&self, mut idx: NodeIdx) -> usize {
        let mut d = 0;
        while let Some(p) = self.node(idx).parent() {
            idx = p;
            d += 1;
        }
        d
    }

    /// The ancestors of a node, nearest first.
    pub fn ancestors(&self, idx: NodeIdx) -> impl Iterator<Item = NodeIdx> + '_ {
        std::iter::successors(self.node(idx).parent(), move |&p| self.node(p).parent())
    }
}

/// Pre-order walk over an article's reachable nodes, without recursion so
/// that a pathologically deep tree cannot overflow the stack.
pub struct Preorder<'a> {
    article: &'a Article,
    stack: Vec<NodeIdx>,
}

impl Preorder<'_> {
    /// How many nodes ahead to ask for (the children list: half as many).
    /// Measured on the overview at 1M, 8 beat 16 and 32 (`bench_compare`,
    /// BENCHMARKS.md).
    const AHEAD: usize = 8;
}

impl Iterator for Preorder<'_> {
    type Item = NodeIdx;

    fn next(&mut self) -> Option<NodeIdx> {
        let idx = self.stack.pop()?;
        let nodes = &self.article.nodes;
        // Loaders store an article's nodes in pre-order, so the node this
        // walk reaches k steps from now is nearly always `idx + k`: ask for
        // its memory now. When the guess is wrong (nodes added by edits)
        // the walk is as slow as without it, never wrong.
        if let Some(ahead) = nodes.get(idx as usize + Self::AHEAD) {
            ahead.prefetch();
        }
        if let Some(near) = nodes.get(idx as usize + Self::AHEAD / 2) {
            near.prefetch_children();
        }
        let node = &nodes[idx as usize];
        self.stack.extend(node.children().iter().rev());
        Some(idx)
    }
}
