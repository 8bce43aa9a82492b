//! What the bench examples read about their own process from Linux's
//! `/proc`: CPU time, which a shared machine inflates far less than wall
//! time, and resident memory; and the app the UI benches drive. One copy
//! for every bench (`mod support;`).

// Each bench uses the part it reports.
#![allow(dead_code)]

use std::time::Duration;

/// User + system CPU time of this process so far (all threads), from
/// /proc/self/stat; `None` where there is no /proc.
pub fn cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the parenthesised command name (which may hold
    // spaces); utime and stime are the 14th and 15th of the whole line.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    // In USER_HZ, which is 100 on every mainstream Linux platform.
    Some(Duration::from_millis(ticks * 10))
}

/// [`cpu`], or zero where there is no /proc.
pub fn cpu_or_zero() -> Duration {
    cpu().unwrap_or_default()
}

/// A `kB` line of /proc/self/status (`VmRSS:`, `VmHWM:`), in KiB.
pub fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// An app over a corpus in memory, with the default keymap and colours,
/// Arabic shaped by mizan, in English.
pub fn app_on(corpus: mizan::model::Corpus) -> mizan::tui::app::App {
    use mizan::tui::app::{App, Lang, Settings, Setup};
    App::new(Setup {
        ws: mizan::tui::workspace::Workspace::new(corpus, ".".into(), None, Vec::new()),
        settings: Settings {
            keymap: mizan::tui::keymap::Keymap::default_map(),
            palette: mizan::tui::palette::Palette::colored(),
            bidi: mizan::text::BidiMode::Mizan,
            bidi_reason: String::new(),
            export_dir: ".".into(),
            lang: Lang::En,
            voices: Default::default(),
        },
    })
}
