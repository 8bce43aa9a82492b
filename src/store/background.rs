//! Loading a maps directory on a background thread, for a browser that
//! should show something at once: first the list of articles from the
//! catalog (a head scan of each file, or its cached copy), then each map as
//! it is parsed or read from the cache, with the count loaded so far.
//!
//! The loader sends [`Event`]s over a channel; [`Assembly`] folds them into
//! a [`Corpus`] that equals what [`super::load_dir`] gives, so a receiver
//! can show the articles it has while the rest arrive. The first map is
//! loaded before the others, so the first article can be opened while the
//! rest of a large corpus is still loading. Dropping the [`Loader`] stops
//! the thread at the next map.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use rayon::prelude::*;

use super::StoreError;
use super::cache::Cache;
use super::catalog::{Catalog, Header};
use super::load::{MOTION_FILE, load_paths, read_article};
use crate::model::{Corpus, Diagnostic, MapEntry, Motion};

/// What the loader reports, in this order: `Listed`, `Motion`, one `Loaded`
/// per map (the first map first, the others in any order), `Finished`; or
/// `Failed` when the directory cannot be read.
#[derive(Debug)]
pub enum Event {
    /// Every map file with its article's fields, in corpus order.
    Listed(Vec<Header>),
    /// The motion (if it parsed) and the notes made reading it.
    Motion {
        motion: Option<Motion>,
        path: PathBuf,
        diagnostics: Vec<Diagnostic>,
    },
    /// The map at `index` of the list, and the notes made reading it.
    Loaded {
        index: usize,
        entry: Box<MapEntry>,
        notes: Vec<Diagnostic>,
    },
    Finished,
    Failed(StoreError),
}

/// How far loading has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub loaded: usize,
    /// Map files listed (0 until the list is known).
    pub total: usize,
}

/// A running load; see the module doc.
pub struct Loader {
    events: Receiver<Event>,
    loaded: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// Maps loaded per step of the parallel load, between checks for a stop.
const CHUNK: usize = 64;

impl Loader {
    /// Starts loading `dir`, through `cache` when given.
    pub fn start(dir: PathBuf, cache: Option<Cache>) -> Loader {
        Loader::start_held(dir, cache, None)
    }

    /// [`Loader::start`], holding back every map after the first while the
    /// file `hold` exists: the end-to-end tests see what a person can do
    /// before the last map arrives this way, whatever the machine's load,
    /// and remove the file to let the rest come.
    pub fn start_held(dir: PathBuf, cache: Option<Cache>, hold: Option<PathBuf>) -> Loader {
        let (tx, events) = mpsc::channel();
        let loaded = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let shared = Shared {
            tx,
            loaded: loaded.clone(),
            total: total.clone(),
            stop: stop.clone(),
        };
        let thread = std::thread::Builder::new()
            .name("mizan-load".into())
            .spawn(move || run(&dir, cache.as_ref(), hold.as_deref(), &shared))
            .ok();
        Loader {
            events,
            loaded,
            total,
            stop,
            thread,
        }
    }

    pub fn progress(&self) -> Progress {
        Progress {
            loaded: self.loaded.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
        }
    }

    /// The next event if one is waiting.
    pub fn try_next(&self) -> Option<Event> {
        self.events.try_recv().ok()
    }

    /// The next event, waiting up to `timeout`; `None` on time-out or once
    /// the loader has finished and every event was taken.
    pub fn next_timeout(&self, timeout: Duration) -> Option<Event> {
        self.events.recv_timeout(timeout).ok()
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

struct Shared {
    tx: Sender<Event>,
    loaded: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

fn run(dir: &Path, cache: Option<&Cache>, hold: Option<&Path>, s: &Shared) {
    let catalog = match Catalog::scan(dir, cache) {
        Ok(c) => c,
        Err(e) => {
            let _ = s.tx.send(Event::Failed(e));
            return;
        }
    };
    let paths: Vec<PathBuf> = catalog.headers.iter().map(|h| h.path.clone()).collect();
    s.total.store(paths.len(), Ordering::Relaxed);
    if s.tx.send(Event::Listed(catalog.headers)).is_err() {
        return;
    }
    // The motion, read as the loader reads it (with no maps).
    let c = load_paths(dir, &[], None);
    let motion = Event::Motion {
        motion: c.motion,
        path: dir.join(MOTION_FILE),
        diagnostics: c.load_diagnostics,
    };
    if s.tx.send(motion).is_err() {
        return;
    }
    let read = |index: usize, path: &Path| {
        if index > 0
            && let Some(hold) = hold
            && !wait_while(hold, &s.stop)
        {
            return false;
        }
        let (entry, notes) = match cache {
            Some(c) => c.read_through(path, read_article),
            None => read_article(path),
        };
        s.loaded.fetch_add(1, Ordering::Relaxed);
        s.tx.send(Event::Loaded {
            index,
            entry: Box::new(entry),
            notes,
        })
        .is_ok()
    };
    if let Some(first) = paths.first()
        && !read(0, first)
    {
        return;
    }
    let rest: Vec<(usize, &PathBuf)> = paths.iter().enumerate().skip(1).collect();
    for chunk in rest.chunks(CHUNK) {
        if s.stop.load(Ordering::Relaxed) {
            return;
        }
        let ok = chunk.par_iter().all(|&(i, p)| read(i, p));
        if !ok {
            return;
        }
    }
    let _ = s.tx.send(Event::Finished);
}

/// Waits while the file `hold` exists; false when told to stop meanwhile.
fn wait_while(hold: &Path, stop: &AtomicBool) -> bool {
    while hold.exists() {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    true
}

/// Folds a loader's events into a corpus as they arrive.
#[derive(Debug, Default)]
pub struct Assembly {
    pub headers: Vec<Header>,
    /// Slots of the maps, indexed like `headers`; `None` until loaded.
    pub maps: Vec<Option<MapEntry>>,
    pub motion: Option<Motion>,
    pub motion_path: PathBuf,
    /// The motion's notes, then each map's, in the order they came.
    pub diagnostics: Vec<Diagnostic>,
    pub finished: bool,
}

impl Assembly {
    pub fn apply(&mut self, event: Event) -> Result<(), StoreError> {
        match event {
            Event::Listed(headers) => {
                self.maps = headers.iter().map(|_| None).collect();
                self.headers = headers;
            }
            Event::Motion {
                motion,
                path,
                diagnostics,
            } => {
                self.motion = motion;
                self.motion_path = path;
                self.diagnostics.extend(diagnostics);
            }
            Event::Loaded {
                index,
                entry,
                notes,
            } => {
                if let Some(slot) = self.maps.get_mut(index) {
                    *slot = Some(*entry);
                }
                self.diagnostics.extend(notes);
            }
            Event::Finished => self.finished = true,
            Event::Failed(e) => return Err(e),
        }
        Ok(())
    }

    /// The corpus of what has loaded, in corpus order; once finished, the
    /// corpus `load_dir` gives (load notes sorted as it sorts them: the
    /// motion's first, then the maps' in file order).
    pub fn into_corpus(self) -> Corpus {
        let order: std::collections::HashMap<PathBuf, usize> = self
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.path.clone(), i))
            .collect();
        let mut diagnostics = self.diagnostics;
        diagnostics.sort_by_key(|d| order.get(&d.path).map_or(0, |i| i + 1));
        let maps = self.maps.into_iter().flatten().collect();
        let mut corpus = Corpus::new(self.motion, self.motion_path, maps);
        corpus.load_diagnostics = diagnostics;
        corpus
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load_dir;

    fn drain(loader: &Loader) -> (Assembly, Vec<Progress>, Vec<usize>) {
        let mut asm = Assembly::default();
        let mut seen = Vec::new();
        let mut order = Vec::new();
        while let Some(e) = loader.next_timeout(Duration::from_secs(30)) {
            if let Event::Loaded { index, .. } = &e {
                order.push(*index);
            }
            let done = matches!(e, Event::Finished);
            if matches!(e, Event::Listed(_)) {
                assert_eq!(asm.maps.len(), 0, "the list comes first");
            }
            asm.apply(e).unwrap();
            seen.push(loader.progress());
            if done {
                break;
            }
        }
        (asm, seen, order)
    }

    // All events folded give what load_dir gives; the list comes before any
    // map, the first map before the others; progress counts up to the total.
    #[test]
    fn assembles_what_load_dir_gives() {
        let maps = tempfile::tempdir().unwrap();
        crate::synthetic::write_corpus(maps.path(), 150, 6, 4).unwrap();
        std::fs::write(maps.path().join("gen-000007.ron"), "Article(").unwrap();
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(std::fs::read(maps.path().join("gen-000009.ron")).unwrap());
        std::fs::write(maps.path().join("gen-000009.ron"), bom).unwrap();
        let cache_dir = tempfile::tempdir().unwrap();
        for cache in [None, Some(Cache::at(cache_dir.path()))] {
            let loader = Loader::start(maps.path().to_path_buf(), cache);
            let (asm, progress, order) = drain(&loader);
            assert!(asm.finished);
            assert_eq!(order.first(), Some(&0));
            assert_eq!(order.len(), 150);
            assert_eq!(
                progress.last(),
                Some(&Progress {
                    loaded: 150,
                    total: 150
                })
            );
            let want = load_dir(maps.path()).unwrap();
            let got = asm.into_corpus();
            assert_eq!(got.maps.len(), want.maps.len());
            for (g, w) in got.maps.iter().zip(&want.maps) {
                assert_eq!((&g.path, &g.article, g.hash), (&w.path, &w.article, w.hash));
            }
            assert_eq!(got.motion, want.motion);
            let msgs = |c: &Corpus| {
                c.load_diagnostics
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
            };
            assert_eq!(msgs(&got), msgs(&want));
        }
    }

    // A directory that cannot be read is one `Failed` event; dropping a
    // loader midway stops it.
    #[test]
    fn fails_and_stops() {
        let loader = Loader::start("/nonexistent/mizan-maps".into(), None);
        let e = loader.next_timeout(Duration::from_secs(30));
        assert!(matches!(e, Some(Event::Failed(_))), "{e:?}");
        let maps = tempfile::tempdir().unwrap();
        crate::synthetic::write_corpus(maps.path(), 300, 5, 4).unwrap();
        let loader = Loader::start(maps.path().to_path_buf(), None);
        assert!(matches!(
            loader.next_timeout(Duration::from_secs(30)),
            Some(Event::Listed(h)) if h.len() == 300
        ));
        drop(loader);
    }
}
