//! The history of one node in git: the commits that changed it, newest
//! first, and how (added, removed, moved, which fields edited), following
//! renames of its article's file. For `mizan log` and the TUI.

use std::path::Path;

use serde::Serialize;

use super::git::{GitError, git, read_blobs};
use super::{NodeChange, diff_article};
use crate::model::Article;

/// One commit that changed the node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeCommit {
    pub short: String,
    pub date: String,
    pub author: String,
    pub subject: String,
    /// How the node changed: `added`, `removed`, `claim_en edited; moved …`.
    pub change: String,
}

/// One commit that touched the article's file.
struct Commit {
    short: String,
    date: String,
    author: String,
    subject: String,
    /// `commit:path` of the file in that commit (missing when it deleted it).
    after: String,
    /// `commit^:path` of the file in the commit's first parent (the old
    /// path when the commit renamed it).
    before: String,
}

/// The commits that changed node `node_id` of the article map at `path`,
/// newest first. Each commit is compared with its first parent, so that
/// history merged from several branches is told right; the two versions of
/// every commit are read in one batch.
pub fn node_history(path: &Path, node_id: &str) -> Result<Vec<NodeCommit>, GitError> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let commits = history(dir, &file)?;
    let objects: Vec<String> = commits
        .iter()
        .flat_map(|c| [c.before.clone(), c.after.clone()])
        .collect();
    let mut blobs = read_blobs(dir, &objects)?.into_iter();
    let mut parse = |name: &str| -> Option<Article> {
        let bytes = blobs.next().flatten()?;
        crate::store::parse_article(Path::new(name), &bytes)
            .0
            .article
    };
    let mut out = Vec::new();
    for c in commits {
        let before = parse(&c.before);
        let after = parse(&c.after);
        if let Some(change) = change(before.as_ref(), after.as_ref(), node_id) {
            out.push(NodeCommit {
                short: c.short,
                date: c.date,
                author: c.author,
                subject: c.subject,
                change,
            });
        }
    }
    Ok(out)
}

/// The commits that touched `file` in `dir`, newest first, following
/// renames. Merge commits are left out: git lists no changes for them.
fn history(dir: Option<&Path>, file: &str) -> Result<Vec<Commit>, GitError> {
    let out = git(
        dir,
        &[
            "log",
            "--follow",
            "--name-status",
            "--date=short",
            "--format=%x00%H%x09%h%x09%ad%x09%an%x09%s",
            "--",
            file,
        ],
    )?;
    let text = String::from_utf8_lossy(&out);
    let mut commits = Vec::new();
    for record in text.split('\0').filter(|r| !r.trim().is_empty()) {
        let mut lines = record.lines();
        let head: Vec<&str> = lines.next().unwrap_or_default().splitn(5, '\t').collect();
        let [hash, short, date, author, subject] = head[..] else {
            continue;
        };
        // `M\tpath`, `A\tpath`, `D\tpath`, `R100\told\tnew` (root-relative).
        let Some(status) = lines.find(|l| l.contains('\t')) else {
            continue;
        };
        let cols: Vec<&str> = status.split('\t').collect();
        let (old, new) = (cols[1], cols[cols.len() - 1]);
        commits.push(Commit {
            short: short.to_owned(),
            date: date.to_owned(),
            author: author.to_owned(),
            subject: subject.to_owned(),
            after: format!("{hash}:{new}"),
            before: format!("{hash}^:{old}"),
        });
    }
    Ok(commits)
}

/// How the node changed from one version of the article to the next.
fn change(before: Option<&Article>, after: Option<&Article>, nid: &str) -> Option<String> {
    let has = |a: Option<&Article>| a.is_some_and(|a| a.find(nid).is_some());
    match (has(before), has(after)) {
        (false, false) => None,
        (false, true) => Some("added".to_owned()),
        (true, false) => Some("removed".to_owned()),
        (true, true) => {
            let (b, a) = (before?, after?);
            let d = diff_article(b, a);
            let NodeChange::Changed { moved, fields, .. } =
                d.nodes.into_iter().find(|n| n.id() == nid)?
            else {
                return None;
            };
            let mut what: Vec<String> = fields
                .iter()
                .map(|f| format!("{} edited", f.field))
                .collect();
            if let Some(m) = moved {
                let p = |p: &Option<String>| p.clone().unwrap_or_else(|| "(none)".into());
                what.insert(
                    0,
                    if m.from.parent == m.to.parent {
                        format!(
                            "moved among its siblings ({} → {})",
                            m.from.position + 1,
                            m.to.position + 1
                        )
                    } else {
                        format!(
                            "moved from under {} to under {}",
                            p(&m.from.parent),
                            p(&m.to.parent)
                        )
                    },
                );
            }
            Some(what.join("; "))
        }
    }
}
