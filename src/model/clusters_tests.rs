//! Clustering by `Agrees` links: transitivity, direction, cycles, split
//! clusters and the `check` warning, on small hand-built corpora.

use super::*;
use crate::model::corpus::Pos;
use crate::model::{ArticleMeta, Link, Node, NodeFields, Relation, Stance};

/// An article `id` with a thesis `t` and one supporting child per entry of
/// `children`: (node id, links as (kind, target)).
fn article(id: &str, stance: Stance, children: &[(&str, &[(LinkKind, &str)])]) -> Article {
    let mut nodes = vec![Node::from(NodeFields {
        id: "t".into(),
        children: (1..=children.len() as u32).collect(),
        ..Default::default()
    })];
    for (nid, links) in children {
        nodes.push(Node::from(NodeFields {
            id: (*nid).into(),
            relation: Some(Relation::Supports),
            parent: Some(0),
            links: links
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
            ..Default::default()
        },
        nodes,
        root: 0,
    }
}

fn corpus(arts: Vec<Article>) -> Corpus {
    let maps = arts
        .into_iter()
        .map(|a| MapEntry {
            path: format!("{}.ron", a.meta.id).into(),
            positions: (0..a.nodes.len() as u32)
                .map(|i| Pos {
                    line: i + 1,
                    col: 1,
                })
                .collect(),
            article: Some(a),
            error: None,
            hash: 0,
        })
        .collect();
    Corpus::new(None, "motion.ron".into(), maps)
}

/// The cluster of `article/node`, by address.
fn cl(c: &Corpus, k: &Clusters, address: &str) -> u32 {
    k.cluster_of(c.resolve(address).unwrap()).unwrap()
}

fn addresses(c: &Corpus, k: &Clusters, cluster: u32) -> Vec<String> {
    k.members(cluster)
        .iter()
        .map(|m| c.address(m.node).unwrap())
        .collect()
}

use LinkKind::{Agrees, Contradicts, Rebuts};

// A agrees with B and B with C: all three are one cluster, though A and C
// are not linked and the links point different ways.
#[test]
fn agreement_is_transitive_and_undirected() {
    let c = corpus(vec![
        article("a", Stance::Pro, &[("x", &[(Agrees, "b/y")])]),
        article("b", Stance::Pro, &[("y", &[])]),
        article("c", Stance::Pro, &[("z", &[(Agrees, "b/y")])]),
    ]);
    let k = Clusters::build(&c);
    let x = cl(&c, &k, "a/x");
    assert_eq!(x, cl(&c, &k, "b/y"));
    assert_eq!(x, cl(&c, &k, "c/z"));
    assert_eq!(addresses(&c, &k, x), ["a/x", "b/y", "c/z"]);
    assert_eq!(k.bearing(x), ClusterBearing::For);
    // three theses are singletons, plus the one cluster of three
    assert_eq!(k.len(), 4);
}

// A node without an Agrees link is its own cluster; Contradicts and Rebuts
// links join nothing.
#[test]
fn unlinked_and_opposing_nodes_stay_apart() {
    let c = corpus(vec![
        article(
            "a",
            Stance::Pro,
            &[("x", &[(Contradicts, "b/y")]), ("w", &[(Rebuts, "b/y")])],
        ),
        article("b", Stance::Anti, &[("y", &[])]),
    ]);
    let k = Clusters::build(&c);
    assert_eq!(k.len(), 5);
    let mut all: Vec<u32> = ["a/t", "a/x", "a/w", "b/t", "b/y"]
        .iter()
        .map(|a| cl(&c, &k, a))
        .collect();
    all.sort_unstable();
    assert_eq!(
        all,
        [0, 1, 2, 3, 4],
        "each node alone, numbered in corpus order"
    );
    assert!((0..5).all(|i| k.members(i).len() == 1));
    assert_eq!(k.links().len(), 2);
}

// A cycle of links (a→b→c→a, plus a link back) is one cluster with each
// node once, and does not loop.
#[test]
fn cycles_make_one_cluster_each_node_once() {
    let c = corpus(vec![
        article("a", Stance::Anti, &[("x", &[(Agrees, "b/y")])]),
        article(
            "b",
            Stance::Anti,
            &[("y", &[(Agrees, "c/z"), (Agrees, "a/x")])],
        ),
        article("c", Stance::Anti, &[("z", &[(Agrees, "a/x")])]),
    ]);
    let k = Clusters::build(&c);
    let x = cl(&c, &k, "a/x");
    assert_eq!(addresses(&c, &k, x), ["a/x", "b/y", "c/z"]);
    assert_eq!(k.bearing(x), ClusterBearing::Against);
    assert_eq!(k.len(), 4);
}

// A pro node agreeing with an anti node makes a split cluster, and check
// warns once, on the pro member, naming both sides.
#[test]
fn split_cluster_is_warned_once() {
    let c = corpus(vec![
        article("a", Stance::Pro, &[("x", &[(Agrees, "b/y")])]),
        article("b", Stance::Anti, &[("y", &[(Agrees, "c/z")])]),
        article("c", Stance::Anti, &[("z", &[])]),
    ]);
    let k = Clusters::build(&c);
    let x = cl(&c, &k, "a/x");
    assert_eq!(k.bearing(x), ClusterBearing::Split);
    let w = k.split_warnings(&c);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].code, "split-cluster");
    assert!(!w[0].is_error());
    assert_eq!(w[0].path, std::path::Path::new("a.ron"));
    assert_eq!(w[0].line, 2, "at the node a/x");
    assert!(w[0].message.contains("for `a/x`"), "{}", w[0].message);
    assert!(
        w[0].message.contains("against `b/y`, `c/z`"),
        "{}",
        w[0].message
    );
}

// Members bearing `Neither` do not split a cluster: it bears as the others.
#[test]
fn neither_members_do_not_split() {
    let mut mixed = article("m", Stance::Mixed, &[("n", &[(Agrees, "a/x")])]);
    mixed.nodes[1].bearing = Some(Bearing::Neither);
    let c = corpus(vec![article("a", Stance::Pro, &[("x", &[])]), mixed]);
    let k = Clusters::build(&c);
    let x = cl(&c, &k, "a/x");
    assert_eq!(k.members(x).len(), 2);
    assert_eq!(k.bearing(x), ClusterBearing::For);
    assert!(k.split_warnings(&c).is_empty());
    assert_eq!(k.bearing(cl(&c, &k, "m/t")), ClusterBearing::Neither);
}

// Dangling links and links to unknown articles are ignored; a node id
// repeated in the target article resolves to its first node in pre-order.
#[test]
fn dangling_links_are_ignored_and_duplicates_resolve_to_first() {
    let c = corpus(vec![
        article(
            "a",
            Stance::Pro,
            &[(
                "x",
                &[(Agrees, "b/missing"), (Agrees, "nope/y"), (Agrees, "b/y")],
            )],
        ),
        article("b", Stance::Pro, &[("y", &[]), ("y", &[])]),
    ]);
    let k = Clusters::build(&c);
    assert_eq!(k.links().len(), 1);
    assert_eq!(
        k.links()[0].to,
        NodeRef { map: 1, node: 1 },
        "the first `y`"
    );
    assert_eq!(k.members(cl(&c, &k, "a/x")).len(), 2);
}

// The clusters do not depend on the direction of the links: flipping every
// Agrees link of a generated corpus gives the same clusters.
#[test]
fn direction_does_not_matter_on_a_generated_corpus() {
    let (_, arts) = crate::synthetic::generate_linked(30, 40, 5, 20);
    let c = corpus(arts.clone());
    let k = Clusters::build(&c);
    let agrees: Vec<ResolvedLink> = k
        .links()
        .iter()
        .filter(|l| l.kind == Agrees)
        .copied()
        .collect();
    assert!(agrees.len() > 5, "the generator makes Agrees links");
    let mut flipped = arts;
    for a in &mut flipped {
        for n in &mut a.nodes {
            n.links_mut().retain(|l| l.kind != Agrees);
        }
    }
    for l in &agrees {
        let from = c.address(l.from).unwrap();
        flipped[l.to.map as usize].nodes[l.to.node as usize]
            .links_mut()
            .push(Link {
                kind: Agrees,
                to: from.into(),
            });
    }
    let c2 = corpus(flipped);
    let k2 = Clusters::build(&c2);
    assert_eq!(k.len(), k2.len());
    for i in 0..k.len() as u32 {
        assert_eq!(k.members(i), k2.members(i));
    }
    for l in &agrees {
        assert_eq!(k.cluster_of(l.from), k.cluster_of(l.to));
    }
}

// The clusters count the nodes they were built from, reachable ones only:
// the debate screen shows this count each frame instead of walking the
// corpus again.
#[test]
fn node_count_is_the_reachable_nodes() {
    let mut a = article("a", Stance::Pro, &[("x", &[(Agrees, "b/y")]), ("w", &[])]);
    // Detach `w`: it stays in the arena, unreachable.
    a.nodes[0].children_mut().retain(|&c| c != 2);
    a.nodes[2].set_parent(None);
    let c = corpus(vec![a, article("b", Stance::Anti, &[("y", &[])])]);
    let k = Clusters::build(&c);
    assert_eq!(k.node_count(), 4);
    assert_eq!(k.node_count(), c.node_count());
}
