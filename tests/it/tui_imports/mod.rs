//! No import circle larger than two files inside `src/tui` (issue 17).
//!
//! The UI's files once imported each other in one circle of 34 (every
//! screen and overlay through `App`, and `App` through them), so nothing
//! could change alone. Now the states sit below the app and the handlers
//! above it; this test keeps it so, by reading the sources.
//!
//! How it counts, strictly: a file depends on another when it names a path
//! into it — in a `use` (any visibility, nested groups expanded) or inline
//! in code, starting at `crate::tui`, `super` or `self`, or (in a file that
//! declares modules) at one of its child modules. A path resolves to the
//! deepest file it reaches; when its next segment is a name that file only
//! re-exports (`pub use`), it follows the re-export to the defining file,
//! since that is the file depended on. `mod x;` declarations are not
//! edges; `super` inside an inline `mod tests` means the file itself.
//! Comments, strings and character literals are blanked first. Two files
//! that import each other (a widget and its drawing) are allowed; a strongly
//! connected component of three or more fails the test.

mod graph;
mod source;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use graph::Graph;
use source::{Module, read_tree};

fn name(m: &Module) -> String {
    if m.is_empty() {
        "tui".into()
    } else {
        m.join("/")
    }
}

fn too_big(g: &Graph) -> Vec<String> {
    g.components()
        .into_iter()
        .filter(|c| c.len() > 2)
        .map(|c| {
            let inside: BTreeSet<&Module> = c.iter().collect();
            let lines: Vec<String> = c
                .iter()
                .map(|m| {
                    let to: Vec<String> = g.edges[m]
                        .iter()
                        .filter(|t| inside.contains(t))
                        .map(name)
                        .collect();
                    format!("  {} -> {}", name(m), to.join(" "))
                })
                .collect();
            format!("{} files:\n{}", c.len(), lines.join("\n"))
        })
        .collect()
}

#[test]
fn no_import_circle_over_two_files_in_tui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let g = Graph::build(&read_tree(&root));
    assert!(g.edges.len() > 50, "read {} files", g.edges.len());
    // The graph is really read: the app holds the overlays' states.
    let app = vec!["app".to_string()];
    let stack = vec!["overlays".to_string()];
    assert!(g.edges[&app].contains(&stack), "{:?}", g.edges[&app]);
    let big = too_big(&g);
    assert!(
        big.is_empty(),
        "import circles of more than two files in src/tui:\n{}",
        big.join("\n")
    );
    // The pairs that remain, for whoever measures (`-- --nocapture`).
    for c in g.components().into_iter().filter(|c| c.len() == 2) {
        eprintln!(
            "pair: {}",
            c.iter().map(name).collect::<Vec<_>>().join(" <-> ")
        );
    }
}

/// Sources for a synthetic tree, by module path.
fn tree(files: &[(&str, &str)]) -> BTreeMap<Module, String> {
    files
        .iter()
        .map(|(m, src)| {
            let m: Module = m
                .split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            (m, src.to_string())
        })
        .collect()
}

// A circle of three through a `use`, an inline `super` path and a nested
// group is found; one of two is allowed.
#[test]
fn a_circle_of_three_is_caught() {
    let src = tree(&[
        ("", "pub mod a; pub mod b; pub mod c;"),
        ("a", "use crate::tui::{b::{self, Thing}};\nfn f() {}"),
        ("b", "fn g() { super::c::h(); }"),
        ("c", "use crate::tui::a as first;\n"),
    ]);
    let big = too_big(&Graph::build(&src));
    assert_eq!(big.len(), 1, "{big:?}");
    assert!(big[0].starts_with("3 files"), "{big:?}");
    let pair = tree(&[
        ("", "pub mod a; pub mod b;"),
        ("a", "use super::b::X;"),
        ("b", "use super::a::Y;"),
    ]);
    assert!(too_big(&Graph::build(&pair)).is_empty());
}

// A re-export is followed to the file that defines the name, comments,
// strings and test modules' `super` are not edges, and a mod.rs reaches
// its children by bare paths.
#[test]
fn edges_follow_reexports_and_skip_comments() {
    let src = tree(&[
        ("", "pub mod hub; pub mod leaf; pub mod user; pub mod dir;"),
        ("hub", "pub use crate::tui::leaf::Thing;\npub fn own() {}"),
        (
            "leaf",
            "pub struct Thing;\n#[cfg(test)]\nmod tests { use super::*; }",
        ),
        (
            "user",
            "use crate::tui::hub::Thing;\n// crate::tui::dir::x\nconst S: &str = \"crate::tui::dir\";\nfn f() { let q = '\\''; let c = '{'; }",
        ),
        ("dir", "mod inner;\nfn f() { inner::g(); }"),
        ("dir/inner", "pub fn g() {}"),
    ]);
    let g = Graph::build(&src);
    let m = |s: &str| -> Module {
        s.split('/')
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    };
    assert_eq!(g.edges[&m("user")], BTreeSet::from([m("leaf")]));
    assert!(g.edges[&m("leaf")].is_empty(), "{:?}", g.edges[&m("leaf")]);
    assert_eq!(g.edges[&m("dir")], BTreeSet::from([m("dir/inner")]));
    assert!(g.edges[&m("")].is_empty(), "{:?}", g.edges[&m("")]);
}
