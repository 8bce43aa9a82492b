//! Search over all articles at once: claims (English and Arabic), quotes,
//! notes, theme labels and article titles, with Arabic and Latin
//! normalisation (`text::normalize`) and light stemming (`text::stem`) on
//! both sides; words match as typed, by stem or fuzzily, and rank partial
//! matches below full ones.
//!
//! - [`Index::build`] makes an inverted index (vocabulary and postings, no
//!   copy of the texts), in segments on all cores, and
//!   [`Index::update_article`] re-indexes one article after an edit
//!   ([`index`], `segment`).
//! - [`Query::parse`] splits filters from terms ([`query`]).
//! - `term` matches one word against a vocabulary or in one text; `matcher`
//!   scores a node from its words; `rank` looks up, merges, reads the best
//!   nodes' texts back from the corpus and highlights them.
//! - [`search`] ranks synchronously (the CLI, tests); [`Worker`] builds the
//!   index and runs the same ranking on its own thread for the TUI, dropping
//!   stale queries and reusing each word's candidates ([`worker`]).
//!
//! Depends on `model` and `text` only; never prints.

pub mod index;
mod matcher;
pub mod query;
mod rank;
mod segment;
mod term;
pub mod worker;

pub use index::{Field, Index, Progress};
pub use matcher::MatchKind;
pub use query::Query;
pub use rank::{FieldHit, Hit, nodes, search};
pub use worker::{Batch, Worker};

#[cfg(test)]
mod tests;
