//! What restoring recovered edits would change, node by node, against the
//! maps as loaded — shown in the question at start, so the choice between
//! restore and discard is made knowing what is at stake (issue 14).

use crate::store::{self, recovery};
use crate::text::plural::count;
use crate::tui::app::App;

/// What restoring would change, node by node, against the maps as loaded:
/// `+` a node the recovery adds, `−` one it removes, `~` one whose fields
/// differ (issue 14: see before choosing restore or discard).
pub fn preview(app: &App, r: &recovery::Recovery) -> Vec<String> {
    const MOST: usize = 12;
    let mut out = vec![String::new(), "Restoring would:".to_string()];
    let mut shown = 0;
    let mut more = 0;
    for f in &r.files {
        let name = f
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (entry, _) = store::parse_article(&f.path, f.text.as_bytes());
        let Some(ours) = entry.article else {
            out.push(format!("  {name}: the recovered text does not parse"));
            continue;
        };
        let disk = app
            .ws
            .corpus
            .maps
            .iter()
            .find(|m| m.path == f.path)
            .and_then(|m| m.article.as_ref());
        let mut changes = Vec::new();
        match disk {
            None => changes.push(format!("+ {name}: a new article `{}`", ours.meta.id)),
            Some(theirs) => {
                if ours.meta != theirs.meta {
                    changes.push(format!("~ {name}: the article's title, stance or details"));
                }
                for n in ours.preorder() {
                    let node = ours.node(n);
                    match theirs.find(node.id()) {
                        None => {
                            changes.push(format!("+ {name} `{}`: {}", node.id(), node.claim_en()))
                        }
                        Some(t) => {
                            let old = theirs.node(t);
                            let same = old.claim_en() == node.claim_en()
                                && old.claim_ar() == node.claim_ar()
                                && old.quote() == node.quote()
                                && old.themes().eq(node.themes())
                                && old.links() == node.links()
                                && old.note() == node.note()
                                && old.relation == node.relation
                                && old.bearing == node.bearing
                                && old
                                    .children()
                                    .iter()
                                    .map(|&c| theirs.node(c).id())
                                    .eq(node.children().iter().map(|&c| ours.node(c).id()));
                            if !same {
                                changes.push(format!(
                                    "~ {name} `{}`: {}",
                                    node.id(),
                                    node.claim_en()
                                ));
                            }
                        }
                    }
                }
                for t in theirs.preorder() {
                    let node = theirs.node(t);
                    if ours.find(node.id()).is_none() {
                        changes.push(format!("− {name} `{}`: {}", node.id(), node.claim_en()));
                    }
                }
            }
        }
        if changes.is_empty() {
            changes.push(format!(
                "  {name}: nothing (the file already holds these edits)"
            ));
        }
        for c in changes {
            if shown < MOST {
                out.push(format!("  {c}"));
                shown += 1;
            } else {
                more += 1;
            }
        }
    }
    if more > 0 {
        out.push(format!("  … and {} more", count(more, "change")));
    }
    out
}
