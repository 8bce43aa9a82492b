//! The README stays true: its keys table is the keymap's, and its CLI usage
//! is what `mizan --help` prints.

// The keys table between the markers is exactly what the keymap generates.
#[test]
fn keys_table_matches_keymap() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("<!-- keys:start -->\n")
        .expect("keys:start marker")
        + "<!-- keys:start -->\n".len();
    let end = readme.find("<!-- keys:end -->").expect("keys:end marker");
    let want = mizan::tui::keymap::markdown_table();
    assert_eq!(
        &readme[start..end],
        want,
        "README keys table is stale; replace it with:\n{want}"
    );
}

// Every subcommand `mizan --help` lists is documented in the README.
#[test]
fn cli_usage_mentions_every_subcommand() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mizan"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    let commands = help
        .split("Commands:")
        .nth(1)
        .and_then(|s| s.split("Options:").next())
        .unwrap_or("");
    for line in commands.lines() {
        let Some(cmd) = line.split_whitespace().next() else {
            continue;
        };
        if cmd == "help" {
            continue;
        }
        assert!(
            readme.contains(&format!("mizan {cmd}")),
            "README does not document `mizan {cmd}`"
        );
    }
}
