//! Building blocks the screens and overlays draw with and edit through:
//! the one-line editor and its layout, the generic form, the chooser, and
//! lines of Arabic laid out for the terminal. None of them knows the app.

pub mod bidi_line;
pub mod border;
pub mod chooser;
pub mod chooser_nodes;
pub mod chooser_view;
pub mod form;
pub mod form_view;
pub mod hints;
pub mod layout_ahead;
pub mod line_edit;
pub mod list;
pub mod popup;
pub mod rows;
pub mod scorer;
pub mod selection;
pub mod text_field;
