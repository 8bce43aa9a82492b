//! `mizan import json FILE`: a JSON export back into canonical RON maps.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use mizan::export::import::{self, ImportError};
use mizan::store::regular;

use super::out::{self, Out};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// A `mizan export --format json` document
    Json,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Format of FILE
    #[arg(value_enum)]
    pub format: ImportFormat,
    /// The file to import (`-` reads stdin)
    pub file: PathBuf,
    /// Directory to write the maps into [default: the maps directory]
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Overwrite map files that differ from the import
    #[arg(long)]
    pub force: bool,
}

pub fn run(maps_dir: &Path, args: ImportArgs) -> anyhow::Result<i32> {
    let ImportFormat::Json = args.format;
    // Bounded like every file mizan reads: a JSON import is untrusted too.
    let bytes = if args.file.as_os_str() == "-" {
        regular::read_stream(std::io::stdin().lock(), regular::max_file_bytes())
            .map_err(|e| anyhow::anyhow!("stdin: {e}"))?
    } else {
        regular::read(&args.file).map_err(|e| e.at(&args.file))?
    };
    let json = String::from_utf8(bytes)
        .map_err(|e| anyhow::anyhow!("{}: not UTF-8 text: {e}", args.file.display()))?;
    let dir = args.output.as_deref().unwrap_or(maps_dir);
    match import::import(&json, dir, args.force) {
        Ok(report) => {
            let mut out = Out::stdout();
            for p in &report.written {
                out.text(&format!("wrote {}", p.display()))?;
            }
            out.text(&format!(
                "{} written, {} unchanged",
                report.written.len(),
                report.unchanged.len()
            ))?;
            out.finish()?;
            Ok(0)
        }
        Err(e @ ImportError::Conflict(_)) => {
            out::note(&format!(
                "mizan: {e}\nhint: nothing was written; pass --force to overwrite them"
            ));
            Ok(1)
        }
        Err(e) => Err(anyhow::anyhow!("{}: {e}", args.file.display())),
    }
}
