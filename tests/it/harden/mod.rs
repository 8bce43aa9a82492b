//! Shared helpers for the issue 20 regression tests: a maps directory with
//! one crafted article, the binary run with a time limit (a hang is a
//! failure, not a stuck CI job), and FIFOs made with `mkfifo`.
#![allow(dead_code)]

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const MOTION: &str = "Motion(\n    question_en: \"Q\",\n    question_ar: \"س\",\n    themes: [\n        Theme(id: \"t\", en: \"T\", ar: \"ت\"),\n    ],\n)\n";

/// An article map with this id, node id, link target and theme; the rest
/// is a valid map.
pub fn article(id: &str, node_id: &str, link_to: &str, theme: &str) -> String {
    let q = |s: &str| format!("{s:?}");
    format!(
        "Article(\n    id: {},\n    title_en: \"Title\",\n    title_original: \"عنوان\",\n    language: \"ar\",\n    stance: Pro,\n    rationale_en: \"r\",\n    rationale_ar: \"ر\",\n    thesis: Node(\n        id: \"thesis\",\n        claim_en: \"Claim.\",\n        claim_ar: \"ادعاء.\",\n        themes: [\"t\"],\n        children: [\n            Node(\n                id: {},\n                claim_en: \"Reason.\",\n                claim_ar: \"سبب.\",\n                relation: Supports,\n                themes: [{}],\n                links: [Link(kind: Agrees, to: {})],\n            ),\n        ],\n    ),\n)\n",
        q(id),
        q(node_id),
        q(theme),
        q(link_to)
    )
}

/// A temporary directory holding `maps/` with the motion and `files`.
pub fn maps(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let maps = dir.path().join("maps");
    fs::create_dir(&maps).unwrap();
    fs::write(maps.join("motion.ron"), MOTION).unwrap();
    for (name, text) in files {
        fs::write(maps.join(name), text).unwrap();
    }
    dir
}

/// Runs `mizan` in `dir` and gives up (failing the test) after 60 s.
pub fn mizan(dir: &Path, args: &[&str]) -> Output {
    mizan_env(dir, args, &[])
}

pub fn mizan_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mizan"))
        .current_dir(dir)
        .args(args)
        .envs(env.iter().copied())
        .env("MIZAN_STATE_DIR", dir.join("state"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes on threads so a chatty child cannot block on them.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("mizan {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Makes a FIFO at `path`.
pub fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

/// Whether `bytes` hold anything a terminal would interpret: C0 controls
/// other than newline and tab, DEL, C1 controls, bidi controls.
pub fn has_terminal_controls(bytes: &[u8]) -> Option<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .find(|&c| c != '\n' && c != '\t' && mizan::text::sanitize::is_forbidden(c))
}

/// The paths under `dir`, recursively, for "nothing else was written".
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push(p);
        }
    }
    out.sort();
    out
}

/// A JSON export document with one article: its file name, id, and a chain
/// of `depth` nodes.
pub fn json_doc(file: &str, id: &str, depth: usize) -> String {
    let nodes: Vec<serde_json::Value> = (0..depth)
        .map(|i| {
            let mut n = serde_json::json!({
                "id": format!("n{i}"),
                "claim_en": "c",
                "claim_ar": "ج",
            });
            if i > 0 {
                n["parent"] = (i - 1).into();
                n["relation"] = "supports".into();
            }
            n
        })
        .collect();
    serde_json::json!({
        "schema": "mizan-maps",
        "version": 1,
        "articles": [{
            "file": file,
            "id": id,
            "title_en": "T",
            "title_original": "ع",
            "language": "ar",
            "stance": "pro",
            "rationale_en": "r",
            "rationale_ar": "ر",
            "nodes": nodes,
        }],
    })
    .to_string()
}
