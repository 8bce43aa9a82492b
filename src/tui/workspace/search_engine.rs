//! The search index and its worker, made on the first `/` and kept with
//! the maps: edits re-index their article instead of dropping the index.
//! The search overlay asks it; the workspace owns it.

use std::sync::Arc;

use crate::model::Corpus;
use crate::search::{Index, Worker};

/// Hits asked of the worker per query.
pub const LIMIT: usize = 200;

/// The search worker, made on the first `/`: it builds the index on its
/// own thread (the overlay shows how far), then answers queries. Edits
/// update the index article by article instead of dropping it.
pub struct Engine {
    pub worker: Worker,
    /// Maps edited before the index was ready: re-indexed once it is.
    pending: Vec<u32>,
}

impl Engine {
    pub fn new(corpus: &Arc<Corpus>) -> Engine {
        Engine {
            worker: Worker::build(Arc::clone(corpus), LIMIT),
            pending: Vec::new(),
        }
    }

    /// The index, once built (shared with the node form's link picker).
    pub fn index(&self) -> Option<Arc<Index>> {
        self.worker.index()
    }

    /// Map `map` of `corpus` changed: re-index that article (now, or as
    /// soon as the index is built). Costs the article's size.
    pub fn edited(&mut self, corpus: &Corpus, map: u32) {
        if !self.pending.contains(&map) {
            self.pending.push(map);
        }
        self.catch_up(corpus);
    }

    /// Applies the edits made while the index was being built.
    pub fn catch_up(&mut self, corpus: &Corpus) {
        if self.pending.is_empty() {
            return;
        }
        let Some(index) = self.worker.index() else {
            return;
        };
        let mut ix = (*index).clone();
        for map in self.pending.drain(..) {
            ix.update_article(corpus, map);
        }
        self.worker.set_index(Arc::new(ix));
    }
}
