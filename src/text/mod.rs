//! Text handling every layer may use (a leaf: it depends on nothing else in
//! mizan): sanitising for display, Arabic shaping and bidi reordering for
//! terminals that do neither, and the normalisation and light stemming search keys are made of.

mod bidi;
pub mod compose;
pub mod layout;
pub mod markdown;
pub mod normalize;
pub mod plural;
pub mod sanitize;
mod shape;
pub mod stem;
mod wrap;

pub use layout::{BidiMode, Glyph, VisualLine, display_width, is_rtl, layout, truncated};
