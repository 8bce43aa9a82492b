//! The `?` help's state: how far it is scrolled. What it shows and how it
//! scrolls are `help`'s.

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: usize,
}
