//! Browsing while the maps arrive (issue 19, item 1): the browser opens as
//! soon as the catalog lists the articles, each map's slot in the corpus is
//! filled as the background loader hands it over, and once all are in, the
//! checks run on another thread and their marks are filed article by
//! article as they come, with the progress in the status bar (the state is
//! `workspace::arrival`).
//!
//! Until then the corpus is partial, so what spans it waits: editing,
//! saving, compare, the overview, the debate, export, following a link,
//! filtering the list — each says it waits (see [`waits`]); moving through
//! the list and opening the articles that have loaded work at once. Search
//! opens and takes the query, and runs it once every map is in.
//! A map that has not loaded yet is listed from its catalog row, and its
//! tree pane says "loading…".

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::model::incoming::Incoming;
use crate::store::background::Event;
use crate::tui::action::Action;
use crate::tui::app::{App, Focus};
use crate::tui::workspace::{ArticleCache, file_problems, saving};

/// What an action does while the maps arrive: `None` when it can run on
/// what has loaded (moving, opening, panes, help, quitting), else why it
/// waits, for the status bar.
pub fn waits(app: &App, action: Action) -> Option<String> {
    let arrival = app.ws.arrival.as_ref()?;
    use Action::*;
    let fine = match action {
        Quit | Help | Close | Down | Up | PageDown | PageUp | Top | Bottom | Left | Right
        | Parent | NextSibling | PrevSibling | ExpandAll | CollapseAll | FocusNext | FocusPrev
        | ToggleLanguage | ToggleSource | JumpBack | JumpForward | WidenPane | NarrowPane
        | ToggleList | ToggleDetail => true,
        // The search box opens and takes the query at once (else the
        // letters typed after `/` would be read as commands); the query is
        // sent once every map is in (`overlays::search::pump`).
        Search => true,
        // Enter on a link in the detail pane follows it, maybe into a map
        // not loaded yet.
        Toggle => app.browse().focus != Focus::Detail,
        _ => false,
    };
    (!fine).then(|| format!("this waits until every map is in ({})", arrival.status()))
}

/// Time a frame gives to filing arrivals.
const BUDGET: Duration = Duration::from_millis(8);

/// Takes what the loader and the checks have sent since the last frame
/// (bounded, so a frame is never held up long), and ends arrival when the
/// last check is in. Returns whether anything changed.
pub fn pump(app: &mut App) -> bool {
    let start = Instant::now();
    let mut changed = false;
    while start.elapsed() < BUDGET {
        let Some(e) = app.ws.arrival.as_ref().and_then(|a| a.next_event()) else {
            break;
        };
        apply(app, e);
        changed = true;
    }
    changed | take_checks(app)
}

/// Files one loader event (the loop's [`pump`]; tests call it directly).
pub fn apply(app: &mut App, event: Event) {
    let Some(arrival) = app.ws.arrival.as_mut() else {
        return;
    };
    match event {
        Event::Listed(_) => {}
        Event::Motion {
            motion,
            path,
            diagnostics,
        } => {
            arrival.noted(diagnostics);
            let corpus = Arc::make_mut(&mut app.ws.corpus);
            corpus.motion = motion;
            corpus.motion_path = path;
        }
        Event::Loaded {
            index,
            entry,
            notes,
        } => {
            if !arrival.arrived(index, notes) {
                return;
            }
            if let Some(c) = app.ws.cache.get_mut(index) {
                *c = ArticleCache::for_entry(&entry, app.ws.sources.as_ref());
            }
            Arc::make_mut(&mut app.ws.corpus).fill(index as u32, *entry);
            if index == app.browse().selected {
                app.ensure_tree();
            }
        }
        Event::Finished => complete(app),
        Event::Failed(e) => {
            app.flash = Some(format!("loading the maps stopped: {e}"));
            complete(app);
        }
    }
}

/// Every map is in: the corpus is made whole and the checks start.
fn complete(app: &mut App) {
    let Some(arrival) = app.ws.arrival.as_mut() else {
        return;
    };
    if arrival.checking() {
        return;
    }
    arrival.complete(Arc::make_mut(&mut app.ws.corpus));
    // Nothing edits the corpus until the checks are in (editing waits), so
    // the checks' clone of the Arc is never copied from.
    let corpus = Arc::clone(&app.ws.corpus);
    let sources = app.ws.sources.clone();
    if !arrival.start_checks(corpus, &app.ws.maps_dir, sources) {
        app.flash = Some("the checks could not start: run `mizan check`".into());
    }
}

/// Files the checks' findings that have come; ends arrival after the last.
fn take_checks(app: &mut App) -> bool {
    let Some(found) = app.ws.arrival.as_mut().and_then(|a| a.take_found()) else {
        return false;
    };
    let changed = !found.diagnostics.is_empty() || found.finished;
    file_problems(&mut app.ws.cache, &app.ws.corpus, found.diagnostics);
    if found.finished {
        // Built on the checks' thread; here only if that thread failed.
        app.ws.incoming = found
            .incoming
            .unwrap_or_else(|| Incoming::build(&app.ws.corpus));
        end(app, found.errors);
    }
    changed
}

/// Arrival is over: the browser is the one a whole load gives, with what
/// setup says after a whole load (the problems found, a recovery to offer)
/// and the changes on disk seen meanwhile.
fn end(app: &mut App, errors: usize) {
    app.ws.arrival = None;
    if errors > 0 && app.flash.is_none() {
        app.flash = Some(format!(
            "{} in the maps (marked !; `mizan check` lists them)",
            crate::text::plural::count(errors, "problem")
        ));
    }
    saving::offer_recovery(app);
    saving::apply_disk_changes(app);
}
