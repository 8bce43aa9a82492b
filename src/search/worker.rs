//! The search thread the TUI talks to (television-style): it owns an `Arc`
//! of the index and reuses one matcher; every submitted query gets a
//! generation number, and a newer submission makes the running scan stop at
//! its next chunk. Results stream back as [`Batch`]es: once a search has
//! taken longer than a frame, the best hits so far after each slice of the
//! index; always a final one with `done`.
//!
//! When a query only grows (see [`Query::narrows`]), the scan starts from the
//! previous query's matches instead of the whole index.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::index::Index;
use super::matcher::Prepared;
use super::query::Query;
use super::rank::{self, Hit, Ids};

/// Results of one generation: the best hits found so far, best first.
#[derive(Debug, Clone)]
pub struct Batch {
    pub generation: u64,
    pub hits: Vec<Hit>,
    /// How many nodes matched so far.
    pub matched: usize,
    /// True on the last batch of the generation.
    pub done: bool,
}

/// Records per slice of a scan, between checks for a newer query.
const SLICE: usize = 64 * 1024;

/// A search that has run this long sends what it has after each slice.
const STREAM_AFTER: Duration = Duration::from_millis(16);

/// A handle to the search thread; dropping it stops the thread.
pub struct Worker {
    jobs: Option<Sender<(u64, String)>>,
    results: Receiver<Batch>,
    latest: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the thread; each query returns at most `limit` hits.
    pub fn spawn(index: Arc<Index>, limit: usize) -> Worker {
        let (jobs, job_rx) = mpsc::channel::<(u64, String)>();
        let (tx, results) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&latest);
        let thread = std::thread::Builder::new()
            .name("mizan-search".into())
            .spawn(move || run(&index, limit, &job_rx, &tx, &seen))
            .ok();
        Worker {
            jobs: Some(jobs),
            results,
            latest,
            thread,
        }
    }

    /// Submits a query (as typed) and returns its generation; results of
    /// older generations stop arriving.
    pub fn submit(&self, query: impl Into<String>) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(jobs) = &self.jobs {
            // A send fails only when the thread is gone; then no batch comes,
            // which the caller sees as "no results yet".
            let _ = jobs.send((generation, query.into()));
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
        self.jobs = None;
        self.latest.fetch_add(1, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The previous completed query and all its matches.
struct Last {
    query: Query,
    matched: Vec<u32>,
}

fn run(
    index: &Index,
    limit: usize,
    jobs: &Receiver<(u64, String)>,
    out: &Sender<Batch>,
    latest: &AtomicU64,
) {
    let mut last: Option<Last> = None;
    while let Ok(mut job) = jobs.recv() {
        // Keystrokes that queued up while we worked: only the newest counts.
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let (generation, text) = job;
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
            None => Ids::All(index.len()),
        };
        let keep = rank::keep_for(limit);
        let total = ids.len();
        let mut matched = Vec::new();
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
                matched: matched.len(),
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
