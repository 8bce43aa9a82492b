//! Checks of who argues what (issue 13): a node's voice, an article's genre
//! and stance basis, and the direction of a `Rebuts` link. Split from
//! `validate` because these rules are about attribution and time, not about
//! the tree's shape; `validate` calls them for each article.
//!
//! - a thesis with a voice is an error: the thesis is the author's by definition;
//! - an empty voice is an error (leave the field out for the author's own);
//! - one speaker spelled two ways in an article ("US officials",
//!   "U.S. officials") is a warning, so that a picker and a search by voice
//!   find them together;
//! - an implicit stance basis without a stance, and a news report or
//!   explainer that states a pro or anti stance outright, are warnings;
//! - a `Rebuts` link to an article dated later is a warning: a rebuttal
//!   answers what was already said, otherwise the link is `Contradicts`.

use std::collections::HashMap;
use std::path::Path;

use super::corpus::{MapEntry, Pos};
use super::date::PartialDate;
use super::{Article, Corpus, Diagnostic, Genre, LinkKind, NodeRef, Stance, StanceBasis};

/// The attribution findings of one article.
pub fn check(corpus: &Corpus, map: u32, entry: &MapEntry, a: &Article) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let path = &entry.path;
    article_meta(&mut out, path, a);
    // Each spelling of a speaker, by its folded form, with its first node.
    let mut spellings: HashMap<String, Vec<(&str, u32)>> = HashMap::new();
    for idx in a.preorder() {
        let node = a.node(idx);
        let pos = entry.pos(idx);
        let here = NodeRef { map, node: idx };
        if let Some(voice) = node.voice() {
            if node.parent().is_none() {
                out.push(
                    Diagnostic::error(
                        path,
                        "thesis-voice",
                        format!("the thesis has the voice `{voice}`"),
                    )
                    .at(pos)
                    .on(here)
                    .hint(
                        "the thesis and the stance are the author's own; attribute \
                         reported claims on the nodes below it",
                    ),
                );
            }
            if voice.trim().is_empty() {
                out.push(
                    Diagnostic::error(
                        path,
                        "empty-voice",
                        format!("node `{}` has an empty voice", node.id()),
                    )
                    .at(pos)
                    .on(here)
                    .hint("leave `voice` out for the author's own claim, or name the speaker"),
                );
            } else {
                let forms = spellings.entry(fold_speaker(voice)).or_default();
                if !forms.iter().any(|(v, _)| *v == voice) {
                    forms.push((voice, idx));
                }
            }
        }
        for link in node.links() {
            if link.kind == LinkKind::Rebuts {
                rebuts_later(&mut out, corpus, a, link.to.as_ref(), pos, here, node.id());
            }
        }
    }
    for forms in spellings.values().filter(|f| f.len() > 1) {
        let (first, _) = forms[0];
        for &(other, idx) in &forms[1..] {
            out.push(
                Diagnostic::warning(
                    path,
                    "voice-spelling",
                    format!(
                        "node `{}` names the speaker `{other}`, spelled `{first}` elsewhere in this article",
                        a.node(idx).id()
                    ),
                )
                .at(entry.pos(idx))
                .on(NodeRef { map, node: idx })
                .hint(format!(
                    "spell one speaker one way (`{first}`), so that it is found and counted as one"
                )),
            );
        }
    }
    out
}

fn article_meta(out: &mut Vec<Diagnostic>, path: &Path, a: &Article) {
    let top = Pos { line: 1, col: 1 };
    let meta = &a.meta;
    if meta.stance_basis == StanceBasis::Implicit && meta.stance.is_none() {
        out.push(
            Diagnostic::warning(
                path,
                "implicit-without-stance",
                format!(
                    "article `{}` says its stance is implicit but has no stance",
                    meta.id
                ),
            )
            .at(top)
            .hint("add the stance the framing implies, or drop `stance_basis`"),
        );
    }
    if matches!(meta.genre, Some(Genre::News | Genre::Explainer))
        && matches!(meta.stance, Some(Stance::Pro | Stance::Anti))
        && meta.stance_basis == StanceBasis::Explicit
    {
        let genre = meta.genre.map(Genre::name).unwrap_or_default();
        out.push(
            Diagnostic::warning(
                path,
                "explicit-stance-in-report",
                format!(
                    "article `{}` is a {genre} piece with an explicit {} stance",
                    meta.id,
                    meta.stance.map(Stance::name).unwrap_or_default()
                ),
            )
            .at(top)
            .hint(
                "a report or explainer seldom says where it stands: if the stance is read \
                 from its framing, add `stance_basis: Implicit`",
            ),
        );
    }
}

/// Warns when a `Rebuts` link points into an article dated after `a`.
fn rebuts_later(
    out: &mut Vec<Diagnostic>,
    corpus: &Corpus,
    a: &Article,
    to: &str,
    pos: Pos,
    here: NodeRef,
    node_id: &str,
) {
    let Some((aid, _)) = to.split_once('/') else {
        return;
    };
    let Some(target) = corpus.map_of(aid).and_then(|m| corpus.article(m)) else {
        return;
    };
    let (Some(own), Some(theirs)) = (a.meta.date.as_deref(), target.meta.date.as_deref()) else {
        return;
    };
    if is_later(theirs, own) {
        out.push(
            Diagnostic::warning(
                &*corpus.maps[here.map as usize].path,
                "rebuts-later",
                format!(
                    "node `{node_id}` rebuts `{to}`, but that article ({theirs}) is later than this one ({own})"
                ),
            )
            .at(pos)
            .on(here)
            .hint("a rebuttal answers an earlier article; for a disagreement use `Contradicts`"),
        );
    }
}

/// The speakers an article's nodes name, each spelling once, in order of
/// first use: what a voice picker offers, so a curator reuses a spelling.
pub fn speakers(a: &Article) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for idx in a.preorder() {
        if let Some(v) = a.node(idx).voice()
            && !v.trim().is_empty()
            && !out.contains(&v)
        {
            out.push(v);
        }
    }
    out
}

/// An article's stance as a badge: `▼ ANTI`, `▼ ANTI (implicit)` when the
/// stance is an inferred lean, `? NO STANCE` when it has none.
pub fn stance_badge(meta: &super::ArticleMeta) -> String {
    let name = meta
        .stance
        .map_or("NO STANCE".to_owned(), |s| s.name().to_uppercase());
    let basis = if meta.stance_basis == StanceBasis::Implicit {
        " (implicit)"
    } else {
        ""
    };
    format!("{} {name}{basis}", Stance::glyph_of(meta.stance))
}

/// True when date `a` is certainly later than date `b`: every day `a` may
/// stand for comes after every day `b` may (a partial date is a span), so
/// `2024-03` is not later than `2024`. A date that does not parse (check
/// reports it) is never later.
pub fn is_later(a: &str, b: &str) -> bool {
    match (PartialDate::parse(a), PartialDate::parse(b)) {
        (Ok(a), Ok(b)) => a.span().0 > b.span().1,
        _ => false,
    }
}

/// A speaker's name folded so that spellings of one speaker meet: case,
/// punctuation, spaces, a leading "the" and Arabic letter variants ignored.
pub fn fold_speaker(voice: &str) -> String {
    let lower = crate::text::normalize::normalize(voice);
    let words: Vec<String> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '.')
        .map(|w| w.replace('.', ""))
        .filter(|w| !w.is_empty())
        .collect();
    let start = usize::from(words.len() > 1 && (words[0] == "the" || words[0] == "ال"));
    words[start..].concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeFields};

    // Dates compare at their shared precision; anything not ISO-like is never later.
    #[test]
    fn later_at_shared_precision() {
        assert!(is_later("2024", "2021-07"));
        assert!(is_later("2021-08", "2021-07-30"));
        assert!(!is_later("2024-03", "2024"));
        assert!(!is_later("2020", "2024"));
        assert!(!is_later("early 2024", "2020"));
    }

    // The picker's speakers: each spelling once, in order of first use.
    #[test]
    fn speakers_in_order_of_first_use() {
        let a = article(&[
            None,
            Some("critics"),
            Some("US officials"),
            Some("critics"),
            Some(" "),
        ]);
        assert_eq!(speakers(&a), ["critics", "US officials"]);
    }

    // The badge says when a stance is only an inferred lean.
    #[test]
    fn badge_marks_implicit_stance() {
        let mut a = article(&[None]);
        assert_eq!(stance_badge(&a.meta), "▼ ANTI");
        a.meta.stance_basis = StanceBasis::Implicit;
        assert_eq!(stance_badge(&a.meta), "▼ ANTI (implicit)");
        a.meta.stance = None;
        assert_eq!(stance_badge(&a.meta), "? NO STANCE (implicit)");
    }

    // Spellings of one speaker fold together; different speakers do not.
    #[test]
    fn speaker_spellings_fold() {
        assert_eq!(fold_speaker("US officials"), fold_speaker("U.S. Officials"));
        assert_eq!(
            fold_speaker("the US officials"),
            fold_speaker("US  officials")
        );
        assert_eq!(
            fold_speaker("المسؤولون الأمريكيون"),
            fold_speaker("المسؤولون الامريكيون")
        );
        assert_ne!(
            fold_speaker("US officials"),
            fold_speaker("Iraqi officials")
        );
    }

    fn article(voices: &[Option<&str>]) -> Article {
        let mut nodes: Vec<Node> = voices
            .iter()
            .enumerate()
            .map(|(i, v)| {
                Node::from(NodeFields {
                    id: format!("n{i}").into(),
                    voice: v.map(Into::into),
                    parent: (i > 0).then_some(0),
                    ..Default::default()
                })
            })
            .collect();
        *nodes[0].children_mut() = (1..voices.len() as u32).collect();
        Article {
            meta: crate::model::ArticleMeta {
                id: "a".into(),
                stance: Some(Stance::Anti),
                ..Default::default()
            },
            nodes,
            root: 0,
        }
    }

    fn codes(a: Article) -> Vec<&'static str> {
        let entry = MapEntry {
            path: "a.ron".into(),
            article: Some(a),
            error: None,
            positions: Vec::new(),
            hash: 0,
        };
        let corpus = Corpus::new(None, "motion.ron".into(), vec![entry]);
        let (e, a) = (&corpus.maps[0], corpus.article(0).unwrap());
        check(&corpus, 0, e, a)
            .into_iter()
            .map(|d| d.code)
            .collect()
    }

    // A rebuttal of a later article warns; of an earlier one, or a
    // `Contradicts` link to a later one, does not.
    #[test]
    fn rebutting_a_later_article_warns() {
        let dated = |id: &str, date: &str, kind: LinkKind, to: &str| {
            let mut a = article(&[None, None]);
            a.meta.id = id.into();
            a.meta.date = Some(date.into());
            *a.nodes[1].links_mut() = vec![crate::model::Link {
                kind,
                to: to.into(),
            }];
            MapEntry {
                path: format!("{id}.ron").into(),
                article: Some(a),
                error: None,
                positions: Vec::new(),
                hash: 0,
            }
        };
        let run = |kind, early_date| {
            let corpus = Corpus::new(
                None,
                "motion.ron".into(),
                vec![
                    dated("early", early_date, kind, "late/n1"),
                    dated("late", "2024-02", LinkKind::Rebuts, "early/n1"),
                ],
            );
            (0..2u32)
                .flat_map(|m| {
                    let e = &corpus.maps[m as usize];
                    check(&corpus, m, e, e.article.as_ref().unwrap())
                })
                .map(|d| (d.path.display().to_string(), d.code))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            run(LinkKind::Rebuts, "2021-07"),
            [("early.ron".to_string(), "rebuts-later")]
        );
        assert!(run(LinkKind::Contradicts, "2021-07").is_empty());
        assert!(
            run(LinkKind::Rebuts, "2024").is_empty(),
            "overlapping spans"
        );
    }

    // A voiced thesis is an error; a voiced reason is not.
    #[test]
    fn thesis_with_voice_is_an_error() {
        assert_eq!(codes(article(&[Some("critics"), None])), ["thesis-voice"]);
        assert!(codes(article(&[None, Some("critics")])).is_empty());
    }

    // One speaker spelled two ways is reported once, on the second spelling.
    #[test]
    fn two_spellings_of_a_speaker_warn() {
        let a = article(&[
            None,
            Some("US officials"),
            Some("U.S. officials"),
            Some("US officials"),
        ]);
        assert_eq!(codes(a), ["voice-spelling"]);
    }
}
