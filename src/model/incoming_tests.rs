//! Tests of `incoming`: what the index says, and that following edits map
//! by map ([`Incoming::forget`], then [`Incoming::learn`]) gives exactly
//! the index a rebuild gives.

use super::*;
use crate::model::{Article, ArticleMeta, Link, MapEntry, Node, NodeFields};

fn article(id: &str, links: &[(&str, LinkKind)]) -> MapEntry {
    let nodes = vec![
        Node::from(NodeFields {
            id: "thesis".into(),
            children: vec![1],
            ..Default::default()
        }),
        Node::from(NodeFields {
            id: "r".into(),
            parent: Some(0),
            links: links
                .iter()
                .map(|&(to, kind)| Link {
                    kind,
                    to: to.into(),
                })
                .collect(),
            ..Default::default()
        }),
    ];
    MapEntry::in_memory(Article {
        meta: ArticleMeta {
            id: id.into(),
            ..Default::default()
        },
        nodes,
        root: 0,
    })
}

// A link recorded once, in `a`, is seen from its target in `b`; a
// dangling link is indexed under its address and shows nowhere else.
#[test]
fn links_are_seen_from_their_target() {
    let corpus = Corpus::new(
        None,
        "motion.ron".into(),
        vec![
            article(
                "a",
                &[("b/r", LinkKind::Contradicts), ("b/gone", LinkKind::Agrees)],
            ),
            article("b", &[]),
            article("c", &[("b/r", LinkKind::Rebuts)]),
        ],
    );
    let ix = Incoming::build(&corpus);
    let into_r = ix.to(&corpus, NodeRef { map: 1, node: 1 });
    assert_eq!(
        into_r,
        [
            IncomingLink {
                from: NodeRef { map: 0, node: 1 },
                kind: LinkKind::Contradicts
            },
            IncomingLink {
                from: NodeRef { map: 2, node: 1 },
                kind: LinkKind::Rebuts
            },
        ]
    );
    assert!(ix.to(&corpus, NodeRef { map: 0, node: 1 }).is_empty());
    assert!(ix.to(&corpus, NodeRef { map: 1, node: 0 }).is_empty());
    assert_eq!(ix.to_address("b", "gone").len(), 1);
    assert_eq!(ix.into_article("b"), 3);
}

/// Where the random links point: every node of every article, ids no map
/// has, an article no map is, and a target with no `/` (never indexed).
fn address(r: u32) -> Box<str> {
    match r % 9 {
        0 => "zz/n1".into(),
        1 => "no-slash".into(),
        k => format!("a{}/n{}", k % 4, r / 9 % 6).into(),
    }
}

fn links(r: u32, s: u32) -> Vec<Link> {
    let kinds = [LinkKind::Agrees, LinkKind::Contradicts, LinkKind::Rebuts];
    (0..r % 4)
        .map(|k| Link {
            kind: kinds[((s >> k) % 3) as usize],
            to: address(s.wrapping_mul(31).wrapping_add(k * 7)),
        })
        .collect()
}

/// Map `m`: article `a<m>`, a thesis and four reasons `n1`..`n4`, with links.
fn linked_map(m: u32, seed: u32) -> Article {
    let mut nodes = vec![Node::from(NodeFields {
        id: "n0".into(),
        children: vec![1, 2, 3, 4],
        ..Default::default()
    })];
    for i in 1..5u32 {
        nodes.push(Node::from(NodeFields {
            id: format!("n{i}").into(),
            parent: Some(0),
            links: links(seed.wrapping_add(i), seed.wrapping_mul(i + 3)),
            ..Default::default()
        }));
    }
    Article {
        meta: ArticleMeta {
            id: format!("a{m}").into(),
            ..Default::default()
        },
        nodes,
        root: 0,
    }
}

/// One random edit of `a`: new links, a node or article renamed (to an id
/// another may have), a node deleted, moved, or added with links.
fn pick(a: &Article, r: &[u32; 4]) -> Edit {
    let n = r[1] % a.nodes.len() as u32;
    match r[0] % 7 {
        0 | 1 => Edit::Set {
            node: n,
            field: NodeField::Links(links(r[2], r[3])),
        },
        2 => Edit::Set {
            node: n,
            field: NodeField::Id(format!("n{}", r[2] % 6).into()),
        },
        3 => Edit::Meta(Box::new(ArticleMeta {
            id: format!("a{}", r[2] % 5).into(),
            ..a.meta.clone()
        })),
        4 => Edit::Detach { node: n },
        5 => edit::move_to(n, r[2] % a.nodes.len() as u32, r[3] as usize % 3),
        _ => Edit::Batch(vec![
            Edit::Create(Box::new(Node::from(NodeFields {
                id: format!("n{}", r[2] % 6).into(),
                links: links(r[3], r[2]),
                ..Default::default()
            }))),
            Edit::Attach {
                node: a.nodes.len() as u32,
                parent: n,
                at: usize::MAX,
            },
        ]),
    }
}

/// The maps whose tree holds a link into article `id`, by looking at each.
fn maps_into_by_scan(corpus: &Corpus, id: &str) -> Vec<u32> {
    corpus
        .articles()
        .filter(|(_, a)| {
            a.preorder().any(|i| {
                a.node(i)
                    .links()
                    .iter()
                    .any(|l| l.target().is_some_and(|(aid, _)| aid == id))
            })
        })
        .map(|(m, _)| m)
        .collect()
}

use crate::model::edit::{self, Edit, NodeField};
use proptest::prelude::*;

proptest! {
    // Issue 19: "linked from" follows edits map by map instead of being
    // rebuilt over the corpus. After any sequence of edits, undos and
    // whole-map replacements across maps (links added, dropped and
    // retargeted, nodes and articles renamed, subtrees cut and pasted),
    // the followed index is exactly the one a rebuild gives, and so is
    // the set of maps linking into each article.
    #[test]
    fn following_edits_gives_what_a_rebuild_gives(
        seeds in proptest::collection::vec(any::<u32>(), 4),
        seq in proptest::collection::vec((0u32..4, any::<[u32; 4]>(), 0u32..10), 1..40),
    ) {
        let maps = seeds.iter().enumerate().map(|(m, &s)| linked_map(m as u32, s));
        let mut corpus = Corpus::of_articles(None, maps.collect());
        let mut ix = Incoming::build(&corpus);
        let mut undo: Vec<(u32, Edit)> = Vec::new();
        for (map, r, what) in &seq {
            let slot = &mut corpus.maps[*map as usize];
            let Some(a) = slot.article.as_mut() else { continue };
            match what {
                // Undo the last edit that applied, wherever it was.
                0 | 1 => {
                    if let Some((m, inv)) = undo.pop() {
                        let Some(b) = corpus.maps[m as usize].article.as_mut() else { continue };
                        ix.apply(m, b, inv).expect("an inverse applies");
                    }
                }
                // A reload: the map is replaced by another article.
                2 => {
                    ix.forget(*map, a);
                    *a = linked_map(r[2] % 5, r[3]);
                    ix.learn(*map, a);
                    undo.retain(|(m, _)| m != map);
                }
                // Through `Incoming::apply`, as the browser's edits go:
                // the edits that cannot move a link skip the index.
                _ => {
                    let edit = pick(a, r);
                    if let Ok(inv) = ix.apply(*map, a, edit) {
                        undo.push((*map, inv));
                    }
                }
            }
            corpus.reindex();
            prop_assert_eq!(&ix, &Incoming::build(&corpus));
            for id in ["a0", "a1", "a2", "a3", "a4", "zz"] {
                prop_assert_eq!(ix.maps_into(id), maps_into_by_scan(&corpus, id));
            }
        }
    }
}
