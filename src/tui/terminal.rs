//! Entering and leaving the terminal, and making sure we always leave: on
//! quit, on error, on panic (a hook) and on SIGTERM/SIGHUP (a flag the loop
//! polls). Also the ECMA-48 bidi mode dance from DESIGN.md: VTE-like
//! terminals are put in explicit mode before the alternate screen, and their
//! previous mode is put back on the way out.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};

/// What mode 8 was before we changed it: 0 unknown (leave alone), 1 set
/// (implicit bidi), 2 reset. Global because the panic hook must see it.
static BIDI_MODE_BEFORE: AtomicU8 = AtomicU8::new(0);
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether we pushed kitty keyboard-protocol flags (to pop them on the way out).
static KEYBOARD_FLAGS: AtomicBool = AtomicBool::new(false);

/// The recovery file to write if mizan dies with unsaved edits: its path
/// and bytes, kept ready by the loop so that a panic hook or the signal
/// watchdog can write it without touching the app's state.
static RECOVERY: Mutex<Option<(PathBuf, Vec<u8>)>> = Mutex::new(None);

/// Replaces the ready recovery snapshot (`None`: nothing unsaved).
pub fn set_recovery(snapshot: Option<(PathBuf, Vec<u8>)>) {
    if let Ok(mut r) = RECOVERY.lock() {
        *r = snapshot;
    }
}

/// Writes the ready recovery snapshot, if any, in the state directory or,
/// when that fails, in the temporary directory. Never blocks: a panic while
/// the lock is held must not hang the hook. `None`: nothing to keep.
pub fn write_recovery() -> Option<Result<PathBuf, String>> {
    let r = RECOVERY.try_lock().ok()?;
    let (path, bytes) = r.as_ref()?;
    Some(crate::store::recovery::write_with_fallback(path, bytes))
}

/// Says on stderr where the unsaved edits went, or that they could not be
/// kept (issue 20, item 5: never a silent exit with edits). Call it after
/// the terminal is restored, so the line stays readable.
pub fn report_recovery(outcome: Option<Result<PathBuf, String>>) {
    let line = match outcome {
        Some(Ok(p)) => format!(
            "mizan: unsaved edits kept in {}; the next start offers to restore them",
            p.display()
        ),
        Some(Err(e)) => format!("mizan: the unsaved edits could not be kept: {e}"),
        None => return,
    };
    let _ = writeln!(io::stderr(), "{}", crate::text::sanitize::visible(&line));
}

/// Asks the terminal for mode 8 (DECRQM) and waits briefly for the reply.
/// A DA1 query follows so that terminals which ignore DECRQM still answer
/// something and we stop waiting at once.
fn query_bidi_mode() -> u8 {
    let mut out = io::stdout();
    if write!(out, "\x1b[8$p\x1b[c")
        .and_then(|_| out.flush())
        .is_err()
    {
        return 0;
    }
    let stdin = io::stdin();
    let mut got: Vec<u8> = Vec::new();
    let deadline = Instant::now() + Duration::from_millis(300);
    let mut buf = [0u8; 64];
    while Instant::now() < deadline {
        let left = deadline.saturating_duration_since(Instant::now());
        let ts = rustix::event::Timespec {
            tv_sec: left.as_secs() as _,
            tv_nsec: left.subsec_nanos().into(),
        };
        let fd = stdin.lock();
        let mut fds = [rustix::event::PollFd::new(
            &fd,
            rustix::event::PollFlags::IN,
        )];
        match rustix::event::poll(&mut fds, Some(&ts)) {
            Ok(n) if n > 0 => {}
            _ => break,
        }
        drop(fd);
        match stdin.lock().read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
        // The DA1 reply (`ESC [ ? ... c`) comes last.
        if let Some(p) = find(&got, b"\x1b[?")
            && got[p..].contains(&b'c')
        {
            break;
        }
    }
    // DECRPM reply: ESC [ 8 ; Ps $ y
    match find(&got, b"\x1b[8;") {
        Some(p) => match got.get(p + 4..p + 7) {
            Some([d, b'$', b'y']) if (b'0'..=b'4').contains(d) => d - b'0',
            _ => 0,
        },
        None => 0,
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Enters raw mode and the alternate screen. With `explicit_bidi`, first
/// switches the terminal's own bidi off (mode 8 reset), remembering the old value.
pub fn enter(explicit_bidi: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    if explicit_bidi {
        let before = query_bidi_mode();
        BIDI_MODE_BEFORE.store(before, Ordering::SeqCst);
        // Must come before the alternate screen: VTE ignores it after.
        write!(out, "\x1b[8l")?;
    }
    execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    // Where the terminal speaks the kitty keyboard protocol, ask it to tell
    // C-i from Tab (so C-i can go forward in the jump list, as in vim).
    if crossterm::terminal::supports_keyboard_enhancement().unwrap_or(false) {
        use crossterm::event::{KeyboardEnhancementFlags, PushKeyboardEnhancementFlags};
        if execute!(
            out,
            PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
        )
        .is_ok()
        {
            KEYBOARD_FLAGS.store(true, Ordering::SeqCst);
        }
    }
    Ok(())
}

/// Leaves everything as it was. Safe to call twice (the panic hook and the
/// normal exit path may both run).
pub fn leave() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if KEYBOARD_FLAGS.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, crossterm::event::PopKeyboardEnhancementFlags);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    match BIDI_MODE_BEFORE.load(Ordering::SeqCst) {
        1 | 3 => {
            let _ = write!(out, "\x1b[8h");
        }
        _ => {}
    }
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

/// Restores the terminal before the default panic message is printed, so
/// the message is readable and the shell is usable.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Unsaved edits first: restoring the terminal can fail too.
        let kept = if ACTIVE.load(Ordering::SeqCst) {
            write_recovery()
        } else {
            None
        };
        leave();
        report_recovery(kept);
        default(info);
    }));
}

/// A flag raised by SIGTERM or SIGHUP; the loop checks it between events.
///
/// A watchdog thread backs it up: when the terminal hangs up, crossterm's
/// reader can spin on end-of-file inside a single call and never return to
/// the loop, so if the loop has not finished within half a second of the
/// signal, the watchdog restores the terminal and exits itself.
pub fn signal_flag() -> io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let flag = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    let raised = Arc::clone(&flag);
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                raised.store(true, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(500));
                if ACTIVE.load(Ordering::SeqCst) {
                    let kept = write_recovery();
                    leave();
                    report_recovery(kept);
                    std::process::exit(128 + sig);
                }
            }
        })?;
    Ok(flag)
}
