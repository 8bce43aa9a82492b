//! Issue 20's fuzzing, as part of the tests: a bounded, seeded mutation
//! loop over the bundled maps (and the test fixtures) that checks the
//! properties of `mizan::fuzz::check_map_bytes` on every mutant — no
//! panic, errors located, canonical text stable, nothing a terminal would
//! obey in what check and export print. The seed is printed and can be set
//! with MIZAN_FUZZ_SEED, the number of mutants with MIZAN_FUZZ_CASES; for
//! long runs use the `cargo fuzz` target in tests/fuzz/ (README).

use std::path::{Path, PathBuf};

use mizan::fuzz::{check_import_bytes, check_map_bytes};

/// Byte strings that mean something to RON, to the loader's checks or to a
/// terminal: mutants built from them reach deeper than random bytes.
const TOKENS: &[&[u8]] = &[
    b"(",
    b")",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"\\",
    b"\\u{1b}",
    b"\\u{202E}",
    b"/",
    b"../",
    b"Node(",
    b"children: [",
    b"id: \"",
    b"r#\"",
    b"\"#",
    b"Some(",
    b"None",
    b"\x1b[2J",
    b"\xe2\x80\xae",
    b"\xc2\x9b",
    b"\x00",
    b"\xff",
    b"\r\n",
    b"/*",
    b"*/",
    b"//",
    b"1e999",
    b"-",
    b"bearing: For",
    b"relation: Opposes",
    b"stance: Mixed",
    b"links: [Link(kind: Agrees, to: \"a/b\")]",
    b"themes: [\"x\"]",
    b"quote: \"\"",
    b"\xef\xbb\xbf",
    b"Article(",
    b"thesis: ",
    b"voice: \"v\"",
    b"kind: Fact",
];

/// xorshift64*: small, seedable, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One to four edits: flip a byte, cut a span, repeat a span, insert a
/// token, or cut the file short.
fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(5) {
            0 if !b.is_empty() => {
                let i = at.min(b.len() - 1);
                b[i] ^= 1 << rng.below(8);
            }
            1 => {
                let end = (at + rng.below(64)).min(b.len());
                b.drain(at..end);
            }
            2 => {
                let end = (at + rng.below(400)).min(b.len());
                let span = b[at..end].to_vec();
                b.splice(at..at, span);
            }
            3 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                b.splice(at..at, t.iter().copied());
            }
            _ => b.truncate(at),
        }
    }
    b
}

fn seeds() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["maps", "tests/fixtures/maps"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .filter(|p| p.file_name() != Some(mizan::store::MOTION_FILE.as_ref()))
            .collect();
        paths.sort();
        for p in paths {
            let bytes = std::fs::read(&p).unwrap();
            out.push((p, bytes));
        }
    }
    out
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name} must be a number"))
    })
}

// The unmutated maps pass every property (the baseline for the mutants).
#[test]
fn bundled_maps_have_the_properties() {
    for (path, bytes) in seeds() {
        if let Err(e) = check_map_bytes(&bytes, true) {
            panic!("{}: {e}", path.display());
        }
    }
}

// Mutants of the bundled maps: no panic, errors located, fmt idempotent,
// nothing printed that a terminal would obey.
#[test]
fn mutated_maps_keep_the_properties() {
    let seed = env_number("MIZAN_FUZZ_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    }) | 1;
    let cases = env_number("MIZAN_FUZZ_CASES").unwrap_or(1200) as usize;
    eprintln!("fuzz_maps: MIZAN_FUZZ_SEED={seed} MIZAN_FUZZ_CASES={cases}");
    let seeds = seeds();
    let mut rng = Rng(seed);
    let mut loaded = 0;
    for case in 0..cases {
        let (path, original) = &seeds[case % seeds.len()];
        let mutant = mutate(&mut rng, original);
        // Every fourth mutant is also checked and exported (slower).
        let deep = case % 4 == 0;
        let outcome = std::panic::catch_unwind(|| check_map_bytes(&mutant, deep));
        let failure = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(_) => Some("panicked".to_owned()),
        };
        if let Some(why) = failure {
            let keep = std::env::temp_dir().join(format!("mizan-fuzz-{seed}-{case}.ron"));
            let _ = std::fs::write(&keep, &mutant);
            panic!(
                "case {case} (MIZAN_FUZZ_SEED={seed}), a mutant of {}: {why}\nthe mutant is in {}",
                path.display(),
                keep.display()
            );
        }
        if mizan::store::parse_article(Path::new("x.ron"), &mutant)
            .0
            .article
            .is_some()
        {
            loaded += 1;
        }
    }
    // Both kinds of mutant were tried: some still load, some do not.
    assert!(loaded > 0 && loaded < cases, "{loaded} of {cases} loaded");
}

// Mutants of a JSON export of the bundled maps: planning the import never
// panics, and whatever it would write loads again (item 7).
#[test]
fn mutated_imports_write_only_loadable_maps() {
    let seed = env_number("MIZAN_FUZZ_SEED").unwrap_or(7) | 1;
    let cases = env_number("MIZAN_FUZZ_CASES").unwrap_or(1200) as usize / 4;
    let maps = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    let corpus = mizan::store::load_dir(&maps).unwrap();
    let sel = mizan::export::Selection::new(&corpus, &[]).unwrap();
    let json = mizan::export::render(&sel, mizan::export::Format::Json).unwrap();
    check_import_bytes(json.as_bytes()).unwrap();
    let mut rng = Rng(seed);
    for case in 0..cases {
        let mutant = mutate(&mut rng, json.as_bytes());
        let outcome = std::panic::catch_unwind(|| check_import_bytes(&mutant));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(why)) => panic!("case {case} (MIZAN_FUZZ_SEED={seed}): {why}"),
            Err(_) => panic!("case {case} (MIZAN_FUZZ_SEED={seed}): panicked"),
        }
    }
}
