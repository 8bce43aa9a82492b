//! The terminal UI, the only layer that knows ratatui and crossterm. One
//! loop (`event_loop`): terminal event → action (through the keymap) →
//! `update`, which returns effects → the effects run → `view`.
//!
//! The rooms: `app` (the state, in parts that change together), `layer`
//! (the one trait for screens and overlays), `screens/` (browse, compare,
//! overview), `overlays/` (help, message, ask, search, forms, choosers,
//! export, quote selection), `widgets/` (line editor, form, chooser, list,
//! popup, Arabic lines), `workspace/` (the maps: editing, history, saving),
//! and the input side: `action`, `key`, `mouse`, `keymap`, `config`. This
//! file builds the app from the options, the config and the environment.
//!
//! Imports point one way: the screens' and overlays' states (`*_state`),
//! the workspace, `effect` and `layout` sit below `app`; the handlers (each
//! screen's and overlay's keys, editing, saving) above it; `update`, `view`,
//! `effects` and `event_loop` on top. `tests/it/tui_imports.rs` fails on
//! any import circle of more than two files.

pub mod action;
pub mod ahead;
pub mod app;
pub mod arrivals;
pub mod config;
pub mod effect;
pub mod effects;
mod error;
mod event_loop;
pub mod key;
pub mod keymap;
pub mod layer;
pub mod layout;
pub mod loading;
pub mod mouse;
pub mod overlays;
pub mod palette;
pub mod screens;
pub mod terminal;
mod test_hooks;
pub mod update;
pub mod view;
pub mod widgets;
pub mod workspace;

use std::path::PathBuf;

use crate::model::validate;
use crate::store;
use app::{App, Overlay, Setup};
use config::BidiChoice;
use keymap::Keymap;
use palette::Palette;

pub use error::Error;

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
    setup_with(opts, env, store::load_dir(&opts.maps_dir)?)
}

/// [`setup`] over a corpus already loaded (by the loading screen).
pub fn setup_with(
    opts: &Options,
    env: &dyn Fn(&str) -> Option<String>,
    corpus: crate::model::Corpus,
) -> Result<App, Error> {
    build(opts, env, corpus, None)
}

/// [`setup`] over what the loading screen has gathered, the rest of the
/// maps to arrive from `loader` (`None`: from events a test hands over)
/// while the browser is open (`workspace::arrival`).
pub fn setup_arriving(
    opts: &Options,
    env: &dyn Fn(&str) -> Option<String>,
    asm: store::background::Assembly,
    loader: Option<store::background::Loader>,
) -> Result<App, Error> {
    let (corpus, arrival) = workspace::arrival::Arrival::start(asm, loader);
    build(opts, env, corpus, Some(arrival))
}

fn build(
    opts: &Options,
    env: &dyn Fn(&str) -> Option<String>,
    corpus: crate::model::Corpus,
    arrival: Option<workspace::arrival::Arrival>,
) -> Result<App, Error> {
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
    let sources_dir = opts.sources.clone().or(config.sources.clone());
    // While the maps arrive, the catalog names the source files.
    let read = |d: &std::path::Path| match &arrival {
        Some(r) => store::sources::load_named(d, r.source_names()),
        None => store::sources::load_sources(d, &corpus),
    };
    let sources = match &sources_dir {
        Some(d) => match read(d) {
            Ok(s) => Some(s),
            Err(e) => {
                warnings.push(format!("sources: {e}"));
                None
            }
        },
        None => None,
    };
    // Checks resolve links across every map: while the maps arrive they
    // run once all are in, and their marks come as they are found.
    let diagnostics = match arrival {
        Some(_) => Vec::new(),
        None => validate::validate(&corpus, &opts.maps_dir, sources.as_ref()),
    };
    let mut palette = Palette::from_env(env("NO_COLOR").as_deref());
    warnings.extend(palette.patch(&config.colors));
    let mut keymap = Keymap::with_user(&config.keys);
    warnings.extend(keymap.lockout_fixed(&config.keys));
    let choice = opts.bidi.or(config.bidi).unwrap_or(BidiChoice::Mizan);
    let (bidi, bidi_reason) = config::resolve_bidi(choice, env);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut ws = workspace::Workspace::new(corpus, opts.maps_dir.clone(), sources, diagnostics);
    // Tests point this at a temporary directory.
    ws.sources_dir = opts.sources.clone();
    ws.state_dir = env("MIZAN_STATE_DIR")
        .map(PathBuf::from)
        .or_else(store::dirs::state_dir);
    let settings = app::Settings {
        keymap,
        palette,
        bidi,
        bidi_reason,
        // The configured folder, else a per-user one (the export dialog
        // shows it and Tab changes it); the temporary directory only when
        // there is no home at all — never silently the working tree.
        export_dir: config
            .export_dir
            .or_else(crate::store::dirs::export_dir)
            .unwrap_or_else(|| std::env::temp_dir().join("mizan-exports")),
        lang: app::Lang::En,
        voices: Default::default(),
    };
    let arriving = arrival.is_some();
    ws.arrival = arrival;
    let mut app = App::new(Setup { ws, settings });
    // A recovery restores edits into the maps: offered once all are in.
    if !arriving {
        workspace::saving::offer_recovery(&mut app);
    }
    if errors > 0 {
        app.flash = Some(format!(
            "{} in the maps (marked !; `mizan check` lists them)",
            crate::text::plural::count(errors, "problem")
        ));
    }
    if !warnings.is_empty() {
        app.overlays.push(Overlay::message("Config", warnings));
    }
    Ok(app)
}

/// How Arabic will be shown, from the options and the config, before the
/// app exists (the terminal is entered in that mode for the loading screen).
pub fn bidi_mode(opts: &Options, env: &dyn Fn(&str) -> Option<String>) -> crate::text::BidiMode {
    let config = opts
        .config
        .clone()
        .or_else(store::dirs::config_file)
        .and_then(|p| config::load(&p).ok().flatten())
        .unwrap_or_default();
    let choice = opts.bidi.or(config.bidi).unwrap_or(BidiChoice::Mizan);
    config::resolve_bidi(choice, env).0
}

pub use event_loop::{run, run_with_cache};
