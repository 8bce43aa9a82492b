//! Issue 20: no escape sequence reaching a terminal (item 3), no hang on a
//! FIFO (item 6), no flood from a huge input (item 10), no panic on an
//! output error (item 11) — each reproduced against the real binary.

use crate::harden;

use std::fs;
use std::process::{Command, Stdio};

use harden::{article, has_terminal_controls, json_doc, maps, mizan, mizan_env, mkfifo, text};

/// ESC ] 0 ; … BEL retitles a terminal, ESC [ 2 J clears it.
const TITLE_AND_CLEAR: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J";

// Item 3: an id holding escape sequences is an error for `check`, and no
// CLI line that echoes map content passes one on; JSON stays exact.
#[test]
fn ids_with_escapes_are_errors_and_never_echoed_raw() {
    let node = format!("n1{TITLE_AND_CLEAR}");
    let link = format!("other/x{TITLE_AND_CLEAR}");
    let theme = "t\u{202E}";
    let dir = maps(&[
        ("a.ron", &article("a", &node, &link, theme)),
        ("b.ron", &article("b", "m1", &format!("a/{node}"), "t")),
    ]);
    let d = dir.path();
    let o = mizan(d, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert_eq!(has_terminal_controls(&o.stdout), None, "{out}");
    assert!(
        out.contains("node id `n1␛]0;pwned␇␛[2J` contains the invisible control character U+001B"),
        "{out}"
    );
    assert!(out.contains("U+202E"), "{out}");
    assert!(
        out.matches("control-char").count() + out.matches("control character").count() >= 3,
        "{out}"
    );
    let o = mizan(d, &["check", "--format", "json"]);
    assert_eq!(has_terminal_controls(&o.stdout), None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let messages = v["diagnostics"].to_string();
    assert!(messages.contains("\\u001b]0;pwned"), "{messages}");

    let o = mizan(d, &["search", "reason"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        has_terminal_controls(&o.stdout),
        None,
        "{}",
        text(&o.stdout)
    );
    assert!(
        text(&o.stdout).contains("a/n1␛]0;pwned␇␛[2J"),
        "{}",
        text(&o.stdout)
    );
    let o = mizan(d, &["search", "reason", "--format", "json"]);
    assert_eq!(has_terminal_controls(&o.stdout), None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["node"], node.as_str(), "JSON keeps the id exactly");

    for args in [
        &["compare", "a", "a"][..],
        &["compare", "a", "a", "--format", "markdown"],
    ] {
        let o = mizan(d, args);
        assert_eq!(has_terminal_controls(&o.stdout), None, "{args:?}");
    }
    let o = Command::new(env!("CARGO_BIN_EXE_mizan"))
        .current_dir(d)
        .arg("--maps")
        .arg("maps")
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(has_terminal_controls(&o.stdout), None, "summary");
}

// Item 3: every export escapes or drops controls in its own syntax, and
// JSON export → import still gives the exact map back.
#[test]
fn exports_carry_no_terminal_controls() {
    let node = format!("n1{TITLE_AND_CLEAR}\u{85}\u{9b}");
    let map = article("a", &node, "a/thesis\u{2067}", "t").replace(
        "claim_en: \"Reason.\"",
        "claim_en: \"Reason \\u{1b}[31m red \\u{202E}desrever \\u{9b}2J\"",
    );
    let dir = maps(&[("a.ron", &map)]);
    let d = dir.path();
    for format in ["markdown", "argdown", "dot", "json"] {
        let o = mizan(d, &["export", "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", text(&o.stderr));
        assert_eq!(
            has_terminal_controls(&o.stdout),
            None,
            "{format}: {}",
            text(&o.stdout)
        );
        assert!(text(&o.stdout).contains("red"), "{format}");
    }
    let o = mizan(d, &["export", "--format", "json", "-o", "a.json"]);
    assert_eq!(o.status.code(), Some(0));
    let o = mizan(d, &["import", "json", "a.json", "-o", "back"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        fs::read(d.join("back/a.ron")).unwrap(),
        mizan::store::canon::article_to_string(
            &mizan::store::parse_article(&d.join("maps/a.ron"), map.as_bytes())
                .0
                .article
                .unwrap()
        )
        .into_bytes()
    );
}

// Item 3: `import` does not echo a crafted file name raw.
#[test]
fn import_errors_escape_file_names() {
    let dir = maps(&[]);
    let d = dir.path();
    fs::write(
        d.join("in.json"),
        json_doc(&format!("{TITLE_AND_CLEAR}.ron"), "ok", 1),
    )
    .unwrap();
    let o = mizan(d, &["import", "json", "in.json", "-o", "maps"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        has_terminal_controls(&o.stderr),
        None,
        "{}",
        text(&o.stderr)
    );
    assert!(text(&o.stderr).contains("␛]0;pwned"), "{}", text(&o.stderr));
}

// Item 6: a FIFO as a map or as the motion is an error for `check`, not a
// hang (the helper fails the test after 60 s).
#[cfg(unix)]
#[test]
fn fifo_maps_are_errors_not_hangs() {
    let dir = maps(&[("a.ron", &article("a", "n1", "x/y", "t"))]);
    let d = dir.path();
    mkfifo(&d.join("maps/x.ron"));
    let o = mizan(d, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stdout).contains("x.ron: error: cannot read the file: not a regular file (a FIFO)"),
        "{}",
        text(&o.stdout)
    );
    fs::remove_file(d.join("maps/motion.ron")).unwrap();
    mkfifo(&d.join("maps/motion.ron"));
    let o = mizan(d, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stdout).contains("motion.ron: error: cannot read the file: not a regular file"),
        "{}",
        text(&o.stdout)
    );
    std::os::unix::fs::symlink("/dev/zero", d.join("maps/z.ron")).unwrap();
    let o = mizan(d, &["check"]);
    assert!(
        text(&o.stdout)
            .contains("z.ron: error: cannot read the file: not a regular file (a device)"),
        "{}",
        text(&o.stdout)
    );
}

// Item 10: a sparse 2 GB map is refused by its size; the limit is
// configurable; a finding in a long one-line file prints a short window.
#[test]
fn huge_inputs_are_refused_or_cut() {
    let dir = maps(&[("a.ron", &article("a", "n1", "x/y", "t"))]);
    let d = dir.path();
    let f = fs::File::create(d.join("maps/big.ron")).unwrap();
    f.set_len(2 << 30).unwrap();
    let o = mizan(d, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("big.ron: error: cannot read the file: the file is larger than"),
        "{out}"
    );
    assert!(out.contains("MIZAN_MAX_FILE_MB"), "{out}");
    fs::remove_file(d.join("maps/big.ron")).unwrap();
    // One line of 3 MB of NULs: under the limit, one short finding.
    fs::write(d.join("maps/nul.ron"), vec![0u8; 3 << 20]).unwrap();
    let o = mizan(d, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        o.stdout.len() < 4000,
        "{} bytes of diagnostics",
        o.stdout.len()
    );
    assert!(
        text(&o.stdout).contains("nul.ron:1:1: error"),
        "{}",
        text(&o.stdout)
    );
    let o = mizan_env(d, &["check"], &[("MIZAN_MAX_FILE_MB", "2")]);
    assert!(
        text(&o.stdout).contains("larger than 2097152 bytes"),
        "{}",
        text(&o.stdout)
    );
}

// Item 11: a full disk is reported (exit 2), a closed pipe is a quiet
// exit 0, never a panic.
#[test]
fn output_errors_do_not_panic() {
    let dir = maps(&[
        ("a.ron", &article("a", "n1", "x/y", "t")),
        ("b.ron", &article("b", "n1", "x/y", "t")),
    ]);
    let d = dir.path();
    let run_into = |args: &[&str], out: Stdio| {
        Command::new(env!("CARGO_BIN_EXE_mizan"))
            .current_dir(d)
            .args(args)
            .env("MIZAN_STATE_DIR", d.join("state"))
            .stdout(out)
            .stderr(Stdio::piped())
            .output()
            .unwrap()
    };
    if std::path::Path::new("/dev/full").exists() {
        for args in [
            &["check"][..],
            &["search", "reason"],
            &["compare", "a", "b"],
            &["fmt", "--check"],
            &["export", "--format", "json"],
            &["--help"],
        ] {
            let full = fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            let o = run_into(args, Stdio::from(full));
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stderr));
            let err = text(&o.stderr);
            assert!(err.contains("No space left"), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
    }
    // A reader that closes its end at once.
    for args in [
        &["search", "reason"][..],
        &["check"],
        &["export", "--format", "dot"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mizan"))
            .current_dir(d)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = text(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(o.status.code(), Some(101), "{args:?}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}
