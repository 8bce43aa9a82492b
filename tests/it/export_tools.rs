//! Issue 8: the exports checked by the real tools — the Argdown CLI parses
//! the Argdown export with the same statements and relations as the maps,
//! `dot -Tsvg` renders the DOT export, and the JSON export validates against
//! docs/mizan-maps.schema.json.

use crate::export_fixture;

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use export_fixture::{bundled_maps, tool, write_fixture};
use mizan::export::{self, Format, Selection};
use mizan::model::{Corpus, LinkKind};
use mizan::store;

const ARGDOWN_LOCAL: &str = "target/ci-tools/argdown/node_modules/.bin/argdown";

/// Nodes, and the relations Argdown should report: one per tree edge, one per
/// link to an exported node, a mutual pair of `contradicts` counted once
/// (Argdown's contradiction is symmetric).
fn expected_counts(c: &Corpus) -> (usize, usize) {
    let mut nodes = 0;
    let mut rels: HashSet<(String, String, &'static str)> = HashSet::new();
    for (_, a) in c.articles() {
        for idx in a.preorder() {
            nodes += 1;
            let n = a.node(idx);
            let me = format!("{}/{}", a.id(), n.id());
            if let Some(p) = n.parent() {
                rels.insert((me.clone(), format!("{}/{}", a.id(), a.node(p).id()), "tree"));
            }
            for l in n.links() {
                if c.resolve(&l.to).is_none() {
                    continue;
                }
                let (from, to) = (me.clone(), l.to.to_string());
                rels.insert(match l.kind {
                    LinkKind::Contradicts if to < from => (to, from, "contradicts"),
                    k => (from, to, k.name()),
                });
            }
        }
    }
    (nodes, rels.len())
}

fn argdown_json(argdown: &Path, doc: &str, work: &Path) -> serde_json::Value {
    let input = work.join("maps.argdown");
    std::fs::write(&input, doc).unwrap();
    let out_dir = work.join("argdown-out");
    let out = Command::new(argdown)
        .arg("json")
        .arg(&input)
        .arg(&out_dir)
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "argdown failed:\n{log}");
    assert!(!log.contains("error"), "argdown reported errors:\n{log}");
    let json = std::fs::read_to_string(out_dir.join("maps.json")).unwrap();
    serde_json::from_str(&json).unwrap()
}

fn corpora() -> Vec<(tempfile::TempDir, Corpus)> {
    let fixture = tempfile::tempdir().unwrap();
    let c = write_fixture(fixture.path());
    let mut out = vec![(fixture, c)];
    // a generated corpus: many links, harakat, every stance
    let generated = tempfile::tempdir().unwrap();
    mizan::synthetic::write_corpus(generated.path(), 12, 40, 7).unwrap();
    let c = store::load_dir(generated.path()).unwrap();
    out.push((generated, c));
    // the motion alone: an export without articles must still be valid
    let motion_only = tempfile::tempdir().unwrap();
    std::fs::write(
        motion_only.path().join("motion.ron"),
        export_fixture::MOTION,
    )
    .unwrap();
    let c = store::load_dir(motion_only.path()).unwrap();
    out.push((motion_only, c));
    if let Some(dir) = bundled_maps() {
        let work = tempfile::tempdir().unwrap();
        out.push((work, store::load_dir(&dir).unwrap()));
    }
    out
}

// The Argdown CLI parses the export of all maps without errors, with one
// statement per node and one relation per edge.
#[test]
#[cfg_attr(
    not(mizan_ci),
    ignore = "needs @argdown/cli, which `bash .ci/run` installs; run with --ignored where it is (MIZAN_ARGDOWN)"
)]
fn argdown_cli_parses_export_with_same_counts() {
    let Some(argdown) = tool("argdown", "MIZAN_ARGDOWN", ARGDOWN_LOCAL) else {
        return;
    };
    for (work, corpus) in corpora() {
        let sel = Selection::new(&corpus, &[]).unwrap();
        let doc = export::render(&sel, Format::Argdown).unwrap();
        let v = argdown_json(&argdown, &doc, work.path());
        let (nodes, relations) = expected_counts(&corpus);
        let statements = v["statements"].as_object().unwrap().len();
        let rels = v["relations"].as_array().unwrap().len();
        assert_eq!(
            (statements, rels),
            (nodes, relations),
            "{}",
            corpus.motion_path.display()
        );
    }
}

// Arabic claims, quotes and English claims full of Argdown syntax come out
// of the Argdown parser exactly as they are in the maps.
#[test]
#[cfg_attr(
    not(mizan_ci),
    ignore = "needs @argdown/cli, which `bash .ci/run` installs; run with --ignored where it is (MIZAN_ARGDOWN)"
)]
fn argdown_keeps_texts_intact() {
    let Some(argdown) = tool("argdown", "MIZAN_ARGDOWN", ARGDOWN_LOCAL) else {
        return;
    };
    for (work, corpus) in corpora() {
        let sel = Selection::new(&corpus, &[]).unwrap();
        let v = argdown_json(
            &argdown,
            &export::render(&sel, Format::Argdown).unwrap(),
            work.path(),
        );
        for (_, a) in corpus.articles() {
            for idx in a.preorder() {
                let n = a.node(idx);
                let title = export::argdown::title(a.id(), n.id());
                let st = &v["statements"][&title];
                assert_eq!(st["data"]["ar"], *n.claim_ar(), "{title}");
                if let Some(q) = &n.quote() {
                    assert_eq!(st["data"]["quote"], **q, "{title}");
                }
                let text = st["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find_map(|m| m["text"].as_str())
                    .unwrap();
                let claim = n.claim_en().replace(['\n', '\r', '\t'], " ");
                // A reported claim is introduced by its speaker (issue 13).
                let claim = match &n.voice() {
                    Some(v) => format!("‹{v}› {claim}"),
                    None => claim,
                };
                assert!(
                    text.starts_with(claim.trim_end()),
                    "{title}: {text:?} vs {claim:?}"
                );
                for t in n.themes() {
                    assert!(text.contains(&format!("#({t})")), "{title} lacks tag {t}");
                }
            }
        }
    }
}

// `dot -Tsvg` renders the DOT export of all maps, and of each article alone,
// without a single error or warning.
#[test]
#[cfg_attr(
    not(mizan_ci),
    ignore = "needs Graphviz dot, which `bash .ci/run` installs; run with --ignored where it is"
)]
fn dot_renders_export() {
    let Some(dot) = tool("dot", "MIZAN_DOT", "target/ci-tools/bin/dot") else {
        return;
    };
    for (_work, corpus) in corpora() {
        let all = Selection::new(&corpus, &[]).unwrap();
        let mut docs = vec![export::render(&all, Format::Dot).unwrap()];
        for i in 0..all.articles.len() {
            docs.push(export::render(&all.only(i), Format::Dot).unwrap());
        }
        for doc in docs {
            let mut child = Command::new(&dot)
                .arg("-Tsvg")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(doc.as_bytes())
                .unwrap();
            let out = child.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success() && err.is_empty(), "dot: {err}\n{doc}");
            assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
        }
    }
}

// The JSON export validates against the documented JSON Schema.
#[test]
fn json_export_validates_against_schema() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/mizan-maps.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for (_work, corpus) in corpora() {
        let sel = Selection::new(&corpus, &[]).unwrap();
        let doc: serde_json::Value =
            serde_json::from_str(&export::render(&sel, Format::Json).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
    // and the schema is not vacuous: a wrong stance is rejected
    let bad = serde_json::json!({"schema": "mizan-maps", "version": 2, "articles": [
        {"file": "a.ron", "id": "a", "title_en": "", "title_original": "", "language": "ar",
         "stance": "Pro", "rationale_en": "", "rationale_ar": "",
         "nodes": [{"id": "t", "claim_en": "", "claim_ar": ""}]}]});
    assert!(!validator.is_valid(&bad));
}
