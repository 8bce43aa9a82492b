//! `mizan export --format csv|svg`: the exports that are not one document
//! per selection. CSV is two tables (`--table nodes|links` to stdout or a
//! file; both, as `nodes.csv` and `links.csv`, with `-o DIR`); SVG is a
//! picture of the corpus (`--view timeline|overview|debate`; all three, as
//! `VIEW.svg`, with `-o DIR` and no `--view`). The tables and pictures are
//! the library's (`mizan::export::{csv, svg}`); this file picks and writes.

use std::path::{Path, PathBuf};

use anyhow::bail;
use clap::ValueEnum;

use super::export::{ExportArgs, ExportFormat, is_dir_target};
use mizan::export::Selection;
use mizan::export::csv::{self, Table};
use mizan::export::svg::{self, View};
use mizan::export::target::{self, Written};
use mizan::model::Corpus;

use super::out::{self, Out};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvTable {
    /// One row per node
    Nodes,
    /// One row per link
    Links,
}

impl From<CsvTable> for Table {
    fn from(t: CsvTable) -> Table {
        match t {
            CsvTable::Nodes => Table::Nodes,
            CsvTable::Links => Table::Links,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SvgView {
    /// Articles on a time axis, and each theme's lean over time
    Timeline,
    /// The stance spectrum and the articles × themes matrix
    Overview,
    /// The arguments for and against the motion, and their balance
    Debate,
}

impl From<SvgView> for View {
    fn from(v: SvgView) -> View {
        match v {
            SvgView::Timeline => View::Timeline,
            SvgView::Overview => View::Overview,
            SvgView::Debate => View::Debate,
        }
    }
}

/// `--table` and `--view` belong to one format each; given to another,
/// they would be silently ignored, so they are a usage error.
pub fn refuse_data_options(args: &ExportArgs) -> anyhow::Result<()> {
    if args.table.is_some() && args.format != ExportFormat::Csv {
        bail!("--table applies only to --format csv");
    }
    if args.view.is_some() && args.format != ExportFormat::Svg {
        bail!("--view applies only to --format svg");
    }
    Ok(())
}

pub fn run(maps_dir: &Path, args: ExportArgs) -> anyhow::Result<i32> {
    refuse_data_options(&args)?;
    let corpus = super::load(maps_dir)?;
    let sel = Selection::new(&corpus, &args.articles)?;
    match args.format {
        ExportFormat::Svg => {
            let part = sub_corpus(&corpus, &sel);
            let views: Vec<View> = match (args.view, &args.output) {
                (Some(v), _) => vec![v.into()],
                (None, Some(out)) if is_dir_target(out) => View::ALL.to_vec(),
                (None, _) => bail!(
                    "--format svg needs --view timeline, overview or debate\nhint: with -o DIR and no --view, all three are written"
                ),
            };
            let docs: Vec<(String, String)> = views
                .into_iter()
                .map(|v| (format!("{}.svg", v.name()), svg::render(&part, v)))
                .collect();
            write(&args.output, &docs, args.force)
        }
        _ => {
            let tables: Vec<Table> = match (args.table, &args.output) {
                (Some(t), _) => vec![t.into()],
                (None, Some(out)) if is_dir_target(out) => Table::ALL.to_vec(),
                (None, _) => vec![Table::Nodes],
            };
            let mut docs = Vec::new();
            for t in tables {
                docs.push((t.file_name().to_string(), csv::render(&sel, t)?));
            }
            write(&args.output, &docs, args.force)
        }
    }
}

/// The corpus narrowed to the selected articles (all of them when none
/// was named), so that pictures of a few articles show only those.
fn sub_corpus(corpus: &Corpus, sel: &Selection) -> Corpus {
    let maps = corpus
        .maps
        .iter()
        .filter(|m| m.article.as_ref().is_some_and(|a| sel.contains(a.id())))
        .cloned()
        .collect();
    Corpus::new(corpus.motion.clone(), corpus.motion_path.clone(), maps)
}

/// One document to stdout (or `-o -`) or FILE, or each as `DIR/name`, by
/// the export rules of `mizan::export::target` (regular files only, a file
/// that is not an export replaced only with --force).
fn write(output: &Option<PathBuf>, docs: &[(String, String)], force: bool) -> anyhow::Result<i32> {
    let said = |path: &Path, w: Written| {
        let verb = match w {
            Written::Written => "wrote",
            Written::Unchanged => "unchanged:",
        };
        out::note(&format!("{verb} {}", path.display()));
    };
    match output.as_deref() {
        Some(dir) if dir.as_os_str() != "-" && is_dir_target(dir) => {
            target::make_dir(dir)?;
            for (name, text) in docs {
                let path = dir.join(name);
                said(&path, target::write_export(&path, text.as_bytes(), force)?);
            }
        }
        Some(file) if file.as_os_str() != "-" => {
            for (_, text) in docs {
                said(file, target::write_export(file, text.as_bytes(), force)?);
            }
        }
        _ => {
            // The tables and pictures hold map text exactly (CSV quoting,
            // XML escaping): written as they are.
            let mut o = Out::stdout();
            for (_, text) in docs {
                o.raw(text)?;
            }
            o.finish()?;
        }
    }
    Ok(0)
}
