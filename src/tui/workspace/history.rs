//! Undo and redo for the whole session, across articles, without limit; and
//! which maps differ from what is on disk.
//!
//! Each step holds the inverse edit the model returned, so undoing applies
//! it and gets back the edit to redo. A map is "dirty" when the last step
//! applied to it is not the one that was last saved (or loaded), which makes
//! undoing back to the saved state clean again, as in every good editor.

use std::collections::HashMap;

use crate::model::NodeIdx;
use crate::model::edit::Edit;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Unique in the session; what "the state of a map" is named by.
    pub id: u64,
    pub map: u32,
    /// What the status bar says: "undo: move node `x` down".
    pub name: String,
    /// The edit that goes the other way (the inverse on the undo stack, the
    /// redo on the redo stack).
    pub edit: Edit,
    /// The node to select after undoing (on the undo stack) or redoing.
    pub select: NodeIdx,
    /// The node to select when the step flips stacks again.
    pub select_other: NodeIdx,
}

/// Saved state of a map that no step can reach: edits restored from a
/// recovery file differ from the disk whatever is undone.
const UNREACHABLE: u64 = u64::MAX;

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_id: u64,
    /// Ids of the steps applied to each map, oldest first.
    applied: HashMap<u32, Vec<u64>>,
    /// The state each map was in when it was last saved or loaded.
    saved: HashMap<u32, u64>,
}

impl History {
    /// Records an applied edit by its inverse; clears the redo stack.
    pub fn record(
        &mut self,
        map: u32,
        name: String,
        inverse: Edit,
        select_after_undo: NodeIdx,
        select_after_redo: NodeIdx,
    ) {
        self.next_id += 1;
        let id = self.next_id;
        self.redo.clear();
        self.applied.entry(map).or_default().push(id);
        self.undo.push(Step {
            id,
            map,
            name,
            edit: inverse,
            select: select_after_undo,
            select_other: select_after_redo,
        });
    }

    /// The step to undo, taken off the stack; give it back with
    /// [`History::undone`] once applied (or put it back on failure).
    pub fn take_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }

    pub fn take_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }

    /// `step` was undone; `redo` is the edit that does it again.
    pub fn undone(&mut self, step: Step, redo: Edit) {
        if let Some(a) = self.applied.get_mut(&step.map) {
            a.pop();
        }
        self.redo.push(Step {
            edit: redo,
            select: step.select_other,
            select_other: step.select,
            ..step
        });
    }

    /// `step` was redone; `undo` is its inverse again.
    pub fn redone(&mut self, step: Step, undo: Edit) {
        self.applied.entry(step.map).or_default().push(step.id);
        self.undo.push(Step {
            edit: undo,
            select: step.select_other,
            select_other: step.select,
            ..step
        });
    }

    /// Puts a step back where it was taken from after it failed to apply.
    pub fn put_back(&mut self, step: Step, was_undo: bool) {
        if was_undo {
            self.undo.push(step)
        } else {
            self.redo.push(step)
        }
    }

    fn state(&self, map: u32) -> u64 {
        self.applied
            .get(&map)
            .and_then(|a| a.last())
            .copied()
            .unwrap_or(0)
    }

    pub fn is_dirty(&self, map: u32) -> bool {
        self.state(map) != self.saved.get(&map).copied().unwrap_or(0)
    }

    /// Maps with unsaved edits, in map order.
    pub fn dirty_maps(&self) -> Vec<u32> {
        let mut maps: Vec<u32> = self
            .applied
            .keys()
            .chain(self.saved.keys())
            .copied()
            .filter(|&m| self.is_dirty(m))
            .collect();
        maps.sort_unstable();
        maps.dedup();
        maps
    }

    pub fn mark_saved(&mut self, map: u32) {
        let s = self.state(map);
        self.saved.insert(map, s);
    }

    /// The map holds edits that were never on disk (restored after a crash).
    pub fn mark_unsaved(&mut self, map: u32) {
        self.saved.insert(map, UNREACHABLE);
    }

    /// The map was replaced (reloaded from disk): its steps no longer apply.
    pub fn forget(&mut self, map: u32) {
        self.undo.retain(|s| s.map != map);
        self.redo.retain(|s| s.map != map);
        self.applied.remove(&map);
        self.saved.remove(&map);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noop() -> Edit {
        Edit::Batch(Vec::new())
    }

    // Undoing back to the saved state makes a map clean again; redoing makes
    // it dirty; a new edit after an undo drops the redo.
    #[test]
    fn dirty_follows_the_saved_state() {
        let mut h = History::default();
        assert!(!h.is_dirty(0));
        h.record(0, "a".into(), noop(), 0, 0);
        assert!(h.is_dirty(0));
        h.mark_saved(0);
        assert!(!h.is_dirty(0));
        h.record(0, "b".into(), noop(), 0, 0);
        assert_eq!(h.dirty_maps(), vec![0]);
        let s = h.take_undo().unwrap();
        assert_eq!(s.name, "b");
        h.undone(s, noop());
        assert!(!h.is_dirty(0), "back at the saved state");
        let s = h.take_undo().unwrap();
        h.undone(s, noop());
        assert!(h.is_dirty(0), "before the saved state");
        assert_eq!(h.redo.last().map(|s| s.name.as_str()), Some("a"));
        h.record(1, "c".into(), noop(), 0, 0);
        assert!(h.redo.is_empty());
        assert_eq!(h.dirty_maps(), vec![0, 1]);
        h.forget(0);
        assert_eq!(h.dirty_maps(), vec![1]);
        h.mark_unsaved(2);
        assert!(h.is_dirty(2));
    }
}
