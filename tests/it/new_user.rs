//! Issue 14, "tried as a new user would": the defects a walk through every
//! feature found, each with the test that would have caught it — typed
//! Arabic laid out in every input line, the UI's checks agreeing with
//! `mizan check`, dates validated in the article form, and the small things
//! (counts, the delete question, help that starts where it was asked for and
//! shows it scrolls, no "reloaded" when nothing was).

use crate::common;

use common::{app, app_in, fixtures, keys, press, scratch, screen, type_text};
use mizan::text::{BidiMode, layout};

/// How the pipeline draws `s` (shaped, visual order).
fn drawn(s: &str) -> String {
    layout(s, 80, BidiMode::Mizan)[0].text()
}

// The search line shows an Arabic query joined and right to left.
#[test]
fn search_line_shapes_arabic() {
    let mut a = app();
    press(&mut a, "/");
    type_text(&mut a, "داعش");
    let s = screen(&a);
    assert_ne!(drawn("داعش"), "داعش");
    assert!(s.contains(&drawn("داعش")), "{s}");
    assert!(!s.contains("داعش"), "raw letters on screen:\n{s}");
}

// The compare picker's query does the same.
#[test]
fn article_picker_shapes_arabic() {
    let mut a = app();
    press(&mut a, "c");
    type_text(&mut a, "بيتا");
    let s = screen(&a);
    assert!(s.contains(&drawn("بيتا")), "{s}");
}

// A new article with no stance and no source: the save prompt counts the
// errors `mizan check` then finds in that file, and names only that file.
#[test]
fn save_prompt_counts_what_check_counts() {
    let (maps, state, tmp) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "N");
    type_text(&mut a, "gamma");
    keys(&mut a, "Tab");
    type_text(&mut a, "Gamma: stay");
    keys(&mut a, "Enter");
    // The thesis carries the article's problems: marked in the tree.
    let s = screen(&a);
    assert!(s.contains("! "), "{s}");
    keys(&mut a, "C-s");
    let prompt = screen(&a);
    keys(&mut a, "s");
    assert!(maps.join("gamma.ron").exists());

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mizan"))
        .current_dir(tmp.path())
        .args(["check", "--format", "json", "--sources"])
        .arg(fixtures().join("sources"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .filter(|d| d["path"].as_str().is_some_and(|p| p.ends_with("gamma.ron")))
        .count();
    assert!(errors >= 2, "{v:#}");
    let want = format!("{errors} errors in gamma.ron");
    assert!(
        prompt.contains(&want),
        "want {want:?}:\n{prompt}\ncheck: {v:#}"
    );
    assert!(!prompt.contains("alpha.ron"), "{prompt}");
}

// The article form refuses a date that is no date, and says what is expected.
#[test]
fn article_form_validates_the_date() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "I Tab Tab Tab Tab C-u");
    type_text(&mut a, "2025-13-45");
    keys(&mut a, "Enter");
    let s = screen(&a);
    assert!(!a.overlays.is_empty(), "the form closed on a bad date");
    assert!(s.contains("no month 13"), "{s}");
    keys(&mut a, "C-u");
    type_text(&mut a, "2025-02-29");
    keys(&mut a, "Enter");
    assert!(screen(&a).contains("has no day 29"), "{}", screen(&a));
    keys(&mut a, "C-u");
    type_text(&mut a, "2024-02-29");
    keys(&mut a, "Enter");
    assert!(a.overlays.is_empty(), "{}", screen(&a));
    assert_eq!(
        a.ws.corpus.article(0).unwrap().meta.date.as_deref(),
        Some("2024-02-29")
    );
}

// "Delete `done` — The mission is largely done?" — not "….?".
#[test]
fn delete_prompt_ends_with_one_question_mark() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j d");
    let s = screen(&a);
    assert!(s.contains("largely done?"), "{s}");
    assert!(!s.contains(".?"), "{s}");
}

// Cutting one node says "cut 1 node", not "1 nodes".
#[test]
fn cutting_one_node_is_singular() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j j X");
    let s = screen(&a);
    assert!(s.contains("cut 1 node:"), "{s}");
    assert!(!s.contains("1 nodes"), "{s}");
}

// Help opened from compare starts at compare's keys, and says it scrolls.
#[test]
fn help_from_compare_starts_at_compare_keys() {
    let mut a = app();
    press(&mut a, "c");
    type_text(&mut a, "beta");
    press(&mut a, "Enter ?");
    let s = screen(&a);
    assert!(s.contains("Comparing"), "{s}");
    assert!(!s.contains("Browsing"), "{s}");
    assert!(s.contains("scroll"), "{s}");
    // From the browser it starts at the top.
    let mut b = app();
    press(&mut b, "?");
    let s = screen(&b);
    assert!(s.contains("Browsing"), "{s}");
    assert!(s.contains("lines 1–"), "{s}");
}

// Leaving the editor without a change (`:q!`) does not claim a reload.
#[test]
fn unchanged_file_is_not_reloaded() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    mizan::tui::workspace::saving::reload(&mut a, 0);
    let flash = a.flash.clone().unwrap_or_default();
    assert!(flash.contains("unchanged"), "{flash}");
    assert!(!flash.contains("reloaded"), "{flash}");
    // A real change is reloaded and said so.
    let path = a.ws.corpus.maps[0].path.clone();
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("A timeline was agreed.", "Changed.")).unwrap();
    mizan::tui::workspace::saving::reload(&mut a, 0);
    assert!(a.flash.clone().unwrap_or_default().contains("reloaded"));
}

// A map that does not load: its whole diagnostic, wrapped, its Arabic
// source line laid out like any text, and the detail pane says what to do.
#[test]
fn broken_map_is_shown_whole() {
    let (maps, state, _t) = scratch();
    let line = "    title_original: \"عنوان مكسور\" 12,";
    std::fs::write(
        maps.join("aaa-broken.ron"),
        format!("Article(\n    id: \"aaa-broken\",\n    title_en: \"Broken\",\n{line}\n)\n"),
    )
    .unwrap();
    let mut a = app_in(&maps, &state);
    common::resize(&mut a, 80, 24);
    let i =
        a.ws.corpus
            .maps
            .iter()
            .position(|m| m.error.is_some())
            .expect("the broken map is listed");
    mizan::tui::screens::browse::select_map(&mut a, i);
    keys(&mut a, "Tab");
    let d = a.ws.corpus.maps[i].error.clone().unwrap();
    let s = screen(&a);
    // Every word of the message is on screen (wrapped, not clipped).
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    for w in d.message.split_whitespace() {
        assert!(flat.contains(w), "{w:?} of {:?} missing:\n{s}", d.message);
    }
    let shaped = layout(line.trim(), 200, BidiMode::Mizan)[0].text();
    assert!(s.contains(shaped.trim()), "source line not laid out:\n{s}");
    keys(&mut a, "Tab");
    let s = screen(&a);
    assert!(s.contains("does not load"), "{s}");
}

// The export dialog shows the folder and Tab changes it; the default is
// never the working directory.
#[test]
fn export_folder_is_shown_and_changed() {
    let mut a = app();
    assert_ne!(a.settings.export_dir, std::path::PathBuf::from("."));
    assert!(
        a.settings.export_dir.is_absolute(),
        "{:?}",
        a.settings.export_dir
    );
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new folder jq");
    press(&mut a, "x");
    let s = screen(&a);
    assert!(
        s.contains(&a.settings.export_dir.display().to_string()[..20]),
        "{s}"
    );
    // Tab, clear the line, type the new folder (j and q type, they do not move or close).
    press(&mut a, "Tab C-u");
    type_text(&mut a, &target.display().to_string());
    press(&mut a, "Enter");
    assert_eq!(a.settings.export_dir, target);
    let fx = press(&mut a, "j j j Enter");
    mizan::tui::effects::run(&mut a, fx);
    assert!(target.join("alpha.md").exists(), "{:?}", a.flash);
}

// The new-article form offers the files of --sources for its source field,
// and its labels say what each field wants.
#[test]
fn article_form_picks_the_source_file() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "N");
    let s = screen(&a);
    assert!(s.contains("YYYY, YYYY-MM or YYYY-MM-DD"), "{s}");
    assert!(s.contains("C-p lists them"), "{s}");
    keys(&mut a, "Tab Tab Tab Tab Tab Tab Tab C-p");
    let s = screen(&a);
    let first = std::fs::read_dir(fixtures().join("sources"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .min()
        .unwrap();
    assert!(s.contains(&first), "{s}");
    keys(&mut a, "Enter");
    let mizan::tui::app::Overlay::Form(f) = a.overlays.last().unwrap() else {
        panic!("the form is back on top");
    };
    assert_eq!(f.form.text(7), first);
}

// Before restoring or discarding recovered edits, the question shows what
// restoring would change, node by node.
#[test]
fn recovery_preview_shows_the_changes() {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j i C-u");
    type_text(&mut a, "A claim changed before the crash.");
    keys(&mut a, "Enter");
    let r = mizan::tui::workspace::saving::recovery_of(&a).expect("unsaved edits");
    mizan::store::recovery::write(&state, &r).unwrap();
    drop(a);
    let b = app_in(&maps, &state);
    let s = screen(&b);
    assert!(s.contains("Restoring would:"), "{s}");
    assert!(
        s.contains("~ alpha.ron `done`: A claim changed before the crash."),
        "{s}"
    );
}

// A chooser's label is composed of fields: with Arabic titles the stance
// badge stays first and the title is laid out on its own.
#[test]
fn chooser_labels_isolate_their_fields() {
    let mut a = app();
    press(&mut a, "L c");
    let beta =
        a.ws.corpus
            .articles()
            .find(|(_, x)| &*x.meta.id == "beta")
            .map(|(_, x)| x.meta.title_original.to_string())
            .unwrap();
    let s = screen(&a);
    let want = format!("▼ anti — {}", layout(&beta, 200, BidiMode::Mizan)[0].text());
    assert!(s.contains(&want), "want {want:?}\n{s}");
}
