//! Editing in the real binary, in tmux, as a person would: add a node with
//! an Arabic claim and save it; unsaved edits survive SIGTERM and are
//! offered at the next start; `E` runs $EDITOR at the node's line; a map
//! changed on disk is reloaded by the watcher.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::Duration;

use common::tmux::Tmux;
use common::{app_in, keys, scratch, type_text};

fn command_line(maps: &Path, state: &Path, env: &str) -> String {
    format!(
        "MIZAN_STATE_DIR={} {env} {} --maps {} --sources {} --config /nonexistent/config.ron; echo \"[exit $?]\"",
        state.display(),
        env!("CARGO_BIN_EXE_mizan"),
        maps.display(),
        common::fixtures().join("sources").display(),
    )
}

fn type_literal(t: &Tmux, text: &str) {
    t.run(&["send-keys", "-t", "t", "-l", text]);
    sleep(Duration::from_millis(100));
}

fn kill_child(t: &Tmux, signal: &str) {
    let pid = t.run(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
    let out = Command::new("pkill")
        .args([signal, "-P", pid.trim()])
        .output()
        .expect("pkill runs");
    assert!(out.status.success(), "pkill found mizan");
}

const CLAIM_EN: &str = "Costs keep rising";
const CLAIM_AR: &str = "التكاليف تواصل الارتفاع";

/// The keys that add the node under `done` (the form is typed in between).
fn add_node(t: &Tmux) {
    t.keys(&["Enter", "j", "a"]);
    t.wait_for("New node under `done`");
    type_literal(t, CLAIM_EN);
    t.keys(&["Tab"]);
    type_literal(t, CLAIM_AR);
    t.keys(&["Enter"]);
    t.wait_for("add `costs-keep-rising` under `done`");
}

/// mizan running in tmux on a scratch copy of the fixtures (`env` before
/// the command), with the node of [`add_node`] added and not saved.
struct Session {
    t: Tmux,
    maps: std::path::PathBuf,
    state: std::path::PathBuf,
    _tmp: tempfile::TempDir,
}

fn with_new_node(name: &str, env: &str) -> Option<Session> {
    let t = Tmux::start(name)?;
    let (maps, state, tmp) = scratch();
    t.type_line(&command_line(&maps, &state, env));
    t.wait_for("Alpha: withdraw soon");
    add_node(&t);
    Some(Session {
        t,
        maps,
        state,
        _tmp: tmp,
    })
}

/// What alpha.ron holds after the same edit made in-process and saved.
fn expected_alpha() -> String {
    let (maps, state, _t) = scratch();
    let mut a = app_in(&maps, &state);
    keys(&mut a, "Enter j a");
    type_text(&mut a, CLAIM_EN);
    keys(&mut a, "Tab");
    type_text(&mut a, CLAIM_AR);
    keys(&mut a, "Enter C-s");
    fs::read_to_string(maps.join("alpha.ron")).unwrap()
}

// Add a node with an Arabic claim, save, quit: the RON file on disk has it.
#[test]
fn add_arabic_node_save_quit() {
    let Some(Session {
        t,
        maps,
        state,
        _tmp,
    }) = with_new_node("edit-save", "")
    else {
        return;
    };
    t.wait_for("[+] 1 unsaved");
    t.keys(&["q"]);
    t.wait_for("Unsaved edits in alpha.ron.");
    t.keys(&["c", "C-s"]);
    t.wait_for("saved alpha.ron");
    t.keys(&["q"]);
    t.wait_for("[exit 0]");
    let text = fs::read_to_string(maps.join("alpha.ron")).unwrap();
    assert!(
        text.contains(&format!("claim_ar: \"{CLAIM_AR}\"")),
        "{text}"
    );
    assert_eq!(text, expected_alpha());
    let backups = mizan::store::backup::list(&maps.join("alpha.ron"), &state);
    assert_eq!(backups.len(), 1, "the old version is kept");
}

// SIGTERM with unsaved edits: the terminal is restored, the edits go to the
// recovery file; the next start offers them; restoring and saving gives the
// same file as saving in the first place.
#[test]
fn sigterm_keeps_unsaved_edits() {
    let before = fs::read_to_string(common::fixtures().join("maps/alpha.ron")).unwrap();
    let Some(Session {
        t,
        maps,
        state,
        _tmp,
    }) = with_new_node("edit-recover", "")
    else {
        return;
    };
    kill_child(&t, "-TERM");
    t.wait_for("[exit 0]");
    assert!(!t.alternate_on());
    assert_eq!(
        fs::read_to_string(maps.join("alpha.ron")).unwrap(),
        before,
        "nothing saved"
    );
    let r = mizan::store::recovery::read(&state, &maps)
        .unwrap()
        .expect("a recovery file");
    assert_eq!(r.files.len(), 1);
    t.type_line("clear");
    t.type_line(&command_line(&maps, &state, ""));
    t.wait_for("Unsaved edits recovered");
    t.keys(&["r"]);
    t.wait_for("restored unsaved edits in alpha.ron");
    t.wait_for("[+] 1 unsaved");
    t.keys(&["C-s"]);
    t.wait_for("saved alpha.ron");
    t.keys(&["q"]);
    t.wait_for("[exit 0]");
    assert_eq!(
        fs::read_to_string(maps.join("alpha.ron")).unwrap(),
        expected_alpha()
    );
    assert!(
        mizan::store::recovery::read(&state, &maps)
            .unwrap()
            .is_none()
    );
}

// `E` suspends mizan, runs $EDITOR with +LINE at the node, and reloads the
// map when the editor exits; a map changed by someone else is reloaded too.
#[test]
fn external_editor_and_watcher() {
    let Some(t) = Tmux::start("edit-editor") else {
        return;
    };
    let (maps, state, tmp) = scratch();
    let script = tmp.path().join("editor.sh");
    let seen = tmp.path().join("args.txt");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$@\" > {}\nsed -i 's/A timeline was agreed./Edited outside./' \"$2\"\n",
            seen.display()
        ),
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    let env = format!("EDITOR={}", script.display());
    t.type_line(&command_line(&maps, &state, &env));
    t.wait_for("Alpha: withdraw soon");
    t.keys(&["Enter", "j", "j", "E"]);
    t.wait_for("Edited outside.");
    let args = fs::read_to_string(&seen).unwrap();
    let path = maps.join("alpha.ron");
    let text = fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("id: \"timeline\""))
        .unwrap()
        + 1;
    assert_eq!(args.trim(), format!("+{line} {}", path.display()));
    // Someone else changes the file: no unsaved edits, so it is reloaded.
    let changed = text.replace("Edited outside.", "Changed by git.");
    fs::write(&path, changed).unwrap();
    t.wait_for("Changed by git.");
    t.wait_for("it changed on disk");
    t.keys(&["q"]);
    t.wait_for("[exit 0]");
}

// A panic with unsaved edits: the panic hook writes the recovery file
// (made ready while mizan was idle) before restoring the terminal.
#[test]
fn panic_keeps_unsaved_edits() {
    let Some(Session {
        t,
        maps,
        state,
        _tmp,
    }) = with_new_node("edit-panic", "MIZAN_TEST_PANIC=F12")
    else {
        return;
    };
    // Idle for a moment: the loop prepares the recovery snapshot then.
    sleep(Duration::from_millis(800));
    t.keys(&["F12"]);
    let s = t.wait_for("[exit 101]");
    assert!(
        s.contains("F12 pressed"),
        "the panic message is readable:\n{s}"
    );
    assert!(!t.alternate_on());
    let r = mizan::store::recovery::read(&state, &maps)
        .unwrap()
        .expect("a recovery file");
    assert_eq!(r.files.len(), 1);
    assert!(r.files[0].text.contains(CLAIM_AR));
}

// SIGHUP (the terminal went away) with unsaved edits keeps them too.
#[test]
fn sighup_keeps_unsaved_edits() {
    let Some(Session {
        t,
        maps,
        state,
        _tmp,
    }) = with_new_node("edit-hup", "")
    else {
        return;
    };
    kill_child(&t, "-HUP");
    t.wait_for("[exit 0]");
    assert!(!t.alternate_on());
    let r = mizan::store::recovery::read(&state, &maps)
        .unwrap()
        .expect("a recovery file");
    assert!(r.files[0].text.contains(CLAIM_AR));
}
