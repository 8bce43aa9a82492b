//! How long `mizan::text::layout` takes for one 150-character Arabic quote,
//! averaged over many runs. The UI lays out each visible paragraph per
//! frame, so this is the per-row cost to keep in mind.
//!
//! `cargo run --release --example text_layout [runs]`

use std::hint::black_box;
use std::time::Instant;

use mizan::text::{BidiMode, layout};

/// A quote from seed 000 (an opinion piece on the US withdrawal from
/// Iraq), 150 characters with harakat, brackets, commas and a stop.
const QUOTE: &str = "إنَّ بايدن محق، والمنتقدون مخطئون في هذا الصدد. فالفوائد المترتبة على \
البقاء في العراق (أو سوريا)، لم تعد تستحق التكاليف المترتبة على ذلك اليوم، حقاً.";

/// An English claim of the same length, the other common case.
const ENGLISH: &str = "The US-led coalition should leave Iraq now: the talks have run their \
course, the threat it was sent for is gone, and staying costs more than it buys.";

fn main() {
    let runs: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    println!(
        "quote: {} chars, {} bytes",
        QUOTE.chars().count(),
        QUOTE.len()
    );
    for (name, text, mode, width) in [
        ("arabic", QUOTE, BidiMode::Mizan, 40),
        ("arabic", QUOTE, BidiMode::Mizan, 200),
        ("arabic", QUOTE, BidiMode::Terminal, 40),
        ("arabic", QUOTE, BidiMode::Off, 40),
        ("english", ENGLISH, BidiMode::Mizan, 40),
    ] {
        let lines = layout(text, width, mode).len();
        // The machine is shared, so wall time overstates the cost: CPU
        // time (Linux's /proc, 10 ms ticks) is reported beside it.
        let cpu = cpu_ticks();
        let start = Instant::now();
        for _ in 0..runs {
            black_box(layout(black_box(text), black_box(width), mode));
        }
        let wall = start.elapsed() / runs;
        let cpu = match (cpu, cpu_ticks()) {
            (Some(a), Some(b)) => format!("{:.1}µs", (b - a) as f64 * 10_000.0 / f64::from(runs)),
            _ => "?".to_owned(),
        };
        println!(
            "{name:>7} {mode:>8} width {width:>3}: {lines} lines, \
             {wall:?} wall, {cpu} CPU per layout ({runs} runs)"
        );
    }
}

/// User + system CPU time of this process in clock ticks (100 per second
/// on Linux), from /proc/self/stat; `None` elsewhere.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // After the command name: state is field 3, utime 14 and stime 15.
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}
