//! Browsing while the maps arrive (issue 19, item 1): the browser opens as
//! soon as the catalog lists the articles, each map's slot in the corpus is
//! filled as the background loader (`store::background`) hands it over,
//! and once all are in, the checks run on another thread (`model::checking`)
//! and their marks are filed article by article as they come, with the
//! progress in the status bar.
//!
//! Until then the corpus is partial, so what spans it waits: editing,
//! saving, search, compare, the overview, the debate, export, following a
//! link, filtering the list — each says it waits (see [`waits`]); moving
//! through the list and opening the articles that have loaded work at once.
//! A map that has not loaded yet is listed from its catalog row, and its
//! tree pane says "loading…".

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::model::checking::Checking;
use crate::model::validate::Sources;
use crate::model::{ArticleMeta, Corpus, Diagnostic, MapEntry};
use crate::store::background::{Assembly, Event, Loader};
use crate::store::catalog::Header;
use crate::tui::action::Action;
use crate::tui::app::{App, Focus};
use crate::tui::workspace::{ArticleCache, file_problems};

/// The maps still arriving, then the checks still running.
pub struct Arrival {
    /// `None` once every map has come (or in tests, which hand the events
    /// over themselves through [`apply`]).
    loader: Option<Loader>,
    headers: Vec<Header>,
    loaded: Vec<bool>,
    count: usize,
    /// The load notes (a byte-order mark, a motion that did not parse), in
    /// the order they came; sorted into the corpus at the end.
    notes: Vec<Diagnostic>,
    /// Set once every map has come: the checks running on their thread.
    checks: Option<Checks>,
}

struct Checks {
    found: Receiver<(Vec<Diagnostic>, usize)>,
    done: usize,
    total: usize,
    finished: bool,
    /// Errors among the findings filed so far.
    errors: usize,
}

/// Where arrival has got to, for the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Loading { loaded: usize, total: usize },
    Checking { checked: usize, total: usize },
}

impl Arrival {
    /// Arrival of the maps `headers` lists, from `loader` (or, in tests,
    /// from events handed to [`apply`]).
    pub fn new(headers: Vec<Header>, loader: Option<Loader>) -> Arrival {
        Arrival {
            loaded: vec![false; headers.len()],
            headers,
            loader,
            count: 0,
            notes: Vec::new(),
            checks: None,
        }
    }

    pub fn stage(&self) -> Stage {
        match &self.checks {
            Some(c) => Stage::Checking {
                checked: c.done,
                total: c.total,
            },
            None => Stage::Loading {
                loaded: self.count,
                total: self.headers.len(),
            },
        }
    }

    /// Whether map `i` is still to come.
    pub fn pending(&self, i: usize) -> bool {
        !self.loaded.get(i).copied().unwrap_or(true)
    }

    /// The catalog's fields of map `i` (the list shows them until it loads).
    pub fn meta(&self, i: usize) -> Option<&ArticleMeta> {
        self.headers.get(i)?.meta.as_ref()
    }

    /// The source files the catalog's articles name.
    pub fn source_names(&self) -> impl Iterator<Item = &str> {
        self.headers
            .iter()
            .filter_map(|h| h.meta.as_ref()?.source.as_deref())
    }

    /// What the status bar says: `loading maps 12 of 400`.
    pub fn status(&self) -> String {
        match self.stage() {
            Stage::Loading { loaded, total } => format!("loading maps {loaded} of {total}"),
            Stage::Checking { checked, total } => format!("checking maps {checked} of {total}"),
        }
    }
}

/// The corpus to browse while the rest arrives, from what the loading
/// screen has gathered (the list, the motion, maybe some maps), and the
/// arrival that fills it from `loader`.
pub fn start(asm: Assembly, loader: Option<Loader>) -> (Corpus, Arrival) {
    let mut corpus = empty_corpus(&asm.headers);
    corpus.motion = asm.motion;
    corpus.motion_path = asm.motion_path;
    let mut arrival = Arrival::new(asm.headers, loader);
    arrival.notes = asm.diagnostics;
    for (i, m) in asm.maps.into_iter().enumerate() {
        if let Some(m) = m {
            corpus.fill(i as u32, m);
            arrival.loaded[i] = true;
            arrival.count += 1;
        }
    }
    (corpus, arrival)
}

/// A corpus of the maps `headers` lists, every slot empty (no article, no
/// error) until its map comes.
fn empty_corpus(headers: &[Header]) -> Corpus {
    let maps = headers
        .iter()
        .map(|h| MapEntry {
            path: h.path.clone(),
            article: None,
            error: None,
            positions: Vec::new(),
            hash: 0,
        })
        .collect();
    Corpus::new(None, PathBuf::new(), maps)
}

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
        // Enter on a link in the detail pane follows it, maybe into a map
        // not loaded yet.
        Toggle => app.browse().focus != Focus::Detail,
        _ => false,
    };
    (!fine).then(|| format!("this waits until every map is in ({})", arrival.status()))
}

/// Takes what the loader and the checks have sent since the last frame
/// (bounded, so a frame is never held up long), and ends arrival when the
/// last check is in. Returns whether anything changed.
pub fn pump(app: &mut App) -> bool {
    let start = Instant::now();
    let mut changed = false;
    while start.elapsed() < BUDGET {
        let Some(e) = app
            .ws
            .arrival
            .as_ref()
            .and_then(|a| a.loader.as_ref())
            .and_then(Loader::try_next)
        else {
            break;
        };
        apply(app, e);
        changed = true;
    }
    changed | take_checks(app)
}

/// Time a frame gives to filing arrivals.
const BUDGET: Duration = Duration::from_millis(8);

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
            arrival.notes.extend(diagnostics);
            let corpus = Arc::make_mut(&mut app.ws.corpus);
            corpus.motion = motion;
            corpus.motion_path = path;
        }
        Event::Loaded {
            index,
            entry,
            notes,
        } => {
            if arrival.loaded.get(index).is_none_or(|&l| l) {
                return;
            }
            arrival.loaded[index] = true;
            arrival.count += 1;
            arrival.notes.extend(notes);
            if let Some(c) = app.ws.cache.get_mut(index) {
                *c = ArticleCache::for_entry(&entry, app.ws.sources.as_ref());
            }
            Arc::make_mut(&mut app.ws.corpus).fill(index as u32, *entry);
            if index == app.browse().selected {
                app.ensure_tree();
            }
        }
        Event::Finished => finish_loading(app),
        Event::Failed(e) => {
            app.flash = Some(format!("loading the maps stopped: {e}"));
            finish_loading(app);
        }
    }
}

/// Every map is in: the corpus is made whole (ids, load notes in file
/// order, as `load_dir` gives them) and the checks start on their thread.
fn finish_loading(app: &mut App) {
    let Some(arrival) = app.ws.arrival.as_mut() else {
        return;
    };
    if arrival.checks.is_some() {
        return;
    }
    arrival.loader = None;
    let order: std::collections::HashMap<&PathBuf, usize> = arrival
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| (&h.path, i))
        .collect();
    let mut notes = std::mem::take(&mut arrival.notes);
    notes.sort_by_key(|d| order.get(&d.path).map_or(0, |i| i + 1));
    {
        let corpus = Arc::make_mut(&mut app.ws.corpus);
        corpus.reindex();
        corpus.load_diagnostics = notes;
    }
    app.ws.incoming = std::cell::OnceCell::new();
    let (tx, found) = mpsc::channel();
    let corpus = Arc::clone(&app.ws.corpus);
    let maps_dir = app.ws.maps_dir.clone();
    let sources: Option<Sources> = app.ws.sources.clone();
    let total = corpus.maps.len();
    // Nothing edits the corpus until the checks are in (editing waits), so
    // this clone of the Arc is never copied from.
    let spawned = std::thread::Builder::new()
        .name("mizan-check".into())
        .spawn(move || {
            let mut checking = Checking::new();
            while !checking.is_done(&corpus) {
                let found = checking.step(
                    &corpus,
                    &maps_dir,
                    sources.as_ref(),
                    Duration::from_millis(20),
                );
                let (done, _) = checking.progress(&corpus);
                if tx.send((found, done)).is_err() {
                    return;
                }
            }
        });
    let finished = spawned.is_err();
    arrival.checks = Some(Checks {
        found,
        done: 0,
        total,
        finished,
        errors: 0,
    });
    if finished {
        app.flash = Some("the checks could not start: run `mizan check`".into());
        end(app, 0);
    }
}

/// Files the checks' findings that have come; ends arrival after the last.
fn take_checks(app: &mut App) -> bool {
    let Some(checks) = app.ws.arrival.as_mut().and_then(|a| a.checks.as_mut()) else {
        return false;
    };
    let mut found = Vec::new();
    let mut changed = false;
    loop {
        match checks.found.try_recv() {
            Ok((diags, done)) => {
                found.extend(diags);
                checks.done = done;
                changed = true;
            }
            Err(mpsc::TryRecvError::Empty) => break,
            Err(mpsc::TryRecvError::Disconnected) => {
                checks.finished = true;
                break;
            }
        }
    }
    checks.errors += found.iter().filter(|d| d.is_error()).count();
    let (finished, errors) = (checks.finished, checks.errors);
    file_problems(&mut app.ws.cache, &app.ws.corpus, found);
    if finished {
        end(app, errors);
        return true;
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
    crate::tui::workspace::saving::offer_recovery(app);
    crate::tui::workspace::saving::apply_disk_changes(app);
}
