//! One claim of an argument tree ([`Node`]) behind read accessors and
//! setters, and [`NodeFields`], its plain-data form for building a node in
//! one expression and taking one apart.
//!
//! The fields are private so that their storage can be made compact (issue
//! 19: bytes per node at a million nodes) without touching every reader:
//! code reads `node.claim_en()`, `node.themes()`, `node.children()` and
//! writes through `set_*` or `*_mut`.

use super::{Bearing, ClaimKind, Conflict, Link, NodeIdx, Relation};

/// One claim in an argument tree.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Node {
    id: Box<str>,
    claim_en: Box<str>,
    claim_ar: Box<str>,
    voice: Option<Box<str>>,
    /// What sort of claim it is; `None` is unclassified.
    pub kind: Option<ClaimKind>,
    /// Relation to the parent; the thesis has none.
    pub relation: Option<Relation>,
    /// Stated bearing on the motion, for nodes whose bearing the tree does not decide.
    pub bearing: Option<Bearing>,
    quote: Option<Box<str>>,
    themes: Vec<Box<str>>,
    links: Vec<Link>,
    note: Option<Box<str>>,
    conflicts: Vec<Conflict>,
    parent: Option<NodeIdx>,
    children: Vec<NodeIdx>,
}

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

impl From<NodeFields> for Node {
    fn from(f: NodeFields) -> Node {
        Node {
            id: f.id,
            claim_en: f.claim_en,
            claim_ar: f.claim_ar,
            voice: f.voice,
            kind: f.kind,
            relation: f.relation,
            bearing: f.bearing,
            quote: f.quote,
            themes: f.themes,
            links: f.links,
            note: f.note,
            conflicts: f.conflicts,
            parent: f.parent,
            children: f.children,
        }
    }
}

/// The theme ids of a node, in order.
#[derive(Debug, Clone)]
pub struct Themes<'a> {
    inner: std::slice::Iter<'a, Box<str>>,
}

impl<'a> Iterator for Themes<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.inner.next().map(|t| &**t)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl DoubleEndedIterator for Themes<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().map(|t| &**t)
    }
}

impl ExactSizeIterator for Themes<'_> {}

impl Themes<'_> {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Node {
    /// Takes the node apart into plain data.
    pub fn into_fields(self) -> NodeFields {
        NodeFields {
            id: self.id,
            claim_en: self.claim_en,
            claim_ar: self.claim_ar,
            voice: self.voice,
            kind: self.kind,
            relation: self.relation,
            bearing: self.bearing,
            quote: self.quote,
            themes: self.themes,
            links: self.links,
            note: self.note,
            conflicts: self.conflicts,
            parent: self.parent,
            children: self.children,
        }
    }

    /// A copy of every field as plain data.
    pub fn to_fields(&self) -> NodeFields {
        self.clone().into_fields()
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn claim_en(&self) -> &str {
        &self.claim_en
    }

    pub fn claim_ar(&self) -> &str {
        &self.claim_ar
    }

    /// Who asserts the claim when it is not the author ("US officials");
    /// `None` is the author's own voice. A reported claim is evidence of what
    /// others say, not one of the author's reasons.
    pub fn voice(&self) -> Option<&str> {
        self.voice.as_deref()
    }

    /// True when the node reports what someone other than the author says.
    pub fn is_reported(&self) -> bool {
        self.voice.is_some()
    }

    /// A verbatim passage of the article that grounds the claim.
    pub fn quote(&self) -> Option<&str> {
        self.quote.as_deref()
    }

    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The ids of the themes the claim speaks to, in order.
    pub fn themes(&self) -> Themes<'_> {
        Themes {
            inner: self.themes.iter(),
        }
    }

    pub fn theme_count(&self) -> usize {
        self.themes.len()
    }

    pub fn has_theme(&self, id: &str) -> bool {
        self.themes.iter().any(|t| &**t == id)
    }

    /// Links to nodes of other articles.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// Unresolved merge conflicts on this node.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// The parent in the arena; `None` for the thesis and detached nodes.
    pub fn parent(&self) -> Option<NodeIdx> {
        self.parent
    }

    pub fn children(&self) -> &[NodeIdx] {
        &self.children
    }

    pub fn set_id(&mut self, v: &str) {
        self.id = v.into();
    }

    pub fn set_claim_en(&mut self, v: &str) {
        self.claim_en = v.into();
    }

    pub fn set_claim_ar(&mut self, v: &str) {
        self.claim_ar = v.into();
    }

    pub fn set_voice(&mut self, v: Option<&str>) {
        self.voice = v.map(Into::into);
    }

    pub fn set_quote(&mut self, v: Option<&str>) {
        self.quote = v.map(Into::into);
    }

    pub fn set_note(&mut self, v: Option<&str>) {
        self.note = v.map(Into::into);
    }

    pub fn set_themes<S: AsRef<str>>(&mut self, themes: impl IntoIterator<Item = S>) {
        self.themes = themes.into_iter().map(|t| t.as_ref().into()).collect();
    }

    pub fn links_mut(&mut self) -> &mut Vec<Link> {
        &mut self.links
    }

    pub fn conflicts_mut(&mut self) -> &mut Vec<Conflict> {
        &mut self.conflicts
    }

    pub fn set_parent(&mut self, parent: Option<NodeIdx>) {
        self.parent = parent;
    }

    pub fn children_mut(&mut self) -> &mut Vec<NodeIdx> {
        &mut self.children
    }
}
