//! Search speed per keystroke, against `fzf --filter` over the same texts.
//!
//! ```text
//! cargo run --release --example bench_search -- --nodes N [--fzf] [--fzf-every K]
//! cargo run --release --example bench_search -- --maps DIR [--repeat K] [--fzf]
//! ```
//!
//! Each of ten queries (five English, five Arabic) is typed one character at
//! a time into a real [`Worker`]; a keystroke's time runs from `submit` to the
//! generation's final batch, so it includes narrowing from the previous
//! keystroke, as in the TUI. The same prefixes are also timed with the
//! synchronous `search` (no term lists reused) and, with `--fzf`, with
//! `fzf --filter PREFIX` over a file of the indexed texts, one node per line.
//! Prints a Markdown table for BENCHMARKS.md.
//!
//! Also measured: the index build on all cores (as the worker runs it in
//! the background), the peak memory of the whole process with corpus and
//! index, and an edit's incremental index update (copy the index, re-index
//! one article) as the TUI makes it before the link picker opens.

mod support;
use support::cpu_or_zero;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mizan::model::{Corpus, MapEntry};
use mizan::search::{Index, Query, Worker, search};

const QUERIES: [&str; 10] = [
    "withdrawal",
    "iran influence",
    "isis threat",
    "us forces attacks",
    "sovereignty",
    "الانسحاب",
    "تهديد داعش",
    "النفوذ الايراني",
    "القوات الامريكيه",
    "السياده العراقيه",
];

const LIMIT: usize = 50;

const USAGE: &str = "\
usage: bench_search --nodes N [--fzf] [--fzf-every K]
       bench_search --maps DIR [--repeat K] [--fzf]

  --nodes N       generate N nodes with mizan::synthetic (50 per article)
  --maps DIR      index the maps in DIR (default: maps)
  --repeat K      index those maps K times over (suffixed article ids)
  --fzf           also time `fzf --filter` on the same keystrokes
  --fzf-every K   run fzf on every K-th keystroke only";

struct Args {
    /// Generate this many nodes with `mizan::synthetic` (50 per article).
    nodes: Option<usize>,
    maps: Option<PathBuf>,
    /// Index the maps this many times over (copies with suffixed ids): a
    /// stand-in for the corpus generator until it lands on this branch.
    repeat: usize,
    fzf: bool,
    /// Run fzf on every n-th keystroke only (it takes seconds per run at 1M).
    fzf_every: usize,
}

fn args() -> Args {
    let mut a = Args {
        nodes: None,
        maps: None,
        repeat: 1,
        fzf: false,
        fzf_every: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "--maps" => a.maps = it.next().map(PathBuf::from),
            "--nodes" => a.nodes = it.next().and_then(|n| n.parse().ok()),
            "--fzf" => a.fzf = true,
            "--fzf-every" => a.fzf_every = it.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            "--repeat" => a.repeat = it.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            other => {
                eprintln!("bench_search: unknown argument {other}\n{USAGE}");
                std::process::exit(2);
            }
        }
    }
    a
}

fn corpus(a: &Args) -> Corpus {
    if let Some(n) = a.nodes {
        let (motion, articles) = mizan::synthetic::generate(n.div_ceil(50), 50, 42);
        let maps = articles
            .into_iter()
            .map(|art| MapEntry {
                path: PathBuf::from(format!("{}.ron", art.meta.id)),
                article: Some(art),
                error: None,
                positions: Vec::new(),
                hash: 0,
            })
            .collect();
        return Corpus::new(Some(motion), PathBuf::from("motion.ron"), maps);
    }
    let dir = a.maps.clone().unwrap_or_else(|| PathBuf::from("maps"));
    let c = mizan::store::load_dir(&dir).unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()));
    if a.repeat <= 1 {
        return c;
    }
    let mut maps = Vec::with_capacity(c.maps.len() * a.repeat);
    for k in 0..a.repeat {
        for m in c.maps.iter().filter(|m| m.article.is_some()) {
            let mut m = m.clone();
            if let Some(art) = &mut m.article {
                art.meta.id = format!("{}~{k}", art.meta.id).into();
            }
            maps.push(m);
        }
    }
    Corpus::new(c.motion.clone(), c.motion_path.clone(), maps)
}

/// Every prefix of a query, one more character each time (a keystroke).
fn prefixes(q: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut s = String::new();
    for c in q.chars() {
        s.push(c);
        if !s.ends_with(' ') {
            out.push(s.clone());
        }
    }
    out
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// (median, 95th percentile, max) in milliseconds.
fn stats(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.95), at(1.0))
}

/// Time all threads of this process have run on a CPU, in nanoseconds
/// (`/proc/self/task/*/schedstat`): unlike wall time, barely changed by
/// other processes competing for the cores.
fn cpu_ns() -> u64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

fn rss_mib() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

/// The process's peak resident memory so far (VmHWM), in MiB.
fn peak_mib() -> f64 {
    support::status_kib("VmHWM:").map_or(0.0, |kib| kib as f64 / 1024.0)
}

fn main() {
    let a = args();
    let t = Instant::now();
    let corpus = Arc::new(corpus(&a));
    let nodes = corpus.node_count();
    eprintln!("corpus: {nodes} nodes in {:.2?}", t.elapsed());
    let rss_before = rss_mib();
    // Built the way the TUI builds it: on the worker's thread, from an Arc
    // of the corpus, on all cores; the caller only polls the progress.
    let t = Instant::now();
    let cpu = cpu_or_zero();
    let builder = Worker::build(Arc::clone(&corpus), LIMIT);
    let mut polls = 0;
    let index = loop {
        if let Some(ix) = builder.index() {
            break ix;
        }
        polls += 1;
        std::thread::sleep(Duration::from_millis(5));
    };
    let build = t.elapsed();
    let build_cpu = cpu_or_zero().saturating_sub(cpu);
    drop(builder);
    let rss_index = rss_mib() - rss_before;
    println!(
        "nodes: {nodes}; index build in the background: {:.0} ms, CPU {:.0} ms on all threads ({polls} progress polls); index memory: +{rss_index:.0} MiB RSS ({:.0} MiB on the heap by its own count); peak RSS of the process: {:.0} MiB",
        ms(build),
        ms(build_cpu),
        index.heap_bytes() as f64 / (1024.0 * 1024.0),
        peak_mib()
    );
    incremental(&corpus, &index);

    // Warm up caches and the thread pool.
    let _ = search(&index, &corpus, &Query::parse("warm up"), LIMIT);

    let worker = Worker::spawn(Arc::clone(&index), LIMIT);
    let mut typed = Vec::new();
    let mut typed_cpu = Vec::new();
    let mut fresh = Vec::new();
    let mut per_query = Vec::new();
    for q in QUERIES {
        let mut qt = Vec::new();
        for p in prefixes(q) {
            let t = Instant::now();
            let cpu = cpu_ns();
            let g = worker.submit(p.clone(), &corpus);
            loop {
                match worker.receiver().recv() {
                    Ok(b) if b.generation == g && b.done => break,
                    Ok(_) => {}
                    Err(e) => panic!("worker gone: {e}"),
                }
            }
            qt.push(ms(t.elapsed()));
            typed_cpu.push(cpu_ns().saturating_sub(cpu) as f64 / 1e6);
            let t = Instant::now();
            let hits = search(&index, &corpus, &Query::parse(&p), LIMIT);
            fresh.push(ms(t.elapsed()));
            std::hint::black_box(hits);
        }
        let (med, p95, max) = stats(qt.clone());
        let final_hits = search(&index, &corpus, &Query::parse(q), LIMIT).len();
        per_query.push(format!(
            "| {q} | {} | {med:.1} | {p95:.1} | {max:.1} | {final_hits} |",
            qt.len()
        ));
        typed.extend(qt);
        // A fresh start for the next query, as after clearing the search box.
        let g = worker.submit("", &corpus);
        while !matches!(worker.receiver().recv(), Ok(b) if b.generation == g) {}
    }
    println!(
        "peak RSS of the process after the searches: {:.0} MiB",
        peak_mib()
    );
    let (tm, tp, tx) = stats(typed.clone());
    let (fm, fp, fx) = stats(fresh);
    println!("\n| query | keystrokes | median ms | p95 ms | max ms | hits (limit {LIMIT}) |");
    println!("|---|---|---|---|---|---|");
    for row in &per_query {
        println!("{row}");
    }
    println!(
        "\nmizan worker (typed, narrowing): {} keystrokes, median {tm:.1} ms, p95 {tp:.1} ms, max {tx:.1} ms",
        typed.len()
    );
    let (cm, cp, cx) = stats(typed_cpu);
    println!(
        "  CPU per keystroke (all threads; wall time on idle cores lies between this and half of it): median {cm:.1} ms, p95 {cp:.1} ms, max {cx:.1} ms"
    );
    println!("mizan search() from scratch:    median {fm:.1} ms, p95 {fp:.1} ms, max {fx:.1} ms");

    if a.fzf {
        fzf(&corpus, a.fzf_every.max(1));
    }
}

/// An edit's index update: copy the shared index (its parts are shared),
/// re-index one article, publish the copy; for 50 articles spread over the
/// corpus.
fn incremental(corpus: &Corpus, index: &Arc<Index>) {
    let maps: Vec<u32> = corpus.articles().map(|(m, _)| m).collect();
    if maps.is_empty() {
        return;
    }
    let mut times = Vec::new();
    let mut current = Arc::clone(index);
    for k in 0..50 {
        let map = maps[k * maps.len() / 50];
        let t = Instant::now();
        let mut ix = (*current).clone();
        ix.update_article(corpus, map);
        current = Arc::new(ix);
        times.push(ms(t.elapsed()));
    }
    let (m, p95, x) = stats(times);
    println!(
        "incremental update after an edit (copy + re-index one article), 50 edits: median {m:.2} ms, p95 {p95:.2} ms, max {x:.2} ms; live nodes {}",
        current.len()
    );
}

/// The same keystrokes through `fzf --filter`, over one line per node.
fn fzf(corpus: &Corpus, every: usize) {
    let dir = std::env::temp_dir().join(format!("mizan-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("lines.txt");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).expect("temp file"));
    for (_, a) in corpus.articles() {
        for i in a.preorder() {
            let n = a.node(i);
            let mut line = format!("{} | {}", n.claim_en(), n.claim_ar());
            for extra in [&n.quote(), &n.note()].into_iter().flatten() {
                line.push_str(" | ");
                line.push_str(extra);
            }
            let _ = writeln!(out, "{}", line.replace('\n', " "));
        }
    }
    drop(out);
    let run = |p: &str| {
        let t = Instant::now();
        let status = Command::new("fzf")
            .args(["--filter", p])
            .stdin(std::fs::File::open(&file).expect("lines file"))
            .stdout(Stdio::null())
            .status()
            .expect("fzf (apt-get install fzf)");
        assert!(status.code().is_some_and(|c| c <= 1), "fzf failed");
        ms(t.elapsed())
    };
    let mut times = Vec::new();
    let all: Vec<String> = QUERIES.iter().flat_map(|q| prefixes(q)).collect();
    for p in all.iter().step_by(every) {
        times.push(run(p));
    }
    let n = times.len();
    let (m, p95, x) = stats(times);
    let read = stats((0..3).map(|_| run("zzzzqqqqxxxx")).collect());
    println!(
        "fzf --filter (process start + read + match), {n} keystrokes: median {m:.1} ms, p95 {p95:.1} ms, max {x:.1} ms"
    );
    println!(
        "fzf --filter with a query matching nothing (≈ start + read + scan): median {:.1} ms",
        read.0
    );
    let _ = std::fs::remove_dir_all(&dir);
}
