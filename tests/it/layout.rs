//! The browser's layout (issue 14): panes proportional to the terminal,
//! the focused pane readable, panes resized and hidden with keys, composed
//! lines with isolated fields, every list showing its selection — on the
//! bundled corpus, whose claims are long and whose metadata mixes Arabic.

use crate::common;

use common::{app_mono, at, press, resize, screen, selected_row, selected_with};
use mizan::tui::app::App;
use mizan::tui::config::BidiChoice;
use mizan::tui::{Options, setup};

/// The app on the repository's own maps (the bundled corpus).
fn corpus(w: u16, h: u16) -> App {
    let opts = Options {
        maps_dir: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("maps"),
        sources: None,
        config: Some(common::fixtures().join("no-such-config.ron")),
        bidi: Some(BidiChoice::Mizan),
    };
    let mut a = setup(&opts, &|_| None).expect("the corpus loads");
    resize(&mut a, w, h);
    a
}

fn claim(a: &App) -> String {
    let r = a.current().expect("a node");
    a.ws.corpus
        .article(r.map)
        .unwrap()
        .node(r.node)
        .claim_en()
        .to_string()
}

// At 80×24 a focused tree row shows at least 45 columns of its claim.
#[test]
fn claim_row_at_80x24_shows_45_columns() {
    let mut a = corpus(80, 24);
    press(&mut a, "Tab j");
    let c = claim(&a);
    assert!(c.chars().count() > 45, "{c}");
    let head: String = c.chars().take(45).collect();
    let row = selected_row(&a);
    assert!(row.contains(&head), "{row}\n{}", screen(&a));
}

// At 40×10, the advertised minimum, the focused pane gets most of the width.
#[test]
fn focused_pane_gets_most_at_40x10() {
    let mut a = corpus(40, 10);
    assert!(a.view.areas.list.width >= 30, "{:?}", a.view.areas);
    press(&mut a, "Tab");
    assert!(a.view.areas.tree.width >= 30, "{:?}", a.view.areas);
    press(&mut a, "Tab");
    assert!(a.view.areas.right.width >= 30, "{:?}", a.view.areas);
}

// `Z` and `|` hide the list and the detail pane; `+`/`-` resize the focused pane.
#[test]
fn panes_hide_and_resize_by_keys() {
    let mut a = corpus(200, 50);
    let list = a.view.areas.list.width;
    press(&mut a, "+");
    assert!(a.view.areas.list.width > list, "{:?}", a.view.areas);
    press(&mut a, "- - -");
    assert!(a.view.areas.list.width < list, "{:?}", a.view.areas);
    press(&mut a, "Z");
    assert_eq!(a.view.areas.list.width, 0);
    // The focus moved off the hidden list, and Tab skips it.
    press(&mut a, "Tab Tab");
    assert_ne!(a.browse().focus, mizan::tui::app::Focus::Articles);
    press(&mut a, "|");
    assert_eq!(a.view.areas.right.width, 0);
    assert_eq!(a.view.areas.tree.width, 200);
    press(&mut a, "Z |");
    assert!(a.view.areas.list.width > 0 && a.view.areas.right.width > 0);
}

// Titles wrap to two rows in the list where the list is wide enough to read them.
#[test]
fn titles_wrap_to_two_rows() {
    let a = corpus(120, 40);
    let title = a.ws.corpus.article(0).unwrap().meta.title_en.to_string();
    let words: Vec<&str> = title.split(' ').collect();
    let s = screen(&a);
    let last = words.last().unwrap();
    assert!(s.contains(last), "{title}\n{s}");
}

// A date after an Arabic outlet is not reversed (list, detail pane), nor a full date.
#[test]
fn dates_after_arabic_keep_their_order() {
    let mut a = corpus(160, 45);
    let noon =
        a.ws.corpus
            .map_of("noonpost-2021-after-combat-exit")
            .unwrap();
    mizan::tui::screens::browse::select_map(&mut a, noon as usize);
    let s = screen(&a);
    assert!(s.contains("2021-07"), "{s}");
    assert!(!s.contains("07-2021"), "{s}");
    let dates: Vec<(usize, String)> = (0..a.ws.corpus.maps.len())
        .filter_map(|i| {
            Some((
                i,
                a.ws.corpus.maps[i]
                    .article
                    .as_ref()?
                    .meta
                    .date
                    .as_deref()?
                    .to_string(),
            ))
        })
        .collect();
    for (i, d) in dates {
        mizan::tui::screens::browse::select_map(&mut a, i);
        let s = screen(&a);
        assert!(s.contains(&d), "{d} not shown as written:\n{s}");
    }
}

// Every list shows its selection without colour: the mark and the reversed style.
#[test]
fn lists_show_selection_without_colour() {
    let mut a = app_mono(120, 40);
    selected_with(&a, "Alpha");
    press(&mut a, "j");
    selected_with(&a, "Beta");
    press(&mut a, "k Tab j");
    assert_eq!(at(&a), "alpha/done");
    selected_with(&a, "mission");
    // The compare picker and the export dialog.
    press(&mut a, "c");
    selected_with(&a, "Beta");
    press(&mut a, "Esc x j");
    selected_with(&a, "Graphviz");
    // The overview's list of a cell's nodes.
    press(&mut a, "Esc o Tab");
    selected_with(&a, "mission");
    selected_with(&a, "alpha");
}

// The new layout at the sizes people use (the tree focused).
#[test]
fn layout_snapshots() {
    for (w, h) in [(40, 10), (80, 24), (120, 40), (300, 50)] {
        let mut a = corpus(w, h);
        press(&mut a, "Tab j");
        insta::assert_snapshot!(format!("layout_{w}x{h}"), screen(&a));
    }
}

// `F` filters the article list by typing (title, id, outlet, stance); Enter
// keeps the filter, Esc drops it; moving stays among the shown articles.
#[test]
fn filter_the_article_list_by_typing() {
    let mut a = corpus(160, 45);
    press(&mut a, "F");
    common::type_text(&mut a, "anti");
    let s = screen(&a);
    let anti: Vec<String> =
        a.ws.corpus
            .articles()
            .filter(|(_, x)| x.meta.stance == Some(mizan::model::Stance::Anti))
            .map(|(_, x)| x.meta.title_en.to_string())
            .collect();
    assert!(!anti.is_empty());
    assert!(s.contains(&format!("{} of 5 articles", anti.len())), "{s}");
    let pro =
        a.ws.corpus
            .articles()
            .find(|(_, x)| x.meta.stance == Some(mizan::model::Stance::Pro))
            .map(|(_, x)| x.meta.title_en.to_string())
            .unwrap();
    assert!(!s.contains(&pro[..12]), "{s}");
    press(&mut a, "Enter");
    assert!(a.overlays.is_empty());
    let sel = a.browse().selected;
    assert_eq!(
        a.ws.corpus.article(sel as u32).unwrap().meta.stance,
        Some(mizan::model::Stance::Anti)
    );
    press(&mut a, "j k G");
    let sel = a.browse().selected;
    assert_eq!(
        a.ws.corpus.article(sel as u32).unwrap().meta.stance,
        Some(mizan::model::Stance::Anti)
    );
    // Arabic, normalised: the original title's words find it.
    press(&mut a, "F C-u");
    common::type_text(&mut a, "نون");
    assert!(screen(&a).contains("1 of 5 articles"), "{}", screen(&a));
    press(&mut a, "Esc");
    assert!(screen(&a).contains(" 5 articles"), "{}", screen(&a));
}
