//! Writes a synthetic corpus of canonical maps for benchmarks:
//! `cargo run --release --example gen_corpus -- --articles 20000 --nodes-per-article 50 OUT`
use std::path::PathBuf;

fn main() {
    let mut articles = 1000usize;
    let mut per = 50usize;
    let mut seed = 1u64;
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
                println!(
                    "gen_corpus: writes a synthetic corpus of canonical maps\nusage: gen_corpus [--articles N] [--nodes-per-article M] [--seed S] OUT"
                );
                return;
            }
            "--articles" => articles = num("--articles") as usize,
            "--nodes-per-article" => per = num("--nodes-per-article") as usize,
            "--seed" => seed = num("--seed"),
            _ if a.starts_with('-') => usage(&format!("unknown option {a}")),
            _ => out = Some(PathBuf::from(a)),
        }
    }
    let out = out.unwrap_or_else(|| usage("OUT directory missing"));
    let start = std::time::Instant::now();
    if let Err(e) = mizan::synthetic::write_corpus(&out, articles, per, seed) {
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
    eprintln!(
        "gen_corpus: {why}\nusage: gen_corpus [--articles N] [--nodes-per-article M] [--seed S] OUT"
    );
    std::process::exit(2);
}
