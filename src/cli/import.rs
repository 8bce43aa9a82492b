//! `mizan import json FILE`: a JSON export back into canonical RON maps.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use mizan::export::import::{self, ImportError};

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
    let json = if args.file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())?
    } else {
        std::fs::read_to_string(&args.file)
            .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?
    };
    let dir = args.output.as_deref().unwrap_or(maps_dir);
    match import::import(&json, dir, args.force) {
        Ok(report) => {
            for p in &report.written {
                println!("wrote {}", p.display());
            }
            println!(
                "{} written, {} unchanged",
                report.written.len(),
                report.unchanged.len()
            );
            Ok(0)
        }
        Err(e @ ImportError::Conflict(_)) => {
            eprintln!("mizan: {e}\nhint: nothing was written; pass --force to overwrite them");
            Ok(1)
        }
        Err(e) => Err(anyhow::anyhow!("{}: {e}", args.file.display())),
    }
}
