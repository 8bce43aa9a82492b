//! Search over all articles at once: claims (English and Arabic), quotes,
//! notes, theme labels and article titles, fuzzily, with Arabic and Latin
//! normalisation on both sides (`text::normalize`).
//!
//! - [`Index::build`] normalises every haystack once ([`index`]).
//! - [`Query::parse`] splits filters from terms ([`query`]).
//! - [`search`] ranks synchronously (the CLI, tests); [`Worker`] runs the same
//!   ranking on its own thread for the TUI, dropping stale queries and
//!   streaming results ([`worker`]).
//!
//! Depends on `model` and `text` only; never prints.

pub mod index;
mod matcher;
pub mod query;
mod rank;
pub mod worker;

pub use index::{Field, Index, Progress};
pub use matcher::MatchKind;
pub use query::Query;
pub use rank::{FieldHit, Hit, search};
pub use worker::{Batch, Worker};

#[cfg(test)]
mod tests;
