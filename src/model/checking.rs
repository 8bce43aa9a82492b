//! Validation in steps, for a browser that shows its marks as they are
//! computed instead of waiting for every check of a large corpus: the
//! corpus-wide findings first, then the maps in corpus order, a time budget
//! at a time. All steps together find what `validate` finds.
//!
//! The maps' checks resolve links across the corpus, so stepping starts
//! once every map has loaded (`store::background`).

use std::path::Path;
use std::time::{Duration, Instant};

use super::validate::{Sources, validate_corpus_wide, validate_maps};
use super::{Corpus, Diagnostic};

/// Maps checked per call of `validate_maps` inside a step.
const BATCH: usize = 32;

/// Where a stepped validation has got to.
#[derive(Debug, Clone, Default)]
pub struct Checking {
    started: bool,
    next: usize,
}

impl Checking {
    pub fn new() -> Checking {
        Checking::default()
    }

    /// Whether every map has been checked.
    pub fn is_done(&self, corpus: &Corpus) -> bool {
        self.started && self.next >= corpus.maps.len()
    }

    /// (maps checked, maps in all).
    pub fn progress(&self, corpus: &Corpus) -> (usize, usize) {
        (self.next.min(corpus.maps.len()), corpus.maps.len())
    }

    /// Checks on from where the last step stopped until `budget` is spent
    /// (at least one batch), and returns what it found; nothing once done.
    pub fn step(
        &mut self,
        corpus: &Corpus,
        maps_dir: &Path,
        sources: Option<&Sources>,
        budget: Duration,
    ) -> Vec<Diagnostic> {
        let start = Instant::now();
        let mut out = Vec::new();
        if !self.started {
            self.started = true;
            out = validate_corpus_wide(corpus, maps_dir);
        }
        while self.next < corpus.maps.len() {
            let end = (self.next + BATCH).min(corpus.maps.len());
            let maps: Vec<u32> = (self.next as u32..end as u32).collect();
            out.extend(validate_maps(corpus, sources, &maps));
            self.next = end;
            if start.elapsed() >= budget {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::validate;

    // Every step together finds exactly what one `validate` finds, on a
    // corpus with broken links, unknown themes and a map that does not parse.
    #[test]
    fn steps_find_what_validate_finds() {
        let maps = tempfile::tempdir().unwrap();
        crate::synthetic::write_corpus(maps.path(), 70, 8, 6).unwrap();
        let p = maps.path().join("gen-000003.ron");
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, text.replacen("to: \"", "to: \"nowhere", 1)).unwrap();
        std::fs::write(maps.path().join("gen-000004.ron"), "Article(").unwrap();
        let corpus = crate::store::load_dir(maps.path()).unwrap();
        let whole = validate(&corpus, maps.path(), None);
        assert!(!whole.is_empty());
        let mut checking = Checking::new();
        let mut steps = Vec::new();
        let mut calls = 0;
        while !checking.is_done(&corpus) {
            steps.extend(checking.step(&corpus, maps.path(), None, Duration::ZERO));
            calls += 1;
        }
        assert_eq!(calls, 70usize.div_ceil(BATCH));
        assert_eq!(checking.progress(&corpus), (70, 70));
        steps.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
        let text = |v: &[Diagnostic]| v.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        assert_eq!(text(&steps), text(&whole));
    }
}
