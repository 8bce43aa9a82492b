//! Prints the keys table for the README from the keymap (the test
//! `tests/readme.rs` fails when the README's copy is stale).
fn main() {
    print!("{}", mizan::tui::keymap::markdown_table());
}
