//! `mizan log ARTICLE/NODE`: the commits that changed one node, newest
//! first, and how (added, removed, moved, which fields), following renames
//! of the article's file (`git log --follow`).

use std::path::Path;

use mizan::diff::git::{git, read_blobs};
use mizan::diff::{NodeChange, diff_article};
use mizan::model::Article;

#[derive(clap::Args, Debug)]
pub struct LogArgs {
    /// The node, as `article-id/node-id`
    #[arg(value_name = "ARTICLE/NODE")]
    pub node: String,
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

/// Exit 0 with the history, 1 when no commit changed the node.
pub fn run(maps_dir: &Path, args: &LogArgs) -> anyhow::Result<i32> {
    let Some((aid, nid)) = args.node.split_once('/') else {
        anyhow::bail!("`{}`: give the node as article-id/node-id", args.node);
    };
    let corpus = super::load(maps_dir)?;
    let map = corpus
        .map_of(aid)
        .ok_or_else(|| anyhow::anyhow!("no article `{aid}` in {}", maps_dir.display()))?;
    let path = &corpus.maps[map as usize].path;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let commits = history(dir, &file)?;
    // Each commit against its parent, so that history merged from several
    // branches is told right: two versions read per commit, in one batch.
    let objects: Vec<String> = commits
        .iter()
        .flat_map(|c| [c.before.clone(), c.after.clone()])
        .collect();
    let mut blobs = read_blobs(dir, &objects)?.into_iter();
    let mut parse = |name: &str| -> Option<Article> {
        let bytes = blobs.next().flatten()?;
        mizan::store::parse_article(Path::new(name), &bytes)
            .0
            .article
    };
    let mut shown = 0;
    for c in &commits {
        let before = parse(&c.before);
        let after = parse(&c.after);
        if let Some(what) = change(before.as_ref(), after.as_ref(), nid) {
            println!(
                "{} {} {}  {}\n    {what}",
                c.short, c.date, c.author, c.subject
            );
            shown += 1;
        }
    }
    if shown == 0 {
        eprintln!("mizan log: no commit changed {}", args.node);
        return Ok(1);
    }
    Ok(0)
}

/// The commits that touched `file` in `dir`, newest first, following
/// renames. Merge commits are left out: git lists no changes for them.
fn history(dir: Option<&Path>, file: &str) -> anyhow::Result<Vec<Commit>> {
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
