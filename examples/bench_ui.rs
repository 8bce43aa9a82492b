//! Figures for the UI (issue 4), printed rather than asserted:
//! `cargo run --release --example bench_ui [-- ARTICLES NODES_PER_ARTICLE]`
//!
//! 1. Start-up to first frame on the bundled maps: setup (load, validate,
//!    derive) plus one draw at 120×40 on ratatui's TestBackend.
//! 2. Frame time at 200×60 with a synthetic corpus (default 20,000 × 50 =
//!    1,000,000 nodes) in memory: median and 95th percentile over a walk
//!    through the list, the tree (all expanded), the detail and the help,
//!    without and with the look-ahead (`tui::ahead`), and with it each
//!    part of the walk; `--rounds N` keeps each frame's fastest of N walks.
//! 3. Opening a comparison of two 5,000-node articles and drawing its first
//!    frame at 200x60 (median of 20).
mod support;
use support::app_on;

use std::time::{Duration, Instant};

use mizan::model::Corpus;
use mizan::tui::app::App;
use mizan::tui::key::KeyPress;
use mizan::tui::{Options, setup, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn draw(term: &mut Terminal<TestBackend>, app: &App) -> Duration {
    let t = Instant::now();
    term.draw(|f| view::view(app, f)).expect("draw");
    t.elapsed()
}

fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        update::key(app, KeyPress::parse(k).expect("key"));
    }
}

/// Opens the debate screen from the browser `runs` times (`D`, then its
/// first frame drawn); the median and the slowest.
fn open_debate(
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    runs: usize,
) -> (Duration, Duration) {
    let mut times = Vec::new();
    for _ in 0..runs {
        app.screen.to_browse();
        let t = Instant::now();
        press(app, "D");
        term.draw(|f| view::view(app, f)).expect("draw");
        times.push(t.elapsed());
    }
    (pct(&mut times, 0.5), pct(&mut times, 1.0))
}

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

/// An app over articles already in memory.
fn app_over(articles: Vec<mizan::model::Article>, motion: mizan::model::Motion) -> App {
    app_on(Corpus::of_articles(Some(motion), articles))
}

const USAGE: &str = "\
bench_ui: first frame on the bundled maps, frame times at 200x60 over a
generated corpus, opening the debate screen (there and on the bundled maps),
and opening a comparison of two 5,000-node articles.
usage: bench_ui [--rounds N] [ARTICLES [NODES_PER_ARTICLE]]   (defaults 20000 50)

The frame walk is run twice: without the look-ahead, and with it (after
each frame the layout thread lays out what the next keys will show and is
given the time to finish, as between a person's keystrokes). --rounds N
runs each walk N times from a fresh app and keeps each frame's fastest
time, which filters out the waits of a machine shared with other work.";

/// The walk of part 2 over a fresh app on `corpus`: through the list, a
/// fully expanded tree in English and Arabic, the detail and the help; each
/// frame's time, and the corpus back.
fn walk(
    corpus: Corpus,
    articles: usize,
    per: usize,
    ahead: bool,
) -> (Vec<Duration>, usize, Corpus) {
    let mut app = app_on(corpus);
    // Laid out as the loop lays the screen out.
    mizan::tui::screens::browse::relayout(&mut app, Rect::new(0, 0, 200, 60));
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("backend");
    let mut times = Vec::new();
    // Frames that laid out text themselves (found some of it not cached).
    let cold = std::cell::Cell::new(0usize);
    let planning = std::cell::RefCell::new(Vec::new());
    let mut frame = |app: &mut App, times: &mut Vec<Duration>| {
        if ahead {
            mizan::tui::ahead::collect(app);
        }
        let before = app.view.layout_cache.borrow().laid_out();
        times.push(draw(&mut term, app));
        if app.view.layout_cache.borrow().laid_out() != before {
            cold.set(cold.get() + 1);
        }
        if ahead {
            // The planning runs on the UI thread (the layout does not).
            let t = Instant::now();
            mizan::tui::ahead::step(app);
            planning.borrow_mut().push(t.elapsed());
            mizan::tui::ahead::settle(app);
        }
    };
    frame(&mut app, &mut Vec::new());
    // Walk to the middle of the list, then through a fully expanded tree.
    for _ in 0..(articles / 2).min(2_000) / 50 {
        press(&mut app, "PageDown");
        frame(&mut app, &mut times);
    }
    press(&mut app, "Enter e");
    for _ in 0..per.min(200) {
        press(&mut app, "j");
        frame(&mut app, &mut times);
    }
    press(&mut app, "L");
    for _ in 0..per.min(200) {
        press(&mut app, "k");
        frame(&mut app, &mut times);
    }
    press(&mut app, "Tab");
    for _ in 0..20 {
        press(&mut app, "C-d");
        frame(&mut app, &mut times);
    }
    press(&mut app, "?");
    for _ in 0..20 {
        frame(&mut app, &mut times);
    }
    let cold = cold.get();
    let mut planning = planning.into_inner();
    if ahead {
        // Each part of the walk: which keys make the slow frames.
        let list = (articles / 2).min(2_000) / 50;
        let tree = per.min(200);
        let mut start = 0;
        for (part, n) in [
            ("list PageDown", list),
            ("tree j (English)", tree),
            ("tree k (Arabic)", tree),
            ("detail C-d", 20),
            ("help", 20),
        ] {
            let mut v = times[start..start + n].to_vec();
            start += n;
            println!(
                "  {part}: median {:.2?}, p95 {:.2?} over {n} frames",
                pct(&mut v, 0.5),
                pct(&mut v, 0.95)
            );
        }
    }
    if ahead && !planning.is_empty() {
        println!(
            "  look-ahead planning on the UI thread after each frame: median {:.2?}, p95 {:.2?}, max {:.2?}",
            pct(&mut planning, 0.5),
            pct(&mut planning, 0.95),
            pct(&mut planning, 1.0)
        );
    }
    (times, cold, give_back(app))
}

/// The corpus out of an app, for the next walk.
fn give_back(mut app: App) -> Corpus {
    let corpus = std::mem::take(&mut app.ws.corpus);
    drop(app);
    std::sync::Arc::try_unwrap(corpus).unwrap_or_else(|c| (*c).clone())
}

fn main() {
    if std::env::args().skip(1).any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return;
    }
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let rounds = argv
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| argv.get(i + 1)?.parse().ok())
        .unwrap_or(1usize)
        .max(1);
    let args: Vec<usize> = argv
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || argv[i - 1] != "--rounds")
        .filter_map(|(_, a)| a.parse().ok())
        .collect();
    let (articles, per) = (
        args.first().copied().unwrap_or(20_000),
        args.get(1).copied().unwrap_or(50),
    );

    // 1. Bundled maps: from nothing to the first frame.
    let t = Instant::now();
    let opts = Options {
        maps_dir: concat!(env!("CARGO_MANIFEST_DIR"), "/maps").into(),
        sources: None,
        config: Some("/nonexistent/config.ron".into()),
        bidi: None,
    };
    let mut app = setup(&opts, &|_| None).expect("bundled maps load");
    app.view.areas = view::areas(Rect::new(0, 0, 120, 40));
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    draw(&mut term, &app);
    println!(
        "bundled maps: setup + first frame at 120x40: {:.1?}",
        t.elapsed()
    );

    // 2. A large corpus in memory.
    let t = Instant::now();
    let (motion, arts) = mizan::synthetic::generate(articles, per, 1);
    let nodes = articles * per;
    println!(
        "generated {articles} articles, {nodes} nodes in {:.1?}",
        t.elapsed()
    );
    let t = Instant::now();
    let app = app_on(Corpus::of_articles(Some(motion), arts));
    println!("App::new over {nodes} nodes: {:.1?}", t.elapsed());
    let mut corpus = give_back(app);
    for ahead in [false, true] {
        // Each frame's fastest time over the rounds.
        let mut best: Vec<Duration> = Vec::new();
        let mut cold = 0;
        for _ in 0..rounds {
            let (times, c, back) = walk(corpus, articles, per, ahead);
            corpus = back;
            cold = c;
            if best.is_empty() {
                best = times;
            } else {
                for (b, t) in best.iter_mut().zip(times) {
                    *b = (*b).min(t);
                }
            }
        }
        let n = best.len();
        let median = pct(&mut best, 0.5);
        let p95 = pct(&mut best, 0.95);
        let max = pct(&mut best, 1.0);
        let how = if ahead {
            "with the look-ahead"
        } else {
            "no look-ahead"
        };
        println!(
            "frame at 200x60 with {nodes} nodes loaded, {how}: median {median:.2?}, p95 {p95:.2?}, max {max:.2?} over {n} frames (fastest of {rounds} per frame); {cold} frames laid out text themselves"
        );
    }
    drop(corpus);

    // 3. The debate screen (issue 18's budget): `D` builds the clusters and
    // the ranking, then the screen's first frame is drawn — over a corpus
    // with Agrees/Contradicts links between articles (10% of nodes linked).
    let (motion, arts) = mizan::synthetic::generate_linked(articles, per, 1, 10);
    let links: usize = arts
        .iter()
        .map(|a| a.nodes.iter().map(|n| n.links().len()).sum::<usize>())
        .sum();
    let mut app = app_over(arts, motion);
    app.view.areas = view::areas(Rect::new(0, 0, 200, 60));
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("backend");
    draw(&mut term, &app);
    let (median, max) = open_debate(&mut app, &mut term, 5);
    println!(
        "debate screen over {nodes} nodes, {links} links: D + first frame at 200x60: median {median:.1?}, max {max:.1?} over 5 (budget 300 ms)"
    );
    drop(app);

    // The debate screen over the bundled maps (budget 20 ms).
    let mut app = setup(&opts, &|_| None).expect("bundled maps load");
    app.view.areas = view::areas(Rect::new(0, 0, 120, 40));
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    draw(&mut term, &app);
    let (median, max) = open_debate(&mut app, &mut term, 20);
    println!(
        "debate screen over the bundled maps: D + first frame at 120x40: median {median:.2?}, max {max:.2?} over 20 (budget 20 ms)"
    );
    drop(app);

    // 4. A comparison of two 5,000-node articles: build + first frame.
    let (motion, arts) = mizan::synthetic::generate(2, 5_000, 3);
    let mut app = app_over(arts, motion);
    app.view.areas = view::areas(Rect::new(0, 0, 200, 60));
    let mut times = Vec::new();
    for _ in 0..20 {
        app.screen.to_browse();
        let mut term = Terminal::new(TestBackend::new(200, 60)).expect("backend");
        // A fresh layout cache: the first frame of a comparison lays out its text.
        app.view.layout_cache = Default::default();
        let t = Instant::now();
        mizan::tui::screens::compare::open_compare(&mut app, 0, 1);
        term.draw(|f| view::view(&app, f)).expect("draw");
        times.push(t.elapsed());
    }
    let median = pct(&mut times, 0.5);
    let max = pct(&mut times, 1.0);
    println!(
        "comparison of two 5,000-node articles, build + first frame at 200x60: median {median:.2?}, max {max:.2?} over 20"
    );
}
