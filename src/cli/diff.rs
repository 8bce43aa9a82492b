//! `mizan diff OLD NEW`: the structural diff of two map files, two maps
//! directories or two git revisions, as text or JSON; and the two hidden
//! commands git calls once `mizan git-setup` ran: `diff-driver` (git's
//! external diff, for `git diff`) and `textconv` (for `git log -p` and
//! `git show`, which do not run external diffs by default).
//!
//! Text output lays Arabic out for a terminal (shaped, right to left) when
//! stdout is a terminal, and keeps logical order when piped.

use std::fmt::Write;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use mizan::diff::fields::NODE_FIELDS;
use mizan::diff::{
    ArticleDiff, CorpusDiff, FieldChange, FilePair, FileStatus, Move, NodeChange, Place,
    ThemeChange, diff_files, files, git,
};
use mizan::text::{BidiMode, layout};

use super::Format;
use super::out::Out;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  mizan diff old.ron new.ron              two versions of one map
  mizan diff maps-before maps             two maps directories
  mizan diff HEAD~3 HEAD                  two git revisions
  mizan diff main feature -- maps/x.ron   only some paths")]
pub struct DiffArgs {
    /// The old side: a map file, a maps directory, or a git revision
    pub old: String,
    /// The new side, of the same kind
    pub new: String,
    /// With revisions: only these paths
    #[arg(last = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Exit 0 when the sides are equal, 1 when they differ, 2 on error.
pub fn run(args: &DiffArgs) -> anyhow::Result<i32> {
    let (old, new) = (Path::new(&args.old), Path::new(&args.new));
    let pairs: Vec<FilePair> = if old.exists() && new.exists() {
        if !args.paths.is_empty() {
            anyhow::bail!("paths after `--` go with git revisions, not with files");
        }
        files::path_pairs(old, new)?
    } else if git::is_revision(None, &args.old) && git::is_revision(None, &args.new) {
        git::revision_pairs(None, &args.old, &args.new, &args.paths)?
    } else {
        let usable = |s: &String| Path::new(s).exists() || git::is_revision(None, s);
        let missing = if usable(&args.old) {
            &args.new
        } else {
            &args.old
        };
        anyhow::bail!(
            "`{missing}` is neither a file or directory nor a git revision\n\
             hint: give two map files, two maps directories, or two revisions"
        );
    };
    let diff = diff_files(&pairs);
    let mut out = Out::stdout();
    match args.format {
        Format::Json => out.exact(&serde_json::to_string_pretty(&diff)?)?,
        // `render` shows controls itself (sanitised, or laid out).
        Format::Text => out.raw(&render(&diff, visual()))?,
    }
    out.finish()?;
    Ok(if diff.is_empty() { 0 } else { 1 })
}

/// Whether text goes to a terminal, to be laid out for it.
fn visual() -> bool {
    std::io::stdout().is_terminal()
}

/// `git diff`'s external diff: `path old-file old-hex old-mode new-file
/// new-hex new-mode` (7 arguments; 1 for an unmerged path). Always exits 0,
/// since git stops at a failing external diff; a side that does not parse
/// is shown as git's own line diff.
pub fn driver(args: &[PathBuf]) -> anyhow::Result<i32> {
    let mut out = Out::stdout();
    let [path, old, _, _, new, _, _] = args else {
        if let [path] = args {
            out.text(&format!("* Unmerged path {}", path.display()))?;
        }
        out.finish()?;
        return Ok(0);
    };
    let read = |p: &Path| -> anyhow::Result<Option<Vec<u8>>> {
        if p == Path::new("/dev/null") {
            Ok(None)
        } else {
            Ok(Some(std::fs::read(p)?))
        }
    };
    let pair = FilePair {
        path: path.display().to_string(),
        old: read(old)?,
        new: read(new)?,
    };
    let diff = diff_files(std::slice::from_ref(&pair));
    out.text(&format!("diff --mizan a/{0} b/{0}", path.display()))?;
    if !diff.unreadable.is_empty() {
        for u in &diff.unreadable {
            out.text(&format!(
                "mizan: {}: not a readable map ({}); showing lines",
                u.path, u.error
            ))?;
        }
        let lines = std::process::Command::new("git")
            .args(["diff", "--no-index", "--no-ext-diff", "--"])
            .arg(old)
            .arg(new)
            .output()?;
        out.text(String::from_utf8_lossy(&lines.stdout).trim_end())?;
        out.finish()?;
        return Ok(0);
    }
    out.raw(&render(&diff, visual()))?;
    out.finish()?;
    Ok(0)
}

/// The renderings of every change, one block per file.
pub fn render(d: &CorpusDiff, visual: bool) -> String {
    let mut out = String::new();
    let v = |s: &str| shown(s, visual);
    if let Some(m) = &d.motion {
        let _ = writeln!(out, "{}: motion", m.path);
        for f in &m.fields {
            field(&mut out, "  motion", f, visual);
        }
        for t in &m.themes {
            match t {
                ThemeChange::Added { id, en } => {
                    let _ = writeln!(out, "  + theme {id}: {}", v(en));
                }
                ThemeChange::Removed { id, en } => {
                    let _ = writeln!(out, "  - theme {id}: {}", v(en));
                }
                ThemeChange::Renamed { id, fields } => {
                    for f in fields {
                        field(&mut out, &format!("  ~ theme {id}"), f, visual);
                    }
                }
            }
        }
    }
    for a in &d.articles {
        article(&mut out, a, visual);
    }
    for u in &d.unreadable {
        let _ = writeln!(out, "{}: cannot compare: {}", u.path, u.error);
    }
    out
}

fn article(out: &mut String, a: &ArticleDiff, visual: bool) {
    let status = match a.status {
        FileStatus::Added => "added".to_owned(),
        FileStatus::Removed => "removed".to_owned(),
        FileStatus::Changed => "changed".to_owned(),
        FileStatus::Renamed => {
            format!("renamed from {}", a.old_path.as_deref().unwrap_or_default())
        }
    };
    let _ = writeln!(out, "{}: article {} {status}", a.path, a.id);
    for f in &a.changes.fields {
        field(out, "  article", f, visual);
    }
    // A whole file added or removed lists its nodes once, without places.
    let whole = matches!(a.status, FileStatus::Added | FileStatus::Removed);
    for n in &a.changes.nodes {
        match n {
            NodeChange::Added { id, at, claim_en } => {
                let place = if whole {
                    String::new()
                } else {
                    format!(" {}", place(at))
                };
                let _ = writeln!(out, "  + {id}{place}: {}", shown(claim_en, visual));
            }
            NodeChange::Removed { id, from, claim_en } => {
                let place = if whole {
                    String::new()
                } else {
                    format!(" (was {})", place(from))
                };
                let _ = writeln!(out, "  - {id}{place}: {}", shown(claim_en, visual));
            }
            NodeChange::Changed { id, moved, fields } => {
                if let Some(Move { from, to }) = moved {
                    let _ = writeln!(out, "  ~ {id} moved: {} → {}", place(from), place(to));
                }
                for f in fields {
                    field(out, &format!("  ~ {id}"), f, visual);
                }
            }
        }
    }
}

fn place(p: &Place) -> String {
    match &p.parent {
        None => "as the thesis".to_owned(),
        Some(parent) => format!("under {parent} at {}", p.position + 1),
    }
}

/// One changed field: `old → new` on one line when both are short words,
/// else the old and new text on `-`/`+` lines of their own.
fn field(out: &mut String, who: &str, f: &FieldChange, visual: bool) {
    let word = |v: &Option<String>| {
        v.as_deref()
            .is_none_or(|s| s.len() <= 24 && !mizan::text::is_rtl(s) && !s.contains(' '))
    };
    let show = |v: &Option<String>| match v {
        None => "(none)".to_owned(),
        Some(s) => shown(s, visual),
    };
    if word(&f.old) && word(&f.new) {
        let _ = writeln!(
            out,
            "{who} {}: {} → {}",
            f.field,
            show(&f.old),
            show(&f.new)
        );
    } else {
        let _ = writeln!(out, "{who} {}:", f.field);
        let _ = writeln!(out, "      - {}", show(&f.old));
        let _ = writeln!(out, "      + {}", show(&f.new));
    }
}

/// A value as printed: laid out for a terminal (shaped, visual order) or
/// kept in logical order for a pipe.
fn shown(s: &str, visual: bool) -> String {
    let mode = if visual {
        BidiMode::Mizan
    } else {
        BidiMode::Off
    };
    if !visual {
        return mizan::text::sanitize::visible(s).into_owned();
    }
    layout(s, usize::MAX / 4, mode)
        .iter()
        .map(|l| l.text())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `textconv`: a map as lines that git's line diff compares structurally:
/// nodes sorted by id, one line per field prefixed with the node's id, the
/// parent and the order of children on lines of their own. A moved subtree
/// is then one changed `parent` line and two changed `children` lines.
/// A file that does not parse is printed as it is.
pub fn textconv(path: &Path) -> anyhow::Result<i32> {
    let bytes = std::fs::read(path)?;
    let (entry, _) = mizan::store::parse_article(path, &bytes);
    let mut stdout = Out::stdout();
    let Some(a) = entry.article else {
        stdout.text(String::from_utf8_lossy(&bytes).trim_end())?;
        stdout.finish()?;
        return Ok(0);
    };
    let mut out = String::new();
    let _ = writeln!(out, "article {}", a.meta.id);
    for f in mizan::diff::fields::ARTICLE_FIELDS {
        if let Some(v) = f.get(&a.meta) {
            let _ = writeln!(out, "article {}: {}", f.name, one_line(&v));
        }
    }
    for c in &a.meta.conflicts {
        let _ = writeln!(out, "article CONFLICT {c:?}");
    }
    let mut ids: Vec<u32> = a.preorder().collect();
    ids.sort_by(|&x, &y| a.node(x).id().cmp(a.node(y).id()));
    for i in ids {
        let n = a.node(i);
        let parent = n.parent().map_or("(thesis)", |p| a.node(p).id());
        let _ = writeln!(out, "[{}] parent: {parent}", n.id());
        for f in NODE_FIELDS {
            if let Some(v) = f.get(n) {
                let _ = writeln!(out, "[{}] {}: {}", n.id(), f.name, one_line(&v));
            }
        }
        for c in n.conflicts() {
            let _ = writeln!(out, "[{}] CONFLICT {c:?}", n.id());
        }
        if !n.children().is_empty() {
            let kids: Vec<&str> = n.children().iter().map(|&c| a.node(c).id()).collect();
            let _ = writeln!(out, "[{}] children: {}", n.id(), kids.join(", "));
        }
    }
    stdout.raw(&out)?;
    stdout.finish()?;
    Ok(0)
}

fn one_line(s: &str) -> String {
    mizan::text::sanitize::visible(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    // In a terminal Arabic is shaped and reordered (the year reads at the
    // left end, brackets intact); piped, it stays in logical order.
    #[test]
    fn arabic_is_laid_out_only_for_a_terminal() {
        let s = "قالت الولايات (2020)";
        assert_eq!(shown(s, false), s);
        let v = shown(s, true);
        assert!(v.starts_with("(2020)"), "{v}");
        assert!(!v.contains("قالت"), "shaped into presentation forms: {v}");
        assert_eq!(shown("plain text", true), "plain text");
    }
}
