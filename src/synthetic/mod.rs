//! Synthetic corpora for benchmarks and tests: deterministic from a seed,
//! valid (they check clean), and made of realistic text — English claims,
//! Arabic claims and quotes built from real Arabic words with some harakat,
//! numbers, parenthesised years and Latin acronyms — so that loading,
//! search and drawing are measured on data shaped like the real maps.

use std::io;
use std::path::Path;

use crate::model::{
    Article, ArticleMeta, Bearing, ClaimKind, Genre, Link, LinkKind, Motion, Node, NodeFields,
    NodeIdx, Relation, Stance, StanceBasis, Theme,
};
use crate::store::canon;

mod words;

use words::{AR, EN, Rng, THEMES, VOICES, sentence};

/// The motion every generated article argues about.
pub fn motion() -> Motion {
    Motion {
        question_en: "US-led forces should withdraw from Iraq".into(),
        question_ar: "ينبغي أن تنسحب القوات التي تقودها الولايات المتحدة من العراق".into(),
        themes: THEMES
            .iter()
            .map(|&(id, en, ar)| Theme {
                id: id.into(),
                en: en.into(),
                ar: ar.into(),
            })
            .collect(),
    }
}

fn article_id(i: usize) -> String {
    format!("gen-{i:06}")
}

/// Generates `articles` articles of `nodes_per_article` nodes each, about
/// 4% of the nodes with a link into another article.
pub fn generate(articles: usize, nodes_per_article: usize, seed: u64) -> (Motion, Vec<Article>) {
    generate_linked(articles, nodes_per_article, seed, 4)
}

/// Like [`generate`], with `links_percent` of the nodes linking into
/// another article. An `Agrees` link joins nodes of the same bearing (a
/// link drawn between nodes of different bearings becomes `Contradicts`),
/// so the argument clusters are never split and the corpus checks clean,
/// as a curated one should.
pub fn generate_linked(
    articles: usize,
    nodes_per_article: usize,
    seed: u64,
    links_percent: u64,
) -> (Motion, Vec<Article>) {
    let mut out: Vec<Article> = (0..articles)
        .map(|i| article(i, articles, nodes_per_article.max(1), seed, links_percent))
        .collect();
    // What `check` asks of attribution, settled once all dates are known
    // (so the random stream, and every other value, stays as it was): a
    // rebuttal answers an earlier article, and a report or explainer that
    // takes a side does so implicitly.
    let dates: std::collections::HashMap<Box<str>, Option<Box<str>>> = out
        .iter()
        .map(|a| (a.meta.id.clone(), a.meta.date.clone()))
        .collect();
    for a in &mut out {
        let own = a.meta.date.clone().unwrap_or_default();
        for n in &mut a.nodes {
            for l in n.links_mut() {
                let later = l
                    .target()
                    .and_then(|(aid, _)| dates.get(aid).cloned().flatten())
                    .is_some_and(|d| crate::model::attribution::is_later(&d, &own));
                if l.kind == LinkKind::Rebuts && later {
                    l.kind = LinkKind::Contradicts;
                }
            }
        }
        if matches!(a.meta.genre, Some(Genre::News | Genre::Explainer))
            && matches!(a.meta.stance, Some(Stance::Pro | Stance::Anti))
        {
            a.meta.stance_basis = StanceBasis::Implicit;
        }
    }
    agree_only_alike(&mut out);
    (motion(), out)
}

/// Turns each `Agrees` link between nodes of different bearings into
/// `Contradicts`. Generated node ids are `n<k>`, so a target is found by
/// its number rather than a search.
fn agree_only_alike(arts: &mut [Article]) {
    let bearings: Vec<Vec<Option<Bearing>>> = arts
        .iter()
        .map(|a| crate::model::bearing::derive(a).effective)
        .collect();
    let slots: Vec<Vec<NodeIdx>> = arts
        .iter()
        .map(|a| {
            let mut by_k = vec![0 as NodeIdx; a.nodes.len()];
            for (i, n) in a.nodes.iter().enumerate() {
                if let Some(k) = n
                    .id()
                    .strip_prefix('n')
                    .and_then(|k| k.parse::<usize>().ok())
                {
                    by_k[k] = i as NodeIdx;
                }
            }
            by_k
        })
        .collect();
    let index: std::collections::HashMap<&str, usize> = arts
        .iter()
        .enumerate()
        .map(|(i, a)| (&*a.meta.id, i))
        .collect();
    let mut turned: Vec<(usize, usize, usize)> = Vec::new();
    for (ai, a) in arts.iter().enumerate() {
        for (ni, n) in a.nodes.iter().enumerate() {
            for (li, l) in n.links().iter().enumerate() {
                let target = l.target().and_then(|(aid, nid)| {
                    let t = *index.get(aid)?;
                    let k: usize = nid.strip_prefix('n')?.parse().ok()?;
                    Some(bearings[t][slots[t][k] as usize])
                });
                if l.kind == LinkKind::Agrees && target != Some(bearings[ai][ni]) {
                    turned.push((ai, ni, li));
                }
            }
        }
    }
    for (ai, ni, li) in turned {
        arts[ai].nodes[ni].links_mut()[li].kind = LinkKind::Contradicts;
    }
}

fn article(i: usize, articles: usize, n: usize, seed: u64, links_percent: u64) -> Article {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x1000_0000_01B3));
    let stance = Stance::ALL[rng.below(4)];
    let mut nodes: Vec<Node> = Vec::with_capacity(n);
    // Parents are chosen among recent nodes so depth stays around 3–5.
    for k in 0..n {
        let parent = if k == 0 {
            None
        } else if k < 4 || rng.chance(35) {
            Some(0)
        } else {
            let back = 1 + rng.below(6.min(k));
            let p = (k - back) as NodeIdx;
            let depth = depth_of(&nodes, p);
            Some(if depth >= 4 {
                nodes[p as usize].parent().unwrap_or(0)
            } else {
                p
            })
        };
        let relation = parent.map(|_| {
            if rng.chance(75) {
                Relation::Supports
            } else {
                Relation::Opposes
            }
        });
        // Under a thesis that bears neither way the tree decides nothing, so
        // its reasons state a bearing (one their own children can inherit).
        let bearing = match (parent, stance.thesis_bearing()) {
            (Some(0), Bearing::Neither) => Some(if rng.chance(50) {
                Bearing::For
            } else {
                Bearing::Against
            }),
            _ => None,
        };
        let mut themes: Vec<Box<str>> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let t = THEMES[rng.below(THEMES.len())].0;
            if !themes.iter().any(|x| &**x == t) {
                themes.push(t.into());
            }
        }
        let mut links = Vec::new();
        if articles > 1 && rng.chance(links_percent) {
            // Every article has nodes `n0`..`n{n-1}`, so the link resolves.
            let other = (i + 1 + rng.below(articles - 1)) % articles;
            let kind = [LinkKind::Agrees, LinkKind::Contradicts, LinkKind::Rebuts][rng.below(3)];
            links.push(Link {
                kind,
                to: format!("{}/n{}", article_id(other), rng.below(n)).into(),
            });
        }
        nodes.push(Node::from(NodeFields {
            id: format!("n{k}").into(),
            claim_en: sentence(&mut rng, EN, 60, 140, "."),
            claim_ar: sentence(&mut rng, AR, 50, 120, "."),
            // Derived from the position, not drawn, so that adding them left
            // every other generated value (and the benchmarks' corpora) as it was.
            voice: (k % 11 == 5).then(|| VOICES[k / 11 % VOICES.len()].into()),
            kind: (!k.is_multiple_of(5)).then(|| ClaimKind::ALL[k % 4]),
            relation,
            bearing,
            quote: rng.chance(80).then(|| sentence(&mut rng, AR, 80, 200, "،")),
            themes,
            links,
            note: rng.chance(10).then(|| sentence(&mut rng, EN, 30, 90, ".")),
            conflicts: Vec::new(),
            parent,
            children: Vec::new(),
        }));
    }
    crate::model::children_from_parents(&mut nodes);
    crate::model::share_text(&mut nodes);
    let mut a = Article {
        meta: ArticleMeta {
            id: article_id(i).into(),
            title_en: sentence(&mut rng, EN, 30, 70, ""),
            title_original: sentence(&mut rng, AR, 25, 60, ""),
            author: rng.chance(60).then(|| "Generated Author".into()),
            outlet: Some("Synthetic Outlet".into()),
            date: Some(
                format!(
                    "20{:02}-0{}-1{}",
                    20 + rng.below(5),
                    1 + rng.below(9),
                    rng.below(10)
                )
                .into(),
            ),
            date_inferred: false,
            genre: (!i.is_multiple_of(6)).then(|| Genre::ALL[i % 5]),
            language: "ar".into(),
            source: None,
            stance: Some(stance),
            stance_basis: if i % 4 == 3 {
                StanceBasis::Implicit
            } else {
                StanceBasis::Explicit
            },
            rationale_en: sentence(&mut rng, EN, 40, 100, "."),
            rationale_ar: sentence(&mut rng, AR, 40, 100, "."),
            conflicts: Vec::new(),
        },
        nodes,
        root: 0,
    };
    reorder_preorder(&mut a);
    a
}

fn depth_of(nodes: &[Node], mut idx: NodeIdx) -> usize {
    let mut d = 0;
    while let Some(p) = nodes[idx as usize].parent() {
        idx = p;
        d += 1;
    }
    d
}

/// Renumbers the arena in pre-order, as the loader builds it, so that a
/// generated article equals the same article written and read back.
fn reorder_preorder(a: &mut Article) {
    let order: Vec<NodeIdx> = a.preorder().collect();
    let mut new_of = vec![0 as NodeIdx; a.nodes.len()];
    for (new, &old) in order.iter().enumerate() {
        new_of[old as usize] = new as NodeIdx;
    }
    let mut old_nodes: Vec<Option<Node>> =
        std::mem::take(&mut a.nodes).into_iter().map(Some).collect();
    for &old in &order {
        if let Some(mut n) = old_nodes[old as usize].take() {
            n.set_parent(n.parent().map(|p| new_of[p as usize]));
            n.children_mut()
                .iter_mut()
                .for_each(|c| *c = new_of[*c as usize]);
            a.nodes.push(n);
        }
    }
}

/// Writes a generated corpus as canonical map files into `dir` (created).
pub fn write_corpus(
    dir: &Path,
    articles: usize,
    nodes_per_article: usize,
    seed: u64,
) -> io::Result<()> {
    let (motion, arts) = generate(articles, nodes_per_article, seed);
    write_articles(dir, &motion, &arts)
}

/// Writes a motion and articles as canonical map files into `dir` (created).
pub fn write_articles(dir: &Path, motion: &Motion, arts: &[Article]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("motion.ron"), canon::motion_to_string(motion))?;
    for a in arts {
        std::fs::write(
            dir.join(format!("{}.ron", a.meta.id)),
            canon::article_to_string(a),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate;
    use crate::store;

    // A generated corpus written to disk loads back equal, checks clean, and is canonical.
    #[test]
    fn generated_corpus_is_valid_and_canonical() {
        let dir = tempfile::tempdir().unwrap();
        write_corpus(dir.path(), 12, 40, 7).unwrap();
        let corpus = store::load_dir(dir.path()).unwrap();
        assert_eq!(corpus.articles().count(), 12);
        assert_eq!(corpus.node_count(), 12 * 40);
        let diags = validate::validate(&corpus, dir.path(), None);
        assert!(diags.is_empty(), "{:#?}", &diags[..diags.len().min(3)]);
        let (_, arts) = generate(12, 40, 7);
        for (i, a) in corpus.articles() {
            assert_eq!(
                a, &arts[i as usize],
                "load gives back the generated article"
            );
            let text = std::fs::read_to_string(&corpus.maps[i as usize].path).unwrap();
            assert_eq!(canon::article_to_string(a), text);
        }
        let motion_text = std::fs::read_to_string(dir.path().join("motion.ron")).unwrap();
        assert_eq!(
            canon::motion_to_string(corpus.motion.as_ref().unwrap()),
            motion_text
        );
    }

    // Trees are 3–5 levels deep and every stance occurs, as in real corpora.
    #[test]
    fn shape_is_realistic() {
        let (_, arts) = generate(40, 50, 3);
        for a in &arts {
            let deepest = a.preorder().map(|i| a.depth(i)).max().unwrap_or(0);
            assert!((2..=4).contains(&deepest), "depth {deepest}");
        }
        for s in Stance::ALL {
            assert!(arts.iter().any(|a| a.meta.stance == Some(s)), "{s:?}");
        }
    }

    // The link density follows `links_percent`; Agrees and Contradicts
    // links both occur, and no argument cluster is split.
    #[test]
    fn links_follow_the_density_and_agree_only_alike() {
        let (motion, arts) = generate_linked(100, 100, 9, 10);
        let links: Vec<&Link> = arts
            .iter()
            .flat_map(|a| a.nodes.iter().flat_map(|n| n.links()))
            .collect();
        assert!((800..1200).contains(&links.len()), "{}", links.len());
        for kind in [LinkKind::Agrees, LinkKind::Contradicts] {
            assert!(
                links.iter().filter(|l| l.kind == kind).count() > 100,
                "{kind:?}"
            );
        }
        let corpus = crate::model::Corpus::of_articles(Some(motion), arts);
        let clusters = crate::model::Clusters::build(&corpus);
        assert!(
            clusters.len() < corpus.node_count(),
            "some nodes are joined"
        );
        assert!(clusters.split_warnings(&corpus).is_empty());
    }

    // The same seed gives the same corpus; another seed another one.
    #[test]
    fn deterministic() {
        assert_eq!(generate(3, 20, 1).1, generate(3, 20, 1).1);
        assert_ne!(generate(3, 20, 1).1, generate(3, 20, 2).1);
    }
}
