//! The state of browsing while the maps arrive (issue 19, item 1): which
//! maps have come from the background loader (`store::background`), the
//! catalog's row of each map still to come, and once all are in, the checks
//! running on their own thread (`model::checking`), their findings waiting
//! to be filed. What the loop does with them is in `tui::arrivals`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use crate::model::checking::Checking;
use crate::model::incoming::Incoming;
use crate::model::validate::Sources;
use crate::model::{ArticleMeta, Corpus, Diagnostic, MapEntry};
use crate::store::background::{Assembly, Event, Loader};
use crate::store::catalog::Header;

/// The maps still arriving, then the checks still running.
pub struct Arrival {
    /// `None` once every map has come (or in tests, which hand the events
    /// over themselves).
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
    /// "Linked from" over the whole corpus, built on the checks' thread
    /// after the checks, so the browser never builds it inside a frame.
    incoming: Receiver<Incoming>,
    done: usize,
    total: usize,
    finished: bool,
    /// Errors among the findings taken so far.
    errors: usize,
}

/// Where arrival has got to, for the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Loading { loaded: usize, total: usize },
    Checking { checked: usize, total: usize },
}

/// The checks' findings taken since last asked.
pub struct Found {
    pub diagnostics: Vec<Diagnostic>,
    /// The last check is in.
    pub finished: bool,
    /// Errors among all the findings so far.
    pub errors: usize,
    /// "Linked from" for the whole corpus, with the last findings (`None`
    /// before, or if the checks' thread could not start or build it).
    pub incoming: Option<Incoming>,
}

impl Arrival {
    /// The corpus to browse while the rest arrives, from what the loading
    /// screen has gathered (the list, the motion, maybe some maps), and the
    /// arrival that fills it from `loader`.
    pub fn start(asm: Assembly, loader: Option<Loader>) -> (Corpus, Arrival) {
        let maps = asm
            .headers
            .iter()
            .map(|h| MapEntry {
                path: h.path.clone(),
                article: None,
                error: None,
                positions: Vec::new(),
                hash: 0,
            })
            .collect();
        let mut corpus = Corpus::new(asm.motion, asm.motion_path, maps);
        let mut arrival = Arrival {
            loaded: vec![false; asm.headers.len()],
            headers: asm.headers,
            loader,
            count: 0,
            notes: asm.diagnostics,
            checks: None,
        };
        for (i, m) in asm.maps.into_iter().enumerate() {
            if let Some(m) = m
                && arrival.arrived(i, Vec::new())
            {
                corpus.fill(i as u32, m);
            }
        }
        (corpus, arrival)
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

    /// What the status bar says: `loading maps 12 of 400`.
    pub fn status(&self) -> String {
        match self.stage() {
            Stage::Loading { loaded, total } => format!("loading maps {loaded} of {total}"),
            Stage::Checking { checked, total } => format!("checking maps {checked} of {total}"),
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

    /// The loader's next event, if one is waiting.
    pub fn next_event(&self) -> Option<Event> {
        self.loader.as_ref()?.try_next()
    }

    /// Map `i` has come with these load notes; false when it had already
    /// (or is not listed), and it is to be ignored.
    pub fn arrived(&mut self, i: usize, notes: Vec<Diagnostic>) -> bool {
        match self.loaded.get_mut(i) {
            Some(l) if !*l => {
                *l = true;
                self.count += 1;
                self.notes.extend(notes);
                true
            }
            _ => false,
        }
    }

    /// Notes made reading the motion.
    pub fn noted(&mut self, notes: Vec<Diagnostic>) {
        self.notes.extend(notes);
    }

    /// Whether every map is in and the checks have started.
    pub fn checking(&self) -> bool {
        self.checks.is_some()
    }

    /// Every map is in: the corpus is made whole (ids, load notes in file
    /// order, as `load_dir` gives them).
    pub fn complete(&mut self, corpus: &mut Corpus) {
        self.loader = None;
        let order: std::collections::HashMap<&PathBuf, usize> = self
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| (&h.path, i))
            .collect();
        let mut notes = std::mem::take(&mut self.notes);
        notes.sort_by_key(|d| order.get(&d.path).map_or(0, |i| i + 1));
        corpus.reindex();
        corpus.load_diagnostics = notes;
    }

    /// Starts the checks of the whole `corpus` on their own thread; false
    /// when the thread could not start.
    pub fn start_checks(
        &mut self,
        corpus: Arc<Corpus>,
        maps_dir: &Path,
        sources: Option<Sources>,
    ) -> bool {
        let (tx, found) = mpsc::channel();
        let (built, incoming) = mpsc::channel();
        let total = corpus.maps.len();
        let maps_dir = maps_dir.to_path_buf();
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
                // Sent before the findings' channel closes, which is what
                // ends arrival, so it is there to be taken then.
                let _ = built.send(Incoming::build(&corpus));
                // The corpus is let go before the channel closes: once the
                // browser sees the checks end it may edit, and an edit
                // while this Arc is held would copy the whole corpus.
                drop(corpus);
                drop(tx);
            });
        self.checks = Some(Checks {
            found,
            incoming,
            done: 0,
            total,
            finished: spawned.is_err(),
            errors: 0,
        });
        spawned.is_ok()
    }

    /// The checks' findings that have come since last asked (`None` before
    /// the checks start).
    pub fn take_found(&mut self) -> Option<Found> {
        let checks = self.checks.as_mut()?;
        let mut diagnostics = Vec::new();
        loop {
            match checks.found.try_recv() {
                Ok((diags, done)) => {
                    diagnostics.extend(diags);
                    checks.done = done;
                }
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    checks.finished = true;
                    break;
                }
            }
        }
        checks.errors += diagnostics.iter().filter(|d| d.is_error()).count();
        let incoming = if checks.finished {
            checks.incoming.try_recv().ok()
        } else {
            None
        };
        Some(Found {
            diagnostics,
            finished: checks.finished,
            errors: checks.errors,
            incoming,
        })
    }
}
