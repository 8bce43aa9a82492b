//! What a new user meets at the shell (issue 14): help that lists only what
//! applies, errors that say what is valid, dates checked, a first-run notice.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const MOTION: &str = "Motion(\n    question_en: \"Q\",\n    question_ar: \"س\",\n    themes: [\n        Theme(id: \"t\", en: \"T\", ar: \"ت\"),\n    ],\n)\n";

fn article(id: &str, date: &str) -> String {
    format!(
        "Article(\n    id: \"{id}\",\n    title_en: \"T\",\n    title_original: \"ع\",\n    date: \"{date}\",\n    language: \"ar\",\n    stance: Pro,\n    rationale_en: \"r\",\n    rationale_ar: \"ر\",\n    thesis: Node(\n        id: \"thesis\",\n        claim_en: \"Claim.\",\n        claim_ar: \"ادعاء.\",\n        themes: [\"t\"],\n    ),\n)\n"
    )
}

fn mizan_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mizan"));
    cmd.current_dir(dir).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn mizan(dir: &Path, args: &[&str]) -> Output {
    mizan_env(dir, args, &[])
}

fn maps(articles: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("maps")).unwrap();
    fs::write(dir.path().join("maps/motion.ron"), MOTION).unwrap();
    for (id, date) in articles {
        fs::write(dir.path().join(format!("maps/{id}.ron")), article(id, date)).unwrap();
    }
    dir
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

// A date that no calendar has is an error located on the article, saying the forms.
#[test]
fn check_refuses_impossible_dates() {
    let dir = maps(&[("a", "2025-13-45"), ("b", "2024-09-28"), ("c", "2021-07")]);
    let o = mizan(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let text = out(&o);
    assert!(
        text.contains("maps/a.ron:1:1: error: article date `2025-13-45`: there is no month 13"),
        "{text}"
    );
    assert!(text.contains("YYYY, YYYY-MM or YYYY-MM-DD"), "{text}");
    assert!(!text.contains("b.ron"), "{text}");
    assert!(!text.contains("c.ron"), "{text}");
    // One error is "1 error", not "1 errors".
    assert!(
        text.contains("3 maps, 3 articles, 3 nodes; 1 error, 0 warnings"),
        "{text}"
    );
}

// Comparing an article with itself is a usage error, not a report of agreement.
#[test]
fn compare_refuses_the_same_article_twice() {
    let dir = maps(&[("a", "2024"), ("b", "2024")]);
    let o = mizan(dir.path(), &["compare", "a", "a"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("two different articles"), "{}", err(&o));
    assert!(out(&o).is_empty());
}

// An unknown article in `export --article` names the articles there are.
#[test]
fn export_unknown_article_lists_the_valid_ids() {
    let dir = maps(&[("alpha", "2024"), ("beta", "2024")]);
    let o = mizan(
        dir.path(),
        &["export", "--format", "json", "--article", "nope"],
    );
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(e.contains("no article with id `nope`"), "{e}");
    assert!(e.contains("hint: articles are: alpha, beta"), "{e}");
}

// `--bidi`, `--sources` and `--config` are listed only where they do something.
#[test]
fn help_lists_only_the_options_that_apply() {
    let dir = maps(&[]);
    for cmd in ["fmt", "export", "import", "search", "compare"] {
        let o = mizan(dir.path(), &[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{cmd}");
        let h = out(&o);
        for flag in ["--bidi", "--sources", "--config"] {
            assert!(!h.contains(flag), "`{cmd} --help` lists {flag}:\n{h}");
        }
    }
    let top = out(&mizan(dir.path(), &["--help"]));
    assert!(top.contains("--bidi") && top.contains("--sources"), "{top}");
    let check = out(&mizan(dir.path(), &["check", "--help"]));
    assert!(check.contains("--sources"), "{check}");
}

// `compare --help` states the verdict rules instead of pointing at code docs.
#[test]
fn compare_help_says_the_rules() {
    let dir = maps(&[]);
    let h = out(&mizan(dir.path(), &["compare", "--help"]));
    assert!(!h.contains("mizan::compare"), "{h}");
    assert!(h.contains("clash when one leans for and the other"), "{h}");
    assert!(h.contains("▲ for, ▼ against"), "{h}");
}

// Both spellings of the quote check work: `check --sources D` and `--sources D check`.
#[test]
fn sources_before_or_after_check() {
    let dir = maps(&[("a", "2024")]);
    fs::create_dir(dir.path().join("src")).unwrap();
    for args in [
        &["check", "--sources", "src"][..],
        &["--sources", "src", "check"][..],
    ] {
        let o = mizan(dir.path(), args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", out(&o));
        assert!(!out(&o).contains("no --sources"), "{args:?}: {}", out(&o));
    }
}

// The first run that seeds the data directory says where the maps went; later runs don't.
#[test]
fn first_run_seeding_is_announced_once() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let env = [
        ("HOME", home.path()),
        ("XDG_DATA_HOME", data.as_path()),
        ("XDG_CONFIG_HOME", home.path()),
        ("XDG_STATE_HOME", home.path()),
    ];
    let first = mizan_env(work.path(), &["check"], &env);
    assert!(
        err(&first).contains("first run: copied the bundled maps into"),
        "{}",
        err(&first)
    );
    assert!(
        err(&first).contains(&data.join("mizan/maps").display().to_string()),
        "{}",
        err(&first)
    );
    let second = mizan_env(work.path(), &["check"], &env);
    assert!(!err(&second).contains("first run"), "{}", err(&second));
}

// Completions and the man page come from the clap definition: every subcommand is in them.
#[test]
fn completions_and_man_page_list_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let bash = mizan(dir.path(), &["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0), "{}", err(&bash));
    let man = mizan(dir.path(), &["man"]);
    assert_eq!(man.status.code(), Some(0), "{}", err(&man));
    let (bash, man) = (out(&bash), out(&man));
    assert!(man.starts_with(".ie") || man.contains(".TH mizan"), "{man}");
    for sub in ["check", "fmt", "search", "compare", "export", "import"] {
        assert!(bash.contains(sub), "bash completions lack {sub}");
        assert!(
            man.contains(&format!("MIZAN {}", sub.to_uppercase())),
            "man lacks {sub}"
        );
    }
    // Neither touches the maps: no data directory appears in an empty place.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

// A search that cannot match says why: an unknown theme or article names the
// valid ones, an empty query is a usage error; all exit 2, not a silent 1.
#[test]
fn search_explains_queries_that_cannot_match() {
    let dir = maps(&[("alpha", "2024"), ("beta", "2024")]);
    let o = mizan(dir.path(), &["search", "theme:nonexistent", "claim"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("no theme `nonexistent`"), "{}", err(&o));
    assert!(err(&o).contains("hint: themes are: t"), "{}", err(&o));
    let o = mizan(dir.path(), &["search", "article:nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("hint: articles are: alpha, beta"),
        "{}",
        err(&o)
    );
    let o = mizan(dir.path(), &["search", " "]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("the query is empty"), "{}", err(&o));
    // A known filter with a word still searches.
    let o = mizan(dir.path(), &["search", "article:alpha", "claim"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).starts_with("alpha/thesis"), "{}", out(&o));
}
