//! `mizan git-setup`: makes git understand maps in this repository. Writes
//! `*.ron diff=mizan merge=mizan` to the top-level `.gitattributes` and, in
//! the repository's own config (`git config --local`, never the global
//! one), the diff driver (`git diff`), the textconv (`git log -p`, `git
//! show`) and the merge driver. Idempotent: what is already there is left
//! alone; `--dry-run` prints what would be written and writes nothing.

use std::path::{Path, PathBuf};

use mizan::diff::git::git;

use super::out::Out;

const ATTRIBUTES: &str = "*.ron diff=mizan merge=mizan";

#[derive(clap::Args, Debug)]
pub struct GitSetupArgs {
    /// Print what would be written; change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: &GitSetupArgs) -> anyhow::Result<i32> {
    let top = git(None, &["rev-parse", "--show-toplevel"])
        .map_err(|e| anyhow::anyhow!("not in a git repository ({e})"))?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let exe = program()?;
    let settings = [
        ("diff.mizan.command", format!("{exe} diff-driver")),
        ("diff.mizan.textconv", format!("{exe} textconv")),
        (
            "merge.mizan.name",
            "mizan: three-way merge of maps by node id".to_owned(),
        ),
        (
            "merge.mizan.driver",
            format!("{exe} merge %O %A %B --path %P"),
        ),
    ];
    let verb = if args.dry_run { "would write" } else { "wrote" };
    let mut out = Out::stdout();
    let attrs = top.join(".gitattributes");
    let old = std::fs::read_to_string(&attrs).unwrap_or_default();
    if old.lines().any(|l| l.trim() == ATTRIBUTES) {
        out.text(&format!("{}: has `{ATTRIBUTES}`", attrs.display()))?;
    } else {
        if !args.dry_run {
            let sep = if old.is_empty() || old.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            std::fs::write(&attrs, format!("{old}{sep}{ATTRIBUTES}\n"))
                .map_err(|e| anyhow::anyhow!("{}: {e}", attrs.display()))?;
        }
        out.text(&format!("{}: {verb} `{ATTRIBUTES}`", attrs.display()))?;
    }
    for (key, value) in &settings {
        let current = git(Some(&top), &["config", "--local", "--get", key]).ok();
        let current = current.map(|c| String::from_utf8_lossy(&c).trim_end().to_owned());
        if current.as_deref() == Some(value.as_str()) {
            out.text(&format!("git config --local {key}: has {value:?}"))?;
            continue;
        }
        if !args.dry_run {
            git(Some(&top), &["config", "--local", key, value])?;
        }
        out.text(&format!("git config --local {key}: {verb} {value:?}"))?;
    }
    out.finish()?;
    Ok(0)
}

/// How git should call this mizan: `mizan` when that is the one on PATH,
/// else this executable's full path (quoted for the shell git runs it in).
fn program() -> anyhow::Result<String> {
    let exe = std::env::current_exe()?;
    let exe = exe.canonicalize().unwrap_or(exe);
    let on_path = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths)
            .any(|d| d.join("mizan").canonicalize().is_ok_and(|p| p == exe))
    });
    if on_path {
        return Ok("mizan".to_owned());
    }
    Ok(shell_quoted(&exe))
}

fn shell_quoted(p: &Path) -> String {
    let s = p.display().to_string();
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
