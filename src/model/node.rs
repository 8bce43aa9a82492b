//! One claim of an argument tree ([`Node`]) behind read accessors and
//! setters, and [`NodeFields`], its plain-data form for building a node in
//! one expression and taking one apart.
//!
//! The storage is compact because a corpus holds a million nodes (issue 19:
//! at most 600 bytes a node resident, of which ~480 are the text itself):
//! - every text field sits in one span of a text buffer: id, claims, voice,
//!   quote and note back to back, their ends kept as `u16`s from the span's
//!   start (as `u32`s in the rare `Extra` when the span passes 64 KiB);
//! - its themes follow in the same span, one `char` each: the theme's id
//!   in the process-wide table of [`theme_ids`];
//! - a loader makes the nodes of an article share one buffer
//!   ([`TextPool`], [`share_text`]), so a node costs no allocation of its
//!   own for its text (~16 bytes of allocator overhead a node otherwise,
//!   and holes in the heap, see `BENCHMARKS.md`); a setter
//!   gives the node a buffer of its own, leaving the shared one as it was;
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
use std::sync::Arc;

#[path = "node_build.rs"]
mod build;
#[path = "node_fields.rs"]
mod fields;
#[path = "node_views.rs"]
mod views;

pub use build::{TextPool, children_from_parents, share_text};
pub use fields::{NodeFields, NodeTexts};
use views::ThemesInner;
pub use views::{ChildrenMut, Themes};

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
/// `ends[SPAN]` is where the node's span ends: its theme ids come before.
const SPAN: usize = FIELDS;
const ENDS: usize = FIELDS + 1;

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
    /// The buffer the node's span is in; `None` when every text is empty.
    text: Option<Arc<String>>,
    more: Option<Box<More>>,
    /// Where the node's span starts in `text`.
    start: u32,
    /// End of each text field and of the span, from `start` (unless `WIDE`).
    ends: [u16; ENDS],
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
    wide_ends: [u32; ENDS],
    themes: Vec<Box<str>>,
}

impl Default for Node {
    fn default() -> Node {
        Node {
            text: None,
            more: None,
            start: 0,
            ends: [0; ENDS],
            parent: NO_PARENT,
            child: NO_PARENT,
            kind: None,
            relation: None,
            bearing: None,
            flags: 0,
        }
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
        let ids = self.slice(self.end(NOTE), self.end(SPAN));
        // A node has a few ids: counting the bytes that start a character
        // is a short loop, where `chars().count()` was a sixth of the
        // overview's time at a million nodes.
        let left = ids.bytes().filter(|&b| (b as i8) >= -0x40).count();
        Themes {
            inner: ThemesInner::Interned(ids.chars()),
            left,
        }
    }

    /// Asks the CPU to start fetching what a walk reads of this node and
    /// is not in the arena itself: the end of its text span (its theme ids,
    /// and where the next node's text starts, since a loader lays an
    /// article's nodes out one after another) and, for a node with two or
    /// more children, the box that holds them. A hint only: nothing is read.
    ///
    /// A walk over a million nodes is otherwise a cache miss per node, one
    /// after the other; asked some nodes ahead, the misses overlap (the
    /// overview at 1M went from 88–113 ms to 49–60, see [`Preorder`]).
    ///
    /// [`Preorder`]: super::Preorder
    pub fn prefetch(&self) {
        let end = self.start as usize + self.end(NOTE);
        if let Some(b) = self.text.as_deref().and_then(|t| t.as_bytes().get(end)) {
            mem_prefetch::prefetch_read_data::<u8, 3>(b);
        }
        if let Some(m) = self.more.as_deref() {
            mem_prefetch::prefetch_read_data::<More, 3>(m);
        }
    }

    /// Asks the CPU to start fetching the list of two or more children.
    /// The list's address is in the box [`prefetch`](Node::prefetch)
    /// fetches, so call this a few nodes after that one.
    pub fn prefetch_children(&self) {
        if let Some(first) = self.more.as_deref().and_then(|m| m.children.first()) {
            mem_prefetch::prefetch_read_data::<NodeIdx, 3>(first);
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
        self.slice(start, self.end(i))
    }

    /// Bytes `from..to` of the node's span.
    fn slice(&self, from: usize, to: usize) -> &str {
        let base = self.start as usize;
        self.text
            .as_deref()
            .and_then(|t| t.get(base + from..base + to))
            .unwrap_or("")
    }

    fn opt_field(&self, i: usize) -> Option<&str> {
        let bit = match i {
            VOICE => HAS_VOICE,
            QUOTE => HAS_QUOTE,
            _ => HAS_NOTE,
        };
        (self.flags & bit != 0).then(|| self.field(i))
    }

    /// Every text of the node back to back (id, claims, voice, quote,
    /// note), as stored: one read for a check that looks at them all.
    pub fn all_text(&self) -> &str {
        self.slice(0, self.end(NOTE))
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
        let mut buf = String::new();
        self.pack_into(&mut buf, texts, themes, intern);
        self.text = (!buf.is_empty()).then(|| Arc::new(buf));
    }

    /// Appends the node's span to `buf` and points the node at it (its
    /// `text` is the caller's to set: a buffer of its own or a shared one).
    fn pack_into<'t>(
        &mut self,
        buf: &mut String,
        texts: [Option<&str>; FIELDS],
        themes: impl IntoIterator<Item = &'t str>,
        intern: impl Fn(&str) -> Option<u32>,
    ) {
        let themes: Vec<&str> = themes.into_iter().collect();
        // Theme ids first, so the buffer is reserved once at its final size.
        let ids: Option<Vec<char>> = themes
            .iter()
            .map(|t| intern(t).and_then(theme_ids::to_char))
            .collect();
        let len: usize = texts.iter().map(|t| t.map_or(0, str::len)).sum();
        let id_len: usize = ids.iter().flatten().map(|c| c.len_utf8()).sum();
        buf.reserve_exact(len + id_len);
        let start = buf.len();
        let mut ends = [0u32; ENDS];
        for (i, t) in texts.iter().enumerate() {
            buf.push_str(t.unwrap_or(""));
            ends[i] = (buf.len() - start) as u32;
        }
        let mut flags = self.flags & !(HAS_VOICE | HAS_QUOTE | HAS_NOTE | WIDE | SPILLED);
        for (i, bit) in [(VOICE, HAS_VOICE), (QUOTE, HAS_QUOTE), (NOTE, HAS_NOTE)] {
            if texts[i].is_some() {
                flags |= bit;
            }
        }
        match &ids {
            Some(ids) => buf.extend(ids.iter()),
            None => flags |= SPILLED,
        }
        let span = buf.len() - start;
        ends[SPAN] = span as u32;
        match u16::try_from(span) {
            Ok(_) => {
                self.ends = ends.map(|e| e as u16);
                if let Some(e) = self.more.as_mut().and_then(|m| m.extra.as_mut()) {
                    e.wide_ends = [0; ENDS];
                }
            }
            Err(_) => {
                flags |= WIDE;
                self.ends = [0; ENDS];
                self.extra_mut().wide_ends = ends;
            }
        }
        if ids.is_some() {
            if let Some(e) = self.more.as_mut().and_then(|m| m.extra.as_mut()) {
                e.themes = Vec::new();
            }
        } else {
            // The table is full: the node keeps its theme strings itself.
            self.extra_mut().themes = themes.iter().map(|&t| t.into()).collect();
        }
        self.flags = flags;
        self.start = start as u32;
        self.text = None;
    }

    /// Everything but the texts, themes and children.
    fn set_rest(
        &mut self,
        kind: Option<ClaimKind>,
        relation: Option<Relation>,
        bearing: Option<Bearing>,
        links: Vec<Link>,
        conflicts: Vec<Conflict>,
        parent: Option<NodeIdx>,
    ) {
        self.kind = kind;
        self.relation = relation;
        self.bearing = bearing;
        self.set_parent(parent);
        if !links.is_empty() {
            self.extra_mut().links = links;
        }
        if !conflicts.is_empty() {
            self.extra_mut().conflicts = conflicts;
        }
    }

    /// The node's span: its texts and theme ids.
    fn span(&self) -> &str {
        self.slice(0, self.end(SPAN))
    }
}

#[cfg(test)]
#[path = "node_tests.rs"]
mod tests;
