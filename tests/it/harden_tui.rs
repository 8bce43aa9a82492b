//! Issue 20 in the UI: saving when no backup can be kept (item 13), a
//! reload that replaces edits keeps them (item 4), and a restore brings
//! back only what belongs to the maps directory and parses, saying what it
//! kept (items 5 and 14). Driven through `update` on a scratch copy of the
//! fixture maps.

use crate::common;

use std::fs;

use common::{app_in, keys, scratch, screen};
use mizan::store::recovery::{self, RecoveredFile, Recovery};
use mizan::tui::app::Overlay;

// Item 13: the state directory cannot hold a backup; saving says why and
// offers to save without one, which then works.
#[test]
fn save_without_a_backup_is_offered() {
    let (maps, state, _t) = scratch();
    fs::write(&state, "a file where the state directory should be").unwrap();
    let before = fs::read_to_string(maps.join("alpha.ron")).unwrap();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j J C-s");
    assert!(matches!(a.overlays.last(), Some(Overlay::Ask(_))));
    let shown = screen(&a);
    assert!(shown.contains("No backup possible"), "{shown}");
    assert!(shown.contains("save without a backup"), "{shown}");
    assert_eq!(fs::read_to_string(maps.join("alpha.ron")).unwrap(), before);
    keys(&mut a, "w");
    assert_eq!(a.flash.as_deref(), Some("saved alpha.ron (no backup kept)"));
    assert!(a.ws.history.dirty_maps().is_empty());
    assert_ne!(fs::read_to_string(maps.join("alpha.ron")).unwrap(), before);
}

// Item 4: choosing "reload" in the conflict question keeps the edits it
// replaces as a recovery, offered at the next start.
#[test]
fn reload_over_edits_keeps_them() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j J");
    let mine = mizan::store::canon::article_to_string(a.ws.corpus.article(0).unwrap());
    let theirs = fs::read_to_string(maps.join("alpha.ron"))
        .unwrap()
        .replace("title_en: \"", "title_en: \"Theirs: ");
    fs::write(maps.join("alpha.ron"), &theirs).unwrap();
    keys(&mut a, "C-s r");
    let flash = a.flash.clone().unwrap_or_default();
    assert!(flash.contains("your edits are kept in"), "{flash}");
    assert!(
        a.ws.corpus
            .article(0)
            .unwrap()
            .meta
            .title_en
            .starts_with("Theirs: ")
    );
    let r = recovery::read(&state, &maps).unwrap().expect("a recovery");
    assert_eq!(r.files.len(), 1);
    assert_eq!(r.files[0].text, mine);
    // The next start offers it.
    let b = app_in(&maps, &state);
    assert!(screen(&b).contains("Unsaved edits recovered"));
}

// Items 5 and 14: a recovery naming a file outside the maps directory and
// one that does not parse: neither is restored, both are kept and shown.
#[test]
fn restore_refuses_outside_and_broken_entries() {
    let (maps, state, t) = scratch();
    let alpha = fs::read_to_string(maps.join("alpha.ron")).unwrap();
    let edited = alpha.replace("title_en: \"", "title_en: \"Restored: ");
    let outside = t.path().join("elsewhere.ron");
    let r = Recovery::new(
        maps.clone(),
        vec![
            RecoveredFile {
                path: maps.join("alpha.ron"),
                text: edited,
            },
            RecoveredFile {
                path: outside.clone(),
                text: alpha.clone(),
            },
            RecoveredFile {
                path: maps.join("beta.ron"),
                text: "Article(".into(),
            },
        ],
    );
    recovery::write(&state, &r).unwrap();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "r");
    assert!(
        a.ws.corpus
            .article(0)
            .unwrap()
            .meta
            .title_en
            .starts_with("Restored: ")
    );
    assert_eq!(a.ws.history.dirty_maps(), vec![0]);
    let shown = screen(&a);
    assert!(shown.contains("Some edits were not restored"), "{shown}");
    assert_eq!(recovery::read(&state, &maps).unwrap(), None);
    let kept: Vec<_> = fs::read_dir(state.join("recovery"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("-kept-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    // Saving writes only inside the maps directory.
    keys(&mut a, "C-s");
    assert!(!outside.exists());
}
