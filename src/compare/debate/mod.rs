//! The debate across articles: every argument for and against the motion,
//! who makes it, and what contradicts it. An argument is a cluster of nodes
//! joined by `Agrees` links ([`crate::model::clusters`]); here each cluster
//! gets the articles that make it, a representative claim, the clusters
//! that contradict or rebut it, and a rank on its side.
//!
//! # Rules
//!
//! - **Who makes an argument.** An article *makes* a cluster's argument when
//!   one of its members in the cluster is in the author's own voice; an
//!   article whose members there are all reported (`voice: "..."`) only
//!   *reports* it. Both are listed; only makers are counted for the rank,
//!   as DESIGN.md asks reported claims to be counted apart.
//! - **Rank.** On each side clusters are ranked by the number of articles
//!   making them, then of articles reporting them, then of members, then
//!   corpus order — so the same corpus always gives the same list.
//! - **Representative claim.** The member made in its author's own voice
//!   (if any) with the most `Agrees` link ends — the claim the others were
//!   linked to — and the first in corpus order on a tie.
//! - **Contested.** A cluster is contested when a member is the target of a
//!   `Rebuts` link, or an end of a `Contradicts` link (contradiction is
//!   mutual); rebutting someone else does not make one's own argument
//!   contested.
//!
//! Nothing here prints; [`report`] renders the debate as text, Markdown and
//! JSON strings for `mizan debate`.

pub mod report;

use std::cmp::Reverse;
use std::collections::HashMap;

use rayon::prelude::*;

use super::date_span::DateSpan;
use crate::model::{Article, ClusterBearing, Clusters, Corpus, LinkKind, Stance, clusters::Member};
use crate::model::{NodeRef, Theme};

/// What the debate knows of one cluster beyond its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterInfo {
    /// Articles with a member in their own voice.
    pub makers: u32,
    /// Articles whose members here are all reported.
    pub reporters: u32,
    pub representative: NodeRef,
    pub contested: bool,
}

/// Another cluster that opposes this one, or that this one opposes, through
/// one link (`from` says `kind` about `to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opposition {
    pub other: u32,
    pub kind: LinkKind,
    /// True when the link goes from this cluster to `other`.
    pub outgoing: bool,
    pub from: NodeRef,
    pub to: NodeRef,
}

/// Which clusters a view shows: those with a member on `theme`, and those
/// made (or reported) by an article dated in `year`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub theme: Option<Box<str>>,
    pub year: Option<i32>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.theme.is_none() && self.year.is_none()
    }
}

/// The clusters of a corpus, ranked per side.
#[derive(Debug, Clone, Default)]
pub struct Debate {
    pub clusters: Clusters,
    info: Vec<ClusterInfo>,
    /// Grouped by cluster: cluster `c`'s are `oppositions[opp_starts[c]..opp_starts[c + 1]]`.
    oppositions: Vec<Opposition>,
    opp_starts: Vec<u32>,
    /// Ranked cluster numbers per bearing: for, against, split, neither.
    ranked: [Vec<u32>; 4],
}

/// The sides of the debate in the order reports show them.
pub const SIDES: [ClusterBearing; 4] = [
    ClusterBearing::For,
    ClusterBearing::Against,
    ClusterBearing::Split,
    ClusterBearing::Neither,
];

fn side_slot(b: ClusterBearing) -> usize {
    match b {
        ClusterBearing::For => 0,
        ClusterBearing::Against => 1,
        ClusterBearing::Split => 2,
        ClusterBearing::Neither => 3,
    }
}

impl Debate {
    pub fn build(corpus: &Corpus) -> Debate {
        Debate::from_clusters(Clusters::build(corpus))
    }

    /// The debate over clusters already built (the TUI keeps them).
    pub fn from_clusters(clusters: Clusters) -> Debate {
        let n = clusters.len();
        // Agrees-link ends per node, to pick the representative claim.
        let mut degree: HashMap<NodeRef, u32> = HashMap::new();
        for l in clusters.links() {
            if l.kind == LinkKind::Agrees {
                *degree.entry(l.from).or_default() += 1;
                *degree.entry(l.to).or_default() += 1;
            }
        }
        let mut info: Vec<ClusterInfo> = (0..n as u32)
            .into_par_iter()
            .map(|c| summarise(clusters.members(c), &degree))
            .collect();

        let mut oppositions: Vec<(u32, Opposition)> = Vec::new();
        for l in clusters.links() {
            if l.kind == LinkKind::Agrees {
                continue;
            }
            let (Some(cf), Some(ct)) = (clusters.cluster_of(l.from), clusters.cluster_of(l.to))
            else {
                continue;
            };
            let (from, to, kind) = (l.from, l.to, l.kind);
            oppositions.push((
                cf,
                Opposition {
                    other: ct,
                    kind,
                    outgoing: true,
                    from,
                    to,
                },
            ));
            oppositions.push((
                ct,
                Opposition {
                    other: cf,
                    kind,
                    outgoing: false,
                    from,
                    to,
                },
            ));
        }
        oppositions.par_sort_unstable_by_key(|(c, o)| {
            (*c, o.other, o.kind as u8, !o.outgoing, o.from, o.to)
        });
        let mut opp_starts = vec![0u32; n + 1];
        for (c, o) in &oppositions {
            opp_starts[*c as usize + 1] += 1;
            let contests = o.kind == LinkKind::Contradicts || !o.outgoing;
            if contests {
                info[*c as usize].contested = true;
            }
        }
        for c in 1..opp_starts.len() {
            opp_starts[c] += opp_starts[c - 1];
        }
        let oppositions = oppositions.into_iter().map(|(_, o)| o).collect();

        let mut ranked: [Vec<u32>; 4] = Default::default();
        for c in 0..n as u32 {
            ranked[side_slot(clusters.bearing(c))].push(c);
        }
        for list in &mut ranked {
            *list = rank(list, |c| {
                let i = &info[c as usize];
                (
                    Reverse(i.makers),
                    Reverse(i.reporters),
                    Reverse(clusters.members(c).len()),
                )
            });
        }
        Debate {
            clusters,
            info,
            oppositions,
            opp_starts,
            ranked,
        }
    }

    pub fn info(&self, cluster: u32) -> Option<&ClusterInfo> {
        self.info.get(cluster as usize)
    }

    pub fn members(&self, cluster: u32) -> &[Member] {
        self.clusters.members(cluster)
    }

    pub fn bearing(&self, cluster: u32) -> ClusterBearing {
        self.clusters.bearing(cluster)
    }

    /// The clusters opposing this one or opposed by it, by cluster number.
    pub fn oppositions(&self, cluster: u32) -> &[Opposition] {
        let c = cluster as usize;
        match (self.opp_starts.get(c), self.opp_starts.get(c + 1)) {
            (Some(&a), Some(&b)) => &self.oppositions[a as usize..b as usize],
            _ => &[],
        }
    }

    /// One side's clusters, best ranked first, all of them.
    pub fn ranked(&self, side: ClusterBearing) -> &[u32] {
        &self.ranked[side_slot(side)]
    }

    /// One side's clusters that pass `filter`, in rank order.
    pub fn side(&self, corpus: &Corpus, side: ClusterBearing, filter: &Filter) -> Vec<u32> {
        let all = self.ranked(side);
        if filter.is_empty() {
            return all.to_vec();
        }
        let years: Vec<Option<i32>> = corpus
            .maps
            .iter()
            .map(|m| Some(article_span(m.article.as_ref()?)?.year))
            .collect();
        all.par_iter()
            .copied()
            .filter(|&c| self.passes(corpus, c, filter, &years))
            .collect()
    }

    fn passes(&self, corpus: &Corpus, c: u32, filter: &Filter, years: &[Option<i32>]) -> bool {
        let ms = self.members(c);
        let theme_ok = filter.theme.as_deref().is_none_or(|t| {
            ms.iter().any(|m| {
                corpus
                    .article(m.node.map)
                    .is_some_and(|a| a.node(m.node.node).has_theme(t))
            })
        });
        let year_ok = filter
            .year
            .is_none_or(|y| ms.iter().any(|m| years[m.node.map as usize] == Some(y)));
        theme_ok && year_ok
    }

    /// The maps of the articles with a member in the cluster, in corpus
    /// order, each with whether it makes the argument (a member in its own
    /// voice) or only reports it.
    pub fn articles(&self, cluster: u32) -> Vec<(u32, bool)> {
        let mut out: Vec<(u32, bool)> = Vec::new();
        for m in self.members(cluster) {
            match out.last_mut() {
                Some((map, makes)) if *map == m.node.map => *makes |= !m.reported,
                _ => out.push((m.node.map, !m.reported)),
            }
        }
        out
    }

    /// The themes the cluster's members are tagged with: the motion's
    /// vocabulary order, then any others in first-seen order.
    pub fn themes<'a>(&self, corpus: &'a Corpus, cluster: u32) -> Vec<&'a str> {
        let mut seen: Vec<&str> = Vec::new();
        for m in self.members(cluster) {
            if let Some(a) = corpus.article(m.node.map) {
                for t in a.node(m.node.node).themes() {
                    if !seen.contains(&t) {
                        seen.push(t);
                    }
                }
            }
        }
        let vocab: &[Theme] = corpus.motion.as_ref().map_or(&[], |m| &m.themes);
        let rank = |t: &str| {
            vocab
                .iter()
                .position(|v| &*v.id == t)
                .unwrap_or(vocab.len())
        };
        seen.sort_by_key(|t| rank(t));
        seen
    }
}

type RankKey = (Reverse<u32>, Reverse<u32>, Reverse<usize>);

/// Sorts clusters (given in ascending order) by `key`, then by number.
/// Nearly all clusters of a large corpus are one node made by one article,
/// so those keep their order and only the others are sorted, then placed
/// before or after them: sorting a million keys was most of the ranking's
/// time.
fn rank(list: &[u32], key: impl Fn(u32) -> RankKey + Sync) -> Vec<u32> {
    let plain: RankKey = (Reverse(1), Reverse(0), Reverse(1));
    let (mut plain_ones, mut others): (Vec<u32>, Vec<(RankKey, u32)>) = (Vec::new(), Vec::new());
    for &c in list {
        let k = key(c);
        if k == plain {
            plain_ones.push(c);
        } else {
            others.push((k, c));
        }
    }
    others.par_sort_unstable();
    let split = others.partition_point(|(k, _)| *k < plain);
    let mut out = Vec::with_capacity(list.len());
    out.extend(others[..split].iter().map(|&(_, c)| c));
    out.extend(plain_ones);
    out.extend(others[split..].iter().map(|&(_, c)| c));
    out
}

fn summarise(members: &[Member], degree: &HashMap<NodeRef, u32>) -> ClusterInfo {
    let (mut makers, mut reporters) = (0u32, 0u32);
    let mut i = 0;
    while i < members.len() {
        let map = members[i].node.map;
        let mut makes = false;
        while i < members.len() && members[i].node.map == map {
            makes |= !members[i].reported;
            i += 1;
        }
        if makes {
            makers += 1;
        } else {
            reporters += 1;
        }
    }
    // A lone member needs no choosing (and no look-up: most clusters are
    // single nodes).
    if let [only] = members {
        return ClusterInfo {
            makers,
            reporters,
            representative: only.node,
            contested: false,
        };
    }
    let representative = members
        .iter()
        .enumerate()
        .max_by_key(|(k, m)| {
            (
                !m.reported,
                degree.get(&m.node).copied().unwrap_or(0),
                std::cmp::Reverse(*k),
            )
        })
        .map_or(NodeRef { map: 0, node: 0 }, |(_, m)| m.node);
    ClusterInfo {
        makers,
        reporters,
        representative,
        contested: false,
    }
}

/// The article's date as a span, if it has a readable one.
pub fn article_span(a: &Article) -> Option<DateSpan> {
    DateSpan::parse(a.meta.date.as_deref()?)
}

/// How an article is named on a badge: stance, a short name, the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Badge {
    pub stance: Option<Stance>,
    pub name: String,
    pub year: Option<i32>,
}

/// Names longer than this are cut to their leading words.
const BADGE_NAME_CHARS: usize = 12;

impl Badge {
    /// The outlet's leading words (`Annabaa News`), else the author's last
    /// name (`al-Saadi`), else the article id's first segment — each without
    /// a parenthesised original-language name.
    pub fn of(a: &Article) -> Badge {
        let strip = |s: &str| -> String {
            match s.find(" (") {
                Some(i) => s[..i].trim().to_string(),
                None => s.trim().to_string(),
            }
        };
        let name = match (&a.meta.outlet, &a.meta.author) {
            (Some(o), _) if !o.trim().is_empty() => {
                let o = strip(o);
                let mut name = String::new();
                for w in o.split_whitespace() {
                    if !name.is_empty()
                        && name.chars().count() + 1 + w.chars().count() > BADGE_NAME_CHARS
                    {
                        break;
                    }
                    if !name.is_empty() {
                        name.push(' ');
                    }
                    name.push_str(w);
                }
                name
            }
            (_, Some(au)) if !au.trim().is_empty() => strip(au)
                .split_whitespace()
                .last()
                .unwrap_or_default()
                .to_string(),
            _ => a.id().split('-').next().unwrap_or_default().to_string(),
        };
        Badge {
            stance: a.meta.stance,
            name,
            year: article_span(a).map(|s| s.year),
        }
    }

    /// `▲Annabaa News 2024`: the stance glyph (`model::glyph`), the name,
    /// the year if known.
    pub fn label(&self) -> String {
        let mark = Stance::glyph_of(self.stance);
        match self.year {
            Some(y) => format!("{mark}{} {y}", self.name),
            None => format!("{mark}{}", self.name),
        }
    }
}

#[cfg(test)]
mod tests;
