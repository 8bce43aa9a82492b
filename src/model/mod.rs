//! The domain: a [`Motion`] (the question every article takes a side on, with
//! its [`Theme`] vocabulary) and [`Article`]s, each an argument tree of
//! [`Node`]s kept in an arena so that a node has a cheap, stable handle
//! ([`NodeIdx`]) for the UI, search and edits.
//!
//! Nothing here knows about files or terminals: `store` reads and writes RON,
//! `tui` draws. Validation ([`validate`]) and bearing derivation ([`bearing`])
//! live beside the types because every layer needs them.

pub mod attribution;
pub mod bearing;
pub mod checking;
pub mod clusters;
pub mod conflict;
pub mod corpus;
pub mod date;
mod diagnostic;
pub mod edit;
mod glyph;
pub mod ids;
pub mod incoming;
mod node;
pub mod theme_ids;
mod types;
pub mod validate;

pub use bearing::Bearing;
pub use clusters::{ClusterBearing, Clusters};
pub use conflict::Conflict;
pub use corpus::{Corpus, MapEntry, NodeRef};
pub use date::PartialDate;
pub use node::{
    ChildrenMut, Node, NodeFields, NodeTexts, TextPool, Themes, children_from_parents, share_text,
};
pub use types::*;
pub use validate::{Diagnostic, Severity};
