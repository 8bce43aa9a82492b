//! `mizan merge BASE OURS THEIRS`: git's merge driver for map files
//! (`%O %A %B`). Merges by node id and writes the result, canonical, to
//! OURS: exit 0 when clean, 1 when conflicts were written into the map (each
//! a `Conflict` entry `mizan check` reports until resolved). Files that
//! cannot be merged by node id (a side does not parse, the motion
//! conflicts) fall back to `git merge-file`, with a message saying so.

use std::path::{Path, PathBuf};
use std::process::Command;

use mizan::merge::merge_texts;
use mizan::store::save::write_atomic;

use super::out::note;

#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// The common ancestor's version (git's %O; empty when both sides added the file)
    pub base: PathBuf,
    /// Our version (git's %A); the result is written here
    pub ours: PathBuf,
    /// Their version (git's %B)
    pub theirs: PathBuf,
    /// The file's name in the repository, for messages (git's %P)
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,
}

pub fn run(args: &MergeArgs) -> anyhow::Result<i32> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()));
    let (base, ours, theirs) = (read(&args.base)?, read(&args.ours)?, read(&args.theirs)?);
    let name = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    match merge_texts(&base, &ours, &theirs) {
        Ok(m) => {
            write_atomic(&args.ours, m.text.as_bytes())?;
            if m.conflicts == 0 {
                note(&format!("mizan merge: {name}: merged by node id"));
                Ok(0)
            } else {
                note(&format!(
                    "mizan merge: {name}: {} conflict{} kept in the map with both sides' values\n\
                     hint: `mizan check` shows where; keep one value and delete the Conflict entry",
                    m.conflicts,
                    if m.conflicts == 1 { "" } else { "s" }
                ));
                Ok(1)
            }
        }
        Err(why) => {
            note(&format!(
                "mizan merge: {name}: cannot merge by node id ({why}); falling back to git's line merge"
            ));
            line_merge(args)
        }
    }
}

/// git's own three-way line merge, in place into OURS, with conflict markers.
fn line_merge(args: &MergeArgs) -> anyhow::Result<i32> {
    let status = Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(&args.ours)
        .arg(&args.base)
        .arg(&args.theirs)
        .status()
        .map_err(|e| anyhow::anyhow!("cannot run git merge-file: {e}"))?;
    Ok(match status.code() {
        Some(0) => 0,
        Some(n) if n > 0 => 1,
        _ => 2,
    })
}
