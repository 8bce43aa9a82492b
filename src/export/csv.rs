//! Tidy tables for analysis in R, pandas or a spreadsheet: one row per node
//! ([`NODE_COLUMNS`]) and one row per link ([`LINK_COLUMNS`]), each table
//! its own CSV document (`mizan export --format csv -o DIR` writes
//! `nodes.csv` and `links.csv`; to stdout or a file, `--table` picks one).
//!
//! The format is RFC 4180: a header row, comma separators, CRLF line
//! ends, a field quoted with `"` (and inner quotes doubled) exactly when it
//! holds a comma, quote, CR or LF. UTF-8 without a byte-order mark. Texts
//! are written exactly as in the maps — Arabic in logical order, newlines
//! kept inside quoted fields — because this is data, not display; note
//! that a spreadsheet may read a cell starting with `=` as a formula.
//! Empty cells mean "not given"; lists (themes) are joined with `;`.
//! The columns are documented in the README, "For analysis".

use super::{ExportError, Selection};
use crate::model::{Article, bearing};

/// The node table's header, in order.
pub const NODE_COLUMNS: [&str; 17] = [
    "article",
    "outlet",
    "date",
    "date_inferred",
    "stance",
    "node",
    "parent",
    "depth",
    "relation",
    "bearing",
    "themes",
    "voice",
    "kind",
    "claim_en",
    "claim_ar",
    "quote",
    "links",
];

/// How the node table starts: a later export recognises its own file by it.
pub const NODE_HEADER: &str = "article,outlet,date,";
/// How the link table starts.
pub const LINK_HEADER: &str = "from_article,from_node,";

/// The link table's header, in order.
pub const LINK_COLUMNS: [&str; 7] = [
    "from_article",
    "from_node",
    "kind",
    "to_article",
    "to_node",
    "to",
    "resolved",
];

/// Which table to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Nodes,
    Links,
}

impl Table {
    pub const ALL: [Table; 2] = [Table::Nodes, Table::Links];

    /// The file name `-o DIR` writes the table to.
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Nodes => "nodes.csv",
            Table::Links => "links.csv",
        }
    }
}

/// Renders one table of a selection as a CSV document.
pub fn render(sel: &Selection, table: Table) -> Result<String, ExportError> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    match table {
        Table::Nodes => {
            w.write_record(NODE_COLUMNS)?;
            for a in &sel.articles {
                node_rows(&mut w, a)?;
            }
        }
        Table::Links => {
            w.write_record(LINK_COLUMNS)?;
            for a in &sel.articles {
                link_rows(&mut w, sel, a)?;
            }
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ::csv::Error::from(e.into_error()))?;
    // Every field written is a `&str`, so the bytes are UTF-8; the lossy
    // conversion never replaces anything.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn node_rows(w: &mut ::csv::Writer<Vec<u8>>, a: &Article) -> Result<(), ExportError> {
    let bearings = bearing::derive(a);
    let meta = &a.meta;
    let opt = |s: &Option<Box<str>>| s.as_deref().unwrap_or("").to_string();
    for idx in a.preorder() {
        let n = a.node(idx);
        let parent = n.parent().map_or("", |p| a.node(p).id());
        let themes = n.themes().collect::<Vec<_>>().join(";");
        let depth = a.depth(idx).to_string();
        w.write_record([
            a.id(),
            &opt(&meta.outlet),
            &opt(&meta.date),
            if meta.date_inferred { "true" } else { "false" },
            meta.stance.map_or("", |s| s.name()),
            n.id(),
            parent,
            &depth,
            n.relation.map_or("", |r| r.name()),
            bearings.of(idx).map_or("", |b| b.name()),
            &themes,
            n.voice().unwrap_or(""),
            n.kind.map_or("", |k| k.name()),
            n.claim_en(),
            n.claim_ar(),
            n.quote().unwrap_or(""),
            &n.links().len().to_string(),
        ])?;
    }
    Ok(())
}

fn link_rows(
    w: &mut ::csv::Writer<Vec<u8>>,
    sel: &Selection,
    a: &Article,
) -> Result<(), ExportError> {
    for idx in a.preorder() {
        let n = a.node(idx);
        for l in n.links() {
            let (to_article, to_node) = l.target().unwrap_or(("", ""));
            w.write_record([
                a.id(),
                n.id(),
                l.kind.name(),
                to_article,
                to_node,
                &l.to,
                if sel.resolves(&l.to) { "true" } else { "false" },
            ])?;
        }
    }
    Ok(())
}
