//! mizan — weighing the arguments of news and opinion articles.
//!
//! Layers point one way:
//!
//! ```text
//! cli (bin) ─┐
//! tui ───────┼──▶ search, compare, export ──▶ model (+ validate) ◀── store
//!            └──────────────────────────────▶ text (bidi, shaping, normalising)
//! ```
//!
//! `model` knows nothing of files or terminals, `store` knows files but not
//! terminals, and only `tui` touches ratatui/crossterm. The library never
//! prints and never exits: it returns values and errors for the binary.
#![forbid(unsafe_code)]
// Diagnostics are this crate's error values: returned once per broken file,
// never in a hot loop, so boxing them would only add noise.
#![allow(clippy::result_large_err)]

pub mod compare;
pub mod diff;
pub mod export;
#[doc(hidden)]
pub mod fuzz;
pub mod merge;
pub mod model;
pub mod search;
pub mod store;
#[doc(hidden)]
pub mod synthetic;
pub mod text;
pub mod tui;
