//! The binary form of one parsed map in the cache (`store::cache`): an
//! article's arena and its node positions, written as a structure section
//! (lengths, indices and enum tags as LEB128 varints and bytes) followed by
//! one text section holding every string back to back.
//!
//! Strings sit together so that reading an entry checks UTF-8 once, over the
//! whole text, instead of once per field. Reading trusts nothing: every
//! length and index is bounds-checked, each string must fall on character
//! boundaries, and the tree must be a tree (each node the child of its
//! parent exactly once, all reachable from the root, no deeper than
//! `MAX_DEPTH`), so a damaged entry is refused (`None`) rather than
//! becoming an arena that would panic or loop later.

use super::load::MAX_DEPTH;
use super::schema::{ArticleField, Kind, Named, NodeField, Owned, Value};
use crate::model::corpus::Pos;
use crate::model::{Article, ArticleMeta, Link, LinkKind, NodeFields, NodeIdx, NodeTexts};

/// One field's value, in the table's order (`schema`): strings as
/// strings, a flag as a byte, an enum as its index in the kind's names (plus
/// one when optional, zero being none: never Rust's discriminants, so the
/// format does not change if a declaration is reordered), lists as a count
/// and their items. Conflicts are not written: maps with conflicts are never
/// cached (`Cache::put`). The tree is the caller's.
fn put_value(w: &mut Writer, kind: Kind, v: Value) {
    match v {
        Value::Text(s) => w.str(s),
        Value::OptText(s) => w.opt(s),
        Value::Flag(b) => w.byte(b as u8),
        Value::Enum(i) => match kind {
            Kind::Enum { optional: true, .. } => w.byte(i.map_or(0, |i| i as u8 + 1)),
            _ => w.byte(i.unwrap_or(0) as u8),
        },
        Value::TextList(items) => {
            w.num(items.len() as u64);
            for t in items {
                w.str(t);
            }
        }
        Value::Links(links) => {
            w.num(links.len() as u64);
            for l in links {
                w.byte(l.kind.index() as u8);
                w.str(&l.to);
            }
        }
        Value::Conflicts(_) | Value::Tree => {}
    }
}

/// Reads what [`put_value`] wrote for a field of `kind`: `Some(None)` for
/// the kinds it does not write, `None` when the bytes are damaged.
fn get_value(r: &mut Reader, kind: Kind) -> Option<Option<Owned>> {
    Some(Some(match kind {
        Kind::Text => Owned::Text(r.str()?),
        Kind::OptText => Owned::OptText(r.opt()?),
        Kind::Flag => Owned::Flag(r.flag()?),
        Kind::Enum { names, optional } => {
            let b = r.byte()? as usize;
            let i = match optional {
                true => b.checked_sub(1),
                false => Some(b),
            };
            if i.is_some_and(|i| i >= names.len()) {
                return None;
            }
            Owned::Enum(i)
        }
        Kind::TextList => Owned::TextList((0..r.len()?).map(|_| r.str()).collect::<Option<_>>()?),
        Kind::Links => Owned::Links(
            (0..r.len()?)
                .map(|_| {
                    let kind = LinkKind::nth(r.byte()? as usize)?;
                    Some(Link { kind, to: r.str()? })
                })
                .collect::<Option<_>>()?,
        ),
        Kind::Conflicts | Kind::Tree => return Some(None),
    }))
}

/// Encodes an article and its positions.
pub fn encode(a: &Article, positions: &[Pos]) -> Vec<u8> {
    encode_with(|w| {
        put_meta(w, &a.meta);
        put_tree(w, a, positions);
    })
}

/// Bytes of whatever `put` writes, in this file's layout.
pub(super) fn encode_with(put: impl FnOnce(&mut Writer)) -> Vec<u8> {
    let mut w = Writer::default();
    put(&mut w);
    let mut out = Vec::with_capacity(w.structure.len() + w.text.len() + 10);
    let mut len = Writer::default();
    len.num(w.structure.len() as u64);
    out.extend_from_slice(&len.structure);
    out.extend_from_slice(&w.structure);
    out.extend_from_slice(w.text.as_bytes());
    out
}

/// Reads bytes of [`encode_with`] with `get`, which must use all of them.
pub(super) fn decode_with<T>(
    bytes: &[u8],
    get: impl FnOnce(&mut Reader) -> Option<T>,
) -> Option<T> {
    let mut head = Reader {
        b: bytes,
        i: 0,
        text: "",
        t: 0,
    };
    let slen = usize::try_from(head.num()?).ok()?;
    let start = head.i;
    let end = start.checked_add(slen)?;
    let text = simdutf8::basic::from_utf8(bytes.get(end..)?).ok()?;
    let mut r = Reader {
        b: bytes.get(start..end)?,
        i: 0,
        text,
        t: 0,
    };
    let v = get(&mut r)?;
    (r.i == r.b.len() && r.t == r.text.len()).then_some(v)
}

pub(super) fn put_meta(w: &mut Writer, m: &ArticleMeta) {
    for &f in ArticleField::ALL {
        put_value(w, f.spec().kind, f.get(m));
    }
}

fn put_tree(w: &mut Writer, a: &Article, positions: &[Pos]) {
    w.num(a.root as u64);
    w.num(a.nodes.len() as u64);
    for n in &a.nodes {
        for &f in NodeField::ALL {
            put_value(w, f.spec().kind, f.get(n));
        }
        w.num(n.parent().map_or(0, |p| p as u64 + 1));
        w.num(n.children().len() as u64);
        for &c in n.children() {
            w.num(c as u64);
        }
    }
    w.num(positions.len() as u64);
    for p in positions {
        w.num(p.line as u64);
        w.num(p.col as u64);
    }
}

/// Decodes what [`encode`] wrote; `None` for anything else.
pub fn decode(bytes: &[u8]) -> Option<(Article, Vec<Pos>)> {
    let (article, positions) = decode_with(bytes, |r| {
        let meta = get_meta(r)?;
        get_tree(r, meta)
    })?;
    is_tree(&article).then_some((article, positions))
}

pub(super) fn get_meta(r: &mut Reader) -> Option<ArticleMeta> {
    let mut m = ArticleMeta::default();
    for &f in ArticleField::ALL {
        if let Some(v) = get_value(r, f.spec().kind)? {
            f.set(&mut m, v);
        }
    }
    Some(m)
}

fn get_tree(r: &mut Reader, meta: ArticleMeta) -> Option<(Article, Vec<Pos>)> {
    let root = r.idx()?;
    let count = r.len()?;
    let mut nodes = Vec::with_capacity(count);
    let mut texts = crate::model::TextPool::new();
    let mut themes: Vec<&str> = Vec::new();
    for _ in 0..count {
        // The texts are read as slices of the entry and go straight into
        // the article's buffer (`TextPool::node_from`); building each node
        // as owned strings first was a tenth of a warm load's time.
        let mut t = NodeTexts::default();
        let mut rest = NodeFields::default();
        themes.clear();
        for &f in NodeField::ALL {
            use NodeField as F;
            match f {
                F::Id => t.id = r.text()?,
                F::ClaimEn => t.claim_en = r.text()?,
                F::ClaimAr => t.claim_ar = r.text()?,
                F::Voice => t.voice = r.opt_text()?,
                F::Quote => t.quote = r.opt_text()?,
                F::Note => t.note = r.opt_text()?,
                F::Themes => {
                    for _ in 0..r.len()? {
                        themes.push(r.text()?);
                    }
                }
                F::Kind | F::Relation | F::Bearing | F::Links | F::Conflicts | F::Children => {
                    if let Some(v) = get_value(r, f.spec().kind)? {
                        f.set(&mut rest, v);
                    }
                }
            }
        }
        rest.parent = match r.num()? {
            0 => None,
            p => Some(NodeIdx::try_from(p - 1).ok()?),
        };
        rest.children = (0..r.len()?).map(|_| r.idx()).collect::<Option<_>>()?;
        nodes.push(texts.node_from(t, themes.iter().copied(), rest));
    }
    texts.finish(&mut nodes);
    let positions = (0..r.len()?)
        .map(|_| {
            Some(Pos {
                line: u32::try_from(r.num()?).ok()?,
                col: u32::try_from(r.num()?).ok()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some((Article { meta, nodes, root }, positions))
}

/// Whether the arena is one tree from the root, every node in it, each
/// listed once by its own parent, none deeper than `MAX_DEPTH`: what the
/// loader builds, and what `Article`'s walks rely on.
fn is_tree(a: &Article) -> bool {
    let n = a.nodes.len();
    if a.root as usize >= n || a.nodes[a.root as usize].parent().is_some() {
        return false;
    }
    let mut depth = vec![0usize; n];
    let mut seen = vec![false; n];
    let mut stack = vec![a.root];
    seen[a.root as usize] = true;
    let mut reached = 0;
    while let Some(i) = stack.pop() {
        reached += 1;
        let d = depth[i as usize] + 1;
        if d > MAX_DEPTH {
            return false;
        }
        for &c in a.nodes[i as usize].children() {
            let Some(node) = a.nodes.get(c as usize) else {
                return false;
            };
            if node.parent() != Some(i) || seen[c as usize] {
                return false;
            }
            seen[c as usize] = true;
            depth[c as usize] = d;
            stack.push(c);
        }
    }
    reached == n
}

#[derive(Default)]
pub(super) struct Writer {
    structure: Vec<u8>,
    text: String,
}

impl Writer {
    pub(super) fn byte(&mut self, b: u8) {
        self.structure.push(b);
    }

    pub(super) fn num(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.structure.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.structure.push(v as u8);
    }

    pub(super) fn str(&mut self, s: &str) {
        self.num(s.len() as u64);
        self.text.push_str(s);
    }

    fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.byte(1);
                self.str(s);
            }
            None => self.byte(0),
        }
    }
}

pub(super) struct Reader<'a> {
    b: &'a [u8],
    i: usize,
    text: &'a str,
    /// Where the next string starts in `text`.
    t: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn byte(&mut self) -> Option<u8> {
        let b = *self.b.get(self.i)?;
        self.i += 1;
        Some(b)
    }

    pub(super) fn num(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    /// A count of things that each take at least one byte of the structure,
    /// so that a damaged count cannot ask for a huge allocation.
    pub(super) fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.num()?).ok()?;
        (n <= self.b.len() - self.i).then_some(n)
    }

    fn idx(&mut self) -> Option<NodeIdx> {
        NodeIdx::try_from(self.num()?).ok()
    }

    pub(super) fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub(super) fn str(&mut self) -> Option<Box<str>> {
        self.text().map(Into::into)
    }

    /// The next string, as a slice of the entry.
    fn text(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.num()?).ok()?;
        let end = self.t.checked_add(n)?;
        let s = self.text.get(self.t..end)?;
        self.t = end;
        Some(s)
    }

    fn opt_text(&mut self) -> Option<Option<&'a str>> {
        match self.flag()? {
            true => self.text().map(Some),
            false => Some(None),
        }
    }

    fn opt(&mut self) -> Option<Option<Box<str>>> {
        match self.flag()? {
            true => self.str().map(Some),
            false => Some(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Article, Vec<Pos>) {
        let (_, mut arts) = crate::synthetic::generate(1, 40, 3);
        let a = arts.remove(0);
        let pos = (0..a.nodes.len() as u32)
            .map(|i| Pos {
                line: i * 9 + 2,
                col: 9,
            })
            .collect();
        (a, pos)
    }

    // What is written reads back as the same article and positions.
    #[test]
    fn round_trips() {
        let (a, pos) = sample();
        let bytes = encode(&a, &pos);
        assert_eq!(decode(&bytes), Some((a, pos)));
    }

    // Any cut, and a changed byte anywhere in the structure, is refused or
    // reads as a well-formed tree: never a panic.
    #[test]
    fn damage_is_refused_or_harmless() {
        let (a, pos) = sample();
        let bytes = encode(&a, &pos);
        for cut in (0..bytes.len()).step_by(7) {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        for at in 0..bytes.len().min(4000) {
            let mut b = bytes.clone();
            b[at] ^= 0x5A;
            if let Some((art, _)) = decode(&b) {
                assert!(is_tree(&art));
            }
        }
    }

    // Trees that are not trees are refused: a child listed twice, a cycle
    // off the root, a parent that disagrees with the child list.
    #[test]
    fn refuses_non_trees() {
        let (a, pos) = sample();
        let mut twice = a.clone();
        let c = twice.nodes[0].children()[0];
        twice.nodes[0].children_mut().push(c);
        assert_eq!(decode(&encode(&twice, &pos)), None);
        let mut unreachable = a.clone();
        let last = unreachable.nodes.len() as NodeIdx - 1;
        let p = unreachable.nodes[last as usize].parent().unwrap();
        unreachable.nodes[p as usize]
            .children_mut()
            .retain(|&x| x != last);
        assert_eq!(decode(&encode(&unreachable, &pos)), None);
        let mut wrong = a;
        wrong.nodes[1].set_parent(Some(5));
        assert_eq!(decode(&encode(&wrong, &pos)), None);
    }
}
