//! Figures for structural merge and diff (issue 16), printed rather than
//! asserted. `cargo run --release --example bench_merge -- --help`.
//!
//! 1. Merge: one generated map of `--nodes` nodes (default 5,000); ours and
//!    theirs each make `--edits` edits (default 100: field edits, added
//!    children, subtree moves, leaf deletions, on disjoint nodes) and the
//!    three versions are written to files. Timed: what `mizan merge` does
//!    (read the three files, parse, merge by node id, write the result
//!    canonically), in-process; with `--exe PATH` also the whole `mizan
//!    merge` process.
//! 2. Diff: a generated corpus of `--articles` × `--per` nodes (default
//!    2,000 × 50 = 100,000) committed to a temporary git repository, then a
//!    second revision that edits `--changed` per cent of the maps (default 5;
//!    and 100 for the worst case). Timed: `mizan diff REV1 REV2`'s work (list
//!    both trees, read the differing blobs in one `git cat-file --batch`,
//!    parse, diff), in-process; with `--exe` also the whole process.

mod support;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use support::cpu_or_zero;

use mizan::diff::{diff_files, git};
use mizan::merge::merge_texts;
use mizan::model::Article;
use mizan::model::edit::{Edit, add_child, move_to};
use mizan::store::canon;

const HELP: &str = "\
bench_merge: time mizan's structural merge and diff (issue 16)

usage: bench_merge [--nodes N] [--edits E] [--articles A] [--per M]
                   [--changed PCT] [--runs R] [--exe PATH] [--skip-diff]

  --nodes N      nodes in the merged map (default 5000)
  --edits E      edits on each side (default 100)
  --articles A   articles in the diffed corpus (default 2000)
  --per M        nodes per article in the diffed corpus (default 50)
  --changed PCT  per cent of maps the second revision edits (default 5; 100 is also run)
  --runs R       timed runs of each (default 10)
  --exe PATH     also time the mizan binary at PATH (e.g. target/release/mizan)
  --skip-diff    only the merge";

struct Opts {
    nodes: usize,
    edits: usize,
    articles: usize,
    per: usize,
    changed: usize,
    runs: usize,
    exe: Option<String>,
    skip_diff: bool,
}

fn opts() -> Opts {
    let mut o = Opts {
        nodes: 5000,
        edits: 100,
        articles: 2000,
        per: 50,
        changed: 5,
        runs: 10,
        exe: None,
        skip_diff: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = || -> usize {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| usage(&format!("{a} needs a number")))
        };
        match a.as_str() {
            "--help" | "-h" => {
                println!("{HELP}");
                std::process::exit(0);
            }
            "--nodes" => o.nodes = num(),
            "--edits" => o.edits = num(),
            "--articles" => o.articles = num(),
            "--per" => o.per = num(),
            "--changed" => o.changed = num(),
            "--runs" => o.runs = num().max(1),
            "--exe" => {
                // Absolute, since the runs happen in temporary directories.
                let p = args.next().unwrap_or_else(|| usage("--exe needs a path"));
                let p = std::fs::canonicalize(&p).unwrap_or_else(|e| usage(&format!("{p}: {e}")));
                o.exe = Some(p.display().to_string());
            }
            "--skip-diff" => o.skip_diff = true,
            _ => usage(&format!("unknown argument {a}")),
        }
    }
    o
}

fn usage(why: &str) -> ! {
    eprintln!("bench_merge: {why}\n\n{HELP}");
    std::process::exit(2);
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Median and worst wall time of `runs` calls; prints the mean CPU time
/// too, which a loaded machine inflates far less than wall time.
fn time(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let c = cpu_or_zero();
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    let per_run = (cpu_or_zero() - c) / runs as u32;
    v.sort();
    CPU.with(|x| x.set(per_run));
    (v[v.len() / 2], v[v.len() - 1])
}

thread_local! {
    /// The mean CPU time of the last [`time`] call's runs.
    static CPU: std::cell::Cell<Duration> = const { std::cell::Cell::new(Duration::ZERO) };
}

fn last_cpu() -> String {
    ms(CPU.with(|x| x.get()))
}

/// A small deterministic generator, so both sides' edits are reproducible.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// `edits` edits on nodes whose number is even (ours) or odd (theirs).
fn edit_side(base: &Article, ours: bool, edits: usize, seed: u64) -> Article {
    let mut a = base.clone();
    let mut rng = Rng(seed);
    let side = if ours { 'o' } else { 't' };
    let mine = |a: &Article, i: u32| {
        let id = a.node(i).id();
        match id.strip_prefix('x') {
            Some(rest) => rest.starts_with(side),
            None => id[1..].parse::<usize>().is_ok_and(|k| (k % 2 == 0) == ours),
        }
    };
    let mut done = 0;
    let mut serial = 0;
    while done < edits {
        serial += 1;
        let live: Vec<u32> = a.preorder().filter(|&i| mine(&a, i)).collect();
        let n = live[rng.below(live.len())];
        let ok = match rng.below(10) {
            0..=5 => {
                a.node_mut(n)
                    .set_claim_en(&format!("Edited claim {serial}."));
                true
            }
            6 | 7 => {
                let node = mizan::model::Node::from(mizan::model::NodeFields {
                    id: format!("x{side}{serial}").into(),
                    claim_en: "An added claim.".into(),
                    ..Default::default()
                });
                let e = add_child(&a, n, 99, node);
                a.apply(e).is_ok()
            }
            8 => {
                // A subtree to another parent of this side, when parent and target are ours.
                let p = live[rng.below(live.len())];
                let parent_mine = a.node(n).parent().is_some_and(|q| mine(&a, q));
                parent_mine && a.apply(move_to(n, p, 0)).is_ok()
            }
            _ => {
                let leaf = a.node(n).children().is_empty();
                let parent_mine = a.node(n).parent().is_some_and(|q| mine(&a, q));
                leaf && parent_mine && a.apply(Edit::Detach { node: n }).is_ok()
            }
        };
        if ok {
            done += 1;
        }
    }
    a
}

fn bench_merge(o: &Opts, dir: &Path) {
    let base = mizan::synthetic::generate(1, o.nodes, 3).1.remove(0);
    let ours = edit_side(&base, true, o.edits, 11);
    let theirs = edit_side(&base, false, o.edits, 29);
    let files = [
        ("base.ron", &base),
        ("ours.ron", &ours),
        ("theirs.ron", &theirs),
    ];
    for (name, a) in files {
        std::fs::write(dir.join(name), canon::article_to_string(a)).expect("write");
    }
    let size = std::fs::metadata(dir.join("base.ron")).map_or(0, |m| m.len());
    println!(
        "merge: {} nodes ({:.1} MiB), {} edits a side",
        base.len(),
        size as f64 / (1 << 20) as f64,
        o.edits
    );
    let mut conflicts = 0;
    let (median, worst) = time(o.runs, || {
        let read = |n: &str| std::fs::read(dir.join(n)).expect("read");
        let m =
            merge_texts(&read("base.ron"), &read("ours.ron"), &read("theirs.ron")).expect("merge");
        conflicts = m.conflicts;
        std::fs::write(dir.join("result.ron"), m.text).expect("write");
    });
    println!(
        "  read + parse 3 + merge + write, in-process: median {}  worst {}  cpu {}/run  ({conflicts} conflicts)",
        ms(median),
        ms(worst),
        last_cpu()
    );
    // Where the time goes.
    let texts: Vec<Vec<u8>> = ["base.ron", "ours.ron", "theirs.ron"]
        .iter()
        .map(|n| std::fs::read(dir.join(n)).expect("read"))
        .collect();
    let parse = |b: &[u8]| {
        mizan::store::parse_article(Path::new("x.ron"), b)
            .0
            .article
            .expect("parses")
    };
    let (p, _) = time(o.runs, || {
        for t in &texts {
            parse(t);
        }
    });
    let p_cpu = last_cpu();
    let sides: Vec<Article> = texts.iter().map(|t| parse(t)).collect();
    let mut result = None;
    let (m, _) = time(o.runs, || {
        result = Some(
            mizan::merge::merge_article(Some(&sides[0]), &sides[1], &sides[2]).expect("merge"),
        );
    });
    let m_cpu = last_cpu();
    let result = result.expect("ran").article;
    let (w, _) = time(o.runs, || {
        canon::article_to_string(&result);
    });
    println!(
        "  of which (one after another): parse 3 {} (cpu {p_cpu}), merge by node id {} (cpu {m_cpu}), canonical write {} (cpu {})",
        ms(p),
        ms(m),
        ms(w),
        last_cpu()
    );
    if let Some(exe) = &o.exe {
        let (median, worst) = time(o.runs, || {
            std::fs::copy(dir.join("ours.ron"), dir.join("work.ron")).expect("copy");
            let st = Command::new(exe)
                .args(["merge", "base.ron", "work.ron", "theirs.ron"])
                .current_dir(dir)
                .stderr(std::process::Stdio::null())
                .status()
                .expect("run mizan");
            assert!(st.code() == Some(0), "mizan merge failed");
        });
        println!(
            "  `mizan merge` process: median {}  worst {}",
            ms(median),
            ms(worst)
        );
    }
}

fn run_git(dir: &Path, args: &[&str]) {
    let st = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.org")
        .env("GIT_COMMITTER_NAME", "bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.org")
        .status()
        .expect("git");
    assert!(st.success(), "git {args:?}");
}

fn bench_diff(o: &Opts, dir: &Path) {
    let repo = dir.join("repo");
    let maps = repo.join("maps");
    let t = Instant::now();
    mizan::synthetic::write_corpus(&maps, o.articles, o.per, 1).expect("corpus");
    run_git(&repo, &["init", "-q", "-b", "main"]);
    run_git(&repo, &["add", "-A"]);
    run_git(&repo, &["commit", "-q", "-m", "rev1"]);
    println!(
        "diff: {} articles × {} nodes = {} nodes (setup {:.1?})",
        o.articles,
        o.per,
        o.articles * o.per,
        t.elapsed()
    );
    for (k, pct) in [o.changed, 100].into_iter().enumerate() {
        let (_, arts) = mizan::synthetic::generate(o.articles, o.per, 1);
        let every = (100 / pct.max(1)).max(1);
        for (i, mut a) in arts.into_iter().enumerate() {
            if i % every == 0 {
                let n = a.find("n3").unwrap_or(a.root);
                a.node_mut(n)
                    .set_claim_en(&format!("Revision {} edit.", k + 2));
                let path = maps.join(format!("{}.ron", a.meta.id));
                std::fs::write(path, canon::article_to_string(&a)).expect("write");
            }
        }
        run_git(&repo, &["commit", "-q", "-am", "next"]);
        let mut changed = 0;
        let (median, worst) = time(o.runs, || {
            let pairs = git::revision_pairs(Some(&repo), "HEAD~1", "HEAD", &[]).expect("git");
            changed = diff_files(&pairs).articles.len();
        });
        println!(
            "  {pct:>3}% of maps changed ({changed} articles differ), in-process: median {}  worst {}  cpu {}/run (git's own time not counted)",
            ms(median),
            ms(worst),
            last_cpu()
        );
        if let Some(exe) = &o.exe {
            let (median, worst) = time(o.runs.min(5), || {
                let out = Command::new(exe)
                    .args(["diff", "HEAD~1", "HEAD"])
                    .current_dir(&repo)
                    .output()
                    .expect("run mizan");
                assert!(out.status.code() == Some(1), "mizan diff failed");
            });
            println!(
                "       `mizan diff HEAD~1 HEAD` process: median {}  worst {}",
                ms(median),
                ms(worst)
            );
        }
    }
}

fn main() {
    let o = opts();
    let tmp = tempfile::tempdir().expect("tempdir");
    bench_merge(&o, tmp.path());
    if !o.skip_diff {
        bench_diff(&o, tmp.path());
    }
}
