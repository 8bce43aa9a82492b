//! Times loading and validating a maps directory, and reports peak memory:
//! `cargo run --release --example bench_load -- [--runs N] DIR`
//!
//! Each run is `store::load_dir` followed by `model::validate::validate`
//! (without the quote check, which needs source texts). The median of the
//! runs is the headline; peak memory is the process's high-water mark
//! (VmHWM), which covers the largest run since every run loads everything.
//! CPU time (user + system, both threads) is printed too: steadier than
//! wall time when other work shares the machine. The first run also
//! prints what the process holds resident right after loading (VmRSS) and
//! that divided by the nodes loaded.
//!
//! `--cache DIR` reads the maps through a cache of parsed maps kept in DIR
//! (`store::cache`): the first run writes it, later runs read it (run with
//! `--runs 1` twice for a cold then a warm process). `--verify-content`
//! also hashes every map file before trusting its entry.

mod support;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use support::{cpu, status_kib};

use mizan::model::validate;
use mizan::store;

fn main() {
    let mut runs = 5usize;
    let mut dir: Option<PathBuf> = None;
    let mut cache: Option<store::cache::Cache> = None;
    let mut verify = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--help" | "-h" => {
                println!(
                    "bench_load: times load + validate of a maps directory\nusage: bench_load [--runs N] [--cache CACHE_DIR [--verify-content]] DIR"
                );
                return;
            }
            "--cache" => {
                let d = args
                    .next()
                    .unwrap_or_else(|| usage("--cache needs a directory"));
                cache = Some(store::cache::Cache::at(std::path::Path::new(&d)));
            }
            "--verify-content" => verify = true,
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage("--runs needs a number"))
            }
            _ if a.starts_with('-') => usage(&format!("unknown option {a}")),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.unwrap_or_else(|| usage("DIR missing"));
    if let Some(c) = &mut cache {
        c.verify_content = verify;
    }
    let mut load_times = Vec::new();
    let mut total_times = Vec::new();
    let (mut nodes, mut maps, mut diags, mut bytes) = (0, 0, 0, 0u64);
    let mut cpu_times = Vec::new();
    for run in 0..runs.max(1) {
        let cpu_start = cpu();
        let start = Instant::now();
        let corpus = match store::load_dir_with(&dir, cache.as_ref()) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("bench_load: {e}");
                std::process::exit(2);
            }
        };
        let loaded = start.elapsed();
        if run == 0 {
            // What the loaded corpus keeps resident (issue 19 item 4:
            // at most 600 bytes a node), before validation allocates more.
            let nodes = corpus.node_count();
            if let Some(kib) = status_kib("VmRSS:") {
                println!(
                    "  resident after load: {:.0} MiB, {:.0} bytes a node ({nodes} nodes)",
                    kib as f64 / 1024.0,
                    kib as f64 * 1024.0 / nodes.max(1) as f64
                );
            }
        }
        let load_cpu = cpu().zip(cpu_start).map(|(b, a)| b.saturating_sub(a));
        let found = validate::validate(&corpus, &dir, None);
        let total = start.elapsed();
        let cpu = cpu().zip(cpu_start).map(|(b, a)| b.saturating_sub(a));
        if run == 0 {
            nodes = corpus.node_count();
            maps = corpus.maps.len();
            diags = found.len();
            bytes = corpus
                .maps
                .iter()
                .filter_map(|m| std::fs::metadata(&m.path).ok())
                .map(|m| m.len())
                .sum();
        }
        println!(
            "run {}: load {:>7.3} s (cpu {:.3} s), load+validate {:>7.3} s, cpu {:>7.3} s",
            run + 1,
            loaded.as_secs_f64(),
            load_cpu.unwrap_or_default().as_secs_f64(),
            total.as_secs_f64(),
            cpu.unwrap_or_default().as_secs_f64()
        );
        cpu_times.extend(cpu);
        load_times.push(loaded);
        total_times.push(total);
        // Dropped here, inside the timed loop's scope but after the clock:
        // freeing a million nodes is not part of loading.
        let drop_start = Instant::now();
        drop((corpus, found));
        if run == 0 {
            println!(
                "  (drop took {:.3} s, untimed)",
                drop_start.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "{} maps, {} nodes, {:.0} MB of map files, {} diagnostics, {} threads",
        maps,
        nodes,
        bytes as f64 / 1e6,
        diags,
        rayon::current_num_threads()
    );
    println!(
        "median of {} runs: load {:.3} s, load+validate {:.3} s (cpu {:.3} s); peak memory {}",
        total_times.len(),
        median(&mut load_times).as_secs_f64(),
        median(&mut total_times).as_secs_f64(),
        median(&mut cpu_times).as_secs_f64(),
        peak_memory().unwrap_or_else(|| "unknown".into())
    );
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// VmHWM from /proc/self/status, in MiB.
fn peak_memory() -> Option<String> {
    let kib = status_kib("VmHWM:")?;
    Some(format!("{:.0} MiB (VmHWM)", kib as f64 / 1024.0))
}

fn usage(why: &str) -> ! {
    eprintln!(
        "bench_load: {why}\nusage: bench_load [--runs N] [--cache CACHE_DIR [--verify-content]] DIR"
    );
    std::process::exit(2);
}
