//! Shared fixtures for the export tests: a small hand-made corpus full of the
//! characters each format treats as syntax, and helpers to find the external
//! tools (which must exist under `CI=true`, and are skipped loudly elsewhere).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use mizan::model::Corpus;
use mizan::store::{self, canon, save};

pub const MOTION: &str = r#"Motion(
    question_en: "US-led forces should withdraw from Iraq",
    question_ar: "ينبغي أن تنسحب القوات التي تقودها الولايات المتحدة من العراق",
    themes: [
        Theme(id: "isis", en: "ISIS threat", ar: "تهديد داعش"),
        Theme(id: "iraqi-forces", en: "Iraqi forces", ar: "القوات العراقية"),
    ],
)
"#;

/// A pro article whose texts hold Argdown, Markdown, DOT and YAML syntax.
pub const A1: &str = r#"Article(
    id: "a1",
    title_en: "Time to go: #1 [view] <now> -- really",
    title_original: "حان وقت الرحيل",
    author: "",
    date: "2024-01",
    date_inferred: true,
    language: "ar",
    stance: Pro,
    rationale_en: "It says \"leave\" {now} === twice ===.",
    rationale_ar: "يدعو إلى الرحيل «الآن».",
    thesis: Node(
        id: "thesis",
        claim_en: "The U.S. should leave: 50% #now [ref] <arg> *x* _y_ {z} a//b :smile: e.g. -- +> \\ |pipe|",
        claim_ar: "إنَّ على القوات الأمريكية أن تغادر (2020) {الآن}",
        quote: "قال \"المسؤول\" } إنّ الوقت حان",
        themes: ["isis", "iraqi-forces"],
        children: [
            Node(
                id: "r1",
                claim_en: "Iraq's forces can fight ISIS alone.",
                claim_ar: "تستطيع القوات العراقية قتال داعش وحدها.",
                relation: Supports,
                themes: ["iraqi-forces"],
                links: [
                    Link(kind: Contradicts, to: "a2/r1"),
                    Link(kind: Agrees, to: "elsewhere/x"),
                ],
                children: [
                    Node(
                        id: "o1",
                        claim_en: "Line one\nline two",
                        claim_ar: "لا",
                        relation: Opposes,
                        note: "a note: with } and \\N",
                    ),
                ],
            ),
        ],
    ),
)
"#;

/// A mixed article with stated bearings and links back to a1, one of them
/// dangling (an export must not invent its target).
pub const A2: &str = r#"Article(
    id: "a2",
    title_en: "Stay, for now",
    title_original: "البقاء مؤقتاً",
    outlet: "Outlet | Name",
    language: "ar",
    stance: Mixed,
    rationale_en: "Both ways.",
    rationale_ar: "في الاتجاهين.",
    thesis: Node(
        id: "thesis",
        claim_en: "It depends.",
        claim_ar: "الأمر يعتمد.",
        children: [
            Node(
                id: "r1",
                claim_en: "ISIS is still a threat.",
                claim_ar: "ما زال داعش يشكل تهديداً.",
                relation: Supports,
                bearing: Against,
                themes: ["isis"],
                links: [
                    Link(kind: Contradicts, to: "a1/r1"),
                    Link(kind: Rebuts, to: "a1/thesis"),
                ],
            ),
            Node(
                id: "r2",
                claim_en: "The talks set a date.",
                claim_ar: "حددت المحادثات موعداً.",
                relation: Supports,
                bearing: For,
                links: [
                    Link(kind: Agrees, to: "a1/thesis"),
                    Link(kind: Rebuts, to: "a1/missing"),
                ],
            ),
        ],
    ),
)
"#;

/// Writes the fixture corpus into `dir` in canonical form (load, then the
/// canonical writer), so that byte-identity tests compare like with like.
pub fn write_fixture(dir: &Path) -> Corpus {
    std::fs::write(dir.join("motion.ron"), MOTION).unwrap();
    std::fs::write(dir.join("a1.ron"), A1).unwrap();
    std::fs::write(dir.join("a2.ron"), A2).unwrap();
    canonicalise(dir)
}

/// Rewrites every map in `dir` canonically and returns the loaded corpus.
pub fn canonicalise(dir: &Path) -> Corpus {
    let corpus = store::load_dir(dir).unwrap();
    if let Some(m) = &corpus.motion {
        save::save_atomic(&corpus.motion_path, canon::motion_to_string(m).as_bytes()).unwrap();
    }
    for e in &corpus.maps {
        let a = e
            .article
            .as_ref()
            .unwrap_or_else(|| panic!("{:?}", e.error));
        save::save_atomic(&e.path, canon::article_to_string(a).as_bytes()).unwrap();
    }
    store::load_dir(dir).unwrap()
}

/// The bundled maps directory, if it holds any article map.
pub fn bundled_maps() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    let corpus = store::load_dir(&dir).ok()?;
    if corpus.maps.is_empty() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "NOTE: maps/ holds no article maps yet; the tools check fixture and generated corpora only"
        );
        None
    } else {
        Some(dir)
    }
}

/// An external tool: `$env_var`, else `local` under the crate (where
/// `.ci/run` installs it), else `name` on PATH. `None` (after a loud note)
/// when missing outside CI; a panic when missing under `CI=true`.
pub fn tool(name: &str, env_var: &str, local: &str) -> Option<PathBuf> {
    let candidates = [
        std::env::var_os(env_var).map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join(local)),
    ];
    for c in candidates.into_iter().flatten() {
        if c.is_file() {
            return Some(c);
        }
    }
    let on_path = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    if on_path.is_some() {
        return on_path;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "`{name}` is required under CI=true but was not found (set {env_var} or run .ci/run)"
        );
    }
    // Written to the stderr handle, not with eprintln!, which the test
    // harness captures and hides for a passing test: a skip must be seen.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "\n!!!! SKIPPED: `{name}` not found ({env_var} unset, no {local}, not on PATH); \
         this check did NOT run. `bash .ci/run` installs it.\n"
    );
    None
}
