//! Opening a maps directory without a blank wait: the list of articles is
//! drawn from the catalog (each file's head, `store::catalog`) as soon as it
//! is known, with the count of maps loaded in the status bar, while
//! `store::background` loads the trees. When every map has loaded within a
//! blink, the loop builds the app from the assembled corpus (`setup_with`);
//! when loading takes longer, the browser opens on the list and what has
//! come so far, and the rest arrives there (`workspace::arrival`).
//! Keys typed on this screen wait for the browser.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::Corpus;
use crate::store::background::{Assembly, Event as LoadEvent, Loader, Progress};
use crate::store::catalog::Header;
use crate::text::sanitize::visible;
use crate::tui::palette::{Palette, stance_glyph};

/// Draws the loading screen: the articles known so far and the progress.
pub fn view(headers: &[Header], progress: Progress, palette: &Palette, f: &mut Frame) {
    let [body, status] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(f.area());
    let lines: Vec<Line> = headers
        .iter()
        .take(body.height as usize)
        .map(|h| match &h.meta {
            Some(m) => Line::from(vec![
                Span::styled(
                    format!("{} ", stance_glyph(m.stance)),
                    palette.stance(m.stance),
                ),
                Span::raw(
                    visible(if m.title_en.is_empty() {
                        &m.id
                    } else {
                        &m.title_en
                    })
                    .into_owned(),
                ),
                Span::styled(
                    format!("  {}", visible(m.date.as_deref().unwrap_or(""))),
                    palette.dim,
                ),
            ]),
            None => Line::styled(format!("! {}", h.path.display()), palette.broken),
        })
        .collect();
    f.render_widget(Paragraph::new(lines), body);
    let text = if progress.total == 0 {
        "listing the maps…".to_owned()
    } else {
        format!(
            "loading maps: {} of {} (q quits)",
            progress.loaded, progress.total
        )
    };
    f.render_widget(Paragraph::new(Line::styled(text, palette.dim)), status);
}

/// How long loading may take before the loading screen is drawn: a small
/// maps directory opens straight into the browser, without a flash.
const QUIET: Duration = Duration::from_millis(100);

/// What the loading screen hands the browser.
pub enum Loaded {
    /// Every map, loaded within a blink.
    Whole(Corpus),
    /// The list and what has come so far; the rest arrives in the browser
    /// (`workspace::arrival`).
    Arriving(Assembly),
}

/// Runs the loading screen until every map has loaded (the corpus), or the
/// list is known and loading goes on past a blink (the browser opens on
/// what has come), or a signal stops us (`None`). Keys typed meanwhile are
/// left queued for the browser.
pub fn run(
    term: &mut ratatui::Terminal<ratatui::backend::CrosstermBackend<std::io::Stdout>>,
    loader: &Loader,
    palette: &Palette,
    stop: &std::sync::atomic::AtomicBool,
) -> Result<Option<Loaded>, crate::tui::Error> {
    let mut asm = Assembly::default();
    let start = std::time::Instant::now();
    let mut loaded = 0;
    loop {
        // Take what has arrived, waiting a little for more (bounded, so
        // the screen keeps updating).
        let mut wait = Duration::from_millis(40);
        for _ in 0..4096 {
            let Some(e) = loader.next_timeout(wait) else {
                break;
            };
            wait = Duration::ZERO;
            loaded += matches!(e, LoadEvent::Loaded { .. }) as usize;
            asm.apply(e)?;
        }
        if asm.finished {
            return Ok(Some(Loaded::Whole(asm.into_corpus())));
        }
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok(None);
        }
        if start.elapsed() >= QUIET && !asm.headers.is_empty() {
            return Ok(Some(Loaded::Arriving(asm)));
        }
        if start.elapsed() >= QUIET {
            let progress = Progress {
                loaded,
                total: asm.headers.len(),
            };
            term.draw(|f| view(&asm.headers, progress, palette, f))?;
        }
    }
}

/// Fills a loader's events into an assembly until the list is known.
pub fn until_listed(loader: &Loader, asm: &mut Assembly) -> Result<(), crate::tui::Error> {
    while asm.headers.is_empty() && !asm.finished {
        match loader.next_timeout(Duration::from_secs(60)) {
            Some(e) => asm.apply(e)?,
            None => break,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn screen(term: &Terminal<TestBackend>) -> String {
        let buf = term.backend().buffer();
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    // The list of articles is on screen before any tree has loaded: the
    // loader sends the list first, and the loading screen draws it from the
    // list alone, with the count of maps loaded (none yet).
    #[test]
    fn list_appears_before_the_trees() {
        let maps = tempfile::tempdir().unwrap();
        crate::synthetic::write_corpus(maps.path(), 400, 20, 3).unwrap();
        let loader = Loader::start(maps.path().to_path_buf(), None);
        let mut asm = Assembly::default();
        until_listed(&loader, &mut asm).unwrap();
        assert_eq!(asm.headers.len(), 400);
        assert!(asm.maps.iter().all(Option::is_none), "no tree yet");
        let mut term = Terminal::new(TestBackend::new(100, 12)).unwrap();
        let progress = Progress {
            loaded: 0,
            total: asm.headers.len(),
        };
        term.draw(|f| view(&asm.headers, progress, &Palette::monochrome(), f))
            .unwrap();
        let s = screen(&term);
        let first = asm.headers[0].meta.as_ref().unwrap();
        assert!(s.contains(&*first.title_en), "{s}");
        assert!(s.contains("loading maps: 0 of 400"), "{s}");
        // Then the rest arrives and the corpus is the one load_dir gives.
        while !asm.finished {
            let e = loader.next_timeout(Duration::from_secs(60)).unwrap();
            asm.apply(e).unwrap();
        }
        let corpus = asm.into_corpus();
        assert_eq!(corpus.node_count(), 400 * 20);
    }
}
