//! What fills the terminal under the overlays: the browser (article list,
//! tree, detail or source), the compare screen and the overview. Each
//! screen's state and how keys change it live beside its drawing.

pub mod compare;
pub mod compare_view;
pub(crate) mod detail;
pub mod overview_view;
pub(crate) mod source;
pub mod tree;
