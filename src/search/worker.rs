//! The search thread the TUI talks to (television-style): it owns an `Arc`
//! of the index and reuses one matcher; every submitted query gets a
//! generation number, and a newer submission makes the running scan stop at
//! its next chunk. Results stream back as [`Batch`]es: once a search has
//! taken longer than a frame, the best hits so far after each slice of the
//! index; always a final one with `done`.
//!
//! [`Worker::build`] makes the index on the worker's own thread (from an
//! `Arc` of the corpus), so the caller never waits for it: until it is ready
//! [`Worker::progress`] says how far it got and queries wait in the queue.
//! After an edit the caller updates a copy of the index
//! ([`Index::update_article`]) and hands it over with [`Worker::set_index`].
//!
//! When a query only grows (see [`Query::narrows`]), the scan starts from the
//! previous query's candidates instead of the whole index.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::index::{Index, Progress};
use super::matcher::Prepared;
use super::query::Query;
use super::rank::{self, Hit, Ids};
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

/// Records per slice of a scan, between checks for a newer query.
const SLICE: usize = 64 * 1024;

/// A search that has run this long sends what it has after each slice.
const STREAM_AFTER: Duration = Duration::from_millis(16);

/// What the thread is asked to do.
enum Job {
    Query(u64, String),
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

    /// Searches `index` from the next query on (after an edit). Queries
    /// already running finish on the old one.
    pub fn set_index(&self, index: Arc<Index>) {
        *self.index.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&index));
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Index(index));
        }
    }

    /// Submits a query (as typed) and returns its generation; results of
    /// older generations stop arriving.
    pub fn submit(&self, query: impl Into<String>) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(jobs) = &self.jobs {
            // A send fails only when the thread is gone; then no batch comes,
            // which the caller sees as "no results yet".
            let _ = jobs.send(Job::Query(generation, query.into()));
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

/// The previous completed query and all its candidates.
struct Last {
    query: Query,
    matched: Vec<u32>,
}

fn run(
    mut index: Arc<Index>,
    limit: usize,
    jobs: &Receiver<Job>,
    out: &Sender<Batch>,
    latest: &AtomicU64,
) {
    let mut last: Option<Last> = None;
    let mut pending: Option<(u64, String)> = None;
    loop {
        // Keystrokes that queued up while we worked: only the newest counts;
        // a new index applies to every query after it.
        let first = match jobs.recv() {
            Ok(j) => j,
            Err(_) => return,
        };
        for job in std::iter::once(first).chain(std::iter::from_fn(|| jobs.try_recv().ok())) {
            match job {
                Job::Query(g, text) => pending = Some((g, text)),
                Job::Index(ix) => {
                    index = ix;
                    last = None;
                }
            }
        }
        let Some((generation, text)) = pending.take() else {
            continue;
        };
        let index = &*index;
        let stale = || latest.load(Ordering::SeqCst) != generation;
        let query = Query::parse(&text);
        if query.is_empty() {
            last = None;
            let _ = out.send(Batch {
                generation,
                hits: Vec::new(),
                matched: 0,
                done: true,
            });
            continue;
        }
        let p = Prepared::new(index, &query);
        let prev = last.take().filter(|l| query.narrows(&l.query));
        let ids = match &prev {
            Some(l) => Ids::Some(&l.matched),
            None => Ids::All(index.slots()),
        };
        let keep = rank::keep_for(limit);
        let total = ids.len();
        let mut matched = Vec::new();
        let mut hit_count = 0;
        let mut top: Vec<(i64, u32)> = Vec::new();
        let mut start = 0;
        let mut cancelled = false;
        let began = Instant::now();
        // Runs at least once, so an empty candidate list still ends with a done batch.
        loop {
            let end = (start + SLICE).min(total);
            let Some(s) = rank::scan(&p, ids, start..end, keep, &stale) else {
                cancelled = true;
                break;
            };
            matched.extend(s.matched);
            hit_count += s.hits;
            top.extend(s.top);
            top.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            top.truncate(keep);
            let done = end >= total;
            // Skim scoring the best so far costs a little: stream a partial
            // batch only once the search has taken longer than a frame.
            if !done && began.elapsed() < STREAM_AFTER {
                start = end;
                continue;
            }
            let hits = rank::finish(&p, &top, limit);
            if stale() {
                cancelled = true;
                break;
            }
            let batch = Batch {
                generation,
                hits,
                matched: hit_count,
                done,
            };
            if out.send(batch).is_err() {
                return;
            }
            if done {
                break;
            }
            start = end;
        }
        if !cancelled {
            last = Some(Last { query, matched });
        } else if let Some(l) = prev {
            // The old matches still narrow a later query that grows from it.
            last = Some(l);
        }
    }
}
