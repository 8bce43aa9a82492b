//! The binary from the shell: exit codes, output, and what `--help` says.

use std::fs;
use std::process::{Command, Output};

const MOTION: &str = "Motion(\n    question_en: \"Q\",\n    question_ar: \"س\",\n    themes: [\n        Theme(id: \"t\", en: \"T\", ar: \"ت\"),\n    ],\n)\n";

const GOOD: &str = "Article(\n    id: \"good\",\n    title_en: \"Good\",\n    title_original: \"جيد\",\n    language: \"ar\",\n    source: \"good.txt\",\n    stance: Pro,\n    rationale_en: \"r\",\n    rationale_ar: \"ر\",\n    thesis: Node(\n        id: \"thesis\",\n        claim_en: \"Claim.\",\n        claim_ar: \"ادعاء.\",\n        quote: \"قالت الولايات (2020)\",\n        themes: [\"t\"],\n    ),\n)\n";

fn mizan(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mizan"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn maps_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("maps")).unwrap();
    fs::write(dir.path().join("maps/motion.ron"), MOTION).unwrap();
    fs::write(dir.path().join("maps/good.ron"), GOOD).unwrap();
    dir
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

// A clean directory checks with exit 0; quotes found in the sources count.
#[test]
fn check_clean_exits_0() {
    let dir = maps_dir();
    fs::create_dir(dir.path().join("src")).unwrap();
    fs::write(
        dir.path().join("src/good.txt"),
        "قالت   الولايات\n(2020) شيئا",
    )
    .unwrap();
    let o = mizan(dir.path(), &["check", "--sources", "src"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("0 errors, 0 warnings; quotes checked"));
}

// A quote that is not verbatim is an error with exit 1 and a located line.
#[test]
fn check_bad_quote_exits_1() {
    let dir = maps_dir();
    fs::create_dir(dir.path().join("src")).unwrap();
    fs::write(dir.path().join("src/good.txt"), "قالت الولايات (2021)").unwrap();
    let o = mizan(dir.path(), &["check", "--sources", "src"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("maps/good.ron:11:9: error: the quote of node `thesis`"),
        "{out}"
    );
    assert!(out.contains("11 |         id: \"thesis\","), "{out}");
}

// JSON output carries the diagnostics with their codes and places.
#[test]
fn check_json() {
    let dir = maps_dir();
    fs::write(dir.path().join("maps/broken.ron"), "Article(id: \"x\"").unwrap();
    let o = mizan(dir.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"], 1);
    assert_eq!(v["diagnostics"][0]["code"], "parse");
    assert_eq!(v["diagnostics"][0]["line"], 1);
}

// A usage error exits 2; an unreadable maps directory exits 2 with a message.
#[test]
fn usage_and_io_errors_exit_2() {
    let dir = maps_dir();
    assert_eq!(
        mizan(dir.path(), &["check", "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
    let o = mizan(dir.path(), &["--maps", "nowhere", "check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("mizan: nowhere"));
}

// fmt --check lists a non-canonical file and exits 1; fmt fixes it; then 0.
#[test]
fn fmt_check_and_fix() {
    let dir = maps_dir();
    let messy = GOOD.replace("    language", "  language");
    fs::write(dir.path().join("maps/good.ron"), &messy).unwrap();
    let o = mizan(dir.path(), &["fmt", "--check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).trim(), "maps/good.ron");
    assert_eq!(
        fs::read_to_string(dir.path().join("maps/good.ron")).unwrap(),
        messy
    );
    assert_eq!(mizan(dir.path(), &["fmt"]).status.code(), Some(0));
    assert_eq!(
        fs::read_to_string(dir.path().join("maps/good.ron")).unwrap(),
        GOOD
    );
    assert_eq!(
        mizan(dir.path(), &["fmt", "--check"]).status.code(),
        Some(0)
    );
}

// --help names the maps directory a run here would use.
#[test]
fn help_names_maps_dir() {
    let dir = maps_dir();
    let out = stdout(&mizan(dir.path(), &["--help"]));
    assert!(out.contains("Maps directory here: ./maps"), "{out}");
    let empty = tempfile::tempdir().unwrap();
    let out = stdout(&mizan(empty.path(), &["--help"]));
    assert!(out.contains("no ./maps in the working directory"), "{out}");
}

// With --sources, a map that names no source text is warned about (its quotes go unchecked).
#[test]
fn check_warns_when_no_source_named() {
    let dir = maps_dir();
    fs::create_dir(dir.path().join("src")).unwrap();
    fs::write(dir.path().join("src/good.txt"), "قالت الولايات (2020)").unwrap();
    let other = GOOD
        .replace("\"good\"", "\"other\"")
        .replace("    source: \"good.txt\",\n", "");
    fs::write(dir.path().join("maps/other.ron"), other).unwrap();
    let o = mizan(dir.path(), &["check", "--sources", "src"]);
    assert_eq!(o.status.code(), Some(0), "a warning is not an error");
    assert!(
        stdout(&o).contains("maps/other.ron:1:1: warning: article `other` names no source text"),
        "{}",
        stdout(&o)
    );
}
