//! Bad map files: each must end in a located diagnostic, never a panic, and
//! never stop the other files of the directory from loading.

use std::fs;
use std::path::Path;

use mizan::model::{Diagnostic, validate};
use mizan::store::{canon, load_dir};

const MOTION: &str = r#"Motion(
    question_en: "Q",
    question_ar: "س",
    themes: [
        Theme(id: "t", en: "T", ar: "ت"),
    ],
)
"#;

const GOOD: &str = r#"Article(
    id: "good",
    title_en: "Good",
    title_original: "جيد",
    language: "ar",
    stance: Pro,
    rationale_en: "r",
    rationale_ar: "ر",
    thesis: Node(
        id: "thesis",
        claim_en: "Claim.",
        claim_ar: "ادعاء.",
        themes: ["t"],
    ),
)
"#;

/// A maps directory holding the motion, one good map and `name` with `bytes`;
/// returns every diagnostic after checking that the good map still loaded.
fn check_with(name: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("motion.ron"), MOTION).unwrap();
    fs::write(dir.path().join("a-good.ron"), GOOD).unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    diagnostics(dir.path())
}

fn diagnostics(dir: &Path) -> Vec<Diagnostic> {
    let corpus = load_dir(dir).unwrap();
    assert!(
        corpus.map_of("good").is_some(),
        "the good map must load whatever its neighbour holds"
    );
    validate::validate(&corpus, dir, None)
}

/// The one error for `name`, asserting it is located at line:col and says `words`.
fn only_error(diags: &[Diagnostic], name: &str, line: u32, col: u32, words: &str) {
    let errs: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errs.len(), 1, "{diags:#?}");
    let d = errs[0];
    assert!(d.path.ends_with(name), "{d}");
    assert_eq!((d.line, d.col), (line, col), "{d}");
    assert!(d.message.contains(words), "expected {words:?} in: {d}");
}

// An empty file is reported as empty, at its start.
#[test]
fn empty_file() {
    only_error(&check_with("x.ron", b""), "x.ron", 1, 1, "empty");
}

// A file cut off mid-way says it ends too early, where it ends.
#[test]
fn truncated_file() {
    let cut = &GOOD[..GOOD.find("claim_ar").unwrap()];
    let d = check_with("x.ron", cut.as_bytes());
    // Located right after the last complete token.
    only_error(&d, "x.ron", 11, 28, "ends too early");
}

// A missing `)` is located at the token that gave it away, with the line shown.
#[test]
fn missing_parenthesis() {
    let bad = GOOD.replace("themes: [\"t\"],\n    ),", "themes: [\"t\"],\n    ");
    let diags = check_with("x.ron", bad.as_bytes());
    let d = diags.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(d.line, 15, "{d}");
    assert!(d.snippet.is_some(), "the offending line is shown: {d}");
    assert!(d.to_string().contains("x.ron:15:"), "{d}");
}

// A string where an enum is expected names the allowed values.
#[test]
fn string_for_enum() {
    let bad = GOOD.replace("stance: Pro", "stance: \"pro\"");
    let diags = check_with("x.ron", bad.as_bytes());
    let d = diags.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(d.line, 6, "{d}");
    assert!(d.message.contains("not a text in quotes"), "{d}");
    assert!(d.hint.as_deref().unwrap_or("").contains("`Pro`"), "{d}");
}

// Issue 13: a wrong claim kind or genre names the allowed values at its
// place; a speaker without quotes asks for quotes; a voiced thesis is refused.
#[test]
fn bad_voice_kind_genre() {
    let bad = GOOD.replace(
        "claim_ar: \"ادعاء.\",\n",
        "claim_ar: \"ادعاء.\",\n        kind: Rumour,\n",
    );
    let d = check_with("x.ron", bad.as_bytes());
    only_error(&d, "x.ron", 13, 15, "`Rumour` is not one of");
    assert!(
        d.iter().any(|d| d.message.contains("`Prediction`")),
        "{d:#?}"
    );
    let bad = GOOD.replace("language:", "genre: Opinon,\n    language:");
    only_error(
        &check_with("x.ron", bad.as_bytes()),
        "x.ron",
        5,
        12,
        "`Opinon` is not one of",
    );
    let bad = GOOD.replace(
        "claim_ar: \"ادعاء.\",\n",
        "claim_ar: \"ادعاء.\",\n        voice: US officials,\n",
    );
    let d = check_with("x.ron", bad.as_bytes());
    assert!(d.iter().any(|d| d.is_error() && d.line == 13), "{d:#?}");
    let bad = GOOD
        .replace(
            "claim_ar: \"ادعاء.\",\n",
            "claim_ar: \"ادعاء.\",\n        voice: \"critics\",\n",
        )
        .replace("id: \"good\"", "id: \"x\"");
    only_error(
        &check_with("x.ron", bad.as_bytes()),
        "x.ron",
        10,
        9,
        "the thesis has the voice `critics`",
    );
}

// A typo in a field name is an unknown field, with the known fields as a hint.
#[test]
fn unknown_field() {
    let bad = GOOD.replace("claim_ar:", "claim_arr:");
    let diags = check_with("x.ron", bad.as_bytes());
    only_error(&diags, "x.ron", 12, 9, "unknown field `claim_arr`");
    let d = diags.iter().find(|d| d.is_error()).unwrap();
    assert!(d.hint.as_deref().unwrap_or("").contains("claim_ar"), "{d}");
}

// Bytes that are not UTF-8 are located at the first bad byte.
#[test]
fn invalid_utf8() {
    let mut bad = GOOD.as_bytes().to_vec();
    let at = GOOD.find("Good").unwrap();
    bad[at] = 0xFF;
    only_error(
        &check_with("x.ron", &bad),
        "x.ron",
        3,
        16,
        "not valid UTF-8",
    );
}

// A byte-order mark is accepted with a warning; the map loads.
#[test]
fn utf8_bom() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(GOOD.replace("\"good\"", "\"bom\"").as_bytes());
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("motion.ron"), MOTION).unwrap();
    fs::write(dir.path().join("a-good.ron"), GOOD).unwrap();
    fs::write(dir.path().join("bom.ron"), bytes).unwrap();
    let corpus = load_dir(dir.path()).unwrap();
    assert!(corpus.map_of("bom").is_some());
    let diags = validate::validate(&corpus, dir.path(), None);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].code, "bom");
    assert!(!diags[0].is_error());
}

// CRLF line endings are accepted without any finding.
#[test]
fn crlf_accepted() {
    let crlf = GOOD.replace("\"good\"", "\"crlf\"").replace('\n', "\r\n");
    let diags = check_with("crlf.ron", crlf.as_bytes());
    assert!(diags.is_empty(), "{diags:#?}");
}

// 100,000 levels of nesting give an error, not a stack overflow.
#[test]
fn deep_nesting() {
    let mut s = String::from("Article(id: \"deep\", thesis: ");
    for _ in 0..100_000 {
        s.push_str("Node(id: \"n\", children: [");
    }
    let d = check_with("deep.ron", s.as_bytes());
    let e = d.iter().find(|d| d.is_error()).unwrap();
    assert!(e.message.contains("nested deeper"), "{e}");
    assert_eq!(e.line, 1);
}

// A 50 MB file of garbage is rejected at its first byte, quickly and whole.
#[test]
fn fifty_megabytes() {
    let big = vec![b'x'; 50 * 1024 * 1024];
    let d = check_with("big.ron", &big);
    let e = d.iter().find(|d| d.is_error()).unwrap();
    assert_eq!((e.line, e.col), (1, 1), "{e}");
}

// A 50 MB valid map (long notes) loads.
#[test]
fn fifty_megabyte_map_loads() {
    let note = "ن".repeat(25 * 1024 * 1024);
    let big = GOOD.replace("\"good\"", "\"big\"").replace(
        "themes: [\"t\"],",
        &format!("themes: [\"t\"],\n        note: \"{note}\","),
    );
    let diags = check_with("big.ron", big.as_bytes());
    assert!(diags.is_empty(), "{:?}", diags.first().map(|d| &d.message));
}

// A file that is not RON at all (JSON here) says what it expected.
#[test]
fn not_ron() {
    let d = check_with("x.ron", br#"{"id": "x"}"#);
    let e = d.iter().find(|d| d.is_error()).unwrap();
    assert_eq!((e.line, e.col), (1, 1), "{e}");
    assert!(e.message.contains("Article"), "{e}");
}

// A directory without motion.ron is an error, yet the maps still load.
#[test]
fn no_motion_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a-good.ron"), GOOD).unwrap();
    let diags = diagnostics(dir.path());
    assert!(
        diags.iter().any(|d| d.code == "no-motion" && d.is_error()),
        "{diags:#?}"
    );
}

// Two files with one article id: the second is an error naming the first.
#[test]
fn duplicate_article_id() {
    let d = check_with("b-dup.ron", GOOD.as_bytes());
    only_error(&d, "b-dup.ron", 1, 1, "already used by");
    assert!(d[0].message.contains("a-good.ron"));
}

// A symlink loop is reported as an unreadable file; the rest load.
#[test]
fn symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("motion.ron"), MOTION).unwrap();
    fs::write(dir.path().join("a-good.ron"), GOOD).unwrap();
    std::os::unix::fs::symlink("loop.ron", dir.path().join("loop.ron")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("sub")).unwrap();
    let diags = diagnostics(dir.path());
    only_error(&diags, "loop.ron", 0, 0, "cannot read");
}

// Semantic errors are located at the node they concern.
#[test]
fn semantic_errors_are_located() {
    let bad = GOOD.replace(
        "themes: [\"t\"],\n    ),",
        "themes: [\"t\"],\n        children: [\n            Node(\n                id: \"thesis\",\n                claim_en: \"\",\n                claim_ar: \"x\u{202E}\",\n                themes: [\"nope\"],\n                links: [Link(kind: Agrees, to: \"good/none\")],\n            ),\n        ],\n    ),",
    );
    let bad = bad
        .replace("\"good\"", "\"sem\"")
        .replace("good/none", "sem/none");
    let diags = check_with("sem.ron", bad.as_bytes());
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    for want in [
        "duplicate-id",
        "empty-claim",
        "control-char",
        "unknown-theme",
        "dangling-link",
        "missing-relation",
    ] {
        let d = diags
            .iter()
            .find(|d| d.code == want)
            .unwrap_or_else(|| panic!("no {want} in {codes:?}"));
        assert_eq!((d.line, d.col), (16, 17), "{d}");
    }
}

// Missing stance and a mixed article's unstated top-level bearing are errors.
#[test]
fn missing_stance_and_bearing() {
    let no_stance = GOOD
        .replace("    stance: Pro,\n", "")
        .replace("\"good\"", "\"ns\"");
    let d = check_with("ns.ron", no_stance.as_bytes());
    only_error(&d, "ns.ron", 1, 1, "no stance");

    let mixed = GOOD.replace("stance: Pro", "stance: Mixed").replace("\"good\"", "\"mx\"").replace(
        "themes: [\"t\"],\n    ),",
        "themes: [\"t\"],\n        children: [\n            Node(id: \"r\", claim_en: \"a\", claim_ar: \"ب\", relation: Supports, themes: [\"t\"]),\n        ],\n    ),",
    );
    let d = check_with("mx.ron", mixed.as_bytes());
    only_error(&d, "mx.ron", 15, 18, "no bearing");
    assert!(d[0].hint.as_deref().unwrap_or("").contains("mixed"));
}

// The canonical writer reproduces a canonical file byte for byte.
#[test]
fn canonical_roundtrip() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("motion.ron"), MOTION).unwrap();
    fs::write(dir.path().join("a-good.ron"), GOOD).unwrap();
    let corpus = load_dir(dir.path()).unwrap();
    assert_eq!(
        canon::motion_to_string(corpus.motion.as_ref().unwrap()),
        MOTION
    );
    assert_eq!(canon::article_to_string(corpus.article(0).unwrap()), GOOD);
}

// Findings the curator of the bundled maps asked for: an empty quote, a link
// into the same article, a duplicate link, a thesis bearing against the stance.
#[test]
fn curator_findings() {
    let bad = GOOD
        .replace("\"good\"", "\"cf\"")
        .replace(
            "        themes: [\"t\"],\n    ),",
            "        bearing: Against,\n        quote: \" \",\n        themes: [\"t\"],\n        links: [\n            Link(kind: Agrees, to: \"cf/thesis\"),\n            Link(kind: Agrees, to: \"cf/thesis\"),\n        ],\n    ),",
        );
    let diags = check_with("cf.ron", bad.as_bytes());
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "empty-quote",
            "bearing-conflict",
            "link-same-article",
            "link-same-article",
            "duplicate-link"
        ],
        "{diags:#?}"
    );
    assert!(
        diags[1].message.contains("stance gives for"),
        "{}",
        diags[1]
    );
}

/// An article whose tree is `levels` deep (the thesis is level 1).
fn nested(levels: usize) -> String {
    let mut s = String::from("Article(id: \"deep\", stance: Pro, thesis: ");
    for i in 0..levels {
        s.push_str(&format!(
            "Node(id: \"n{i}\", claim_en: \"x\", claim_ar: \"ي\", relation: Supports, themes: [\"t\"], children: ["
        ));
    }
    s.push_str(&"])".repeat(levels));
    s.push(')');
    s
}

// The depth limit is what its message says: 100 levels load, 101 do not.
#[test]
fn depth_limit_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("motion.ron"), MOTION).unwrap();
    fs::write(
        dir.path().join("deep.ron"),
        nested(mizan::store::load::MAX_DEPTH),
    )
    .unwrap();
    let corpus = load_dir(dir.path()).unwrap();
    assert_eq!(corpus.node_count(), mizan::store::load::MAX_DEPTH);
    fs::write(
        dir.path().join("deep.ron"),
        nested(mizan::store::load::MAX_DEPTH + 1),
    )
    .unwrap();
    let corpus = load_dir(dir.path()).unwrap();
    let err = corpus.maps[0]
        .error
        .as_ref()
        .expect("101 levels are refused");
    assert!(err.message.contains("deeper than 100 levels"), "{err}");
}
