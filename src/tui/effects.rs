//! Effects: what `update` asks for but must not do itself (it stays pure and
//! testable): writing files. The loop runs them after each batch of events.

use std::path::PathBuf;

use super::app::{App, Overlay};
use crate::export::{self, Format, Selection};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Export these articles in this format into the export directory.
    Export {
        articles: Vec<String>,
        format: Format,
    },
}

/// Runs and clears the pending effects, reporting each in the status bar.
pub fn run(app: &mut App) {
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
        }
    }
}
