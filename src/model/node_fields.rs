//! [`NodeFields`], a node's every field as plain data (to build a [`Node`]
//! in one struct expression and take one apart), and [`NodeTexts`], its
//! text fields borrowed. A child module of `node` so that it can set what
//! the storage keeps private.

use super::{Bearing, ClaimKind, Conflict, Link, Node, NodeIdx, Relation};

/// Every field of a [`Node`] as plain data: build one with a struct
/// expression and `Node::from`, take one apart with [`Node::into_fields`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NodeFields {
    pub id: Box<str>,
    pub claim_en: Box<str>,
    pub claim_ar: Box<str>,
    /// Who asserts the claim when it is not the author ("US officials");
    /// `None` is the author's own voice. A reported claim is evidence of what
    /// others say, not one of the author's reasons.
    pub voice: Option<Box<str>>,
    /// What sort of claim it is; `None` is unclassified.
    pub kind: Option<ClaimKind>,
    /// Relation to the parent; the thesis has none.
    pub relation: Option<Relation>,
    /// Stated bearing on the motion, for nodes whose bearing the tree does not decide.
    pub bearing: Option<Bearing>,
    /// A verbatim passage of the article that grounds the claim.
    pub quote: Option<Box<str>>,
    pub themes: Vec<Box<str>>,
    pub links: Vec<Link>,
    pub note: Option<Box<str>>,
    /// Unresolved merge conflicts on this node (written before `children`).
    pub conflicts: Vec<Conflict>,
    pub parent: Option<NodeIdx>,
    pub children: Vec<NodeIdx>,
}

/// A node's text fields borrowed: what a loader has in hand, so that it can
/// build a [`Node`] without owning each string first.
#[derive(Debug, Clone, Copy, Default)]
pub struct NodeTexts<'a> {
    pub id: &'a str,
    pub claim_en: &'a str,
    pub claim_ar: &'a str,
    pub voice: Option<&'a str>,
    pub quote: Option<&'a str>,
    pub note: Option<&'a str>,
}

impl From<NodeFields> for Node {
    fn from(f: NodeFields) -> Node {
        f.into_node(|texts, themes| Node::with_texts(texts, themes))
    }
}

impl NodeFields {
    /// The node of these fields: `place` makes it from the texts and theme
    /// ids (in a buffer of its own, or a pool's), then the rest is set.
    pub(crate) fn into_node(
        self,
        place: impl FnOnce(NodeTexts<'_>, &mut dyn Iterator<Item = &str>) -> Node,
    ) -> Node {
        let f = self;
        let texts = NodeTexts {
            id: &f.id,
            claim_en: &f.claim_en,
            claim_ar: &f.claim_ar,
            voice: f.voice.as_deref(),
            quote: f.quote.as_deref(),
            note: f.note.as_deref(),
        };
        let mut n = place(texts, &mut f.themes.iter().map(|t| &**t));
        n.set_rest(
            f.kind,
            f.relation,
            f.bearing,
            f.links,
            f.conflicts,
            f.parent,
        );
        n.set_children(f.children);
        n
    }
}
