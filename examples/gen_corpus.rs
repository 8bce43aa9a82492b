//! Writes a synthetic corpus of canonical maps for benchmarks:
//! `cargo run --release --example gen_corpus -- --articles 20000 --nodes-per-article 50 OUT`
//! `--links-percent P` (default 4): the share of nodes with a link into
//! another article (`Agrees` between nodes of the same bearing, else
//! `Contradicts` or `Rebuts`); 10 gives 100,000 links per million nodes.
use std::path::PathBuf;

const USAGE: &str =
    "usage: gen_corpus [--articles N] [--nodes-per-article M] [--seed S] [--links-percent P] OUT";

fn main() {
    let mut articles = 1000usize;
    let mut per = 50usize;
    let mut seed = 1u64;
    let mut links = 4u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = |name: &str| -> u64 {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| usage(&format!("{name} needs a number")))
        };
        match a.as_str() {
            "--help" | "-h" => {
                println!("gen_corpus: writes a synthetic corpus of canonical maps\n{USAGE}");
                return;
            }
            "--articles" => articles = num("--articles") as usize,
            "--nodes-per-article" => per = num("--nodes-per-article") as usize,
            "--seed" => seed = num("--seed"),
            "--links-percent" => links = num("--links-percent").min(100),
            _ if a.starts_with('-') => usage(&format!("unknown option {a}")),
            _ => out = Some(PathBuf::from(a)),
        }
    }
    let out = out.unwrap_or_else(|| usage("OUT directory missing"));
    let start = std::time::Instant::now();
    let (motion, arts) = mizan::synthetic::generate_linked(articles, per, seed, links);
    if let Err(e) = mizan::synthetic::write_articles(&out, &motion, &arts) {
        eprintln!("gen_corpus: {}: {e}", out.display());
        std::process::exit(2);
    }
    eprintln!(
        "wrote {articles} articles × {per} nodes = {} nodes to {} in {:.1?}",
        articles * per,
        out.display(),
        start.elapsed()
    );
}

fn usage(why: &str) -> ! {
    eprintln!("gen_corpus: {why}\n{USAGE}");
    std::process::exit(2);
}
