//! Benchmark for issue 8: export corpora to Argdown, then time `mizan check`
//! on each corpus against `argdown json` on its Argdown export, side by side
//! in the same run (alternating, so both see the same machine load).
//!
//! ```text
//! cargo build --release
//! cargo run --release --example gen_corpus -- ...      # make the corpora
//! cargo run --release --example bench_export -- [--runs N] DIR...
//! ```
//! `MIZAN_BIN` (default `target/release/mizan`) and `MIZAN_ARGDOWN` (default
//! the `.ci/run` install under `target/ci-tools`) name the two programs.
//! Prints one Markdown table row per corpus, for BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use mizan::export::{self, Format, Selection};
use mizan::store;

fn main() -> anyhow::Result<()> {
    let mut runs = 3usize;
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--help" || a == "-h" {
            println!(
                "bench_export: mizan check against argdown json on each corpus's Argdown export\nusage: bench_export [--runs N] DIR..."
            );
            return Ok(());
        }
        if a == "--runs" {
            runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(3);
        } else {
            dirs.push(a.into());
        }
    }
    anyhow::ensure!(!dirs.is_empty(), "usage: bench_export [--runs N] DIR...");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mizan = env_path("MIZAN_BIN", root.join("target/release/mizan"));
    let argdown = env_path(
        "MIZAN_ARGDOWN",
        root.join("target/ci-tools/argdown/node_modules/.bin/argdown"),
    );
    println!(
        "| corpus | articles | nodes | Argdown size | load + export | `mizan check` (median of {runs}) | `argdown json` (median of {runs}) | argdown / check |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for dir in &dirs {
        let work = tempfile::tempdir()?;
        let t = Instant::now();
        let corpus = store::load_dir(dir)?;
        let sel = Selection::new(&corpus, &[])?;
        let doc = export::render(&sel, Format::Argdown)?;
        let file = work.path().join("corpus.argdown");
        std::fs::write(&file, &doc)?;
        let export_time = t.elapsed();
        let mut check = Vec::new();
        let mut parse = Vec::new();
        for _ in 0..runs {
            check.push(time(
                Command::new(&mizan).arg("check").arg("--maps").arg(dir),
                &[0, 1],
            )?);
            parse.push(time(
                Command::new(&argdown)
                    .arg("json")
                    .arg(&file)
                    .arg(work.path().join("out")),
                &[0],
            )?);
        }
        let (c, p) = (median(&mut check), median(&mut parse));
        println!(
            "| {} | {} | {} | {:.1} MB | {:.2} s | {:.2} s | {:.2} s | {:.1}× |",
            dir.file_name().unwrap_or_default().to_string_lossy(),
            sel.articles.len(),
            corpus.node_count(),
            doc.len() as f64 / 1e6,
            export_time.as_secs_f64(),
            c.as_secs_f64(),
            p.as_secs_f64(),
            p.as_secs_f64() / c.as_secs_f64()
        );
    }
    Ok(())
}

fn env_path(var: &str, default: PathBuf) -> PathBuf {
    std::env::var_os(var).map_or(default, PathBuf::from)
}

/// Wall time of one run. `mizan check` exits 1 when a generated corpus has
/// findings, which is still a full run, so it passes `[0, 1]`; any other exit
/// (argdown's 1 is a syntax error) makes the figure meaningless.
fn time(cmd: &mut Command, ok_codes: &[i32]) -> anyhow::Result<Duration> {
    let t = Instant::now();
    let out = cmd.output()?;
    let elapsed = t.elapsed();
    let ok = out.status.code().is_some_and(|c| ok_codes.contains(&c));
    anyhow::ensure!(
        ok,
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(elapsed)
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}
