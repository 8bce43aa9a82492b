//! `mizan search` from the shell: output lines, JSON, filters, exit codes.

use std::fs;
use std::process::{Command, Output};

const MOTION: &str = "Motion(\n    question_en: \"Q\",\n    question_ar: \"س\",\n    themes: [\n        Theme(id: \"isis\", en: \"ISIS threat\", ar: \"تهديد داعش\"),\n    ],\n)\n";

const PRO: &str = "Article(\n    id: \"pro-art\",\n    title_en: \"Leave now\",\n    title_original: \"ارحلوا الآن\",\n    language: \"ar\",\n    stance: Pro,\n    rationale_en: \"r\",\n    rationale_ar: \"ر\",\n    thesis: Node(\n        id: \"thesis\",\n        claim_en: \"US forces should leave Iraq.\",\n        claim_ar: \"على القوات الأمريكية مغادرة العراق.\",\n        children: [\n            Node(\n                id: \"isis-gone\",\n                claim_en: \"The Islamic State is defeated.\",\n                claim_ar: \"هُزِمَت الدَّوْلَةُ الإسلامية.\",\n                relation: Supports,\n                themes: [\"isis\"],\n            ),\n        ],\n    ),\n)\n";

const ANTI: &str = "Article(\n    id: \"anti-art\",\n    title_en: \"Stay\",\n    title_original: \"ابقوا\",\n    language: \"ar\",\n    stance: Anti,\n    rationale_en: \"r\",\n    rationale_ar: \"ر\",\n    thesis: Node(\n        id: \"thesis\",\n        claim_en: \"The Islamic State would return after a withdrawal.\",\n        claim_ar: \"ستعود الدولة الاسلامية بعد الانسحاب.\",\n        themes: [\"isis\"],\n    ),\n)\n";

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
    fs::write(dir.path().join("maps/pro-art.ron"), PRO).unwrap();
    fs::write(dir.path().join("maps/anti-art.ron"), ANTI).unwrap();
    dir
}

fn lines(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

// An Arabic query without hamza or ta marbuta finds both spellings, one line each.
#[test]
fn arabic_query_lists_hits_one_per_line() {
    let dir = maps_dir();
    let o = mizan(dir.path(), &["search", "الدوله", "الاسلاميه"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let out = lines(&o);
    assert_eq!(out.len(), 2, "{out:?}");
    let addrs: Vec<&str> = out.iter().filter_map(|l| l.split("  ").next()).collect();
    assert!(addrs.contains(&"pro-art/isis-gone") && addrs.contains(&"anti-art/thesis"));
    // The Arabic claim is printed when the Arabic claim is what matched.
    let fields: Vec<&str> = out[0].split("  ").collect();
    assert_eq!(fields.len(), 3, "{out:?}");
    assert!(fields[1].parse::<i64>().unwrap() > 0);
    assert!(fields[2].contains("الدولة") || fields[2].contains("الدَّوْلَةُ"));
}

// Filters narrow the hits; --maps points at another directory.
#[test]
fn filters_and_maps_flag() {
    let dir = maps_dir();
    let maps = dir.path().join("maps");
    let o = mizan(
        std::path::Path::new("/"),
        &[
            "--maps",
            maps.to_str().unwrap(),
            "search",
            "islamic",
            "stance:anti",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(lines(&o).len(), 1);
    assert!(lines(&o)[0].starts_with("anti-art/thesis  "));
    let o = mizan(dir.path(), &["search", "theme:isis", "article:pro-art"]);
    assert_eq!(lines(&o).len(), 1);
    assert!(lines(&o)[0].starts_with("pro-art/isis-gone  "));
}

// Nothing found exits 1 with no output; a bad filter is a usage error (2).
#[test]
fn exit_codes() {
    let dir = maps_dir();
    let o = mizan(dir.path(), &["search", "zzzqqq"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let o = mizan(dir.path(), &["search", "iraq", "stance:maybe"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown stance"));
}

// JSON carries the address, stance and highlight ranges into the original text.
#[test]
fn json_output_with_ranges() {
    let dir = maps_dir();
    let o = mizan(
        dir.path(),
        &["search", "--format", "json", "--limit", "1", "IRAQ"],
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hits = v.as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["address"], "pro-art/thesis");
    assert_eq!(hits[0]["stance"], "pro");
    let m = &hits[0]["matches"][0];
    let text = m["text"].as_str().unwrap();
    let r = &m["ranges"][0];
    let (a, b) = (
        r[0].as_u64().unwrap() as usize,
        r[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], "Iraq");
}

// Issue 15: a partial hit still prints, naming the word it lacks; the claim
// comes in the language that matched; an empty result says why on stderr.
#[test]
fn partial_hits_language_and_why_empty() {
    let dir = maps_dir();
    let o = mizan(dir.path(), &["search", "withdrawal", "zzzq"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let out = lines(&o);
    assert_eq!(out.len(), 1, "{out:?}");
    assert!(out[0].starts_with("anti-art/thesis  "), "{out:?}");
    assert!(out[0].contains("return after a withdrawal"), "{out:?}");
    assert!(out[0].ends_with("  (without: zzzq)"), "{out:?}");
    // An Arabic word (another form: «للانسحاب» for «الانسحاب») prints the Arabic claim.
    let o = mizan(dir.path(), &["search", "للانسحاب"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(lines(&o)[0].contains("ستعود الدولة الاسلامية"), "{o:?}");
    let o = mizan(dir.path(), &["search", "zzzq", "qqxx"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no node has any of the words `zzzq`, `qqxx`"),
        "{err}"
    );
    // An article that is not in the maps is a usage error naming the articles.
    let o = mizan(dir.path(), &["search", "islamic", "article:nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no article `nope` in the maps"));
    let o = mizan(
        dir.path(),
        &["search", "--format", "json", "islamic", "zzzq"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["words"][0]["match"], "exact");
    assert!(v[0]["words"][1]["match"].is_null());
}

// Issue 13: `voice:` and `kind:` filter from the shell, a reported hit is
// marked with its speaker, JSON carries voice and kind, and a bad kind is a
// usage error whose hint lists the filters.
#[test]
fn voice_and_kind_filters() {
    let dir = maps_dir();
    let pro = PRO.replace(
        "claim_ar: \"هُزِمَت الدَّوْلَةُ الإسلامية.\",\n",
        "claim_ar: \"هُزِمَت الدَّوْلَةُ الإسلامية.\",\n                voice: \"US officials\",\n                kind: Fact,\n",
    );
    fs::write(dir.path().join("maps/pro-art.ron"), pro).unwrap();
    let o = mizan(dir.path(), &["search", "voice:reported"]);
    let out = lines(&o);
    assert_eq!(out.len(), 1, "{out:?}");
    assert!(out[0].starts_with("pro-art/isis-gone  "), "{out:?}");
    assert!(
        out[0].ends_with("‹US officials› The Islamic State is defeated."),
        "{out:?}"
    );
    let o = mizan(dir.path(), &["search", "islamic", "voice:own"]);
    assert_eq!(lines(&o).len(), 1, "{:?}", lines(&o));
    assert!(lines(&o)[0].starts_with("anti-art/thesis"));
    let o = mizan(dir.path(), &["search", "kind:fact", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["voice"], "US officials");
    assert_eq!(v[0]["kind"], "fact");
    let o = mizan(dir.path(), &["search", "kind:rumour"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("kind:fact|prediction"));
}
