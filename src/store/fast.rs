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

use super::load::MAX_DEPTH;
use crate::model::corpus::Pos;
use crate::model::{
    Article, ArticleMeta, Bearing, ClaimKind, Genre, Link, LinkKind, Node, NodeFields, NodeIdx,
    Relation, Stance, StanceBasis, children_from_parents,
};

/// Trees deeper than this are left to ron, whose recursion limit decides
/// (with its located error) where the bound lies. ron spends about four
/// recursion levels per tree level, so its limit of `2 * MAX_DEPTH + 4`
/// refuses trees past ~50 levels; staying well under that keeps the fast
/// path from ever accepting a file ron refuses (tests/deep_nesting.rs).
const FAST_MAX_DEPTH: usize = MAX_DEPTH / 4;

/// The article and each node's `id` position, or `None` to fall back to ron.
pub fn parse_article(text: &str) -> Option<(Article, Vec<Pos>)> {
    let mut c = Cursor {
        s: text,
        b: text.as_bytes(),
        i: 0,
        line: 1,
    };
    let meta = c.meta()?;
    c.lit(b"Node(\n")?;
    let (nodes, positions) = c.tree()?;
    c.lit(b")\n")?;
    if c.i != c.b.len() {
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
    Cursor {
        s: head,
        b: head.as_bytes(),
        i: 0,
        line: 1,
    }
    .meta()
}

impl Cursor<'_> {
    /// Everything before the tree, through `thesis: `.
    fn meta(&mut self) -> Option<ArticleMeta> {
        let c = self;
        c.lit(b"Article(\n")?;
        let mut meta = ArticleMeta {
            id: c.str_field(1, b"id")?,
            ..Default::default()
        };
        if let Some(v) = c.opt_str_field(1, b"title_en")? {
            meta.title_en = v;
        }
        if let Some(v) = c.opt_str_field(1, b"title_original")? {
            meta.title_original = v;
        }
        meta.author = c.opt_str_field(1, b"author")?;
        meta.outlet = c.opt_str_field(1, b"outlet")?;
        meta.date = c.opt_str_field(1, b"date")?;
        if c.field(1, b"date_inferred") {
            c.lit(b"true,\n")?;
            meta.date_inferred = true;
        }
        if c.field(1, b"genre") {
            meta.genre = Some(c.word(&[
                (b"Opinion", Genre::Opinion),
                (b"News", Genre::News),
                (b"Analysis", Genre::Analysis),
                (b"Explainer", Genre::Explainer),
                (b"Interview", Genre::Interview),
            ])?);
            c.lit(b",\n")?;
        }
        if let Some(v) = c.opt_str_field(1, b"language")? {
            meta.language = v;
        }
        meta.source = c.opt_str_field(1, b"source")?;
        if c.field(1, b"stance") {
            meta.stance = Some(c.word(&[
                (b"Pro", Stance::Pro),
                (b"Anti", Stance::Anti),
                (b"Mixed", Stance::Mixed),
                (b"Neutral", Stance::Neutral),
            ])?);
            c.lit(b",\n")?;
        }
        if c.field(1, b"stance_basis") {
            meta.stance_basis = c.word(&[
                (b"Explicit", StanceBasis::Explicit),
                (b"Implicit", StanceBasis::Implicit),
            ])?;
            c.lit(b",\n")?;
        }
        if let Some(v) = c.opt_str_field(1, b"rationale_en")? {
            meta.rationale_en = v;
        }
        if let Some(v) = c.opt_str_field(1, b"rationale_ar")? {
            meta.rationale_ar = v;
        }
        c.field(1, b"thesis").then_some(meta)
    }
}

/// Drops the arena's spare capacity: up to a third of the node memory of a
/// large corpus otherwise, as the vector grows by doubling.
fn shrunk(mut nodes: Vec<Node>, mut positions: Vec<Pos>) -> (Vec<Node>, Vec<Pos>) {
    children_from_parents(&mut nodes);
    nodes.shrink_to_fit();
    positions.shrink_to_fit();
    (nodes, positions)
}

struct Cursor<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    line: u32,
}

impl Cursor<'_> {
    fn lit(&mut self, s: &[u8]) -> Option<()> {
        if self.b[self.i..].starts_with(s) {
            self.i += s.len();
            if s.last() == Some(&b'\n') {
                self.line += 1;
            }
            Some(())
        } else {
            None
        }
    }

    fn indent(&mut self, depth: usize) -> bool {
        let n = depth * 4;
        let ok = self
            .b
            .get(self.i..self.i + n)
            .is_some_and(|s| s.iter().all(|&c| c == b' '));
        if ok {
            self.i += n;
        }
        ok
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

    fn str_field(&mut self, depth: usize, name: &[u8]) -> Option<Box<str>> {
        self.opt_str_field(depth, name)?
    }

    /// `Some(None)` when the field is absent, `None` when it is malformed.
    fn opt_str_field(&mut self, depth: usize, name: &[u8]) -> Option<Option<Box<str>>> {
        if !self.field(depth, name) {
            return Some(None);
        }
        let s = self.string()?;
        self.lit(b",\n")?;
        Some(Some(s))
    }

    /// One of a few bare identifiers, not followed by more identifier text.
    fn word<T: Copy>(&mut self, options: &[(&[u8], T)]) -> Option<T> {
        for &(w, v) in options {
            let rest = &self.b[self.i..];
            if rest.starts_with(w)
                && !rest
                    .get(w.len())
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
            {
                self.i += w.len();
                return Some(v);
            }
        }
        None
    }

    /// A string literal with only the escapes `canon::write_str` emits.
    /// Raw line breaks are declined (ron allows them, but then lines shift).
    fn string(&mut self) -> Option<Box<str>> {
        if self.b.get(self.i) != Some(&b'"') {
            return None;
        }
        let start = self.i + 1;
        let end = start + memchr::memchr3(b'"', b'\\', b'\n', &self.b[start..])?;
        // Both ends sit next to ASCII bytes, so they are char boundaries.
        let first = self.s.get(start..end)?;
        if self.b[end] == b'"' {
            self.i = end + 1;
            return Some(first.into());
        }
        let mut out: Vec<u8> = first.as_bytes().to_vec();
        let mut i = end;
        loop {
            match *self.b.get(i)? {
                b'"' => break,
                b'\n' | b'\r' => return None,
                b'\\' => {
                    let (c, len) = self.escape(i + 1)?;
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    i += 1 + len;
                }
                other => {
                    out.push(other);
                    i += 1;
                }
            }
        }
        self.i = i + 1;
        String::from_utf8(out).ok().map(Into::into)
    }

    /// The escape starting at `i` (after the backslash) and its length.
    fn escape(&self, i: usize) -> Option<(char, usize)> {
        Some(match *self.b.get(i)? {
            b'"' => ('"', 1),
            b'\\' => ('\\', 1),
            b'n' => ('\n', 1),
            b't' => ('\t', 1),
            b'r' => ('\r', 1),
            b'u' if self.b.get(i + 1) == Some(&b'{') => {
                let close = i + 2 + memchr::memchr(b'}', self.b.get(i + 2..i + 9)?)?;
                let hex = std::str::from_utf8(&self.b[i + 2..close]).ok()?;
                if hex.is_empty() || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                    return None;
                }
                (
                    char::from_u32(u32::from_str_radix(hex, 16).ok()?)?,
                    close - i + 1,
                )
            }
            _ => return None,
        })
    }

    /// The thesis and its subtree, the cursor just after `thesis: Node(\n`;
    /// ends after the thesis's closing `),\n`. Pre-order, like the loader.
    fn tree(&mut self) -> Option<(Vec<Node>, Vec<Pos>)> {
        let mut nodes: Vec<Node> = Vec::new();
        let mut positions = Vec::new();
        // Open nodes whose `children: [` list is being read: (index, depth).
        let mut open: Vec<(NodeIdx, usize)> = Vec::new();
        let mut depth = 1;
        let mut parent: Option<NodeIdx> = None;
        loop {
            // The cursor is just after a `Node(\n` at `depth`.
            let idx = nodes.len() as NodeIdx;
            positions.push(Pos {
                line: self.line,
                col: (depth as u32 + 1) * 4 + 1,
            });
            let mut node = self.node_fields(depth + 1)?;
            node.parent = parent;
            nodes.push(Node::from(node));
            if self.field(depth + 1, b"children") {
                self.lit(b"[\n")?;
                if open.len() >= FAST_MAX_DEPTH {
                    return None;
                }
                open.push((idx, depth));
            } else {
                self.close_node(depth)?;
                if open.is_empty() {
                    return Some(shrunk(nodes, positions));
                }
                // Close every list that ends here, then expect a sibling.
                loop {
                    let &(_, pd) = open.last()?;
                    let at = self.i;
                    if self.indent(pd + 1) && self.lit(b"],\n").is_some() {
                        self.close_node(pd)?;
                        open.pop();
                        if open.is_empty() {
                            return Some(shrunk(nodes, positions));
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

    /// Every field of a node but its children, in canonical order.
    fn node_fields(&mut self, d: usize) -> Option<NodeFields> {
        let mut n = NodeFields {
            id: self.str_field(d, b"id")?,
            ..Default::default()
        };
        if let Some(v) = self.opt_str_field(d, b"claim_en")? {
            n.claim_en = v;
        }
        if let Some(v) = self.opt_str_field(d, b"claim_ar")? {
            n.claim_ar = v;
        }
        n.voice = self.opt_str_field(d, b"voice")?;
        if self.field(d, b"kind") {
            n.kind = Some(self.word(&[
                (b"Fact", ClaimKind::Fact),
                (b"Prediction", ClaimKind::Prediction),
                (b"Evaluation", ClaimKind::Evaluation),
                (b"Proposal", ClaimKind::Proposal),
            ])?);
            self.lit(b",\n")?;
        }
        if self.field(d, b"relation") {
            n.relation = Some(self.word(&[
                (b"Supports", Relation::Supports),
                (b"Opposes", Relation::Opposes),
            ])?);
            self.lit(b",\n")?;
        }
        if self.field(d, b"bearing") {
            n.bearing = Some(self.word(&[
                (b"For", Bearing::For),
                (b"Against", Bearing::Against),
                (b"Neither", Bearing::Neither),
            ])?);
            self.lit(b",\n")?;
        }
        n.quote = self.opt_str_field(d, b"quote")?;
        if self.field(d, b"themes") {
            self.lit(b"[")?;
            loop {
                n.themes.push(self.string()?);
                if self.lit(b"],\n").is_some() {
                    break;
                }
                self.lit(b", ")?;
            }
        }
        if self.field(d, b"links") {
            self.lit(b"[\n")?;
            while self.indent(d + 1) {
                self.lit(b"Link(kind: ")?;
                let kind = self.word(&[
                    (b"Agrees", LinkKind::Agrees),
                    (b"Contradicts", LinkKind::Contradicts),
                    (b"Rebuts", LinkKind::Rebuts),
                ])?;
                self.lit(b", to: ")?;
                let to = self.string()?;
                self.lit(b"),\n")?;
                n.links.push(Link { kind, to });
            }
            // `indent(d + 1)` failed, so fewer spaces: the list's end.
            if !self.indent(d) {
                return None;
            }
            self.lit(b"],\n")?;
        }
        n.note = self.opt_str_field(d, b"note")?;
        Some(n)
    }
}

#[cfg(test)]
#[path = "fast_tests.rs"]
mod tests;
