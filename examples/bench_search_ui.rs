//! Search as the TUI meets it (issue 15), printed rather than asserted:
//!
//! ```text
//! cargo run --release --example bench_search_ui -- [--nodes N] [--picker-nodes M]
//! ```
//!
//! 1. Frames while the index builds: over N generated nodes (default
//!    1,000,000) in memory, `/` is pressed (the worker starts building the
//!    index), then a query is typed one key per frame and frames keep being
//!    drawn (pump the worker's results + draw at 200×60, as the event loop
//!    does) until the index is built and the query answered. Reports every
//!    frame's time and every key's handling time: none may pass 50 ms.
//! 2. The link picker after an edit: over M generated nodes (default
//!    100,000) the index is built first (a `/` answered, then closed), then a
//!    claim is edited and the node form's link picker opened (`i`, Tab to the
//!    links field, `C-p`) and drawn; ten times.

mod support;

use std::time::{Duration, Instant};

use mizan::model::Corpus;
use mizan::model::edit::{Edit, NodeField};
use mizan::tui::app::{App, Overlay};
use mizan::tui::key::{Code, KeyPress};
use mizan::tui::workspace::editing;
use mizan::tui::{effects, overlays, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const USAGE: &str = "\
bench_search_ui: frames while the search index builds, and the link picker after an edit.
usage: bench_search_ui [--nodes N] [--picker-nodes M]   (defaults 1000000 100000)";

fn app_over(nodes: usize) -> App {
    let (motion, articles) = mizan::synthetic::generate(nodes.div_ceil(50), 50, 42);
    let corpus = Corpus::of_articles(Some(motion), articles);
    let mut app = support::app_on(corpus);
    app.view.areas = view::areas(Rect::new(0, 0, 200, 60));
    app
}

/// Presses a key and runs its effects, as the loop does.
fn press(app: &mut App, k: &str) {
    let fx = update::key(app, KeyPress::parse(k).expect("key"));
    effects::run(app, fx);
}

fn typed(app: &mut App, c: char) {
    let fx = update::key(
        app,
        KeyPress {
            code: Code::Char(c),
            ctrl: false,
            alt: false,
        },
    );
    effects::run(app, fx);
}

/// One turn of the event loop's drawing: take the search results, draw.
fn frame(app: &mut App, term: &mut Terminal<TestBackend>) -> (Duration, bool) {
    let t = Instant::now();
    let busy = overlays::search::pump(app, false);
    term.draw(|f| view::view(app, f)).expect("draw");
    (t.elapsed(), busy)
}

/// Time this thread has run on a CPU (`/proc/thread-self/schedstat`): the
/// picker's own cost, barely changed by other processes using the cores.
fn thread_cpu() -> Duration {
    let ns = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .unwrap_or(0);
    Duration::from_nanos(ns)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// (median, p95, max) in ms.
fn stats(v: &[Duration]) -> (f64, f64, f64) {
    let mut v: Vec<f64> = v.iter().copied().map(ms).collect();
    v.sort_by(f64::total_cmp);
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.95), at(1.0))
}

fn frames_while_building(nodes: usize) {
    let t = Instant::now();
    let mut app = app_over(nodes);
    println!(
        "{} nodes generated, App::new: {:.1?}",
        app.ws.corpus.node_count(),
        t.elapsed()
    );
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("backend");
    term.draw(|f| view::view(&app, f)).expect("draw");
    let start = Instant::now();
    let t = Instant::now();
    press(&mut app, "/");
    let slash = t.elapsed();
    let mut frames = Vec::new();
    let mut keys = vec![slash];
    let mut query = "withdrawal".chars();
    let mut building_frames = 0;
    let mut ready = None;
    loop {
        if let Some(c) = query.next() {
            let t = Instant::now();
            typed(&mut app, c);
            keys.push(t.elapsed());
        }
        let (d, busy) = frame(&mut app, &mut term);
        frames.push(d);
        let indexing = match app.overlays.last() {
            Some(Overlay::Search(s)) => s.indexing.is_some(),
            _ => false,
        };
        if indexing {
            building_frames += 1;
        } else if ready.is_none() {
            ready = Some(start.elapsed());
        }
        if !busy && query.as_str().is_empty() {
            break;
        }
        // The loop waits for input up to 16 ms while a search is running.
        std::thread::sleep(Duration::from_millis(16));
    }
    let hits = match app.overlays.last() {
        Some(Overlay::Search(s)) => s.hits.len(),
        _ => 0,
    };
    let (fm, fp, fx) = stats(&frames);
    let (km, kp, kx) = stats(&keys);
    println!(
        "`/` then `withdrawal` typed while the index builds: {} frames ({building_frames} while indexing), frame (pump + draw 200x60) median {fm:.2} ms, p95 {fp:.2} ms, max {fx:.2} ms; key handling median {km:.2} ms, max {kx:.2} ms (p95 {kp:.2}); index ready after {:.0} ms, answered after {:.0} ms with {hits} hits",
        frames.len(),
        ready.map_or(f64::NAN, ms),
        ms(start.elapsed()),
    );
}

fn picker_after_edit(nodes: usize) {
    let mut app = app_over(nodes);
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("backend");
    // The index is built (a search answered), as after using `/` once.
    press(&mut app, "/");
    typed(&mut app, 'x');
    while overlays::search::pump(&mut app, false) {
        std::thread::sleep(Duration::from_millis(5));
    }
    press(&mut app, "Esc");
    press(&mut app, "Enter");
    press(&mut app, "e");
    press(&mut app, "j");
    term.draw(|f| view::view(&app, f)).expect("draw");
    let mut opens = Vec::new();
    let mut keys = Vec::new();
    let mut cpus = Vec::new();
    let mut items = 0;
    for i in 0..10 {
        let r = app.current().expect("a node");
        let edit = Edit::Set {
            node: r.node,
            field: NodeField::ClaimEn(format!("Edited claim number {i}").into()),
        };
        editing::apply(&mut app, r.map, edit, "edit".into(), r.node, r.node);
        term.draw(|f| view::view(&app, f)).expect("draw");
        press(&mut app, "i");
        for _ in 0..6 {
            press(&mut app, "Tab");
        }
        let t = Instant::now();
        let cpu = thread_cpu();
        press(&mut app, "C-p");
        keys.push(t.elapsed());
        term.draw(|f| view::view(&app, f)).expect("draw");
        opens.push(t.elapsed());
        cpus.push(thread_cpu().saturating_sub(cpu));
        if let Some(Overlay::Choose(c)) = app.overlays.last() {
            items = c.chooser.len();
        }
        press(&mut app, "Esc");
        press(&mut app, "Esc");
    }
    let (m, _, x) = stats(&opens);
    let (km, _, kx) = stats(&keys);
    let (cm, _, cx) = stats(&cpus);
    println!(
        "link picker after an edit, {} nodes ({items} items), index built: open + frame median {m:.1} ms, max {x:.1} ms (of which the key C-p: median {km:.1} ms, max {kx:.1} ms; CPU of the UI thread: median {cm:.1} ms, max {cx:.1} ms; 10 edits)",
        app.ws.corpus.node_count()
    );
}

fn main() {
    let mut nodes = 1_000_000;
    let mut picker = 100_000;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--help" | "-h" => {
                println!("{USAGE}");
                return;
            }
            "--nodes" => nodes = it.next().and_then(|n| n.parse().ok()).unwrap_or(nodes),
            "--picker-nodes" => picker = it.next().and_then(|n| n.parse().ok()).unwrap_or(picker),
            other => {
                eprintln!("bench_search_ui: unknown argument {other}\n{USAGE}");
                std::process::exit(2);
            }
        }
    }
    if picker > 0 {
        picker_after_edit(picker);
    }
    if nodes > 0 {
        frames_while_building(nodes);
    }
}
