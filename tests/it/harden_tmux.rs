//! Issue 20, item 5, in the real binary under tmux: SIGTERM with unsaved
//! edits and an unwritable state directory says where the edits went (a
//! temporary file) instead of exiting without a word; and a recovery that
//! was offered and dismissed is not overwritten by the next SIGTERM.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::scratch;
use common::tmux::Tmux;
use mizan::store::recovery;

fn command_line(maps: &Path, state: &Path) -> String {
    format!(
        "MIZAN_STATE_DIR={} TMPDIR={} {} --maps {} --config /nonexistent/config.ron; echo \"[exit $?]\"",
        state.display(),
        maps.parent().unwrap().join("tmp").display(),
        env!("CARGO_BIN_EXE_mizan"),
        maps.display(),
    )
}

/// SIGTERM to the program running in the pane (a child of its shell).
fn term(t: &Tmux) {
    let pid = t.run(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
    let ok = Command::new("pkill")
        .args(["-TERM", "-P", pid.trim()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "pkill found mizan");
}

/// Moves the first reason of alpha down: one unsaved edit.
fn edit(t: &Tmux) {
    t.keys(&["Enter", "j", "J"]);
    t.wait_for("[+] 1 unsaved");
}

#[test]
fn sigterm_with_an_unwritable_state_dir_names_the_recovery() {
    let Some(t) = Tmux::start("harden-term") else {
        return;
    };
    let (maps, state, tmp) = scratch();
    fs::write(&state, "a file where the state directory should be").unwrap();
    fs::create_dir(tmp.path().join("tmp")).unwrap();
    t.type_line(&command_line(&maps, &state));
    t.wait_for("Alpha: withdraw soon");
    edit(&t);
    term(&t);
    let screen = t.wait_for("[exit");
    assert!(screen.contains("unsaved edits kept in"), "{screen}");
    let kept: Vec<_> = fs::read_dir(tmp.path().join("tmp"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let r: recovery::Recovery = ron::from_str(&fs::read_to_string(&kept[0]).unwrap()).unwrap();
    assert_eq!(r.files.len(), 1);
    assert!(r.files[0].path.ends_with("alpha.ron"));
}

#[test]
fn a_dismissed_recovery_survives_the_next_sigterm() {
    let Some(t) = Tmux::start("harden-dismiss") else {
        return;
    };
    let (maps, state, tmp) = scratch();
    fs::create_dir(tmp.path().join("tmp")).unwrap();
    t.type_line(&command_line(&maps, &state));
    t.wait_for("Alpha: withdraw soon");
    edit(&t);
    term(&t);
    t.wait_for("[exit");
    let first = recovery::read(&state, &maps).unwrap().expect("a recovery");
    // Start again, dismiss the offer with Esc, edit, and stop again.
    t.type_line("clear");
    t.type_line(&command_line(&maps, &state));
    t.wait_for("Unsaved edits recovered");
    t.keys(&["Escape"]);
    edit(&t);
    term(&t);
    t.wait_for("[exit");
    let pending = recovery::pending(&state, &maps);
    assert_eq!(pending.len(), 2, "{pending:?}");
    // The first is intact and offered first.
    assert_eq!(recovery::read(&state, &maps).unwrap(), Some(first));
}
