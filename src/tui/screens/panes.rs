//! How the browser shares its width between the article list, the tree and
//! the detail pane. Each pane has a share of the width (the user changes the
//! focused pane's share with `+`/`-` and hides the list or the detail pane);
//! the focused pane is then widened to what it needs to be read (a tree claim
//! row of 45 columns and more), and a pane left narrower than it can show
//! anything in is folded away rather than drawn as a sliver. So at 300
//! columns all three panes are wide, at 80 the focused one is readable, and at
//! 40 the focused pane takes the width (issue 14).

/// The browser's three panes, and which one has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Articles,
    Tree,
    Detail,
}

/// The user's pane settings: shares in percent of the width, and hidden panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// The list's share of the width, in percent.
    pub list: u16,
    /// The detail (or source) pane's share, in percent; the tree has the rest.
    pub detail: u16,
    pub list_hidden: bool,
    pub detail_hidden: bool,
}

impl Default for Panes {
    fn default() -> Panes {
        Panes {
            list: 24,
            detail: 34,
            list_hidden: false,
            detail_hidden: false,
        }
    }
}

/// Narrower than this an unfocused pane shows nothing useful: folded away.
pub const FOLD_BELOW: u16 = 18;
/// What `+`/`-` change a share by, in percent.
const STEP: u16 = 4;
/// Bounds of a share, so that `+`/`-` cannot make a pane vanish or swallow all.
const SHARE: (u16, u16) = (10, 70);

/// The width the focused pane needs to be read: a tree row of depth one
/// showing 45 columns of claim cut at a word (borders, gutter, indent and
/// marks take 11; a word cut leaves a few columns empty),
/// the detail pane's wrapped text, the list's titles.
fn needs(f: Focus) -> u16 {
    match f {
        Focus::Articles => 36,
        Focus::Tree => 62,
        Focus::Detail => 50,
    }
}

fn index(f: Focus) -> usize {
    match f {
        Focus::Articles => 0,
        Focus::Tree => 1,
        Focus::Detail => 2,
    }
}

impl Panes {
    pub fn is_hidden(&self, f: Focus) -> bool {
        match f {
            Focus::Articles => self.list_hidden,
            Focus::Tree => false,
            Focus::Detail => self.detail_hidden,
        }
    }

    /// Widths of list, tree and detail (0 = not drawn) for a body `total`
    /// columns wide with `focus` on one pane. They always add up to `total`.
    pub fn widths(&self, total: u16, focus: Focus) -> [u16; 3] {
        let visible = [!self.list_hidden, true, !self.detail_hidden];
        let tree_share = 100u16.saturating_sub(self.list + self.detail).max(SHARE.0);
        let shares = [self.list, tree_share, self.detail];
        let fi = if visible[index(focus)] {
            index(focus)
        } else {
            1
        };
        let sum: u32 = (0..3)
            .filter(|&i| visible[i])
            .map(|i| shares[i] as u32)
            .sum();
        let mut w = [0u16; 3];
        for i in 0..3 {
            if visible[i] {
                w[i] = (total as u32 * shares[i] as u32 / sum.max(1)) as u16;
            }
        }
        // The focused pane gets at least what it needs to be read.
        let need = needs(focus).min(total).max(w[fi]);
        let rest = total - need;
        let others: Vec<usize> = (0..3).filter(|&i| i != fi && visible[i]).collect();
        let other_sum: u32 = others.iter().map(|&i| w[i] as u32).sum();
        w[fi] = need;
        for &i in &others {
            w[i] = (rest as u32 * w[i] as u32 / other_sum.max(1)) as u16;
        }
        // Fold away slivers, narrowest first, giving their width on.
        let mut others = others;
        others.sort_by_key(|&i| w[i]);
        for k in 0..others.len() {
            let i = others[k];
            if w[i] < FOLD_BELOW {
                let freed = w[i];
                w[i] = 0;
                let to = others.get(k + 1).copied().unwrap_or(fi);
                w[to] += freed;
            }
        }
        // Rounding leftovers go to the focused pane.
        let used: u16 = w.iter().sum();
        w[fi] += total - used;
        w
    }

    /// Widens (`by` > 0) or narrows the focused pane's share; the tree's
    /// share is what the other two leave, so it moves both of them.
    pub fn grow(&mut self, focus: Focus, by: i16) {
        let step = |v: u16, up: bool| {
            if up {
                (v + STEP).min(SHARE.1)
            } else {
                v.saturating_sub(STEP).max(SHARE.0)
            }
        };
        match focus {
            Focus::Articles => self.list = step(self.list, by > 0),
            Focus::Detail => self.detail = step(self.detail, by > 0),
            Focus::Tree => {
                self.list = step(self.list, by < 0);
                self.detail = step(self.detail, by < 0);
            }
        }
        if self.list + self.detail > 100 - SHARE.0 {
            match focus {
                Focus::Articles => self.detail = 100 - SHARE.0 - self.list,
                _ => self.list = 100 - SHARE.0 - self.detail,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Widths always fill the body exactly, at any size and focus.
    #[test]
    fn widths_add_up() {
        let p = Panes::default();
        for total in [1, 10, 38, 40, 78, 80, 118, 120, 298, 300] {
            for f in [Focus::Articles, Focus::Tree, Focus::Detail] {
                let w = p.widths(total, f);
                assert_eq!(w.iter().sum::<u16>(), total, "{total} {f:?} {w:?}");
            }
        }
    }

    // At 80 columns a focused tree has room for 45 columns of claim.
    #[test]
    fn focused_tree_is_readable_at_80() {
        let w = Panes::default().widths(80, Focus::Tree);
        assert!(w[1] >= 62, "{w:?}");
    }

    // At 40 columns the focused pane gets most of the width.
    #[test]
    fn narrow_gives_focus_most() {
        for f in [Focus::Articles, Focus::Tree, Focus::Detail] {
            let w = Panes::default().widths(40, f);
            assert!(w[index(f)] >= 30, "{f:?} {w:?}");
        }
    }

    // Wide terminals show all three panes, the list wide enough for titles.
    #[test]
    fn wide_shows_all_three() {
        let w = Panes::default().widths(300, Focus::Articles);
        assert!(w.iter().all(|&x| x >= 60), "{w:?}");
    }

    // Hidden panes take nothing; growing and shrinking stays in bounds.
    #[test]
    fn hide_and_grow() {
        let mut p = Panes {
            list_hidden: true,
            ..Panes::default()
        };
        assert_eq!(p.widths(120, Focus::Tree)[0], 0);
        for _ in 0..30 {
            p.grow(Focus::Articles, 1);
        }
        assert!(p.list <= SHARE.1 && p.list + p.detail <= 100 - SHARE.0);
        for _ in 0..30 {
            p.grow(Focus::Tree, 1);
        }
        assert_eq!((p.list, p.detail), (SHARE.0, SHARE.0));
    }
}
