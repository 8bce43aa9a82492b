//! A fast path for article maps in exactly the canonical layout that
//! `canon` writes: fixed field order, four-space indents, one field a line.
//!
//! ron reads about 120–130 MB/s a thread and was most of the load time of a
//! large corpus; files that `mizan fmt` or the UI wrote are in this layout,
//! and this parser reads them several times faster straight into the arena.
//! It is all or nothing: at the first byte that is not canonical it gives up
//! (`None`) and the caller parses the whole file with ron, so error messages,
//! positions and every lenient case stay ron's. It never accepts a text that
//! ron would read differently (a test checks it on generated and perturbed
//! files). Iterative, and it declines deep trees, so it cannot overflow.
//! The fields and their order come from the schema table (`schema`); the
//! bytes are read with the shared lexer (`lex`).

use super::lex::Lexer;
use super::load::MAX_DEPTH;
use super::schema::{ArticleField, Kind, Named, NodeField, Owned, Presence, Spec};
use crate::model::corpus::Pos;
use crate::model::{
    Article, ArticleMeta, Link, LinkKind, Node, NodeFields, NodeIdx, TextPool,
    children_from_parents,
};

/// Trees deeper than this are left to ron, whose recursion limit decides
/// (with its located error) where the bound lies. ron spends about four
/// recursion levels per tree level, so its limit of `2 * MAX_DEPTH + 4`
/// refuses trees past ~50 levels; staying well under that keeps the fast
/// path from ever accepting a file ron refuses (tests/deep_nesting.rs).
const FAST_MAX_DEPTH: usize = MAX_DEPTH / 4;

/// The article and each node's `id` position, or `None` to fall back to ron.
pub fn parse_article(text: &str) -> Option<(Article, Vec<Pos>)> {
    let mut c = Cursor(Lexer::new(text));
    let meta = c.meta()?;
    c.lit(b"Node(\n")?;
    let (nodes, positions) = c.tree()?;
    c.lit(b")\n")?;
    if !c.at_end() {
        return None;
    }
    Some((
        Article {
            meta,
            nodes,
            root: 0,
        },
        positions,
    ))
}

/// The article's descriptive fields from the head of a canonical file (any
/// prefix that reaches `thesis:`), without reading the tree: what a list of
/// articles needs, at a small fraction of a full parse. `None` when the
/// head is not canonical or is cut before `thesis:`.
pub fn parse_head(head: &str) -> Option<ArticleMeta> {
    Cursor(Lexer::new(head)).meta()
}

impl Cursor<'_> {
    /// Everything before the tree, through `thesis: `.
    fn meta(&mut self) -> Option<ArticleMeta> {
        self.lit(b"Article(\n")?;
        let mut meta = ArticleMeta::default();
        for &f in ArticleField::ALL {
            match self.field_value(1, f.spec())? {
                Some(Read::Tree) => return Some(meta),
                Some(Read::Value(v)) => {
                    f.set(&mut meta, v);
                }
                None => {}
            }
        }
        None
    }

    /// The field `spec` names if it is next (`Some(None)` if it is not and
    /// may be left out), up to the tree's opening; `None` when the text is
    /// not canonical here.
    fn field_value(&mut self, d: usize, spec: Spec) -> Option<Option<Read>> {
        if !self.field(d, spec.name.as_bytes()) {
            return (spec.presence != Presence::Required).then_some(None);
        }
        let v = match spec.kind {
            Kind::Text => Owned::Text(self.string()?),
            Kind::OptText => Owned::OptText(Some(self.string()?)),
            // Only `true` is canonical; `false` is left to ron.
            Kind::Flag => {
                self.lit(b"true")?;
                Owned::Flag(true)
            }
            Kind::Enum { names, .. } => Owned::Enum(Some(self.word(names)?)),
            Kind::TextList => {
                self.lit(b"[")?;
                let mut items = Vec::new();
                loop {
                    items.push(self.string()?);
                    if self.lit(b"],\n").is_some() {
                        return Some(Some(Read::Value(Owned::TextList(items))));
                    }
                    self.lit(b", ")?;
                }
            }
            Kind::Links => {
                self.lit(b"[\n")?;
                let mut links = Vec::new();
                while self.indent(d + 1) {
                    self.lit(b"Link(kind: ")?;
                    let kind = LinkKind::nth(self.word(LinkKind::NAMES)?)?;
                    self.lit(b", to: ")?;
                    let to = self.string()?;
                    self.lit(b"),\n")?;
                    links.push(Link { kind, to });
                }
                // `indent(d + 1)` failed, so fewer spaces: the list's end.
                if !self.indent(d) {
                    return None;
                }
                self.lit(b"],\n")?;
                return Some(Some(Read::Value(Owned::Links(links))));
            }
            // Maps with merge conflicts are rare and left to ron.
            Kind::Conflicts => return None,
            Kind::Tree => return Some(Some(Read::Tree)),
        };
        self.lit(b",\n")?;
        Some(Some(Read::Value(v)))
    }
}

/// What [`Cursor::field_value`] read.
enum Read {
    Value(Owned),
    /// The tree's field name: the tree follows.
    Tree,
}

/// Drops the arena's spare capacity: up to a third of the node memory of a
/// large corpus otherwise, as the vector grows by doubling.
fn shrunk(mut nodes: Vec<Node>, mut positions: Vec<Pos>, texts: TextPool) -> (Vec<Node>, Vec<Pos>) {
    children_from_parents(&mut nodes);
    texts.finish(&mut nodes);
    nodes.shrink_to_fit();
    positions.shrink_to_fit();
    (nodes, positions)
}

/// The shared lexer, read the canonical way.
struct Cursor<'a>(Lexer<'a>);

impl<'a> std::ops::Deref for Cursor<'a> {
    type Target = Lexer<'a>;
    fn deref(&self) -> &Lexer<'a> {
        &self.0
    }
}

impl std::ops::DerefMut for Cursor<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl Cursor<'_> {
    fn indent(&mut self, depth: usize) -> bool {
        self.spaces(depth * 4)
    }

    /// Consumes `<indent>name: ` if it is next; otherwise consumes nothing.
    fn field(&mut self, depth: usize, name: &[u8]) -> bool {
        let start = self.i;
        if self.indent(depth)
            && self.b[self.i..].starts_with(name)
            && self.b[self.i + name.len()..].starts_with(b": ")
        {
            self.i += name.len() + 2;
            true
        } else {
            self.i = start;
            false
        }
    }

    /// The thesis and its subtree, the cursor just after `thesis: Node(\n`;
    /// ends after the thesis's closing `),\n`. Pre-order, like the loader.
    fn tree(&mut self) -> Option<(Vec<Node>, Vec<Pos>)> {
        let mut nodes: Vec<Node> = Vec::new();
        let mut texts = TextPool::new();
        let mut positions = Vec::new();
        // Open nodes whose `children: [` list is being read: (index, depth).
        let mut open: Vec<(NodeIdx, usize)> = Vec::new();
        let mut depth = 1;
        let mut parent: Option<NodeIdx> = None;
        loop {
            // The cursor is just after a `Node(\n` at `depth`.
            let idx = nodes.len() as NodeIdx;
            positions.push(Pos {
                line: self.line(),
                col: (depth as u32 + 1) * 4 + 1,
            });
            let (mut node, has_children) = self.node_fields(depth + 1)?;
            node.parent = parent;
            nodes.push(texts.node(node));
            if has_children {
                self.lit(b"[\n")?;
                if open.len() >= FAST_MAX_DEPTH {
                    return None;
                }
                open.push((idx, depth));
            } else {
                self.close_node(depth)?;
                if open.is_empty() {
                    return Some(shrunk(nodes, positions, texts));
                }
                // Close every list that ends here, then expect a sibling.
                loop {
                    let &(_, pd) = open.last()?;
                    let at = self.i;
                    if self.indent(pd + 1) && self.lit(b"],\n").is_some() {
                        self.close_node(pd)?;
                        open.pop();
                        if open.is_empty() {
                            return Some(shrunk(nodes, positions, texts));
                        }
                    } else {
                        self.i = at;
                        break;
                    }
                }
            }
            let &(p, pd) = open.last()?;
            if !self.indent(pd + 2) {
                return None;
            }
            self.lit(b"Node(\n")?;
            parent = Some(p);
            depth = pd + 2;
        }
    }

    fn close_node(&mut self, depth: usize) -> Option<()> {
        if !self.indent(depth) {
            return None;
        }
        self.lit(b"),\n")
    }

    /// Every field of a node but its children, in canonical order; the
    /// cursor is left after `children: ` when there are children.
    fn node_fields(&mut self, d: usize) -> Option<(NodeFields, bool)> {
        let mut n = NodeFields::default();
        for &f in NodeField::ALL {
            match self.field_value(d, f.spec())? {
                Some(Read::Tree) => return Some((n, true)),
                Some(Read::Value(v)) => {
                    f.set(&mut n, v);
                }
                None => {}
            }
        }
        Some((n, false))
    }
}

#[cfg(test)]
#[path = "fast_tests.rs"]
mod tests;
