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
    /// Tidy CSV tables for R or pandas: nodes.csv and links.csv (README, "For analysis")
    Csv,
    /// An SVG picture of the corpus: --view timeline, overview or debate
    Svg,
}

/// The document formats; CSV tables and SVG pictures are not one document
/// per selection and go through `export_data`.
impl TryFrom<ExportFormat> for Format {
    type Error = ();

    fn try_from(f: ExportFormat) -> Result<Format, ()> {
        match f {
            ExportFormat::Argdown => Ok(Format::Argdown),
            ExportFormat::Dot => Ok(Format::Dot),
            ExportFormat::Json => Ok(Format::Json),
            ExportFormat::Markdown => Ok(Format::Markdown),
            ExportFormat::Csv | ExportFormat::Svg => Err(()),
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
    /// With --format csv: the table written to stdout or FILE (with -o DIR
    /// both are written, as nodes.csv and links.csv)
    #[arg(long, value_enum, value_name = "TABLE")]
    pub table: Option<super::export_data::CsvTable>,
    /// With --format svg: the picture to draw (with -o DIR and no --view,
    /// all three are written, as VIEW.svg)
    #[arg(long, value_enum, value_name = "VIEW")]
    pub view: Option<super::export_data::SvgView>,
    /// Replace a file that is not a previous mizan export
    #[arg(long)]
    pub force: bool,
}

pub fn run(maps_dir: &Path, args: ExportArgs) -> anyhow::Result<i32> {
    let Ok(format) = Format::try_from(args.format) else {
        return super::export_data::run(maps_dir, args);
    };
    super::export_data::refuse_data_options(&args)?;
    let corpus = super::load(maps_dir)?;
    let sel = Selection::new(&corpus, &args.articles)?;
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

pub fn is_dir_target(p: &Path) -> bool {
    p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/')
}
