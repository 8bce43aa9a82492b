//! The cache of parsed maps and the catalog from the shell: `mizan cache`,
//! `--no-cache`, and commands about a few articles reading only their maps.
//! Each test has its own cache directory (`XDG_CACHE_HOME`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAADI: &str = "saadi-2024-iraq-without-coalition";
const NOON: &str = "noonpost-2021-after-combat-exit";

/// A copy of the bundled maps in a temp dir, and a cache dir beside them.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let maps = tmp.path().join("maps");
    fs::create_dir(&maps).unwrap();
    let bundled = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("maps");
    for e in fs::read_dir(bundled).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, maps.join(p.file_name().unwrap())).unwrap();
    }
    let cache = tmp.path().join("cache");
    (tmp, maps, cache)
}

fn mizan(maps: &Path, cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mizan"))
        .current_dir(maps.parent().unwrap())
        .env("XDG_CACHE_HOME", cache)
        .arg("--maps")
        .arg(maps)
        .args(args)
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn entries(cache: &Path) -> usize {
    fs::read_dir(cache.join("mizan/maps-v1"))
        .map(|d| {
            d.filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| !e.file_name().to_string_lossy().starts_with("catalog"))
            })
            .count()
        })
        .unwrap_or(0)
}

// `check` writes one entry per map and prints the same with and without
// the cache; `--no-cache` writes none; an edited map is read anew; `cache
// clear` empties the cache and `cache path` names it.
#[test]
fn check_through_the_cache() {
    let (_tmp, maps, cache) = setup();
    let maps_count = fs::read_dir(&maps).unwrap().count() - 1;
    let plain = mizan(&maps, &cache, &["--no-cache", "check"]);
    assert_eq!(entries(&cache), 0);
    let first = mizan(&maps, &cache, &["check"]);
    assert_eq!(entries(&cache), maps_count);
    let second = mizan(&maps, &cache, &["check"]);
    assert_eq!(out(&plain), out(&first));
    assert_eq!(out(&plain), out(&second));
    assert_eq!(plain.status.code(), second.status.code());
    // Break a map: the check sees it at once.
    let victim = maps.join(format!("{SAADI}.ron"));
    let text = fs::read_to_string(&victim).unwrap();
    fs::write(
        &victim,
        text.replacen("stance: ", "stance: Sideways, //", 1),
    )
    .unwrap();
    let broken = mizan(&maps, &cache, &["check"]);
    assert_eq!(broken.status.code(), Some(1), "{}", out(&broken));
    assert!(out(&broken).contains(&format!("{SAADI}.ron")));
    let path = mizan(&maps, &cache, &["cache", "path"]);
    assert_eq!(
        out(&path).trim(),
        cache.join("mizan/maps-v1").to_string_lossy()
    );
    let clear = mizan(&maps, &cache, &["cache", "clear"]);
    assert_eq!(clear.status.code(), Some(0));
    assert!(!cache.join("mizan/maps-v1").exists());
}

// `compare A B` and `export --article` read only their maps: a third map
// that does not even parse is no obstacle, and the results equal a run
// without cache or catalog. An unknown id still lists the ids there are.
#[test]
fn few_articles_load_alone() {
    let (_tmp, maps, cache) = setup();
    let full = mizan(&maps, &cache, &["--no-cache", "compare", SAADI, NOON]);
    fs::write(maps.join("zz-broken.ron"), "Article(id: \"zz\", ").unwrap();
    for _ in 0..2 {
        let cmp = mizan(&maps, &cache, &["compare", SAADI, NOON]);
        assert_eq!(cmp.status.code(), Some(0));
        assert_eq!(out(&cmp), out(&full));
        assert!(entries(&cache) <= 2, "only the two maps were parsed");
    }
    let exp = mizan(
        &maps,
        &cache,
        &["export", "--format", "json", "--article", NOON],
    );
    assert_eq!(exp.status.code(), Some(0));
    assert!(out(&exp).contains(&format!("\"id\": \"{NOON}\"")));
    assert!(!out(&exp).contains(&format!("\"id\": \"{SAADI}\"")));
    let unknown = mizan(&maps, &cache, &["compare", SAADI, "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(err.contains("nope") && err.contains(NOON), "{err}");
}
