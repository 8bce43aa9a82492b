//! Issue 8: JSON export → `import json` gives back byte-identical canonical
//! maps (bundled maps and the fixture), import never overwrites a changed
//! file without `--force`, and the CLI writes to stdout, a file or a dir.

use crate::export_fixture;

use std::path::Path;
use std::process::Command;

use export_fixture::write_fixture;
use mizan::export::import::{self, ImportError};
use mizan::export::{self, Format, Selection};
use mizan::store::{self, canon};

fn assert_same_files(a: &Path, b: &Path) {
    let mut names: Vec<_> = std::fs::read_dir(a)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".ron"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for n in names {
        let left = std::fs::read(a.join(&n)).unwrap();
        let right = std::fs::read(b.join(&n))
            .unwrap_or_else(|_| panic!("{} not imported", n.to_string_lossy()));
        assert!(
            left == right,
            "{} differs after round trip",
            n.to_string_lossy()
        );
    }
}

fn round_trip(dir: &Path) {
    let corpus = store::load_dir(dir).unwrap();
    let sel = Selection::new(&corpus, &[]).unwrap();
    let json = export::render(&sel, Format::Json).unwrap();
    let out = tempfile::tempdir().unwrap();
    let report = import::import(&json, out.path(), false).unwrap();
    assert_eq!(report.written.len(), corpus.maps.len() + 1);
    assert_same_files(dir, out.path());
    // a second import finds every file unchanged and writes nothing
    let again = import::import(&json, out.path(), false).unwrap();
    assert!(again.written.is_empty());
}

// Export → import of the hand-made fixture (escapes, Arabic, empty author,
// inferred date, stated bearings, links) is byte-identical.
#[test]
fn fixture_round_trips_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    write_fixture(dir.path());
    round_trip(dir.path());
}

// Export → import of whatever is in the bundled maps/ is byte-identical.
#[test]
fn bundled_maps_round_trip_byte_identical() {
    round_trip(&Path::new(env!("CARGO_MANIFEST_DIR")).join("maps"));
}

// Export → import of a generated corpus (harakat, links, every stance) is
// byte-identical.
#[test]
fn generated_corpus_round_trips_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    mizan::synthetic::write_corpus(dir.path(), 12, 40, 7).unwrap();
    round_trip(dir.path());
}

// A chain as deep as the loader reads (100 levels) survives JSON export →
// import (nested JSON would need 200 levels, past serde_json's limit of
// 128); one level more is refused before anything is written, since the
// loader would refuse the file (issue 20, item 7).
#[test]
fn deep_tree_round_trips() {
    use mizan::store::load::MAX_DEPTH;
    let article = chain(MAX_DEPTH as u32);
    let sel = Selection {
        motion: None,
        articles: vec![&article],
        files: vec!["deep.ron".into()],
    };
    let json = export::render(&sel, Format::Json).unwrap();
    let files = import::plan(&json).unwrap();
    assert_eq!(
        files,
        vec![("deep.ron".to_owned(), canon::article_to_string(&article))]
    );
    let deeper = chain(MAX_DEPTH as u32 + 1);
    let sel = Selection {
        articles: vec![&deeper],
        ..sel
    };
    let json = export::render(&sel, Format::Json).unwrap();
    let err = import::plan(&json).unwrap_err().to_string();
    assert!(err.contains("deeper than 100 levels"), "{err}");
}

/// An article whose tree is one chain of `depth` nodes.
fn chain(depth: u32) -> mizan::model::Article {
    use mizan::model::{Article, ArticleMeta, Node, NodeFields, Relation, Stance};
    let nodes: Vec<Node> = (0..depth)
        .map(|i| {
            Node::from(NodeFields {
                id: format!("n{i}").into(),
                claim_en: format!("claim {i}").into(),
                relation: (i > 0).then_some(Relation::Opposes),
                parent: i.checked_sub(1),
                children: if i + 1 < depth { vec![i + 1] } else { vec![] },
                ..Default::default()
            })
        })
        .collect();
    Article {
        meta: ArticleMeta {
            id: "deep".into(),
            stance: Some(Stance::Pro),
            ..Default::default()
        },
        nodes,
        root: 0,
    }
}

// Import refuses to overwrite a file that differs, writes nothing at all
// then, and overwrites only with force.
#[test]
fn import_never_overwrites_changed_file_without_force() {
    let src = tempfile::tempdir().unwrap();
    let corpus = write_fixture(src.path());
    let json = export::render(&Selection::new(&corpus, &[]).unwrap(), Format::Json).unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("a1.ron"), "curator's edit\n").unwrap();
    match import::import(&json, out.path(), false) {
        Err(ImportError::Conflict(paths)) => assert_eq!(paths, vec![out.path().join("a1.ron")]),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(
        !out.path().join("a2.ron").exists(),
        "nothing may be written"
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("a1.ron")).unwrap(),
        "curator's edit\n"
    );
    import::import(&json, out.path(), true).unwrap();
    assert_same_files(src.path(), out.path());
}

// A document with a broken tree (a parent after its child) is refused whole.
#[test]
fn import_refuses_bad_parent_index() {
    let doc = r#"{"schema":"mizan-maps","version":1,"articles":[{"file":"a.ron","id":"a",
      "title_en":"","title_original":"","language":"en","rationale_en":"","rationale_ar":"",
      "nodes":[{"id":"t","claim_en":"","claim_ar":""},{"id":"x","parent":1,"claim_en":"","claim_ar":""}]}]}"#;
    let out = tempfile::tempdir().unwrap();
    assert!(matches!(
        import::import(doc, out.path(), false),
        Err(ImportError::Invalid(_))
    ));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

fn mizan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mizan"))
        .args(args)
        .output()
        .unwrap()
}

// The CLI exports to stdout by default, one file per article into a dir,
// `--article` narrows it, and `import json` round-trips through files.
#[test]
fn cli_export_and_import() {
    let src = tempfile::tempdir().unwrap();
    write_fixture(src.path());
    let maps = src.path().to_str().unwrap();
    let out = mizan(&["--maps", maps, "export", "--format", "markdown"]);
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## Comparison by theme") && md.contains("حان وقت الرحيل"));

    let dir = tempfile::tempdir().unwrap();
    let target = format!("{}/", dir.path().join("per-article").display());
    let out = mizan(&["--maps", maps, "export", "--format", "dot", "-o", &target]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("per-article/a1.dot").is_file());
    assert!(dir.path().join("per-article/a2.dot").is_file());

    let out = mizan(&[
        "--maps",
        maps,
        "export",
        "--format",
        "argdown",
        "--article",
        "a2",
    ]);
    let ad = String::from_utf8(out.stdout).unwrap();
    assert!(ad.contains("[a2/r1]") && !ad.contains("[a1/thesis]:"));
    // links to a1, which is not exported, are kept as data, not relations
    assert!(ad.contains("links: [\"contradicts a1/r1\""));

    let out = mizan(&[
        "--maps",
        maps,
        "export",
        "--format",
        "argdown",
        "--article",
        "nope",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article with id `nope`"));

    let json = dir.path().join("maps.json");
    let out = mizan(&[
        "--maps",
        maps,
        "export",
        "--format",
        "json",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let back = dir.path().join("back");
    let out = mizan(&[
        "import",
        "json",
        json.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_same_files(src.path(), &back);
    std::fs::write(back.join("a2.ron"), "changed\n").unwrap();
    let out = mizan(&[
        "import",
        "json",
        json.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
}

// The function behind the TUI's `x` key writes the current article (or the
// compared pair) into the directory and says where.
#[test]
fn export_to_dir_names_the_file_it_wrote() {
    let src = tempfile::tempdir().unwrap();
    let corpus = write_fixture(src.path());
    let out = tempfile::tempdir().unwrap();
    let one = Selection::new(&corpus, &["a2".into()]).unwrap();
    let path = export::export_to_dir(&one, Format::Markdown, out.path()).unwrap();
    assert_eq!(path, out.path().join("a2.md"));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Stay, for now")
    );
    let pair = Selection::new(&corpus, &["a2".into(), "a1".into()]).unwrap();
    assert_eq!(
        pair.articles[0].id(),
        "a1",
        "corpus order, not argument order"
    );
    let path = export::export_to_dir(&pair, Format::Argdown, out.path()).unwrap();
    assert_eq!(path, out.path().join("mizan-2-articles.argdown"));
}
