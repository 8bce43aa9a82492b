//! Argument clusters: nodes of (usually different) articles joined by
//! `Agrees` links are one argument made several times. The relation is
//! taken transitively — if A agrees with B and B with C, all three are one
//! cluster, whichever way each link points, and a cycle of links is no
//! different from a chain — and a node with no `Agrees` link is a cluster of
//! its own. A cluster bears on the motion as its members do: *for* or
//! *against* when every member that bears either way bears that way,
//! *split* when its members disagree (which `check` reports as a warning,
//! see [`Clusters::split_warnings`]), *neither* when no member bears either
//! way.
//!
//! This lives in `model`, beside the links it is made of, because `check`
//! needs it; the debate view (`compare::debate`) ranks the clusters and
//! adds who makes each and what contradicts it.
//!
//! Nodes are numbered corpus-wide ("global" indices: a map's arena offset
//! plus the node's arena index) so that union-find runs over flat arrays:
//! over a million nodes that is tens of milliseconds, where a map from
//! addresses would be hundreds.

use rayon::prelude::*;

use super::corpus::MapEntry;
use super::{Article, Bearing, Corpus, Diagnostic, LinkKind, NodeIdx, NodeRef};

/// A cluster's bearing on the motion, from its members' bearings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClusterBearing {
    For,
    Against,
    /// Some members bear for the motion and some against.
    Split,
    /// No member bears either way (all `Neither`, or unknown).
    Neither,
}

impl ClusterBearing {
    pub fn name(self) -> &'static str {
        match self {
            ClusterBearing::For => "for",
            ClusterBearing::Against => "against",
            ClusterBearing::Split => "split",
            ClusterBearing::Neither => "neither",
        }
    }

    fn of(bearings: impl Iterator<Item = Option<Bearing>>) -> ClusterBearing {
        let (mut pro, mut con) = (false, false);
        for b in bearings {
            pro |= b == Some(Bearing::For);
            con |= b == Some(Bearing::Against);
        }
        match (pro, con) {
            (true, true) => ClusterBearing::Split,
            (true, false) => ClusterBearing::For,
            (false, true) => ClusterBearing::Against,
            (false, false) => ClusterBearing::Neither,
        }
    }
}

/// One node of a cluster, with its effective bearing (stated, else derived
/// from its tree; `None` when neither — a validation error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    pub node: NodeRef,
    pub bearing: Option<Bearing>,
    /// The node reports another voice's claim (its `voice` names whose):
    /// the article shows the argument being made, it does not make it.
    pub reported: bool,
}

/// A link whose target resolved to a node: `from` says `kind` about `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedLink {
    pub from: NodeRef,
    pub to: NodeRef,
    pub kind: LinkKind,
}

/// Every reachable node of the corpus in exactly one cluster. Clusters are
/// numbered in corpus order of their first member (maps in file order,
/// nodes in pre-order), and so are the members within a cluster, so the
/// result does not depend on which way the links point.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    /// First global index of each map's arena; one more entry than maps.
    offsets: Vec<u32>,
    /// Cluster of each global index (`NONE` for unreachable nodes).
    cluster_of: Vec<u32>,
    /// Members grouped by cluster: cluster `c` is `members[starts[c]..starts[c + 1]]`.
    members: Vec<Member>,
    starts: Vec<u32>,
    bearings: Vec<ClusterBearing>,
    /// Every link that resolved, sorted (`from`, `to`, `kind`).
    links: Vec<ResolvedLink>,
}

const NONE: u32 = u32::MAX;

/// What one walk of an article yields: its reachable nodes in pre-order
/// (with, in the same order, a hash of each node's id and whether it is
/// reported), every arena node's effective bearing, and its links (source,
/// kind, target address). The walk is the only pass that reads the nodes:
/// over a million nodes every further pass over them costs a cache miss
/// per node, which is most of the time this takes.
struct Walk<'a> {
    order: Vec<NodeIdx>,
    id_hash: Vec<u64>,
    reported: Vec<bool>,
    bearing: Vec<Option<Bearing>>,
    links: Vec<(NodeIdx, LinkKind, &'a str)>,
}

fn walk(article: &Article) -> Walk<'_> {
    let n = article.nodes.len();
    let mut w = Walk {
        order: Vec::with_capacity(n),
        id_hash: Vec::with_capacity(n),
        reported: Vec::with_capacity(n),
        bearing: vec![None; n],
        links: Vec::new(),
    };
    // The same rule as `bearing::derive`, in the walk that is needed anyway.
    for idx in article.preorder() {
        let node = article.node(idx);
        let derived = match node.parent() {
            None => article.meta.stance.map(|s| s.thesis_bearing()),
            Some(p) => match (w.bearing[p as usize], node.relation) {
                (Some(pb), Some(rel)) => pb.through(rel),
                _ => None,
            },
        };
        w.bearing[idx as usize] = node.bearing.or(derived);
        w.order.push(idx);
        w.id_hash.push(id_hash(node.id()));
        w.reported.push(node.is_reported());
        for link in node.links() {
            w.links.push((idx, link.kind, &link.to));
        }
    }
    w
}

/// FNV-1a: ids are short, and a hash match is confirmed by comparing the
/// strings, so a fast hash with rare collisions is all that is needed.
fn id_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A link on its way to being resolved: the target article's map and node id.
struct Pending<'a> {
    map: u32,
    hash: u64,
    node_id: &'a str,
    from: NodeRef,
    kind: LinkKind,
}

impl Clusters {
    /// Clusters the whole corpus. Articles are walked in parallel; the
    /// union-find itself is sequential and cheap.
    pub fn build(corpus: &Corpus) -> Clusters {
        let mut offsets = Vec::with_capacity(corpus.maps.len() + 1);
        let mut total = 0u32;
        for m in &corpus.maps {
            offsets.push(total);
            total += m.article.as_ref().map_or(0, |a| a.nodes.len() as u32);
        }
        offsets.push(total);
        let walks: Vec<Option<Walk>> = corpus
            .maps
            .par_iter()
            .map(|m| m.article.as_ref().map(walk))
            .collect();
        let links = resolve_links(corpus, &walks);

        let mut parent: Vec<u32> = (0..total).collect();
        let global = |r: NodeRef| offsets[r.map as usize] + r.node;
        for l in links.iter().filter(|l| l.kind == LinkKind::Agrees) {
            union(&mut parent, global(l.from), global(l.to));
        }

        // Number the clusters in corpus order. `cluster_of[root]` doubles as
        // the root's cluster number, so one array serves both.
        let mut cluster_of = vec![NONE; total as usize];
        let mut next = 0u32;
        for (map, w) in walks.iter().enumerate() {
            let Some(w) = w else { continue };
            for &idx in &w.order {
                let g = offsets[map] + idx;
                let root = find(&mut parent, g);
                if cluster_of[root as usize] == NONE {
                    cluster_of[root as usize] = next;
                    next += 1;
                }
                cluster_of[g as usize] = cluster_of[root as usize];
            }
        }
        drop(parent);

        // Counting sort of the members by cluster, stable in corpus order.
        let mut starts = vec![0u32; next as usize + 1];
        for (map, w) in walks.iter().enumerate() {
            let Some(w) = w else { continue };
            for &idx in &w.order {
                starts[cluster_of[(offsets[map] + idx) as usize] as usize + 1] += 1;
            }
        }
        for c in 1..starts.len() {
            starts[c] += starts[c - 1];
        }
        let mut fill = starts.clone();
        let placeholder = Member {
            node: NodeRef { map: 0, node: 0 },
            bearing: None,
            reported: false,
        };
        let mut members = vec![placeholder; starts[next as usize] as usize];
        for (map, w) in walks.iter().enumerate() {
            let Some(w) = w else { continue };
            for (k, &idx) in w.order.iter().enumerate() {
                let c = cluster_of[(offsets[map] + idx) as usize] as usize;
                members[fill[c] as usize] = Member {
                    node: NodeRef {
                        map: map as u32,
                        node: idx,
                    },
                    bearing: w.bearing[idx as usize],
                    reported: w.reported[k],
                };
                fill[c] += 1;
            }
        }
        let bearings = (0..next as usize)
            .into_par_iter()
            .map(|c| {
                let ms = &members[starts[c] as usize..starts[c + 1] as usize];
                ClusterBearing::of(ms.iter().map(|m| m.bearing))
            })
            .collect();
        Clusters {
            offsets,
            cluster_of,
            members,
            starts,
            bearings,
            links,
        }
    }

    /// Number of clusters.
    pub fn len(&self) -> usize {
        self.bearings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bearings.is_empty()
    }

    /// Number of reachable nodes the clusters were built from (every one
    /// is a member of exactly one cluster); the same as
    /// [`Corpus::node_count`] of that corpus, without walking it again.
    pub fn node_count(&self) -> usize {
        self.members.len()
    }

    /// The cluster a reachable node belongs to.
    pub fn cluster_of(&self, node: NodeRef) -> Option<u32> {
        let base = *self.offsets.get(node.map as usize)?;
        let end = *self.offsets.get(node.map as usize + 1)?;
        if base + node.node >= end {
            return None;
        }
        let c = self.cluster_of[(base + node.node) as usize];
        (c != NONE).then_some(c)
    }

    /// A cluster's members, in corpus order.
    pub fn members(&self, cluster: u32) -> &[Member] {
        let c = cluster as usize;
        match (self.starts.get(c), self.starts.get(c + 1)) {
            (Some(&a), Some(&b)) => &self.members[a as usize..b as usize],
            _ => &[],
        }
    }

    pub fn bearing(&self, cluster: u32) -> ClusterBearing {
        self.bearings
            .get(cluster as usize)
            .copied()
            .unwrap_or(ClusterBearing::Neither)
    }

    /// Every link whose target resolved, of every kind, sorted.
    pub fn links(&self) -> &[ResolvedLink] {
        &self.links
    }

    /// One warning per split cluster, on its first member that bears for
    /// the motion, naming the members on each side: the curator has said
    /// these nodes make the same argument, yet gave them opposite bearings,
    /// so either a link or a bearing is wrong.
    pub fn split_warnings(&self, corpus: &Corpus) -> Vec<Diagnostic> {
        const NAMED: usize = 4;
        let mut out = Vec::new();
        for c in 0..self.len() as u32 {
            if self.bearing(c) != ClusterBearing::Split {
                continue;
            }
            let ms = self.members(c);
            let side = |b: Bearing| -> Vec<String> {
                ms.iter()
                    .filter(|m| m.bearing == Some(b))
                    .filter_map(|m| corpus.address(m.node))
                    .collect()
            };
            let (pro, con) = (side(Bearing::For), side(Bearing::Against));
            let names = |v: &[String]| {
                let mut s = v
                    .iter()
                    .take(NAMED)
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                if v.len() > NAMED {
                    s.push_str(&format!(" and {} more", v.len() - NAMED));
                }
                s
            };
            let Some(first) = ms.iter().find(|m| m.bearing == Some(Bearing::For)) else {
                continue;
            };
            let Some(entry) = corpus.maps.get(first.node.map as usize) else {
                continue;
            };
            out.push(split_warning(entry, first.node, &names(&pro), &names(&con)));
        }
        out
    }
}

fn split_warning(entry: &MapEntry, at: NodeRef, pro: &str, con: &str) -> Diagnostic {
    Diagnostic::warning(
        &entry.path,
        "split-cluster",
        format!(
            "nodes joined by `Agrees` links bear opposite ways on the motion: for {pro}; against {con}"
        ),
    )
    .at(entry.pos(at.node))
    .on(at)
    .hint("an `Agrees` link says two nodes make one argument: fix the link (perhaps `Contradicts`) or a bearing")
}

/// Resolves every link to a reachable node. Links are grouped by target
/// article and sorted by the hash of the wanted node id, so that each
/// target's id hashes (taken in the walk) are scanned once; a hash match is
/// confirmed on the strings. The first node in pre-order with an id wins,
/// as in `Article::find`; dangling links are left out.
fn resolve_links(corpus: &Corpus, walks: &[Option<Walk>]) -> Vec<ResolvedLink> {
    // In parallel: finding each target article by id is a hash lookup and
    // a string comparison per link, on keys spread over the heap (a cache
    // miss or two each): at 1M nodes, ~100k links and 6% of the debate's
    // samples, all on one thread.
    let mut pending: Vec<Pending> = walks
        .par_iter()
        .enumerate()
        .filter_map(|(map, w)| Some((map, w.as_ref()?)))
        .flat_map_iter(|(map, w)| {
            w.links.iter().filter_map(move |&(from, kind, to)| {
                let (aid, nid) = to.split_once('/')?;
                Some(Pending {
                    map: corpus.map_of(aid)?,
                    hash: id_hash(nid),
                    node_id: nid,
                    from: NodeRef {
                        map: map as u32,
                        node: from,
                    },
                    kind,
                })
            })
        })
        .collect();
    pending.par_sort_unstable_by_key(|p| (p.map, p.hash));
    let mut links: Vec<ResolvedLink> = pending
        .par_chunk_by(|a, b| a.map == b.map)
        .flat_map_iter(|group| {
            let map = group[0].map;
            let mut found: Vec<Option<NodeIdx>> = vec![None; group.len()];
            if let (Some(w), Some(article)) = (walks[map as usize].as_ref(), corpus.article(map)) {
                for (k, &h) in w.id_hash.iter().enumerate() {
                    let lo = group.partition_point(|p| p.hash < h);
                    for (j, p) in group[lo..].iter().enumerate() {
                        if p.hash != h {
                            break;
                        }
                        let idx = w.order[k];
                        if found[lo + j].is_none() && article.node(idx).id() == p.node_id {
                            found[lo + j] = Some(idx);
                        }
                    }
                }
            }
            group
                .iter()
                .zip(found)
                .filter_map(|(p, to)| {
                    Some(ResolvedLink {
                        from: p.from,
                        to: NodeRef {
                            map: p.map,
                            node: to?,
                        },
                        kind: p.kind,
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    links.par_sort_unstable_by_key(|l| (l.from, l.to, l.kind as u8));
    links
}

/// The root of `x`, halving the path on the way (each visited node is
/// pointed at its grandparent), which keeps later finds short.
fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let grand = parent[parent[x as usize] as usize];
        parent[x as usize] = grand;
        x = grand;
    }
    x
}

/// Joins the sets of `a` and `b`; the smaller root becomes the root, so the
/// result depends only on the set of links, not their order.
fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi as usize] = lo;
    }
}

#[cfg(test)]
#[path = "clusters_tests.rs"]
mod tests;
