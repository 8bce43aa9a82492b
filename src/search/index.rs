//! The search index: every searchable field of every reachable node,
//! normalised once when the index is built and packed into one string, so a
//! keystroke costs substring scans over contiguous memory, not allocations.
//!
//! A node's record holds its claims (English and Arabic), quote and note; the
//! thesis (root) node's record also holds the article's titles. Theme labels
//! are kept once per theme, not copied into every record: a query matches
//! them once per theme and a node inherits the result through its theme ids.
//! The original texts are kept too, so hits carry the text their highlight
//! ranges point into even after the corpus has been edited.

use std::ops::Range;

use crate::model::{ClaimKind, Corpus, NodeRef, Stance};
use crate::text::normalize::normalize_into;

/// Which text of a node a match is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    ClaimEn,
    ClaimAr,
    Quote,
    Note,
    /// The article's English title (searched on its thesis node).
    TitleEn,
    /// The article's title in its own language (searched on its thesis node).
    TitleOriginal,
    /// English label of the node's theme with this index in [`Index::theme_id`].
    ThemeEn(u16),
    /// Arabic label of the node's theme with this index.
    ThemeAr(u16),
}

impl Field {
    /// Stable name for output (`claim_en`, `theme_ar`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Field::ClaimEn => "claim_en",
            Field::ClaimAr => "claim_ar",
            Field::Quote => "quote",
            Field::Note => "note",
            Field::TitleEn => "title_en",
            Field::TitleOriginal => "title_original",
            Field::ThemeEn(_) => "theme_en",
            Field::ThemeAr(_) => "theme_ar",
        }
    }

    /// How much a match in this field says about the node: claims and titles
    /// are what a reader looks for; quotes and notes are long and match by
    /// accident more often; a theme label is shared by many nodes.
    pub(crate) fn weight(self) -> i64 {
        match self {
            Field::TitleEn | Field::TitleOriginal => 40,
            Field::ClaimEn | Field::ClaimAr => 30,
            Field::Quote => 10,
            Field::Note => 5,
            Field::ThemeEn(_) | Field::ThemeAr(_) => 0,
        }
    }
}

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
    /// Index into `Index::articles`.
    pub article: u32,
    /// Range into `Index::spans`.
    pub spans: Range<u32>,
    /// Range into `Index::node_themes`.
    pub themes: Range<u32>,
    /// Index into `Index::voices`; `None` for the author's own claim.
    pub voice: Option<u32>,
    pub kind: Option<ClaimKind>,
}

/// Per-article data the filters need.
#[derive(Debug, Clone)]
pub(crate) struct ArticleInfo {
    pub id_norm: String,
    pub stance: Option<Stance>,
}

/// A theme id used by some node, with its labels when the motion has them.
#[derive(Debug, Clone)]
pub(crate) struct ThemeInfo {
    pub id: Box<str>,
    pub id_norm: String,
    /// (English, Arabic) labels: original and normalised.
    pub labels: Option<[(Box<str>, String); 2]>,
}

/// Normalised haystacks of a whole corpus, built once and shared (behind an
/// `Arc`) with the search worker. It is a snapshot: rebuild it after edits.
#[derive(Debug, Default)]
pub struct Index {
    pub(crate) records: Vec<Record>,
    pub(crate) spans: Vec<Span>,
    /// Every field's normalised text, each followed by `\n` (which normalised
    /// text never contains, so no match crosses from one field into the next).
    pub(crate) norm: String,
    pub(crate) orig: String,
    pub(crate) articles: Vec<ArticleInfo>,
    pub(crate) themes: Vec<ThemeInfo>,
    pub(crate) node_themes: Vec<u16>,
    /// Each distinct voice, normalised (for the `voice:` filter).
    pub(crate) voices: Vec<String>,
    /// True when the corpus had more text than the 32-bit offsets address
    /// (4 GiB); the nodes past that point are not indexed.
    pub truncated: bool,
}

impl Index {
    /// Indexes every reachable node of every article that parsed.
    pub fn build(corpus: &Corpus) -> Index {
        let mut ix = Index::default();
        let labels = |id: &str| {
            let t = corpus.motion.as_ref()?.theme(id)?;
            let mut en = String::new();
            let mut ar = String::new();
            normalize_into(&t.en, &mut en);
            normalize_into(&t.ar, &mut ar);
            Some([(t.en.clone(), en), (t.ar.clone(), ar)])
        };
        let mut theme_of = std::collections::HashMap::<Box<str>, u16>::new();
        let mut voice_of = std::collections::HashMap::<Box<str>, u32>::new();
        'articles: for (map, article) in corpus.articles() {
            let article_ix = ix.articles.len() as u32;
            let mut id_norm = String::new();
            normalize_into(&article.meta.id, &mut id_norm);
            ix.articles.push(ArticleInfo {
                id_norm,
                stance: article.meta.stance,
            });
            for idx in article.preorder() {
                let node = article.node(idx);
                let spans_start = ix.spans.len() as u32;
                let mut fields: Vec<(Field, &str)> = Vec::with_capacity(6);
                if idx == article.root {
                    fields.push((Field::TitleEn, &article.meta.title_en));
                    fields.push((Field::TitleOriginal, &article.meta.title_original));
                }
                fields.push((Field::ClaimEn, &node.claim_en));
                fields.push((Field::ClaimAr, &node.claim_ar));
                if let Some(q) = &node.quote {
                    fields.push((Field::Quote, q));
                }
                if let Some(n) = &node.note {
                    fields.push((Field::Note, n));
                }
                let size: usize = fields.iter().map(|(_, t)| 2 * t.len() + 1).sum();
                if ix.norm.len() + ix.orig.len() + size > u32::MAX as usize {
                    ix.truncated = true;
                    break 'articles;
                }
                for (field, text) in fields {
                    if text.is_empty() {
                        continue;
                    }
                    let o = ix.orig.len() as u32;
                    ix.orig.push_str(text);
                    let n = ix.norm.len() as u32;
                    normalize_into(text, &mut ix.norm);
                    let norm = n..ix.norm.len() as u32;
                    ix.norm.push('\n');
                    ix.spans.push(Span {
                        field,
                        norm,
                        orig: o..ix.orig.len() as u32,
                    });
                }
                let themes_start = ix.node_themes.len() as u32;
                for id in &node.themes {
                    let t = *theme_of.entry(id.clone()).or_insert_with(|| {
                        let mut id_norm = String::new();
                        normalize_into(id, &mut id_norm);
                        ix.themes.push(ThemeInfo {
                            id: id.clone(),
                            id_norm,
                            labels: labels(id),
                        });
                        // Theme ids come from a small shared vocabulary; past
                        // 65,536 distinct ids the handles would wrap.
                        (ix.themes.len() - 1) as u16
                    });
                    ix.node_themes.push(t);
                }
                let voice = node.voice.as_ref().map(|v| {
                    *voice_of.entry(v.clone()).or_insert_with(|| {
                        let mut norm = String::new();
                        normalize_into(v, &mut norm);
                        ix.voices.push(norm);
                        (ix.voices.len() - 1) as u32
                    })
                });
                ix.records.push(Record {
                    node: NodeRef { map, node: idx },
                    article: article_ix,
                    spans: spans_start..ix.spans.len() as u32,
                    themes: themes_start..ix.node_themes.len() as u32,
                    voice,
                    kind: node.kind,
                });
            }
        }
        ix
    }

    /// Number of indexed nodes.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The id of the theme a [`Field::ThemeEn`]/[`Field::ThemeAr`] refers to.
    pub fn theme_id(&self, theme: u16) -> Option<&str> {
        self.themes.get(theme as usize).map(|t| &*t.id)
    }

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
}
