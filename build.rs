// Embeds the bundled maps (maps/*.ron) in the binary, so that an installed
// mizan can seed the user's data directory on first run.
use std::{env, fs, path::Path};

fn main() {
    // `mizan_ci` marks a build under CI (`CI=true`, as `.ci/run` sets it):
    // tests that need a tool only CI installs (dot, argdown, rsvg-convert)
    // run there and are `#[ignore]`d with their reason elsewhere.
    println!("cargo:rustc-check-cfg=cfg(mizan_ci)");
    println!("cargo:rerun-if-env-changed=CI");
    if env::var("CI").is_ok_and(|v| v == "true") {
        println!("cargo:rustc-cfg=mizan_ci");
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "ron"));
    files.sort();
    let mut out = String::from(
        "/// The bundled maps: (file name, contents).\npub const EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for p in &files {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            p.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("embedded_maps.rs");
    fs::write(dest, out).unwrap_or_else(|e| panic!("cannot write embedded_maps.rs: {e}"));
}
