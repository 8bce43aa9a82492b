//! Synthetic corpora for benchmarks and tests: deterministic from a seed,
//! valid (they check clean), and made of realistic text — English claims,
//! Arabic claims and quotes built from real Arabic words with some harakat,
//! numbers, parenthesised years and Latin acronyms — so that loading,
//! search and drawing are measured on data shaped like the real maps.

use std::io;
use std::path::Path;

use crate::model::{
    Article, ArticleMeta, Bearing, ClaimKind, Genre, Link, LinkKind, Motion, Node, NodeIdx,
    Relation, Stance, StanceBasis, Theme,
};
use crate::store::canon;

/// A small, fast, deterministic generator (xorshift64*); no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Speakers a generated reported claim is attributed to.
const VOICES: &[&str] = &[
    "US officials",
    "military commanders",
    "المتحدث باسم الحكومة",
];

const EN: &[&str] = &[
    "US",
    "forces",
    "troops",
    "Iraq",
    "withdrawal",
    "should",
    "remain",
    "leave",
    "because",
    "the",
    "government",
    "in",
    "Baghdad",
    "security",
    "threat",
    "ISIS",
    "Iran",
    "militias",
    "coalition",
    "training",
    "intelligence",
    "sovereignty",
    "attacks",
    "bases",
    "costs",
    "benefits",
    "region",
    "Kurdish",
    "partners",
    "negotiations",
    "timeline",
    "Washington",
    "would",
    "could",
    "strengthen",
    "weaken",
    "influence",
    "after",
    "since",
    "2014",
    "2020",
    "2024",
    "army",
    "counter-terrorism",
    "air",
    "support",
    "credibility",
    "Afghanistan",
    "precedent",
    "election",
    "pressure",
    "of",
    "and",
];

const AR: &[&str] = &[
    "القوات",
    "الأمريكية",
    "العراق",
    "الانسحاب",
    "يجب",
    "أن",
    "تبقى",
    "تغادر",
    "لأن",
    "الحكومة",
    "في",
    "بغداد",
    "الأمن",
    "تهديد",
    "داعش",
    "إيران",
    "الفصائل",
    "التحالف",
    "التدريب",
    "الاستخبارات",
    "السيادة",
    "الهجمات",
    "القواعد",
    "التكاليف",
    "الفوائد",
    "المنطقة",
    "الكردية",
    "الشركاء",
    "المفاوضات",
    "الجدول",
    "واشنطن",
    "قد",
    "يعزز",
    "يُضعف",
    "النفوذ",
    "بعد",
    "منذ",
    "(2014)",
    "(2020)",
    "عام",
    "2024",
    "الجيش",
    "مكافحة",
    "الإرهاب",
    "الدعم",
    "الجوي",
    "المصداقية",
    "أفغانستان",
    "الانتخابات",
    "الضغط",
    "إنَّ",
    "ISIS",
    "على",
    "من",
    "إلى",
    "و",
    "الْعِراقِيَّة",
    "قُوّات",
    "مُسْتَقْبَل",
    "السِّيادة",
    "الأَمْنِيَّة",
    "لَكِنَّ",
    "(2003)",
    "2500",
    "جندي",
    "NATO",
    "البرلمان",
    "قرار",
    "الاتفاقية",
    "الأمنية",
    "المصالح",
    "الاستقرار",
];

const THEMES: &[(&str, &str, &str)] = &[
    ("isis", "ISIS threat and resurgence", "تهديد داعش وعودته"),
    ("iran", "Iran's influence", "النفوذ الإيراني"),
    (
        "iraqi-forces",
        "Capability of Iraqi forces",
        "قدرات القوات العراقية",
    ),
    (
        "security-support",
        "Coalition security support",
        "الدعم الأمني للتحالف",
    ),
    (
        "attacks-costs",
        "Attacks on and costs to US forces",
        "الهجمات على القوات الأمريكية وكلفتها",
    ),
    (
        "ct-alternatives",
        "Counter-terrorism by other means",
        "مكافحة الإرهاب بوسائل أخرى",
    ),
    (
        "us-credibility",
        "US credibility and Afghanistan",
        "المصداقية الأمريكية وسابقة أفغانستان",
    ),
    (
        "us-politics",
        "US domestic politics",
        "السياسة الداخلية الأمريكية",
    ),
    (
        "partners",
        "Kurdish and Sunni partners",
        "الشركاء الكرد والسنة",
    ),
    ("regional-rivals", "Regional rivals", "المنافسون الإقليميون"),
    ("sovereignty", "Iraqi sovereignty", "السيادة العراقية"),
    (
        "negotiations",
        "The negotiations and their timeline",
        "المفاوضات وجدولها الزمني",
    ),
];

/// Words from `words` joined until the text is about `min..max` characters.
fn sentence(rng: &mut Rng, words: &[&str], min: usize, max: usize, end: &str) -> Box<str> {
    let target = min + rng.below(max - min + 1);
    let mut s = String::with_capacity(target * 2 + 8);
    while s.chars().count() < target {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(rng.pick(words));
    }
    s.push_str(end);
    s.into()
}

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

/// Generates `articles` articles of `nodes_per_article` nodes each.
pub fn generate(articles: usize, nodes_per_article: usize, seed: u64) -> (Motion, Vec<Article>) {
    let mut out: Vec<Article> = (0..articles)
        .map(|i| article(i, articles, nodes_per_article.max(1), seed))
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
            for l in &mut n.links {
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
    (motion(), out)
}

fn article(i: usize, articles: usize, n: usize, seed: u64) -> Article {
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
                nodes[p as usize].parent.unwrap_or(0)
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
        if articles > 1 && rng.chance(4) {
            // Every article has nodes `n0`..`n{n-1}`, so the link resolves.
            let other = (i + 1 + rng.below(articles - 1)) % articles;
            let kind = [LinkKind::Agrees, LinkKind::Contradicts, LinkKind::Rebuts][rng.below(3)];
            links.push(Link {
                kind,
                to: format!("{}/n{}", article_id(other), rng.below(n)).into(),
            });
        }
        nodes.push(Node {
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
        });
        if let Some(p) = parent {
            nodes[p as usize].children.push(k as NodeIdx);
        }
    }
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
    while let Some(p) = nodes[idx as usize].parent {
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
            n.parent = n.parent.map(|p| new_of[p as usize]);
            n.children.iter_mut().for_each(|c| *c = new_of[*c as usize]);
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
    std::fs::create_dir_all(dir)?;
    let (motion, arts) = generate(articles, nodes_per_article, seed);
    std::fs::write(dir.join("motion.ron"), canon::motion_to_string(&motion))?;
    for a in &arts {
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

    // The same seed gives the same corpus; another seed another one.
    #[test]
    fn deterministic() {
        assert_eq!(generate(3, 20, 1).1, generate(3, 20, 1).1);
        assert_ne!(generate(3, 20, 1).1, generate(3, 20, 2).1);
    }
}
