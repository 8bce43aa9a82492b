//! The checks' own tests: forbidden characters in every field, and where
//! a repeated id is reported.

use super::*;

// A forbidden character in any text of a node is reported on that
// field, whatever else the node holds; a newline only outside a note.
#[test]
fn forbidden_chars_are_found_in_every_field() {
    type Set = fn(&mut crate::model::Node, &str);
    let fields: [(&str, Set); 5] = [
        ("claim_en", |n, v| n.set_claim_en(v)),
        ("claim_ar", |n, v| n.set_claim_ar(v)),
        ("voice", |n, v| n.set_voice(Some(v))),
        ("quote", |n, v| n.set_quote(Some(v))),
        ("note", |n, v| n.set_note(Some(v))),
    ];
    for (field, set) in fields {
        for (bad, reported) in [
            ("a\u{202E}b", true),
            ("\u{7}", true),
            ("عربي\u{61C}", true),
            ("line\nbreak", field != "note"),
            ("— … ‹plain›", false),
        ] {
            let (motion, mut arts) = crate::synthetic::generate(1, 6, 4);
            set(&mut arts[0].nodes[3], bad);
            let corpus = Corpus::of_articles(Some(motion), arts);
            let diags = validate(&corpus, Path::new("."), None);
            let found = diags
                .iter()
                .any(|d| d.code == "control-char" && d.message.contains(&format!("`{field}`")));
            assert_eq!(found, reported, "{field} = {bad:?}: {diags:#?}");
        }
    }
}

// A repeated node id is reported once, on the later node, not the first.
#[test]
fn duplicate_node_id_reported_on_the_later_node() {
    let (motion, mut arts) = crate::synthetic::generate(1, 6, 4);
    let id = arts[0].nodes[2].id().to_owned();
    arts[0].nodes[4].set_id(&id);
    let entry = MapEntry {
        path: "a.ron".into(),
        article: Some(arts.remove(0)),
        error: None,
        positions: (1..=6).map(|line| Pos { line, col: 1 }).collect(),
        hash: 0,
    };
    let corpus = Corpus::new(Some(motion), "motion.ron".into(), vec![entry]);
    let diags = validate(&corpus, Path::new("."), None);
    let dups: Vec<_> = diags.iter().filter(|d| d.code == "duplicate-id").collect();
    assert_eq!(dups.len(), 1, "{diags:#?}");
    assert_eq!(dups[0].line, 5);
}
