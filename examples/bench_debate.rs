//! Times the debate library (issue 18's budget): the argument clusters and
//! the data the debate screen's first frame needs — both sides ranked, and
//! the claim and badges of the rows a screen shows — over 1,000,000 nodes
//! with about 100,000 links, in under 300 ms; and the same over the
//! bundled maps. Also times the timeline and a theme filter, for scale.
//!
//! Run: `cargo run --release --example bench_debate [-- --runs N --articles A
//! --nodes-per-article M --links-percent P]`. Corpora come from
//! `mizan::synthetic::generate_linked` (seed 7), handed over as the loader
//! would; loading is not timed. Prints the median and worst wall time of
//! the runs after one warm-up, and the CPU time per run (all threads).

mod support;
use support::cpu;

use std::time::{Duration, Instant};

use mizan::compare::debate::{Badge, Debate, Filter};
use mizan::compare::timeline::Timeline;
use mizan::model::{ClusterBearing, Clusters, Corpus};

const USAGE: &str = "\
bench_debate: time the argument clusters and the debate's first-frame data
usage: bench_debate [--runs N] [--articles A] [--nodes-per-article M] [--links-percent P]
  defaults: 9 runs, 20000 articles x 50 nodes = 1,000,000 nodes, 10% of nodes linked (~100,000 links)";

/// Rows a debate screen shows at once (a tall terminal, both columns).
const FRAME_ROWS: usize = 60;

fn corpus(articles: usize, nodes: usize, links: u64) -> Corpus {
    let (motion, arts) = mizan::synthetic::generate_linked(articles, nodes, 7, links);
    mizan::model::Corpus::of_articles(Some(motion), arts)
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, Option<Duration>) {
    std::hint::black_box(f());
    let cpu0 = cpu();
    let mut d: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    let per = cpu().zip(cpu0).map(|(b, a)| (b - a) / runs as u32);
    d.sort();
    (d[runs / 2], d[runs - 1], per)
}

fn line(what: &str, (median, worst, cpu): (Duration, Duration, Option<Duration>), budget: f64) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let verdict = if budget <= 0.0 {
        String::new()
    } else if ms(median) < budget {
        format!("budget {budget} ms  ok")
    } else {
        format!("budget {budget} ms  OVER")
    };
    println!(
        "{what:<52} median {:>7.1} ms  worst {:>7.1} ms  cpu/run {:>5} ms  {verdict}",
        ms(median),
        ms(worst),
        cpu.map_or("?".into(), |c| format!("{:.0}", ms(c)))
    );
}

/// What the first frame needs: both sides ranked (under `filter`), and for
/// the rows in view the representative claim and the badges.
fn first_frame(corpus: &Corpus, d: &Debate, filter: &Filter) -> usize {
    let mut work = 0;
    for side in [ClusterBearing::For, ClusterBearing::Against] {
        let list = d.side(corpus, side, filter);
        for &c in list.iter().take(FRAME_ROWS) {
            let Some(info) = d.info(c) else { continue };
            if let Some(a) = corpus.article(info.representative.map) {
                work += a.node(info.representative.node).claim_en().len();
            }
            for (map, _) in d.articles(c) {
                if let Some(a) = corpus.article(map) {
                    work += Badge::of(a).label().len();
                }
            }
        }
    }
    work
}

fn main() {
    let (mut runs, mut articles, mut per, mut links) = (9usize, 20_000usize, 50usize, 10u64);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = |name: &str| -> u64 {
            args.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
                eprintln!("bench_debate: {name} needs a number\n{USAGE}");
                std::process::exit(2)
            })
        };
        match a.as_str() {
            "--help" | "-h" => {
                println!("{USAGE}");
                return;
            }
            "--runs" => runs = num("--runs").max(1) as usize,
            "--articles" => articles = num("--articles") as usize,
            "--nodes-per-article" => per = num("--nodes-per-article") as usize,
            "--links-percent" => links = num("--links-percent").min(100),
            other => {
                eprintln!("bench_debate: unknown option {other}\n{USAGE}");
                std::process::exit(2);
            }
        }
    }
    println!("rayon threads: {}", rayon::current_num_threads());

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    if let Ok(bundled) = mizan::store::load_dir(&dir) {
        let d = Debate::build(&bundled);
        println!(
            "bundled maps: {} nodes, {} links, {} clusters",
            bundled.node_count(),
            d.clusters.links().len(),
            d.clusters.len()
        );
        line(
            "bundled: Debate::build + first-frame data",
            time(runs * 10, || {
                let d = Debate::build(&bundled);
                first_frame(&bundled, &d, &Filter::default())
            }),
            20.0,
        );
    }

    let big = corpus(articles, per, links);
    let d = Debate::build(&big);
    let joined = (0..d.clusters.len() as u32)
        .filter(|&c| d.members(c).len() > 1)
        .count();
    println!(
        "generated: {} nodes, {} resolved links ({} agrees), {} clusters ({} of more than one node)",
        big.node_count(),
        d.clusters.links().len(),
        d.clusters
            .links()
            .iter()
            .filter(|l| l.kind == mizan::model::LinkKind::Agrees)
            .count(),
        d.clusters.len(),
        joined
    );
    line("Clusters::build", time(runs, || Clusters::build(&big)), 0.0);
    line(
        "Debate::build (clusters + ranking)",
        time(runs, || Debate::build(&big)),
        0.0,
    );
    line(
        "Debate::build + first-frame data (the budget)",
        time(runs, || {
            let d = Debate::build(&big);
            first_frame(&big, &d, &Filter::default())
        }),
        300.0,
    );
    let theme = Filter {
        theme: Some("sovereignty".into()),
        year: None,
    };
    line(
        "  filter by theme on a built debate",
        time(runs, || first_frame(&big, &d, &theme)),
        0.0,
    );
    line(
        "Timeline::build (for scale)",
        time(runs, || Timeline::build(&big)),
        0.0,
    );
}
