//! The fast path must read exactly what ron reads, or decline.

use proptest::prelude::*;

use super::parse_article;
use crate::model::Article;
use crate::store::canon;
use crate::store::load::ron_options;
use crate::store::locate;
use crate::store::raw::RawArticle;

fn ron_parse(text: &str) -> Option<Article> {
    ron_options()
        .from_str::<RawArticle>(text)
        .ok()
        .map(RawArticle::into_article)
}

/// If the fast path accepts `text`, ron must accept it too with the same
/// article, and the positions must be the ones `locate` finds.
fn agrees_with_ron(text: &str) -> Result<bool, TestCaseError> {
    let Some((fast, positions)) = parse_article(text) else {
        return Ok(false);
    };
    let ron = ron_parse(text);
    prop_assert!(ron.is_some(), "fast accepted what ron rejects:\n{text}");
    prop_assert_eq!(Some(&fast), ron.as_ref());
    prop_assert_eq!(&positions, &locate::node_positions(text));
    Ok(true)
}

// Every generated canonical file takes the fast path and reads as ron reads it.
#[test]
fn canonical_files_take_the_fast_path() {
    for seed in 1..4 {
        let (_, arts) = crate::synthetic::generate(30, 1 + seed as usize * 17, seed);
        for a in &arts {
            let text = canon::article_to_string(a);
            let (fast, positions) = parse_article(&text).expect("canonical text declined");
            assert_eq!(&fast, a);
            assert_eq!(Some(&fast), ron_parse(&text).as_ref());
            assert_eq!(positions, locate::node_positions(&text));
        }
    }
}

// Escapes, empty strings and a childless thesis are part of the subset.
#[test]
fn escapes_and_a_lone_thesis() {
    let (_, arts) = crate::synthetic::generate(1, 1, 9);
    let mut a = arts[0].clone();
    a.nodes[0].set_claim_en("a \"q\" \\ b\nc\td\u{7}e\u{202E}");
    a.nodes[0].set_note(Some(""));
    let text = canon::article_to_string(&a);
    assert!(text.contains("\\u{7}"), "{text}");
    let (fast, _) = parse_article(&text).expect("declined");
    assert_eq!(fast, a);
    assert_eq!(Some(fast), ron_parse(&text));
}

// Raw (unescaped) control characters inside a text are read as ron reads them.
#[test]
fn raw_control_characters_agree_with_ron() {
    let text = sample();
    for c in [
        '\u{0}', '\u{1}', '\u{7f}', '\u{85}', '\u{202e}', '\u{feff}', '\t',
    ] {
        let mutated = text.replacen("claim_en: \"", &format!("claim_en: \"{c}"), 1);
        agrees_with_ron(&mutated).unwrap();
    }
}

fn sample() -> String {
    let (_, arts) = crate::synthetic::generate(2, 9, 5);
    canon::article_to_string(&arts[1])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    // A perturbed canonical file is either declined or read exactly as ron reads it.
    #[test]
    fn perturbed_files_are_declined_or_equal(
        at in 0usize..100_000,
        cut in 0usize..4,
        insert in prop::sample::select(vec![
            "", " ", "\n", ",", "(", ")", "[", "]", "\"", "\\", ":", "//", "/*", "\r",
            "Node(", "id: \"x\",", "Some(", "\\u{41}", "a", "\t", "],\n", "),\n",
            "\u{1}", "\u{7f}", "\u{85}", "\u{202e}", "\u{feff}", "\u{0}",
            "voice: \"x\",\n", "kind: Fact,\n", "genre: News,\n", "stance_basis: Implicit,\n",
            "Explicit", "Proposal",
        ]),
    ) {
        let text = sample();
        let mut at = at % text.len();
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let mutated = format!("{}{}{}", &text[..at], insert, &text[end..]);
        agrees_with_ron(&mutated)?;
    }

    // Swapping two lines (fields out of order, a child moved) never mis-parses.
    #[test]
    fn swapped_lines_are_declined_or_equal(a in 0usize..400, b in 0usize..400) {
        let text = sample();
        let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
        let (a, b) = (a % lines.len(), b % lines.len());
        lines.swap(a, b);
        agrees_with_ron(&lines.concat())?;
    }
}
