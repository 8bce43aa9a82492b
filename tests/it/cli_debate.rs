//! `mizan debate` and `mizan timeline` from the shell, on the bundled maps.
//! Expectations are read off the RON files: walldorf's `talks-plan-2026`
//! (a claim walldorf reports, with a `voice`) agrees with saadi's
//! `talks-two-years` (saadi's own) and contradicts saber's `talks-buy-time`;
//! the dates are `2020-12-03` (inferred), `2021-07`, `2024` (twice,
//! inferred) and `2024-09-28`.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn maps() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("maps")
}

fn mizan(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_mizan"))
        .current_dir(dir.path())
        .arg("--maps")
        .arg(maps())
        .args(args)
        .output()
        .unwrap()
}

fn json(args: &[&str]) -> Value {
    let o = mizan(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn clusters(v: &Value, side: &str) -> Vec<Value> {
    v["sides"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["bearing"] == side)
        .unwrap()["clusters"]
        .as_array()
        .unwrap()
        .clone()
}

fn members(c: &Value) -> Vec<&str> {
    c["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["node"].as_str().unwrap())
        .collect()
}

// The agreeing pair is one argument for the motion, made by saadi and
// reported by walldorf, and contested by saber's contradicted node.
#[test]
fn debate_json_joins_agreeing_nodes_and_lists_the_contradiction() {
    let v = json(&["debate", "--format", "json"]);
    let pro = clusters(&v, "for");
    let talks = pro
        .iter()
        .find(|c| members(c).contains(&"walldorf-2024-time-to-act/talks-plan-2026"))
        .unwrap();
    assert_eq!(
        members(talks),
        [
            "saadi-2024-iraq-without-coalition/talks-two-years",
            "walldorf-2024-time-to-act/talks-plan-2026"
        ]
    );
    assert_eq!(
        (&talks["makers"], &talks["reporters"]),
        (&1.into(), &1.into())
    );
    let makes: Vec<(&str, bool)> = talks["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["makes"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        makes,
        [
            ("saadi-2024-iraq-without-coalition", true),
            ("walldorf-2024-time-to-act", false)
        ]
    );
    assert!(talks["members"][1]["voice"].is_string());
    assert_eq!(talks["contested"], true);
    assert_eq!(talks["themes"], serde_json::json!(["negotiations"]));
    let opp = &talks["opposed"][0];
    assert_eq!(opp["kind"], "contradicts");
    assert_eq!(opp["direction"], "to");
    assert_eq!(opp["to"], "saber-2024-cautious-arrangements/talks-buy-time");
    // ranked: no argument on the side is made by more articles than the first
    let makers: Vec<u64> = pro.iter().map(|c| c["makers"].as_u64().unwrap()).collect();
    assert!(makers.windows(2).all(|w| w[0] >= w[1]), "{makers:?}");
    assert!(clusters(&v, "split").is_empty());
}

// --theme keeps only arguments with a node on the theme; the text report
// names the filter and marks contested arguments with `!`.
#[test]
fn debate_theme_filter_and_text() {
    let v = json(&["debate", "--theme", "negotiations", "--format", "json"]);
    let all: Vec<Value> = ["for", "against", "split", "neither"]
        .iter()
        .flat_map(|s| clusters(&v, s))
        .collect();
    assert!(!all.is_empty());
    for c in &all {
        assert!(
            c["themes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == "negotiations"),
            "{c}"
        );
    }
    let o = mizan(&["debate", "--theme", "negotiations"]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("Only: theme negotiations"), "{text}");
    assert!(
        text.contains("] ! US and Iraqi military officials"),
        "{text}"
    );
    let md = String::from_utf8(mizan(&["debate", "--format", "markdown"]).stdout).unwrap();
    assert!(md.starts_with("# The debate\n"));
    assert!(md.contains("## For the motion ("));
}

// A misspelt theme is a usage error naming the themes, not an empty report.
#[test]
fn debate_unknown_theme_is_an_error() {
    let o = mizan(&["debate", "--theme", "isiss"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no theme `isiss`") && err.contains("hint: themes are: isis"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

// The timeline puts the articles in date order with partial dates as spans.
#[test]
fn timeline_json_and_text() {
    let v = json(&["timeline", "--format", "json"]);
    let arts = v["articles"].as_array().unwrap();
    let dates: Vec<&str> = arts.iter().map(|a| a["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        ["2020-12-03", "2021-07", "2024", "2024", "2024-09-28"]
    );
    assert_eq!(arts[1]["first"], "2021-07-01");
    assert_eq!(arts[1]["last"], "2021-07-31");
    assert_eq!(arts[1]["precision"], "month");
    assert_eq!(arts[2]["precision"], "year");
    assert_eq!(arts[2]["last"], "2024-12-31");
    assert_eq!(arts[2]["inferred"], true);
    assert_eq!(arts[4]["inferred"], false);
    assert_eq!(v["range"]["first"], "2020-12-03");
    let text = String::from_utf8(mizan(&["timeline"]).stdout).unwrap();
    assert!(text.contains("2024-09-28"), "{text}");
    assert!(
        text.contains("walldorf-2024-time-to-act (pro), the day"),
        "{text}"
    );
    assert!(text.contains("saadi-2024-iraq-without-coalition (mixed), the year, inferred"));
}
