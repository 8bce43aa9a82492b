//! The compare and overview screens driven by keys, and their snapshots.

use crate::common;

use common::{app, app_mono, app_with, at, press, screen, selected_row, type_text};
use mizan::compare::{Side, Verdict};
use mizan::tui::app::{App, Overlay, Screen};
use mizan::tui::config::BidiChoice;

fn compare_state(a: &App) -> &mizan::tui::screens::compare::CompareState {
    match &a.screen {
        Screen::Compare(s, _) => s,
        _ => panic!("not comparing"),
    }
}

/// Opens the comparison alpha × beta through the picker.
fn open(a: &mut App) {
    press(a, "c");
    assert!(matches!(a.overlays.last(), Some(Overlay::Choose(_))));
    type_text(a, "beta");
    press(a, "Enter");
}

// c, a fuzzy pick, Enter: the two articles side by side, rows by theme with verdicts.
#[test]
fn picker_opens_comparison() {
    let mut a = app();
    open(&mut a);
    let s = compare_state(&a);
    let (alpha, beta) = (
        a.ws.corpus.map_of("alpha").unwrap(),
        a.ws.corpus.map_of("beta").unwrap(),
    );
    assert_eq!((s.cmp.a, s.cmp.b), (alpha, beta));
    // isis: alpha has done (for) and not-done (against): split; beta leans against.
    let verdicts: Vec<(&str, Verdict)> =
        s.cmp.rows.iter().map(|r| (&*r.theme, r.verdict)).collect();
    assert!(verdicts.contains(&("isis", Verdict::Mixed)), "{verdicts:?}");
    assert!(
        verdicts.contains(&("timeline", Verdict::OnlyA)),
        "{verdicts:?}"
    );
}

// Enter on a node opens it in its own tree; the jump list leads back.
#[test]
fn enter_opens_node_in_tree() {
    let mut a = app();
    open(&mut a);
    press(&mut a, "Tab");
    assert_eq!(compare_state(&a).side, Side::B);
    press(&mut a, "Enter");
    assert!(matches!(a.screen, Screen::Browse(_)));
    assert!(at(&a).starts_with("beta/"), "{}", at(&a));
}

// s swaps the sides; ] cycles the second article; ! filters to clashes; Esc leaves.
#[test]
fn swap_cycle_filter_close() {
    let mut a = app();
    open(&mut a);
    let (alpha, beta) = (
        a.ws.corpus.map_of("alpha").unwrap(),
        a.ws.corpus.map_of("beta").unwrap(),
    );
    press(&mut a, "s");
    let s = compare_state(&a);
    assert_eq!((s.cmp.a, s.cmp.b), (beta, alpha));
    press(&mut a, "]");
    let s = compare_state(&a);
    assert_eq!(
        (s.cmp.a, s.cmp.b),
        (beta, alpha),
        "with two articles the cycle comes back"
    );
    press(&mut a, "!");
    let s = compare_state(&a);
    assert!(s.clashes_only);
    assert_eq!(
        s.visible_rows().count(),
        0,
        "alpha and beta never clash outright"
    );
    assert!(screen(&a).contains("no themes to show"));
    press(&mut a, "Esc");
    assert!(matches!(a.screen, Screen::Browse(_)));
}

// o shows the overview; moving to a cell lists its nodes; Enter opens one.
#[test]
fn overview_cell_to_node() {
    let mut a = app();
    press(&mut a, "o");
    let Screen::Overview(s, _) = &a.screen else {
        panic!("no overview")
    };
    assert_eq!(s.ov.articles.len(), 2);
    // Row alpha, column isis (the motion's first theme): done and not-done.
    assert_eq!(s.nodes().len(), 2);
    press(&mut a, "Tab j Enter");
    assert!(matches!(a.screen, Screen::Browse(_)));
    assert_eq!(at(&a), "alpha/not-done");
}

// Issue 14: `j j` in compare shows the selection moving, with and without colour.
#[test]
fn compare_shows_its_selection() {
    for mut a in [app_with(BidiChoice::Mizan, 120, 40), app_mono(120, 40)] {
        open(&mut a);
        for keys in ["", "j", "j", "k", "Tab", "j"] {
            press(&mut a, keys);
            let claim = match compare_state(&a).selected_node() {
                Some((map, node)) => {
                    a.ws.corpus
                        .article(map)
                        .unwrap()
                        .node(node)
                        .claim_en()
                        .to_string()
                }
                None => "(nothing on this theme)".to_string(),
            };
            let row = selected_row(&a);
            let side = match compare_state(&a).side {
                Side::A => row.split('│').next().unwrap(),
                Side::B => row.split('│').nth(1).unwrap(),
            };
            assert!(side.contains(&claim[..20]), "after {keys:?}: {row}");
        }
    }
}

// The compare screen at the sizes people use.
#[test]
fn compare_snapshots() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app_with(BidiChoice::Mizan, w, h);
        open(&mut a);
        insta::assert_snapshot!(format!("compare_{w}x{h}"), screen(&a));
    }
}

// The overview at the sizes people use.
#[test]
fn overview_snapshots() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app_with(BidiChoice::Mizan, w, h);
        press(&mut a, "o");
        insta::assert_snapshot!(format!("overview_{w}x{h}"), screen(&a));
    }
}

// The view's allocation-free lookup of the selection agrees with the item list.
#[test]
fn selected_item_matches_items() {
    let mut a = app();
    open(&mut a);
    for keys in ["", "Tab", "!", "!"] {
        press(&mut a, keys);
        let mut s = compare_state(&a).clone();
        let items = s.items();
        for sel in 0..items.len() + 1 {
            s.sel = sel;
            assert_eq!(
                s.selected_item(),
                items.get(sel).copied(),
                "sel {sel} after {keys:?}"
            );
        }
    }
}
