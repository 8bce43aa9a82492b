//! Merges of generated maps: the cases git tests cannot reach cheaply
//! (cycles, revived ancestors, the motion), and the conflict form's round
//! trip through the loader, the canonical writer and validation.

use std::path::Path;

use super::*;
use crate::model::Conflict;
use crate::model::edit::{Edit, move_to};

fn article() -> Article {
    crate::synthetic::generate(1, 40, 4).1.remove(0)
}

fn text(a: &Article) -> String {
    canon::article_to_string(a)
}

fn id_of(a: &Article, i: u32) -> String {
    a.node(i).id().to_string()
}

fn merged(b: &Article, o: &Article, t: &Article) -> (Article, usize) {
    let m = merge_texts(text(b).as_bytes(), text(o).as_bytes(), text(t).as_bytes()).unwrap();
    let (entry, _) = parse_article(Path::new("merged.ron"), m.text.as_bytes());
    (entry.article.unwrap(), m.conflicts)
}

// A map with conflicts reads back equal, writes back byte-identical, and
// every conflict is a located validation error.
#[test]
fn conflicts_round_trip_and_fail_validation() {
    let b = article();
    let (mut o, mut t) = (b.clone(), b.clone());
    let n = b.find("n7").unwrap();
    o.node_mut(n).set_claim_ar("نص «أ»");
    t.node_mut(n).set_claim_ar("نص \"ب\"\\");
    o.meta.title_en = "Ours".into();
    t.meta.title_en = "Theirs".into();
    let m = merge_texts(
        text(&b).as_bytes(),
        text(&o).as_bytes(),
        text(&t).as_bytes(),
    )
    .unwrap();
    assert_eq!(m.conflicts, 2);
    let (entry, _) = parse_article(Path::new("x.ron"), m.text.as_bytes());
    let a = entry.article.expect("a map with conflicts parses");
    assert_eq!(canon::article_to_string(&a), m.text);
    assert_eq!(
        a.node(a.find("n7").unwrap()).conflicts(),
        [Conflict::new(
            "claim_ar",
            Some("نص «أ»"),
            Some("نص \"ب\"\\")
        )]
    );
    assert_eq!(&*a.meta.title_en, "Ours");
    let corpus = crate::model::Corpus::new(
        Some(crate::synthetic::motion()),
        "motion.ron".into(),
        vec![crate::model::MapEntry {
            article: Some(a),
            ..entry
        }],
    );
    let diags = crate::model::validate::validate(&corpus, Path::new("."), None);
    let conflicts: Vec<_> = diags.iter().filter(|d| d.code == "conflict").collect();
    assert_eq!(conflicts.len(), 2, "{diags:#?}");
    assert!(
        conflicts
            .iter()
            .all(|d| d.is_error() && d.line > 1 && d.col > 0)
    );
    // The article's conflict sits on its own line in the file.
    let line = m.text.lines().nth(conflicts[0].line as usize - 1).unwrap();
    assert!(line.contains("Conflict(field: \"title_en\""), "{line}");
}

// Theirs deletes a subtree; ours edited a node deep inside it: that node and
// its ancestors stay, the topmost deleted one marked, nothing lost.
#[test]
fn an_edit_inside_a_deleted_subtree_keeps_the_path_to_it() {
    let b = article();
    let deep = b
        .preorder()
        .find(|&i| b.depth(i) == 3)
        .expect("a node 3 deep");
    let top = b.ancestors(deep).find(|&p| b.depth(p) == 1).unwrap();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.node_mut(deep).set_claim_en("Ours, deep inside.");
    t.apply(Edit::Detach { node: top }).unwrap();
    let (m, conflicts) = merged(&b, &o, &t);
    let d = m.find(&id_of(&b, deep)).expect("the edited node stays");
    assert_eq!(m.node(d).claim_en(), "Ours, deep inside.");
    assert!(
        conflicts >= 2,
        "the edited node and each ancestor theirs deleted"
    );
    let k = m.find(&id_of(&b, top)).expect("its ancestor stays");
    assert_eq!(
        m.node(k).conflicts(),
        [Conflict::new("node", Some("kept"), Some("deleted"))]
    );
}

// Ours puts A under B, theirs B under A: no loop, a parent conflict.
#[test]
fn crossing_moves_do_not_loop() {
    let b = article();
    let kids = b.node(b.root).children().to_vec();
    let (x, y) = (kids[0], kids[1]);
    let (mut o, mut t) = (b.clone(), b.clone());
    o.apply(move_to(x, y, 0)).unwrap();
    t.apply(move_to(y, x, 0)).unwrap();
    let (m, conflicts) = merged(&b, &o, &t);
    assert!(conflicts >= 1);
    assert_eq!(m.len(), b.len(), "every node is still reachable");
    let has_parent_conflict = |i: u32| m.node(i).conflicts().iter().any(|c| &*c.field == "parent");
    assert!(m.preorder().any(has_parent_conflict));
}

// Two different moves of one node: it stays where ours put it, marked.
#[test]
fn different_moves_of_one_node_conflict() {
    let b = article();
    let kids = b.node(b.root).children().to_vec();
    let (n, p1, p2) = (kids[0], kids[1], kids[2]);
    let (mut o, mut t) = (b.clone(), b.clone());
    o.apply(move_to(n, p1, 0)).unwrap();
    t.apply(move_to(n, p2, 0)).unwrap();
    let (m, _) = merged(&b, &o, &t);
    let i = m.find(&id_of(&b, n)).unwrap();
    assert_eq!(id_of(&m, m.node(i).parent().unwrap()), id_of(&b, p1));
    assert_eq!(
        m.node(i).conflicts(),
        [Conflict::new(
            "parent",
            Some(&id_of(&b, p1)),
            Some(&id_of(&b, p2))
        )]
    );
}

// Both sides added the same file with the same content (git's empty base).
#[test]
fn identical_additions_merge_with_an_empty_base() {
    let a = text(&article());
    let m = merge_texts(b"", a.as_bytes(), a.as_bytes()).unwrap();
    assert_eq!((m.text, m.conflicts), (a, 0));
}

// The motion merges theme by theme; a real conflict there is refused.
#[test]
fn the_motion_merges_by_theme() {
    let b = crate::synthetic::motion();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.themes[0].en = "Relabelled".into();
    t.themes.remove(3);
    t.themes.push(crate::model::Theme {
        id: "new".into(),
        en: "New".into(),
        ar: "جديد".into(),
    });
    let m = merge_motion(Some(&b), &o, &t).unwrap();
    assert_eq!(&*m.themes[0].en, "Relabelled");
    assert!(m.theme(&b.themes[3].id).is_none());
    assert_eq!(&*m.themes.last().unwrap().id, "new");
    let mut t2 = b.clone();
    t2.themes[0].en = "Other".into();
    assert!(merge_motion(Some(&b), &o, &t2).is_err());
    // Through the text entry point too.
    let s = canon::motion_to_string;
    let m = merge_texts(s(&b).as_bytes(), s(&o).as_bytes(), s(&t).as_bytes()).unwrap();
    assert!(m.text.contains("Relabelled") && m.text.contains("جديد"));
}

// A side that does not parse is an error naming the side, never a panic.
#[test]
fn an_unparseable_side_is_an_error() {
    let a = text(&article());
    let err = merge_texts(a.as_bytes(), a.as_bytes(), b"Article(\n  id: ").unwrap_err();
    assert!(err.contains("theirs"), "{err}");
}
