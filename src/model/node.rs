//! One claim of an argument tree ([`Node`]) behind read accessors and
//! setters, and [`NodeFields`], its plain-data form for building a node in
//! one expression and taking one apart.
//!
//! The storage is compact because a corpus holds a million nodes (issue 19:
//! at most 600 bytes a node resident, of which ~480 are the text itself):
//! - every text field sits in one buffer (`text`): id, claims, voice, quote
//!   and note back to back, their ends kept as `u16`s (as `u32`s in the
//!   rare `Extra` when the texts pass 64 KiB), so a node makes one
//!   allocation for its text instead of four to six;
//! - its themes follow in the same buffer, one `char` each: the theme's id
//!   in the process-wide table of [`theme_ids`];
//! - the parent is a `u32`, and so is an only child (a quarter of all
//!   nodes have one); two or more children are a boxed slice in `More`,
//!   allocated only for such nodes;
//! - links and merge conflicts, which few nodes have, live in `Extra`
//!   (inside `More`), allocated only when there are any.
//!
//! A node is 48 bytes besides its text (it was 184 with a `Box<str>` or
//! `Vec` a field).
//!
//! Setters rebuild the buffer, which is fine at the pace of editing.

use std::fmt;
use std::ops::{Deref, DerefMut};

use super::theme_ids;
use super::{Bearing, ClaimKind, Conflict, Link, NodeIdx, Relation};

/// `parent` of a node that has none.
const NO_PARENT: NodeIdx = NodeIdx::MAX;

/// Text fields in buffer order.
const ID: usize = 0;
const CLAIM_EN: usize = 1;
const CLAIM_AR: usize = 2;
const VOICE: usize = 3;
const QUOTE: usize = 4;
const NOTE: usize = 5;
const FIELDS: usize = 6;

// `flags` bits.
const HAS_VOICE: u8 = 1;
const HAS_QUOTE: u8 = 2;
const HAS_NOTE: u8 = 4;
/// The ends are in `Extra::wide_ends` (the texts pass `u16`).
const WIDE: u8 = 8;
/// The themes are in `Extra::themes` (the id table was full).
const SPILLED: u8 = 16;
/// `child` holds the only child.
const ONE_CHILD: u8 = 32;

/// One claim in an argument tree.
#[derive(Clone)]
pub struct Node {
    /// Id, claims, voice, quote and note back to back, then one `char` per theme.
    text: Box<str>,
    more: Option<Box<More>>,
    /// End of each text field in `text` (unless `WIDE`).
    ends: [u16; FIELDS],
    parent: NodeIdx,
    /// The only child (when `ONE_CHILD`).
    child: NodeIdx,
    /// What sort of claim it is; `None` is unclassified.
    pub kind: Option<ClaimKind>,
    /// Relation to the parent; the thesis has none.
    pub relation: Option<Relation>,
    /// Stated bearing on the motion, for nodes whose bearing the tree does not decide.
    pub bearing: Option<Bearing>,
    flags: u8,
}

/// What a node with two or more children, links or conflicts has.
#[derive(Clone, Default)]
struct More {
    /// Two or more children; empty otherwise.
    children: Box<[NodeIdx]>,
    extra: Option<Box<Extra>>,
}

/// What few nodes have.
#[derive(Clone, Default)]
struct Extra {
    links: Vec<Link>,
    conflicts: Vec<Conflict>,
    wide_ends: [u32; FIELDS],
    themes: Vec<Box<str>>,
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

impl Default for Node {
    fn default() -> Node {
        Node {
            text: Box::default(),
            more: None,
            ends: [0; FIELDS],
            parent: NO_PARENT,
            child: NO_PARENT,
            kind: None,
            relation: None,
            bearing: None,
            flags: 0,
        }
    }
}

impl From<NodeFields> for Node {
    fn from(f: NodeFields) -> Node {
        let texts = NodeTexts {
            id: &f.id,
            claim_en: &f.claim_en,
            claim_ar: &f.claim_ar,
            voice: f.voice.as_deref(),
            quote: f.quote.as_deref(),
            note: f.note.as_deref(),
        };
        let mut n = Node::with_texts(texts, f.themes.iter().map(|t| &**t));
        n.kind = f.kind;
        n.relation = f.relation;
        n.bearing = f.bearing;
        n.set_parent(f.parent);
        n.set_children(f.children);
        if !f.links.is_empty() {
            n.extra_mut().links = f.links;
        }
        if !f.conflicts.is_empty() {
            n.extra_mut().conflicts = f.conflicts;
        }
        n
    }
}

impl PartialEq for Node {
    fn eq(&self, o: &Node) -> bool {
        (0..FIELDS).all(|i| self.field(i) == o.field(i))
            && self.kind == o.kind
            && self.relation == o.relation
            && self.bearing == o.bearing
            && self.themes().eq(o.themes())
            && self.links() == o.links()
            && self.conflicts() == o.conflicts()
            && self.parent == o.parent
            && self.children() == o.children()
    }
}

impl Eq for Node {}

impl fmt::Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_fields().fmt(f)
    }
}

impl Node {
    /// A node with these texts and themes, and nothing else: no kind,
    /// relation, bearing, links, conflicts, parent or children.
    pub fn with_texts<'t>(texts: NodeTexts<'_>, themes: impl IntoIterator<Item = &'t str>) -> Node {
        let mut n = Node::default();
        n.pack(
            [
                Some(texts.id),
                Some(texts.claim_en),
                Some(texts.claim_ar),
                texts.voice,
                texts.quote,
                texts.note,
            ],
            themes,
        );
        n
    }

    /// Takes the node apart into plain data.
    pub fn into_fields(self) -> NodeFields {
        self.to_fields()
    }

    /// A copy of every field as plain data.
    pub fn to_fields(&self) -> NodeFields {
        NodeFields {
            id: self.id().into(),
            claim_en: self.claim_en().into(),
            claim_ar: self.claim_ar().into(),
            voice: self.voice().map(Into::into),
            kind: self.kind,
            relation: self.relation,
            bearing: self.bearing,
            quote: self.quote().map(Into::into),
            themes: self.themes().map(Into::into).collect(),
            links: self.links().to_vec(),
            note: self.note().map(Into::into),
            conflicts: self.conflicts().to_vec(),
            parent: self.parent(),
            children: self.children().to_vec(),
        }
    }

    pub fn id(&self) -> &str {
        self.field(ID)
    }

    pub fn claim_en(&self) -> &str {
        self.field(CLAIM_EN)
    }

    pub fn claim_ar(&self) -> &str {
        self.field(CLAIM_AR)
    }

    /// Who asserts the claim when it is not the author ("US officials");
    /// `None` is the author's own voice. A reported claim is evidence of what
    /// others say, not one of the author's reasons.
    pub fn voice(&self) -> Option<&str> {
        self.opt_field(VOICE)
    }

    /// True when the node reports what someone other than the author says.
    pub fn is_reported(&self) -> bool {
        self.flags & HAS_VOICE != 0
    }

    /// A verbatim passage of the article that grounds the claim.
    pub fn quote(&self) -> Option<&str> {
        self.opt_field(QUOTE)
    }

    pub fn note(&self) -> Option<&str> {
        self.opt_field(NOTE)
    }

    /// The ids of the themes the claim speaks to, in order.
    pub fn themes(&self) -> Themes<'_> {
        if self.flags & SPILLED != 0 {
            let list: &[Box<str>] = self.extra().map_or(&[], |e| &e.themes);
            return Themes {
                inner: ThemesInner::Spilled(list.iter()),
                left: list.len(),
            };
        }
        let ids = self.text.get(self.end(NOTE)..).unwrap_or("");
        Themes {
            inner: ThemesInner::Interned(ids.chars()),
            left: ids.chars().count(),
        }
    }

    pub fn theme_count(&self) -> usize {
        self.themes().len()
    }

    pub fn has_theme(&self, id: &str) -> bool {
        self.themes().any(|t| t == id)
    }

    /// Links to nodes of other articles.
    pub fn links(&self) -> &[Link] {
        self.extra().map_or(&[], |e| &e.links)
    }

    /// Unresolved merge conflicts on this node.
    pub fn conflicts(&self) -> &[Conflict] {
        self.extra().map_or(&[], |e| &e.conflicts)
    }

    /// The parent in the arena; `None` for the thesis and detached nodes.
    pub fn parent(&self) -> Option<NodeIdx> {
        (self.parent != NO_PARENT).then_some(self.parent)
    }

    pub fn children(&self) -> &[NodeIdx] {
        if self.flags & ONE_CHILD != 0 {
            std::slice::from_ref(&self.child)
        } else {
            self.more.as_ref().map_or(&[], |m| &m.children)
        }
    }

    pub fn set_id(&mut self, v: &str) {
        self.set_field(ID, Some(v));
    }

    pub fn set_claim_en(&mut self, v: &str) {
        self.set_field(CLAIM_EN, Some(v));
    }

    pub fn set_claim_ar(&mut self, v: &str) {
        self.set_field(CLAIM_AR, Some(v));
    }

    pub fn set_voice(&mut self, v: Option<&str>) {
        self.set_field(VOICE, v);
    }

    pub fn set_quote(&mut self, v: Option<&str>) {
        self.set_field(QUOTE, v);
    }

    pub fn set_note(&mut self, v: Option<&str>) {
        self.set_field(NOTE, v);
    }

    pub fn set_themes<S: AsRef<str>>(&mut self, themes: impl IntoIterator<Item = S>) {
        let themes: Vec<S> = themes.into_iter().collect();
        let texts = self.texts().map(|t| t.map(str::to_owned));
        self.pack(
            std::array::from_fn(|i| texts[i].as_deref()),
            themes.iter().map(AsRef::as_ref),
        );
    }

    pub fn links_mut(&mut self) -> &mut Vec<Link> {
        &mut self.extra_mut().links
    }

    pub fn conflicts_mut(&mut self) -> &mut Vec<Conflict> {
        &mut self.extra_mut().conflicts
    }

    pub fn set_parent(&mut self, parent: Option<NodeIdx>) {
        self.parent = parent.unwrap_or(NO_PARENT);
    }

    pub fn set_children(&mut self, children: Vec<NodeIdx>) {
        if let [only] = children[..] {
            self.child = only;
            self.flags |= ONE_CHILD;
            if let Some(m) = self.more.as_mut() {
                m.children = Box::default();
            }
        } else {
            self.child = NO_PARENT;
            self.flags &= !ONE_CHILD;
            if !children.is_empty() {
                self.more.get_or_insert_with(Box::default).children = children.into_boxed_slice();
            } else if let Some(m) = self.more.as_mut() {
                m.children = Box::default();
            }
        }
        if self
            .more
            .as_ref()
            .is_some_and(|m| m.children.is_empty() && m.extra.is_none())
        {
            self.more = None;
        }
    }

    /// The children as a `Vec` to change; stored back when the guard drops.
    pub fn children_mut(&mut self) -> ChildrenMut<'_> {
        let list = self.children().to_vec();
        ChildrenMut { node: self, list }
    }

    fn extra(&self) -> Option<&Extra> {
        self.more.as_ref()?.extra.as_deref()
    }

    fn extra_mut(&mut self) -> &mut Extra {
        self.more
            .get_or_insert_with(Box::default)
            .extra
            .get_or_insert_with(Box::default)
    }

    fn end(&self, i: usize) -> usize {
        if self.flags & WIDE == 0 {
            self.ends[i] as usize
        } else {
            self.extra().map_or(0, |e| e.wide_ends[i] as usize)
        }
    }

    fn field(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.end(i - 1) };
        self.text.get(start..self.end(i)).unwrap_or("")
    }

    fn opt_field(&self, i: usize) -> Option<&str> {
        let bit = match i {
            VOICE => HAS_VOICE,
            QUOTE => HAS_QUOTE,
            _ => HAS_NOTE,
        };
        (self.flags & bit != 0).then(|| self.field(i))
    }

    fn texts(&self) -> [Option<&str>; FIELDS] {
        [
            Some(self.id()),
            Some(self.claim_en()),
            Some(self.claim_ar()),
            self.voice(),
            self.quote(),
            self.note(),
        ]
    }

    fn set_field(&mut self, i: usize, v: Option<&str>) {
        let mut texts: [Option<String>; FIELDS] = self.texts().map(|t| t.map(str::to_owned));
        texts[i] = v.map(str::to_owned);
        let themes: Vec<Box<str>> = self.themes().map(Into::into).collect();
        self.pack(
            std::array::from_fn(|k| texts[k].as_deref()),
            themes.iter().map(|t| &**t),
        );
    }

    /// Rebuilds the text buffer, the ends, the presence flags and the themes.
    fn pack<'t>(
        &mut self,
        texts: [Option<&str>; FIELDS],
        themes: impl IntoIterator<Item = &'t str>,
    ) {
        self.pack_with(texts, themes, theme_ids::intern);
    }

    /// [`pack`](Self::pack) with the theme table's `intern` passed in, so a
    /// test can make it refuse (as when the table is full).
    fn pack_with<'t>(
        &mut self,
        texts: [Option<&str>; FIELDS],
        themes: impl IntoIterator<Item = &'t str>,
        intern: impl Fn(&str) -> Option<u32>,
    ) {
        let themes = themes.into_iter();
        let len: usize = texts.iter().map(|t| t.map_or(0, str::len)).sum();
        let mut buf = String::with_capacity(len + themes.size_hint().0);
        let mut ends = [0u32; FIELDS];
        for (i, t) in texts.iter().enumerate() {
            buf.push_str(t.unwrap_or(""));
            ends[i] = buf.len() as u32;
        }
        let mut flags = self.flags & !(HAS_VOICE | HAS_QUOTE | HAS_NOTE | WIDE | SPILLED);
        for (i, bit) in [(VOICE, HAS_VOICE), (QUOTE, HAS_QUOTE), (NOTE, HAS_NOTE)] {
            if texts[i].is_some() {
                flags |= bit;
            }
        }
        let mut spilled: Vec<Box<str>> = Vec::new();
        for t in themes {
            match intern(t).and_then(theme_ids::to_char) {
                Some(c) if spilled.is_empty() => buf.push(c),
                _ => {
                    if spilled.is_empty() {
                        // Move the ids already written to the spilled list.
                        let written = buf.split_off(len);
                        spilled.extend(
                            written
                                .chars()
                                .map(|c| theme_ids::name(theme_ids::from_char(c)).into()),
                        );
                    }
                    spilled.push(t.into());
                }
            }
        }
        match u16::try_from(len) {
            Ok(_) => {
                self.ends = ends.map(|e| e as u16);
                if let Some(e) = self.more.as_mut().and_then(|m| m.extra.as_mut()) {
                    e.wide_ends = [0; FIELDS];
                }
            }
            Err(_) => {
                flags |= WIDE;
                self.ends = [0; FIELDS];
                self.extra_mut().wide_ends = ends;
            }
        }
        if spilled.is_empty() {
            if let Some(e) = self.more.as_mut().and_then(|m| m.extra.as_mut()) {
                e.themes = Vec::new();
            }
        } else {
            flags |= SPILLED;
            self.extra_mut().themes = spilled;
        }
        self.flags = flags;
        self.text = buf.into_boxed_str();
    }
}

/// Gives every node as children the nodes whose parent it is, in arena
/// order: what a loader that builds the arena in pre-order wants, in one
/// allocation per parent instead of a push per child.
pub fn children_from_parents(nodes: &mut [Node]) {
    let mut counts = vec![0usize; nodes.len()];
    for p in nodes.iter().filter_map(Node::parent) {
        if let Some(c) = counts.get_mut(p as usize) {
            *c += 1;
        }
    }
    // Exact capacities, so that `set_children` need not reallocate.
    let mut lists: Vec<Vec<NodeIdx>> = counts.into_iter().map(Vec::with_capacity).collect();
    for (i, n) in nodes.iter().enumerate() {
        if let Some(list) = n.parent().and_then(|p| lists.get_mut(p as usize)) {
            list.push(i as NodeIdx);
        }
    }
    for (n, list) in nodes.iter_mut().zip(lists) {
        n.set_children(list);
    }
}

/// The children of a node as a `Vec`, written back to the node when dropped.
pub struct ChildrenMut<'a> {
    node: &'a mut Node,
    list: Vec<NodeIdx>,
}

impl Deref for ChildrenMut<'_> {
    type Target = Vec<NodeIdx>;

    fn deref(&self) -> &Vec<NodeIdx> {
        &self.list
    }
}

impl DerefMut for ChildrenMut<'_> {
    fn deref_mut(&mut self) -> &mut Vec<NodeIdx> {
        &mut self.list
    }
}

impl Drop for ChildrenMut<'_> {
    fn drop(&mut self) {
        self.node.set_children(std::mem::take(&mut self.list));
    }
}

/// The theme ids of a node, in order.
#[derive(Debug, Clone)]
pub struct Themes<'a> {
    inner: ThemesInner<'a>,
    left: usize,
}

#[derive(Debug, Clone)]
enum ThemesInner<'a> {
    Interned(std::str::Chars<'a>),
    Spilled(std::slice::Iter<'a, Box<str>>),
}

impl<'a> Iterator for Themes<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let t = match &mut self.inner {
            ThemesInner::Interned(c) => theme_ids::name(theme_ids::from_char(c.next()?)),
            ThemesInner::Spilled(s) => &**s.next()?,
        };
        self.left -= 1;
        Some(t)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl DoubleEndedIterator for Themes<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let t = match &mut self.inner {
            ThemesInner::Interned(c) => theme_ids::name(theme_ids::from_char(c.next_back()?)),
            ThemesInner::Spilled(s) => &**s.next_back()?,
        };
        self.left -= 1;
        Some(t)
    }
}

impl ExactSizeIterator for Themes<'_> {}

impl Themes<'_> {
    pub fn is_empty(&self) -> bool {
        self.left == 0
    }
}

#[cfg(test)]
#[path = "node_tests.rs"]
mod tests;
