//! Issue 20, items 5 and 14: a recovery of unsaved edits is never
//! overwritten before it is restored, never lost in part, falls back to a
//! temporary directory when the state directory is unwritable, and brings
//! back only files of the maps directory it is opened in.

use std::fs;
use std::path::Path;

use mizan::store::recovery::{self, RecoveredFile, Recovery};
use mizan::store::restore;

const MAP: &str = "Article(\n    id: \"a\",\n    title_en: \"T\",\n    title_original: \"ع\",\n    language: \"ar\",\n    stance: Pro,\n    rationale_en: \"r\",\n    rationale_ar: \"ر\",\n    thesis: Node(\n        id: \"thesis\",\n        claim_en: \"Edited.\",\n        claim_ar: \"ج\",\n    ),\n)\n";

fn rec(maps: &Path, files: &[(&Path, &str)]) -> Recovery {
    Recovery::new(
        maps.to_path_buf(),
        files
            .iter()
            .map(|(p, t)| RecoveredFile {
                path: p.to_path_buf(),
                text: (*t).to_owned(),
            })
            .collect(),
    )
}

// Item 5: a recovery nobody restored yet (dismissed, or another
// instance's) is not overwritten by the next one; both are offered in turn.
#[test]
fn an_unrestored_recovery_is_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let (state, maps) = (tmp.path().join("state"), tmp.path().join("maps"));
    fs::create_dir(&maps).unwrap();
    let first = rec(&maps, &[(&maps.join("a.ron"), "first")]);
    let p1 = recovery::write(&state, &first).unwrap();
    let second = rec(&maps, &[(&maps.join("a.ron"), "second")]);
    let p2 = recovery::write(&state, &second).unwrap();
    assert_ne!(p1, p2);
    assert_eq!(
        recovery::pending(&state, &maps),
        vec![p1.clone(), p2.clone()]
    );
    assert_eq!(recovery::read(&state, &maps).unwrap(), Some(first));
    recovery::discard(&state, &maps).unwrap();
    assert_eq!(recovery::read(&state, &maps).unwrap(), Some(second));
    recovery::discard(&state, &maps).unwrap();
    assert_eq!(recovery::read(&state, &maps).unwrap(), None);
}

// Item 5: with an unwritable state directory the recovery goes to the
// temporary directory, under a name the caller can report.
#[test]
fn unwritable_state_dir_falls_back_to_a_temp_file() {
    let tmp = tempfile::tempdir().unwrap();
    let blocked = tmp.path().join("state");
    fs::write(&blocked, "a file, not a directory").unwrap();
    let path = recovery::path_for(&blocked, tmp.path());
    let went = recovery::write_with_fallback(&path, b"edits").unwrap();
    assert!(went.starts_with(std::env::temp_dir()), "{}", went.display());
    assert_eq!(fs::read(&went).unwrap(), b"edits");
    fs::remove_file(went).unwrap();
}

// Items 5 and 14: what parses and belongs here is restored; a damaged
// entry and one outside the maps directory are refused with a reason and
// kept in a file of their own, not deleted with the recovery.
#[test]
fn restore_keeps_what_it_cannot_restore() {
    let tmp = tempfile::tempdir().unwrap();
    let (state, maps) = (tmp.path().join("state"), tmp.path().join("maps"));
    fs::create_dir(&maps).unwrap();
    let outside = tmp.path().join("elsewhere/x.ron");
    let sneaky = maps.join("../elsewhere/y.ron");
    let r = rec(
        &maps,
        &[
            (&maps.join("a.ron"), MAP),
            (&maps.join("b.ron"), "Article(id: \"b\", broken"),
            (&outside, MAP),
            (&sneaky, MAP),
            (&maps.join("motion.ron"), MAP),
        ],
    );
    recovery::write(&state, &r).unwrap();
    let sorted = restore::sort(&r, &maps);
    assert_eq!(sorted.restore.len(), 1);
    assert_eq!(sorted.restore[0].path, maps.join("a.ron"));
    let reasons: Vec<&str> = sorted.refused.iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(reasons[0].contains("does not parse"), "{reasons:?}");
    for why in &reasons[1..] {
        assert!(why.contains("not in the maps directory"), "{why}");
    }
    let kept = restore::finish(&state, &r, &sorted.refused)
        .unwrap()
        .expect("a file for the refused entries");
    assert_eq!(
        recovery::read(&state, &maps).unwrap(),
        None,
        "not offered again"
    );
    let back: Recovery = ron::from_str(&fs::read_to_string(&kept).unwrap()).unwrap();
    assert_eq!(back.files.len(), 4);
    assert_eq!(back.files[0].text, "Article(id: \"b\", broken");
    // Nothing was written outside the maps directory.
    assert!(!outside.exists() && !tmp.path().join("elsewhere").exists());
}
