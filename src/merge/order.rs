//! The order of one parent's children after a merge (and of the motion's
//! themes): a three-way merge of two sequences of ids.
//!
//! The side that reordered the children both sides still have wins the
//! order of those (ours, when both reordered them); every child only one
//! side placed there (added, or moved in) is then put after the child it
//! follows on its own side, passing over children the winning side moved
//! (so a child appended at the end stays at the end when the other side
//! moved the last child to the front). Children both sides added after the same child
//! come ours first, then theirs, so the order is stable whichever side merges.

use std::collections::HashSet;

/// The merged order of `keep` (the ids that end up under this parent),
/// from the base's, ours' and theirs' orders under it.
pub fn merge_order<'a>(
    base: &[&'a str],
    ours: &[&'a str],
    theirs: &[&'a str],
    keep: &HashSet<&'a str>,
) -> Vec<&'a str> {
    let only = |list: &[&'a str]| -> Vec<&'a str> {
        list.iter()
            .copied()
            .filter(|id| keep.contains(id))
            .collect()
    };
    let (b, o, t) = (only(base), only(ours), only(theirs));
    let in_b: HashSet<&str> = b.iter().copied().collect();
    let in_o: HashSet<&str> = o.iter().copied().collect();
    let in_t: HashSet<&str> = t.iter().copied().collect();
    let shared = |list: &[&'a str]| -> Vec<&'a str> {
        list.iter()
            .copied()
            .filter(|id| in_b.contains(id) && in_o.contains(id) && in_t.contains(id))
            .collect()
    };
    let ours_kept_order = shared(&o) == shared(&b);
    let (mut out, other, other_is_theirs) = if ours_kept_order {
        (t.clone(), &o, false)
    } else {
        (o.clone(), &t, true)
    };
    let mut placed: HashSet<&str> = out.iter().copied().collect();
    let moved = moved_by(&b, &out);
    for (k, &id) in other.iter().enumerate() {
        if placed.contains(id) {
            continue;
        }
        // After the nearest earlier child of the same side already placed.
        let mut at = other[..k]
            .iter()
            .rev()
            .filter(|p| !moved.contains(*p))
            .find_map(|p| out.iter().position(|x| x == p))
            .map_or(0, |i| i + 1);
        if other_is_theirs {
            // Theirs' new child goes after ours' new children at this spot.
            while at < out.len() && !in_b.contains(out[at]) && !in_t.contains(out[at]) {
                at += 1;
            }
        }
        out.insert(at, id);
        placed.insert(id);
    }
    // Ids the sides did not place here (cannot happen for a parent chosen
    // from a side, but the result must hold every kept id): at the end.
    let mut rest: Vec<&str> = keep
        .iter()
        .copied()
        .filter(|id| !placed.contains(id))
        .collect();
    rest.sort_unstable();
    out.extend(rest);
    out
}

/// The children of `list` that it moved relative to `base`: those off one
/// longest run kept in base order.
fn moved_by<'a>(base: &[&'a str], list: &[&'a str]) -> HashSet<&'a str> {
    let at: std::collections::HashMap<&str, usize> =
        base.iter().enumerate().map(|(k, id)| (*id, k)).collect();
    let kept: Vec<(&str, usize)> = list
        .iter()
        .filter_map(|id| at.get(id).map(|&k| (*id, k)))
        .collect();
    let run =
        crate::diff::article::longest_increasing(&kept.iter().map(|(_, k)| *k).collect::<Vec<_>>());
    kept.iter()
        .zip(run)
        .filter(|(_, on)| !on)
        .map(|((id, _), _)| *id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(b: &[&'static str], o: &[&'static str], t: &[&'static str]) -> Vec<&'static str> {
        let keep: HashSet<&str> = o.iter().chain(t).copied().collect();
        merge_order(b, o, t, &keep)
    }

    // Both sides append under the same parent: both kept, ours first.
    #[test]
    fn both_appends_are_kept_ours_first() {
        assert_eq!(
            merged(&["a", "b"], &["a", "b", "x"], &["a", "b", "y"]),
            ["a", "b", "x", "y"]
        );
        assert_eq!(
            merged(&["a", "b"], &["a", "b", "y"], &["a", "b", "x"]),
            ["a", "b", "y", "x"]
        );
    }

    // One side reorders, the other inserts: the reorder and the insert both hold.
    #[test]
    fn reorder_and_insert_combine() {
        assert_eq!(
            merged(&["a", "b", "c"], &["c", "a", "b"], &["a", "x", "b", "c"]),
            ["c", "a", "x", "b"]
        );
        assert_eq!(
            merged(&["a", "b", "c"], &["a", "x", "b", "c"], &["c", "a", "b"]),
            ["c", "a", "x", "b"]
        );
    }

    // One side moves the last child to the front, the other appends: the
    // appended child stays last instead of following the moved one.
    #[test]
    fn an_append_stays_last_when_the_last_child_moves() {
        assert_eq!(
            merged(&["a", "b", "c"], &["c", "a", "b"], &["a", "b", "c", "x"]),
            ["c", "a", "b", "x"]
        );
    }

    // An order only one side changed comes out as that side has it.
    #[test]
    fn one_sided_change_is_taken_whole() {
        let b = ["a", "b", "c", "d"];
        let o = ["d", "b", "n", "a"];
        let keep: HashSet<&str> = o.iter().copied().collect();
        assert_eq!(merge_order(&b, &o, &b, &keep), o);
        assert_eq!(merge_order(&b, &b, &o, &keep), o);
    }
}
