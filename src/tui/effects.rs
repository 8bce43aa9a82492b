//! Effects: what `update` asks for but must not do itself (it stays pure and
//! testable): writing and reading files. The loop runs them after each batch
//! of events; the external editor needs the terminal, so the loop runs that
//! one itself (see `run`'s return value).

use std::path::PathBuf;

use super::app::{App, Overlay};
use super::saving;
use crate::export::{self, Format, Selection};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Export these articles in this format into the export directory.
    Export {
        articles: Vec<String>,
        format: Format,
    },
    /// Save every map with unsaved edits (`force`: even with errors).
    Save {
        then_quit: bool,
        force: bool,
    },
    /// Save one map without keeping a backup (none could be kept).
    SaveWithoutBackup {
        map: u32,
    },
    /// Replace a map with what is on disk, dropping its edits.
    Reload {
        map: u32,
    },
    /// Write a map although the file changed on disk.
    Overwrite {
        map: u32,
    },
    /// Write ours as a new map beside the changed file, and load theirs.
    KeepBoth {
        map: u32,
    },
    /// Put back the edits in the recovery file.
    Restore,
    DiscardRecovery,
    KeepRecovery,
    /// Suspend the UI and edit the map's file at a line.
    OpenEditor {
        map: u32,
        line: u32,
    },
}

/// An external editor to run on a file at a line, then reload the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorRequest {
    pub map: u32,
    pub path: PathBuf,
    pub line: u32,
}

/// Runs and clears the pending effects, reporting each in the status bar.
/// Returns the external editor to open, if one was asked for.
pub fn run(app: &mut App) -> Option<EditorRequest> {
    let mut editor = None;
    for effect in std::mem::take(&mut app.effects) {
        match effect {
            Effect::Export { articles, format } => {
                let dir: PathBuf = app.export_dir.clone();
                let result = Selection::new(&app.corpus, &articles)
                    .and_then(|sel| export::export_to_dir(&sel, format, &dir));
                match result {
                    Ok(path) => {
                        app.flash =
                            Some(format!("exported {} to {}", format.name(), path.display()))
                    }
                    Err(e) => app.overlays.push(Overlay::Message {
                        title: "Export failed".into(),
                        lines: vec![e.to_string()],
                        scroll: 0,
                    }),
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
            Effect::OpenEditor { map, line } => {
                if app.history.is_dirty(map) {
                    app.flash = Some("not saved, so the editor was not opened".into());
                } else if let Some(m) = app.corpus.maps.get(map as usize) {
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
