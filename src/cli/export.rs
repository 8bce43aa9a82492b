//! `mizan export`: the maps as Argdown, DOT, JSON or Markdown, to stdout, a
//! file, or a directory (one file per article).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use mizan::export::{self, Format, Selection};
use mizan::store::save;

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
    /// Write to FILE, or one file per article into DIR (an existing
    /// directory, or a path ending in `/`) [default: stdout, one document]
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
}

pub fn run(maps_dir: &Path, args: ExportArgs) -> anyhow::Result<i32> {
    let Ok(format) = Format::try_from(args.format) else {
        return super::export_data::run(maps_dir, args);
    };
    super::export_data::refuse_data_options(&args)?;
    let corpus = super::load(maps_dir)?;
    let sel = Selection::new(&corpus, &args.articles)?;
    match &args.output {
        None => {
            let text = export::render(&sel, format)?;
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // `mizan export ... | head` closing the pipe is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other?,
            }
        }
        Some(out) if is_dir_target(out) => {
            std::fs::create_dir_all(out)?;
            for i in 0..sel.articles.len() {
                let path = export::export_to_dir(&sel.only(i), format, out)?;
                eprintln!("wrote {}", path.display());
            }
        }
        Some(file) => {
            let text = export::render(&sel, format)?;
            save::save_atomic(file, text.as_bytes())?;
            eprintln!("wrote {}", file.display());
        }
    }
    Ok(0)
}

pub fn is_dir_target(p: &Path) -> bool {
    p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/')
}
