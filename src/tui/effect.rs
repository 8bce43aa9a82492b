//! Effects as values: what `update` asks for but must not do itself —
//! reading and writing files, checking paths, talking to the search worker,
//! ending the session. Handlers push them and `update` returns them; the
//! loop runs them (`effects::run`). They live apart from the code that runs
//! them so that every screen and overlay can ask for one without importing
//! the saving, search and form code the runner calls.

use std::path::PathBuf;

use crate::export::Format;
use crate::tui::workspace::Quit;

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
    /// Send this query to the search worker for the search overlay.
    Search {
        query: String,
    },
    /// The new-article form's article: find its file name (the form shows
    /// why not), then add it as an unsaved map.
    NewArticle(Box<crate::model::Article>),
    /// Files in the maps directory changed on disk: reload what has no
    /// unsaved edits, once no overlay holds a node.
    DiskChanged(Vec<PathBuf>),
    /// The recovery snapshot is behind the edits (written when idle).
    SnapshotRecovery,
    /// End the session.
    Quit(Quit),
    /// Show a node's history in git (runs `git log`).
    NodeHistory {
        map: u32,
        node: crate::model::NodeIdx,
    },
}
