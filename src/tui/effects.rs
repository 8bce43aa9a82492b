//! Running effects: what `update` asks for but must not do itself, so that
//! it stays pure and testable — reading and writing files, checking paths,
//! talking to the search worker, ending the session. `update` returns them
//! as values (`effect`); the loop runs them (with [`run`]) after each
//! event, before the next. This runner calls into saving, search and the
//! forms, so it sits above them; the values sit below. The external editor needs the terminal, so `run` hands that one
//! back to the loop; the recovery snapshot is written when the loop is
//! idle.

use std::path::PathBuf;

use crate::export::{self, Selection};
use crate::tui::app::{App, Overlay};
use crate::tui::overlays::{form, search};
use crate::tui::workspace::saving;

pub use crate::tui::effect::Effect;

/// An external editor to run on a file at a line, then reload the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorRequest {
    pub map: u32,
    pub path: PathBuf,
    pub line: u32,
}

/// Runs effects `update` returned, reporting each in the status bar (and
/// any they ask for in turn). Returns the external editor to open, if one
/// was asked for: the loop runs it, since it needs the terminal.
pub fn run(app: &mut App, effects: Vec<Effect>) -> Option<EditorRequest> {
    let mut editor = None;
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front().or_else(|| {
        let more = std::mem::take(&mut app.out);
        queue.extend(more);
        queue.pop_front()
    }) {
        match effect {
            Effect::Export { articles, format } => {
                let dir: PathBuf = app.settings.export_dir.clone();
                // A per-user folder may not exist yet; a failure here shows
                // as the export's own error below.
                let _ = std::fs::create_dir_all(&dir);
                let result = Selection::new(&app.ws.corpus, &articles)
                    .and_then(|sel| export::export_to_dir(&sel, format, &dir));
                match result {
                    Ok(path) => {
                        app.flash =
                            Some(format!("exported {} to {}", format.name(), path.display()))
                    }
                    Err(e) => app
                        .overlays
                        .push(Overlay::message("Export failed", vec![e.to_string()])),
                }
            }
            Effect::Save { then_quit, force } => saving::save(app, then_quit, force),
            Effect::SaveWithoutBackup { map } => saving::save_without_backup(app, map),
            Effect::Reload { map } => saving::reload(app, map),
            Effect::Overwrite { map } => saving::overwrite(app, map),
            Effect::KeepBoth { map } => saving::keep_both(app, map),
            Effect::Restore => saving::restore(app),
            Effect::DiscardRecovery => saving::discard_recovery(app),
            Effect::KeepRecovery => saving::keep_recovery(app),
            Effect::Search { query } => search::submit(app, query),
            Effect::NewArticle(article) => form::create_article(app, *article),
            Effect::DiskChanged(paths) => {
                app.ws.disk_changes.extend(paths);
                saving::apply_disk_changes(app);
            }
            Effect::SnapshotRecovery => app.ws.recovery_stale = true,
            Effect::Quit(how) => app.ws.quit = Some(how),
            Effect::NodeHistory { map, node } => {
                crate::tui::workspace::conflicts::show_history(app, map, node)
            }
            Effect::OpenEditor { map, line } => {
                if app.ws.history.is_dirty(map) {
                    app.flash = Some("not saved, so the editor was not opened".into());
                } else if let Some(m) = app.ws.corpus.maps.get(map as usize) {
                    editor = Some(EditorRequest {
                        map,
                        path: m.path.clone(),
                        line,
                    });
                }
            }
        }
    }
    editor
}
