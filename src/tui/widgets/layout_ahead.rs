//! The thread that lays text out ahead of time (issue 19, item 6): the
//! look-ahead (`tui::ahead`) learns which texts the next and previous pages
//! will need and hands them here; the laid-out lines come back and go into
//! the layout cache between frames, so that the frame that shows them only
//! looks them up. Shaping and reordering a page of new text is most of a
//! slow frame; here it happens while the person reads.

use std::collections::HashSet;
use std::sync::mpsc::{self, Receiver, Sender};

use crate::tui::widgets::bidi_line::{Ask, Key, Laid, LayoutCache};

/// Texts asked for and not yet back, beyond which nothing more is asked
/// (a person holding `j` down outruns any look-ahead).
const MAX_IN_FLIGHT: usize = 4_000;

pub struct Worker {
    asks: Sender<Vec<Ask>>,
    done: Receiver<Vec<(Key, Laid)>>,
    in_flight: HashSet<Key>,
}

impl Worker {
    /// Starts the thread; `None` when it cannot be started (frames then
    /// lay out their own text, as before).
    pub fn start() -> Option<Worker> {
        let (asks, todo) = mpsc::channel::<Vec<Ask>>();
        let (tx, done) = mpsc::channel();
        std::thread::Builder::new()
            .name("mizan-layout".into())
            .spawn(move || {
                // Ends when the worker (the app) is dropped.
                while let Ok(batch) = todo.recv() {
                    let out: Vec<(Key, Laid)> =
                        batch.iter().map(|a| (a.key, a.lay_out())).collect();
                    if tx.send(out).is_err() {
                        return;
                    }
                }
            })
            .ok()?;
        Some(Worker {
            asks,
            done,
            in_flight: HashSet::new(),
        })
    }

    /// Whether more may be asked for now.
    pub fn has_room(&self) -> bool {
        self.in_flight.len() < MAX_IN_FLIGHT
    }

    /// Whether every text asked for has come back.
    pub fn idle(&self) -> bool {
        self.in_flight.is_empty()
    }

    /// Asks for the texts not already asked for.
    pub fn ask(&mut self, mut asks: Vec<Ask>) {
        asks.retain(|a| self.in_flight.insert(a.key));
        if !asks.is_empty() && self.asks.send(asks).is_err() {
            self.in_flight.clear();
        }
    }

    /// Puts what has come back into `cache`; how many texts came.
    pub fn collect(&mut self, cache: &mut LayoutCache) -> usize {
        let mut n = 0;
        while let Ok(batch) = self.done.try_recv() {
            for (key, lines) in batch {
                self.in_flight.remove(&key);
                if !cache.contains(&key) {
                    cache.put(key, lines);
                }
                n += 1;
            }
        }
        n
    }

    /// Waits for the next batch to come back and puts it into `cache`
    /// (for a bench that gives the thread the time between keystrokes).
    pub fn wait(&mut self, cache: &mut LayoutCache) {
        if self.idle() {
            return;
        }
        if let Ok(batch) = self.done.recv() {
            for (key, lines) in batch {
                self.in_flight.remove(&key);
                if !cache.contains(&key) {
                    cache.put(key, lines);
                }
            }
        }
    }
}
