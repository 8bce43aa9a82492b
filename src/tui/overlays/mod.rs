//! What is drawn over a screen and takes the keys while it is open: help,
//! messages, questions, the search, the forms and the choosers, the export
//! chooser, and quote selection. The top one gets the keys.

pub mod ask;
pub mod choose;
pub mod form;
pub mod quote;
pub mod search;
pub mod text;
