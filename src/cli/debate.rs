//! `mizan debate` and `mizan timeline`: the arguments for and against the
//! motion across all articles, and the articles and themes in time, as
//! text, Markdown or JSON. The clustering, ranking and placing are the
//! library's (`mizan::compare::debate`, `mizan::compare::timeline`); this
//! file checks the filters and prints.

use std::path::Path;

use anyhow::{Context, bail};

use super::compare::ReportFormat;
use super::out::Out;
use mizan::compare::debate::{self, Debate, Filter};
use mizan::compare::timeline::{self, Timeline};
use mizan::model::Corpus;

pub fn run_debate(
    maps_dir: &Path,
    theme: Option<String>,
    year: Option<i32>,
    format: ReportFormat,
) -> anyhow::Result<i32> {
    let corpus = super::load(maps_dir)?;
    if let Some(t) = &theme {
        known_theme(&corpus, t)?;
    }
    let filter = Filter {
        theme: theme.map(Into::into),
        year,
    };
    let d = Debate::build(&corpus);
    // The text and Markdown reports show map text through `visible`
    // already; JSON escapes it.
    let mut out = Out::stdout();
    match format {
        ReportFormat::Text => out.raw(&debate::report::text(&corpus, &d, &filter))?,
        ReportFormat::Markdown => out.raw(&debate::report::markdown(&corpus, &d, &filter))?,
        ReportFormat::Json => {
            let v = debate::report::json(&corpus, &d, &filter);
            out.exact(&serde_json::to_string_pretty(&v).context("json")?)?;
        }
    }
    out.finish()?;
    Ok(0)
}

pub fn run_timeline(maps_dir: &Path, format: ReportFormat) -> anyhow::Result<i32> {
    let corpus = super::load(maps_dir)?;
    let t = Timeline::build(&corpus);
    let mut out = Out::stdout();
    match format {
        ReportFormat::Text => out.raw(&timeline::report::text(&corpus, &t))?,
        ReportFormat::Markdown => out.raw(&timeline::report::markdown(&corpus, &t))?,
        ReportFormat::Json => {
            let v = timeline::report::json(&corpus, &t);
            out.exact(&serde_json::to_string_pretty(&v).context("json")?)?;
        }
    }
    out.finish()?;
    Ok(0)
}

/// A theme the motion declares or some node uses; else an error naming the
/// vocabulary, since a misspelt theme would silently show nothing.
fn known_theme(corpus: &Corpus, theme: &str) -> anyhow::Result<()> {
    let declared = corpus
        .motion
        .as_ref()
        .is_some_and(|m| m.theme(theme).is_some());
    let used = || {
        corpus
            .articles()
            .any(|(_, a)| a.nodes.iter().any(|n| n.has_theme(theme)))
    };
    if declared || used() {
        return Ok(());
    }
    let known: Vec<&str> = corpus
        .motion
        .iter()
        .flat_map(|m| m.themes.iter().map(|t| &*t.id))
        .collect();
    bail!(
        "no theme `{theme}` in the motion or the maps\nhint: themes are: {}",
        if known.is_empty() {
            "(none)".to_string()
        } else {
            known.join(", ")
        }
    )
}
