//! The loop: terminal event → action (through the keymap) → `update` →
//! effects run → `view`. Pending events are drained before each frame is
//! drawn; the recovery snapshot is made when nothing else is happening.

use std::sync::atomic::Ordering;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::store;
use crate::store::background::Loader;
use crate::tui::app::App;
use crate::tui::effects::{self, Effect};
use crate::tui::palette::Palette;
use crate::tui::test_hooks::TestHooks;
use crate::tui::{
    Error, Options, ahead, arrivals, bidi_mode, key, loading, overlays, screens, setup_arriving,
    setup_with, terminal, update, view, workspace,
};

/// Runs the UI until the user quits or a signal asks us to stop, reading
/// the maps through the user's cache of parsed maps.
pub fn run(opts: &Options) -> Result<(), Error> {
    run_with_cache(opts, store::cache::Cache::user())
}

/// [`run`] with this cache of parsed maps, or none (`--no-cache`).
pub fn run_with_cache(opts: &Options, cache: Option<store::cache::Cache>) -> Result<(), Error> {
    let env = |k: &str| std::env::var(k).ok();
    let stop = terminal::signal_flag()?;
    terminal::install_panic_hook();
    // Without a watcher mizan still works; it just will not notice changes.
    let watcher = store::watch::Watcher::new(&opts.maps_dir).ok();
    // The maps load in the background while the loading screen shows the
    // list (a large corpus takes seconds); a small one opens directly.
    let loader = Loader::start_paced(opts.maps_dir.clone(), cache, TestHooks::load_pace());
    terminal::enter(bidi_mode(opts, &env) == crate::text::BidiMode::Mizan)?;
    let mut term = match Terminal::new(CrosstermBackend::new(std::io::stdout())) {
        Ok(t) => t,
        Err(e) => {
            terminal::leave();
            return Err(e.into());
        }
    };
    let palette = Palette::from_env(env("NO_COLOR").as_deref());
    let loaded = loading::run(&mut term, &loader, &palette, &stop);
    let built = loaded.and_then(|l| {
        l.map(|l| match l {
            loading::Loaded::Whole(c) => setup_with(opts, &env, c),
            loading::Loaded::Arriving(asm) => setup_arriving(opts, &env, asm, Some(loader)),
        })
        .transpose()
    });
    let mut app = match built {
        Ok(Some(app)) => app,
        Ok(None) => {
            terminal::leave();
            return Ok(());
        }
        Err(e) => {
            terminal::leave();
            return Err(e);
        }
    };
    let result = event_loop(&mut term, &mut app, &stop, watcher.as_ref());
    // Quitting asks about unsaved edits, so edits still here at the end
    // mean a signal or an error stopped us: keep them for the next start.
    let kept = if app.ws.quit == Some(workspace::Quit::Discarding) {
        terminal::set_recovery(None);
        None
    } else {
        snapshot_recovery(&app);
        terminal::write_recovery()
    };
    terminal::leave();
    // Where the edits went, or that they could not be kept (issue 20, item 5).
    terminal::report_recovery(kept);
    result
}

/// Makes the recovery file's bytes ready for a crash, or clears them.
fn snapshot_recovery(app: &App) {
    // No state directory (no home): the temporary directory still beats
    // losing the edits.
    let state = app.ws.state_dir.clone().unwrap_or_else(std::env::temp_dir);
    let ready = workspace::saving::recovery_of(app).map(|r| {
        (
            // Beside an unrestored recovery, never over it (issue 20, item 5).
            store::recovery::place(&state, &app.ws.maps_dir),
            store::recovery::to_bytes(&r),
        )
    });
    terminal::set_recovery(ready);
}

fn event_loop(
    term: &mut Terminal<CrosstermBackend<std::io::Stdout>>,
    app: &mut App,
    stop: &std::sync::atomic::AtomicBool,
    watcher: Option<&store::watch::Watcher>,
) -> Result<(), Error> {
    let hooks = TestHooks::from_env();
    loop {
        let size = term.size()?;
        let screen = ratatui::layout::Rect::new(0, 0, size.width, size.height);
        // Maps and check marks that arrived since the last frame.
        let arriving = arrivals::pump(app) | app.ws.arrival.is_some();
        screens::navigate::relayout(app, screen);
        // A search or a large chooser's matching streams in: come back
        // soon to show it.
        let searching = overlays::search::pump(app, false) | overlays::choose::pump(app);
        ahead::collect(app);
        term.draw(|f| view::view(app, f))?;
        hooks.after_frame();
        // Text the next keys will show, laid out on another thread.
        ahead::step(app);
        // Wait for something to happen, then take what is queued (bounded,
        // and checking the stop flag, so a flood of input — or a terminal
        // that hung up and reads as always ready — cannot keep us here).
        // While a search streams results, come back soon to show them.
        let mut timeout = Duration::from_millis(match (searching, arriving) {
            (true, _) => 16,
            (false, true) => 40,
            (false, false) => 250,
        });
        let mut idle = true;
        for _ in 0..MAX_EVENTS_PER_FRAME {
            if app.ws.quit.is_some() || stop.load(Ordering::Relaxed) || !event::poll(timeout)? {
                break;
            }
            let ev = event::read()?;
            hooks.on_event(&ev);
            let fx = handle(app, ev);
            idle = false;
            timeout = Duration::ZERO;
            // Effects run before the next key, so that a question a save
            // asks (say) is there to take the key typed after C-s.
            if let Some(req) = effects::run(app, fx) {
                run_editor(term, app, req)?;
            }
        }
        // Changes seen on disk, and any waiting for an overlay to close.
        let changed = watcher.map(|w| w.changed()).unwrap_or_default();
        effects::run(app, vec![Effect::DiskChanged(changed)]);
        // Serializing the edited maps costs a few ms on a big map, so it is
        // done when nothing else is happening rather than on every edit.
        if idle && app.ws.recovery_stale {
            snapshot_recovery(app);
            app.ws.recovery_stale = false;
        }
        if app.ws.quit.is_some() || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
    }
}

/// Events handled between two frames at most.
const MAX_EVENTS_PER_FRAME: usize = 256;

/// `E`: suspends the UI, runs `$VISUAL` / `$EDITOR` (else `vi`) on the
/// map file at the node's line, then comes back and reloads the map.
fn run_editor(
    term: &mut Terminal<CrosstermBackend<std::io::Stdout>>,
    app: &mut App,
    req: effects::EditorRequest,
) -> Result<(), Error> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    terminal::leave();
    // Through the shell, so `EDITOR="code --wait"` works as it does in git.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg("mizan")
        .arg(format!("+{}", req.line))
        .arg(&req.path)
        .status();
    terminal::enter(app.settings.bidi == crate::text::BidiMode::Mizan)?;
    term.clear()?;
    workspace::saving::reload(app, req.map);
    match status {
        Err(e) => app.flash = Some(format!("could not run `{editor}`: {e}")),
        Ok(s) if !s.success() => app.flash = Some(format!("`{editor}` exited with {s}")),
        Ok(_) => {}
    }
    Ok(())
}

fn handle(app: &mut App, ev: Event) -> Vec<effects::Effect> {
    match ev {
        Event::Paste(text) => update::paste(app, &text),
        Event::Key(k) if k.kind != KeyEventKind::Release => match key::KeyPress::from_event(&k) {
            Some(press) => update::key(app, press),
            None => Vec::new(),
        },
        Event::Mouse(m) => {
            let (x, y) = (m.column, m.row);
            let me = match m.kind {
                MouseEventKind::Down(MouseButton::Left) => update::Mouse::Click { x, y },
                MouseEventKind::Drag(MouseButton::Left) => update::Mouse::Drag { x, y },
                MouseEventKind::ScrollUp => update::Mouse::ScrollUp { x, y },
                MouseEventKind::ScrollDown => update::Mouse::ScrollDown { x, y },
                _ => return Vec::new(),
            };
            update::mouse(app, me)
        }
        _ => Vec::new(),
    }
}
