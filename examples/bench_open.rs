//! Figures for opening a large maps directory (issue 19), printed rather
//! than asserted:
//! `cargo run --release --example bench_open -- [--cache CACHE_DIR] DIR`
//!
//! 1. `Catalog::scan`: the list of articles from each file's head (with a
//!    cache: from the cached catalog, a `stat` per file).
//! 2. The background loader: time to the list (`Listed`), to the first
//!    map (`Loaded` of map 0), and to the last (`Finished`).
//! 3. What `compare A B` loads: the catalog, then two maps and the motion.
//!
//! Run it twice with the same `--cache` for the cold-cache then the
//! warm-cache figures.

mod support;
use support::cpu_or_zero;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mizan::store::background::{Assembly, Event, Loader};
use mizan::store::cache::Cache;
use mizan::store::catalog::Catalog;

const USAGE: &str = "usage: bench_open [--cache CACHE_DIR] DIR";

fn main() {
    let mut cache: Option<Cache> = None;
    let mut dir: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--help" | "-h" => {
                println!(
                    "bench_open: times the catalog, the background loader and a two-article load\n{USAGE}"
                );
                return;
            }
            "--cache" => match args.next() {
                Some(d) => cache = Some(Cache::at(Path::new(&d))),
                None => usage("--cache needs a directory"),
            },
            _ if a.starts_with('-') => usage(&format!("unknown option {a}")),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else { usage("DIR missing") };
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);

    let (t, c) = (Instant::now(), cpu_or_zero());
    let catalog = match Catalog::scan(&dir, cache.as_ref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("bench_open: {e}");
            std::process::exit(2);
        }
    };
    println!(
        "catalog of {} maps: {} (cpu {})",
        catalog.headers.len(),
        ms(t.elapsed()),
        ms(cpu_or_zero() - c)
    );

    let (t, c) = (Instant::now(), cpu_or_zero());
    let loader = Loader::start(dir.clone(), cache.clone());
    let mut asm = Assembly::default();
    let (mut listed, mut first) = (None, None);
    while let Some(e) = loader.next_timeout(Duration::from_secs(600)) {
        match &e {
            Event::Listed(_) => listed = Some(t.elapsed()),
            Event::Loaded { index: 0, .. } => first = Some(t.elapsed()),
            _ => {}
        }
        let done = matches!(e, Event::Finished | Event::Failed(_));
        if let Err(err) = asm.apply(e) {
            eprintln!("bench_open: {err}");
            std::process::exit(2);
        }
        if done {
            break;
        }
    }
    let (all, all_cpu) = (t.elapsed(), cpu_or_zero() - c);
    let corpus = asm.into_corpus();
    println!(
        "background load: list after {}, first map after {}, all {} maps ({} nodes) after {} (cpu {})",
        listed.map_or("-".into(), ms),
        first.map_or("-".into(), ms),
        corpus.maps.len(),
        corpus.node_count(),
        ms(all),
        ms(all_cpu)
    );

    let ids: Vec<String> = corpus
        .articles()
        .take(2)
        .map(|(_, a)| a.id().to_owned())
        .collect();
    drop(corpus);
    let (t, c) = (Instant::now(), cpu_or_zero());
    let catalog = Catalog::scan(&dir, cache.as_ref()).unwrap_or_default();
    let files: Vec<PathBuf> = ids
        .iter()
        .filter_map(|id| catalog.file_of(id).map(Path::to_path_buf))
        .collect();
    let two = mizan::store::load_paths(&dir, &files, cache.as_ref());
    println!(
        "two articles ({}): catalog + load {} (cpu {}, {} nodes)",
        ids.join(", "),
        ms(t.elapsed()),
        ms(cpu_or_zero() - c),
        two.node_count()
    );
}

fn usage(why: &str) -> ! {
    eprintln!("bench_open: {why}\n{USAGE}");
    std::process::exit(2);
}
