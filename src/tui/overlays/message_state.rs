//! A message over the screen, as data: a title, its lines and how far it
//! is scrolled. Anything may show one (`Overlay::message`); its keys are
//! `message`'s.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub title: String,
    pub lines: Vec<String>,
    pub scroll: usize,
}
