//! Tests of the chooser's filtering, marking and background scoring.

use super::*;
use crate::text::BidiMode;
use crate::tui::action::TextEdit;
use crate::tui::palette::Palette;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn themes() -> Vec<(String, String)> {
    [
        ("iran", "Iran's influence"),
        ("isis", "isis"),
        ("sov", "distant issues of sovereignty"),
        ("state", "الدولة الإسلامية"),
        ("cost", "cost of the war"),
    ]
    .iter()
    .map(|(v, l)| (v.to_string(), l.to_string()))
    .collect()
}

fn labels(c: &Chooser) -> Vec<String> {
    c.filtered
        .iter()
        .map(|&i| c.label(i).into_owned())
        .collect()
}

fn typed(c: &mut Chooser, s: &str) {
    s.chars().for_each(|ch| c.type_char(ch));
}

// An empty query lists everything in order; a query keeps only the
// labels holding it as a subsequence, the tighter match first.
#[test]
fn filters_best_first() {
    let mut c = Chooser::new("Themes", themes(), true, &[], "");
    assert_eq!(c.filtered, [0, 1, 2, 3, 4]);
    typed(&mut c, "isis");
    assert_eq!(labels(&c), ["isis", "distant issues of sovereignty"]);
    typed(&mut c, "x");
    assert!(c.filtered.is_empty());
    c.handle(Action::Edit(TextEdit::DeleteBack), 10);
    assert_eq!(c.filtered.len(), 2, "deleting widens again");
    c.handle(Action::Edit(TextEdit::DeleteToStart), 10);
    assert_eq!(c.filtered.len(), 5);
    c.paste("cost\nof");
    assert_eq!(
        labels(&c),
        ["cost of the war"],
        "a pasted query filters too"
    );
}

// Arabic is matched on search keys: a query without hamza or ta
// marbuta finds the spelled-out label; Latin ignores case.
#[test]
fn arabic_and_case_folded() {
    let c = Chooser::new("Themes", themes(), true, &[], "الاسلاميه");
    assert_eq!(labels(&c), ["الدولة الإسلامية"]);
    let c = Chooser::new("Themes", themes(), true, &[], "IRAN");
    assert_eq!(labels(&c), ["Iran's influence"]);
}

// Marks come from the values given (unknown ones dropped), Tab toggles
// the selected row, and Done gives the marked values in item order.
#[test]
fn marks_and_done_in_item_order() {
    let given = ["cost".to_string(), "gone".to_string(), "iran".to_string()];
    let mut c = Chooser::new("Themes", themes(), true, &given, "");
    assert_eq!(c.marked, BTreeSet::from([0, 4]));
    typed(&mut c, "isis");
    c.handle(Action::Toggle, 10);
    c.handle(Action::Down, 10);
    c.handle(Action::Toggle, 10);
    c.handle(Action::Toggle, 10);
    assert_eq!(
        c.handle(Action::Accept, 10),
        ChooseEvent::Done(vec!["iran".into(), "isis".into(), "cost".into()])
    );
    c.marked.clear();
    assert_eq!(c.handle(Action::Accept, 10), ChooseEvent::Done(Vec::new()));
    assert_eq!(c.handle(Action::Close, 10), ChooseEvent::Cancel);
}

// A single chooser gives the selected row; Tab does nothing there, and
// Enter with nothing matching gives nothing.
#[test]
fn single_gives_the_selected() {
    let mut c = Chooser::new("Link to", themes(), false, &[], "");
    c.handle(Action::Down, 10);
    c.handle(Action::Toggle, 10);
    assert!(c.marked.is_empty());
    c.handle(Action::Down, 10);
    assert_eq!(
        c.handle(Action::Accept, 10),
        ChooseEvent::Done(vec!["sov".into()])
    );
    typed(&mut c, "zzz");
    assert_eq!(c.handle(Action::Accept, 10), ChooseEvent::None);
}

// Moving stops at both ends and scrolls to keep the selection among
// the rows in view.
#[test]
fn moves_and_scrolls() {
    let mut c = Chooser::new("Themes", themes(), true, &[], "");
    c.handle(Action::Up, 2);
    assert_eq!((c.selected, c.offset), (0, 0));
    c.handle(Action::PageDown, 2);
    assert_eq!((c.selected, c.offset), (2, 1));
    c.handle(Action::PageDown, 2);
    c.handle(Action::Down, 2);
    assert_eq!((c.selected, c.offset), (4, 3));
    c.handle(Action::PageUp, 2);
    assert_eq!((c.selected, c.offset), (2, 2));
    typed(&mut c, "c");
    assert_eq!(
        (c.selected, c.offset),
        (0, 0),
        "a new query starts at the top"
    );
}

fn generated(n: usize) -> Vec<(String, String)> {
    let words = [
        "talks", "troops", "iraq", "withdraw", "plan", "isis", "base", "cost",
    ];
    (0..n)
        .map(|i| {
            let label = format!(
                "article-{}/node-{} {} {} {}",
                i % 97,
                i,
                words[i % 8],
                words[(i / 8) % 8],
                words[(i / 64) % 8]
            );
            (format!("a/{i}"), label)
        })
        .collect()
}

// Narrowing as the query grows gives exactly what filtering from
// scratch gives, order included.
#[test]
fn narrowing_equals_filtering_afresh() {
    let mut c = Chooser::new("Link to", generated(3000), false, &[], "");
    let mut query = String::new();
    for ch in "1 trp  w".chars() {
        c.type_char(ch);
        query.push(ch);
        let fresh = Chooser::new("Link to", generated(3000), false, &[], &query);
        assert_eq!(c.filtered, fresh.filtered, "query {query:?}");
    }
    assert!(!c.filtered.is_empty());
}

// 100,000 link targets: each typed character filters in one pass (a
// quadratic filter would take hours here, not seconds), and the result
// holds only labels matching the query.
#[test]
fn hundred_thousand_items() {
    let start = std::time::Instant::now();
    let mut c = Chooser::new("Link to", generated(100_000), false, &[], "");
    typed(&mut c, "wdrw");
    // Scored on its own thread: the matches come when it answers.
    c.settle();
    assert!(c.waiting.is_none());
    assert!(!c.filtered.is_empty());
    assert!(c.filtered.len() < 100_000);
    assert!(labels(&c).iter().all(|l| l.contains("withdraw")));
    assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
}

// A large list is matched on its own thread: typing returns with the
// matches still to come, the answer kept is the newest query's (equal
// to scoring afresh), and Enter waits for it before choosing.
#[test]
fn large_lists_match_in_the_background() {
    use crate::tui::widgets::scorer::score;
    let items = generated(BACKGROUND_FROM + 100);
    let keys: Vec<String> = items.iter().map(|(_, l)| normalize(l)).collect();
    let afresh = |q: &str| score(&keys, (0..keys.len()).collect(), &normalize(q));
    let mut c = Chooser::new("Link to", items.clone(), false, &[], "");
    typed(&mut c, "wdrw");
    assert!(c.waiting.is_some(), "typing does not wait for the matches");
    c.settle();
    assert_eq!(c.filtered, afresh("wdrw"));
    typed(&mut c, " t");
    let want = afresh("wdrw t");
    assert!(!want.is_empty());
    assert_eq!(
        c.handle(Action::Accept, 10),
        ChooseEvent::Done(vec![items[want[0]].0.clone()])
    );
    assert_eq!(c.filtered, want);
}

fn draw(c: &Chooser, w: u16, h: u16) -> (Buffer, Option<(u16, u16)>) {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    let mut cursor = None;
    let p = Palette::colored();
    let km = crate::tui::keymap::Keymap::default_map();
    term.draw(|f| cursor = render(c, &p, BidiMode::Mizan, &km, f.area(), f.buffer_mut()))
        .expect("draw");
    (term.backend().buffer().clone(), cursor)
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

// The query with the cursor after it, marks, the selected row in the
// selection style, and an Arabic label drawn shaped.
#[test]
fn draws_query_marks_and_selection() {
    let given = ["cost".to_string()];
    let mut c = Chooser::new("Themes", themes(), true, &given, "");
    typed(&mut c, "o");
    let (buf, cursor) = draw(&c, 80, 24);
    let rows: Vec<String> = (0..24).map(|y| row(&buf, y)).collect();
    let at = |s: &str| rows.iter().position(|r| r.contains(s));
    let q = at("> o").expect("query line");
    let (x, y) = cursor.expect("cursor in the query");
    assert_eq!(y as usize, q);
    assert_eq!(buf[(x - 1, y)].symbol(), "o");
    let first = labels(&c)[0].clone();
    assert_ne!(first, "cost of the war");
    let selected = at(&format!("[ ] {first}")).expect("the first match");
    let marked = at("[x] cost of the war").expect("the marked row");
    assert_eq!(selected, q + 2, "first match on the first row");
    let bg = Palette::colored().selection.bg.unwrap_or_default();
    assert_eq!(buf[(x, selected as u16)].bg, bg, "first match selected");
    assert_ne!(buf[(x, marked as u16)].bg, bg);
    assert!(at("2/5 · 1 marked · Tab marks · Enter done · Esc cancels").is_some());

    let c = Chooser::new("Themes", themes(), false, &[], "الدولة");
    let (buf, _) = draw(&c, 80, 24);
    let text: String = (0..24).map(|y| row(&buf, y)).collect();
    // The shaped final ta marbuta of الدولة (U+FE94).
    assert!(text.contains('\u{FE94}'), "{text}");
}

// Only the rows in view are drawn: the selection far down the list is
// on screen, scrolled to.
#[test]
fn draws_the_selection_when_scrolled() {
    let mut c = Chooser::new("Link to", generated(1000), false, &[], "");
    c.handle(Action::PageDown, 500);
    c.handle(Action::Down, 500);
    let (buf, _) = draw(&c, 80, 24);
    let text: String = (0..24).map(|y| row(&buf, y)).collect();
    assert!(text.contains("node-501 "), "{text}");
}

// Tiny and empty screens draw without panicking.
#[test]
fn tiny_areas() {
    let c = Chooser::new("Themes", themes(), true, &[], "is");
    for (w, h) in [(10, 5), (1, 1), (2, 2), (30, 3), (80, 4)] {
        let (_, cursor) = draw(&c, w, h);
        if let Some((x, y)) = cursor {
            assert!(x < w && y < h, "{w}x{h}: {x},{y}");
        }
    }
    let mut buf = Buffer::empty(Rect::new(0, 0, 0, 0));
    let p = Palette::monochrome();
    let km = crate::tui::keymap::Keymap::default_map();
    assert_eq!(
        render(&c, &p, BidiMode::Mizan, &km, buf.area, &mut buf),
        None
    );
}
