//! `mizan check`: every diagnostic, compiler style or as JSON.

use std::path::Path;

use mizan::export::safe_json;
use mizan::model::validate::{self, Severity};
use mizan::store::{self, sources};
use mizan::text::plural::count;

use super::Format;
use super::out::Out;

pub fn run(maps_dir: &Path, sources_dir: Option<&Path>, format: Format) -> anyhow::Result<i32> {
    let corpus = super::load(maps_dir)?;
    let srcs = match sources_dir {
        Some(d) => Some(sources::load_sources(d, &corpus)?),
        None => None,
    };
    let mut diags = validate::validate(&corpus, maps_dir, srcs.as_ref());
    store::attach_snippets(&mut diags);
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    let articles = corpus.articles().count();
    let nodes = corpus.node_count();
    let mut out = Out::stdout();
    match format {
        Format::Text => {
            for d in &diags {
                out.text(&format!("{d}\n"))?;
            }
            let quotes = if srcs.is_some() {
                "quotes checked"
            } else {
                "quotes not checked (no --sources)"
            };
            out.text(&format!(
                "{}: {}, {}, {}; {}, {}; {quotes}",
                maps_dir.display(),
                count(corpus.maps.len(), "map"),
                count(articles, "article"),
                count(nodes, "node"),
                count(errors, "error"),
                count(warnings, "warning"),
            ))?;
        }
        Format::Json => {
            let doc = serde_json::json!({
                "maps_dir": maps_dir,
                "articles": articles,
                "nodes": nodes,
                "errors": errors,
                "warnings": warnings,
                "quotes_checked": srcs.is_some(),
                "diagnostics": diags,
            });
            out.exact(&safe_json::to_string_pretty(&doc)?)?;
        }
    }
    out.finish()?;
    Ok(if errors > 0 { 1 } else { 0 })
}
