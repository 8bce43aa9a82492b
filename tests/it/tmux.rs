//! The real binary in a real terminal: tmux runs mizan, `send-keys` types,
//! `capture-pane` reads the screen. Checks what a person would see, and that
//! the terminal is given back intact (quit, SIGTERM).

use crate::common;

use std::path::PathBuf;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::tmux::Tmux;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn command_line(extra: &str) -> String {
    format!(
        "{} --maps {} --sources {} --config /nonexistent/config.ron {extra}; echo \"[exit $?]\"",
        env!("CARGO_BIN_EXE_mizan"),
        fixtures().join("maps").display(),
        fixtures().join("sources").display(),
    )
}

// Open an article, expand a node, follow a link, open help, quit: the shell comes back sane.
#[test]
fn browse_follow_link_help_quit() {
    let Some(t) = Tmux::start("browse") else {
        return;
    };
    t.type_line(&command_line(""));
    t.wait_for("Alpha: withdraw soon");
    assert!(t.alternate_on(), "mizan draws on the alternate screen");
    t.keys(&["Enter", "j", "l"]);
    t.wait_for("ISIS is not yet defeated.");
    t.keys(&["l", "Tab"]);
    let s = t.wait_for("alpha/not-done");
    assert!(s.contains("Quote"), "{s}");
    t.keys(&["BTab", "k", "f"]);
    let s = t.wait_for("beta/threat");
    assert!(s.contains("ISIS remains a threat."), "{s}");
    t.keys(&["?"]);
    t.wait_for("Keys — Esc closes");
    t.keys(&["Escape", "q"]);
    t.wait_for("[exit 0]");
    assert!(!t.alternate_on(), "the alternate screen was left");
    t.type_line("stty -a | tr ' ' '\\n' | grep -x -e -icanon -e icanon -e echo -e -echo | tr '\\n' ' '; echo");
    let s = t.wait_for("[exit 0]");
    let s = (0..100)
        .map(|_| {
            sleep(Duration::from_millis(50));
            t.screen()
        })
        .find(|s| {
            s.lines()
                .any(|l| l.trim().ends_with("echo") && !l.contains("stty"))
        })
        .unwrap_or(s);
    // Canonical mode and echo are back on: raw mode was switched off.
    assert!(s.lines().any(|l| l.trim() == "icanon echo"), "{s}");
}

// SIGTERM ends mizan cleanly with the terminal restored.
#[test]
fn sigterm_restores_terminal() {
    let Some(t) = Tmux::start("sigterm") else {
        return;
    };
    t.type_line(&command_line("--bidi off"));
    t.wait_for("Alpha: withdraw soon");
    let pid = t.run(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
    // The shell's child is mizan.
    let out = Command::new("pkill")
        .args(["-TERM", "-P", pid.trim()])
        .output()
        .expect("pkill runs");
    assert!(out.status.success(), "pkill found mizan");
    t.wait_for("[exit 0]");
    assert!(!t.alternate_on());
}

// A panic restores the terminal first, then prints its message where it can be read.
#[test]
fn panic_restores_terminal() {
    let Some(t) = Tmux::start("panic") else {
        return;
    };
    t.type_line(&format!("MIZAN_TEST_PANIC=1 {}", command_line("")));
    let s = t.wait_for("[exit 101]");
    assert!(
        s.contains("MIZAN_TEST_PANIC is set"),
        "the panic message is readable:\n{s}"
    );
    assert!(!t.alternate_on());
}

// SIGHUP (the terminal went away) also ends mizan cleanly.
#[test]
fn sighup_restores_terminal() {
    let Some(t) = Tmux::start("sighup") else {
        return;
    };
    t.type_line(&command_line(""));
    t.wait_for("Alpha: withdraw soon");
    let pid = t.run(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
    let out = Command::new("pkill")
        .args(["-HUP", "-P", pid.trim()])
        .output()
        .expect("pkill runs");
    assert!(out.status.success());
    t.wait_for("[exit 0]");
    assert!(!t.alternate_on());
}

// When the terminal goes away (tmux killed), mizan exits instead of spinning.
#[test]
fn hangup_ends_the_process() {
    let Some(t) = Tmux::start("hangup") else {
        return;
    };
    let marker = format!("/nonexistent/hangup-{}.ron", std::process::id());
    let cmd = format!(
        "{} --maps {} --config {marker}",
        env!("CARGO_BIN_EXE_mizan"),
        fixtures().join("maps").display()
    );
    // `exec`: mizan itself is the pane's process, as when a terminal closes.
    t.type_line(&format!("exec {cmd}"));
    t.wait_for("Alpha: withdraw soon");
    let running = || {
        let out = Command::new("pgrep")
            .args(["-f", &marker])
            .output()
            .expect("pgrep runs");
        !out.stdout.is_empty()
    };
    assert!(running(), "pgrep finds mizan by its marker");
    t.run(&["kill-server"]);
    let start = Instant::now();
    while running() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "mizan still runs after its terminal hung up"
        );
        sleep(Duration::from_millis(100));
    }
}

// Typing an Arabic query (without ta marbuta) in the real terminal finds the node.
#[test]
fn arabic_search_in_terminal() {
    let Some(t) = Tmux::start("search") else {
        return;
    };
    t.type_line(&command_line(""));
    t.wait_for("Alpha: withdraw soon");
    t.keys(&["/"]);
    t.wait_for("Search — Enter opens");
    t.run(&["send-keys", "-t", "t", "-l", "هزيمه"]);
    t.wait_for("alpha/not-done");
    t.keys(&["Enter"]);
    let s = t.wait_for("ISIS is not yet defeated.");
    assert!(!s.contains("Search — Enter opens"), "{s}");
    t.keys(&["q"]);
    t.wait_for("[exit 0]");
}

// A comparison opened in the real terminal, and Enter jumps into a node.
#[test]
fn compare_and_jump() {
    let Some(t) = Tmux::start("compare") else {
        return;
    };
    t.type_line(&command_line(""));
    t.wait_for("Alpha: withdraw soon");
    t.keys(&["c"]);
    t.wait_for("Compare alpha with");
    t.run(&["send-keys", "-t", "t", "-l", "beta"]);
    t.keys(&["Enter"]);
    let s = t.wait_for("only A");
    assert!(s.contains("ISIS remains a threat."), "{s}");
    t.keys(&["Tab", "Enter"]);
    let s = t.wait_for("beta/thesis");
    assert!(!s.contains("only A"), "back in the browser:\n{s}");
    t.keys(&["q"]);
    t.wait_for("[exit 0]");
}
