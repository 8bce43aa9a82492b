//! `store::save::save_atomic` never leaves a half-written map, even when the
//! process dies mid-save. A writer process saves two versions of a file in
//! turn, as fast as it can, and is killed (SIGKILL: no destructors, no
//! flushing) after a random delay; the file on disk must then be exactly one
//! of the two versions, and anything else left behind must be one of
//! `save_atomic`'s temporary files, never the map.
//!
//! The writer is this test binary run again with `--exact crash_safety::writer_child` and
//! `MIZAN_CRASH_WRITER` set: a second process is the only way to be killed
//! without taking the test with it.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use mizan::store::save::save_atomic;

/// The file the writer saves to; its presence makes `writer_child` write.
const WRITER_ENV: &str = "MIZAN_CRASH_WRITER";
/// Files holding the two versions the writer alternates between.
const A_ENV: &str = "MIZAN_CRASH_A";
const B_ENV: &str = "MIZAN_CRASH_B";
/// Seed for the kill delays; by default one from the clock, printed so a
/// failure can be rerun with the same delays.
const SEED_ENV: &str = "MIZAN_CRASH_SEED";
/// What the writer prints once it has read both versions and starts saving.
const READY: &str = "mizan-crash-writer: saving";
/// The writer stops by itself after this long, so that a test run that dies
/// without killing it does not leave it writing forever.
const WRITER_LIFETIME: Duration = Duration::from_secs(30);

/// Not a test of its own: the body of the writer process (see the module
/// doc). Without `MIZAN_CRASH_WRITER` it does nothing.
#[test]
fn writer_child() {
    let Some(target) = std::env::var_os(WRITER_ENV) else {
        return;
    };
    let target = PathBuf::from(target);
    let read = |var: &str| fs::read(std::env::var_os(var).expect(var)).expect(var);
    let (a, b) = (read(A_ENV), read(B_ENV));
    let mut out = std::io::stdout();
    writeln!(out, "{READY}").unwrap();
    out.flush().unwrap();
    let start = Instant::now();
    while start.elapsed() < WRITER_LIFETIME {
        save_atomic(&target, &a).unwrap();
        save_atomic(&target, &b).unwrap();
    }
}

/// SplitMix64: a few lines, good enough to spread kill delays, and no
/// dependency on `rand`.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn seed() -> u64 {
    match std::env::var(SEED_ENV) {
        Ok(s) => s.parse().expect("MIZAN_CRASH_SEED is a number"),
        Err(_) => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    }
}

/// Kills and reaps the writer however the test ends, a failed assertion
/// included: an orphaned writer would go on filling the disk.
struct Writer(Child);

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Writer {
    fn spawn(target: &Path, a: &Path, b: &Path) -> Writer {
        let exe = std::env::current_exe().unwrap();
        let child = Command::new(exe)
            .args([
                "--exact",
                "crash_safety::writer_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(WRITER_ENV, target)
            .env(A_ENV, a)
            .env(B_ENV, b)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the writer");
        let mut w = Writer(child);
        w.wait_ready();
        w
    }

    /// Blocks until the writer says it is saving, so the kill lands in the
    /// save loop rather than in process start-up; gives up after a minute
    /// (a machine can be slow, but not that slow).
    fn wait_ready(&mut self) {
        let stdout = self.0.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let ready = BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                // libtest may print `test writer_child ... ` on the same line.
                .any(|l| l.ends_with(READY));
            let _ = tx.send(ready);
        });
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(true) => {}
            Ok(false) => panic!("the writer ended before saving: {}", self.stderr()),
            Err(_) => panic!("the writer did not start within a minute"),
        }
    }

    /// SIGKILL, then checks that it was the kill that ended the writer and
    /// not a failed save.
    fn kill(mut self) {
        self.0.kill().unwrap();
        let status = self.0.wait().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                status.signal(),
                Some(9),
                "the writer was not killed but ended ({status}): {}",
                self.stderr()
            );
        }
        #[cfg(not(unix))]
        assert!(!status.success(), "the writer ended by itself");
    }

    fn stderr(&mut self) -> String {
        let mut s = String::new();
        if let Some(mut e) = self.0.stderr.take() {
            let _ = e.read_to_string(&mut s);
        }
        s
    }
}

#[derive(Debug, Default)]
struct Tally {
    a: usize,
    b: usize,
    /// Rounds whose kill left a temporary file: it landed mid-save.
    mid_save: usize,
}

/// `rounds` writers saving `a` and `b` in turn to one file, each killed after
/// 0..=`max_delay_ms`; after every kill the file must be exactly `a` or `b`.
fn kill_rounds(a: &[u8], b: &[u8], rounds: usize, max_delay_ms: u64) -> Tally {
    assert_ne!(a, b);
    // On the build's disk rather than a tmpfs /tmp: there fsync really waits,
    // so saves take long enough for kills to land inside them.
    let work = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let dir = work.path().join("maps");
    fs::create_dir(&dir).unwrap();
    let (a_file, b_file) = (work.path().join("a"), work.path().join("b"));
    fs::write(&a_file, a).unwrap();
    fs::write(&b_file, b).unwrap();
    let target = dir.join("map.ron");
    save_atomic(&target, a).unwrap();

    let seed = seed();
    eprintln!("crash_safety: {SEED_ENV}={seed}");
    let mut rng = SplitMix(seed);
    let mut tally = Tally::default();
    for round in 0..rounds {
        let writer = Writer::spawn(&target, &a_file, &b_file);
        let pid = writer.0.id();
        std::thread::sleep(Duration::from_millis(rng.below(max_delay_ms + 1)));
        writer.kill();

        let on_disk = fs::read(&target)
            .unwrap_or_else(|e| panic!("round {round} ({SEED_ENV}={seed}): the map is gone: {e}"));
        if on_disk == a {
            tally.a += 1;
        } else if on_disk == b {
            tally.b += 1;
        } else {
            panic!(
                "round {round} ({SEED_ENV}={seed}): the map holds {} bytes that are \
                 neither version ({} or {} bytes)",
                on_disk.len(),
                a.len(),
                b.len()
            );
        }

        // Whatever else is there is the killed writer's temporary file.
        let temp = format!(".map.ron.tmp-{pid}-");
        let mut left = 0;
        for entry in fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name == "map.ron" {
                continue;
            }
            // `save_atomic`'s temporary files end in random letters.
            let ours = name.strip_prefix(&temp).is_some_and(|rest| {
                rest.len() == 6 && rest.bytes().all(|c| c.is_ascii_alphanumeric())
            });
            assert!(ours, "round {round}: unexpected file {name} left behind");
            left += 1;
            // Cleared so that the next round's listing shows only its own.
            fs::remove_file(dir.join(&name)).unwrap();
        }
        tally.mid_save += left;
    }
    // And saving still works after all that.
    save_atomic(&target, b"after").unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"after");
    eprintln!("crash_safety: {tally:?}");
    tally
}

/// Numbered lines, so that any mix of the two versions differs from both.
fn numbered(tag: &str, bytes: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes + 32);
    let mut i = 0u64;
    while out.len() < bytes {
        writeln!(out, "{tag} line {i:08} ميزان").unwrap();
        i += 1;
    }
    out.truncate(bytes);
    out
}

#[test]
fn killed_writer_leaves_the_old_or_the_new_file() {
    let old = numbered("old", 2 << 20);
    let new = numbered("NEW", 3 << 20);
    let t = kill_rounds(&old, &new, 30, 50);
    assert_eq!(t.a + t.b, 30);
}

/// The same with real maps: the first article in `maps/` as written by the
/// canonical writer, and with an edited title.
#[test]
fn killed_writer_leaves_a_whole_map() {
    let maps = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    let mut files: Vec<PathBuf> = fs::read_dir(&maps)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter(|p| p.file_name() != Some(mizan::store::MOTION_FILE.as_ref()))
        .collect();
    files.sort();
    let path = files.first().expect("an article in maps/");
    let (entry, _) = mizan::store::parse_article(path, &fs::read(path).unwrap());
    let mut article = entry.article.expect("the map parses");
    let before = mizan::store::canon::article_to_string(&article);
    article.meta.title_en = format!("{} (edited)", article.meta.title_en).into();
    let after = mizan::store::canon::article_to_string(&article);
    let t = kill_rounds(before.as_bytes(), after.as_bytes(), 12, 20);
    assert_eq!(t.a + t.b, 12);
}
