//! The terminal UI, the only layer that knows ratatui and crossterm. One
//! loop: terminal event → action (through the keymap) → `update` → `view`.
//! Pending events are drained before each frame is drawn.

pub mod action;
pub mod app;
pub mod config;
pub mod effects;
pub mod key;
pub mod keymap;
pub mod layer;
pub mod overlays;
pub mod palette;
pub mod screens;
pub mod terminal;
pub mod update;
pub mod view;
pub mod widgets;
pub mod workspace;

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::model::validate;
use crate::store;
use app::{App, Overlay, Setup};
use config::BidiChoice;
use keymap::Keymap;
use palette::Palette;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// What the command line hands the UI.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub maps_dir: PathBuf,
    pub sources: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub bidi: Option<BidiChoice>,
}

/// Builds the app from options, the config file and the environment,
/// without touching the terminal (so tests can build the same app).
pub fn setup(opts: &Options, env: &dyn Fn(&str) -> Option<String>) -> Result<App, Error> {
    let mut warnings: Vec<String> = Vec::new();
    let config_path = opts.config.clone().or_else(store::dirs::config_file);
    let config = match config_path.as_deref().map(config::load) {
        Some(Ok(c)) => c.unwrap_or_default(),
        Some(Err(e)) => {
            warnings.push(e);
            warnings.push("mizan is running on the default settings.".into());
            config::Config::default()
        }
        None => config::Config::default(),
    };
    let corpus = store::load_dir(&opts.maps_dir)?;
    let sources_dir = opts.sources.clone().or(config.sources.clone());
    let sources = match &sources_dir {
        Some(d) => match store::sources::load_sources(d, &corpus) {
            Ok(s) => Some(s),
            Err(e) => {
                warnings.push(format!("sources: {e}"));
                None
            }
        },
        None => None,
    };
    let diagnostics = validate::validate(&corpus, &opts.maps_dir, sources.as_ref());
    let mut palette = Palette::from_env(env("NO_COLOR").as_deref());
    warnings.extend(palette.patch(&config.colors));
    let (keymap, key_problems) = Keymap::with_user(&config.keys);
    warnings.extend(key_problems);
    let choice = opts.bidi.or(config.bidi).unwrap_or(BidiChoice::Mizan);
    let (bidi, bidi_reason) = config::resolve_bidi(choice, env);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut ws = workspace::Workspace::new(corpus, opts.maps_dir.clone(), sources, diagnostics);
    // Tests point this at a temporary directory.
    ws.state_dir = env("MIZAN_STATE_DIR")
        .map(PathBuf::from)
        .or_else(store::dirs::state_dir);
    let settings = app::Settings {
        keymap,
        palette,
        bidi,
        bidi_reason,
        export_dir: config.export_dir.unwrap_or_else(|| PathBuf::from(".")),
        lang: app::Lang::En,
    };
    let mut app = App::new(Setup { ws, settings });
    workspace::saving::offer_recovery(&mut app);
    if errors > 0 {
        app.flash = Some(format!(
            "{errors} problems in the maps (marked !; `mizan check` lists them)"
        ));
    }
    if !warnings.is_empty() {
        app.overlays.push(Overlay::message("Config", warnings));
    }
    Ok(app)
}

/// Runs the UI until the user quits or a signal asks us to stop.
pub fn run(opts: &Options) -> Result<(), Error> {
    let env = |k: &str| std::env::var(k).ok();
    let mut app = setup(opts, &env)?;
    let stop = terminal::signal_flag()?;
    terminal::install_panic_hook();
    // Without a watcher mizan still works; it just will not notice changes.
    let watcher = store::watch::Watcher::new(&opts.maps_dir).ok();
    terminal::enter(app.settings.bidi == crate::text::BidiMode::Mizan)?;
    let result = event_loop(&mut app, &stop, watcher.as_ref());
    // Quitting asks about unsaved edits, so edits still here at the end
    // mean a signal or an error stopped us: keep them for the next start.
    if app.ws.quit == Some(workspace::Quit::Discarding) {
        terminal::set_recovery(None);
    } else {
        snapshot_recovery(&app);
        terminal::write_recovery();
    }
    terminal::leave();
    result
}

/// Makes the recovery file's bytes ready for a crash, or clears them.
fn snapshot_recovery(app: &App) {
    let ready = app.ws.state_dir.as_ref().and_then(|state| {
        let r = workspace::saving::recovery_of(app)?;
        Some((
            store::recovery::path_for(state, &app.ws.maps_dir),
            store::recovery::to_bytes(&r),
        ))
    });
    terminal::set_recovery(ready);
}

fn event_loop(
    app: &mut App,
    stop: &std::sync::atomic::AtomicBool,
    watcher: Option<&store::watch::Watcher>,
) -> Result<(), Error> {
    let mut term = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    // Lets the end-to-end tests prove that a panic leaves the terminal
    // usable (at the first frame) and keeps unsaved edits (`F12`: on that key).
    let test_panic = std::env::var("MIZAN_TEST_PANIC").ok();
    let panic_for_test = test_panic.as_deref().is_some_and(|v| v != "F12");
    let panic_on_f12 = test_panic.as_deref() == Some("F12");
    loop {
        let size = term.size()?;
        let screen = ratatui::layout::Rect::new(0, 0, size.width, size.height);
        screens::browse::relayout(app, screen);
        let searching = overlays::search::pump(app, false);
        term.draw(|f| view::view(app, f))?;
        if panic_for_test {
            panic!("MIZAN_TEST_PANIC is set");
        }
        // Wait for something to happen, then take what is queued (bounded,
        // and checking the stop flag, so a flood of input — or a terminal
        // that hung up and reads as always ready — cannot keep us here).
        // While a search streams results, come back soon to show them.
        let mut timeout = Duration::from_millis(if searching { 16 } else { 250 });
        let mut idle = true;
        for _ in 0..MAX_EVENTS_PER_FRAME {
            if app.ws.quit.is_some() || stop.load(Ordering::Relaxed) || !event::poll(timeout)? {
                break;
            }
            let ev = event::read()?;
            if panic_on_f12
                && let Event::Key(k) = &ev
                && k.code == crossterm::event::KeyCode::F(12)
            {
                panic!("MIZAN_TEST_PANIC: F12 pressed");
            }
            let fx = handle(app, ev);
            idle = false;
            timeout = Duration::ZERO;
            // Effects run before the next key, so that a question a save
            // asks (say) is there to take the key typed after C-s.
            if let Some(req) = effects::run(app, fx) {
                run_editor(&mut term, app, req)?;
            }
        }
        if let Some(w) = watcher {
            app.ws.disk_changes.extend(w.changed());
        }
        workspace::saving::apply_disk_changes(app);
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
