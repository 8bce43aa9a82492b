//! Alignment, verdicts, links and the overview on small hand-made maps.

use super::*;
use crate::model::{
    Article, ArticleMeta, Bearing, Corpus, Link, LinkKind, MapEntry, Motion, Node, NodeFields,
    Relation, Stance, Theme,
};

/// A node: id, parent index, relation, stated bearing, space-separated
/// themes, links (kind, `article/node`).
type Spec<'a> = (
    &'a str,
    Option<u32>,
    Option<Relation>,
    Option<Bearing>,
    &'a str,
    &'a [(LinkKind, &'a str)],
);

fn article(id: &str, stance: Stance, specs: &[Spec]) -> Article {
    let mut nodes: Vec<Node> = specs
        .iter()
        .map(|&(nid, parent, relation, bearing, themes, links)| {
            Node::from(NodeFields {
                id: nid.into(),
                claim_en: format!("claim {nid}").into(),
                relation,
                bearing,
                parent,
                themes: themes.split_whitespace().map(Into::into).collect(),
                links: links
                    .iter()
                    .map(|&(kind, to)| Link {
                        kind,
                        to: to.into(),
                    })
                    .collect(),
                ..Default::default()
            })
        })
        .collect();
    for i in 0..nodes.len() {
        if let Some(p) = nodes[i].parent() {
            nodes[p as usize].children_mut().push(i as u32);
        }
    }
    Article {
        meta: ArticleMeta {
            id: id.into(),
            title_en: format!("Title {id}").into(),
            stance: Some(stance),
            ..Default::default()
        },
        nodes,
        root: 0,
    }
}

fn corpus(articles: Vec<Article>) -> Corpus {
    let theme = |id: &str| Theme {
        id: id.into(),
        en: format!("Theme {id}").into(),
        ar: "".into(),
    };
    let motion = Motion {
        question_en: "Q".into(),
        question_ar: "س".into(),
        themes: ["t", "u", "v", "w"].into_iter().map(theme).collect(),
    };
    crate::model::Corpus::of_articles(Some(motion), articles)
}

const S: Option<Relation> = Some(Relation::Supports);
const O: Option<Relation> = Some(Relation::Opposes);

/// Pro article. On t: thesis(+), r1(+), obj(-) → 2 for 1 against (for).
/// On u: r1(+), obj(-) → split. On v: r2(+), rebut(+), obj-fact(-) → for.
fn pro() -> Article {
    article(
        "pro",
        Stance::Pro,
        &[
            ("thesis", None, None, None, "t", &[]),
            (
                "r1",
                Some(0),
                S,
                None,
                "t u",
                &[(LinkKind::Contradicts, "anti/a1")],
            ),
            ("obj", Some(0), O, None, "t u v", &[]),
            (
                "rebut",
                Some(2),
                O,
                None,
                "v",
                &[(LinkKind::Rebuts, "anti/a2")],
            ),
            ("r2", Some(0), S, None, "v", &[(LinkKind::Agrees, "gone/x")]),
        ],
    )
}

/// Anti article. On t: thesis(-), a1(-), c1(+) → against, so t clashes.
/// On u: a1(-), c1(+), a2(+) → for. On w: a2(+), n1(o), a3(-) → split.
fn anti() -> Article {
    article(
        "anti",
        Stance::Anti,
        &[
            ("thesis", None, None, None, "t", &[]),
            (
                "a1",
                Some(0),
                S,
                None,
                "t u",
                &[(LinkKind::Contradicts, "pro/r1")],
            ),
            (
                "a2",
                Some(0),
                O,
                None,
                "u w",
                &[(LinkKind::Agrees, "pro/nope")],
            ),
            ("c1", Some(1), O, None, "t u u", &[]),
            ("n1", Some(0), S, Some(Bearing::Neither), "w", &[]),
            ("a3", Some(0), S, None, "w", &[]),
        ],
    )
}

fn row<'a>(c: &'a Comparison, theme: &str) -> &'a Row {
    c.rows.iter().find(|r| &*r.theme == theme).unwrap()
}

fn ids(art: &Article, col: &Column) -> Vec<String> {
    col.entries
        .iter()
        .map(|e| {
            format!(
                "{}{}",
                art.node(e.node).id(),
                match e.bearing {
                    Some(Bearing::For) => "+",
                    Some(Bearing::Against) => "-",
                    _ => "o",
                }
            )
        })
        .collect()
}

// Each row lists each side's nodes on the theme in reading order, with bearings.
#[test]
fn rows_hold_each_sides_nodes() {
    let c = corpus(vec![pro(), anti()]);
    let cmp = Comparison::build(&c, 0, 1).unwrap();
    let themes: Vec<&str> = cmp.rows.iter().map(|r| &*r.theme).collect();
    assert_eq!(themes, ["t", "u", "v", "w"]);
    let (p, a) = (c.article(0).unwrap(), c.article(1).unwrap());
    assert_eq!(ids(p, &row(&cmp, "t").a), ["thesis+", "r1+", "obj-"]);
    assert_eq!(ids(a, &row(&cmp, "t").b), ["thesis-", "a1-", "c1+"]);
    // Pre-order puts c1 under a1 before a2; c1 lists u twice but is one node.
    assert_eq!(ids(a, &row(&cmp, "u").b), ["a1-", "c1+", "a2+"]);
}

// The case the issue names: both sides have both pro and contra nodes on a
// theme; the majorities decide (2:1 for against 1:2 for is a clash).
#[test]
fn both_sides_have_both_majority_decides() {
    let c = corpus(vec![pro(), anti()]);
    let cmp = Comparison::build(&c, 0, 1).unwrap();
    let t = row(&cmp, "t");
    assert_eq!((t.a.tally.for_, t.a.tally.against), (2, 1));
    assert_eq!((t.b.tally.for_, t.b.tally.against), (1, 2));
    assert_eq!(t.verdict, Verdict::Clash);
    // u: pro is split 1:1, anti leans for 2:1 → mixed, not a clash.
    let u = row(&cmp, "u");
    assert_eq!(u.a.tally.lean(), Some(Lean::Split));
    assert_eq!(u.b.tally.lean(), Some(Lean::For));
    assert_eq!(u.verdict, Verdict::Mixed);
}

// A theme only one article speaks to is only-a or only-b, by side.
#[test]
fn one_sided_themes() {
    let c = corpus(vec![pro(), anti()]);
    let cmp = Comparison::build(&c, 0, 1).unwrap();
    assert_eq!(row(&cmp, "v").verdict, Verdict::OnlyA);
    assert_eq!(row(&cmp, "w").verdict, Verdict::OnlyB);
    let back = Comparison::build(&c, 1, 0).unwrap();
    assert_eq!(row(&back, "v").verdict, Verdict::OnlyB);
    assert_eq!(row(&back, "t").verdict, Verdict::Clash);
    let n = cmp.counts();
    assert_eq!((n.clash, n.mixed, n.only_a, n.only_b), (1, 1, 1, 1));
    assert_eq!(cmp.clashes().map(|(i, _)| i).collect::<Vec<_>>(), [0]);
}

// An article compared with itself agrees on every theme, split ones included,
// and shows no links.
#[test]
fn self_comparison_agrees_everywhere() {
    let c = corpus(vec![pro(), anti()]);
    for m in [0, 1] {
        let cmp = Comparison::build(&c, m, m).unwrap();
        assert!(!cmp.rows.is_empty());
        for r in &cmp.rows {
            assert_eq!(r.verdict, Verdict::Agree, "theme {}", r.theme);
            assert_eq!(r.a, r.b);
        }
        assert!(cmp.links.is_empty());
    }
}

// Links join the rows of the themes both ends carry, in both directions;
// links to other articles and dangling links are left out.
#[test]
fn links_join_shared_theme_rows() {
    let c = corpus(vec![pro(), anti()]);
    let cmp = Comparison::build(&c, 0, 1).unwrap();
    let (p, a) = (c.article(0).unwrap(), c.article(1).unwrap());
    let show: Vec<(Side, &str, &str, LinkKind, Vec<&str>)> = cmp
        .links
        .iter()
        .map(|l| {
            let rows = l
                .rows
                .iter()
                .map(|&r| &*cmp.rows[r as usize].theme)
                .collect();
            (
                l.from,
                p.node(l.a_node).id(),
                a.node(l.b_node).id(),
                l.kind,
                rows,
            )
        })
        .collect();
    assert_eq!(
        show,
        [
            (Side::A, "r1", "a1", LinkKind::Contradicts, vec!["t", "u"]),
            (Side::A, "rebut", "a2", LinkKind::Rebuts, vec![]),
            (Side::B, "r1", "a1", LinkKind::Contradicts, vec!["t", "u"]),
        ]
    );
    // The link whose ends share no theme keeps each end's rows.
    let apart = &cmp.links[1];
    assert_eq!(apart.a_rows, [2]);
    assert_eq!(apart.b_rows, [1, 3]);
    assert_eq!(row(&cmp, "t").links, [0, 2]);
    assert!(row(&cmp, "v").links.is_empty());
}

// A map that did not parse cannot be compared: an error, not a panic.
#[test]
fn broken_map_is_an_error() {
    let mut c = corpus(vec![pro()]);
    c.maps.push(MapEntry {
        path: "bad.ron".into(),
        article: None,
        error: None,
        positions: Vec::new(),
        hash: 0,
    });
    assert_eq!(Comparison::build(&c, 0, 1), Err(CompareError::NoArticle(1)));
    assert_eq!(Comparison::build(&c, 7, 0), Err(CompareError::NoArticle(7)));
}

// A theme outside the vocabulary still gets a row, after the vocabulary's.
#[test]
fn unknown_theme_sorts_last() {
    let odd = article(
        "odd",
        Stance::Pro,
        &[("thesis", None, None, None, "zz t", &[])],
    );
    let c = corpus(vec![odd, anti()]);
    let cmp = Comparison::build(&c, 0, 1).unwrap();
    let themes: Vec<&str> = cmp.rows.iter().map(|r| &*r.theme).collect();
    assert_eq!(themes, ["t", "u", "w", "zz"]);
    assert_eq!(cmp.rows[3].vocab, None);
    let ov = Overview::build(&c);
    assert_eq!(ov.themes.last().map(|t| &**t), Some("zz"));
    assert_eq!(ov.articles[1].cells.len(), 5);
}

// The matrix marks for/against/both per cell with counts and node lists.
#[test]
fn overview_cells() {
    let c = corpus(vec![pro(), anti()]);
    let ov = Overview::build(&c);
    assert_eq!(ov.themes.len(), 4);
    let p = &ov.articles[0];
    let t = ov.column("t").unwrap();
    assert_eq!(p.cells[t].tally.mark(), Mark::Both);
    assert_eq!((p.cells[t].tally.for_, p.cells[t].tally.against), (2, 1));
    assert_eq!(p.cells[t].nodes, [0, 1, 2]);
    let w = ov.column("w").unwrap();
    assert_eq!(p.cells[w].tally.mark(), Mark::Empty);
    let a = &ov.articles[1];
    assert_eq!(a.cells[w].tally.mark(), Mark::Both);
    assert_eq!(a.cells[w].tally.neither, 1);
    assert_eq!(a.tally.total(), 6);
}

// The spectrum orders by stance band first, node balance within a band.
#[test]
fn spectrum_orders_anti_mixed_pro() {
    let mixed = article(
        "mixed",
        Stance::Mixed,
        &[
            ("thesis", None, None, None, "t", &[]),
            ("m1", Some(0), S, Some(Bearing::For), "t", &[]),
        ],
    );
    let c = corpus(vec![pro(), mixed, anti()]);
    let ov = Overview::build(&c);
    assert_eq!(ov.spectrum, [2, 1, 0]);
    let pos: Vec<f32> = ov.articles.iter().map(|a| a.position).collect();
    assert!(
        pos[2] < -1.0 / 3.0 + 1e-6 && pos[0] > 1.0 / 3.0 - 1e-6,
        "{pos:?}"
    );
    // The mixed article has one for node and none against: top of its band.
    assert!((pos[1] - 1.0 / 3.0).abs() < 1e-6, "{pos:?}");
}

// The overview works bearings out in its own walk; it must agree with
// `bearing::derive` node for node (stated, derived, unknown under mixed).
#[test]
fn same_bearings_as_derive() {
    let mixed = article(
        "mixed",
        Stance::Mixed,
        &[
            ("thesis", None, None, None, "t", &[]),
            ("m1", Some(0), S, Some(Bearing::Against), "t u", &[]),
            ("m2", Some(1), O, None, "u", &[]),
            ("m3", Some(0), S, None, "v", &[]),
        ],
    );
    let c = corpus(vec![pro(), anti(), mixed]);
    let ov = Overview::build(&c);
    for (row, (_, art)) in ov.articles.iter().zip(c.articles()) {
        let b = crate::model::bearing::derive(art);
        for (col, theme) in ov.themes.iter().enumerate() {
            let mut want = Tally::default();
            let mut nodes = Vec::new();
            for i in art.preorder() {
                if art.node(i).has_theme(theme) {
                    want.add(b.of(i));
                    nodes.push(i);
                }
            }
            assert_eq!(row.cells[col].tally, want, "{} {theme}", art.id());
            assert_eq!(row.cells[col].nodes, nodes, "{} {theme}", art.id());
        }
    }
    // m3 has no bearing (unknown under a mixed thesis) and counts as neither.
    let v = ov.column("v").unwrap();
    assert_eq!(ov.articles[2].cells[v].tally.neither, 1);
}

// Refreshing one edited article gives the same overview as building anew,
// and a theme with no column yet falls back to a full build.
#[test]
fn refresh_matches_full_build() {
    let mut c = corpus(vec![pro(), anti()]);
    let mut ov = Overview::build(&c);
    let art = c.maps[1].article.as_mut().unwrap();
    art.meta.stance = Some(Stance::Pro);
    art.node_mut(2).set_themes(["t"]);
    ov.refresh(&c, 1);
    assert_eq!(ov, Overview::build(&c));
    assert!(
        ov.articles[1].position >= 1.0 / 3.0 - 1e-6,
        "now in the pro band"
    );
    c.maps[0]
        .article
        .as_mut()
        .unwrap()
        .node_mut(1)
        .set_themes(["zz"]);
    ov.refresh(&c, 0);
    assert_eq!(ov, Overview::build(&c));
    assert_eq!(ov.themes.last().map(|t| &**t), Some("zz"));
}

/// `pro()` with its reason `r1` (for, on t and u) reported as the words of
/// "US officials" rather than argued by the author.
fn pro_reporting_r1() -> Article {
    let mut a = pro();
    a.node_mut(1).set_voice(Some("US officials"));
    a
}

// Issue 13: a reported claim no longer flips a verdict. On t, pro's own
// claims are thesis(+) and obj(-), a split, so the row against anti's
// "against" is mixed; r1 is still listed, marked and tallied apart; and
// counting reported claims brings the clash back.
#[test]
fn reported_claim_does_not_flip_the_verdict() {
    let c = corpus(vec![pro(), anti()]);
    assert_eq!(
        row(&Comparison::build(&c, 0, 1).unwrap(), "t").verdict,
        Verdict::Clash
    );
    let c = corpus(vec![pro_reporting_r1(), anti()]);
    let own = Comparison::build(&c, 0, 1).unwrap();
    let t = row(&own, "t");
    assert_eq!(own.voices, Voices::Own);
    assert_eq!(t.verdict, Verdict::Mixed);
    assert_eq!((t.a.tally.for_, t.a.tally.against), (1, 1));
    assert_eq!((t.a.reported.for_, t.a.reported.total()), (1, 1));
    let r1 = t.a.entries.iter().find(|e| e.node == 1).unwrap();
    assert!(r1.reported);
    assert_eq!(ids(c.article(0).unwrap(), &t.a), ["thesis+", "r1+", "obj-"]);
    let all = Comparison::build_with(&c, 0, 1, Voices::All).unwrap();
    assert_eq!(row(&all, "t").verdict, Verdict::Clash);
    assert_eq!(row(&all, "t").a.reported.for_, 1);
}

// The overview counts the author's own claims by default: the reported r1
// leaves pro's tallies and marks, moves its position towards the centre,
// and is tallied apart; `Voices::All` and `refresh` keep to the setting.
#[test]
fn overview_counts_reported_claims_apart() {
    let plain = Overview::build(&corpus(vec![pro(), anti()]));
    let c = corpus(vec![pro_reporting_r1(), anti()]);
    let own = Overview::build(&c);
    let (t, u) = (own.column("t").unwrap(), own.column("u").unwrap());
    let p = &own.articles[0];
    assert_eq!((p.cells[t].tally.for_, p.cells[t].tally.against), (1, 1));
    assert_eq!(p.cells[t].reported.for_, 1);
    assert_eq!(p.cells[t].nodes, [0, 1, 2], "reported nodes stay listed");
    assert_eq!(p.cells[u].tally.mark(), Mark::Against);
    assert_eq!(p.tally.total() + 1, plain.articles[0].tally.total());
    assert_eq!(p.reported.total(), 1);
    assert!(p.position < plain.articles[0].position);
    let all = Overview::build_with(&c, Voices::All);
    assert_eq!(all.articles[0].tally, plain.articles[0].tally);
    assert_eq!(all.articles[0].position, plain.articles[0].position);
    let mut refreshed = all.clone();
    refreshed.refresh(&c, 0);
    assert_eq!(refreshed, all);
}
