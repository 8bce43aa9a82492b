//! Text handling every layer may use (a leaf: it depends on nothing else in
//! mizan): sanitising for display, Arabic shaping and bidi reordering for
//! terminals that do neither, and the normalisation search keys are made of.

pub mod normalize;
pub mod sanitize;
