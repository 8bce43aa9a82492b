//! Times the compare library on generated corpora (issue 6's budgets, and
//! issue 19's 100 ms for the overview at 1M):
//! opening a comparison of two 5,000-node articles (< 20 ms; the TUI adds
//! drawing its first frame) and the overview of a 1,000,000-node corpus
//! (< 100 ms; issue 6 asked for 200). Run: `cargo run --release --example bench_compare`.
//! Prints the median and the worst wall time of several runs after a
//! warm-up, and the CPU time per run (all threads). On a shared machine the
//! wall times carry the neighbours' load; CPU time / threads is what an idle
//! machine would give for the parallel part.

mod support;
use support::cpu;

use std::time::{Duration, Instant};

use mizan::compare::report::{self, RowFilter};
use mizan::compare::{Comparison, Overview};
use mizan::model::Corpus;

/// A generated corpus, as the loader would hand it over.
fn corpus(articles: usize, nodes: usize) -> Corpus {
    let (motion, arts) = mizan::synthetic::generate(articles, nodes, 7);
    mizan::model::Corpus::of_articles(Some(motion), arts)
}

struct Timing {
    median: Duration,
    worst: Duration,
    cpu_per_run: Option<Duration>,
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Timing {
    std::hint::black_box(f());
    let cpu0 = cpu();
    let mut d: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    let cpu_per_run = cpu().zip(cpu0).map(|(b, a)| (b - a) / runs as u32);
    d.sort();
    Timing {
        median: d[runs / 2],
        worst: d[runs - 1],
        cpu_per_run,
    }
}

fn line(what: &str, t: Timing, budget_ms: f64) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{what:<46} median {:>7.1} ms  worst {:>7.1} ms  cpu/run {:>7} ms  budget {budget_ms} ms  {}",
        ms(t.median),
        ms(t.worst),
        t.cpu_per_run
            .map_or("?".into(), |c| format!("{:.0}", ms(c))),
        if ms(t.median) < budget_ms {
            "ok"
        } else {
            "OVER"
        }
    );
}

const USAGE: &str = "\
bench_compare: times Comparison::build on two 5,000-node articles and
Overview::build over 1,000,000 generated nodes (issues 6 and 19).
usage: bench_compare [--help]   (no options; RAYON_NUM_THREADS=1 for one core)";

fn main() {
    if std::env::args().skip(1).any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return;
    }
    let threads = rayon::current_num_threads();
    println!("rayon threads: {threads}");

    let pair = corpus(2, 5_000);
    let c = Comparison::build(&pair, 0, 1).expect("generated maps parse");
    println!(
        "pair: {} nodes, {} rows, {} links",
        pair.node_count(),
        c.rows.len(),
        c.links.len()
    );
    line(
        "Comparison::build, 2 x 5,000 nodes",
        time(100, || Comparison::build(&pair, 0, 1)),
        20.0,
    );
    line(
        "  + report::text (the CLI's work, for scale)",
        time(40, || {
            let c = Comparison::build(&pair, 0, 1).expect("generated maps parse");
            report::text(&pair, &c, RowFilter::All).len()
        }),
        20.0,
    );

    for (articles, nodes) in [(200, 5_000), (1_000, 1_000)] {
        let corpus = corpus(articles, nodes);
        let what = format!(
            "Overview::build, {articles} x {nodes} = {} nodes",
            corpus.node_count()
        );
        line(&what, time(15, || Overview::build(&corpus)), 100.0);
        let mut ov = Overview::build(&corpus);
        line(
            &format!("  Overview::refresh of one {nodes}-node article"),
            time(50, || ov.refresh(&corpus, 0)),
            200.0,
        );
    }
}
