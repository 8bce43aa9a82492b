//! A part of the search index: the records of some nodes (consecutive
//! articles when the index is built, or the nodes of recent edits) with
//! their normalised and original texts packed into two strings. Parts are
//! shared between copies of the index behind `Arc`s (see `search::index`).

use std::ops::Range;

use super::index::Field;
use crate::model::{Article, ClaimKind, NodeRef};
use crate::text::normalize::normalize_into;

/// One field of a record: where its normalised and original text are.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    pub field: Field,
    pub norm: Range<u32>,
    pub orig: Range<u32>,
}

/// One node's searchable data.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub node: NodeRef,
    /// Range into its part's `spans`.
    pub spans: Range<u32>,
    /// Range into its part's `node_themes`.
    pub themes: Range<u32>,
    /// Index into `Index::voices`; `None` for the author's own claim.
    pub voice: Option<u32>,
    pub kind: Option<ClaimKind>,
}

/// Records of consecutive articles (or of updates), with their texts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Part {
    pub records: Vec<Record>,
    pub spans: Vec<Span>,
    /// Every field's normalised text, each followed by `\n` (which normalised
    /// text never contains, so no match crosses from one field into the next).
    pub norm: String,
    pub orig: String,
    /// Theme handles (indices into `Index::themes`).
    pub node_themes: Vec<u16>,
    /// The lowest and highest map index of its records.
    pub(crate) maps: Option<(u32, u32)>,
}

impl Part {
    pub(crate) fn norm_of(&self, span: &Span) -> &str {
        &self.norm[span.norm.start as usize..span.norm.end as usize]
    }

    pub(crate) fn orig_of(&self, span: &Span) -> &str {
        &self.orig[span.orig.start as usize..span.orig.end as usize]
    }

    pub(crate) fn record_spans(&self, r: &Record) -> &[Span] {
        &self.spans[r.spans.start as usize..r.spans.end as usize]
    }

    pub(crate) fn record_themes(&self, r: &Record) -> &[u16] {
        &self.node_themes[r.themes.start as usize..r.themes.end as usize]
    }

    pub(crate) fn holds_map(&self, map: u32) -> bool {
        self.maps.is_some_and(|(lo, hi)| lo <= map && map <= hi)
    }

    /// Appends one node's record; `theme` turns a theme id into a handle.
    /// False when the part's 32-bit offsets cannot take the text.
    pub(crate) fn push(
        &mut self,
        map: u32,
        article: &Article,
        idx: u32,
        theme: &mut impl FnMut(&str) -> u16,
        voice: &mut impl FnMut(&str) -> u32,
    ) -> bool {
        let node = article.node(idx);
        let root = idx == article.root;
        let titles = [
            (Field::TitleEn, &*article.meta.title_en),
            (Field::TitleOriginal, &*article.meta.title_original),
        ];
        let own = [
            (Field::ClaimEn, Some(node.claim_en())),
            (Field::ClaimAr, Some(node.claim_ar())),
            (Field::Quote, node.quote()),
            (Field::Note, node.note()),
        ];
        let fields: Vec<(Field, &str)> = titles
            .into_iter()
            .filter(|_| root)
            .chain(own.into_iter().filter_map(|(f, t)| Some((f, t?))))
            .collect();
        let size: usize = fields.iter().map(|(_, t)| 2 * t.len() + 1).sum();
        if self.norm.len() + self.orig.len() + size > u32::MAX as usize {
            return false;
        }
        let spans_start = self.spans.len() as u32;
        for (field, text) in fields {
            if text.is_empty() {
                continue;
            }
            let o = self.orig.len() as u32;
            self.orig.push_str(text);
            let start = self.norm.len() as u32;
            normalize_into(text, &mut self.norm);
            let norm = start..self.norm.len() as u32;
            self.norm.push('\n');
            self.spans.push(Span {
                field,
                norm,
                orig: o..self.orig.len() as u32,
            });
        }
        let themes_start = self.node_themes.len() as u32;
        for id in node.themes() {
            self.node_themes.push(theme(id));
        }
        self.records.push(Record {
            node: NodeRef { map, node: idx },
            spans: spans_start..self.spans.len() as u32,
            themes: themes_start..self.node_themes.len() as u32,
            voice: node.voice().map(voice),
            kind: node.kind,
        });
        self.maps = Some(
            self.maps
                .map_or((map, map), |(lo, hi)| (lo.min(map), hi.max(map))),
        );
        true
    }

    /// A copy with only the records `keep` accepts (by position).
    pub(crate) fn compacted(&self, keep: impl Fn(usize) -> bool) -> Part {
        let mut p = Part::default();
        for (_, r) in self.records.iter().enumerate().filter(|(i, _)| keep(*i)) {
            let spans_start = p.spans.len() as u32;
            for s in self.record_spans(r) {
                let o = p.orig.len() as u32;
                p.orig.push_str(self.orig_of(s));
                let n = p.norm.len() as u32;
                p.norm.push_str(self.norm_of(s));
                p.spans.push(Span {
                    field: s.field,
                    norm: n..p.norm.len() as u32,
                    orig: o..p.orig.len() as u32,
                });
                p.norm.push('\n');
            }
            let themes_start = p.node_themes.len() as u32;
            p.node_themes.extend_from_slice(self.record_themes(r));
            let map = r.node.map;
            p.maps = Some(
                p.maps
                    .map_or((map, map), |(lo, hi)| (lo.min(map), hi.max(map))),
            );
            p.records.push(Record {
                node: r.node,
                spans: spans_start..p.spans.len() as u32,
                themes: themes_start..p.node_themes.len() as u32,
                voice: r.voice,
                kind: r.kind,
            });
        }
        p
    }
}
