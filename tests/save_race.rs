//! Issue 20, item 4: two programs saving the same map at the same moment
//! never lose an edit. Two real processes (this test binary started again
//! in child mode) read the same version of a map, wait for a common start
//! signal, and save different edits through `store::map_save::save_map`.
//! Every round exactly one save is written and the other is told of a
//! conflict; the file holds the winner's text, and the loser's edit is
//! still the loser's to keep (it was not written over anything).
//!
//! `harness = false` (Cargo.toml): `main` is the parent unless the child
//! variables are set, so no test can be mistaken for the child.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mizan::store::disk::content_hash;
use mizan::store::map_save::{Backup, Expect, Saved, save_map};

const ROLE: &str = "MIZAN_SAVE_RACE_CHILD";
const ROUNDS: usize = 10;

fn main() {
    match std::env::var(ROLE) {
        Ok(tag) => child(&tag),
        Err(_) => parent(),
    }
}

/// Reads the map, waits for `go` to exist, saves its own edit, and prints
/// the outcome on stdout.
fn child(tag: &str) {
    let map = PathBuf::from(std::env::var("MIZAN_RACE_MAP").unwrap());
    let state = PathBuf::from(std::env::var("MIZAN_RACE_STATE").unwrap());
    let go = PathBuf::from(std::env::var("MIZAN_RACE_GO").unwrap());
    let read = fs::read(&map).unwrap();
    let loaded = content_hash(&read);
    let mine = format!("{}\n// edit by {tag}\n", String::from_utf8(read).unwrap());
    // Tell the parent we have read the file, then spin until the start.
    println!("ready");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !go.exists() {
        assert!(Instant::now() < deadline, "no start signal");
        std::hint::spin_loop();
    }
    let outcome = save_map(
        &map,
        mine.as_bytes(),
        Expect::Hash(loaded),
        Backup::In(&state),
    )
    .unwrap();
    println!(
        "{}",
        match outcome {
            Saved::Written { .. } => "written",
            Saved::Conflict => "conflict",
            Saved::Unchanged => "unchanged",
        }
    );
}

fn spawn(tag: &str, map: &Path, state: &Path, go: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .env(ROLE, tag)
        .env("MIZAN_RACE_MAP", map)
        .env("MIZAN_RACE_STATE", state)
        .env("MIZAN_RACE_GO", go)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap()
}

fn parent() {
    let work = tempfile::tempdir().unwrap();
    let maps = work.path().join("maps");
    fs::create_dir(&maps).unwrap();
    let state = work.path().join("state");
    let map = maps.join("m.ron");
    let mut written = 0;
    for round in 0..ROUNDS {
        let base = format!("Article(id: \"m\", round: {round})");
        fs::write(&map, &base).unwrap();
        let go = work.path().join(format!("go-{round}"));
        let mut kids = [spawn("A", &map, &state, &go), spawn("B", &map, &state, &go)];
        // Both must have read the file before either may save.
        let mut outs: Vec<std::io::BufReader<std::process::ChildStdout>> = kids
            .iter_mut()
            .map(|k| std::io::BufReader::new(k.stdout.take().unwrap()))
            .collect();
        for out in &mut outs {
            let mut line = String::new();
            std::io::BufRead::read_line(out, &mut line).unwrap();
            assert_eq!(line.trim(), "ready");
        }
        fs::write(&go, "").unwrap();
        let mut results = Vec::new();
        for (kid, out) in kids.iter_mut().zip(outs) {
            let rest = std::io::read_to_string(out).unwrap();
            assert!(
                kid.wait().unwrap().success(),
                "round {round}: a child failed"
            );
            results.push(rest.trim().to_owned());
        }
        let wins: Vec<usize> = (0..2).filter(|&i| results[i] == "written").collect();
        assert_eq!(
            wins.len(),
            1,
            "round {round}: exactly one save must be written, the other told of a conflict: {results:?}"
        );
        let loser = 1 - wins[0];
        assert_eq!(results[loser], "conflict", "round {round}: {results:?}");
        let winner_tag = ["A", "B"][wins[0]];
        let now = fs::read_to_string(&map).unwrap();
        assert_eq!(
            now,
            format!("{base}\n// edit by {winner_tag}\n"),
            "round {round}"
        );
        written += 1;
    }
    assert_eq!(written, ROUNDS);
    println!("save_race: {ROUNDS} rounds, one save written and one conflict in each");
}
