//! Matching for a large chooser, on its own thread so typing never waits
//! for it (television's matcher, in small): the thread owns what it
//! matches against (the items' fuzzy search keys, or the search index for
//! a corpus's nodes), takes only the newest query when several queued up,
//! and sends the matches back tagged with the query's generation. The
//! chooser keeps only the answer to its newest query. Fuzzy scoring
//! narrows from its previous answer when the query only grew at its end.

use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use crate::text::normalize::normalize;

/// Matches `query` (normalised) against `keys[i]` for each `i` of `pool`,
/// best first, ties in item order. Scored on every core.
pub fn score(keys: &[String], pool: Vec<usize>, query: &str) -> Vec<usize> {
    let mut scored: Vec<(i64, usize)> = pool
        .into_par_iter()
        .map_init(SkimMatcherV2::default, |m, i| {
            m.fuzzy_match(&keys[i], query).map(|s| (s, i))
        })
        .flatten()
        .collect();
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// The matching thread of one chooser; it ends when this is dropped. Held
/// on the UI thread only (`Rc`); the thread has its own end of each channel.
pub struct Scorer {
    queries: Sender<(u64, String)>,
    answers: Receiver<(u64, Vec<usize>)>,
    generation: AtomicU64,
}

impl Scorer {
    /// A thread fuzzy-scoring these labels against normalised queries
    /// (their search keys are made there).
    pub fn spawn(labels: Vec<String>) -> Rc<Scorer> {
        let mut keys: Option<Vec<String>> = None;
        let (mut answered, mut last) = (String::new(), Vec::new());
        Scorer::spawn_with(move |query| {
            let keys =
                keys.get_or_insert_with(|| labels.par_iter().map(|l| normalize(l)).collect());
            let narrow = !answered.is_empty() && query.starts_with(&answered);
            let pool = if narrow {
                std::mem::take(&mut last)
            } else {
                (0..keys.len()).collect()
            };
            last = score(keys, pool, &query);
            answered = query;
            last.clone()
        })
    }

    /// A thread answering each query with `find`'s matches (item indices,
    /// best first).
    pub fn spawn_with(mut find: impl FnMut(String) -> Vec<usize> + Send + 'static) -> Rc<Scorer> {
        let (queries, inbox) = channel::<(u64, String)>();
        let (outbox, answers) = channel();
        std::thread::spawn(move || {
            while let Ok(mut msg) = inbox.recv() {
                // Only the newest query matters.
                while let Ok(newer) = inbox.try_recv() {
                    msg = newer;
                }
                let (generation, query) = msg;
                if outbox.send((generation, find(query))).is_err() {
                    break;
                }
            }
        });
        Rc::new(Scorer {
            queries,
            answers,
            generation: AtomicU64::new(0),
        })
    }

    /// Sends a query (normalised, for fuzzy scoring); returns its generation.
    pub fn submit(&self, query: String) -> u64 {
        let g = self.generation.fetch_add(1, Ordering::Relaxed) + 1;
        // A thread that ended (it cannot, while we hold its inbox) would
        // just never answer; the chooser keeps its last matches.
        let _ = self.queries.send((g, query));
        g
    }

    /// The answer to generation `want` if it has come (older ones dropped).
    pub fn poll(&self, want: u64) -> Option<Vec<usize>> {
        let mut found = None;
        while let Ok((g, matches)) = self.answers.try_recv() {
            if g == want {
                found = Some(matches);
            }
        }
        found
    }

    /// Waits for the answer to generation `want`.
    pub fn wait(&self, want: u64) -> Option<Vec<usize>> {
        while let Ok((g, matches)) = self.answers.recv() {
            if g == want {
                return Some(matches);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Queries sent one after another are answered for the newest; what it
    // answers equals scoring from scratch, narrowing or not.
    #[test]
    fn newest_answer_equals_scoring_afresh() {
        let labels: Vec<String> = (0..3000)
            .map(|i| format!("node-{i} {}", ["iraq", "troops", "withdraw"][i % 3]))
            .collect();
        let keys: Vec<String> = labels.iter().map(|l| normalize(l)).collect();
        let s = Scorer::spawn(labels);
        let mut last = 0;
        for q in ["w", "wi", "wit", "t", "tr"] {
            last = s.submit(q.to_string());
        }
        let got = s.wait(last).expect("an answer");
        assert_eq!(got, score(&keys, (0..keys.len()).collect(), "tr"));
        let g = s.submit("tro".into());
        let got = s.wait(g).expect("an answer");
        assert_eq!(got, score(&keys, (0..keys.len()).collect(), "tro"));
        assert!(s.poll(g).is_none(), "each answer is taken once");
    }
}
