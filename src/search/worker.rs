//! The search thread the TUI talks to (television-style): it owns an `Arc`
//! of the index and reuses one matcher; every submitted query gets a
//! generation number, and a newer submission makes the running scan stop at
//! its next chunk. Each finished query sends one [`Batch`].
//!
//! [`Worker::build`] makes the index on the worker's own thread (from an
//! `Arc` of the corpus), so the caller never waits for it: until it is ready
//! [`Worker::progress`] says how far it got and queries wait in the queue.
//! After an edit the caller updates a copy of the index
//! ([`Index::update_article`]) and hands it over with [`Worker::set_index`].
//!
//! Each query comes with an `Arc` of the corpus its hits read their texts
//! from; the thread lets go of it when the query is answered, so an edit's
//! `Arc::make_mut` does not copy the corpus (unless a search is running).
//!
//! Each word of a query is evaluated on its own and its list of matching
//! nodes kept for the next keystrokes: the unchanged words are reused, so a
//! keystroke costs about one word's lookup in the index.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use super::index::{Index, Progress};
use super::matcher::{Prepared, TermHit};
use super::query::Query;
use super::rank::{self, Hit};
use crate::model::Corpus;

/// Results of one generation: the best hits found so far, best first.
#[derive(Debug, Clone)]
pub struct Batch {
    pub generation: u64,
    pub hits: Vec<Hit>,
    /// How many nodes matched (some word of the query, or its filters) so far.
    pub matched: usize,
    /// True on the last batch of the generation.
    pub done: bool,
}

/// What the thread is asked to do.
enum Job {
    Query(u64, String, Arc<Corpus>),
    /// Search this index from now on.
    Index(Arc<Index>),
}

/// The index as both threads see it: `None` until built.
type Shared = Arc<Mutex<Option<Arc<Index>>>>;

/// A handle to the search thread; dropping it stops the thread.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    results: Receiver<Batch>,
    latest: Arc<AtomicU64>,
    index: Shared,
    progress: Arc<Progress>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the thread on a built index; each query returns at most
    /// `limit` hits.
    pub fn spawn(index: Arc<Index>, limit: usize) -> Worker {
        Worker::start(Ok(index), limit)
    }

    /// Starts the thread, which first builds the index of `corpus` on all
    /// cores (see [`Worker::progress`]), then answers queries.
    pub fn build(corpus: Arc<Corpus>, limit: usize) -> Worker {
        Worker::start(Err(corpus), limit)
    }

    fn start(from: Result<Arc<Index>, Arc<Corpus>>, limit: usize) -> Worker {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (tx, results) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let progress = Arc::new(Progress::default());
        let index: Shared = Arc::new(Mutex::new(from.as_ref().ok().cloned()));
        let seen = Arc::clone(&latest);
        let (shared, prog) = (Arc::clone(&index), Arc::clone(&progress));
        let thread = std::thread::Builder::new()
            .name("mizan-search".into())
            .spawn(move || {
                let ix = match from {
                    Ok(ix) => ix,
                    Err(corpus) => {
                        let ix = Arc::new(Index::build_with(&corpus, &prog));
                        drop(corpus);
                        if prog.cancelled() {
                            return;
                        }
                        *shared.lock().unwrap_or_else(PoisonError::into_inner) =
                            Some(Arc::clone(&ix));
                        ix
                    }
                };
                run(ix, limit, &job_rx, &tx, &seen);
            })
            .ok();
        Worker {
            jobs: Some(jobs),
            results,
            latest,
            index,
            progress,
            thread,
        }
    }

    /// `None` once the index is ready; before, the percentage built.
    pub fn progress(&self) -> Option<u8> {
        match self.index() {
            Some(_) => None,
            None => Some(self.progress.percent()),
        }
    }

    /// The index being searched, once built (shared: cloning is cheap).
    pub fn index(&self) -> Option<Arc<Index>> {
        self.index
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The index, waiting for the build to finish if it is running (the
    /// link picker needs it at once; `None` if the thread is gone).
    pub fn wait_index(&self) -> Option<Arc<Index>> {
        loop {
            if let Some(ix) = self.index() {
                return Some(ix);
            }
            if self.thread.as_ref().is_none_or(JoinHandle::is_finished) {
                return self.index();
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    /// Searches `index` from the next query on (after an edit). Queries
    /// already running finish on the old one.
    pub fn set_index(&self, index: Arc<Index>) {
        *self.index.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&index));
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Index(index));
        }
    }

    /// Submits a query (as typed) over `corpus` (which hits read their text
    /// from: the corpus the index was built from or last updated with) and
    /// returns its generation; results of older generations stop arriving.
    pub fn submit(&self, query: impl Into<String>, corpus: &Arc<Corpus>) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(jobs) = &self.jobs {
            // A send fails only when the thread is gone; then no batch comes,
            // which the caller sees as "no results yet".
            let _ = jobs.send(Job::Query(generation, query.into(), Arc::clone(corpus)));
        }
        generation
    }

    /// The newest batch waiting, without blocking; batches of stale
    /// generations are skipped.
    pub fn poll(&self) -> Option<Batch> {
        let mut newest = None;
        loop {
            match self.results.try_recv() {
                Ok(b) if b.generation == self.latest.load(Ordering::SeqCst) => newest = Some(b),
                Ok(_) => {}
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return newest,
            }
        }
    }

    /// The channel itself, for a caller that wants to block (tests, benches).
    pub fn receiver(&self) -> &Receiver<Batch> {
        &self.results
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.progress.cancel();
        self.jobs = None;
        self.latest.fetch_add(1, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Term results kept for later keystrokes, by the word's exact text: the
/// other words of a query are reused as they are, and a backspace finds the
/// shorter form again. A word being typed is looked up anew in the
/// vocabulary (cheap with the inverted index).
const CACHED_TERMS: usize = 8;

/// A term's results: the documents it matches.
struct Cached {
    text: String,
    matching: Vec<TermHit>,
}

/// Term results, most recently used first.
type Cache = Vec<Arc<Cached>>;

fn run(
    mut index: Arc<Index>,
    limit: usize,
    jobs: &Receiver<Job>,
    out: &Sender<Batch>,
    latest: &AtomicU64,
) {
    let mut cache: Cache = Vec::new();
    let mut pending: Option<(u64, String, Arc<Corpus>)> = None;
    loop {
        // Keystrokes that queued up while we worked: only the newest counts;
        // a new index applies to every query after it.
        let first = match jobs.recv() {
            Ok(j) => j,
            Err(_) => return,
        };
        for job in std::iter::once(first).chain(std::iter::from_fn(|| jobs.try_recv().ok())) {
            match job {
                Job::Query(g, text, corpus) => pending = Some((g, text, corpus)),
                Job::Index(ix) => {
                    index = ix;
                    cache.clear();
                }
            }
        }
        let Some((generation, text, corpus)) = pending.take() else {
            continue;
        };
        let stale = || latest.load(Ordering::SeqCst) != generation;
        let query = Query::parse(&text);
        let hits = if query.is_empty() {
            Some((Vec::new(), 0))
        } else {
            answer(&index, &corpus, &query, limit, &mut cache, &stale)
        };
        drop(corpus);
        let Some((hits, matched)) = hits else {
            continue;
        };
        let batch = Batch {
            generation,
            hits,
            matched,
            done: true,
        };
        if out.send(batch).is_err() {
            return;
        }
    }
}

/// The hits of one query and how many nodes matched, reusing and refilling
/// the term cache; `None` when a newer query made it stale.
fn answer(
    index: &Index,
    corpus: &Corpus,
    query: &Query,
    limit: usize,
    cache: &mut Cache,
    stale: &(dyn Fn() -> bool + Sync),
) -> Option<(Vec<Hit>, usize)> {
    let mut p = Prepared::new(index, query);
    let mut lists: Vec<Arc<Cached>> = Vec::with_capacity(p.terms.len());
    for (i, term) in p.terms.iter().enumerate() {
        if let Some(c) = cache.iter().find(|c| c.text == term.text) {
            lists.push(Arc::clone(c));
            continue;
        }
        let matching = rank::scan_term(&p, i, stale)?;
        lists.push(Arc::new(Cached {
            text: term.text.clone(),
            matching,
        }));
    }
    for l in lists.iter().rev() {
        cache.retain(|c| c.text != l.text);
        cache.insert(0, Arc::clone(l));
    }
    cache.truncate(CACHED_TERMS);
    let refs: Vec<&[TermHit]> = lists.iter().map(|l| l.matching.as_slice()).collect();
    p.set_rarity(&rank::df(&refs));
    let scan = rank::combine(&p, &refs, rank::keep_for(limit), stale)?;
    let hits = rank::finish(&p, corpus, &scan.top, limit);
    (!stale()).then_some((hits, scan.hits))
}
