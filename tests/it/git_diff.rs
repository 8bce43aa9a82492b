//! `mizan diff`, `mizan git-setup`, `mizan log` and git's structural diff
//! (`git diff` through the diff driver, `git log -p` through textconv), in
//! real repositories (issue 16).

use crate::git_support;

use git_support::*;
use mizan::model::edit::move_to;

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

// git-setup writes the attributes and the local config once, changes
// nothing the second time, and --dry-run writes nothing at all.
#[test]
fn git_setup_is_idempotent_local_and_has_a_dry_run() {
    let r = Repo::new();
    let dry = r.mizan(&["git-setup", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0));
    assert!(stdout(&dry).contains("would write"), "{}", stdout(&dry));
    assert!(!r.path(".gitattributes").exists());
    assert!(
        r.git(&["config", "--local", "--get", "merge.mizan.driver"])
            .stdout
            .is_empty()
    );

    assert_eq!(r.mizan(&["git-setup"]).status.code(), Some(0));
    assert_eq!(r.read(".gitattributes"), "*.ron diff=mizan merge=mizan\n");
    let driver = r.git_ok(&["config", "--local", "--get", "merge.mizan.driver"]);
    assert!(
        driver.trim_end().ends_with("merge %O %A %B --path %P"),
        "{driver}"
    );
    assert!(
        r.git_ok(&["config", "--local", "--get", "diff.mizan.textconv"])
            .contains("textconv")
    );
    let config = r.read(".git/config");

    let again = r.mizan(&["git-setup"]);
    assert!(!stdout(&again).contains("wrote"), "{}", stdout(&again));
    assert_eq!(r.read(".gitattributes"), "*.ron diff=mizan merge=mizan\n");
    assert_eq!(r.read(".git/config"), config);
    // Never the global config.
    assert!(!r.path(".home/.gitconfig").exists());
    assert!(!r.path(".home/git/config").exists());
}

// After git-setup, `git diff` of a moved subtree is one move, not dozens
// of removed and added lines, and `git log -p` shows the textconv form.
#[test]
fn git_diff_and_log_are_structural_after_setup() {
    let r = Repo::new();
    r.setup();
    r.edit(|a| {
        let (n, p) = (idx(a, "energy-pressure"), idx(a, "iraq-needs-commitments"));
        a.apply(move_to(n, p, 0)).unwrap();
    });
    let diff = r.git_ok(&["diff"]);
    assert!(diff.contains("diff --mizan"), "{diff}");
    assert!(
        diff.contains(
            "~ energy-pressure moved: under continued-us-support at 2 → under iraq-needs-commitments at 1"
        ),
        "{diff}"
    );
    assert_eq!(
        diff.lines().filter(|l| l.contains("moved")).count(),
        1,
        "{diff}"
    );

    r.commit_all("move energy-pressure");
    let log = r.git_ok(&["log", "-p", "-1"]);
    assert!(
        log.contains("-[energy-pressure] parent: continued-us-support")
            && log.contains("+[energy-pressure] parent: iraq-needs-commitments"),
        "{log}"
    );
}

// `mizan diff REV REV` reports fields with old and new text (Arabic in
// logical order when piped), as text and JSON, exit 1; equal revisions exit 0.
#[test]
fn mizan_diff_of_revisions() {
    let r = Repo::new();
    r.edit(|a| {
        let n = idx(a, "balanced-relations");
        a.node_mut(n).set_claim_ar("نص جديد (٢٠٢١)");
        a.meta.stance = Some(mizan::model::Stance::Pro);
    });
    r.commit_all("edit");
    let text = r.mizan(&["diff", "HEAD~1", "HEAD"]);
    assert_eq!(text.status.code(), Some(1));
    let out = stdout(&text);
    assert!(out.contains("article stance: Mixed → Pro"), "{out}");
    assert!(out.contains("~ balanced-relations claim_ar:"), "{out}");
    assert!(
        out.contains("+ نص جديد (٢٠٢١)"),
        "logical order when piped:\n{out}"
    );

    let json = r.mizan(&["diff", "--format", "json", "HEAD~1", "HEAD", "--", "maps"]);
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let art = &v["articles"][0];
    assert_eq!(art["path"], MAP);
    assert_eq!(art["status"], "changed");
    assert_eq!(art["nodes"][0]["id"], "balanced-relations");
    assert_eq!(art["nodes"][0]["fields"][0]["new"], "نص جديد (٢٠٢١)");

    assert_eq!(r.mizan(&["diff", "HEAD", "HEAD"]).status.code(), Some(0));
    let bad = r.mizan(&["diff", "HEAD", "no-such-rev"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no-such-rev"));
}

// Two files and two directories compare the same way, without git.
#[test]
fn mizan_diff_of_files_and_directories() {
    let r = Repo::new();
    let old = r.path("old");
    std::fs::create_dir_all(&old).unwrap();
    for f in std::fs::read_dir(r.path("maps")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, old.join(f.file_name().unwrap())).unwrap();
    }
    assert_eq!(r.mizan(&["diff", "old", "maps"]).status.code(), Some(0));
    r.edit(|a| set_claim_en(a, "vienna-raisi", "Edited."));
    let dirs = r.mizan(&["diff", "old", "maps"]);
    assert_eq!(dirs.status.code(), Some(1));
    assert!(stdout(&dirs).contains("~ vienna-raisi claim_en:"));
    let name = MAP.trim_start_matches("maps/");
    let files = r.mizan(&["diff", &format!("old/{name}"), MAP]);
    assert_eq!(files.status.code(), Some(1));
    assert!(stdout(&files).contains("+ Edited."), "{}", stdout(&files));
}

// `mizan log` lists the commits that changed a node, and how, across a
// rename of the article's file.
#[test]
fn mizan_log_follows_a_node_across_a_rename() {
    let r = Repo::new();
    r.edit(|a| set_claim_en(a, "vienna-raisi", "First edit."));
    r.commit_all("first edit");
    r.edit(|a| set_claim_en(a, "iran-main-challenge", "Another node."));
    r.commit_all("unrelated edit");
    r.git_ok(&["mv", MAP, "maps/noonpost.ron"]);
    r.commit_all("rename the file");
    r.edit_at("maps/noonpost.ron", |a| {
        let (n, p) = (idx(a, "vienna-raisi"), idx(a, "thesis"));
        a.apply(move_to(n, p, 0)).unwrap();
    });
    r.commit_all("move vienna-raisi");
    let out = r.mizan(&[
        "--maps",
        "maps",
        "log",
        "noonpost-2021-after-combat-exit/vienna-raisi",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = stdout(&out);
    let subjects: Vec<&str> = log
        .lines()
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.split("  ").last().unwrap_or(""))
        .collect();
    assert_eq!(
        subjects,
        ["move vienna-raisi", "first edit", "base"],
        "{log}"
    );
    assert!(
        log.contains("moved from under iran-may-sabotage to under thesis"),
        "{log}"
    );
    assert!(log.contains("claim_en edited"), "{log}");
    assert!(log.contains("added"), "{log}");
}
