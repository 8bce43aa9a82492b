//! What a [`Node`] hands out: [`Themes`], the iterator over its theme ids
//! (from its text span or, rarely, its own list), and [`ChildrenMut`], its
//! children as a `Vec` to change, stored back in the node's compact form
//! when dropped. A child module of `node` so that it sees the storage.

use std::ops::{Deref, DerefMut};

use super::theme_ids;
use super::{Node, NodeIdx};

/// The children of a node as a `Vec`, written back to the node when dropped.
pub struct ChildrenMut<'a> {
    pub(super) node: &'a mut Node,
    pub(super) list: Vec<NodeIdx>,
}

impl Deref for ChildrenMut<'_> {
    type Target = Vec<NodeIdx>;

    fn deref(&self) -> &Vec<NodeIdx> {
        &self.list
    }
}

impl DerefMut for ChildrenMut<'_> {
    fn deref_mut(&mut self) -> &mut Vec<NodeIdx> {
        &mut self.list
    }
}

impl Drop for ChildrenMut<'_> {
    fn drop(&mut self) {
        self.node.set_children(std::mem::take(&mut self.list));
    }
}

/// The theme ids of a node, in order.
#[derive(Debug, Clone)]
pub struct Themes<'a> {
    pub(super) inner: ThemesInner<'a>,
    pub(super) left: usize,
}

#[derive(Debug, Clone)]
pub(super) enum ThemesInner<'a> {
    Interned(std::str::Chars<'a>),
    Spilled(std::slice::Iter<'a, Box<str>>),
}

impl<'a> Iterator for Themes<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let t = match &mut self.inner {
            ThemesInner::Interned(c) => theme_ids::name(theme_ids::from_char(c.next()?)),
            ThemesInner::Spilled(s) => &**s.next()?,
        };
        self.left -= 1;
        Some(t)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl DoubleEndedIterator for Themes<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let t = match &mut self.inner {
            ThemesInner::Interned(c) => theme_ids::name(theme_ids::from_char(c.next_back()?)),
            ThemesInner::Spilled(s) => &**s.next_back()?,
        };
        self.left -= 1;
        Some(t)
    }
}

impl ExactSizeIterator for Themes<'_> {}

impl Themes<'_> {
    pub fn is_empty(&self) -> bool {
        self.left == 0
    }
}
