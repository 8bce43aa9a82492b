//! Issue 20: no file written outside where the user asked. Item 1 (paths
//! through article ids), item 2 (what `export -o` may replace), item 7
//! (deep imports) and item 15 (odd import file names), each reproduced
//! against the real binary in a temporary directory.

use crate::harden;

use std::fs;

use harden::{article, files_under, json_doc, maps, mizan, mkfifo, text};

// Item 1: an article id that is a path stops export (exit 2, nothing
// written anywhere), and `check` says where the id is.
#[test]
fn path_in_an_article_id_stops_export() {
    let outside = tempfile::tempdir().unwrap();
    let abs = outside.path().join("x").display().to_string();
    for id in [abs.as_str(), "sub/../../x", "../x"] {
        let dir = maps(&[("evil.ron", &article(id, "n1", "evil/thesis", "t"))]);
        let d = dir.path();
        fs::create_dir(d.join("out")).unwrap();
        let o = mizan(d, &["export", "--format", "markdown", "-o", "out/"]);
        assert_eq!(o.status.code(), Some(2), "{id}: {}", text(&o.stderr));
        assert!(text(&o.stderr).contains("evil.ron"), "{}", text(&o.stderr));
        assert_eq!(fs::read_dir(d.join("out")).unwrap().count(), 0, "{id}");
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0, "{id}");
        assert!(!d.join("x.md").exists() && !d.parent().unwrap().join("x.md").exists());
        let o = mizan(d, &["check"]);
        assert_eq!(o.status.code(), Some(1));
        let out = text(&o.stdout);
        assert!(out.contains("evil.ron:2:5: error:"), "{out}");
        assert!(
            out.contains("another folder") || out.contains("'.'"),
            "{out}"
        );
    }
}

// Item 1: `import json` refuses ids that are paths, before writing.
#[test]
fn import_refuses_path_ids() {
    for id in ["/etc/passwd", "../../etc/x", "a/b"] {
        let dir = maps(&[]);
        let d = dir.path();
        fs::write(d.join("in.json"), json_doc("ok.ron", id, 2)).unwrap();
        let before = files_under(d);
        let o = mizan(d, &["import", "json", "in.json", "-o", "maps"]);
        assert_eq!(o.status.code(), Some(2), "{id}");
        assert!(
            text(&o.stderr).contains("article id"),
            "{}",
            text(&o.stderr)
        );
        assert_eq!(files_under(d), before, "{id}: something was written");
    }
}

// Item 15: import applies the new-article file-name rules.
#[test]
fn import_refuses_odd_file_names() {
    for name in [
        "MOTION.ron",
        "Motion.ron",
        "-rf.ron",
        " .ron",
        "a\u{202E}b.ron",
        "x.ron/",
    ] {
        let dir = maps(&[]);
        let d = dir.path();
        fs::write(d.join("in.json"), json_doc(name, "ok", 2)).unwrap();
        let before = files_under(d);
        let o = mizan(d, &["import", "json", "in.json", "-o", "maps"]);
        assert_eq!(o.status.code(), Some(2), "{name:?}: {}", text(&o.stderr));
        assert!(text(&o.stderr).contains("file name"), "{}", text(&o.stderr));
        assert!(!text(&o.stderr).contains('\u{202E}'));
        assert_eq!(files_under(d), before, "{name:?}");
    }
    // A name that differs from an existing map only in case.
    let dir = maps(&[("alpha.ron", &article("alpha", "n1", "x/y", "t"))]);
    fs::write(
        dir.path().join("in.json"),
        json_doc("Alpha.ron", "Alpha", 2),
    )
    .unwrap();
    let o = mizan(dir.path(), &["import", "json", "in.json", "-o", "maps"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("upper and lower case"),
        "{}",
        text(&o.stderr)
    );
    assert!(!dir.path().join("maps/Alpha.ron").exists());
}

// Item 7: a tree deeper than the loader reads is refused before writing,
// also at 5,000 levels (which once became a 902 MB file).
#[test]
fn deep_import_is_refused_before_writing() {
    for depth in [101, 150, 5000] {
        let dir = maps(&[]);
        let d = dir.path();
        fs::write(d.join("in.json"), json_doc("deep.ron", "deep", depth)).unwrap();
        let o = mizan(d, &["import", "json", "in.json", "-o", "maps"]);
        assert_eq!(o.status.code(), Some(2), "{depth}");
        assert!(
            text(&o.stderr).contains("deeper than 100"),
            "{}",
            text(&o.stderr)
        );
        assert!(!d.join("maps/deep.ron").exists());
    }
    // At the limit it imports, and `check` accepts what was written.
    let dir = maps(&[]);
    let d = dir.path();
    fs::write(d.join("in.json"), json_doc("deep.ron", "deep", 100)).unwrap();
    let o = mizan(d, &["import", "json", "in.json", "-o", "maps"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = mizan(d, &["check"]);
    assert!(!text(&o.stdout).contains("deeper"), "{}", text(&o.stdout));
}

// Item 2: a FIFO as the export target is refused at once (no hang, no
// read) and stays a FIFO.
#[cfg(unix)]
#[test]
fn export_onto_a_fifo_is_refused() {
    use std::os::unix::fs::FileTypeExt;
    let dir = maps(&[("a.ron", &article("a", "n1", "x/y", "t"))]);
    let fifo = dir.path().join("out.md");
    mkfifo(&fifo);
    let o = mizan(
        dir.path(),
        &["export", "--format", "markdown", "-o", "out.md", "--force"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("a FIFO"), "{}", text(&o.stderr));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

// Item 2: a symlink to a device is refused without reading it (as root,
// `-o /dev/zero` once replaced the device and read it until memory ran out).
#[cfg(unix)]
#[test]
fn export_onto_a_link_to_a_device_is_refused() {
    use std::os::unix::fs::FileTypeExt;
    let dir = maps(&[("a.ron", &article("a", "n1", "x/y", "t"))]);
    let link = dir.path().join("zero.md");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let o = mizan(
        dir.path(),
        &["export", "--format", "json", "-o", "zero.md", "--force"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("a device"), "{}", text(&o.stderr));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::metadata("/dev/zero")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

// Item 2: a symlink to a regular file is written through and stays a link;
// a file that is not an export needs --force; `-o -` is stdout.
#[cfg(unix)]
#[test]
fn export_writes_through_links_and_spares_other_files() {
    let dir = maps(&[("a.ron", &article("a", "n1", "x/y", "t"))]);
    let d = dir.path();
    fs::create_dir(d.join("real")).unwrap();
    fs::write(d.join("real/report.md"), "").unwrap();
    std::os::unix::fs::symlink("real/report.md", d.join("report.md")).unwrap();
    // An empty file is not an export either.
    let o = mizan(d, &["export", "--format", "markdown", "-o", "report.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--force"), "{}", text(&o.stderr));
    let o = mizan(
        d,
        &[
            "export",
            "--format",
            "markdown",
            "-o",
            "report.md",
            "--force",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        fs::symlink_metadata(d.join("report.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = fs::read_to_string(d.join("real/report.md")).unwrap();
    assert!(written.contains("## Title"), "{written}");
    // A previous export is replaced without --force.
    let o = mizan(
        d,
        &[
            "export",
            "--format",
            "markdown",
            "--article",
            "a",
            "-o",
            "report.md",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // A README is not.
    fs::write(d.join("README.md"), "# my notes\n").unwrap();
    for format in ["markdown", "argdown", "dot", "json"] {
        let o = mizan(d, &["export", "--format", format, "-o", "README.md"]);
        assert_eq!(o.status.code(), Some(2), "{format}");
    }
    assert_eq!(
        fs::read_to_string(d.join("README.md")).unwrap(),
        "# my notes\n"
    );
    // Every format recognises its own previous export.
    for format in ["argdown", "dot", "json"] {
        let file = format!("x.{format}");
        for _ in 0..2 {
            let o = mizan(d, &["export", "--format", format, "-o", &file]);
            assert_eq!(o.status.code(), Some(0), "{format}: {}", text(&o.stderr));
        }
    }
    let o = mizan(d, &["export", "--format", "dot", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).starts_with("digraph mizan {"));
    assert!(!d.join("-").exists());
}
