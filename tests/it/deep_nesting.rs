//! Pathologically deep trees are refused with a located error, never a stack
//! overflow, on rayon's worker threads and in debug builds (where frames are
//! largest), whether or not the file is in the canonical layout.

use mizan::model::Diagnostic;
use mizan::store;

fn deep_compact(levels: usize) -> String {
    let mut s = String::from("Article(id: \"deep\", stance: Pro, thesis: ");
    for _ in 0..levels {
        s.push_str("Node(id: \"n\", relation: Supports, children: [");
    }
    s.push_str("Node(id: \"leaf\")");
    for _ in 0..levels {
        s.push_str("])");
    }
    s.push(')');
    s
}

/// The canonical layout, so that the fast path meets it first.
fn deep_canonical(levels: usize) -> String {
    let pad = |d: usize| "    ".repeat(d);
    let mut s = String::from("Article(\n    id: \"deep\",\n    thesis: Node(\n");
    for l in 0..levels {
        let d = 1 + 2 * l;
        s += &format!(
            "{}id: \"n{l}\",\n{}children: [\n{}Node(\n",
            pad(d + 1),
            pad(d + 1),
            pad(d + 2)
        );
    }
    let d = 1 + 2 * levels;
    s += &format!("{}id: \"leaf\",\n{}),\n", pad(d + 1), pad(d));
    for l in (0..levels).rev() {
        let d = 1 + 2 * l;
        s += &format!("{}],\n{}),\n", pad(d + 1), pad(d));
    }
    s.push_str(")\n");
    s
}

fn parse_errors(files: &[(&str, String)]) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let corpus = store::load_dir(dir.path()).unwrap();
    assert!(corpus.maps.iter().all(|m| m.article.is_none()));
    corpus.maps.iter().filter_map(|m| m.error.clone()).collect()
}

// 100,000 levels on one line and 1,000 canonical levels: both refused by the depth limit.
#[test]
fn deep_trees_are_refused_not_overflowed() {
    let errors = parse_errors(&[
        ("a.ron", deep_compact(100_000)),
        ("b.ron", deep_canonical(1_000)),
    ]);
    assert_eq!(errors.len(), 2);
    for e in &errors {
        assert!(e.message.contains("nested deeper"), "{e}");
        assert!(e.line > 0 && e.col > 0, "{e}");
    }
}

// Canonical trees on both sides of the fast path's own depth cap load alike,
// and the documented limit holds on both paths (MAX_DEPTH levels load, one more does not).
#[test]
fn depth_limit_is_exact_whatever_the_path() {
    let dir = tempfile::tempdir().unwrap();
    for levels in [20, 30, 45] {
        std::fs::write(
            dir.path().join(format!("{levels}.ron")),
            deep_canonical(levels),
        )
        .unwrap();
    }
    let corpus = store::load_dir(dir.path()).unwrap();
    let lens: Vec<usize> = corpus.articles().map(|(_, a)| a.len()).collect();
    assert_eq!(lens, vec![21, 31, 46]);
    // Either path, the limit is the documented one: the tree's depth
    // (levels + 1 with the thesis) may be at most MAX_DEPTH.
    for levels in [
        24,
        25,
        26,
        59,
        store::load::MAX_DEPTH - 1,
        store::load::MAX_DEPTH,
    ] {
        let text = deep_canonical(levels);
        let (entry, _) = store::parse_article("x.ron".as_ref(), text.as_bytes());
        let fits = levels < store::load::MAX_DEPTH;
        assert_eq!(entry.article.is_some(), fits, "{levels} levels");
        if let Some(a) = entry.article {
            assert_eq!(a.len(), levels + 1);
        }
    }
}
