//! Saving and reloading maps from the UI, run as effects: canonical RON,
//! written atomically, a backup of the previous version in the state
//! directory, and never a silent overwrite of a file that changed on disk
//! since it was read. Also the recovery file and the watcher's reloads.

use std::path::Path;

use crate::model::MapEntry;
use crate::store::{self, canon, disk, recovery};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::effect::Effect;
use crate::tui::keymap::Mode;
use crate::tui::overlays::ask_state::{Answer, Ask};
use crate::tui::workspace::ArticleCache;
use crate::tui::workspace::Quit;
use crate::tui::workspace::editing::{self, map_file_name};

enum Outcome {
    Saved,
    /// The file is not what we read: someone else changed it.
    Conflict,
}

/// `C-s`: writes every map with unsaved edits.
pub fn save(app: &mut App, then_quit: bool, force: bool) {
    let dirty = app.ws.history.dirty_maps();
    if dirty.is_empty() {
        app.flash = Some("nothing to save".into());
        if then_quit {
            app.out.push(Effect::Quit(Quit::Keeping));
        }
        return;
    }
    if let Some(errors) = super::errors_in(&app.ws, &dirty)
        && !force
    {
        let ask = Ask::new(
            "Save with errors?",
            vec![
                errors,
                "`mizan check` will report them until they are fixed.".into(),
            ],
        )
        .choice(
            's',
            "save anyway",
            Answer::Run(Effect::Save {
                then_quit,
                force: true,
            }),
        )
        .choice('c', "cancel", Answer::Cancel);
        app.overlays.push(Overlay::Ask(Box::new(ask)));
        return;
    }
    let mut saved = Vec::new();
    for map in dirty {
        match write_map(app, map, false, true) {
            Ok(Outcome::Saved) => saved.push(map_file_name(app, map)),
            Ok(Outcome::Conflict) => ask_conflict(app, map),
            Err(Failure::NoBackup(e)) => ask_without_backup(app, map, e),
            Err(Failure::Other(e)) => app.overlays.push(Overlay::message(
                "Save failed",
                vec![e, "Your edits are still here, unsaved.".into()],
            )),
        }
    }
    if !saved.is_empty() {
        app.flash = Some(format!("saved {}", saved.join(", ")));
    }
    app.out.push(Effect::SnapshotRecovery);
    if then_quit && app.ws.history.dirty_maps().is_empty() {
        app.out.push(Effect::Quit(Quit::Keeping));
    }
}

fn ask_conflict(app: &mut App, map: u32) {
    let name = map_file_name(app, map);
    let ask = Ask::new(
        "Changed on disk",
        vec![
            format!("{name} changed on disk since mizan read it (another editor, git?)."),
            "Saving now would overwrite those changes.".into(),
        ],
    )
    .choice(
        'r',
        "reload the disk's version (your edits to it are dropped)",
        Answer::Run(Effect::Reload { map }),
    )
    .choice(
        'o',
        "overwrite it with yours",
        Answer::Run(Effect::Overwrite { map }),
    )
    .choice(
        'k',
        "keep both: yours becomes a new map beside it",
        Answer::Run(Effect::KeepBoth { map }),
    )
    .choice('c', "cancel (nothing is written)", Answer::Cancel);
    app.overlays.push(Overlay::Ask(Box::new(ask)));
}

/// Why a map was not written.
enum Failure {
    /// No backup could be kept (the state directory is unwritable).
    NoBackup(String),
    Other(String),
}

/// Writes one map through the store's one save protocol
/// (`map_save::save_map`: lock, check against what was read unless
/// `overwrite`, back up unless `!keep_backup`, atomic rename).
fn write_map(
    app: &mut App,
    map: u32,
    overwrite: bool,
    keep_backup: bool,
) -> Result<Outcome, Failure> {
    use crate::store::map_save::{Backup, Expect, SaveError, Saved, save_map};
    let state = app.ws.state_dir.clone();
    let other = |s: &str| Failure::Other(s.to_owned());
    let entry = std::sync::Arc::make_mut(&mut app.ws.corpus)
        .maps
        .get_mut(map as usize)
        .ok_or_else(|| other("no such map"))?;
    let article = entry
        .article
        .as_ref()
        .ok_or_else(|| other("the map did not load"))?;
    let (text, positions) = canon::article_with_positions(article);
    let expect = if overwrite {
        Expect::Anything
    } else {
        Expect::loaded(entry.hash)
    };
    let backup = match &state {
        Some(dir) if keep_backup => Backup::In(dir),
        _ => Backup::Skip,
    };
    match save_map(&entry.path, text.as_bytes(), expect, backup) {
        Ok(Saved::Conflict) => return Ok(Outcome::Conflict),
        Ok(Saved::Written { .. } | Saved::Unchanged) => {}
        Err(SaveError::Backup(e)) => return Err(Failure::NoBackup(e.to_string())),
        Err(e) => return Err(Failure::Other(e.to_string())),
    }
    entry.hash = disk::content_hash(text.as_bytes());
    entry.positions = positions;
    app.ws.history.mark_saved(map);
    Ok(Outcome::Saved)
}

pub fn overwrite(app: &mut App, map: u32) {
    match write_map(app, map, true, true) {
        Ok(_) => {
            app.flash = Some(format!(
                "saved {} over the disk's version",
                map_file_name(app, map)
            ))
        }
        Err(Failure::NoBackup(e)) => ask_without_backup(app, map, e),
        Err(Failure::Other(e)) => app.flash = Some(format!("save failed: {e}")),
    }
    app.out.push(Effect::SnapshotRecovery);
}

/// Issue 20, item 13: no backup could be kept; say why, and offer to save
/// without one rather than leave no way to save at all.
fn ask_without_backup(app: &mut App, map: u32, why: String) {
    let ask = Ask::new(
        "No backup possible",
        vec![
            why,
            "The previous versions of maps are kept in the state directory \
             (MIZAN_STATE_DIR sets another)."
                .into(),
        ],
    )
    .choice(
        'w',
        "save without a backup (the version on disk is replaced)",
        Answer::Run(Effect::SaveWithoutBackup { map }),
    )
    .choice('c', "cancel (nothing is written)", Answer::Cancel);
    app.overlays.push(Overlay::Ask(Box::new(ask)));
}

/// Saves one map without a backup, after the person said so.
pub fn save_without_backup(app: &mut App, map: u32) {
    app.flash = Some(match write_map(app, map, false, false) {
        Ok(Outcome::Saved) => format!("saved {} (no backup kept)", map_file_name(app, map)),
        Ok(Outcome::Conflict) => {
            ask_conflict(app, map);
            return;
        }
        Err(Failure::NoBackup(e) | Failure::Other(e)) => format!("save failed: {e}"),
    });
    app.out.push(Effect::SnapshotRecovery);
}

/// Replaces a map with the file on disk; its undo steps are dropped.
/// Returns whether the file loaded.
pub fn reload(app: &mut App, map: u32) {
    let Some(path) = app.ws.corpus.maps.get(map as usize).map(|m| m.path.clone()) else {
        return;
    };
    // Edits a reload replaces are kept as a recovery, offered at the next
    // start, never dropped (issue 20, item 4).
    let kept = if app.ws.history.is_dirty(map) {
        stash_edits(app, map)
    } else {
        None
    };
    // Only a map without unsaved edits can be "unchanged": with edits, the
    // disk's version replaces them even when the file did not change.
    let before = app
        .ws
        .corpus
        .maps
        .get(map as usize)
        .filter(|_| kept.is_none() && !app.ws.history.is_dirty(map))
        .map(|m| m.hash);
    match store::regular::read(&path) {
        // Left without a change (`:q!`): nothing was reloaded, so say so.
        Ok(bytes) if before.is_some_and(|h| h != 0 && h == store::disk::content_hash(&bytes)) => {
            app.flash = Some(format!("{} is unchanged", map_file_name(app, map)));
        }
        Ok(bytes) => {
            install(app, map, store::parse_article(&path, &bytes).0);
            if let Some(k) = kept {
                app.flash = Some(format!(
                    "reloaded {}; your edits are kept in {} (offered at the next start)",
                    map_file_name(app, map),
                    k.display()
                ));
            }
        }
        Err(e) => app.flash = Some(format!("could not reload: {}: {e}", path.display())),
    }
}

/// Writes a map's unsaved edits as a recovery of their own.
fn stash_edits(app: &App, map: u32) -> Option<std::path::PathBuf> {
    let state = app.ws.state_dir.as_ref()?;
    let e = app.ws.corpus.maps.get(map as usize)?;
    let text = canon::article_to_string(e.article.as_ref()?);
    let r = recovery::Recovery::new(
        app.ws.maps_dir.clone(),
        vec![recovery::RecoveredFile {
            path: e.path.clone(),
            text,
        }],
    );
    recovery::write(state, &r).ok()
}

/// Puts a map read from disk in place of map `map`, saying so, and showing
/// where it fails to parse if it does.
fn install(app: &mut App, map: u32, entry: MapEntry) {
    let problem = entry.error.as_ref().map(|d| d.to_string());
    replace(app, map, entry);
    app.flash = Some(match problem {
        Some(_) => format!(
            "reloaded {} — it does not parse now",
            map_file_name(app, map)
        ),
        None => format!("reloaded {} from disk", map_file_name(app, map)),
    });
    if let Some(p) = problem {
        app.overlays.push(Overlay::message(
            "Map does not load",
            p.lines().map(str::to_owned).collect(),
        ));
    }
}

/// Puts a new entry in place of map `map` (or after the last one) and
/// brings the caches up to date.
fn replace(app: &mut App, map: u32, entry: MapEntry) {
    let cache = ArticleCache::for_entry(&entry, app.ws.sources.as_ref());
    let i = map as usize;
    if i < app.ws.corpus.maps.len() {
        app.ws.put_map(map, entry);
        app.ws.cache[i] = cache;
    } else {
        app.ws.put_map(app.ws.corpus.maps.len() as u32, entry);
        app.ws.cache.push(cache);
    }
    if let Some(engine) = app.ws.search.as_mut() {
        engine.edited(&app.ws.corpus, map);
    }
    app.ws.history.forget(map);
    app.screen.browse_mut().trees.remove(&map);
    if let Some(a) = app.ws.corpus.article(map) {
        app.screen
            .browse_mut()
            .trees
            .insert(map, crate::tui::screens::tree::TreeView::new(a));
    }
    editing::refresh(app, map);
    crate::tui::screens::navigate::selection_moved(app);
}

/// Adds a map that is not on disk yet (or not any more) as unsaved.
pub fn add_unsaved(app: &mut App, entry: MapEntry) -> u32 {
    let map = app.ws.corpus.maps.len() as u32;
    replace(app, map, entry);
    app.ws.history.mark_unsaved(map);
    map
}

/// Ours becomes a new map with a new id beside the file; theirs is loaded.
pub fn keep_both(app: &mut App, map: u32) {
    let Some(mut ours) = app.ws.corpus.article(map).cloned() else {
        return;
    };
    let base = format!("{}-mine", ours.meta.id);
    let mut id = base.clone();
    let mut k = 2;
    let path = loop {
        match store::names::new_map_path(&app.ws.maps_dir, &id) {
            Ok(p) if app.ws.corpus.map_of(&id).is_none() => break p,
            Ok(_) | Err(_) if k < 100 => {
                id = format!("{base}-{k}");
                k += 1;
            }
            Ok(_) | Err(_) => {
                app.flash = Some(format!("no free file name for `{base}`"));
                return;
            }
        }
    };
    ours.meta.id = id.clone().into();
    let (text, positions) = canon::article_with_positions(&ours);
    // A new file, created only if the name is still free.
    use crate::store::map_save::{Backup, Expect, Saved, save_map};
    match save_map(&path, text.as_bytes(), Expect::Absent, Backup::Skip) {
        Ok(Saved::Written { .. }) => {}
        Ok(_) => {
            app.flash = Some(format!(
                "{} appeared meanwhile; nothing written",
                path.display()
            ));
            return;
        }
        Err(e) => {
            app.flash = Some(format!("could not write {}: {e}", path.display()));
            return;
        }
    }
    let entry = MapEntry {
        positions,
        path: path.clone(),
        article: Some(ours),
        error: None,
        hash: disk::content_hash(text.as_bytes()),
    };
    let new_map = app.ws.corpus.maps.len() as u32;
    replace(app, new_map, entry);
    reload(app, map);
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    app.flash = Some(format!(
        "yours is now {file} (id `{id}`); the disk's version is loaded — c compares them"
    ));
}

/// The recovery file's contents for the maps with unsaved edits.
pub fn recovery_of(app: &App) -> Option<recovery::Recovery> {
    let dirty = app.ws.history.dirty_maps();
    if dirty.is_empty() {
        return None;
    }
    let files = dirty
        .iter()
        .filter_map(|&m| {
            let e = app.ws.corpus.maps.get(m as usize)?;
            Some(recovery::RecoveredFile {
                path: e.path.clone(),
                text: canon::article_to_string(e.article.as_ref()?),
            })
        })
        .collect();
    Some(recovery::Recovery::new(app.ws.maps_dir.clone(), files))
}

/// Offers to restore a recovery file left by a crash, if there is one.
pub fn offer_recovery(app: &mut App) {
    let Some(state) = app.ws.state_dir.clone() else {
        return;
    };
    match recovery::read(&state, &app.ws.maps_dir) {
        Ok(Some(r)) => {
            let names: Vec<String> = r
                .files
                .iter()
                .filter_map(|f| f.path.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect();
            let mut lines = vec![format!(
                "mizan stopped with unsaved edits in {} (kept in {}).",
                names.join(", "),
                recovery::pending(&state, &app.ws.maps_dir)
                    .first()
                    .map_or_else(String::new, |p| p.display().to_string())
            )];
            lines.extend(super::recovery_preview::preview(app, &r));
            let ask = Ask::new("Unsaved edits recovered", lines)
                .choice(
                    'r',
                    format!(
                        "restore them (then {} saves them)",
                        app.key(Mode::Normal, Action::Save)
                    ),
                    Answer::Run(Effect::Restore),
                )
                .choice('d', "discard them", Answer::Run(Effect::DiscardRecovery))
                .choice(
                    'l',
                    "later: keep them in a file of their own, start without them",
                    Answer::Run(Effect::KeepRecovery),
                );
            app.overlays.push(Overlay::Ask(Box::new(ask)));
        }
        Ok(None) => {}
        Err(e) => app.flash = Some(format!("recovery file: {e}")),
    }
}

pub fn restore(app: &mut App) {
    let Some(state) = app.ws.state_dir.clone() else {
        return;
    };
    let r = match recovery::read(&state, &app.ws.maps_dir) {
        Ok(Some(r)) => r,
        Ok(None) => return,
        Err(e) => {
            app.flash = Some(format!("recovery file: {e}"));
            return;
        }
    };
    // Only entries that parse and belong to this maps directory come back
    // (issue 20, items 5 and 14); the rest are kept and shown.
    let sorted = store::restore::sort(&r, &app.ws.maps_dir);
    let mut restored = Vec::new();
    for mut entry in sorted.restore {
        let name = entry
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match app.ws.corpus.maps.iter().position(|m| m.path == entry.path) {
            Some(i) => {
                // Keep what the disk held when read, so saving still checks it.
                entry.hash = app.ws.corpus.maps[i].hash;
                replace(app, i as u32, entry);
                app.ws.history.mark_unsaved(i as u32);
            }
            None => {
                entry.hash = 0;
                add_unsaved(app, entry);
            }
        }
        restored.push(name);
    }
    let kept = store::restore::finish(&state, &r, &sorted.refused);
    app.out.push(Effect::SnapshotRecovery);
    app.flash = Some(format!(
        "restored unsaved edits in {}; {} saves them",
        restored.join(", "),
        app.key(Mode::Normal, Action::Save)
    ));
    if !sorted.refused.is_empty() {
        let mut lines: Vec<String> = sorted
            .refused
            .iter()
            .map(|(f, why)| format!("{}: not restored: {why}", f.path.display()))
            .collect();
        lines.push(match kept {
            Ok(Some(p)) => format!("They are kept in {}.", p.display()),
            Ok(None) => String::new(),
            Err(e) => format!("They could not be kept apart: {e} (the recovery file is left)."),
        });
        app.overlays
            .push(Overlay::message("Some edits were not restored", lines));
    }
}

/// Moves the recovery file aside (`<name>-kept-<time>.ron` beside it): it
/// is no longer offered, and the next crash's recovery cannot overwrite it.
pub fn keep_recovery(app: &mut App) {
    let Some(state) = &app.ws.state_dir else {
        return;
    };
    let Some(from) = recovery::pending(state, &app.ws.maps_dir)
        .into_iter()
        .next()
    else {
        return;
    };
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let stem = from
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let to = from.with_file_name(format!("{stem}-kept-{secs}.ron"));
    app.flash = Some(match std::fs::rename(&from, &to) {
        Ok(()) => format!("the recovered edits are kept in {}", to.display()),
        Err(e) => format!("could not keep the recovery file: {e}"),
    });
}

pub fn discard_recovery(app: &mut App) {
    if let Some(state) = &app.ws.state_dir {
        match recovery::discard(state, &app.ws.maps_dir) {
            Ok(()) => app.flash = Some("recovered edits discarded".into()),
            Err(e) => app.flash = Some(format!("recovery file: {e}")),
        }
    }
}

/// Acts on the files the watcher saw change, once nothing is open that
/// holds a node's index (a form, a picker, a question, a quote selection).
pub fn apply_disk_changes(app: &mut App) {
    // A quote selection is an overlay too. A map reloaded while the maps
    // still arrive would race its own load: wait (`arrival`).
    if app.ws.disk_changes.is_empty() || !app.overlays.is_empty() || app.ws.arrival.is_some() {
        return;
    }
    let mut paths = std::mem::take(&mut app.ws.disk_changes);
    paths.sort();
    paths.dedup();
    for path in paths {
        disk_changed(app, &path);
    }
}

/// A file in the maps directory changed on disk (the watcher saw it).
pub fn disk_changed(app: &mut App, path: &Path) {
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name == store::MOTION_FILE {
        app.flash = Some("motion.ron changed on disk: restart mizan to use it".into());
        return;
    }
    // Read once: to tell our own save from someone else's, then to parse.
    let bytes = store::regular::read(path).ok();
    let now = bytes.as_deref().map(disk::content_hash);
    match app.ws.corpus.maps.iter().position(|m| m.path == path) {
        Some(i) => {
            let map = i as u32;
            let known = app.ws.corpus.maps[i].hash;
            if now == Some(known) {
                return; // our own save, or a touch
            }
            if app.ws.history.is_dirty(map) {
                app.flash = Some(format!(
                    "{name} changed on disk; your unsaved edits stay (saving will ask)"
                ));
            } else if let Some(bytes) = &bytes {
                install(app, map, store::parse_article(path, bytes).0);
                app.flash = Some(format!("reloaded {name}: it changed on disk"));
            } else {
                app.flash = Some(format!("{name} was removed on disk"));
            }
        }
        None => {
            if let Some(bytes) = &bytes {
                let map = app.ws.corpus.maps.len() as u32;
                replace(app, map, store::parse_article(path, bytes).0);
                app.flash = Some(format!("new map on disk: {name}"));
            }
        }
    }
}
