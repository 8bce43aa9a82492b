//! `mizan log ARTICLE/NODE`: the commits that changed one node, newest
//! first, and how (added, removed, moved, which fields), following renames
//! of the article's file (`git log --follow`); the work is
//! `mizan::diff::history`.

use std::path::Path;

use mizan::diff::history::node_history;

use super::out::{Out, note};

#[derive(clap::Args, Debug)]
pub struct LogArgs {
    /// The node, as `article-id/node-id`
    #[arg(value_name = "ARTICLE/NODE")]
    pub node: String,
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
    let commits = node_history(&corpus.maps[map as usize].path, nid)?;
    if commits.is_empty() {
        note(&format!("mizan log: no commit changed {}", args.node));
        return Ok(1);
    }
    let mut out = Out::stdout();
    for c in &commits {
        out.text(&format!(
            "{} {} {}  {}\n    {}",
            c.short, c.date, c.author, c.subject, c.change
        ))?;
    }
    out.finish()?;
    Ok(0)
}
