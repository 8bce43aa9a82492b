//! Building the nodes of an arena the way a loader does: [`TextPool`] puts
//! an article's texts in one shared buffer as nodes are made,
//! [`share_text`] moves existing nodes' texts into one, and
//! [`children_from_parents`] sets every node's children in one pass. A
//! child module of `node` so that it sees the storage.

use std::sync::Arc;

use super::theme_ids;
use super::{Node, NodeFields, NodeIdx, NodeTexts, SPAN};

/// One text buffer for the nodes a loader builds, so that an article's
/// nodes share it: [`node`](TextPool::node) for each node, then
/// [`finish`](TextPool::finish) on the arena they went into.
///
/// The texts gather in a scratch buffer that each thread keeps from one
/// article to the next, and `finish` copies them once into a buffer of
/// exactly their size. Measured at a million nodes, that leaves the heap
/// far less fragmented than a buffer per node or a buffer grown or shrunk
/// in place (the file being parsed is freed around it).
pub struct TextPool {
    buf: String,
}

thread_local! {
    static SCRATCH: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// A scratch buffer larger than this is dropped rather than kept.
const SCRATCH_KEPT: usize = 1 << 20;

impl Default for TextPool {
    fn default() -> TextPool {
        TextPool::new()
    }
}

impl TextPool {
    pub fn new() -> TextPool {
        let mut buf = SCRATCH.with(std::cell::Cell::take);
        buf.clear();
        TextPool { buf }
    }

    /// The node of these fields, its texts in the pool. Past 4 GiB of text
    /// (`start` is a `u32`) the node gets a buffer of its own instead.
    pub fn node(&mut self, f: NodeFields) -> Node {
        f.into_node(|texts, themes| self.texts_node(texts, themes))
    }

    /// [`node`](TextPool::node) from texts borrowed where the reader has
    /// them (a cache entry), so that no string is made and dropped on the
    /// way into the pool; `rest` gives the other fields (its texts and
    /// themes are not read).
    pub fn node_from<'t>(
        &mut self,
        texts: NodeTexts<'_>,
        themes: impl IntoIterator<Item = &'t str>,
        rest: NodeFields,
    ) -> Node {
        let mut n = self.texts_node(texts, themes);
        n.set_rest(
            rest.kind,
            rest.relation,
            rest.bearing,
            rest.links,
            rest.conflicts,
            rest.parent,
        );
        n.set_children(rest.children);
        n
    }

    fn texts_node<'t>(
        &mut self,
        t: NodeTexts<'_>,
        themes: impl IntoIterator<Item = &'t str>,
    ) -> Node {
        let mut n = Node::default();
        let texts = [
            Some(t.id),
            Some(t.claim_en),
            Some(t.claim_ar),
            t.voice,
            t.quote,
            t.note,
        ];
        if self.buf.len() > u32::MAX as usize / 2 {
            n.pack(texts, themes);
        } else {
            n.pack_into(&mut self.buf, texts, themes, theme_ids::intern);
        }
        n
    }

    /// Hands a copy of the buffer, of exactly its size, to the nodes
    /// [`node`](TextPool::node) made: those of `nodes` that have a span and
    /// no buffer yet.
    pub fn finish(mut self, nodes: &mut [Node]) {
        if !self.buf.is_empty() {
            let shared = Arc::new(self.buf.as_str().to_owned());
            for n in nodes {
                if n.text.is_none() && n.end(SPAN) > 0 {
                    n.text = Some(Arc::clone(&shared));
                }
            }
        }
        if self.buf.capacity() <= SCRATCH_KEPT {
            self.buf.clear();
            SCRATCH.with(|s| s.set(std::mem::take(&mut self.buf)));
        }
    }
}

/// Moves the texts of these nodes (an article's arena, as a loader built
/// it) into one buffer they share, so that each node has no allocation of
/// its own for them. A buffer holds at most 4 GiB (`start` is a `u32`);
/// past that the next nodes start another.
pub fn share_text(nodes: &mut [Node]) {
    let mut from = 0;
    while from < nodes.len() {
        let mut len = 0usize;
        let mut to = from;
        while let Some(n) = nodes.get(to) {
            let more = n.span().len();
            if len + more > u32::MAX as usize {
                break;
            }
            len += more;
            to += 1;
        }
        if to == from {
            // One span past 4 GiB keeps its own buffer.
            from += 1;
            continue;
        }
        // Exact capacity: a shared buffer never grows.
        let mut buf = String::with_capacity(len);
        let mut starts = Vec::with_capacity(to - from);
        for n in &nodes[from..to] {
            starts.push(buf.len() as u32);
            buf.push_str(n.span());
        }
        let shared = Arc::new(buf);
        for (n, start) in nodes[from..to].iter_mut().zip(starts) {
            n.text = Some(Arc::clone(&shared));
            n.start = start;
        }
        from = to;
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
