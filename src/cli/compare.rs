//! `mizan compare A B`: two articles aligned by theme, as text, Markdown or
//! JSON. The alignment and the reports are the library's
//! (`mizan::compare`); this file resolves the ids and prints.

use std::path::Path;

use anyhow::{Context, bail};
use clap::ValueEnum;

use mizan::compare::report::{self, RowFilter};
use mizan::compare::{Comparison, Voices};
use mizan::model::Corpus;
use mizan::text::sanitize::{visible, visible_lines};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
    Markdown,
}

pub fn run(
    maps_dir: &Path,
    a: &str,
    b: &str,
    format: ReportFormat,
    clashes: bool,
    include_reported: bool,
) -> anyhow::Result<i32> {
    if a == b {
        bail!("compare needs two different articles, got `{a}` twice\nhint: mizan compare A B");
    }
    let corpus = super::load_ids(maps_dir, &[a, b])?;
    let (ma, mb) = (map_of(&corpus, a)?, map_of(&corpus, b)?);
    let voices = if include_reported {
        Voices::All
    } else {
        Voices::Own
    };
    let cmp = Comparison::build_with(&corpus, ma, mb, voices)?;
    let filter = if clashes {
        RowFilter::Clashes
    } else {
        RowFilter::All
    };
    let mut out = super::out::Out::stdout();
    match format {
        // The reports show controls already; `text` makes sure of it.
        ReportFormat::Text => out.raw(&visible_lines(&report::text(&corpus, &cmp, filter)))?,
        ReportFormat::Markdown => {
            out.raw(&visible_lines(&report::markdown(&corpus, &cmp, filter)))?
        }
        ReportFormat::Json => {
            let v = report::json(&corpus, &cmp, filter);
            out.exact(&mizan::export::safe_json::to_string_pretty(&v).context("json")?)?;
        }
    }
    out.finish()?;
    Ok(0)
}

/// The map of an article id, or an error naming the ids there are.
fn map_of(corpus: &Corpus, id: &str) -> anyhow::Result<u32> {
    if let Some(m) = corpus.map_of(id) {
        return Ok(m);
    }
    let known: Vec<&str> = corpus.articles().map(|(_, a)| a.id()).collect();
    let id = visible(id);
    bail!(
        "no article `{id}` in the maps\nhint: articles are: {}",
        if known.is_empty() {
            "(none)".to_string()
        } else {
            known.join(", ")
        }
    )
}
