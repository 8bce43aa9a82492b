//! `mizan export`: the maps as Argdown, DOT, JSON or Markdown, to stdout, a
//! file, or a directory (one file per article).

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
    /// Write to FILE, or one file per article into DIR (an existing
    /// directory, or a path ending in `/`) [default: stdout, one document]
    #[arg(short = 'o', long = "output", value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
}

pub fn run(maps_dir: &Path, args: ExportArgs) -> anyhow::Result<i32> {
    let corpus = if args.articles.is_empty() {
        super::load(maps_dir)?
    } else {
        let ids: Vec<&str> = args.articles.iter().map(String::as_str).collect();
        super::load_ids(maps_dir, &ids)?
    };
    let sel = Selection::new(&corpus, &args.articles)?;
    let format = Format::from(args.format);
    match &args.output {
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            match export::render_to(&sel, format, &mut stdout) {
                // `mizan export ... | head` closing the pipe is not an error.
                Err(e) if is_broken_pipe(&e) => {}
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
            // Written as it is made: the whole document of a large corpus
            // would be a second copy of it in memory.
            save::write_atomic_with(file, &mut |w| {
                export::render_to(&sel, format, w).map_err(std::io::Error::other)
            })?;
            eprintln!("wrote {}", file.display());
        }
    }
    Ok(0)
}

fn is_broken_pipe(e: &export::ExportError) -> bool {
    let kind = match e {
        export::ExportError::Write(io) => Some(io.kind()),
        export::ExportError::Json(j) => j.io_error_kind(),
        _ => None,
    };
    kind == Some(std::io::ErrorKind::BrokenPipe)
}

fn is_dir_target(p: &Path) -> bool {
    p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/')
}
