//! The debate's rules on small hand-built corpora: who makes an argument,
//! rank, representative claim, contested marks, filters and badges.

use super::*;
use crate::model::{ArticleMeta, Bearing, Link, Node, NodeFields, Relation};

/// A child of the thesis: id, themes, voice, links.
struct Child<'a> {
    id: &'a str,
    themes: &'a [&'a str],
    voice: Option<&'a str>,
    links: &'a [(LinkKind, &'a str)],
}

fn child<'a>(id: &'a str, themes: &'a [&'a str], links: &'a [(LinkKind, &'a str)]) -> Child<'a> {
    Child {
        id,
        themes,
        voice: None,
        links,
    }
}

fn article(id: &str, stance: Stance, date: &str, children: &[Child]) -> Article {
    let mut nodes = vec![Node::from(NodeFields {
        id: "t".into(),
        children: (1..=children.len() as u32).collect(),
        ..Default::default()
    })];
    for c in children {
        nodes.push(Node::from(NodeFields {
            id: c.id.into(),
            relation: Some(Relation::Supports),
            bearing: (stance == Stance::Mixed).then_some(Bearing::For),
            parent: Some(0),
            themes: c.themes.iter().map(|&t| t.into()).collect(),
            voice: c.voice.map(Into::into),
            links: c
                .links
                .iter()
                .map(|&(kind, to)| Link {
                    kind,
                    to: to.into(),
                })
                .collect(),
            ..Default::default()
        }));
    }
    Article {
        meta: ArticleMeta {
            id: id.into(),
            stance: Some(stance),
            date: Some(date.into()),
            ..Default::default()
        },
        nodes,
        root: 0,
    }
}

fn corpus(arts: Vec<Article>) -> Corpus {
    crate::model::Corpus::of_articles(None, arts)
}

use LinkKind::{Agrees, Contradicts, Rebuts};

fn cluster(c: &Corpus, d: &Debate, address: &str) -> u32 {
    d.clusters.cluster_of(c.resolve(address).unwrap()).unwrap()
}

/// Three pro articles and one anti: `a/x`, `b/y`, `c/z` make one argument;
/// `d/w` contradicts it and rebuts `a/v`.
fn sample() -> Corpus {
    corpus(vec![
        article(
            "a",
            Stance::Pro,
            "2024-09-28",
            &[
                child("x", &["isis"], &[(Agrees, "b/y")]),
                child("v", &["iran"], &[]),
            ],
        ),
        article(
            "b",
            Stance::Pro,
            "2021-07",
            &[child("y", &["sovereignty"], &[])],
        ),
        article(
            "c",
            Stance::Pro,
            "2024",
            &[child("z", &[], &[(Agrees, "b/y")])],
        ),
        article(
            "d",
            Stance::Anti,
            "2020-11",
            &[child(
                "w",
                &["isis"],
                &[(Contradicts, "c/z"), (Rebuts, "a/v")],
            )],
        ),
    ])
}

// The argument three articles make ranks first on its side, is contested
// by the contradicting cluster, and lists it among its oppositions.
#[test]
fn ranks_by_articles_and_marks_contested() {
    let c = sample();
    let d = Debate::build(&c);
    let big = cluster(&c, &d, "b/y");
    assert_eq!(d.ranked(ClusterBearing::For)[0], big);
    assert_eq!(d.info(big).unwrap().makers, 3);
    assert!(d.info(big).unwrap().contested);
    let w = cluster(&c, &d, "d/w");
    assert_eq!(d.bearing(w), ClusterBearing::Against);
    let opp = d.oppositions(big);
    assert_eq!(opp.len(), 1);
    assert_eq!(
        (opp[0].other, opp[0].kind, opp[0].outgoing),
        (w, Contradicts, false)
    );
    // the rebutted cluster is contested, the rebutting one only by the contradiction
    assert!(d.info(cluster(&c, &d, "a/v")).unwrap().contested);
    assert_eq!(d.oppositions(w).len(), 2);
    // every cluster is ranked exactly once over the four sides
    let total: usize = SIDES.iter().map(|&s| d.ranked(s).len()).sum();
    assert_eq!(total, d.clusters.len());
}

// A rebuttal alone does not mark the rebutting argument contested.
#[test]
fn rebutting_is_not_being_contested() {
    let c = corpus(vec![
        article(
            "a",
            Stance::Pro,
            "2024",
            &[child("x", &[], &[(Rebuts, "b/y")])],
        ),
        article("b", Stance::Anti, "2024", &[child("y", &[], &[])]),
    ]);
    let d = Debate::build(&c);
    assert!(!d.info(cluster(&c, &d, "a/x")).unwrap().contested);
    assert!(d.info(cluster(&c, &d, "b/y")).unwrap().contested);
}

// The representative is the member the others agreed with (most link
// ends); a reported claim is listed but does not make the argument.
#[test]
fn representative_and_reported_members() {
    let mut reported = child("r", &[], &[(Agrees, "b/hub")]);
    reported.voice = Some("US officials");
    let c = corpus(vec![
        article(
            "a",
            Stance::Pro,
            "2024",
            &[child("x", &[], &[(Agrees, "b/hub")])],
        ),
        article("b", Stance::Pro, "2024", &[child("hub", &[], &[])]),
        article("c", Stance::Pro, "2024", &[reported]),
        article(
            "e",
            Stance::Pro,
            "2024",
            &[child("q", &[], &[(Agrees, "b/hub")])],
        ),
    ]);
    let d = Debate::build(&c);
    let k = cluster(&c, &d, "b/hub");
    let i = d.info(k).unwrap();
    assert_eq!(c.address(i.representative).unwrap(), "b/hub");
    assert_eq!((i.makers, i.reporters), (3, 1));
    assert_eq!(d.articles(k), [(0, true), (1, true), (2, false), (3, true)]);
    assert!(d.members(k).iter().any(|m| m.reported));
}

// Filters keep clusters with a member on the theme, or made in the year;
// a 2024 article counts for the year 2024 whatever its precision.
#[test]
fn filters_by_theme_and_year() {
    let c = sample();
    let d = Debate::build(&c);
    let big = cluster(&c, &d, "b/y");
    let by = |theme: Option<&str>, year: Option<i32>| {
        d.side(
            &c,
            ClusterBearing::For,
            &Filter {
                theme: theme.map(Into::into),
                year,
            },
        )
    };
    assert_eq!(by(Some("sovereignty"), None), [big]);
    assert!(by(Some("iran"), None).contains(&cluster(&c, &d, "a/v")));
    assert!(!by(Some("iran"), None).contains(&big));
    assert!(by(None, Some(2021)).contains(&big));
    assert!(by(None, Some(2024)).contains(&big));
    assert!(by(None, Some(2022)).is_empty());
    assert_eq!(by(Some("isis"), Some(2020)), Vec::<u32>::new());
    assert_eq!(
        d.side(
            &c,
            ClusterBearing::Against,
            &Filter {
                theme: Some("isis".into()),
                year: Some(2020)
            }
        ),
        [cluster(&c, &d, "d/w")]
    );
    assert_eq!(d.themes(&c, big), ["isis", "sovereignty"]);
}

// Badges: outlet's leading words, else author's last name, else the id's
// first segment; the year of any precision.
#[test]
fn badges_name_outlet_author_or_id() {
    let mut a = article("walldorf-2024", Stance::Pro, "2024-09-28", &[]);
    a.meta.outlet = Some("Annabaa News Network (شبكة النبأ)".into());
    assert_eq!(Badge::of(&a).label(), "▲Annabaa News 2024");
    a.meta.outlet = None;
    a.meta.author = Some("Mohammed Hassan al-Saadi (محمد حسن الساعدي)".into());
    assert_eq!(Badge::of(&a).name, "al-Saadi");
    a.meta.author = None;
    a.meta.date = Some("sometime".into());
    a.meta.stance = Some(Stance::Mixed);
    assert_eq!(Badge::of(&a).label(), "◆walldorf");
}

// On the bundled maps every cluster is ranked once, none is split, and the
// argument made by most articles is made by at least two.
#[test]
fn bundled_maps_make_a_debate() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    let c = crate::store::load_dir(&dir).unwrap();
    let d = Debate::build(&c);
    assert!(d.ranked(ClusterBearing::Split).is_empty());
    let total: usize = SIDES.iter().map(|&s| d.ranked(s).len()).sum();
    assert_eq!(total, d.clusters.len());
    assert!(d.clusters.len() < c.node_count());
    for side in [ClusterBearing::For, ClusterBearing::Against] {
        let top = d.ranked(side)[0];
        assert!(d.info(top).unwrap().makers >= 2, "{side:?}");
    }
}

// Ranking keeps the plain single-node clusters in place and sorts the rest
// around them: the result equals a full sort by (key, cluster number).
#[test]
fn rank_equals_a_full_sort() {
    let key = |c: u32| {
        let h = c.wrapping_mul(2_654_435_761);
        (
            Reverse(h % 3),
            Reverse((h >> 8) % 2),
            Reverse(1 + (h >> 16) as usize % 3),
        )
    };
    let list: Vec<u32> = (0..2000).collect();
    let mut want: Vec<(RankKey, u32)> = list.iter().map(|&c| (key(c), c)).collect();
    want.sort();
    let want: Vec<u32> = want.into_iter().map(|(_, c)| c).collect();
    assert_eq!(rank(&list, key), want);
}
