//! Ranking, normalisation, filters and the worker, on a small hand-made corpus.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::*;
use crate::model::{
    Article, ArticleMeta, Corpus, MapEntry, Motion, Node, NodeFields, Stance, Theme,
};

fn node(id: &str, en: &str, ar: &str, themes: &[&str], parent: Option<u32>) -> Node {
    Node::from(NodeFields {
        id: id.into(),
        claim_en: en.into(),
        claim_ar: ar.into(),
        themes: themes.iter().map(|&t| t.into()).collect(),
        parent,
        ..NodeFields::default()
    })
}

fn article(id: &str, title: &str, stance: Stance, mut nodes: Vec<Node>) -> MapEntry {
    let children: Vec<u32> = (1..nodes.len() as u32).collect();
    *nodes[0].children_mut() = children;
    MapEntry {
        path: PathBuf::from(format!("{id}.ron")),
        article: Some(Article {
            meta: ArticleMeta {
                id: id.into(),
                title_en: title.into(),
                title_original: "".into(),
                language: "ar".into(),
                stance: Some(stance),
                ..ArticleMeta::default()
            },
            nodes,
            root: 0,
        }),
        error: None,
        positions: Vec::new(),
        hash: 0,
    }
}

fn corpus() -> Corpus {
    let theme = |id: &str, en: &str, ar: &str| Theme {
        id: id.into(),
        en: en.into(),
        ar: ar.into(),
    };
    let motion = Motion {
        question_en: "US-led forces should withdraw from Iraq".into(),
        question_ar: "".into(),
        themes: vec![
            theme("isis", "ISIS threat and resurgence", "تهديد داعش وعودته"),
            theme("iran", "Iran's influence", "النفوذ الإيراني"),
        ],
    };
    let mut thesis = node(
        "thesis",
        "US forces must leave Iraq now",
        "يجب أن تغادر القوات الأمريكية العراق الآن",
        &[],
        None,
    );
    thesis.set_quote(Some("إنَّ الاحتلال الأمريكي يجب أن ينتهي"));
    let a = article(
        "alpha",
        "The occupation must end",
        Stance::Pro,
        vec![
            thesis,
            node(
                "isis-beaten",
                "The Islamic State was defeated in 2017",
                "هُزِمَت الدَّوْلَةُ الإسلاميّة عام 2017",
                &["isis"],
                Some(0),
            ),
            node(
                "iran-gain",
                "Withdrawal hands Iraq to Iran and Tehran",
                "الانسحاب يسلم العراق لطهران",
                &["iran"],
                Some(0),
            ),
        ],
    );
    let b = article(
        "beta",
        "Stay the course",
        Stance::Anti,
        vec![
            node(
                "thesis",
                "American troops should stay",
                "على القوات أن تبقى",
                &[],
                None,
            ),
            node(
                "isis-back",
                "ISIS cells are regrouping in the desert",
                "خلايا الدولة الاسلامية تعيد تنظيم صفوفها",
                &["isis"],
                Some(0),
            ),
            node(
                "irrelevant",
                "Oil prices rose after Iranian threats",
                "ارتفعت أسعار النفط",
                &[],
                Some(0),
            ),
        ],
    );
    Corpus::new(Some(motion), PathBuf::from("motion.ron"), vec![a, b])
}

fn addresses(c: &Corpus, hits: &[Hit]) -> Vec<String> {
    hits.iter().filter_map(|h| c.address(h.node)).collect()
}

fn run(q: &str) -> (Corpus, Vec<Hit>) {
    let c = corpus();
    let ix = Index::build(&c);
    let hits = search(&ix, &c, &Query::parse(q), 20);
    (c, hits)
}

/// Protects the example: a query without hamza/ta marbuta finds the spelled text.
#[test]
fn arabic_query_without_marks_finds_spelled_text() {
    let (c, hits) = run("الدوله الاسلاميه");
    assert_eq!(
        addresses(&c, &hits),
        ["alpha/isis-beaten", "beta/isis-back"]
    );
    // The highlight points at the original letters, harakat included.
    let h = &hits[0];
    assert_eq!(h.field, Field::ClaimAr);
    let lit: Vec<&str> = h.ranges.iter().map(|r| &h.text[r.clone()]).collect();
    assert_eq!(lit, ["الدَّوْلَةُ", "الإسلاميّة"]);
}

/// Protects queries typed with harakat: they match text with or without them.
#[test]
fn arabic_query_with_harakat() {
    let (c, hits) = run("الدَّوْلَةُ");
    assert_eq!(
        addresses(&c, &hits),
        ["alpha/isis-beaten", "beta/isis-back"]
    );
}

/// Protects Latin case folding and article titles being searched on the thesis.
#[test]
fn english_case_folded_and_titles() {
    let (c, hits) = run("IRAQ");
    let found = addresses(&c, &hits);
    assert!(found.contains(&"alpha/thesis".to_string()), "{found:?}");
    assert!(found.contains(&"alpha/iran-gain".to_string()), "{found:?}");
    let (c, hits) = run("occupation");
    assert_eq!(addresses(&c, &hits), ["alpha/thesis"]);
    assert_eq!(hits[0].field, Field::TitleEn);
    assert_eq!(&hits[0].text[hits[0].ranges[0].clone()], "occupation");
}

/// Protects ranking: a whole word beats a word prefix, which beats mid-word.
#[test]
fn word_matches_rank_first() {
    let (c, hits) = run("iran");
    let found = addresses(&c, &hits);
    assert_eq!(found[..2], ["alpha/iran-gain", "beta/irrelevant"]);
    let (c, hits) = run("ran");
    // Mid-word only ("Iran", "Tehran"): still found, ranked after nothing better.
    assert_eq!(addresses(&c, &hits)[0], "alpha/iran-gain");
    assert!(
        hits.iter()
            .all(|h| h.ranges.iter().all(|r| r.end <= h.text.len()))
    );
}

/// Protects typo tolerance inside a word.
#[test]
fn fuzzy_inside_a_word() {
    let (c, hits) = run("withdrwl");
    assert_eq!(addresses(&c, &hits), ["alpha/iran-gain"]);
    let h = &hits[0];
    let lit: String = h.ranges.iter().map(|r| &h.text[r.clone()]).collect();
    assert_eq!(lit, "Withdrwl");
}

/// Protects ranked partial matches (issue 15): a word the node lacks lowers
/// its rank instead of excluding it, a node matching every word ranks above
/// the rest, and each hit says which words matched and how.
#[test]
fn partial_matches_rank_below_full_ones() {
    use MatchKind::{Exact, Stem};
    let (c, hits) = run("tehran withdrawal");
    assert_eq!(addresses(&c, &hits)[0], "alpha/iran-gain");
    assert!(hits[0].matches_all());
    assert!(hits[1..].iter().all(|h| !h.matches_all()), "{hits:?}");
    // The text says «خلايا»: the query's article and the ending are clitics.
    let (c, hits) = run("desert الخلايا");
    assert_eq!(addresses(&c, &hits), ["beta/isis-back"]);
    assert_eq!(hits[0].terms, [Some(Exact), Some(Stem)]);
    let (c, hits) = run("desert zzzq");
    assert_eq!(addresses(&c, &hits), ["beta/isis-back"]);
    assert_eq!(hits[0].terms, [Some(Exact), None]);
    assert!(!hits[0].matches_all());
    // Every word matched beats a rarer word matched alone.
    let (c, hits) = run("iran threats");
    assert_eq!(addresses(&c, &hits)[0], "beta/irrelevant");
    assert!(hits[0].matches_all() && !hits[1].matches_all(), "{hits:?}");
    // A theme label term combines with a claim term; the label is a second field.
    let (c, hits) = run("resurgence regrouping");
    assert_eq!(addresses(&c, &hits)[0], "beta/isis-back");
    assert_eq!(hits[0].others.len(), 1);
    // Nothing matches any word: no hits at all.
    assert!(run("zzzq qqxx").1.is_empty());
}

/// Protects the rarity weighting: of two nodes matching one word each, the
/// one with the rarer word ranks first.
#[test]
fn rarer_words_weigh_more() {
    // "iraq" is in two records, "desert" in one.
    let (c, hits) = run("iraq desert");
    assert_eq!(addresses(&c, &hits)[0], "beta/isis-back");
}

/// Protects stems: the query's clitics and endings need not be the text's,
/// an exact form ranks above a stem, and a stem match highlights its word.
#[test]
fn stems_match_other_forms() {
    let (c, hits) = run("للدولة");
    let found = addresses(&c, &hits);
    assert!(
        found.contains(&"alpha/isis-beaten".to_string()),
        "{found:?}"
    );
    assert_eq!(hits[0].terms, [Some(MatchKind::Stem)]);
    let lit: Vec<&str> = hits[0]
        .ranges
        .iter()
        .map(|r| &hits[0].text[r.clone()])
        .collect();
    assert!(
        lit.contains(&"الدَّوْلَةُ") || lit.contains(&"الدولة"),
        "{lit:?}"
    );
    // English: "regrouped" finds "regrouping"; "cell" finds "cells".
    let (c, hits) = run("regrouped cell");
    assert_eq!(addresses(&c, &hits), ["beta/isis-back"]);
    assert!(hits[0].matches_all());
    // Hyphenated words are their parts.
    let q = Query::parse("hit-and-run");
    assert_eq!(q.terms, ["hit", "and", "run"]);
}

/// Protects the filters, alone and with text.
#[test]
fn filters() {
    let (c, hits) = run("stance:anti");
    assert_eq!(
        addresses(&c, &hits),
        ["beta/thesis", "beta/isis-back", "beta/irrelevant"]
    );
    let (c, hits) = run("theme:isis");
    assert_eq!(
        addresses(&c, &hits),
        ["alpha/isis-beaten", "beta/isis-back"]
    );
    let (c, hits) = run("الدولة stance:pro");
    assert_eq!(addresses(&c, &hits), ["alpha/isis-beaten"]);
    let (c, hits) = run("article:beta theme:isis");
    assert_eq!(addresses(&c, &hits), ["beta/isis-back"]);
    let (c, hits) = run("stance:pro stance:anti theme:iran");
    assert_eq!(addresses(&c, &hits), ["alpha/iran-gain"]);
    // An unknown stance warns and matches nothing rather than everything.
    let q = Query::parse("iraq stance:maybe");
    assert_eq!(q.warnings.len(), 1);
    let (_, hits) = run("iraq stance:maybe");
    assert!(hits.is_empty());
    // An unknown key is just text.
    assert_eq!(Query::parse("foo:bar").terms, ["foo:bar"]);
}

/// Protects the worker: results arrive, stale generations are dropped, and
/// its final batch equals the synchronous ranking.
#[test]
fn worker_streams_the_same_ranking() {
    let c = Arc::new(corpus());
    let ix = Arc::new(Index::build(&c));
    let w = Worker::spawn(Arc::clone(&ix), 20);
    let _old = w.submit("i", &c);
    let _older = w.submit("ir", &c);
    let g = w.submit("ira", &c);
    let mut last = None;
    for _ in 0..200 {
        if let Some(b) = w.poll() {
            assert_eq!(b.generation, g);
            if b.done {
                last = Some(b);
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let last = last.unwrap_or_else(|| panic!("no final batch"));
    assert_eq!(last.hits, search(&ix, &c, &Query::parse("ira"), 20));
    // A longer query still gives the synchronous answer.
    let g = w.submit("iraq", &c);
    let b = w.receiver().recv_timeout(Duration::from_secs(5));
    let b = b.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((b.generation, b.done), (g, true));
    assert_eq!(b.hits, search(&ix, &c, &Query::parse("iraq"), 20));
}

/// Protects narrowing on a corpus big enough for several scan chunks: typing
/// a query letter by letter (each keystroke narrowing the last) ends with
/// exactly the hits of a search from scratch.
#[test]
fn typing_through_the_worker_matches_search_from_scratch() {
    let (motion, articles) = crate::synthetic::generate(100, 50, 7);
    let maps = articles
        .into_iter()
        .map(|a| MapEntry {
            path: PathBuf::from(format!("{}.ron", a.meta.id)),
            article: Some(a),
            error: None,
            positions: Vec::new(),
            hash: 0,
        })
        .collect();
    let c = Arc::new(Corpus::new(Some(motion), PathBuf::from("motion.ron"), maps));
    let ix = Arc::new(Index::build(&c));
    assert!(ix.len() > 4096, "{} nodes: not several chunks", ix.len());
    let w = Worker::spawn(Arc::clone(&ix), 30);
    for q in [
        "iran infl",
        "withdrwl",
        "القوات الامريكيه",
        "السياده stance:anti",
    ] {
        let mut typed = String::new();
        for ch in q.chars() {
            typed.push(ch);
            let g = w.submit(typed.clone(), &c);
            let done = loop {
                match w.receiver().recv_timeout(Duration::from_secs(10)) {
                    Ok(b) if b.generation == g && b.done => break b,
                    Ok(_) => {}
                    Err(e) => panic!("{typed}: {e}"),
                }
            };
            let fresh = search(&ix, &c, &Query::parse(&typed), 30);
            assert_eq!(done.hits, fresh, "{typed}");
        }
        assert!(
            !search(&ix, &c, &Query::parse(q), 30).is_empty(),
            "{q} finds nothing"
        );
    }
}

/// Protects incremental updates of the inverted index: an edited claim is
/// found by its new words and no longer by its old ones, an edited node
/// alone can be re-indexed, many edits of one article keep one document per
/// node (old ones dead, mostly dead segments rebuilt), and a removed
/// article's nodes are gone.
#[test]
fn edits_update_the_index() {
    let mut c = corpus();
    let mut ix = Index::build(&c);
    let n = ix.len();
    let beta = c.map_of("beta").unwrap_or_else(|| panic!("no beta"));
    let set = |c: &mut Corpus, node: u32, text: &str| {
        let Some(a) = c.maps[beta as usize].article.as_mut() else {
            panic!("beta has no article");
        };
        a.node_mut(node).set_claim_en(text);
    };
    set(&mut c, 2, "Sandstorms ground helicopters");
    ix.update_article(&c, beta);
    assert_eq!(ix.len(), n);
    let found =
        |ix: &Index, c: &Corpus, q: &str| addresses(c, &search(ix, c, &Query::parse(q), 20));
    assert_eq!(found(&ix, &c, "sandstorms"), ["beta/irrelevant"]);
    assert!(found(&ix, &c, "oil prices").is_empty());
    // One node re-indexed on its own.
    set(&mut c, 1, "Cells regroup near Mosul");
    ix.update_node(&c, crate::model::NodeRef { map: beta, node: 1 });
    assert_eq!(ix.len(), n);
    assert_eq!(found(&ix, &c, "mosul"), ["beta/isis-back"]);
    assert!(found(&ix, &c, "desert").is_empty());
    // Many edits: still one document per node, and the last text wins.
    for k in 0..300 {
        set(&mut c, 2, &format!("Sandstorms number {k}"));
        ix.update_article(&c, beta);
    }
    assert_eq!(ix.len(), n);
    assert!(ix.slots() < n + 600, "{} slots for {n} nodes", ix.slots());
    assert_eq!(found(&ix, &c, "299"), ["beta/irrelevant"]);
    assert!(found(&ix, &c, "298").is_empty());
    assert_eq!(found(&ix, &c, "occupation"), ["alpha/thesis"]);
    // Both articles edited: the segment they were built in is all dead and
    // goes; the one edits go to holds every node once.
    let alpha = c.map_of("alpha").unwrap_or_else(|| panic!("no alpha"));
    ix.update_article(&c, alpha);
    assert_eq!((ix.len(), ix.slots()), (n, n));
    assert_eq!(found(&ix, &c, "occupation"), ["alpha/thesis"]);
    // The article removed: its nodes are gone, the others stay.
    c.maps[beta as usize].article = None;
    ix.update_article(&c, beta);
    assert_eq!(ix.len(), 3);
    assert!(found(&ix, &c, "sandstorms").is_empty());
    assert_eq!(found(&ix, &c, "tehran"), ["alpha/iran-gain"]);
}
