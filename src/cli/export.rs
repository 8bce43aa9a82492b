//! `mizan export`: the maps as Argdown, DOT, JSON or Markdown, to stdout, a
//! file, or a directory (one file per article).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use mizan::export::target::{self, Written};
use mizan::export::{self, Format, Selection};

use super::out::{self, Out};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Argdown (argdown.org): statements, support/attack relations, tags
    Argdown,
    /// Graphviz DOT: a cluster per article, nodes coloured by bearing
    Dot,
    /// JSON, schema `mizan-maps` v1 (docs/json-schema.md); `mizan import json` reads it
    Json,
    /// A readable report with a comparison table by theme
    Markdown,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Argdown => Format::Argdown,
            ExportFormat::Dot => Format::Dot,
            ExportFormat::Json => Format::Json,
            ExportFormat::Markdown => Format::Markdown,
        }
    }
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Export only this article (repeat for several) [default: all]
    #[arg(long = "article", value_name = "ID")]
    pub articles: Vec<String>,
    /// Write to FILE (`-`: stdout), or one file per article into DIR (an
    /// existing directory, or a path ending in `/`) [default: stdout, one
    /// document]. Only regular files are written (a symlink is written
    /// through); a file that is not a previous export needs --force.
    #[arg(short = 'o', long = "output", value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
    /// Replace a file that is not a previous mizan export
    #[arg(long)]
    pub force: bool,
}

pub fn run(maps_dir: &Path, args: ExportArgs) -> anyhow::Result<i32> {
    let corpus = super::load(maps_dir)?;
    let sel = Selection::new(&corpus, &args.articles)?;
    let format = Format::from(args.format);
    let said = |path: &Path, w: Written| {
        let verb = match w {
            Written::Written => "wrote",
            Written::Unchanged => "unchanged:",
        };
        out::note(&format!("{verb} {}", path.display()));
    };
    match args.output.as_deref() {
        None => to_stdout(&sel, format)?,
        Some(p) if p.as_os_str() == "-" => to_stdout(&sel, format)?,
        Some(dir) if is_dir_target(dir) => {
            target::make_dir(dir)?;
            for i in 0..sel.articles.len() {
                let one = sel.only(i);
                let path = target::file_in(dir, &export::default_stem(&one), format)?;
                said(&path, export::write_file(&one, format, &path, args.force)?);
            }
        }
        Some(file) => said(file, export::write_file(&sel, format, file, args.force)?),
    }
    Ok(0)
}

fn to_stdout(sel: &Selection, format: Format) -> anyhow::Result<()> {
    // Exports escape controls in their own syntax, so this is exact; it is
    // written as it is made, so a large corpus is never a second copy in
    // memory.
    let mut out = Out::stdout();
    export::render_to(sel, format, out.writer()).map_err(|e| match e {
        export::ExportError::Write(io) => out::WriteError(io).into(),
        export::ExportError::Json(j) if j.io_error_kind().is_some() => {
            out::WriteError(std::io::Error::from(j)).into()
        }
        other => anyhow::Error::from(other),
    })?;
    out.finish()?;
    Ok(())
}

fn is_dir_target(p: &Path) -> bool {
    p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/')
}
